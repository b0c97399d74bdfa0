"""Opening any file the program reads: one function for the CLI and the window alike.

A project file (.nianbao) or report JSON is read as it is, with the program state it
carries; any other file is a published document imported by ``composer.importers``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .filetypes import is_report_file
from .project import Project, ProjectState, load_project


@dataclass
class Opened:
    """What opening a file gave: the project, what the import could not read for sure, and
    whether the file is the clerk's own project (saved back to) or a document (imported)."""

    project: Project
    notes: list[str] = field(default_factory=list)
    is_project: bool = False


def open_any(path: str | os.PathLike) -> Opened:
    """Read ``path`` whatever it is. Raises a ComposerError subclass with a Chinese message."""
    if is_report_file(path):
        return Opened(load_project(path), [], True)
    from .importers import import_file  # documents need python-docx, pdfplumber…; JSON does not

    result = import_file(path)
    return Opened(Project(result.report, ProjectState()), list(result.notes), False)
