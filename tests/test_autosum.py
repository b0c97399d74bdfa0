from composer import schema
from composer.autosum import totals
from composer.rules import ERROR, check
from tests.factories import sample_report

P = "tables.requests."


def test_totals_follow_nested_sums_and_leave_blank_parts_alone():
    report = sample_report("xingfu-2023")
    report.cells[P + "results.granted.natural"] = 2
    report.cells[P + "results.partial.business"] = None  # a blank part: its totals stay as they are
    filled = totals(report.cells)
    assert filled[P + "results.granted.total"] == 2
    assert filled[P + "results.total.natural"] == 3
    assert P + "results.partial.total" not in filled and P + "results.total.business" not in filled
    report.cells.update(filled)
    rules = {f.rule for f in check(report) if f.severity == ERROR}
    assert rules == {"T3.BALANCE"}  # sums hold now; 一+二 ≠ 三（七）+四 is the clerk's to resolve


def test_totals_change_nothing_on_a_consistent_report():
    report = sample_report("qingshankou-2022")
    assert totals(report.cells) == {}
    assert len(schema.SUMS) == 35
