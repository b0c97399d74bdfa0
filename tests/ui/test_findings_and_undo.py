"""Findings panel (jump, dismiss), prose highlighting, undo/redo of every kind of change."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication

from composer.ui import dialogs
from composer.ui.roles import DISMISSED_ROLE, FINDING_ROLE, PATH_ROLE, SEVERITY_ROLE

from .helpers import finding_rows, findings, findings_view, grid, index_of, severity
from .test_grid_editing import type_into


def double_click(qtbot, view, index):
    view.scrollTo(index)
    pos = view.visualRect(index).center()
    assert view.viewport().rect().contains(pos)
    # the view reacts to a double click on the item it saw pressed, as with a real mouse
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_findings_list_severities_and_double_click_focuses_the_cell(qtbot, window):
    view = grid(window, "requests")
    type_into(qtbot, view, "tables.requests.carried_forward.business", "2")
    rows = findings(window)
    assert {i.data(SEVERITY_ROLE) for i in rows} == {"error"}
    assert {i.data(FINDING_ROLE).rule for i in rows} == {"T3.ROW", "T3.BALANCE"}
    window.nav.setCurrentRow(0)  # somewhere else
    row = finding_rows(window, "T3.ROW")[0]
    double_click(qtbot, findings_view(window), row)
    assert window.nav.currentRow() == 3
    assert view.currentIndex().data(PATH_ROLE) == "tables.requests.carried_forward.total"
    assert QApplication.focusWidget() is view


def test_prose_spans_highlighted_and_double_click_selects_them(qtbot, window):
    prose = window.section_pages[0].prose
    prose.setFocus()
    prose.moveCursor(prose.textCursor().MoveOperation.End)
    prose.insertPlainText("2023年，我乡XX工作稳步推进。")
    rules = {f.rule for f in window.doc.active}
    assert {"N.YEAR", "N.PLACEHOLDER"} <= rules
    spans = [s for s in prose.extraSelections()]
    assert sorted(s.cursor.selectedText() for s in spans) == ["2023年", "XX"]
    window.nav.setCurrentRow(0)
    row = finding_rows(window, "N.PLACEHOLDER")[0]
    assert row.data(SEVERITY_ROLE) == "warning"
    double_click(qtbot, findings_view(window), row)
    assert window.nav.currentRow() == 1
    assert QApplication.focusWidget() is prose
    assert prose.textCursor().selectedText() == "XX"


def test_dismiss_warning_with_reason_kept_and_reversible(qtbot, window, monkeypatch, tmp_path):
    monkeypatch.setattr(dialogs, "ask_reason", lambda parent, message: "本乡确无行政强制职能")
    view = grid(window, "active")
    view.setCurrentIndex(index_of(view, "tables.active.coercion"))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert severity(view, "tables.active.coercion") == "blank"
    panel = window.findings_panel
    row = finding_rows(window, "V.BLANK")[0]
    findings_view(window).setCurrentIndex(row)
    assert panel.dismiss_button.isEnabled()
    panel.dismiss_button.click()
    assert severity(view, "tables.active.coercion") is None
    row = finding_rows(window, "V.BLANK")[0]
    assert row.data(DISMISSED_ROLE) == "本乡确无行政强制职能"
    assert "已忽略" in row.data() and "已忽略 1" in panel.summary.text()
    assert "另有 1 个提醒已忽略" in window.summary_label.text()
    # kept in the project file
    monkeypatch.setattr(dialogs, "save_file_name", lambda *a: str(tmp_path / "d.nianbao"))
    assert window.save_as()
    from composer.project import load_project
    state = load_project(tmp_path / "d.nianbao").state
    assert list(state.dismissed.values()) == ["本乡确无行政强制职能"]
    # reversible
    findings_view(window).setCurrentIndex(finding_rows(window, "V.BLANK")[0])
    assert panel.restore_button.isEnabled()
    panel.restore_button.click()
    assert severity(view, "tables.active.coercion") == "blank"
    window.undo_action.trigger()
    assert severity(view, "tables.active.coercion") is None


def test_errors_cannot_be_dismissed(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(dialogs, "ask_reason", lambda parent, message: asked.append(message) or "x")
    view = grid(window, "requests")
    type_into(qtbot, view, "tables.requests.new.business", "4")
    findings_view(window).setCurrentIndex(finding_rows(window, "T3.ROW")[0])
    assert not window.findings_panel.dismiss_button.isEnabled()
    window.dismiss(finding_rows(window, "T3.ROW")[0].data(FINDING_ROLE))
    assert not asked and not window.doc.state.dismissed


def test_undo_redo_every_kind_of_change(qtbot, window, monkeypatch):
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    doc = window.doc
    cells = doc.report.cells
    view = grid(window, "requests")
    # a cell
    type_into(qtbot, view, "tables.requests.new.business", "4")
    # a paste
    view.setCurrentIndex(index_of(view, "tables.requests.carried_over.natural"))
    QGuiApplication.clipboard().setText("1\t1\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    # auto-sum
    window.autosum_action.trigger()
    # prose: typing is one step
    prose = window.section_pages[4].prose
    prose.setFocus()
    qtbot.keyClicks(prose, "abc")
    # metadata: typing the organ is one step; the year when finished
    organ = window.info_page.fields["organ"]
    window.nav.setCurrentRow(0)
    organ.setFocus()
    organ.selectAll()
    qtbot.keyClicks(organ, "Xiang")
    year = window.info_page.fields["year"]
    year.setFocus()
    year.selectAll()
    qtbot.keyClicks(year, "2026")
    qtbot.keyClick(year, Qt.Key.Key_Return)
    assert doc.stack.count() == 6
    assert (doc.report.organ, doc.report.year) == ("Xiang", 2026)
    assert cells["tables.requests.new.total"] == 7 and cells["tables.requests.carried_over.total"] == 2
    assert "abc" in doc.report.sections["problems"]

    # Ctrl+Z in a text editor undoes on the one stack (the editor's own undo is off)
    qtbot.keyClick(year, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.report.year == 2025 and year.text() == "2025"
    window.undo_action.trigger()
    assert doc.report.organ == "测试乡人民政府" and organ.text() == "测试乡人民政府"
    window.undo_action.trigger()
    assert "abc" not in doc.report.sections["problems"]
    assert prose.toPlainText() == doc.report.sections["problems"]
    window.undo_action.trigger()
    assert cells["tables.requests.new.total"] == 3 and cells["tables.requests.carried_over.total"] == 0
    window.undo_action.trigger()
    assert cells["tables.requests.carried_over.natural"] == 0 and cells["tables.requests.carried_over.business"] == 0
    window.undo_action.trigger()
    assert cells["tables.requests.new.business"] == 0
    assert not window.isWindowModified()
    for _ in range(6):
        window.redo_action.trigger()
    assert cells["tables.requests.new.business"] == 4 and cells["tables.requests.new.total"] == 7
    assert "abc" in doc.report.sections["problems"]
    assert (doc.report.organ, doc.report.year) == ("Xiang", 2026)
    assert window.isWindowModified() and "[*]" in window.windowTitle()


def test_title_shows_organ_year_file_and_unsaved_mark(qtbot, window, report_file):
    assert "测试乡人民政府" in window.windowTitle()
    assert "2025" in window.windowTitle()
    assert report_file.name in window.windowTitle()
    assert not window.isWindowModified()
    type_into(qtbot, grid(window, "requests"), "tables.requests.new.business", "1")
    assert window.isWindowModified()
