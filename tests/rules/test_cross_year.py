import pytest

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


# ---------------------------------------------------------------- N.STALE, X.JUMP (composer.rules.last_year)

def _jump_pair(before, after, path=P + "new.total"):
    last = sample_report("qingshankou-2022")
    this = sample_report("xingfu-2023")
    this.previous = last
    last.cells[path] = before
    this.cells[path] = after
    return this


@pytest.mark.parametrize(("before", "after", "flagged"), [
    (0, 10, True), (0, 9, False), (3, 14, False), (3, 15, True), (20, 4, True), (20, 5, False),
    (10, 10, False), (None, 50, False), (2, 0, False), (10, 0, True),
])
def test_jump_thresholds(before, after, flagged):
    jumps = _rule(_jump_pair(before, after), "X.JUMP")
    assert bool(jumps) == flagged
    if flagged:
        [jump] = jumps
        assert jump.severity == WARNING and jump.cells == (P + "new.total",)


def test_jump_message_and_every_headline_figure():
    from composer.rules.last_year import JUMP_FIGURES

    [jump] = _rule(_jump_pair(2, 30), "X.JUMP")
    assert jump.message == "表三 一、本年新收政府信息公开申请数量 · 总计：本年 30，上年 2，为上年的15.0倍，变化悬殊，请核对"
    for path in JUMP_FIGURES:
        assert [f.cells for f in _rule(_jump_pair(0, 100, path), "X.JUMP")] == [(path,)]


def test_stale_sections_and_the_reuse_measure():
    from composer.rules.last_year import reused_share

    last = sample_report("qingshankou-2022")
    this = sample_report("xingfu-2023")
    text = "本年度我乡认真贯彻落实政府信息公开条例。全年主动公开信息一百二十条，均在网站发布。"
    last.sections["overview"] = text
    this.sections["overview"] = text.replace("。", "。\n")  # the same sentences, laid out anew
    this.previous = last
    [stale] = _rule(this, "N.STALE")
    assert stale.cells == ("sections.overview",) and stale.severity == WARNING
    assert stale.message == "一、总体情况：与上年报告相同，像是沿用上年的正文没有改写"
    this.sections["overview"] = text + "本年新建了政务公开专区，并开展了两次培训，群众满意度明显提高。"
    assert 0 < reused_share(last.sections["overview"], this.sections["overview"]) < 0.9
    assert _rule(this, "N.STALE") == []
    last.sections["other"] = this.sections["other"] = "本年度未收取信息处理费。"  # a stock line: too short
    assert _rule(this, "N.STALE") == []
    assert reused_share("", "") == 0.0


def test_no_previous_no_last_year_findings():
    this = _jump_pair(0, 100)
    this.previous = None
    assert not [f for f in check(this) if f.rule in ("X.JUMP", "N.STALE")]
