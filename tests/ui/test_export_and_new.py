"""Export through the render core and 由上年报告新建, from the real window."""

from composer.importers import import_file
from composer.ui import dialogs
from tests.factories import SAMPLES

from .helpers import finding_rows, grid
from .test_grid_editing import type_into


def test_export_word_renders_the_edited_report(qtbot, window, monkeypatch, tmp_path):
    type_into(qtbot, grid(window, "review"), "tables.review.reconsideration.upheld", "1")
    type_into(qtbot, grid(window, "review"), "tables.review.reconsideration.total", "1")
    assert window.doc.counts()[0] == 0
    target = tmp_path / "导出"
    monkeypatch.setattr(dialogs, "save_file_name", lambda *a: str(target))
    opened = []
    monkeypatch.setattr(dialogs, "ask_open_result", lambda parent, path: opened.append(path) or False)
    window.export(".docx")
    qtbot.waitUntil(lambda: bool(opened), timeout=30000)  # rendered in a worker thread
    out = tmp_path / "导出.docx"
    assert opened == [out]
    again = import_file(out).report
    assert again.cells["tables.review.reconsideration.total"] == 1
    assert again.organ == window.doc.report.organ


def test_export_with_errors_asks_first_and_writes_nothing_when_declined(qtbot, window, monkeypatch, tmp_path):
    type_into(qtbot, grid(window, "requests"), "tables.requests.new.natural", "5")
    asked = []
    monkeypatch.setattr(dialogs, "ask_export_with_errors", lambda parent, n: asked.append(n) or False)
    monkeypatch.setattr(dialogs, "save_file_name", lambda *a: str(tmp_path / "x.html"))
    window.export(".html")
    assert asked and asked[0] >= 1
    assert not (tmp_path / "x.html").exists()


def test_new_from_last_years_report_starts_the_draft(qtbot, window, monkeypatch, messages):
    monkeypatch.setattr(dialogs, "open_file_name", lambda *a: str(SAMPLES / "qingshankou-2022.docx"))
    window.new_from_last()
    report = window.doc.report
    assert report.year == 2023 and report.previous is not None and report.previous.year == 2022
    assert report.cells["tables.requests.carried_over.total"] == 0  # last year's 结转下年度
    assert report.cells["tables.requests.new.total"] is None
    assert finding_rows(window, "N.YEAR")  # last year's "2022年" marked for review
    assert "2023" in window.windowTitle()


def test_new_from_a_broken_file_keeps_the_current_report(qtbot, window, monkeypatch, messages, tmp_path):
    bad = tmp_path / "上年.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    before = window.doc.report.to_json()
    monkeypatch.setattr(dialogs, "open_file_name", lambda *a: str(bad))
    window.new_from_last()
    assert messages.warnings and "上年.docx" in messages.warnings[0]
    assert window.doc.report.to_json() == before
