"""The start page, shown when the program starts without a file and with no recovery to offer.

The year's work nearly always starts from last year's report, so that is the first and largest
action; then the reports opened lately; then 打开 and 新建空白报告. The example report is in 帮助.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME


class StartPage(QScrollArea):
    new_from_last = Signal()
    open_other = Signal()
    new_blank = Signal()
    open_recent = Signal(str)

    def __init__(self, year: int, parent=None):
        super().__init__(parent)
        self.setObjectName("start-page")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        outer = QHBoxLayout(body)
        column = QVBoxLayout()
        outer.addStretch(1)
        outer.addLayout(column, 6)
        outer.addStretch(1)

        title = QLabel(f"{APP_NAME}")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        column.addWidget(title)
        column.addWidget(QLabel(f"编制 {year} 年度政府信息公开工作年度报告"))
        column.addSpacing(8)

        self.new_from_last_button = QPushButton(f"由上年报告新建 {year} 年度报告…")
        self.new_from_last_button.setObjectName("start-new-from-last")
        big = self.new_from_last_button.font()
        big.setPointSizeF(big.pointSizeF() * 1.3)
        big.setBold(True)
        self.new_from_last_button.setFont(big)
        self.new_from_last_button.setMinimumHeight(self.new_from_last_button.fontMetrics().height() * 2 + 16)
        self.new_from_last_button.setDefault(True)
        self.new_from_last_button.clicked.connect(self.new_from_last)
        column.addWidget(self.new_from_last_button)
        explain = QLabel("选择上年的年度报告（Word、WPS、PDF、网页或年报项目文件），程序生成本年度草稿："
                         "上年结转数自动带入，正文沿用上年的文字供修改，需要改的地方会逐条提醒。")
        explain.setWordWrap(True)
        column.addWidget(explain)
        column.addSpacing(12)

        recent_title = QLabel("最近打开的报告（双击打开）")
        recent_title.setFont(self._bold(recent_title))
        column.addWidget(recent_title)
        self.recent = QListWidget()
        self.recent.setObjectName("start-recent")
        self.recent.itemActivated.connect(self._activated)
        column.addWidget(self.recent, 1)

        row = QHBoxLayout()
        self.open_button = QPushButton("打开其他报告…")
        self.open_button.setObjectName("start-open")
        self.open_button.clicked.connect(self.open_other)
        self.blank_button = QPushButton("新建空白报告")
        self.blank_button.setObjectName("start-blank")
        self.blank_button.clicked.connect(self.new_blank)
        row.addWidget(self.open_button)
        row.addWidget(self.blank_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(QLabel("也可以把报告文件拖到这个窗口里打开。示例报告在“帮助 → 示例报告”中。"))
        column.addStretch(1)
        self.setWidget(body)

    def showEvent(self, event):
        super().showEvent(event)
        self.new_from_last_button.setFocus()  # Enter starts the year's work

    @staticmethod
    def _bold(label: QLabel):
        font = label.font()
        font.setBold(True)
        return font

    def set_recent(self, files: list[str]) -> None:
        self.recent.clear()
        for name in files:
            path = Path(name)
            item = QListWidgetItem(f"{path.name}　　{path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(name)
            self.recent.addItem(item)
        if not files:
            item = QListWidgetItem("（还没有打开过报告）")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(item)
        else:
            self.recent.setCurrentRow(0)

    def _activated(self, item: QListWidgetItem) -> None:
        name = item.data(Qt.ItemDataRole.UserRole)
        if name:
            self.open_recent.emit(name)
