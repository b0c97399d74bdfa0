"""The open report as a Qt object: one Report, its program state, its findings, one undo stack.

Every change goes through ``apply`` (called only by undo commands), which re-runs the
rules at once and tells the views which paths changed, so a view never decides what is
wrong: it paints what ``findings`` says.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack

from ..project import Project, ProjectState
from ..report import Report
from ..rules import Finding, by_cell, check, count


class Hook:
    """A plain-Python notification with the connect/emit shape of a signal.

    Used for the per-edit notifications instead of Qt signals: PySide6 6.12.0 on CPython 3.11
    drops a reference to True on every Python-side Signal.emit, which crashes the interpreter
    after a few hundred edits; a list of callbacks is also cheaper on the edit path.
    """

    def __init__(self):
        self._slots = []

    def connect(self, slot) -> None:
        self._slots.append(slot)

    def emit(self, *args) -> None:
        for slot in list(self._slots):
            slot(*args)


class Document(QObject):
    def __init__(self, report: Report, state: ProjectState | None = None,
                 path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.changed = Hook()  # paths whose value changed
        self.checked = Hook()  # findings recomputed (after every change)
        self.reset = Hook()  # a different report was loaded
        self.stack = QUndoStack(self)
        self.report = report
        self.state = state or ProjectState()
        self.path = path
        self.restored = False  # content came from a recovery copy: unsaved although the stack is clean
        self.findings: list[Finding] = []  # everything the rules say
        self.active: list[Finding] = []  # findings not dismissed
        self.by_cell: dict[str, list[Finding]] = {}
        # Paths whose value or findings changed in the last check: views repaint only these.
        self.dirty: set[str] = set()
        self.findings_changed = True  # the last check changed the list of findings
        self._recheck()

    # ------------------------------------------------------------ state

    def load(self, report: Report, state: ProjectState | None = None, path: Path | None = None,
             restored: bool = False) -> None:
        self.stack.clear()
        self.report = report
        self.state = state or ProjectState()
        self.path = path
        self.restored = restored
        self._recheck()
        self.findings_changed = True
        self.reset.emit()
        self.checked.emit()

    def project(self) -> Project:
        return Project(self.report, self.state)

    def is_modified(self) -> bool:
        return self.restored or not self.stack.isClean()

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self.restored = False
        self.stack.setClean()

    def is_dismissed(self, finding: Finding) -> bool:
        return self.state.is_dismissed(finding)

    # ------------------------------------------------------------ changes (undo commands only)

    def apply(self, values: dict[str, Any]) -> None:
        for path, value in values.items():
            self.report.set(path, value)
            if path.startswith("fee_notices.") and self.report.fee_notices is not None \
                    and all(v is None for v in self.report.fee_notices.values()):
                self.report.fee_notices = None  # all three cleared: the figures are not stated
        self._recheck(values)
        self.changed.emit(list(values))
        self.checked.emit()

    def set_dismissed(self, key: str, reason: str | None) -> None:
        if reason is None:
            self.state.dismissed.pop(key, None)
        else:
            self.state.dismissed[key] = reason
        self._recheck()
        self.checked.emit()

    def _recheck(self, values: dict[str, Any] | None = None) -> None:
        old_findings, old_active, old_by_cell = self.findings, self.active, self.by_cell
        self.findings = check(self.report)
        self.active, _ = self.state.partition(self.findings)
        self.findings_changed = self.findings != old_findings or self.active != old_active
        if self.findings_changed:
            self.by_cell = by_cell(self.active)
        dirty = set(values or ())
        if self.findings_changed:
            new = self.by_cell
            dirty.update(p for p in old_by_cell.keys() | new.keys() if old_by_cell.get(p) != new.get(p))
        self.dirty = dirty

    def counts(self) -> tuple[int, int, int]:
        """(errors, warnings not dismissed, dismissed)."""
        errors, warnings = count(self.active)
        return errors, warnings, len(self.findings) - len(self.active)
