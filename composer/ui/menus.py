"""The main window's actions, menus and toolbar: what the clerk can do and where to find it.

A mixin of MainWindow (like desk.DeskTools): the slots it connects live on the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

from . import screen_fit
from .desk import DeskTools
from .export import FORMATS


def _open_batch_window(window) -> None:
    from .batch_window import open_batch_window

    open_batch_window(window)


def _open_compare_view(window) -> None:
    from .compare_view import open_compare_view

    open_compare_view(window)


class MenusMixin(DeskTools):
    """Builds the actions (with their keys), the menus and the toolbar of MainWindow."""

    if TYPE_CHECKING:  # provided by MainWindow
        def new_blank(self) -> None: ...
        def new_from_last(self) -> None: ...
        def open_dialog(self) -> None: ...
        def save(self) -> bool: ...
        def save_as(self) -> bool: ...
        def autosum(self) -> None: ...
        def toggle_previous(self) -> None: ...
        def _fill_recent(self) -> None: ...

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.new_action = a("新建空白报告", self.new_blank, QKeySequence.StandardKey.New)
        self.new_from_last_action = a("由上年报告新建…", self.new_from_last, None,
                                      "读入上年报告，生成本年度草稿（上年结转自动带入，其余待填）")
        self.open_action = a("打开…", self.open_dialog, QKeySequence.StandardKey.Open,
                             "打开年报项目、报告 JSON，或导入 Word、网页、PDF、文本格式的报告")
        self.save_action = a("保存", self.save, QKeySequence.StandardKey.Save)
        self.save_as_action = a("另存为…", self.save_as, QKeySequence.StandardKey.SaveAs)
        self.export_actions = {suffix: a(f"导出{label}…", lambda _=False, s=suffix: self.export(s))
                               for suffix, (label, _) in FORMATS.items()}
        self.quit_action = a("退出", self.close, QKeySequence.StandardKey.Quit)
        # Fixed short texts (the toolbar stays narrow, and is not laid out anew on every edit); the
        # 编辑 menu names the step while it is open.
        stack = self.doc.stack
        self.undo_action = a("撤销", stack.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = a("重做", stack.redo, QKeySequence.StandardKey.Redo)
        redo_keys = [QKeySequence("Ctrl+Y")]  # Windows and WPS habit, on every platform (no duplicate: Qt
        redo_keys += [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) if k not in redo_keys]
        self.redo_action.setShortcuts(redo_keys)  # would call a key bound twice ambiguous and do nothing)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.autosum_action = a("自动计算合计", self.autosum, "F9",
                                "按各分项计算表三、表四的全部合计单元格（分项有空白的合计不计算）")
        self.previous_action = a("显示上年数", self.toggle_previous, None, "在表格每个单元格中显示上年报告的数字")
        self.previous_action.setCheckable(True)
        self._build_desk_actions()
        for grid in self.grids.values():
            grid.context_actions = [self.autosum_action, self.previous_action, None, self.help_action]

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("文件(&F)")
        for action in (self.new_from_last_action, self.open_action, self.new_action):
            menu.addAction(action)
        self.recent_menu = menu.addMenu("最近打开")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        menu.addSeparator()
        # the county office's desk (issue #10), imported when first used: not on the way to the first window
        self.batch_action = self._action("检查文件夹…", lambda _=False: _open_batch_window(self), None,
                                         "检查一个文件夹中下级单位的全部报告，导出问题清单和汇总")
        self.compare_action = self._action("与上年对比…", lambda _=False: _open_compare_view(self), None,
                                           "本年报告与上年报告逐格、逐部分对比")
        menu.addAction(self.batch_action)
        menu.addAction(self.compare_action)
        menu.addSeparator()
        menu.addAction(self.save_action)
        menu.addAction(self.save_as_action)
        menu.addSeparator()
        for action in self.export_actions.values():
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.print_action)
        menu.addAction(self.office_print_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        edit = self.menuBar().addMenu("编辑(&E)")
        edit.aboutToShow.connect(lambda: self._name_undo_steps(True))
        edit.aboutToHide.connect(lambda: self._name_undo_steps(False))
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        edit.addAction(self.find_action)
        edit.addAction(self.replace_action)
        edit.addSeparator()
        edit.addAction(self.autosum_action)
        view = self.menuBar().addMenu("视图(&V)")
        view.addAction(self.previous_action)
        view.addAction(self.findings_dock.toggleViewAction())
        self.findings_dock.toggleViewAction().setText("检查结果面板")
        view.addSeparator()
        for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            view.addAction(action)
        self.help_menu = self.menuBar().addMenu("帮助(&H)")
        self.help_menu.addAction(self.help_action)
        self.help_menu.addAction(self.demo_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.logs_action)
        bar = QToolBar("常用", self)
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        groups: list[list[QAction]] = [[self.open_action, self.save_action], [self.undo_action, self.redo_action],
                                       [self.autosum_action, self.previous_action],
                                       [*self.export_actions.values(), self.print_action]]
        for i, group in enumerate(groups):
            if i:
                bar.addSeparator()
            bar.addActions(group)
        self.toolbar = bar
        if screen_fit.is_short(screen_fit.screen_for(self)):
            # a low screen keeps its height for table 三: the toolbar shares the menu bar's line
            bar.setStyleSheet("QToolBar { border: none; padding: 0; spacing: 0; }")
            self.menuBar().setCornerWidget(bar, Qt.Corner.TopRightCorner)
        else:
            self.addToolBar(bar)
