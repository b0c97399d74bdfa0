"""The kinds of file the program reads, by suffix: one list for the CLI, the window and the dialogs."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_SUFFIX = ".nianbao"
REPORT_SUFFIXES = (".json", PROJECT_SUFFIX)
DOCUMENT_SUFFIXES = (".docx", ".docm", ".doc", ".wps", ".odt", ".rtf", ".html", ".htm", ".shtml", ".xhtml",
                     ".txt", ".text", ".pdf")
OPENABLE_SUFFIXES = (*REPORT_SUFFIXES, *DOCUMENT_SUFFIXES)

# The open dialog's groups: (name shown, suffixes), most useful first.
FILE_TYPE_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("所有可打开的报告", OPENABLE_SUFFIXES),
    ("年报项目文件", (PROJECT_SUFFIX,)),
    ("Word / WPS 文档", (".docx", ".docm", ".doc", ".wps", ".odt", ".rtf")),
    ("PDF 文件", (".pdf",)),
    ("网页", (".html", ".htm", ".shtml", ".xhtml")),
    ("文本文件", (".txt", ".text")),
    ("报告 JSON", (".json",)),
)


def is_report_file(path: str | os.PathLike[str]) -> bool:
    """A project file or report JSON (read as it is), as opposed to a document to import."""
    return Path(path).suffix.lower() in REPORT_SUFFIXES


def is_openable(path: Path) -> bool:
    """A file a folder check or a drop should take: readable suffix, not a Word lock file or hidden."""
    return path.suffix.lower() in OPENABLE_SUFFIXES and not path.name.startswith(("~$", "."))


def dialog_filter() -> str:
    """The open dialog's filter string ("名称 (*.a *.b);;…"), every importable type listed."""
    return ";;".join(f"{name} ({' '.join('*' + s for s in suffixes)})" for name, suffixes in FILE_TYPE_GROUPS) \
        + ";;所有文件 (*)"
