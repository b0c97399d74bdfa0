"""与上年对比: this year's report against last year's — table cells side by side with the change,
derived figures of both years, each section's share of reused text with the difference marked,
and bar charts. The comparison is computed by the core (``composer.county.compare``) in a thread;
exports (web page, Excel, Word) too.
"""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .. import palette
from ..county.charts import bar_chart_svg
from ..county.compare import Comparison, chart_data, compare, write_comparison, year_names
from ..report import Report
from ..values import format_value
from . import dialogs
from .batch_window import Relay
from .worker import Task, keep

_log = logging.getLogger(__name__)

CELL_COLUMNS = ("单元格", "上年", "本年", "增减")


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


class CompareView(QWidget):
    """The comparison of two reports, computed off the GUI thread."""

    def __init__(self, last: Report, this: Report, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("compare-view")
        self.setWindowTitle("与上年对比")
        self.resize(1000, 680)
        self.comparison: Comparison | None = None
        self.tasks: set[Task] = set()
        self.last_written: Path | None = None

        self.title = QLabel("正在对比…")
        self.title.setObjectName("compare-title")
        export = QPushButton("导出…")
        export.clicked.connect(self.choose_export)
        self.export_button = export
        export.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(export)

        self.tabs = QTabWidget()
        cells_page = QWidget()
        self.only_changed = QCheckBox("只显示有变化的单元格")
        self.only_changed.setChecked(True)
        self.only_changed.toggled.connect(self._fill_cells)
        self.cells = QTableWidget(0, len(CELL_COLUMNS))
        self.cells.setObjectName("compare-cells")
        self.cells.setHorizontalHeaderLabels(list(CELL_COLUMNS))
        self.cells.verticalHeader().setVisible(False)
        self.cells.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cells.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        box = QVBoxLayout(cells_page)
        box.addWidget(self.only_changed)
        box.addWidget(self.cells)
        self.tabs.addTab(cells_page, "表格")

        self.metrics = QTableWidget(0, 4)
        self.metrics.setObjectName("compare-metrics")
        self.metrics.verticalHeader().setVisible(False)
        self.metrics.horizontalHeader().setStretchLastSection(True)
        self.tabs.addTab(self.metrics, "指标")

        self.text = QTextBrowser()
        self.text.setObjectName("compare-text")
        self.tabs.addTab(self.text, "正文")

        self.charts_box = QWidget()
        self.charts_layout = QVBoxLayout(self.charts_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.charts_box)
        self.tabs.addTab(scroll, "图表")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self._run(lambda: compare(last, this), self.show_comparison)

    @property
    def busy(self) -> bool:
        return any(not t.isFinished() for t in self.tasks)

    def _run(self, func, done) -> Task:
        task = Task(func)
        self.tasks = {t for t in self.tasks if not t.isFinished()}
        self.tasks.add(task)
        keep(task)
        task.succeeded.connect(done)  # bound methods of this view: run on the GUI thread
        task.failed.connect(self._failed)
        task.start()
        return task

    def _failed(self, message: str) -> None:
        dialogs.warn(self, message)

    # ------------------------------------------------------------ showing

    def show_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        changed = len(comparison.changed_cells())
        cautions = "".join(f"\n⚠ {text}" for text in comparison.cautions)
        self.title.setText(f"{comparison.title}：{changed} 个单元格有变化{cautions}")
        self.setWindowTitle(comparison.title)
        self.export_button.setEnabled(True)
        last_name, this_name = year_names(comparison)
        self.cells.setHorizontalHeaderLabels(["单元格", last_name, this_name, "增减"])
        self._fill_cells()
        self.metrics.setHorizontalHeaderLabels(["指标", last_name, this_name, "计算方法"])
        self.metrics.setRowCount(len(comparison.metrics))
        for r, m in enumerate(comparison.metrics):
            for c, text in enumerate([m.name, f"{m.last.text}（{m.last.fraction_text}）",
                                      f"{m.this.text}（{m.this.fraction_text}）", m.definition]):
                self.metrics.setItem(r, c, _item(text))
        self.metrics.resizeColumnsToContents()
        self.text.setHtml(self._text_html(comparison))
        self._show_charts(comparison)

    def _fill_cells(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        rows = comparison.changed_cells() if self.only_changed.isChecked() else comparison.cells
        warn = palette.SEVERITY_SHADES["warning"]
        self.cells.setRowCount(len(rows))
        for r, c in enumerate(rows):
            for col, text in enumerate([c.name, format_value(c.last) or "空白", format_value(c.this) or "空白",
                                        c.change_text]):
                item = _item(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c.changed:
                    item.setBackground(QBrush(QColor(warn.fill)))
                self.cells.setItem(r, col, item)

    @staticmethod
    def _text_html(comparison: Comparison) -> str:
        # QTextBrowser's HTML subset: spans with a background and text decoration
        removed = palette.SEVERITY_SHADES["error"].fill
        parts = [f"<p style='color:{palette.MUTED_TEXT}'>删除线为上年有、本年删去的句子，绿色底为本年新写的句子。</p>"]
        for s in comparison.sections:
            parts.append(f"<h3>{escape(s.heading)}（沿用上年文字 {s.reused_text}）</h3><p>")
            for piece in s.diff:
                text = escape(piece.text).replace("\n", "<br>")
                if piece.op == "removed":
                    parts.append(f"<span style='background:{removed};text-decoration:line-through'>{text}</span>")
                elif piece.op == "added":
                    parts.append(f"<span style='background:#d8efd2'>{text}</span>")
                else:
                    parts.append(text)
            parts.append("</p>")
        return "".join(parts)

    def _show_charts(self, comparison: Comparison) -> None:
        while self.charts_layout.count():
            item = self.charts_layout.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        try:
            from PySide6.QtSvgWidgets import QSvgWidget
        except ImportError:  # a bundle without the SVG module: the exports still have the charts
            _log.warning("QtSvgWidgets missing: charts not shown", exc_info=True)
            self.charts_layout.addWidget(QLabel("本程序缺少图表组件；导出的网页和 Excel 文件中有图表。"))
            return
        for title, categories, series in chart_data(comparison):
            svg = bar_chart_svg(title, categories, series)
            widget = QSvgWidget()
            widget.setObjectName("compare-chart")
            widget.load(QByteArray(svg.encode("utf-8")))
            size = widget.renderer().defaultSize()
            widget.setFixedSize(size)
            self.charts_layout.addWidget(widget)
        self.charts_layout.addStretch(1)

    # ------------------------------------------------------------ export

    def choose_export(self) -> None:
        name = dialogs.save_file_name(self, "导出对比", "与上年对比.html",
                                      "网页 (*.html);;Excel 工作簿 (*.xlsx);;Word 文档 (*.docx)")
        if name:
            self.export(Path(name))

    def export(self, path: Path) -> Task | None:
        comparison = self.comparison
        if comparison is None:
            return None

        def work() -> Path:
            write_comparison(comparison, path)
            return path

        return self._run(work, self._exported)

    def _exported(self, written: Path) -> None:
        self.last_written = written
        dialogs.info(self, f"已保存：\n{written}")

    def closeEvent(self, event):
        for task in self.tasks:
            task.wait(30_000)
        super().closeEvent(event)


def _read_report(path: str) -> Report:
    from ..opening import open_any

    return open_any(path).project.report


def open_compare_view(main) -> CompareView | None:
    """文件 → 与上年对比…: the report being edited against last year's (kept in the report, else
    chosen by the clerk and read in a thread)."""
    this = main.doc.report.copy()

    def show(last: Report) -> CompareView:
        view = CompareView(last, this, main)
        main._compare_view = view
        view.show()
        view.raise_()
        return view

    if this.previous is not None:
        return show(this.previous)
    name = dialogs.open_file_name(main, "选择上年的年度报告", "")
    if not name:
        return None
    task = Task(lambda: _read_report(name))
    task.succeeded.connect(Relay(show, main).call)
    task.failed.connect(Relay(lambda message: dialogs.warn(main, f"无法读取上年报告：\n{message}"), main).call)
    keep(task)
    task.start()
    return None
