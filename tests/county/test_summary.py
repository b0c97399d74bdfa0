"""汇总: equal to a sum computed here cell by cell; a blank anywhere makes the total blank and
is listed; --blank-as-zero stated; the JSON renders as a report; a random consistent region
stays consistent."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from composer import schema
from composer.county import metrics
from composer.county.batch import check_folder
from composer.county.summary import NothingToSummarize, summarize, summarize_batch, write_summary
from composer.report import load_report
from composer.rules import check
from tests.county.folder import make_folder
from tests.factories import SAMPLE_NAMES, consistent_reports, sample_report


def _samples():
    return [(name, sample_report(name)) for name in SAMPLE_NAMES]


def test_totals_equal_the_sum_of_the_samples_computed_here():
    units = _samples()
    summary = summarize(units, "南关区")
    blank_paths = {p for _, r in units for p, v in r.cells.items() if v is None}
    assert blank_paths == {"tables.active.coercion"}  # xingfu-2023 left 行政强制 blank
    for path in schema.CELL_PATHS:
        if path in blank_paths:
            assert summary.totals[path] is None
            continue
        total = 0
        for _, report in units:
            total += report.cells[path]
        assert summary.totals[path] == total, path
    assert summary.blanks == {"tables.active.coercion": ["xingfu-2023"]}
    assert summary.year == 2023 and summary.other_years == ["qingshankou-2022"]


def test_blank_as_zero_counts_blanks_and_says_so():
    summary = summarize(_samples(), "南关区", blank_as_zero=True)
    assert summary.totals["tables.active.coercion"] == sum(
        r.cells["tables.active.coercion"] or 0 for _, r in _samples())
    assert summary.blanks == {"tables.active.coercion": ["xingfu-2023"]}  # still listed
    assert "按 0 计入" in summary.blank_rule and "按 0 计入" in summary.report().preamble


def test_amounts_stay_exact():
    units = _samples()
    units[0][1].cells["tables.active.fees"] = Decimal("0.1")
    units[1][1].cells["tables.active.fees"] = Decimal("0.2")
    units[2][1].cells["tables.active.fees"] = 0
    assert summarize(units, "区").totals["tables.active.fees"] == Decimal("0.3")


def test_invalid_value_makes_the_total_blank_and_is_listed():
    units = _samples()
    units[1][1].cells["tables.requests.new.natural"] = Decimal("1.5")
    summary = summarize(units, "区")
    assert summary.totals["tables.requests.new.natural"] is None
    assert summary.invalid == {"tables.requests.new.natural": ["qingshankou-2022"]}


def test_nothing_to_summarize():
    with pytest.raises(NothingToSummarize):
        summarize([], "区")


def test_batch_summary_json_is_a_report_that_renders(tmp_path):
    folder = tmp_path / "南关区"
    folder.mkdir()
    units = make_folder(folder, docx=False)
    summary = summarize_batch(check_folder(folder, workers=1))
    assert summary.region == "南关区" and len(summary.units) == 4  # the unreadable file is left out
    assert summary.totals["tables.requests.new.natural"] is None  # 桦树镇（JSON） left it blank
    assert summary.blanks["tables.requests.new.natural"] == ["临江市桦树镇人民政府（JSON）"]
    new_total = sum(r.cells["tables.requests.new.total"] for r in units.values())
    assert summary.totals["tables.requests.new.total"] == new_total

    areas = {area: (len(sub.units), sub.totals["tables.requests.new.total"]) for area, sub in summary.by_area()}
    new = {rel: r.cells["tables.requests.new.total"] for rel, r in units.items()}
    assert areas == {"东区": (2, new["东区/幸福乡.json"] + new["东区/幸福乡-有错.json"]),
                     "西区": (1, new["西区/桦树镇.json"]), "本级": (1, new["青山口乡.json"])}
    assert dict((a, s.totals["tables.requests.new.natural"]) for a, s in summary.by_area())["西区"] is None

    write_summary(summary, tmp_path / "汇总.json")
    report = load_report(tmp_path / "汇总.json")
    assert report.organ == "南关区（汇总）" and report.year == 2023
    assert report.cells == summary.totals
    extra = json.loads((tmp_path / "汇总.json").read_text("utf-8"))["summary"]
    assert extra["blank_cells"]["tables.requests.new.natural"] == ["临江市桦树镇人民政府（JSON）"]
    assert extra["blank_as_zero"] is False

    write_summary(summary, tmp_path / "汇总.docx")
    from docx import Document

    text = "\n".join(p.text for p in Document(str(tmp_path / "汇总.docx")).paragraphs)
    assert "南关区（汇总）" in text

    write_summary(summary, tmp_path / "汇总.html")
    html = (tmp_path / "汇总.html").read_text("utf-8")
    assert html.count("<svg") == 4 and "临江市桦树镇人民政府（JSON）" in html and "按地区小计" in html
    assert "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")  # nothing loaded from elsewhere


def test_workbook_rows_total_formulas_blank_sheet_and_charts(tmp_path):
    summary = summarize(_samples(), "南关区")
    write_summary(summary, tmp_path / "汇总.xlsx")
    wb = load_workbook(tmp_path / "汇总.xlsx")
    assert wb.sheetnames == ["汇总", "全部单元格", "按地区", "图表", "空白单元格", "说明"]
    ws = wb["汇总"]
    names = [n for n, _ in metrics.KEY_FIGURES]
    assert [c.value for c in ws[1]] == ["单位", "年度", *names, "公开率"]
    for i, (unit, report) in enumerate(_samples()):
        row = [c.value for c in ws[2 + i]]
        figures = metrics.key_figures(report)
        assert row[:2 + len(names)] == [unit, report.year, *(figures[n] for n in names)]
    total = [c.value for c in ws[5]]
    assert total[0] == "合计"
    assert total[2] == '=IF(COUNTBLANK(C2:C4)>0,"",SUM(C2:C4))'
    assert total[-1].startswith("=IF(OR(")
    assert ws.freeze_panes == "A2"
    assert len(ws._charts) == 1 and len(wb["图表"]._charts) == 3
    by_unit = [r for r in wb["图表"].iter_rows(min_row=25, max_row=27, values_only=True)]
    assert [(r[0], *r[1:7]) for r in by_unit] == [
        (u, *metrics.result_categories(r).values()) for u, r in _samples()]
    blank = wb["空白单元格"]
    assert [c.value for c in blank[2]] == [schema.cell_name("tables.active.coercion"), 1, "xingfu-2023"]
    cells = wb["全部单元格"]
    coercion = next(r for r in cells.iter_rows(min_row=2, values_only=True) if r[1] == "表二 行政强制")
    assert coercion[2] is None and coercion[3:] == tuple(r.cells["tables.active.coercion"] for _, r in _samples())

    zero = summarize(_samples(), "南关区", blank_as_zero=True)
    write_summary(zero, tmp_path / "汇总0.xlsx")
    ws0 = load_workbook(tmp_path / "汇总0.xlsx")["汇总"]
    assert ws0["C5"].value == "=SUM(C2:C4)"
    assert any("按 0 计入" in str(c.value) for row in ws0.iter_rows() for c in row)


def test_last_year_is_summed_when_every_unit_has_it():
    units = _samples()
    last = sample_report("qingshankou-2022")
    for _, r in units:
        r.previous = last
    summary = summarize(units, "区")
    assert summary.previous is not None
    assert summary.previous.totals["tables.requests.new.total"] == 3 * last.cells["tables.requests.new.total"]
    assert summary.report().previous is not None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(consistent_reports(max_count=20), min_size=1, max_size=6))
def test_summary_of_consistent_reports_is_consistent(reports):
    summary = summarize([(f"单位{i}", r) for i, r in enumerate(reports)], "区")
    findings = check(summary.report())
    assert [f for f in findings if f.severity == "error"] == []
    assert not [f for f in findings if f.rule.startswith(("T3.", "T4."))]
