"""Freeze panes: table 三's header rows (and label columns) stay in sight while its body scrolls."""

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtWidgets import QApplication, QTableView

from composer import schema
from composer.ui.grid_model import COLOURS

from .helpers import grid, index_of

FIRST_DATA = "tables.requests.new.natural"
LAST_ROW = "tables.requests.carried_forward.natural"


def small_window(window, table="requests", width=911, height=512):
    """The clerk's 1366×768 screen at 150 %: only a few body rows fit under the header (the findings
    panel closed, so that the header is not so tall a share of the grid that it scrolls away)."""
    window.findings_dock.hide()
    window.resize(width, height)
    window.nav.setCurrentRow(3 if table == "requests" else 4)
    QApplication.processEvents()
    view = grid(window, table)
    assert view.verticalScrollBar().maximum() > 0, "the test needs a grid that scrolls"
    return view


def pane(window, name) -> QTableView:
    found = window.findChild(QTableView, name)
    assert found is not None, name
    return found


def header_index(view, text):
    model = view.model()
    cell = next(c for c in model.layout.cells if c.text == text and c.role == "header")
    return model.index(cell.row, cell.col)


def in_viewport(view, index) -> bool:
    return view.viewport().rect().contains(view.visualRect(index))


def below_header(view, index) -> bool:
    rect = view.visualRect(index)
    return rect.top() >= view.frozen_height() and rect.bottom() < view.viewport().height()


def test_header_stays_on_top_when_scrolled_to_the_last_row(qtbot, window):
    view = small_window(window)
    view.scrollToBottom()
    QApplication.processEvents()
    assert view.verticalScrollBar().value() == view.verticalScrollBar().maximum() > 0
    header = pane(window, "grid-requests-header")
    assert header.isVisible()
    natural = header_index(view, "自然人")
    assert natural.data() == "自然人"
    rect = header.visualRect(natural)
    assert header.viewport().rect().contains(rect)
    # the header pane sits at the top of the grid's viewport, inside its frame, beside its scroll bar
    top_left = header.mapTo(view, QPoint(0, 0))
    assert top_left == view.viewport().geometry().topLeft()
    assert header.width() == view.viewport().width()
    assert header.height() == view.frozen_height() < view.viewport().height()
    # what the clerk sees there is the header cell, painted in header grey — not the body under it
    image = view.grab().toImage()
    probe = header.viewport().mapTo(view, rect.topLeft() + QPoint(3, 3))
    assert QColor(image.pixel(probe)) == COLOURS["header"]
    # and the body's last row is in sight below it
    last = index_of(view, LAST_ROW)
    assert in_viewport(view, last) and below_header(view, last)


def test_label_columns_stay_at_the_left_when_scrolled_right(qtbot, window):
    view = small_window(window, width=760)
    hbar = view.horizontalScrollBar()
    assert hbar.maximum() > 0
    hbar.setValue(hbar.maximum())
    QApplication.processEvents()
    labels = pane(window, "grid-requests-labels")
    corner = pane(window, "grid-requests-corner")
    assert labels.width() == corner.width() == view.frozen_width() == sum(
        view.columnWidth(c) for c in range(3))
    row_label = view.model().index(3, 0)  # 一、本年新收政府信息公开申请数量
    assert row_label.data().startswith("一、")
    assert labels.viewport().rect().contains(labels.visualRect(row_label))
    assert not in_viewport(view, row_label)  # the body itself has scrolled it away
    # the header scrolls along with the body, the labels pane along with its rows
    header = pane(window, "grid-requests-header")
    assert header.horizontalScrollBar().value() == hbar.value()
    view.verticalScrollBar().setValue(100)
    assert labels.verticalScrollBar().value() == 100


def test_pane_columns_and_rows_follow_the_grid(qtbot, window):
    view = small_window(window)
    panes = [pane(window, f"grid-requests-{n}") for n in ("header", "labels", "corner")]
    view.fit([50, 110, 180], 66)
    window.resize(1000, 600)
    QApplication.processEvents()
    for p in panes:  # (a hidden row or column reports 0)
        shown = [c for c in range(10) if not p.isColumnHidden(c)]
        assert shown == (list(range(3)) if p is not panes[0] else list(range(10)))
        assert [p.columnWidth(c) for c in shown] == [view.columnWidth(c) for c in shown]
        assert all(p.rowHeight(r) == view.rowHeight(r) for r in range(28) if not p.isRowHidden(r))
    header = panes[0]
    assert header.width() == view.viewport().width()
    assert header.height() == view.frozen_height()
    assert view.columnWidth(3) == 66


def test_keyboard_up_to_the_first_data_row_shows_it_below_the_header(qtbot, window):
    view = small_window(window)
    view.setCurrentIndex(index_of(view, LAST_ROW))
    view.setFocus()
    QApplication.processEvents()
    assert in_viewport(view, view.currentIndex())
    first = index_of(view, FIRST_DATA)
    for _ in range(40):
        if view.currentIndex() == first:
            break
        qtbot.keyClick(view, Qt.Key.Key_Up)
        assert below_header(view, view.currentIndex()), view.currentIndex().row()
    assert view.currentIndex() == first
    assert view.verticalScrollBar().value() == 0  # the first body row sits right under the header
    # Up once more: the 自然人 header cell, already in sight — the body does not jump
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.currentIndex() == header_index(view, "自然人")
    assert view.verticalScrollBar().value() == 0


