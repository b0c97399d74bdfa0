"""批量检查: a folder of units' reports checked in a worker thread (the core's process pool),
shown as a sortable, filterable table of units; exports of the 问题清单 and the 汇总.

Everything slow runs off the GUI thread (``BatchThread`` for the check, ``Task`` for
exports); the window only shows results. Double-clicking a unit opens its report in the main
window, whose findings panel then lists what the check found.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt, QThread, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import palette
from ..county.batch import STATUS_FIX, STATUS_OK, STATUS_UNREADABLE, STATUSES, BatchResult, UnitResult, check_folder
from ..errors import ComposerError
from ..project import Project, ProjectState
from . import dialogs
from .worker import Task, keep

_log = logging.getLogger(__name__)

COLUMNS = ("单位", "年度", "文件", "错误数", "提醒数", "状态")
UNIT_ROLE = Qt.ItemDataRole.UserRole + 1  # index into the batch's units
ALL = "全部"
_STATE_OF = {STATUS_FIX: "error", STATUS_UNREADABLE: "error", STATUS_OK: None}
class Relay(QObject):
    """Calls ``func`` on the GUI thread: a worker's signal connected to a plain Python function
    would run it in the worker's thread, where widgets must not be touched."""

    def __init__(self, func: Callable[[Any], object], parent: QObject):
        super().__init__(parent)
        self.func = func

    @Slot(object)
    def call(self, value: object) -> None:
        self.func(value)


class BatchThread(QThread):
    """check_folder in a thread; progress and the result come back as signals."""

    progressed = Signal(int, int, str)
    checked = Signal(object)
    failed = Signal(str)

    def __init__(self, folder: Path, parent=None, workers: int | None = None):
        super().__init__(parent)
        self.folder = folder
        self.workers = workers
        self.cancel_event = threading.Event()

    def run(self) -> None:
        try:
            result = check_folder(self.folder, workers=self.workers, cancel=self.cancel_event.is_set,
                                  progress=lambda done, total, unit: self.progressed.emit(done, total, unit.file))
        except ComposerError as err:
            self.failed.emit(str(err))
        except Exception as err:  # noqa: BLE001 - a bug in the batch must not take the window down
            _log.warning("batch check failed", exc_info=True)
            self.failed.emit(f"检查文件夹时出错（{type(err).__name__}）")
        else:
            self.checked.emit(result)


