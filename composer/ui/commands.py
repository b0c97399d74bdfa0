"""Undo commands: every user action is one QUndoCommand on the document's stack."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtGui import QUndoCommand

from .document import Document

_MERGE_ID = 1001
MERGE_PAUSE = 2.0  # seconds: typing after a longer pause starts a new undo step


class SetValuesCommand(QUndoCommand):
    """Set one or more report values (a cell, a paste, auto-sum, a text field).

    Commands with the same ``merge_key`` (one editor's typing) merge into one step while
    the typing goes on; a pause or another action starts a new step.
    """

    def __init__(self, doc: Document, changes: list[tuple[str, Any, Any]], text: str,
                 merge_key: str | None = None):
        super().__init__(text)
        self.doc = doc
        self.old = {path: old for path, old, _ in changes}
        self.new = {path: new for path, _, new in changes}
        self.merge_key = merge_key
        self.stamp = time.monotonic()

    def id(self) -> int:
        return _MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetValuesCommand) or other.merge_key != self.merge_key:
            return False
        if other.stamp - self.stamp > MERGE_PAUSE:
            return False
        self.new.update(other.new)
        for path, old in other.old.items():
            self.old.setdefault(path, old)
        self.stamp = other.stamp
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        self.doc.apply(self.new)

    def undo(self) -> None:
        self.doc.apply(self.old)


class DismissCommand(QUndoCommand):
    """Dismiss a warning with a reason, or restore it (reason None)."""

    def __init__(self, doc: Document, key: str, reason: str | None, text: str):
        super().__init__(text)
        self.doc = doc
        self.key = key
        self.reason = reason
        self.before = doc.state.dismissed.get(key)

    def redo(self) -> None:
        self.doc.set_dismissed(self.key, self.reason)

    def undo(self) -> None:
        self.doc.set_dismissed(self.key, self.before)


def set_values(doc: Document, values: dict[str, Any], text: str, merge_key: str | None = None) -> bool:
    """Push one step setting ``values``; nothing is pushed when nothing changes."""
    changes = [(p, doc.report.get(p), v) for p, v in values.items() if doc.report.get(p) != v
               or type(doc.report.get(p)) is not type(v)]
    if not changes:
        return False
    doc.stack.push(SetValuesCommand(doc, changes, text, merge_key))
    return True
