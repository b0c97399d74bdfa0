"""与上年对比 in the window: computed in a thread, cells with the change, metrics, the marked-up
text with the share reused, charts drawn, export read back; opened from the 文件 menu."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtSvgWidgets import QSvgWidget

from composer.county import metrics
from composer.importers.carry_forward import carry_forward
from composer.ui.compare_view import CompareView
from tests.factories import sample_report

P = "tables.requests."


def _pair():
    last = sample_report("qingshankou-2022")
    last.sections["overview"] = "本年度我乡认真贯彻落实政府信息公开条例，全年主动公开信息一百二十条。"
    draft = carry_forward(last)
    draft.cells[P + "new.natural"] = 4
    draft.cells[P + "new.total"] = 4
    return last, draft


def _view(qtbot, last, this) -> CompareView:
    view = CompareView(last, this)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.comparison is not None, timeout=30_000)
    return view


def test_cells_metrics_text_and_charts(qtbot, messages):
    last, draft = _pair()
    view = _view(qtbot, last, draft)
    changed = view.comparison.changed_cells()
    assert view.cells.rowCount() == len(changed)
    rows = {view.cells.item(r, 0).text(): [view.cells.item(r, c).text() for c in range(1, 4)]
            for r in range(view.cells.rowCount())}
    assert rows["表三 一、本年新收政府信息公开申请数量 · 自然人"] == [
        str(last.cells[P + "new.natural"]), "4", f"+{4 - last.cells[P + 'new.natural']}"]
    view.only_changed.setChecked(False)
    assert view.cells.rowCount() == len(view.comparison.cells)
    assert view.metrics.rowCount() == len(metrics.METRICS)
    assert view.metrics.item(0, 0).text() == "公开率"
    assert view.metrics.item(0, 2).text() == metrics.disclosure_rate(draft).text + "（空白/空白）"
    text = view.text.toPlainText()
    assert "一、总体情况（沿用上年文字 100%）" in text
    charts = view.findChildren(QSvgWidget, "compare-chart")
    assert len(charts) == 2 and all(c.renderer().isValid() for c in charts)
    assert view.windowTitle() == "青山口乡人民政府 2022年度与2023年度报告对比"


def test_a_doubtful_pair_is_said_in_the_view(qtbot, messages):
    view = _view(qtbot, sample_report("qingshankou-2022"), sample_report("xingfu-2023"))
    assert "⚠ 两份报告的机关不同" in view.title.text()
    last, draft = _pair()
    assert "⚠" not in _view(qtbot, last, draft).title.text()


def test_export_from_the_view(qtbot, tmp_path, messages):
    last, draft = _pair()
    view = _view(qtbot, last, draft)
    out = tmp_path / "对比.xlsx"
    view.export(out)
    qtbot.waitUntil(lambda: view.last_written == out, timeout=30_000)
    wb = load_workbook(out)
    row = next(r for r in wb["表格对比"].iter_rows(min_row=2, values_only=True)
               if r[0] == "表三 一、本年新收政府信息公开申请数量 · 自然人")
    assert row == ("表三 一、本年新收政府信息公开申请数量 · 自然人", last.cells[P + "new.natural"], 4,
                   4 - last.cells[P + "new.natural"])
    assert messages.infos and str(out) in messages.infos[-1]


def test_menu_opens_the_view_on_the_report_and_its_last_year(qtbot, window, messages):
    last, draft = _pair()
    window.doc.report.previous = last
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "与上年对比…")
    action.trigger()
    view = window._compare_view
    qtbot.waitUntil(lambda: view.comparison is not None, timeout=30_000)
    assert view.comparison.this.organ == window.doc.report.organ
    assert view.comparison.last == last  # the report being edited is copied, last year with it


def test_menu_asks_for_last_years_report_when_the_report_has_none(qtbot, window, messages, monkeypatch):
    from composer.ui import dialogs
    from tests.factories import SAMPLES

    assert window.doc.report.previous is None
    monkeypatch.setattr(dialogs, "open_file_name",
                        lambda parent, title, directory="": str(SAMPLES / "qingshankou-2022.expected.json"))
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "与上年对比…")
    action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "_compare_view", None) is not None, timeout=30_000)
    view = window._compare_view
    qtbot.waitUntil(lambda: view.comparison is not None, timeout=30_000)
    assert view.comparison.last.organ == "青山口乡人民政府" and view.comparison.last.year == 2022


def test_unreadable_last_year_is_a_message(qtbot, window, messages, monkeypatch, tmp_path):
    from composer.ui import dialogs

    bad = tmp_path / "上年.json"
    bad.write_text("{not json", "utf-8")
    monkeypatch.setattr(dialogs, "open_file_name", lambda parent, title, directory="": str(bad))
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "与上年对比…")
    action.trigger()
    qtbot.waitUntil(lambda: bool(messages.warnings), timeout=30_000)
    assert "无法读取上年报告" in messages.warnings[0] and getattr(window, "_compare_view", None) is None
