"""查找和替换 (Ctrl+F / Ctrl+H) over the report's prose and titles, as in WPS and Word.

查找下一个 walks the texts in report order and selects the match in its editor; 替换 replaces
the selected match; 全部替换 replaces every match in every text as ONE undo step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from .. import schema
from .commands import set_values
from .document import Document

TEXT_PATHS = ("title", "preamble", *(s.path for s in schema.SECTIONS), "signature.organ")


def find_all(doc: Document, needle: str) -> list[tuple[str, int]]:
    """(path, start) of every match of ``needle``, in report order."""
    out: list[tuple[str, int]] = []
    if not needle:
        return out
    for path in TEXT_PATHS:
        text = doc.report.get(path) or ""
        start = text.find(needle)
        while start >= 0:
            out.append((path, start))
            start = text.find(needle, start + len(needle))
    return out


def replace_all(doc: Document, needle: str, replacement: str) -> int:
    """Replace every match in every text, as one undo step; the number of matches replaced."""
    values: dict[str, str] = {}
    count = 0
    if not needle:
        return 0
    for path in TEXT_PATHS:
        text = doc.report.get(path) or ""
        n = text.count(needle)
        if n:
            values[path] = text.replace(needle, replacement)
            count += n
    if values:
        set_values(doc, values, f"全部替换“{needle}”为“{replacement}”（{count} 处）")
    return count


class FindReplaceDialog(QDialog):
    """Non-modal: the clerk may go on editing while it is open."""

    def __init__(self, window, parent=None):
        super().__init__(parent or window)
        self.window_ = window
        self.doc: Document = window.doc
        self.setWindowTitle("查找和替换")
        self.setObjectName("find-replace")
        self.find_edit = QLineEdit()
        self.find_edit.setObjectName("find-text")
        self.replace_edit = QLineEdit()
        self.replace_edit.setObjectName("replace-text")
        self.status = QLabel("在标题、前言和六个部分的正文中查找")
        self.status.setWordWrap(True)
        form = QGridLayout()
        form.addWidget(QLabel("查找内容(&N)："), 0, 0)
        form.addWidget(self.find_edit, 0, 1)
        self.replace_label = QLabel("替换为(&I)：")
        form.addWidget(self.replace_label, 1, 0)
        form.addWidget(self.replace_edit, 1, 1)
        self.next_button = QPushButton("查找下一个(&F)")
        self.replace_button = QPushButton("替换(&R)")
        self.all_button = QPushButton("全部替换(&A)")
        close = QPushButton("关闭")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.find_next)
        self.replace_button.clicked.connect(self.replace_one)
        self.all_button.clicked.connect(self.replace_everything)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for b in (self.next_button, self.replace_button, self.all_button, close):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._last: tuple[str, int] | None = None

    def open_for(self, replace: bool) -> None:
        for w in (self.replace_label, self.replace_edit, self.replace_button, self.all_button):
            w.setVisible(replace)
        self.setWindowTitle("查找和替换" if replace else "查找")
        selected = self._selected_text()
        if selected and "\n" not in selected:
            self.find_edit.setText(selected)
        self.show()
        self.raise_()
        self.activateWindow()
        self.find_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_edit.selectAll()

    def _selected_text(self) -> str:
        editor = self._editor(self._last[0]) if self._last else None
        cursor = editor.textCursor() if editor is not None and hasattr(editor, "textCursor") else None
        return cursor.selectedText() if cursor is not None else ""

    def _editor(self, path: str):
        w = self.window_
        if path.startswith("sections."):
            return next((p.prose for p in w.section_pages if p.section.path == path), None)
        return w.info_page.fields.get(path)

    def find_next(self) -> bool:
        needle = self.find_edit.text()
        matches = find_all(self.doc, needle)
        if not matches:
            self.status.setText(f"找不到“{needle}”" if needle else "请输入要查找的内容")
            self._last = None
            return False
        order = {p: i for i, p in enumerate(TEXT_PATHS)}
        after = 0
        if self._last is not None:
            key = (order[self._last[0]], self._last[1])
            after = next((i for i, (p, s) in enumerate(matches) if (order[p], s) > key), 0)
        path, start = matches[after]
        self._last = (path, start)
        self.window_.show_path(path, (start, start + len(needle)))
        self.status.setText(f"第 {after + 1} 处，共 {len(matches)} 处：{schema.cell_name(path)}")
        self.raise_()
        return True

    def replace_one(self) -> None:
        needle, replacement = self.find_edit.text(), self.replace_edit.text()
        if self._last is not None and needle:
            path, start = self._last
            text = self.doc.report.get(path) or ""
            if text[start:start + len(needle)] == needle:
                new = text[:start] + replacement + text[start + len(needle):]
                set_values(self.doc, {path: new}, f"替换“{needle}”为“{replacement}”")
                self._last = (path, start + len(replacement) - 1)
        self.find_next()

    def replace_everything(self) -> int:
        needle = self.find_edit.text()
        count = replace_all(self.doc, needle, self.replace_edit.text())
        self.status.setText(f"已替换 {count} 处（Ctrl+Z 一次撤销全部）" if count else f"找不到“{needle}”")
        self._last = None
        return count
