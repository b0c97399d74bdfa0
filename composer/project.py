"""The project file and the recovery copy: a report plus the program's own state.

A project file (``.nianbao``) is report JSON with one extra top-level key, ``"composer"``,
holding what is not report content: dismissed warnings with the clerk's reason. Any report
JSON is a valid project file with an empty state, and every report reader ignores the key.

The recovery copy is a project file written shortly after every change to a per-instance
slot in the data directory; a clean exit removes it, a crash leaves it for the next start.
Each slot is held by one window through a lock file (``composer.doclock``); a copy whose
window is gone is offered at the next start. A copy that cannot be read is set aside and
reported, one from a newer version is left where it is; neither is ever deleted.
Pure Python: the window decides *when*, this module decides *what* and *where*.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .doclock import FileLock, FileStamp, LockOwner, check_before_save, valid_timestamp
from .errors import ReportFileError, UnsupportedVersionError
from .fileio import atomic_write_bytes, clean_stale_temps, os_error_message
from .report import Report, parse_json_text, read_text_file, report_json_bytes, save_report
from .rules import ERROR, Finding

_log = logging.getLogger(__name__)

STATE_KEY = "composer"
RECOVERY_DIR = "recovery"
KEPT_DIR = "kept"  # unreadable recovery copies, set aside for a person to look at
MAX_SLOTS = 99
_SLOT_FILE = re.compile(r"^recovery-(\d{1,6})\.nianbao$")


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
    return _project_from_obj(parse_json_text(text, source), source)


def _project_from_obj(obj: Any, source: str | None) -> Project:
    if not isinstance(obj, dict):
        raise ReportFileError("文件内容不是一份报告（应为 JSON 对象）", source=source)
    try:
        state = ProjectState.from_json(obj.pop(STATE_KEY, None))
        report = Report.from_json(obj)
    except ReportFileError as err:
        raise (err.with_source(source) if source else err) from None
    return Project(report, state)


def load_project(path: str | os.PathLike[str]) -> Project:
    return parse_project_text(read_text_file(path), source=os.fspath(path))


def save_project(project: Project, path: str | os.PathLike[str], **extra_state: Any) -> None:
    """Write the project atomically (temporary file, fsync, rename)."""
    state = project.state.to_json() | extra_state
    try:
        save_report(project.report, path, extra={STATE_KEY: state})
    except OSError as err:
        raise ReportFileError(f"无法保存文件（{os_error_message(err)}）", source=os.fspath(path)) from None


def save_project_checked(project: Project, path: str | os.PathLike[str], stamp: FileStamp | None,
                         own_lock: FileLock | None = None) -> FileStamp | None:
    """Save over a file opened earlier, unless that would overwrite someone else's work.

    ``stamp`` is the file's state when it was opened (or last saved) here; raises DocumentLocked
    when another window or program has the file open and ChangedOnDisk when it changed on disk.
    Returns the new stamp to remember.
    """
    check_before_save(path, stamp, own_lock=own_lock)
    save_project(project, path)
    return FileStamp.of(path)


# ---------------------------------------------------------------- recovery


def recovery_dir(base: str | os.PathLike[str]) -> Path:
    return Path(base) / RECOVERY_DIR


def recovery_path(directory: str | os.PathLike[str], slot: int) -> Path:
    return Path(directory) / f"recovery-{slot}.nianbao"


def slot_lock_path(directory: str | os.PathLike[str], slot: int) -> Path:
    return Path(directory) / f"recovery-{slot}.lock"


def recovery_slots(directory: str | os.PathLike[str]) -> list[int]:
    """Slots that hold a recovery copy, the most recently saved first (by the time written
    inside each copy, not the file's time; copies without a plausible time come last)."""
    d = Path(directory)
    if not d.is_dir():
        return []
    found: list[tuple[float, int]] = []
    for entry in d.iterdir():
        m = _SLOT_FILE.match(entry.name)
        if m:
            found.append((_saved_at_of(entry) or 0.0, int(m.group(1))))
    return [slot for _, slot in sorted(found, key=lambda t: (-t[0], t[1]))]


def _saved_at_of(path: Path) -> float | None:
    try:
        meta = _recovery_meta(read_text_file(path))
    except ReportFileError:
        return None
    return valid_timestamp(meta.get("saved_at"))


def _recovery_meta(text: str) -> dict[str, Any]:
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    state = obj.get(STATE_KEY) if isinstance(obj, dict) else None
    meta = state.get("recovery") if isinstance(state, dict) else None
    return meta if isinstance(meta, dict) else {}


def _valid_source(value: Any) -> str | None:
    if not isinstance(value, str) or not value or len(value) > 4096 or "\x00" in value:
        return None
    return value


@dataclass
class Recovery:
    project: Project
    source: str | None  # the file being edited, None for an unsaved new report
    saved_at: float  # seconds since the epoch; 0.0 when the copy has no plausible time
    source_stamp: FileStamp | None = None  # the source file as the window had opened it


@dataclass
class RecoverySlot:
    """A slot this window holds: its copy is written here and nobody else offers it."""

    directory: Path
    number: int
    lock: FileLock

    @property
    def path(self) -> Path:
        return recovery_path(self.directory, self.number)

    def release(self) -> None:
        self.lock.release()


def lock_slot(directory: str | os.PathLike[str], slot: int) -> RecoverySlot | None:
    """Hold ``slot`` (its copy included), or None when a running window holds it."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    got = FileLock.try_acquire(slot_lock_path(d, slot))
    if isinstance(got, LockOwner):
        return None
    return RecoverySlot(d, slot, got)


def claim_slot(directory: str | os.PathLike[str]) -> RecoverySlot | None:
    """A free slot for a new window: not held, and holding nobody's unrecovered work."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    for n in range(1, MAX_SLOTS + 1):
        if recovery_path(d, n).exists():
            continue  # someone's unrecovered work (or a running window's copy)
        held = lock_slot(d, n)
        if held is None:
            continue
        if recovery_path(d, n).exists():  # written between the two looks
            held.release()
            continue
        return held
    return None


def recovery_bytes(project: Project, source: str | os.PathLike[str] | None, saved_at: float | None = None,
                   source_stamp: FileStamp | None = None) -> bytes:
    """The recovery copy's content, made on the thread that owns the report (cheap: JSON text);
    writing it can then happen elsewhere. ``source_stamp`` is the source file's state when the
    window opened it: after a restore, a save still notices changes made on disk since."""
    meta: dict[str, Any] = {"source": os.fspath(source) if source else None,
                            "saved_at": time.time() if saved_at is None else saved_at}
    if source_stamp is not None:
        meta["source_stamp"] = {"size": source_stamp.size, "mtime_ns": source_stamp.mtime_ns,
                                "sha256": source_stamp.sha256}
    state = project.state.to_json() | {"recovery": meta}
    return report_json_bytes(project.report, extra={STATE_KEY: state})


def _valid_stamp(value: Any) -> FileStamp | None:
    if not isinstance(value, dict):
        return None
    size, mtime, digest = value.get("size"), value.get("mtime_ns"), value.get("sha256")
    if not (isinstance(size, int) and isinstance(mtime, int) and not isinstance(size, bool)
            and not isinstance(mtime, bool) and size >= 0 and isinstance(digest, str)
            and re.fullmatch(r"[0-9a-f]{64}", digest)):
        return None
    return FileStamp(size, mtime, digest)


def write_recovery_bytes(directory: str | os.PathLike[str], slot: int, data: bytes) -> Path:
    path = recovery_path(directory, slot)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, data)
    return path


