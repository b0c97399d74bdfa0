from decimal import Decimal

import pytest

from composer.rules import ERROR, WARNING, check
from tests.factories import fill_totals, sample_report

P = "tables.requests."


def _only(findings, rule):
    return [f for f in findings if f.rule == rule]


@pytest.fixture
def report():
    """xingfu 2023 with its one blank filled: a consistent report with no table findings."""
    r = sample_report("xingfu-2023")
    r.cells["tables.active.coercion"] = 0
    return r


def test_consistent_sample_has_no_table_findings(report):
    assert [f for f in check(report) if f.rule.startswith(("T", "V"))] == []


def test_row_sum(report):
    report.cells[P + "new.business"] = 2  # row total stays 1
    [row] = _only(check(report), "T3.ROW")
    assert row.severity == ERROR
    assert row.cells[0] == P + "new.total" and P + "new.business" in row.cells
    assert row.message == "表三 一、本年新收政府信息公开申请数量 · 总计：应为 3（自然人1+商业企业2），填报为 1，相差2"
    assert row.expected == 3


def test_results_sum(report):
    report.cells[P + "results.denied.inquiry.natural"] = 2
    report.cells[P + "results.denied.inquiry.total"] = 2  # keep the row sum right
    res, res_total = _only(check(report), "T3.RESULTS")
    assert res_total.cells[0] == P + "results.total.total"
    assert res.cells[0] == P + "results.total.natural"
    assert res.message == ("表三 三（七）总计 · 自然人：应为 3（三（三）8.属于行政查询事项2+"
                           "三（四）1.本机关不掌握相关政府信息1），填报为 1，相差2")


def test_balance(report):
    for col in ("natural", "total"):
        report.cells[P + f"carried_over.{col}"] = 1  # 一+二 = 2, 三（七）+四 = 1
    bal, bal_total = _only(check(report), "T3.BALANCE")
    assert "总计" in bal_total.message  # the 总计 column moved on one side as well
    assert bal.cells == (P + "new.natural", P + "carried_over.natural",
                         P + "results.total.natural", P + "carried_forward.natural")
    assert "一+二=2，三（七）+四=1，相差1" in bal.message and "自然人" in bal.message


def test_review_sum(report):
    report.cells["tables.review.litigation_direct.pending"] = 2
    [t4] = _only(check(report), "T4.SUM")
    assert t4.cells[0] == "tables.review.litigation_direct.total"
    assert t4.message == "表四 行政诉讼（未经复议直接起诉） · 总计：应为 2（尚未审结2），填报为 0，相差2"


def test_type(report):
    report.cells[P + "new.legal"] = -1
    report.cells["tables.active.fees"] = Decimal("1.23456")
    found = _only(check(report), "V.TYPE")
    assert [(f.cells, f.severity) for f in found] == [(("tables.active.fees",), ERROR),
                                                       ((P + "new.legal",), ERROR)]
    assert found[1].message == "表三 一、本年新收政府信息公开申请数量 · 法律服务机构：填报为 -1，不能为负数"
    # an invalid cell is not counted into sums: no T3.ROW on top of the V.TYPE
    assert _only(check(report), "T3.ROW") == []


def test_blank_is_a_warning_with_the_expected_total(report):
    report.cells[P + "new.total"] = None
    [blank] = _only(check(report), "V.BLANK")
    assert blank.severity == WARNING and blank.cells == (P + "new.total",)
    assert blank.message == "表三 一、本年新收政府信息公开申请数量 · 总计：空白，没有数据应填 0；按各分项应为 1"
    assert blank.expected == 1
    assert _only(check(report), "T3.ROW") == []  # a blank is never counted as 0


def test_fill_totals_repairs_every_sum(report):
    report.cells[P + "results.granted.research"] = 4
    assert _only(check(report), "T3.ROW")
    fill_totals(report)
    assert not [f for f in check(report) if f.rule in ("T3.ROW", "T3.RESULTS", "T4.SUM")]


def test_every_rule_of_the_spec_has_a_display_name():
    from composer.rules import RULE_NAMES

    assert set(RULE_NAMES) >= {"T3.ROW", "T3.RESULTS", "T3.BALANCE", "T4.SUM", "V.TYPE", "V.BLANK",
                               "X.CARRY", "X.INFORCE", "F.FEES", "S.MISSING", "S.FEES", "N.NUMBER",
                               "N.YEAR", "N.PLACEHOLDER"}


def test_blank_rows_are_one_warning_each_and_come_last(report):
    for col in ("natural", "business", "total"):
        report.cells[P + f"results.granted.{col}"] = None
    report.cells[P + "new.legal"] = -1
    findings = [f for f in check(report) if f.rule.startswith(("V.", "T"))]
    assert [f.rule for f in findings] == ["V.TYPE", "V.BLANK"]
    blank = findings[1]
    assert blank.cells == (P + "results.granted.natural", P + "results.granted.business",
                           P + "results.granted.total")
    assert blank.message == "表三 三（一）予以公开：3 格空白（自然人、商业企业、总计），没有数据应填 0"


def test_a_fresh_draft_lists_each_blank_row_once():
    from composer.importers import import_file
    from composer.importers.carry_forward import carry_forward
    from tests.factories import SAMPLES

    draft = carry_forward(import_file(SAMPLES / "qingshankou-2022.docx").report)
    findings = check(draft)
    blanks = [f for f in findings if f.rule == "V.BLANK"]
    # table 二: 2 rows of three + 4 single cells; table 三: 24 rows (二、上年结转 is carried); 四: 3 groups
    assert len(blanks) == 6 + 24 + 3
    rules = [f.rule for f in findings]
    assert "N.YEAR" in rules and rules.index("N.YEAR") < rules.index("V.BLANK")
    assert rules[-len(blanks):] == ["V.BLANK"] * len(blanks)
