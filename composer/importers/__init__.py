"""Reading reports: report JSON and project files now; documents (DOCX, HTML, text, PDF) to come."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ImportFailed
from ..report import Report, load_report

REPORT_SUFFIXES = (".json", ".nianbao")


@dataclass
class ImportResult:
    report: Report
    notes: list[str] = field(default_factory=list)  # Chinese: what could not be read for sure


def import_file(path: str | os.PathLike) -> ImportResult:
    """Any file the program can read, as a Report. Raises ReportFileError or ImportFailed."""
    suffix = Path(path).suffix.lower()
    if suffix in REPORT_SUFFIXES:
        return ImportResult(load_report(path))
    raise ImportFailed(f"不支持的文件类型“{suffix or '无扩展名'}”", source=os.fspath(path))