def write_recovery(directory: str | os.PathLike[str], slot: int, project: Project,
                   source: str | os.PathLike[str] | None) -> Path:
    return write_recovery_bytes(directory, slot, recovery_bytes(project, source))


def read_recovery(directory: str | os.PathLike[str], slot: int) -> Recovery:
    """The copy in ``slot``, its fields checked one by one. Raises ReportFileError (or
    UnsupportedVersionError for a copy from a newer version)."""
    path = recovery_path(directory, slot)
    name = os.fspath(path)
    text = read_text_file(path)
    try:
        # Infinity/NaN are let through here only so that a broken time in the copy's own
        # metadata does not cost the report; in a cell they are refused by Report.from_json.
        obj = json.loads(text, parse_float=Decimal, parse_constant=float)
    except (ValueError, RecursionError):
        obj = parse_json_text(text, name)  # raises the Chinese reason
    state = obj.get(STATE_KEY) if isinstance(obj, dict) else None
    meta = state.pop("recovery", None) if isinstance(state, dict) else None
    meta = meta if isinstance(meta, dict) else {}
    project = _project_from_obj(obj, name)
    return Recovery(project, _valid_source(meta.get("source")), valid_timestamp(meta.get("saved_at")) or 0.0,
                    _valid_stamp(meta.get("source_stamp")))


