"""Reports for tests: consistent ones built from the schema's relations, and hypothesis strategies."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import strategies as st

from composer import schema
from composer.autosum import totals
from composer.report import Report, load_report

SAMPLES = Path(__file__).resolve().parent / "fixtures" / "samples"  # copies of published reports
SAMPLE_NAMES = ("xingfu-2023", "qingshankou-2022", "huashu-2023")


def sample_report(name: str) -> Report:
    return load_report(SAMPLES / f"{name}.expected.json")


def fill_totals(report: Report) -> Report:
    """Make every sum hold, as 自动计算合计 does (三（七）, row totals, 四)."""
    report.cells.update(totals(report.cells))
    return report


@st.composite
def consistent_reports(draw, max_count: int = 50) -> Report:
    """A report whose tables satisfy every error rule: details drawn, totals computed,
    结转下年度 chosen so that 一+二 = 三（七）+四 in every column."""
    report = Report(year=draw(st.integers(2021, 2030)), organ="测试乡人民政府")
    counts = st.integers(0, max_count)
    for cell in schema.CELLS:
        if cell.kind == schema.AMOUNT:
            report.cells[cell.path] = draw(st.decimals(0, 1000, places=4, allow_nan=False))
        else:
            report.cells[cell.path] = draw(counts)
    for col in schema.REQUESTS_DETAIL_COLUMNS:
        results = sum(report.cells[schema.requests_path(r, col)] for r in schema.RESULT_DETAIL_ROWS)
        forward = draw(counts)
        report.cells[schema.requests_path("carried_forward", col)] = forward
        # new + carried_over must equal results + forward: draw the split of that sum
        need = results + forward
        new = draw(st.integers(0, need))
        report.cells[schema.requests_path("new", col)] = new
        report.cells[schema.requests_path("carried_over", col)] = need - new
    return fill_totals(report)


def text_reports():
    text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)
    values = st.one_of(st.none(), st.integers(0, 10**6),
                       st.decimals(0, 10**4, places=4, allow_nan=False).map(lambda d: d.normalize()
                                                                           if d != d.to_integral_value()
                                                                           else int(d)))

    @st.composite
    def build(draw) -> Report:
        r = Report(year=draw(st.one_of(st.none(), st.integers(1990, 2100))), organ=draw(text),
                   title=draw(text), preamble=draw(text), signature_organ=draw(text),
                   signature_date=draw(st.sampled_from(["", "2024-01-20"])))
        for s in schema.SECTIONS:
            r.sections[s.key] = draw(text)
        for path in schema.CELL_PATHS:
            v = draw(values)
            if schema.CELL_BY_PATH[path].kind == schema.COUNT and isinstance(v, Decimal):
                v = int(v)
            r.cells[path] = v
        if draw(st.booleans()):
            r.fee_notices = {"count": draw(st.integers(0, 9)), "amount": draw(values),
                             "collected": draw(values)}
        return r

    return build()
