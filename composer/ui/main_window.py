"""The main window: start page, navigation, pages, findings panel, files, autosave and recovery, export.

Pieces that stand on their own live beside it: menus (actions, keys, menus, toolbar), start_page (the first screen), screen_fit (size per
screen), find_replace, help_pages (F1), printing, worker (long work off the GUI thread).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStackedWidget,
    QToolTip,
    QWidget,
)

from .. import APP_NAME, palette, schema
from ..autosum import totals
from ..errors import ComposerError
from ..filetypes import PROJECT_SUFFIX, REPORT_SUFFIXES
from ..opening import open_any
from ..project import Project, recovery_dir
from ..report import Report
from ..rules import ERROR, Finding
from ..titles import file_stem
from . import dialogs, screen_fit, texts
from .commands import DismissCommand, set_values
from .document import Document
from .find_replace import FindReplaceDialog
from .findings_panel import FindingsPanel
from .help_pages import HelpDialog
from .lock_dialogs import DocumentGuard
from .menus import MenusMixin
from .pages import InfoPage, SectionPage
from .recovery import RecoveryKeeper
from .start_page import StartPage
from .worker import TaskCancelled, run_blocking, wait_all

MAX_RECENT = 8


def default_year() -> int:
    today = date.today()
    return today.year if today.month >= 7 else today.year - 1  # reports are written in January


def blank_report() -> Report:
    return Report(year=default_year())


def page_of(path: str) -> int:
    """Navigation index of the page showing ``path``: 0 基本信息, 1–6 sections 一 … 六."""
    for i, s in enumerate(schema.SECTIONS):
        if path == s.path or (s.table and path.startswith(f"tables.{s.table}.")):
            return i + 1
    return 0


class MainWindow(MenusMixin):
    def __init__(self, data_dir: Path, parent=None):
        super().__init__(parent)
        self.data_dir = data_dir
        self.recovery_dir = recovery_dir(data_dir)
        self.settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
        self._export_thread = None
        self._closed = False
        self._fitted = False  # sized to its screen at the first show
        self.zoom = 1.0
        self._nav_states: list[tuple] = []
        self.find_dialog: FindReplaceDialog | None = None
        self.help_dialog: HelpDialog | None = None
        self.source_note = ""  # "由 X 导入" for documents that are not project files
        self.doc = Document(blank_report(), parent=self)
        self.setAcceptDrops(True)
        self._build_pages()
        self._build_actions()
        self._build_menus()
        self.recovery = RecoveryKeeper(self)  # the recovery copy: ~1 s after a pause, every 3 s while typing
        self.autosave_timer = self.recovery.idle_timer
        self.guard = DocumentGuard(self)  # the document lock and the check before saving
        self.doc.changed.connect(lambda *_: self.recovery.changed())
        self.doc.stack.indexChanged.connect(self._on_stack_changed)
        self.doc.stack.cleanChanged.connect(self.update_title)
        self.doc.checked.connect(self._on_checked)
        self.doc.reset.connect(self._on_reset)
        self._on_reset()
        self._on_checked()
        screen_fit.fit_window(self, self.settings)

    # ------------------------------------------------------------ building

    def _build_pages(self) -> None:
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setWordWrap(True)
        self.nav.setSpacing(2)
        self.pages = QStackedWidget()
        self.info_page = InfoPage(self.doc, self.warn)
        self.pages.addWidget(self.info_page)
        self.nav.addItem(QListWidgetItem("基本信息"))
        self.section_pages: list[SectionPage] = []
        self.grids = {}
        for section in schema.SECTIONS:
            page = SectionPage(self.doc, section)
            self.section_pages.append(page)
            self.pages.addWidget(page)
            self.nav.addItem(QListWidgetItem(section.heading))
            page.prose.zoom_hook = self.zoom_step
            if page.grid is not None and section.table is not None:
                self.grids[section.table] = page.grid
                page.grid.problem.connect(self.warn)
                page.grid.zoom_requested.connect(self.zoom_step)
                page.grid.selectionModel().currentChanged.connect(self._show_cell_status)
                page.grid.selectionModel().selectionChanged.connect(
                    lambda *_a, g=page.grid: self._show_selection_sum(g))
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.currentRowChanged.connect(lambda _row: self.statusBar().clearMessage())  # no other page's cell
        self.nav.setCurrentRow(0)
        self.nav.setMinimumWidth(140)
        self.nav.setMaximumWidth(210)
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([150, 900])
        self.editor = splitter
        self.start_page = StartPage(default_year())
        self.start_page.new_from_last.connect(self.new_from_last)
        self.start_page.open_other.connect(self.open_dialog)
        self.start_page.new_blank.connect(self.new_blank)
        self.start_page.open_recent.connect(self.open_path)
        self.central = QStackedWidget()
        self.central.addWidget(self.editor)
        self.central.addWidget(self.start_page)
        self.setCentralWidget(self.central)

        self.findings_panel = FindingsPanel(self.doc)
        self.findings_panel.jump.connect(self.jump_to)
        self.findings_panel.dismiss_requested.connect(self.dismiss)
        self.findings_panel.restore_requested.connect(self.restore_warning)
        dock = QDockWidget("检查结果", self)
        dock.setObjectName("findings-dock")
        dock.setWidget(self.findings_panel)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        dock.setTitleBarWidget(QWidget())  # the panel's own first line names it; 视图 menu shows/hides it
        self.findings_panel.help_requested.connect(self.show_help)
        screen = screen_fit.screen_for(self)
        if screen_fit.is_narrow(screen):
            self.findings_panel.set_compact(True)
            # beside table 三 there is no room on a small or scaled screen: list findings below it
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            self.resizeDocks([dock], [100 if screen_fit.is_short(screen) else 160], Qt.Orientation.Vertical)
        else:
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.resizeDocks([dock], [340], Qt.Orientation.Horizontal)
        self.findings_dock = dock

        self.selection_label = QLabel()
        self.selection_label.setObjectName("status-selection")
        self.statusBar().addPermanentWidget(self.selection_label)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("status-summary")
        self.statusBar().addPermanentWidget(self.summary_label)
        # Fixed sizes: a count that changes with every edit must not lay out the window anew.
        fm = self.summary_label.fontMetrics()
        self.summary_label.setFixedSize(fm.horizontalAdvance("00 个错误，00 个提醒，000 格未填（另有 00 个提醒已忽略）"),
                                        fm.height() + 4)
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.selection_label.setFixedSize(fm.horizontalAdvance("求和＝00000000　计数＝000（选中 000 格）"), fm.height() + 4)
        self.selection_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def showEvent(self, event):
        super().showEvent(event)
        if not self._fitted:  # the frame is known once shown: keep all of it on the screen
            self._fitted = True
            screen_fit.keep_inside(self)

    # ------------------------------------------------------------ reacting to the document

    def _on_stack_changed(self) -> None:
        self.recovery.changed()
        self.update_title()

    def _on_reset(self) -> None:
        has_previous = self.doc.report.previous is not None
        self.previous_action.setEnabled(has_previous)
        if not has_previous and self.previous_action.isChecked():
            self.previous_action.setChecked(False)
        self.toggle_previous()
        self.update_title()

    def _on_checked(self) -> None:
        if QToolTip.isVisible():
            QToolTip.hideText()  # a tooltip must not go on claiming what the last change put right
        if not self.doc.findings_changed:
            self.update_title()
            return
        errors, warnings, dismissed = self.doc.counts()
        blank_rows = [f for f in self.doc.active if f.rule == "V.BLANK"]
        self.summary_label.setText(texts.summary(errors, warnings - len(blank_rows), dismissed,
                                                 sum(len(f.cells) for f in blank_rows)))
        per_page: dict[int, list[str]] = {}
        for f in self.doc.active:
            per_page.setdefault(page_of(f.cells[0] if f.cells else ""), []).append(f.severity)
        states = [(ERROR in per_page.get(i, []), len(per_page.get(i, []))) for i in range(self.nav.count())]
        if states == self._nav_states:
            self.update_title()
            return
        self._nav_states = states
        for i in range(self.nav.count()):
            item = self.nav.item(i)
            severities = per_page.get(i, [])
            if ERROR in severities:
                item.setForeground(QBrush(QColor(palette.SEVERITY_SHADES["error"].text)))
            elif severities:
                item.setForeground(QBrush(QColor(palette.SEVERITY_SHADES["warning"].text)))
            else:
                item.setForeground(QBrush(QColor(palette.NEUTRAL_TEXT)))
            n_err = severities.count(ERROR)
            item.setToolTip(f"{n_err} 个错误，{len(severities) - n_err} 个提醒" if severities else "未发现问题")
        self.update_title()

    def update_title(self) -> None:
        if self.on_start_page():
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)
            return
        r = self.doc.report
        if self.doc.path is not None:
            name = self.doc.path.name
        else:
            name = self.source_note or "未保存的新报告"
        year = f"{r.year}年度" if r.year is not None else "年度未填"
        self.setWindowTitle(f"{r.organ.strip() or '机关名称未填'} {year} — {name}[*] — {APP_NAME}")
        self.setWindowModified(self.doc.is_modified())

    def warn(self, text: str) -> None:
        dialogs.warn(self, text)

    # ------------------------------------------------------------ navigation

    def jump_to(self, finding: Finding) -> None:
        path = finding.cells[0] if finding.cells else ""
        self.show_path(path, finding.span)

    def show_path(self, path: str, span=None) -> None:
        page = page_of(path)
        self.nav.setCurrentRow(page)
        if path.startswith("tables."):
            table = path.split(".")[1]
            self.grids[table].focus_path(path)
        elif path.startswith("sections."):
            self.section_pages[page - 1].prose.select_span(span)
        elif path in self.info_page.fields:
            widget = self.info_page.fields[path]
            if span is not None and hasattr(widget, "select_span"):
                widget.select_span(span)
            else:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                if hasattr(widget, "selectAll"):
                    widget.selectAll()
            self.info_page.ensureWidgetVisible(widget)

    # ------------------------------------------------------------ editing actions

    def autosum(self) -> None:
        values = totals(self.doc.report.cells)
        if values:
            set_values(self.doc, values, f"自动计算合计（{len(values)} 个单元格）")
            self.statusBar().showMessage(f"已计算 {len(values)} 个合计单元格", 5000)
        else:
            self.statusBar().showMessage("没有需要计算的合计（合计已正确，或分项尚有空白）", 5000)

    def toggle_previous(self) -> None:
        on = self.previous_action.isChecked() and self.doc.report.previous is not None
        for grid in self.grids.values():
            if grid.grid.show_previous != on:
                grid.set_show_previous(on)

    def dismiss(self, finding: Finding) -> None:
        if finding.severity == ERROR:
            self.warn("错误不能忽略，请改正报告中的数字")
            return
        reason = dialogs.ask_reason(self, finding.message)
        if reason:
            self.doc.stack.push(DismissCommand(self.doc, finding.key, reason, "忽略提醒"))

    def restore_warning(self, finding: Finding) -> None:
        if finding.key in self.doc.state.dismissed:
            self.doc.stack.push(DismissCommand(self.doc, finding.key, None, "恢复提醒"))

    # ------------------------------------------------------------ files

    def display_name(self) -> str:
        return self.doc.path.name if self.doc.path else (self.source_note or "未保存的新报告")

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current report (saved, or the clerk said so)."""
        if not self.doc.is_modified():
            return True
        answer = dialogs.ask_save_changes(self, self.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def load_project(self, project: Project, path: Path | None, note: str = "", restored: bool = False) -> None:
        self.source_note = note
        if not restored:
            self._clear_own_recovery()  # the previous report was saved or given up
        self.doc.load(project.report, project.state, path, restored=restored)
        self.guard.follow(path, restored)
        self.show_editor()

    def read_file(self, path: Path) -> tuple[Project, list[str], bool]:
        """(project, import notes, is a project file). Raises ComposerError, or TaskCancelled (取消).

        A document is imported in a worker thread (LibreOffice may take a while); the window paints."""
        if path.suffix.lower() in REPORT_SUFFIXES:
            opened = open_any(path)
        else:
            opened = run_blocking(self, "打开", f"正在读取“{path.name}”…", lambda: open_any(path))
        return opened.project, opened.notes, opened.is_project

    def open_path(self, path: str | os.PathLike) -> bool:
        path = Path(path)
        try:
            project, notes, is_project = self.read_file(path)
        except ComposerError as err:
            self.warn(f"无法打开“{path.name}”：\n{err.message}\n\n当前报告未受影响。")
            return False
        except MemoryError:
            self.warn(f"无法打开“{path.name}”：文件过大")
            return False
        except TaskCancelled:
            return False
        year = project.report.year
        if year is not None and year < default_year() and dialogs.ask_start_draft(self, path.name, year):
            return self.start_draft(project, notes, path)
        if is_project:
            if not self.guard.open_project(project, path):  # asks when someone else has it open
                return False
        else:
            self.load_project(project, None, note=f"由“{path.name}”导入，尚未保存")
        self.add_recent(path)
        if notes:
            dialogs.info(self, "导入时有以下情况需要核对：\n" + "\n".join(f"· {n}" for n in notes))
        return True

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        name = dialogs.open_file_name(self, "打开报告", self._last_dir())
        if name:
            self.open_path(name)

    def new_blank(self) -> None:
        if self.maybe_save():
            self.load_project(Project(blank_report()), None)

    def new_from_last(self) -> None:
        if not self.maybe_save():
            return
        name = dialogs.open_file_name(self, "选择上年的年度报告", self._last_dir())
        if not name:
            return
        try:
            project, notes, _ = self.read_file(Path(name))
        except ComposerError as err:
            self.warn(f"无法由“{Path(name).name}”生成草稿：\n{err.message}")
            return
        except TaskCancelled:
            return
        self.start_draft(project, notes, Path(name))

    def start_draft(self, last: Project, notes: list[str], source: Path) -> bool:
        """This year's draft from last year's report ``last`` (read from ``source``)."""
        try:
            from ..importers.carry_forward import carry_forward

            draft = carry_forward(last.report)
        except ComposerError as err:
            self.warn(f"无法由“{source.name}”生成草稿：\n{err.message}")
            return False
        except ImportError:
            self.warn("本程序缺少“由上年报告新建”组件，请重新安装年报编制器")
            return False
        self.load_project(Project(draft), None, note=f"由上年报告“{source.name}”生成的草稿，尚未保存")
        self.add_recent(source)
        if notes:
            dialogs.info(self, "读取上年报告时有以下情况需要核对：\n" + "\n".join(f"· {n}" for n in notes))
        return True

    def save(self) -> bool:
        path = self.doc.path
        if path is None or path.suffix.lower() not in REPORT_SUFFIXES:
            return self.save_as()
        return self.save_to(path)

    def save_as(self) -> bool:
        r = self.doc.report
        stem = file_stem(r.organ, r.year)
        suggested = str(Path(self._last_dir()) / f"{stem}{PROJECT_SUFFIX}")
        name = dialogs.save_file_name(self, "保存报告", suggested, dialogs.SAVE_FILTER)
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() not in REPORT_SUFFIXES:
            path = path.with_name(path.name + PROJECT_SUFFIX)
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        try:
            if not self.guard.save(self.doc.project(), path):  # locked, or changed on disk and not overwritten
                return False
        except ComposerError as err:
            self.warn(f"保存失败：\n{err}")
            return False
        self.doc.mark_saved(path.resolve())
        self.source_note = ""
        self.add_recent(path)
        self._clear_own_recovery()
        self.update_title()
        self.statusBar().showMessage(f"已保存到 {path}", 5000)
        return True

    def _last_dir(self) -> str:
        if self.doc.path is not None:
            return str(self.doc.path.parent)
        recent = self.recent_files()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent", [])
        if isinstance(value, str):
            value = [value]
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def add_recent(self, path: Path) -> None:
        name = str(Path(path).resolve())
        recent = [name] + [p for p in self.recent_files() if p != name]
        self.settings.setValue("recent", recent[:MAX_RECENT])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        if not files:
            self.recent_menu.addAction("（无）").setEnabled(False)
        for i, name in enumerate(files, 1):
            action = self.recent_menu.addAction(f"&{i} {Path(name).name}")
            action.setToolTip(name)
            action.triggered.connect(lambda _=False, n=name: self.maybe_save() and self.open_path(n))

    # ------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event):
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event):
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            if self.maybe_save():
                self.open_path(files[0])

    # ------------------------------------------------------------ autosave and recovery

    def autosave(self) -> None:
        self.recovery.write_now()

    def _clear_own_recovery(self) -> None:
        self.recovery.clear()

    def offer_recovery(self) -> bool:
        """After a crash: offer the most recently saved copy that no running window owns."""
        return self.recovery.offer()

    def closeEvent(self, event):
        if self._closed:
            event.accept()
            return
        if not self.maybe_save():
            event.ignore()
            return
        self._closed = True
        screen_fit.remember(self, self.settings)
        self.recovery.shutdown()
        self.guard.release()
        if self._export_thread is not None:
            self._export_thread.wait(60000)
        wait_all()
        event.accept()