class _StatusFilter(QSortFilterProxyModel):
    """Rows whose status (kept in the 状态 column's UserRole) is the one chosen; 全部 shows all."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFilterKeyColumn(COLUMNS.index("状态"))
        self.setFilterRole(Qt.ItemDataRole.UserRole)

    def set_status(self, status: str) -> None:
        self.setFilterRegularExpression("" if status == ALL else f"^{re.escape(status)}$")


class BatchWindow(QWidget):
    """The county office's batch view (文件 → 检查文件夹…)."""

    def __init__(self, open_report: Callable[[UnitResult], object] | None = None, parent=None,
                 workers: int | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("batch-window")
        self.setWindowTitle("批量检查")
        self.resize(980, 620)
        self.open_report = open_report
        self.workers = workers
        self.folder: Path | None = None
        self.result: BatchResult | None = None
        self.worker: BatchThread | None = None
        self.tasks: set[Task] = set()
        self.last_written: Path | None = None

        self.folder_label = QLabel("尚未选择文件夹")
        choose = QPushButton("选择文件夹…")
        choose.clicked.connect(self.choose_folder)
        self.recheck_button = QPushButton("重新检查")
        self.recheck_button.clicked.connect(lambda: self.folder and self.start(self.folder))
        self.recheck_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.folder_label, 1)
        top.addWidget(choose)
        top.addWidget(self.recheck_button)

        self.progress = QProgressBar()
        self.progress.setObjectName("batch-progress")
        self.progress.setFormat("%v / %m")
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setObjectName("batch-cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.progress_label = QLabel("")
        middle = QHBoxLayout()
        middle.addWidget(self.progress, 1)
        middle.addWidget(self.cancel_button)

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("batch-filter")
        self.status_filter.addItems([ALL, *STATUSES])
        self.status_filter.currentTextChanged.connect(self._filter)
        self.counts_label = QLabel("")
        filt = QHBoxLayout()
        filt.addWidget(QLabel("状态："))
        filt.addWidget(self.status_filter)
        filt.addWidget(self.counts_label, 1)

        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.proxy = _StatusFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole + 2)
        self.table = QTableView()
        self.table.setObjectName("batch-units")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(self._open_index)

        self.list_button = QPushButton("导出问题清单…")
        self.list_button.clicked.connect(self.choose_issue_list)
        self.split_button = QPushButton("每个单位一个问题清单…")
        self.split_button.clicked.connect(self.choose_unit_lists)
        self.summary_button = QPushButton("汇总…")
        self.summary_button.clicked.connect(self.choose_summary)
        self.blank_as_zero = QCheckBox("汇总时空白按 0 计")
        self.blank_as_zero.setToolTip("默认：任一单位留空的单元格，合计也留空，并列出留空的单位；"
                                      "勾选后空白按 0 计入合计（汇总文件中会注明）")
        bottom = QHBoxLayout()
        for b in (self.list_button, self.split_button, self.summary_button):
            b.setEnabled(False)
            bottom.addWidget(b)
        bottom.addWidget(self.blank_as_zero)
        bottom.addStretch(1)
        bottom.addWidget(QLabel("双击一行，在编辑窗口中打开该报告"))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle)
        layout.addWidget(self.progress_label)
        layout.addLayout(filt)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    # ------------------------------------------------------------ running

    @property
    def running(self) -> bool:
        return self.worker is not None

    @property
    def busy(self) -> bool:
        return self.running or any(not t.isFinished() for t in self.tasks)

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "选择要检查的文件夹（含下级单位的报告）",
                                                str(self.folder or ""))
        if name:
            self.start(Path(name))

    def start(self, folder: Path) -> None:
        if self.running:
            return
        self.folder = Path(folder)
        self.folder_label.setText(str(self.folder))
        self.model.removeRows(0, self.model.rowCount())
        self.result = None
        self._set_idle(False)
        self.progress.setRange(0, 0)
        self.progress_label.setText("正在查找报告文件…")
        thread = BatchThread(self.folder, None, self.workers)
        thread.progressed.connect(self._progressed)
        thread.checked.connect(self._checked)
        thread.failed.connect(self._failed)
        thread.finished.connect(self._thread_finished)
        keep(thread)
        self.worker = thread
        thread.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel_event.set()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText("正在取消…")

    def _progressed(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress_label.setText(f"已检查 {done} / {total}：{name}")

    def _checked(self, result: BatchResult) -> None:
        self.result = result
        self._fill(result)
        counts = result.counts()
        summary = "，".join(f"{status} {n}" for status, n in counts.items())
        if result.cancelled:
            self.progress_label.setText(f"已取消：检查了 {len(result.units)} / {result.total} 份（{summary}）")
        elif not result.total:
            self.progress_label.setText("文件夹中没有可以检查的报告文件")
        else:
            self.progress_label.setText(f"检查完毕：共 {result.total} 份（{summary}）")
        self.progress.setRange(0, max(1, result.total))
        self.progress.setValue(len(result.units))

    def _failed(self, message: str) -> None:
        self.progress_label.setText(message)
        dialogs.warn(self, message)

    def _thread_finished(self) -> None:
        self.worker = None
        self._set_idle(True)

    def _set_idle(self, idle: bool) -> None:
        self.cancel_button.setEnabled(not idle)
        self.recheck_button.setEnabled(idle and self.folder is not None)
        has = idle and self.result is not None and bool(self.result.units)
        for b in (self.list_button, self.split_button):
            b.setEnabled(has)
        self.summary_button.setEnabled(has and bool(self.result and self.result.readable))

    # ------------------------------------------------------------ the table

    def _fill(self, result: BatchResult) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for i, unit in enumerate(result.units):
            values: list[tuple[str, object]] = [
                (unit.unit, unit.unit),
                ("" if unit.year is None else str(unit.year), unit.year or 0),
                (unit.relative, unit.relative),
                ("" if unit.error else str(unit.errors), -1 if unit.error else unit.errors),
                ("" if unit.error else str(unit.warnings), -1 if unit.error else unit.warnings),
                (unit.status_text, STATUSES.index(unit.status)),
            ]
            items = []
            shade = palette.shade(_STATE_OF[unit.status] or "")
            for text, key in values:
                item = QStandardItem(text)
                item.setData(i, UNIT_ROLE)
                item.setData(key, Qt.ItemDataRole.UserRole + 2)
                item.setToolTip(unit.path)
                if shade is not None:
                    item.setBackground(QBrush(QColor(shade.fill)))
                    item.setForeground(QBrush(QColor(shade.text)))
                items.append(item)
            items[COLUMNS.index("状态")].setData(unit.status, Qt.ItemDataRole.UserRole)
            self.model.appendRow(items)
        self.table.resizeColumnsToContents()
        self._update_counts()

    def _filter(self, status: str) -> None:
        self.proxy.set_status(status)
        self._update_counts()

    def _update_counts(self) -> None:
        self.counts_label.setText(f"显示 {self.proxy.rowCount()} / {self.model.rowCount()} 个单位")

    def unit_at(self, row: int) -> UnitResult:
        """The unit shown in ``row`` of the (sorted, filtered) table."""
        assert self.result is not None
        return self.result.units[self.proxy.index(row, 0).data(UNIT_ROLE)]

    def _open_index(self, index) -> None:
        if self.result is None or not index.isValid():
            return
        unit = self.result.units[index.data(UNIT_ROLE)]
        if unit.report is None:
            dialogs.warn(self, f"“{unit.relative}”无法读取：\n{unit.error}")
        elif self.open_report is not None:
            self.open_report(unit)

    # ------------------------------------------------------------ exports

    def _run_task(self, func: Callable[[], Any], done: Callable[[Any], None], busy: str) -> Task:
        task = Task(func)
        self.tasks = {t for t in self.tasks if not t.isFinished()}
        self.tasks.add(task)
        self.progress_label.setText(busy)
        keep(task)
        task.succeeded.connect(done)  # bound methods of this window: run on the GUI thread
        task.failed.connect(self._failed)
        task.start()
        return task

    def _written(self, path: Path) -> None:
        self.last_written = path
        self.progress_label.setText(f"已保存：{path}")
        dialogs.info(self, f"已保存：\n{path}")

    def choose_issue_list(self) -> None:
        name = dialogs.save_file_name(self, "导出问题清单", str(self._default_dir() / "问题清单.xlsx"),
                                      "Excel 工作簿 (*.xlsx);;CSV 表格 (*.csv);;网页 (*.html)")
        if name:
            self.export_issue_list(Path(name))

    def export_issue_list(self, path: Path, units: list[UnitResult] | None = None) -> Task | None:
        from ..county.issue_list import write_issue_list

        if self.result is None:
            return None
        chosen = list(self.result.units if units is None else units)

        def work() -> Path:
            write_issue_list(chosen, path)
            return path

        return self._run_task(work, self._written, "正在生成问题清单…")

    def choose_unit_lists(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "选择保存各单位问题清单的文件夹", str(self._default_dir()))
        if name:
            self.export_unit_lists(Path(name))

    def export_unit_lists(self, folder: Path) -> Task | None:
        from ..county.issue_list import write_unit_lists

        if self.result is None:
            return None
        units = list(self.result.units)

        def work() -> Path:
            write_unit_lists(units, folder)
            return folder

        return self._run_task(work, self._written, "正在生成各单位的问题清单…")

    def choose_summary(self) -> None:
        name = dialogs.save_file_name(self, "保存汇总", str(self._default_dir() / "汇总.xlsx"),
                                      "Excel 工作簿 (*.xlsx);;Word 文档 (*.docx);;网页 (*.html);;报告 JSON (*.json)")
        if name:
            self.export_summary(Path(name))

    def export_summary(self, path: Path, *, blank_as_zero: bool | None = None) -> Task | None:
        from ..county.summary import summarize_batch, write_summary

        result = self.result
        if result is None:
            return None
        if blank_as_zero is None:
            blank_as_zero = self.blank_as_zero.isChecked()

        def work() -> Path:
            write_summary(summarize_batch(result, blank_as_zero=blank_as_zero), path)
            return path

        return self._run_task(work, self._written, "正在汇总…")

    def _default_dir(self) -> Path:
        return self.folder.parent if self.folder is not None else Path.home()

    def closeEvent(self, event):
        if self.worker is not None:
            self.worker.cancel_event.set()
            self.worker.wait(10_000)
        for task in self.tasks:
            task.wait(30_000)
        super().closeEvent(event)


def open_batch_window(main) -> BatchWindow:
    """文件 → 检查文件夹…: one batch window per main window, raised if open."""
    window = getattr(main, "_batch_window", None)
    if window is None:
        def open_report(unit: UnitResult) -> None:
            """The unit's report as checked (a copy: the county does not write into units' files)."""
            if unit.report is None or not main.maybe_save():
                return
            project = Project(unit.report.copy(), unit.state or ProjectState())
            main.load_project(project, None, note=f"批量检查中打开的“{unit.relative}”（副本，尚未保存）")
            main.raise_()
            main.activateWindow()

        window = BatchWindow(open_report, main)
        main._batch_window = window
    window.show()
    window.raise_()
    window.activateWindow()
    if window.folder is None and not window.running:
        window.choose_folder()
    return window
