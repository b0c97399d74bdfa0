"""This year against last year: qingshankou-2022 against its carry-forward draft — N.STALE on every
untouched section, changed cells and metrics exact — and the outputs with their charts."""

from __future__ import annotations

from fractions import Fraction

import pytest
from docx import Document
from openpyxl import load_workbook

from composer import schema
from composer.county import metrics
from composer.county.compare import compare, write_comparison
from composer.errors import OutputError
from composer.importers.carry_forward import carry_forward
from composer.opening import open_any
from composer.rules import check
from composer.rules.last_year import STALE_MIN_CHARS
from tests.factories import SAMPLES, sample_report

P = "tables.requests."


@pytest.fixture(scope="module")
def last():
    """qingshankou-2022 with its narrative, as imported from its Word file."""
    return open_any(SAMPLES / "qingshankou-2022.docx").project.report


def _with_text(last):
    written = [s for s in schema.SECTIONS if len(last.sections[s.key].strip()) >= STALE_MIN_CHARS]
    assert {s.key for s in written} == {"overview", "problems"}  # what the 2022 report wrote
    return written


def test_stale_on_every_untouched_section_of_the_draft(last):
    draft = carry_forward(last)
    written = _with_text(last)
    stale = [f for f in check(draft) if f.rule == "N.STALE"]
    assert [f.cells for f in stale] == [(s.path,) for s in written]
    assert all(f.severity == "warning" for f in stale)
    draft.sections["problems"] = "本年度信息公开工作仍存在更新不够及时的问题，下一步将建立每月检查制度并加强培训。"
    assert [f.cells for f in check(draft) if f.rule == "N.STALE"] == [("sections.overview",)]
    draft.previous = None
    assert not [f for f in check(draft) if f.rule == "N.STALE"]


def test_comparison_cells_and_sections(last):
    draft = carry_forward(last)
    draft.cells[P + "new.natural"] = 5
    draft.cells[P + "new.total"] = 5
    comparison = compare(last, draft)
    by_path = {c.path: c for c in comparison.cells}
    assert len(comparison.cells) == len(schema.CELLS)
    for cell in schema.CELLS:
        c = by_path[cell.path]
        assert (c.last, c.this) == (last.cells[cell.path], draft.cells[cell.path])
    assert by_path[P + "new.natural"].change == 5 - last.cells[P + "new.natural"]
    assert by_path[P + "carried_over.total"].this == last.cells[P + "carried_forward.total"]
    assert by_path[P + "results.total.total"].change is None  # blank this year: no difference is made up
    changed = {c.path for c in comparison.changed_cells()}
    assert changed == {p for p in schema.CELL_PATHS if last.cells[p] != draft.cells[p]}
    assert [(m.key, m.last, m.this) for m in comparison.metrics] == [
        (m.key, m.compute(last), m.compute(draft)) for m in metrics.METRICS]
    assert all(m.this.value is None for m in comparison.metrics)  # the draft's results are still blank
    sections = {s.key: s for s in comparison.sections}
    assert sections["overview"].reused == 1.0 and sections["overview"].reused_text == "100%"
    assert [p.op for p in sections["overview"].diff] == ["same"]
    draft.sections["overview"] = last.sections["overview"] + "本年新增政务公开专栏。"
    s = {s.key: s for s in compare(last, draft).sections}["overview"]
    assert 0.9 < s.reused < 1 and [p.op for p in s.diff] == ["same", "added"]
    assert s.diff[1].text == "本年新增政务公开专栏。"


def test_metrics_exact():
    report = sample_report("xingfu-2023")
    for path in schema.CELL_PATHS:
        report.cells[path] = 0
    for row, n in (("results.granted", 4), ("results.partial", 2), ("results.denied.third_party", 1)):
        report.cells[P + f"{row}.total"] = n
    report.cells[P + "results.total.total"] = 7
    report.cells["tables.review.reconsideration.corrected"] = 1
    report.cells["tables.review.reconsideration.total"] = 4
    report.cells["tables.review.reconsideration.pending"] = 1
    report.cells["tables.review.litigation_direct.total"] = 2
    report.cells["tables.review.litigation_after_reconsideration.total"] = 1
    report.cells["tables.review.litigation_after_reconsideration.corrected"] = 1
    rates = metrics.compute(report)
    assert rates["disclosure_rate"].value == Fraction(6, 7) and rates["disclosure_rate"].text == "85.7%"
    assert rates["reconsideration_correction_rate"].value == Fraction(1, 3)
    assert rates["litigation_correction_rate"].value == Fraction(1, 3)
    report.cells[P + "results.partial.total"] = None
    assert metrics.disclosure_rate(report).value is None and metrics.disclosure_rate(report).text == "—"
    report.cells[P + "results.total.total"] = 0
    assert metrics.disclosure_rate(report).value is None  # no results: no rate, not 0 %


def test_outputs_with_charts(tmp_path, last):
    this = sample_report("xingfu-2023")
    comparison = compare(last, this)
    for c in comparison.changed_cells():
        if c.change is not None:
            sign = "+" if c.change > 0 else "−" if c.change < 0 else ""
            assert c.change_text == f"{sign}{abs(c.change)}" if sign else c.change_text == "0"
    assert any(c.change is not None and c.change < 0 for c in comparison.changed_cells())
    rate = {m.key: m for m in comparison.metrics}["disclosure_rate"]
    granted = this.cells[P + "results.granted.total"] + this.cells[P + "results.partial.total"]
    assert rate.this.value == Fraction(granted, this.cells[P + "results.total.total"])
    write_comparison(comparison, tmp_path / "对比.html")
    html = (tmp_path / "对比.html").read_text("utf-8")
    assert html.count("<svg") == 2 and "公开率" in html and "沿用上年文字" in html
    write_comparison(comparison, tmp_path / "对比.xlsx")
    wb = load_workbook(tmp_path / "对比.xlsx")
    assert wb.sheetnames == ["表格对比", "指标", "正文", "图表"]
    assert len(wb["图表"]._charts) == 2
    rows = list(wb["表格对比"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(schema.CELLS)
    new_total = next(r for r in rows if r[0] == schema.cell_name(P + "new.total"))
    assert new_total[1:] == (last.cells[P + "new.total"], this.cells[P + "new.total"],
                             this.cells[P + "new.total"] - last.cells[P + "new.total"])
    write_comparison(comparison, tmp_path / "对比.docx")
    doc = Document(str(tmp_path / "对比.docx"))
    assert any("主要指标" in p.text for p in doc.paragraphs) and len(doc.tables) == 2
    with pytest.raises(OutputError):
        write_comparison(comparison, tmp_path / "对比.pdf")


def test_a_doubtful_pair_is_said_but_still_compared(tmp_path):
    """Two organs, or years that are not consecutive: a caution in the output, the comparison made."""
    last, this = sample_report("qingshankou-2022"), sample_report("xingfu-2023")
    comparison = compare(last, this)
    assert comparison.cautions == [f"两份报告的机关不同（上年“{last.organ}”，本年“{this.organ}”），请确认没有选错文件"]
    this.year = 2025
    assert compare(last, this).cautions[1] == "两份报告的年度不相邻（2022年与2025年）"
    out = tmp_path / "对比.html"
    write_comparison(comparison, out)
    assert "两份报告的机关不同" in out.read_text(encoding="utf-8")


def test_a_proper_pair_has_no_caution(last):
    assert compare(last, carry_forward(last)).cautions == []
