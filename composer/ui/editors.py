"""Text editors bound to one report path: prose (with finding spans highlighted) and single-line fields.

Typing pushes merged undo steps on the document's stack (the widgets' own undo is off, so
Ctrl+Z always means the one stack); undo and redo write back into the widgets.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit

from .. import palette, schema
from ..errors import InputError
from ..rules import ERROR
from ..values import format_value, parse_date, parse_value, parse_year
from .commands import set_values
from .document import Document
from .grid_model import COLOURS

_sessions = itertools.count(1)


REDO_Y = QKeySequence("Ctrl+Y")  # Windows and WPS habit, on every platform


def _is_undo_key(event) -> bool:
    if event.type() != QEvent.Type.ShortcutOverride:
        return False
    return (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
            or QKeySequence(event.keyCombination()) == REDO_Y)


def utf16_offset(text: str, index: int) -> int:
    """Qt counts UTF-16 units; Python counts code points (they differ beyond the BMP)."""
    return len(text[:index].encode("utf-16-le")) // 2


class ProseEdit(QPlainTextEdit):
    def __init__(self, doc: Document, path: str, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.path = path
        self.setObjectName(f"prose-{path}")
        self.setUndoRedoEnabled(False)
        self._session = next(_sessions)
        self._updating = False
        self.setPlainText(doc.report.get(path))
        self.textChanged.connect(self._on_text_changed)
        doc.changed.connect(self._on_doc_changed)
        doc.reset.connect(self._reload)
        doc.checked.connect(self._on_checked)
        self.highlight()

    def event(self, event):
        if _is_undo_key(event):
            event.ignore()  # let the window's Undo/Redo act on the one stack
            return False
        return super().event(event)

    def focusOutEvent(self, event):
        self._session = next(_sessions)  # leaving the editor ends the typing step
        super().focusOutEvent(event)

    zoom_hook: Callable[[int], None] | None = None  # the window's zoom (Ctrl+wheel zooms grids and prose together)

    def wheelEvent(self, event):
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta and self.zoom_hook is not None:
                self.zoom_hook(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def set_zoom(self, factor: float) -> None:
        if not hasattr(self, "_base_point_size"):
            self._base_point_size = self.font().pointSizeF()
        font = self.font()
        font.setPointSizeF(self._base_point_size * factor)
        self.setFont(font)

    def _on_text_changed(self) -> None:
        if self._updating:
            return
        name = schema.cell_name(self.path)
        set_values(self.doc, {self.path: self.toPlainText()}, f"编辑 {name}",
                   merge_key=f"text:{self.path}:{self._session}")

    def _set_text(self, text: str) -> None:
        if text == self.toPlainText():
            return
        self._updating = True
        try:
            pos = self.textCursor().position()
            self.setPlainText(text)
            cursor = self.textCursor()
            cursor.setPosition(min(pos, len(self.toPlainText())))
            self.setTextCursor(cursor)
        finally:
            self._updating = False

    def _on_doc_changed(self, paths: list) -> None:
        if self.path in paths:
            self._set_text(self.doc.report.get(self.path))

    def _reload(self) -> None:
        self._session = next(_sessions)
        self._set_text(self.doc.report.get(self.path))
        self.highlight()

    def _on_checked(self) -> None:
        if self.path in self.doc.dirty:  # only the editor whose text or findings changed re-highlights
            self.highlight()

    def highlight(self) -> None:
        text = self.toPlainText()
        selections = []
        for f in self.doc.active:
            if f.span is None or not f.cells or f.cells[0] != self.path:
                continue
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            colour = COLOURS["error" if f.severity == ERROR else "warning"]
            fmt.setBackground(colour)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor(palette.SEVERITY_SHADES["error" if f.severity == ERROR else "warning"].text))
            fmt.setToolTip(f.message)
            sel.format = fmt
            cursor = QTextCursor(self.document())
            start, end = (utf16_offset(text, i) for i in f.span)
            cursor.setPosition(min(start, len(text)))
            cursor.setPosition(min(end, len(text)), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            selections.append(sel)
        self.setExtraSelections(selections)

    def select_span(self, span: tuple[int, int] | None) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        if span is None:
            return
        text = self.toPlainText()
        cursor = self.textCursor()
        cursor.setPosition(utf16_offset(text, span[0]))
        cursor.setPosition(utf16_offset(text, span[1]), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()


def parse_field(path: str, text: str):
    """A metadata field as typed → its report value; InputError with a Chinese message."""
    if path == "year":
        return parse_year(text)
    if path == "signature.date":
        if not text.strip():
            return ""
        date = parse_date(text)
        if date is None:
            raise InputError(f"“{text.strip()}”不是日期，请按 2026-01-20 或 2026年1月20日 填写")
        return date
    if path.startswith("fee_notices."):
        return parse_value(text, schema.value_kind(path))
    return text


def field_text(path: str, value) -> str:
    if path == "year":
        return "" if value is None else str(value)
    if path.startswith("fee_notices."):
        return format_value(value)
    return value or ""


class FieldEdit(QLineEdit):
    """One metadata field. Free text is stored while typing; numbers and dates when finished."""

    def __init__(self, doc: Document, path: str, parent=None, on_problem=None):
        super().__init__(parent)
        self.doc = doc
        self.path = path
        self.on_problem = on_problem
        self.setObjectName(f"field-{path}")
        self.live = path in ("organ", "title", "signature.organ")
        self._session = next(_sessions)
        self.setText(field_text(path, doc.report.get(path)))
        if self.live:
            self.textEdited.connect(self._on_edited)
        self.editingFinished.connect(self._commit)
        doc.changed.connect(self._on_doc_changed)
        doc.reset.connect(self._reload)

    def event(self, event):
        if _is_undo_key(event):
            event.ignore()
            return False
        return super().event(event)

    def focusOutEvent(self, event):
        super().focusOutEvent(event)
        self._session = next(_sessions)

    def _on_edited(self, text: str) -> None:
        set_values(self.doc, {self.path: text}, f"编辑 {schema.cell_name(self.path)}",
                   merge_key=f"field:{self.path}:{self._session}")

    def _commit(self) -> None:
        if self.live:
            return
        try:
            value = parse_field(self.path, self.text())
        except InputError as err:
            self.setText(field_text(self.path, self.doc.report.get(self.path)))
            if self.on_problem:
                self.on_problem(f"{schema.cell_name(self.path)}：{err.message}")
            return
        if set_values(self.doc, {self.path: value}, f"填写 {schema.cell_name(self.path)}") is False:
            self.setText(field_text(self.path, self.doc.report.get(self.path)))  # normalised form

    def _on_doc_changed(self, paths: list) -> None:
        if self.path in paths:
            self._reload()

    def _reload(self) -> None:
        text = field_text(self.path, self.doc.report.get(self.path))
        if text != self.text():
            self.setText(text)
