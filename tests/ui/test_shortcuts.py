"""Windows and WPS habits, each driven with real key events on the real widgets: Ctrl+Y, F2,
Ctrl+F/H (replace-all one undo step), Ctrl+P, zoom (keys and Ctrl+wheel), F1, the right-click
menu, resizable columns, the sum of the selection in the status bar."""

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from composer.ui import printing
from composer.ui.find_replace import find_all

from .helpers import finding_rows, findings_view, grid, index_of

NEW_NATURAL = "tables.requests.new.natural"
OVERVIEW = "sections.overview"


def key(qtbot, widget, k, modifier=Qt.KeyboardModifier.NoModifier):
    widget.setFocus()
    qtbot.keyClick(widget, k, modifier)
    QApplication.processEvents()


def activate(qtbot, window):
    """Back to the main window after a dialog had the keyboard (as a click on it does)."""
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def test_ctrl_y_redoes_as_in_windows_and_wps(qtbot, window):
    view = grid(window, "requests")
    view.setCurrentIndex(index_of(view, NEW_NATURAL))
    key(qtbot, view, Qt.Key.Key_Delete)
    assert window.doc.report.cells[NEW_NATURAL] is None
    key(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.report.cells[NEW_NATURAL] == 3
    key(qtbot, view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.report.cells[NEW_NATURAL] is None
    # in a prose editor too (its own undo is off: one stack for the whole report)
    window.nav.setCurrentRow(1)
    prose = window.section_pages[0].prose
    key(qtbot, prose, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.report.cells[NEW_NATURAL] == 3
    key(qtbot, prose, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.report.cells[NEW_NATURAL] is None


def test_f2_edits_the_current_cell_keeping_its_value(qtbot, window):
    window.nav.setCurrentRow(3)
    view = grid(window, "requests")
    view.setCurrentIndex(index_of(view, NEW_NATURAL))
    key(qtbot, view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not view and editor.text() == "3"
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, "0")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.doc.report.cells[NEW_NATURAL] == 30


def test_ctrl_h_replace_all_changes_prose_and_titles_in_one_undo_step(qtbot, window):
    doc = window.doc
    doc.report.title = "2024年测试乡人民政府信息公开工作年度报告"
    doc.report.sections["overview"] = "2024年，我乡收到申请3件。2024年度工作平稳。"
    doc.report.sections["other"] = "2024年未收取信息处理费。"
    doc.load(doc.report)
    assert len(find_all(doc, "2024")) == 4
    key(qtbot, window.section_pages[0].prose, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = window.find_dialog
    assert dialog is not None and dialog.isVisible() and dialog.all_button.isVisible()
    dialog.find_edit.setText("2024")
    dialog.replace_edit.setText("2025")
    qtbot.mouseClick(dialog.all_button, Qt.MouseButton.LeftButton)
    assert doc.report.title.startswith("2025年") and doc.report.sections["overview"].count("2025") == 2
    assert doc.report.sections["other"] == "2025年未收取信息处理费。"
    assert window.section_pages[0].prose.toPlainText() == doc.report.sections["overview"]  # the editor shows it
    assert "4 处" in dialog.status.text()
    dialog.close()
    activate(qtbot, window)
    key(qtbot, window.section_pages[0].prose, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(find_all(doc, "2024")) == 4 and not find_all(doc, "2025")  # one step undoes all of it


def test_ctrl_f_finds_the_next_match_and_selects_it_in_its_editor(qtbot, window):
    doc = window.doc
    doc.report.sections["overview"] = "本年度收到申请3件。"
    doc.report.sections["problems"] = "申请办理还需提高。"
    doc.load(doc.report)
    key(qtbot, grid(window, "requests"), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = window.find_dialog
    assert dialog.isVisible() and not dialog.all_button.isVisible()
    dialog.find_edit.setText("申请")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    prose = window.section_pages[0].prose
    assert window.nav.currentRow() == 1 and prose.textCursor().selectedText() == "申请"
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    problems = window.section_pages[4].prose
    assert window.nav.currentRow() == 5 and problems.textCursor().selectedText() == "申请"
    assert "第 2 处，共 2 处" in dialog.status.text()


def test_ctrl_p_prints_the_rendered_report_with_a_preview(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(printing, "preview", lambda parent, report: shown.append(report))
    key(qtbot, grid(window, "requests"), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(shown) == 1 and shown[0].organ == window.doc.report.organ
    assert shown[0] is not window.doc.report  # a copy: printing never touches the report


def test_zoom_with_keys_and_ctrl_wheel_grows_grids_and_prose(qtbot, window):
    window.nav.setCurrentRow(3)
    view = grid(window, "requests")
    prose = window.section_pages[0].prose
    size, width, prose_size = view.font().pointSizeF(), view.columnWidth(3), prose.font().pointSizeF()
    key(qtbot, view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSizeF() > size and prose.font().pointSizeF() > prose_size
    assert view.columnWidth(3) >= width
    key(qtbot, view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSizeF() < size
    key(qtbot, view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSizeF() == size
    wheel = QWheelEvent(QPointF(50, 50), QPointF(view.mapToGlobal(QPoint(50, 50))), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.font().pointSizeF() < size and prose.font().pointSizeF() < prose_size


def test_f1_on_a_finding_opens_its_rule_help(qtbot, window):
    window.nav.setCurrentRow(3)
    view = grid(window, "requests")
    view.setCurrentIndex(index_of(view, NEW_NATURAL))
    key(qtbot, view, Qt.Key.Key_Delete)  # a blank cell: a V.BLANK finding
    panel_view = findings_view(window)
    row = finding_rows(window, "V.BLANK")[0]
    panel_view.setCurrentIndex(row)
    key(qtbot, panel_view, Qt.Key.Key_F1)
    help_ = window.help_dialog
    assert help_ is not None and help_.isVisible() and help_.current_rule() == "V.BLANK"
    text = help_.text.toPlainText()
    assert "检查什么" in text and "为什么" in text and "怎样改正" in text
    # F1 on a cell with a finding opens that finding's rule; on a clean cell the overview with the legend
    view.setCurrentIndex(index_of(view, "tables.requests.carried_over.total"))  # 1 ≠ 0 + … + 0
    key(qtbot, view, Qt.Key.Key_1)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    view.setCurrentIndex(index_of(view, "tables.requests.carried_over.total"))
    activate(qtbot, window)
    key(qtbot, view, Qt.Key.Key_F1)
    assert help_.current_rule() == "T3.ROW"
    view.setCurrentIndex(index_of(view, "tables.requests.results.granted.business"))
    key(qtbot, view, Qt.Key.Key_F1)
    assert help_.current_rule() == "" and "单元格颜色" in help_.text.toPlainText()


def test_right_click_menu_on_a_cell(qtbot, window):
    window.nav.setCurrentRow(3)
    view = grid(window, "requests")
    index = index_of(view, NEW_NATURAL)
    pos = view.visualRect(index).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    menu = view.context_menu
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    for wanted in ("复制", "粘贴", "清除", "自动计算合计", "显示上年数"):
        assert wanted in texts
    assert view.currentIndex() == index
    next(a for a in menu.actions() if a.text() == "清除").trigger()
    assert window.doc.report.cells[NEW_NATURAL] is None
    menu.close()


def test_columns_can_be_widened_and_keep_their_width(qtbot, window):
    window.nav.setCurrentRow(3)
    view = grid(window, "requests")
    header = view.horizontalHeader()
    assert header.isVisible() and header.sectionResizeMode(2) == header.ResizeMode.Interactive
    label_row = index_of(view, "tables.requests.results.partial.natural").row()
    tall = view.rowHeight(label_row)
    header.resizeSection(2, view.columnWidth(2) + 300)  # as a drag of the column edge does
    assert view.user_widths[2] == view.columnWidth(2)
    assert view.rowHeight(label_row) <= tall  # the long label wraps less: rows refit
    window.resize(window.width() - 40, window.height())
    QApplication.processEvents()
    assert view.columnWidth(2) == view.user_widths[2]  # the clerk's width survives a relayout
    header.sectionHandleDoubleClicked.emit(2)
    assert 2 not in view.user_widths


def test_status_bar_shows_sum_and_count_of_the_selection(qtbot, window):
    window.nav.setCurrentRow(3)
    view = grid(window, "requests")
    model = view.model()
    first, last = index_of(view, NEW_NATURAL), index_of(view, "tables.requests.new.total")
    view.selectionModel().select(QItemSelection(first, model.index(last.row(), last.column())),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect)
    QApplication.processEvents()
    text = window.selection_label.text()
    assert "求和＝6" in text and "计数＝7" in text  # 3 natural + 0 × 5 + 3 total
    view.setCurrentIndex(first)
    view.selectionModel().select(first, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert window.selection_label.text() == ""