def test_jump_to_a_cell_centres_it_in_the_body(qtbot, window):
    view = small_window(window)
    path = "tables.requests.results.denied.inquiry.natural"
    assert view.focus_path(path)
    assert below_header(view, index_of(view, path))


def test_typing_into_a_scrolled_cell_lands_in_the_report(qtbot, window):
    view = small_window(window)
    view.scrollToBottom()
    view.setCurrentIndex(index_of(view, LAST_ROW))
    view.setFocus()
    qtbot.keyClicks(view, "7")
    editor = QApplication.focusWidget()
    assert editor is not view and view.viewport().isAncestorOf(editor)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.doc.report.cells[LAST_ROW] == 7
    # and after walking up to the first data row, under the header
    view.setFocus()
    while view.currentIndex() != index_of(view, FIRST_DATA):
        qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClicks(view, "5")
    editor = QApplication.focusWidget()
    assert editor.mapTo(view.viewport(), QPoint(0, 0)).y() >= view.frozen_height()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.doc.report.cells[FIRST_DATA] == 5


def test_clicking_a_header_cell_selects_it_without_scrolling(qtbot, window):
    view = small_window(window)
    view.scrollToBottom()
    QApplication.processEvents()
    value = view.verticalScrollBar().value()
    header = pane(window, "grid-requests-header")
    natural = header_index(view, "自然人")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=header.visualRect(natural).center())
    assert view.currentIndex() == natural
    assert view.selectionModel().isSelected(natural)
    assert view.verticalScrollBar().value() == value
    assert view.hasFocus()


def test_wheel_over_the_header_scrolls_the_body(qtbot, window):
    view = small_window(window)
    header = pane(window, "grid-requests-header")
    pos = QPointF(header.viewport().rect().center())
    wheel = QWheelEvent(pos, QPointF(header.viewport().mapToGlobal(pos.toPoint())), QPoint(), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(header.viewport(), wheel)
    assert view.verticalScrollBar().value() > 0


def test_panes_show_only_header_cells_and_survive_opening_another_file(qtbot, window, tmp_path):
    from composer.project import Project, ProjectState, save_project
    from composer.report import Report

    view = small_window(window)
    path = tmp_path / "另一份.nianbao"
    save_project(Project(Report(year=2024), ProjectState()), path)
    assert window.open_path(path)
    QApplication.processEvents()
    header = pane(window, "grid-requests-header")
    corner = pane(window, "grid-requests-corner")
    model = view.model()
    shown = [r for r in range(model.rowCount()) if not header.isRowHidden(r)]
    assert shown == [0, 1, 2] == list(range(schema.layout("requests").header_rows))
    assert (corner.rowSpan(0, 0), corner.columnSpan(0, 0)) == (3, 3)
    assert (header.rowSpan(0, 3), header.columnSpan(0, 3)) == (1, 7)  # 申请人情况
    assert header.height() == view.frozen_height()
    for p in (header, corner, pane(window, "grid-requests-labels")):
        assert p.focusPolicy() == Qt.FocusPolicy.NoFocus
        assert p.selectionModel() is view.selectionModel()


def test_which_grids_freeze(qtbot, window):
    # table 二 repeats its title and header rows per group: nothing there is frozen
    assert window.findChild(QTableView, "grid-active-header") is None
    assert window.findChild(QTableView, "grid-active-labels") is None
    # table 四: its three header rows, no label columns
    assert window.findChild(QTableView, "grid-review-header") is not None
    assert window.findChild(QTableView, "grid-review-labels") is None
    # the grids themselves stay the editable views the rest of the window uses
    for table in ("active", "requests", "review"):
        assert grid(window, table) is window.grids[table]


def test_page_down_and_up_step_by_the_rows_that_scroll(qtbot, window):
    view = small_window(window, width=1366, height=768)
    first = index_of(view, FIRST_DATA)
    view.setCurrentIndex(first)
    view.setFocus()
    QApplication.processEvents()
    free = view.viewport().height() - view.frozen_height()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    after = view.currentIndex()
    assert after.row() > first.row() + 1 and after.column() == first.column()
    assert below_header(view, after)
    skipped = sum(view.rowHeight(r) for r in range(first.row() + 1, after.row() + 1))
    assert skipped <= free or after.row() == first.row() + 1  # no row jumped past unseen
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.currentIndex() == first and below_header(view, first)


def test_a_header_too_tall_for_the_grid_scrolls_away_with_the_body(qtbot, window):
    view = small_window(window)
    header = pane(window, "grid-requests-header")
    assert view.frozen_rows and header.isVisible()
    window.findings_dock.show()
    window.resize(911, 420)  # the header would cover most of what is left: it scrolls with the body
    QApplication.processEvents()
    assert view.frozen_rows == 0 and view.frozen_height() == 0
    assert not header.isVisible()
    last = index_of(view, LAST_ROW)
    view.setCurrentIndex(last)
    QApplication.processEvents()
    assert in_viewport(view, last)
    window.resize(911, 760)
    QApplication.processEvents()
    assert view.frozen_rows == view.header_rows and header.isVisible()
