"""Typed errors of the core. Each carries the Chinese message the front ends show.

Front ends and tests tell failures apart by class, never by wording: every way a file can
fail to open, a render can fail or a save can be refused has its own kind below.
"""

from __future__ import annotations

from typing import TypeVar

_E = TypeVar("_E", bound="ComposerError")


class ComposerError(Exception):
    """Base of every error the user may see. ``str(err)`` is the Chinese message."""

    def __init__(self, message: str, *, source: str | None = None):
        self.message = message
        self.source = source  # the file or field concerned, if any
        super().__init__(f"{source}：{message}" if source else message)

    def with_source(self: _E, source: str | None) -> _E:
        """The same failure, naming the file it concerns (kept when one is named already)."""
        if self.source is not None or source is None:
            return self
        twin = type(self).__new__(type(self))
        twin.__dict__.update(self.__dict__)
        ComposerError.__init__(twin, self.message, source=source)
        return twin


# --- report JSON and project files -------------------------------------------------------

class ReportFileError(ComposerError):
    """A report JSON or project file that cannot be read: not JSON, wrong shape, wrong type."""


class UnsupportedVersionError(ReportFileError):
    """A report file written by a newer composer."""


class InputError(ComposerError):
    """A value the user typed or pasted that is not acceptable for its cell."""


class NoReportYear(ComposerError):
    """Last year's report has no year: this year's draft cannot be dated."""


# --- importing published documents --------------------------------------------------------

class ImportFailed(ComposerError):
    """A document that cannot be imported as a report (the general kind; see the kinds below)."""


class EmptyFile(ImportFailed):
    """A file of 0 bytes."""


class UnknownFileType(ImportFailed):
    """Neither Word, web page, PDF nor text."""


class CorruptDocument(ImportFailed):
    """A document whose inner structure is broken (bad zip, bad PDF, unreadable XML)."""


class UnreadableEncoding(ImportFailed):
    """A text file in an encoding we cannot tell."""


class NotAReport(ImportFailed):
    """A readable document that holds no annual report."""


class ScannedPdf(ImportFailed):
    """A PDF with pictures of pages and no text."""


class EncryptedDocument(ImportFailed):
    """A PDF (or office file) that needs a password."""


class TooLarge(ImportFailed):
    """A file, or a part of one, over the size or count a report can have."""


class ZipBomb(TooLarge):
    """A compressed part that inflates far beyond its size: refused as hostile."""


class ResourceLimit(ImportFailed):
    """Reading took more time or memory than any report needs and was stopped."""


class OfficeMissing(ImportFailed):
    """A .doc/.wps/.odt/.rtf file, and no LibreOffice to convert it."""


class OfficeConversionFailed(ImportFailed):
    """LibreOffice was found but could not convert the file (or took too long)."""


class FileAccessError(ImportFailed):
    """The operating system refused to read the file (missing, locked, no permission)."""


# --- rendering ----------------------------------------------------------------------------

class RenderFailed(ComposerError):
    """A report that cannot be rendered (template, office suite, output file)."""


class TemplateError(RenderFailed):
    """A custom DOCX template with a wrong tag."""


class TemplateLimit(TemplateError):
    """A template that loops or grows text beyond any report's need."""


class PdfConverterMissing(RenderFailed):
    """No LibreOffice (or WPS) to make a PDF with."""


class OutputError(RenderFailed):
    """The output file cannot be written."""


# --- saving -------------------------------------------------------------------------------

class SaveRefused(ComposerError):
    """A save that would overwrite someone else's work (file locked or changed on disk)."""


class DocumentLocked(SaveRefused):
    """The report is open in another window or program (its lock file names who)."""


class ChangedOnDisk(SaveRefused):
    """The file was changed by someone else since it was opened here."""
