"""The project file and the recovery copy: a report plus the program's own state.

A project file (``.nianbao``) is report JSON with one extra top-level key, ``"composer"``,
holding what is not report content: dismissed warnings with the clerk's reason. Any report
JSON is a valid project file with an empty state, and every report reader ignores the key.

The recovery copy is a project file written shortly after every change to a per-instance
slot in the data directory; a clean exit removes it, a crash leaves it for the next start.
Pure Python: the window decides *when*, this module decides *what* and *where*.
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ReportFileError
from .fileio import os_error_message
from .report import Report, parse_json_text, read_text_file, save_report
from .rules import ERROR, Finding

STATE_KEY = "composer"
RECOVERY_DIR = "recovery"
_SLOT_FILE = re.compile(r"^recovery-(\d+)\.nianbao$")


@dataclass
class ProjectState:
    """Program state kept beside the report in a project file."""

    dismissed: dict[str, str] = field(default_factory=dict)  # Finding.key -> reason

    def to_json(self) -> dict[str, Any]:
        return {"dismissed": dict(self.dismissed)}

    def is_dismissed(self, finding: Finding) -> bool:
        """A warning the clerk explained; errors cannot be dismissed."""
        return finding.severity != ERROR and finding.key in self.dismissed

    def partition(self, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
        """(findings still to act on, warnings dismissed with a reason), each in check order."""
        active = [f for f in findings if not self.is_dismissed(f)]
        return active, [f for f in findings if self.is_dismissed(f)]

    @classmethod
    def from_json(cls, obj: Any) -> ProjectState:
        if obj is None:
            return cls()
        if not isinstance(obj, dict):
            raise ReportFileError(f"“{STATE_KEY}”应为对象")
        dismissed = obj.get("dismissed") or {}
        if not isinstance(dismissed, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in dismissed.items()):
            raise ReportFileError(f"“{STATE_KEY}.dismissed”应为“提醒 → 理由”的对象")
        return cls(dismissed=dict(dismissed))


@dataclass
class Project:
    report: Report
    state: ProjectState = field(default_factory=ProjectState)


def parse_project_text(text: str, source: str | None = None) -> Project:
    """A project file or plain report JSON. Raises ReportFileError with a Chinese message."""
    obj = parse_json_text(text, source)
    if not isinstance(obj, dict):
        raise ReportFileError("文件内容不是一份报告（应为 JSON 对象）", source=source)
    try:
        state = ProjectState.from_json(obj.pop(STATE_KEY, None))
        report = Report.from_json(obj)
    except ReportFileError as err:
        raise err.with_source(source) from None
    return Project(report, state)


def load_project(path: str | os.PathLike) -> Project:
    return parse_project_text(read_text_file(path), source=os.fspath(path))


def save_project(project: Project, path: str | os.PathLike, **extra_state: Any) -> None:
    """Write the project atomically (temporary file, fsync, rename)."""
    state = project.state.to_json() | extra_state
    try:
        save_report(project.report, path, extra={STATE_KEY: state})
    except OSError as err:
        raise ReportFileError(f"无法保存文件（{os_error_message(err)}）", source=os.fspath(path)) from None


# ---------------------------------------------------------------- recovery


def recovery_dir(base: str | os.PathLike) -> Path:
    return Path(base) / RECOVERY_DIR


def recovery_path(directory: str | os.PathLike, slot: int) -> Path:
    return Path(directory) / f"recovery-{slot}.nianbao"


def recovery_slots(directory: str | os.PathLike) -> list[int]:
    """Slots that hold a recovery copy, newest first."""
    d = Path(directory)
    if not d.is_dir():
        return []
    found = []
    for entry in d.iterdir():
        m = _SLOT_FILE.match(entry.name)
        if m:
            try:
                found.append((entry.stat().st_mtime, int(m.group(1))))
            except OSError:
                continue
    return [slot for _, slot in sorted(found, reverse=True)]


@dataclass
class Recovery:
    project: Project
    source: str | None  # the file being edited, None for an unsaved new report
    saved_at: float  # seconds since the epoch


def write_recovery(directory: str | os.PathLike, slot: int, project: Project,
                   source: str | os.PathLike | None) -> Path:
    path = recovery_path(directory, slot)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_project(project, path, recovery={"source": os.fspath(source) if source else None,
                                          "saved_at": time.time()})
    return path


def read_recovery(directory: str | os.PathLike, slot: int) -> Recovery:
    path = recovery_path(directory, slot)
    text = read_text_file(path)
    try:
        meta = json.loads(text).get(STATE_KEY, {}).get("recovery") or {}
    except (ValueError, AttributeError):
        meta = {}
    project = parse_project_text(text, source=os.fspath(path))
    source = meta.get("source") if isinstance(meta.get("source"), str) else None
    saved_at = meta.get("saved_at") if isinstance(meta.get("saved_at"), (int, float)) else 0.0
    return Recovery(project, source, float(saved_at))


def clear_recovery(directory: str | os.PathLike, slot: int) -> None:
    try:
        recovery_path(directory, slot).unlink()
    except FileNotFoundError:
        pass
