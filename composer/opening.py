"""Opening any file the program reads: one function for the CLI and the window alike.

A project file (.nianbao) or report JSON is read as it is, with the program state it
carries; any other file is a published document imported by ``composer.importers``.

A document is untrusted input: it is read in a child process with a ceiling on memory and
time (``composer.isolation``), so a hostile or broken file ends in a Chinese ResourceLimit
instead of freezing the window or exhausting the machine. An old Word/WPS file is first
converted by LibreOffice here (LibreOffice is a process of its own with its own time limit),
and the converted file is read in the child.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ComposerError
from .fileio import clean_stale_temps
from .filetypes import is_report_file
from .isolation import TIME_LIMIT, in_process, run_isolated
from .project import Project, ProjectState, load_project

if TYPE_CHECKING:
    from .importers.result import ImportResult

_log = logging.getLogger(__name__)


@dataclass
class Opened:
    """What opening a file gave: the project, what the import could not read for sure, and
    whether the file is the clerk's own project (saved back to) or a document (imported)."""

    project: Project
    notes: list[str] = field(default_factory=list)
    is_project: bool = False


def open_any(path: str | os.PathLike[str], *, isolated: bool = True) -> Opened:
    """Read ``path`` whatever it is. Raises a ComposerError subclass with a Chinese message.

    ``isolated=False`` (or ``COMPOSER_IN_PROCESS=1``) reads a document in this process, without
    the memory and time ceiling: for tests and benches only.
    """
    if is_report_file(path):
        clean_stale_temps(Path(path).resolve().parent)  # what a save killed midway left beside it
        return Opened(load_project(path), [], True)
    result = import_document(os.fspath(path), isolated=isolated)
    return Opened(Project(result.report, ProjectState()), list(result.notes), False)


def import_document(name: str, *, isolated: bool = True, timeout: float = TIME_LIMIT) -> ImportResult:
    """An ImportResult for a published document, read within the ceilings (see module doc)."""
    from .importers import import_file, sniff_kind  # heavy (python-docx, pdfplumber): documents only

    if not isolated or in_process():
        return import_file(name)
    kind = sniff_kind(name)
    if kind in ("odt", "office"):
        from .importers.office import convert_to_docx

        with tempfile.TemporaryDirectory(prefix="composer-import-") as workdir:
            converted = convert_to_docx(name, workdir)
            return run_isolated(import_converted, converted, name, timeout=timeout, source=name)
    return run_isolated(import_file, name, timeout=timeout, source=name)


def import_converted(converted: str, original: str) -> ImportResult:
    """Read a DOCX that LibreOffice made from ``original``; errors name the original."""
    from .importers import import_file

    try:
        return import_file(converted)
    except ComposerError as err:
        twin = type(err).__new__(type(err))
        ComposerError.__init__(twin, err.message, source=original)
        raise twin from None
