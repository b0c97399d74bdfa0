"""The desk tools of the main window, by idea apart from its files and pages: the start page,
zoom, 查找/替换, 帮助 (F1), 打印, the selection sum and opening files with the system's programs.

``DeskTools`` is the base class of ``MainWindow``, which builds what it uses (document, grids, pages,
actions) and the file operations declared at the end here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QStackedWidget, QWidget

from .. import logs, schema
from ..project import Project
from ..values import format_value
from . import dialogs, printing
from .editors import ProseEdit
from .export import FORMATS, start_export
from .find_replace import FindReplaceDialog
from .help_pages import HelpDialog
from .resources import demo_report
from .worker import Task, run_task

if TYPE_CHECKING:
    from .document import Document
    from .findings_panel import FindingsPanel
    from .grid_view import GridView
    from .pages import InfoPage, SectionPage
    from .start_page import StartPage

ZOOM_STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 1.8, 2.0)


class DeskTools(QMainWindow):
    """The main window's desk tools (see the module doc)."""

    # built by MainWindow
    doc: Document
    data_dir: Path
    settings: QSettings
    grids: dict[str, GridView]
    section_pages: list[SectionPage]
    info_page: InfoPage
    findings_panel: FindingsPanel
    findings_dock: QDockWidget
    central: QStackedWidget
    editor: QWidget
    start_page: StartPage
    summary_label: QLabel
    selection_label: QLabel
    save_action: QAction
    save_as_action: QAction
    export_actions: dict[str, QAction]
    autosum_action: QAction
    previous_action: QAction
    undo_action: QAction
    redo_action: QAction
    _export_thread: Task | None = None
    find_dialog: FindReplaceDialog | None = None
    help_dialog: HelpDialog | None = None
    zoom = 1.0

    # file operations and messages: MainWindow's
    def _action(self, text: str, slot: Any, shortcut: Any = None, tip: str = "") -> QAction:
        raise NotImplementedError

    def warn(self, text: str) -> None:
        raise NotImplementedError

    def maybe_save(self) -> bool:
        raise NotImplementedError

    def load_project(self, project: Project, path: Path | None, note: str = "", restored: bool = False) -> None:
        raise NotImplementedError

    def update_title(self) -> None:
        raise NotImplementedError

    def recent_files(self) -> list[str]:
        raise NotImplementedError

    def _last_dir(self) -> str:
        raise NotImplementedError

    def _build_desk_actions(self) -> None:
        a = self._action
        self.find_action = a("查找…", lambda: self.find_replace(False), QKeySequence.StandardKey.Find,
                             "在标题、前言和正文中查找")
        self.replace_action = a("替换…", lambda: self.find_replace(True), "Ctrl+H",
                                "在标题、前言和正文中替换，可一次全部替换（一步撤销）")
        self.print_action = a("打印…", self.print_preview, QKeySequence.StandardKey.Print,
                              "预览并打印排版后的报告")
        self.office_print_action = a("用办公软件打印", self.print_with_office, None,
                                     "生成 Word 文件，交给 WPS/Word/LibreOffice 打印到默认打印机")
        self.zoom_in_action = a("放大", lambda: self.zoom_step(1), QKeySequence.StandardKey.ZoomIn)
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_out_action = a("缩小", lambda: self.zoom_step(-1), QKeySequence.StandardKey.ZoomOut)
        self.zoom_reset_action = a("恢复原始大小", lambda: self.set_zoom(1.0), "Ctrl+0")
        self.help_action = a("使用说明和规则说明", self.context_help, QKeySequence.StandardKey.HelpContents,
                             "选中一条检查结果或单元格时，显示相应规则的说明")
        self.help_action.setShortcuts([QKeySequence("F1")])
        self.demo_action = a("示例报告", self.open_demo, None, "打开自带的示例报告（幸福乡）看看完成的报告是什么样")
        self.logs_action = a("打开日志文件夹", self.open_logs, None, "程序出错时，把这里的日志发给维护人员")

    def _name_undo_steps(self, named: bool) -> None:
        """The 编辑 menu names the step while it is open (the toolbar keeps its short fixed texts)."""
        stack = self.doc.stack
        undo, redo = stack.undoText(), stack.redoText()
        self.undo_action.setText(f"撤销：{undo}" if named and undo else "撤销")
        self.redo_action.setText(f"重做：{redo}" if named and redo else "重做")

    def _show_cell_status(self, current, _previous=None) -> None:
        path = current.data(Qt.ItemDataRole.UserRole + 1) if current.isValid() else None
        if not path:
            self.statusBar().clearMessage()
            return
        text = schema.cell_name(path)
        prev = self.doc.report.previous
        if prev is not None:
            text += f"　上年：{format_value(prev.cells[path]) or '空白'}"
        self.statusBar().showMessage(text)

    def _show_selection_sum(self, grid) -> None:
        """As Excel's status bar: 求和, 计数 of the selected cells."""
        stats = grid.selection_stats()
        if stats is None:
            self.selection_label.clear()
            return
        cells, numbers, total = stats
        self.selection_label.setText(f"求和＝{format_value(total)}　计数＝{numbers}"
                                     + (f"（选中 {cells} 格）" if cells != numbers else ""))

    def show_start(self) -> None:
        """The first screen when no report is open (no file given, nothing to recover)."""
        self.start_page.set_recent([f for f in self.recent_files() if Path(f).exists()])
        self.central.setCurrentWidget(self.start_page)
        self.findings_dock.hide()
        self._document_actions(False)
        self.start_page.new_from_last_button.setFocus()
        self.update_title()

    def show_editor(self) -> None:
        if self.central.currentWidget() is not self.editor:
            self.central.setCurrentWidget(self.editor)
            self.findings_dock.show()
            self._document_actions(True)
            self.update_title()

    def _document_actions(self, on: bool) -> None:
        """On the start page no report is open: what acts on one is greyed out, its counts hidden."""
        for action in (self.save_action, self.save_as_action, *self.export_actions.values(), self.print_action,
                       self.office_print_action, self.autosum_action, self.find_action, self.replace_action,
                       self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            action.setEnabled(on)
        self.previous_action.setEnabled(on and self.doc.report.previous is not None)
        self.summary_label.setVisible(on)

    def on_start_page(self) -> bool:
        return self.central.currentWidget() is self.start_page

    def set_zoom(self, factor: float) -> None:
        self.zoom = factor
        for grid in self.grids.values():
            grid.set_zoom(factor)
        for page in self.section_pages:
            page.prose.set_zoom(factor)
        preamble = self.info_page.fields["preamble"]
        if isinstance(preamble, ProseEdit):
            preamble.set_zoom(factor)
        self.statusBar().showMessage(f"显示比例 {round(factor * 100)}%", 3000)

    def zoom_step(self, direction: int) -> None:
        i = min(range(len(ZOOM_STEPS)), key=lambda k: abs(ZOOM_STEPS[k] - self.zoom))
        i = max(0, min(len(ZOOM_STEPS) - 1, i + direction))
        if ZOOM_STEPS[i] != self.zoom:
            self.set_zoom(ZOOM_STEPS[i])

    def find_replace(self, replace: bool) -> None:
        if self.on_start_page():
            return
        if self.find_dialog is None:
            self.find_dialog = FindReplaceDialog(self)
        self.find_dialog.open_for(replace)

    def context_help(self) -> None:
        """F1: the rule of the selected finding, or of the current cell's first finding; else the overview."""
        focus = QApplication.focusWidget()
        rule = None
        if focus is self.findings_panel.view or (focus is not None and self.findings_panel.isAncestorOf(focus)):
            rule = self.findings_panel.current_rule()
        else:
            for grid in self.grids.values():
                if grid.isVisible() and grid.currentIndex().isValid():
                    path = grid.currentIndex().data(Qt.ItemDataRole.UserRole + 1)
                    found = self.doc.by_cell.get(path or "")
                    if found and (focus is grid or rule is None):
                        rule = found[0].rule
        self.show_help(rule or "")

    def show_help(self, rule: str = "") -> None:
        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self, on_open_logs=self.open_logs)
        dialog = self.help_dialog
        dialog.show_rule(rule)
        dialog.show()
        dialog.raise_()

    def open_demo(self) -> None:
        if self.maybe_save():
            self.load_project(Project(demo_report()), None, note="示例报告")

    def open_logs(self) -> None:
        folder = logs.log_dir(self.data_dir)
        folder.mkdir(parents=True, exist_ok=True)
        self.open_externally(folder)

    def open_externally(self, path: Path) -> bool:
        """Open a file or folder with the system's program; a message when there is none."""
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return True
        self.warn(f"没有找到打开“{path.name}”的程序。\n文件在：{path}")
        return False

    def print_preview(self) -> None:
        if self.on_start_page():
            return
        try:
            printing.preview(self, self.doc.report.copy())
        except ImportError:
            self.warn("本程序缺少打印组件，请用“用办公软件打印”，或导出 PDF 后打印")

    def print_with_office(self) -> None:
        if self.on_start_page():
            return
        report = self.doc.report.copy()
        run_task(self, "打印", "正在生成 Word 文件并交给办公软件打印…",
                 lambda: printing.print_with_office(report),
                 lambda done: self.statusBar().showMessage(done, 8000),
                 lambda message: self.warn(f"打印失败：\n{message}"))

    # ------------------------------------------------------------ export (print is above)

    def export(self, suffix: str) -> None:
        errors = self.doc.counts()[0]
        if errors and not dialogs.ask_export_with_errors(self, errors):
            return
        label, file_filter = FORMATS[suffix]
        r = self.doc.report
        stem = r.title.strip() or (self.doc.path.stem if self.doc.path else "年度报告")
        base = self.doc.path.parent if self.doc.path else Path(self._last_dir())
        name = dialogs.save_file_name(self, f"导出{label}", str(base / f"{stem}{suffix}"), file_filter)
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self._export_thread = start_export(self, self.doc.report.copy(), path,
                                           self._export_done, self._export_failed)

    def _export_done(self, path: Path) -> None:
        self._export_thread = None
        self.statusBar().showMessage(f"已导出 {path}", 8000)
        if dialogs.ask_open_result(self, path):
            self.open_externally(path)

    def _export_failed(self, message: str) -> None:
        self._export_thread = None
        self.warn(f"导出失败：\n{message}")

