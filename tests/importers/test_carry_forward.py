"""Last year's report → this year's draft (spec §5)."""

from __future__ import annotations

import pytest

from composer import schema
from composer.importers import import_file
from composer.importers.carry_forward import carry_forward
from composer.report import Report
from composer.rules import check
from tests.factories import SAMPLES


def qingshankou() -> Report:
    return import_file(SAMPLES / "qingshankou-2022.docx").report


def test_qingshankou_2022_becomes_a_2023_draft():
    last = qingshankou()
    last.cells["tables.requests.carried_forward.natural"] = 3  # something to carry
    last.cells["tables.requests.carried_forward.total"] = 3
    draft = carry_forward(last)
    assert draft.year == 2023
    assert draft.title == "2023年青山口乡政府信息公开工作年度报告"
    assert draft.organ == last.organ and "青山口乡" in draft.organ
    assert draft.signature_date == ""
    for col in schema.REQUESTS_COLUMNS:
        assert draft.cells[schema.requests_path("carried_over", col.key)] == \
            last.cells[schema.requests_path("carried_forward", col.key)]
    carried = {schema.requests_path("carried_over", c.key) for c in schema.REQUESTS_COLUMNS}
    assert all(v is None for p, v in draft.cells.items() if p not in carried)
    assert draft.sections == last.sections and draft.preamble == last.preamble  # a draft, unchanged
    assert draft.previous is not None and draft.previous.to_json() == last.to_json()
    assert draft.previous.year == 2022
    assert last.cells["tables.requests.new.total"] == 0  # last year untouched


def test_the_rules_then_point_at_last_years_prose():
    draft = carry_forward(qingshankou())
    findings = check(draft)
    years = [f for f in findings if f.rule == "N.YEAR"]
    assert len(years) >= 3
    assert all(f.cells == ("sections.overview",) and "2022年" in f.message for f in years)
    text = draft.sections["overview"]
    assert all(text[f.span[0]: f.span[1]] == "2022年" for f in years)
    assert not [f for f in findings if f.rule == "X.CARRY"]  # carried_over equals last year's 结转


def test_the_draft_survives_a_json_round_trip_with_previous():
    draft = carry_forward(qingshankou())
    again = Report.from_json(draft.to_json())
    assert again.to_json() == draft.to_json()
    assert again.previous.year == 2022


def test_an_older_previous_is_not_kept():
    last = qingshankou()
    last.previous = carry_forward(last).previous
    assert carry_forward(last).previous.previous is None


def test_title_with_year_in_the_middle():
    last = import_file(SAMPLES / "huashu-2023.docx").report
    draft = carry_forward(last)
    assert draft.title == "桦树镇2024年度政府信息公开年度工作报告"
    assert draft.signature_organ == "临江市桦树镇人民政府" and draft.signature_date == ""


def test_a_report_without_a_year_cannot_be_carried_forward():
    from composer.errors import NoReportYear
    from composer.report import Report

    with pytest.raises(NoReportYear):
        carry_forward(Report(organ="某乡人民政府"))


def test_a_draft_of_a_report_without_a_title_gets_one_built_from_organ_and_year():
    last = qingshankou()
    last.title = ""
    assert last.organ == "青山口乡人民政府"
    draft = carry_forward(last)
    assert draft.title == "2023年青山口乡人民政府信息公开工作年度报告"  # the 政府 once


def test_old_format_cells_stay_with_last_year():
    last = qingshankou()
    last.old_format_cells = [schema.requests_path("results.other.other", c.key) for c in schema.REQUESTS_COLUMNS]
    draft = carry_forward(last)
    assert draft.old_format_cells == []  # this year's report is written in the 2021 format
    assert draft.previous is not None and draft.previous.old_format_cells == last.old_format_cells
    assert Report.from_json(draft.to_json()).previous.old_format_cells == last.old_format_cells
