from composer.rules import WARNING, check
from tests.factories import sample_report

P = "tables.requests."


def _rule(report, rule):
    return [f for f in check(report) if f.rule == rule]


def _pair():
    last = sample_report("qingshankou-2022")
    this = sample_report("xingfu-2023")
    this.cells["tables.active.coercion"] = 0
    this.previous = last
    return last, this


def test_carry_matches_last_years_forward():
    last, this = _pair()
    assert _rule(this, "X.CARRY") == []
    last.cells[P + "carried_forward.natural"] = 2
    [carry] = _rule(this, "X.CARRY")
    assert carry.severity == WARNING and carry.cells == (P + "carried_over.natural",)
    assert carry.message == ("表三 二、上年结转政府信息公开申请数量 · 自然人：填报为 0，"
                             "上年报告“四、结转下年度继续办理”为 2，应一致")
    assert carry.expected == 2


def test_in_force_follows_last_year():
    last, this = _pair()  # 2022: 行政规范性文件 现行有效 2
    assert [f.cells[0] for f in _rule(this, "X.INFORCE")] == ["tables.active.normative_documents.in_force"]
    this.cells["tables.active.normative_documents.issued"] = 1
    this.cells["tables.active.normative_documents.in_force"] = 3
    assert _rule(this, "X.INFORCE") == []
    this.cells["tables.active.normative_documents.repealed"] = 1
    [inforce] = _rule(this, "X.INFORCE")
    assert inforce.message == ("表二 行政规范性文件 · 现行有效件数：应为 2（上年现行有效2+本年制发1−本年废止1），"
                               "填报为 3")


def test_no_previous_no_cross_year_findings():
    _, this = _pair()
    this.previous = None
    assert not [f for f in check(this) if f.rule.startswith("X.")]
