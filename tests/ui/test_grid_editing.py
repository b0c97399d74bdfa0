"""Typing, checks painted at once, Excel-like keys, paste, the grids' structure."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QApplication

from composer import schema
from composer.ui.roles import PATH_ROLE

from .helpers import grid, index_of, severity

NEW_NATURAL = "tables.requests.new.natural"
NEW_TOTAL = "tables.requests.new.total"


def type_into(qtbot, view, path: str, text: str, key=Qt.Key.Key_Return) -> None:
    """Select the cell, type as a clerk does (the first key opens the editor), press Enter."""
    view.setCurrentIndex(index_of(view, path))
    view.setFocus()
    if text.isascii():
        qtbot.keyClick(view, text[0])
        rest = text[1:]
    else:  # QTest has no key for full-width characters: open the editor, then input as an IME does
        qtbot.keyClick(view, Qt.Key.Key_F2)
        rest = text
    editor = QApplication.focusWidget()
    assert editor is not view, "typing did not open an editor"
    if rest.isascii():
        qtbot.keyClicks(editor, rest)
    else:
        editor.insert(rest)
    qtbot.keyClick(editor, key)


def test_grids_are_the_printed_tables(window):
    for table, expected in (("active", 10), ("requests", 175), ("review", 15)):
        view = grid(window, table)
        model = view.model()
        layout = schema.layout(table)
        paths, editable = [], 0
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                index = model.index(r, c)
                if index.flags() & Qt.ItemFlag.ItemIsEditable:
                    editable += 1
                    paths.append(index.data(PATH_ROLE))
        assert editable == expected
        assert sorted(paths) == sorted(c.path for c in layout.value_cells())
        for cell in layout.cells:  # merged spans and printed labels as the schema lays them out
            assert view.rowSpan(cell.row, cell.col) == cell.rowspan
            assert view.columnSpan(cell.row, cell.col) == cell.colspan
            if cell.role != "value":
                assert model.index(cell.row, cell.col).data() == cell.text
                assert not model.index(cell.row, cell.col).flags() & Qt.ItemFlag.ItemIsEditable


def test_wrong_number_turns_cells_red_at_once_and_fixing_clears(qtbot, window):
    view = grid(window, "requests")
    assert severity(view, NEW_NATURAL) is None
    type_into(qtbot, view, NEW_NATURAL, "5")
    # no event processing between the keystroke and these checks: same event-loop turn
    assert window.doc.report.cells[NEW_NATURAL] == 5
    assert severity(view, NEW_NATURAL) == "error"
    assert severity(view, NEW_TOTAL) == "error"  # T3.ROW: total 3 ≠ 5
    assert severity(view, "tables.requests.carried_forward.natural") == "error"  # T3.BALANCE
    assert severity(view, "tables.requests.new.business") == "error"  # a part of the broken row
    assert severity(view, "tables.requests.carried_over.business") is None  # untouched row and column
    tip = index_of(view, NEW_TOTAL).data(Qt.ItemDataRole.ToolTipRole)
    assert "表三 行合计" in tip and "应为 5" in tip and "填报为 3" in tip and "应填：5" in tip
    balance = index_of(view, "tables.requests.carried_forward.natural").data(Qt.ItemDataRole.ToolTipRole)
    assert "勾稽关系" in balance and "一+二=5" in balance and "三（七）+四=3" in balance
    assert "2 个错误" in window.summary_label.text()

    type_into(qtbot, view, NEW_NATURAL, "3")
    assert severity(view, NEW_NATURAL) is None
    assert severity(view, NEW_TOTAL) is None
    assert severity(view, "tables.requests.carried_forward.natural") is None
    assert window.summary_label.text() == "未发现问题"


def test_blank_and_warning_are_distinct_states(qtbot, window):
    view = grid(window, "requests")
    view.setCurrentIndex(index_of(view, "tables.requests.carried_over.legal"))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert window.doc.report.cells["tables.requests.carried_over.legal"] is None
    assert severity(view, "tables.requests.carried_over.legal") == "blank"
    bg_blank = index_of(view, "tables.requests.carried_over.legal").data(Qt.ItemDataRole.BackgroundRole)
    type_into(qtbot, view, NEW_NATURAL, "5")
    bg_error = index_of(view, NEW_NATURAL).data(Qt.ItemDataRole.BackgroundRole)
    assert bg_blank.color() != bg_error.color()


def test_enter_moves_down_tab_moves_right(qtbot, window):
    view = grid(window, "requests")
    type_into(qtbot, view, NEW_NATURAL, "3")
    assert view.currentIndex().data(PATH_ROLE) == "tables.requests.carried_over.natural"
    type_into(qtbot, view, "tables.requests.carried_over.natural", "0", key=Qt.Key.Key_Tab)
    assert view.currentIndex().data(PATH_ROLE) == "tables.requests.carried_over.business"
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.currentIndex().data(PATH_ROLE) == "tables.requests.carried_over.research"
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.currentIndex().data(PATH_ROLE) == "tables.requests.results.granted.research"


def test_fullwidth_and_grouped_numbers_are_normalised(qtbot, window):
    view = grid(window, "requests")
    type_into(qtbot, view, "tables.requests.new.business", "１２")
    assert window.doc.report.cells["tables.requests.new.business"] == 12
    type_into(qtbot, view, "tables.requests.new.legal", "1,234")
    assert window.doc.report.cells["tables.requests.new.legal"] == 1234
    assert index_of(view, "tables.requests.new.legal").data() == "1234"


def test_bad_entry_is_refused_with_a_message(qtbot, window, messages):
    view = grid(window, "requests")
    type_into(qtbot, view, NEW_NATURAL, "abc")
    assert window.doc.report.cells[NEW_NATURAL] == 3
    assert messages.warnings and "不是数字" in messages.warnings[-1]
    assert "自然人" in messages.warnings[-1]
    assert view.currentIndex().data(PATH_ROLE) == NEW_NATURAL  # stays on the cell to retype
    type_into(qtbot, view, NEW_NATURAL, "1.5")
    assert window.doc.report.cells[NEW_NATURAL] == 3
    assert "不是整数" in messages.warnings[-1]
    assert window.doc.stack.count() == 0


def test_amount_cell_takes_decimals(qtbot, window):
    view = grid(window, "active")
    type_into(qtbot, view, "tables.active.fees", "0.25")
    assert str(window.doc.report.cells["tables.active.fees"]) == "0.25"


def test_paste_excel_block(qtbot, window):
    view = grid(window, "requests")
    view.setCurrentIndex(index_of(view, "tables.requests.new.business"))
    # as Excel/WPS put it on the clipboard: CRLF rows, a quoted cell, full width and grouping
    QGuiApplication.clipboard().setText('1\t"2"\r\n１\t1,000\r\n')
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    cells = window.doc.report.cells
    assert cells["tables.requests.new.business"] == 1
    assert cells["tables.requests.new.research"] == 2
    assert cells["tables.requests.carried_over.business"] == 1
    assert cells["tables.requests.carried_over.research"] == 1000
    assert window.doc.stack.count() == 1  # one step
    assert severity(view, NEW_TOTAL) == "error"
    window.undo_action.trigger()
    assert cells["tables.requests.new.business"] == 0 and cells["tables.requests.carried_over.research"] == 0


def test_bad_paste_changes_nothing_and_says_why(qtbot, window, messages):
    view = grid(window, "requests")
    view.setCurrentIndex(index_of(view, "tables.requests.new.business"))
    QGuiApplication.clipboard().setText("1\tx\r\n2\t3\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.report.cells["tables.requests.new.business"] == 0
    assert window.doc.stack.count() == 0
    assert "没有粘贴" in messages.warnings[-1] and "“x”不是数字" in messages.warnings[-1]
    view.setCurrentIndex(index_of(view, "tables.requests.new.total"))
    QGuiApplication.clipboard().setText("1\t2\r\n")  # runs off the table's right edge
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "表格之外" in messages.warnings[-1]
    assert window.doc.stack.count() == 0


def test_copy_gives_tsv_and_delete_clears_a_block(qtbot, window):
    view = grid(window, "requests")
    model = view.model()
    first = index_of(view, "tables.requests.new.natural")
    last = index_of(view, "tables.requests.carried_over.business")
    view.setCurrentIndex(first)
    from PySide6.QtCore import QItemSelection, QItemSelectionModel
    view.selectionModel().select(QItemSelection(first, last), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "3\t0\r\n0\t0\r\n"
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    for path in ("new.natural", "new.business", "carried_over.natural", "carried_over.business"):
        assert window.doc.report.cells[f"tables.requests.{path}"] is None
    assert window.doc.stack.count() == 1
    assert model.index(first.row(), first.column()).data() == ""
    assert view.editTriggers() & QAbstractItemView.EditTrigger.AnyKeyPressed


def test_autosum_fills_totals_in_one_step(qtbot, window):
    cells = window.doc.report.cells
    view = grid(window, "requests")
    view.setCurrentIndex(index_of(view, "tables.requests.results.partial.business"))
    QGuiApplication.clipboard().setText("2\t1\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert severity(view, "tables.requests.results.partial.total") == "error"
    steps = window.doc.stack.count()
    window.autosum_action.trigger()
    assert window.doc.stack.count() == steps + 1
    assert cells["tables.requests.results.partial.total"] == 3
    assert cells["tables.requests.results.total.business"] == 2
    assert cells["tables.requests.results.total.research"] == 1
    assert cells["tables.requests.results.total.total"] == 6
    # what remains: the printed 勾稽关系 (new + carried over ≠ results + carried forward)
    rules = {f.rule for f in window.doc.active if f.severity == "error"}
    assert rules == {"T3.BALANCE"}
    assert severity(view, "tables.requests.results.partial.total") is None
    window.undo_action.trigger()
    assert cells["tables.requests.results.partial.total"] == 0
    assert cells["tables.requests.results.total.total"] == 3


def test_previous_year_beside_this_year(qtbot, window):
    from composer.ui.main_window import Project

    from .conftest import consistent_report

    report = consistent_report(2025)
    previous = consistent_report(2024)
    previous.cells["tables.requests.carried_forward.natural"] = 2
    previous.cells["tables.requests.carried_forward.total"] = 2
    report.previous = previous
    window.load_project(Project(report), None)
    view = grid(window, "requests")
    assert severity(view, "tables.requests.carried_over.natural") == "warning"  # X.CARRY
    tip = index_of(view, "tables.requests.carried_over.natural").data(Qt.ItemDataRole.ToolTipRole)
    assert "与上年结转不一致" in tip and "上年：0" in tip and "应填：2" in tip
    assert window.previous_action.isEnabled()
    window.previous_action.trigger()
    assert view.model().show_previous
