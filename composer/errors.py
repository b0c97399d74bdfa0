"""Typed errors of the core. Each carries the Chinese message the front ends show."""

from __future__ import annotations


class ComposerError(Exception):
    """Base of every error the user may see. ``str(err)`` is the Chinese message."""

    def __init__(self, message: str, *, source: str | None = None):
        self.message = message
        self.source = source  # the file or field concerned, if any
        super().__init__(f"{source}：{message}" if source else message)


class ReportFileError(ComposerError):
    """A report JSON or project file that cannot be read: not JSON, wrong shape, wrong type."""


class UnsupportedVersionError(ReportFileError):
    """A report file written by a newer composer."""


class InputError(ComposerError):
    """A value the user typed or pasted that is not acceptable for its cell."""


class ImportFailed(ComposerError):
    """A document that cannot be imported as a report."""


class RenderFailed(ComposerError):
    """A report that cannot be rendered (template, office suite, output file)."""


class TemplateError(RenderFailed):
    """A custom DOCX template with a wrong tag."""
