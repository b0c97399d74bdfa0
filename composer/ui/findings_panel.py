"""The findings panel: every finding with counts by severity; double-click jumps to it.

Warnings can be dismissed with a written reason (kept in the project file, listed as
dismissed, reversible); errors cannot.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .. import palette
from ..rules import ERROR, Finding
from . import texts
from .document import Document
from .grid_model import COLOURS
from .roles import DISMISSED_ROLE, FINDING_ROLE, PATH_ROLE, SEVERITY_ROLE

_HEADERS = ("类别", "说明")


class FindingsModel(QAbstractTableModel):
    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.rows: list[Finding] = []
        self._refresh_rows()
        doc.checked.connect(self.refresh)

    def _refresh_rows(self) -> None:
        # check() already lists errors first; dismissed warnings go last
        active, dismissed = self.doc.state.partition(self.doc.findings)
        self.rows = active + dismissed

    def refresh(self) -> None:
        self.beginResetModel()
        self._refresh_rows()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        f = self.rows[index.row()]
        reason = self.doc.state.dismissed.get(f.key) if self.doc.is_dismissed(f) else None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                word = texts.SEVERITY_WORDS[f.severity]
                return f"{word}（已忽略）" if reason is not None else word
            return f.message if reason is None else f"{f.message}　［忽略理由：{reason}］"
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = texts.finding_line(f)
            if reason is not None:
                tip += f"\n已忽略，理由：{reason}"
            return tip
        if role == SEVERITY_ROLE:
            return f.severity
        if role == FINDING_ROLE:
            return f
        if role == PATH_ROLE:
            return f.cells[0] if f.cells else None
        if role == DISMISSED_ROLE:
            return reason
        if role == Qt.ItemDataRole.ForegroundRole and reason is not None:
            return QBrush(QColor(palette.MUTED_TEXT))
        if role == Qt.ItemDataRole.BackgroundRole and col == 0 and reason is None:
            return QBrush(COLOURS["error" if f.severity == ERROR else "warning"])
        return None


class FindingsPanel(QWidget):
    jump = Signal(object)  # Finding
    dismiss_requested = Signal(object)  # Finding
    restore_requested = Signal(object)  # Finding

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.model = FindingsModel(doc, self)
        self.summary = QLabel(self)
        self.summary.setObjectName("findings-summary")
        self.summary.setWordWrap(True)
        self.view = QTreeView(self)
        self.view.setObjectName("findings")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.details = QLabel(self)
        self.details.setObjectName("findings-details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setMinimumHeight(self.details.fontMetrics().height() * 2 + 4)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.view.doubleClicked.connect(self._on_activated)
        self.view.activated.connect(self._on_activated)
        self.dismiss_button = QPushButton("忽略…", self)
        self.dismiss_button.setToolTip("写明理由后忽略选中的提醒；错误不能忽略")
        self.restore_button = QPushButton("恢复", self)
        self.restore_button.setToolTip("取消对选中提醒的忽略")
        self.dismiss_button.clicked.connect(lambda: self._request(self.dismiss_requested))
        self.restore_button.clicked.connect(lambda: self._request(self.restore_requested))
        top = QHBoxLayout()  # one line for counts and buttons: the panel must stay low on small screens
        top.addWidget(self.summary, 1)
        top.addWidget(self.dismiss_button)
        top.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details)
        self.view.setMinimumHeight(self.view.fontMetrics().height() * 4)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        doc.checked.connect(self._update_summary)
        self._update_summary()
        self._update_buttons()

    def set_compact(self, compact: bool) -> None:
        """Low layout for a panel under the pages: the list itself is wide enough to read."""
        self.details.setVisible(not compact)

    def selected(self) -> Finding | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            return None
        return index.data(FINDING_ROLE)

    def _request(self, signal) -> None:
        f = self.selected()
        if f is not None:
            signal.emit(f)

    def _update_buttons(self) -> None:
        f = self.selected()
        if f is None:
            self.details.setText("双击一条结果，跳到报告中的位置。")
        else:
            reason = self.doc.state.dismissed.get(f.key) if self.doc.is_dismissed(f) else None
            self.details.setText(texts.finding_line(f) + (f"\n已忽略，理由：{reason}" if reason else ""))
        dismissed = f is not None and self.doc.is_dismissed(f)
        self.dismiss_button.setEnabled(f is not None and f.severity != ERROR and not dismissed)
        self.restore_button.setEnabled(dismissed)

    def _update_summary(self) -> None:
        errors, warnings, dismissed = self.doc.counts()
        err, warn = palette.SEVERITY_SHADES["error"].text, palette.SEVERITY_SHADES["warning"].text
        text = f"<b>检查结果</b>　<b style='color:{err}'>错误 {errors}</b>　<b style='color:{warn}'>提醒 {warnings}</b>"
        if dismissed:
            text += f"　<span style='color:{palette.MUTED_TEXT}'>已忽略 {dismissed}</span>"
        self.summary.setText(text)

    def _on_activated(self, index: QModelIndex) -> None:
        f = index.data(FINDING_ROLE)
        if f is not None:
            self.jump.emit(f)