def clear_recovery(directory: str | os.PathLike[str], slot: int) -> None:
    try:
        recovery_path(directory, slot).unlink()
    except FileNotFoundError:
        pass


@dataclass
class Leftover:
    """A recovery copy found at start that no running window holds."""

    slot: int
    recovery: Recovery | None  # None when it cannot be offered
    problem: str = ""  # why not, in Chinese
    kept_at: Path | None = None  # where an unreadable copy was set aside


def set_aside(directory: str | os.PathLike[str], slot: int) -> Path:
    """Move an unreadable copy out of the way (never delete it) and say where it went."""
    d = Path(directory)
    kept = d / KEPT_DIR
    kept.mkdir(parents=True, exist_ok=True)
    target = kept / f"recovery-{slot}-{time.strftime('%Y%m%d-%H%M%S')}.nianbao"
    n = 1
    while target.exists():
        n += 1
        target = kept / f"recovery-{slot}-{time.strftime('%Y%m%d-%H%M%S')}-{n}.nianbao"
    os.replace(recovery_path(d, slot), target)
    return target


def start_cleanup(directory: str | os.PathLike[str]) -> None:
    """At start: remove temporary files a killed save left in the recovery folder."""
    if Path(directory).is_dir():
        clean_stale_temps(directory)


def leftovers(directory: str | os.PathLike[str], skip: int | None = None) -> list[tuple[Leftover, RecoverySlot]]:
    """Recovery copies of windows that are gone, most recently saved first, each with its slot
    now held by the caller (release the ones not taken).

    A copy that cannot be read is set aside (see ``set_aside``), one from a newer version is
    left in place; both come back with ``recovery`` None and a Chinese ``problem``.
    """
    start_cleanup(directory)
    found: list[tuple[Leftover, RecoverySlot]] = []
    for slot in recovery_slots(directory):
        if slot == skip:
            continue
        held = lock_slot(directory, slot)
        if held is None:
            continue  # a running window owns it
        try:
            found.append((Leftover(slot, read_recovery(directory, slot)), held))
        except UnsupportedVersionError:
            _log.warning("recovery copy %d is from a newer version; kept", slot, exc_info=True)
            found.append((Leftover(slot, None, "该自动恢复副本由更新版本的年报编制器保存，本程序无法读取；"
                                   f"已原样保留在 {recovery_path(directory, slot)}，请用新版本打开"), held))
        except ReportFileError as err:
            _log.warning("recovery copy %d is unreadable", slot, exc_info=True)
            try:
                kept = set_aside(directory, slot)
            except OSError:
                _log.warning("cannot set aside recovery copy %d", slot, exc_info=True)
                kept = recovery_path(directory, slot)
            found.append((Leftover(slot, None, f"一份自动恢复副本无法读取（{err.message}），"
                                   f"已保留在 {kept}", kept), held))
    return found
