"""Render → import gives the report back: every cell (blanks included), year, organ, prose."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer import schema
from composer.importers import import_file
from composer.render import render
from composer.report import Report
from tests.factories import SAMPLE_NAMES
from tests.render.helpers import HOSTILE, prose_lines, prose_report


def _assert_same(original: Report, imported: Report) -> None:
    wrong = {p: (original.cells[p], imported.cells[p]) for p in schema.CELL_PATHS
             if original.cells[p] != imported.cells[p]
             or (original.cells[p] is None) != (imported.cells[p] is None)}
    assert wrong == {}
    assert imported.year == original.year
    assert imported.organ == original.organ
    for s in schema.SECTIONS:
        assert prose_lines(imported.sections[s.key]) == prose_lines(original.sections[s.key]), s.heading


@pytest.mark.parametrize("name", SAMPLE_NAMES)
@pytest.mark.parametrize("suffix", [".docx", ".html"])
def test_samples_round_trip(name, suffix, tmp_path):
    report = prose_report(name)
    out = tmp_path / f"out{suffix}"
    render(report, out)
    _assert_same(report, import_file(out).report)


def test_hostile_prose_round_trips(tmp_path):
    report = prose_report("qingshankou-2022")
    report.sections["other"] = HOSTILE
    for suffix in (".docx", ".html"):
        out = tmp_path / f"out{suffix}"
        render(report, out)
        _assert_same(report, import_file(out).report)


# ---------------------------------------------------------------- random reports

ORGANS = ("测试乡人民政府", "长春市南关区幸福乡人民政府", "临江市桦树镇人民政府", "某某街道办事处")
_WORDS = st.text(st.sampled_from("我乡镇本年度公开信息工作条例申请办理依法及时规范平台建设"
                                 "abcXYZ0123456789，。；：“”（）《》{}%<>&\"'#"), min_size=1, max_size=12)
# A paragraph opens with a plain word so it never reads as a section heading ("三、…").
_PARAGRAPH = st.lists(_WORDS, min_size=1, max_size=6).map(lambda ws: "本年" + " ".join(ws))
_PROSE = st.lists(_PARAGRAPH, max_size=3).map("\n".join)
_COUNT = st.one_of(st.none(), st.integers(0, 10**6))
_AMOUNT = st.one_of(st.none(), st.integers(0, 10**4),
                    st.decimals(0, 10**4, places=4, allow_nan=False, allow_infinity=False))


@st.composite
def printed_reports(draw) -> Report:
    report = Report(year=draw(st.integers(2021, 2030)), organ=draw(st.sampled_from(ORGANS)))
    report.preamble = draw(_PROSE)
    report.sections = {s.key: draw(_PROSE) for s in schema.SECTIONS}
    for cell in schema.CELLS:
        value = draw(_AMOUNT if cell.kind == schema.AMOUNT else _COUNT)
        report.cells[cell.path] = value
    report.signature_organ = report.organ
    return report


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(report=printed_reports())
def test_random_reports_round_trip_through_docx(report, tmp_path):
    out = tmp_path / "random.docx"
    render(report, out)
    imported = import_file(out).report
    _assert_same(report, imported)
    assert all(isinstance(v, (int, Decimal)) or v is None for v in imported.cells.values())
