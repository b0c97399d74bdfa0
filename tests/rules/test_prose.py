import pytest

from composer.importers import import_file
from composer.rules import check
from composer.rules.prose import scan_years
from composer.values import parse_chinese_number
from tests.factories import SAMPLES, sample_report

P = "tables.requests."


def _rule(report, rule):
    return [f for f in check(report) if f.rule == rule]


def _imported(name: str):
    """The sample as a clerk would have it: its DOCX through the importer, prose included."""
    return import_file(SAMPLES / f"{name}.docx").report


@pytest.fixture
def report():
    r = sample_report("xingfu-2023")
    r.cells["tables.active.coercion"] = 0
    r.sections.update(overview="2023年，我乡认真做好政府信息公开工作。",
                      problems="一是公开内容较为单一；二是人员业务能力有待加强。",
                      other="本年度未收取信息处理费。")
    return r


def test_complete_report_has_no_prose_findings(report):
    assert check(report) == []


def test_missing_parts(report):
    report.organ = ""
    report.year = None
    report.sections["overview"] = " \n"
    report.sections["problems"] = "无。"
    found = _rule(report, "S.MISSING")
    assert [f.cells[0] for f in found] == ["organ", "year", "sections.overview", "sections.problems"]
    assert found[3].message == "五、存在的主要问题及改进情况：只写了“无。”，应写明存在的主要问题及改进情况"


def test_fees_must_be_stated(report):
    report.sections["other"] = "无其他需要报告的事项。"
    [fees] = _rule(report, "S.FEES")
    assert fees.cells == ("sections.other",) and "信息处理费" in fees.message
    report.fee_notices = {"count": 0, "amount": 0, "collected": 0}
    assert _rule(report, "S.FEES") == []


def test_fee_notice_figures(report):
    report.fee_notices = {"count": 0, "amount": 100, "collected": 150}
    report.cells[P + "results.other.no_fee.natural"] = 1
    report.cells[P + "results.other.no_fee.total"] = 1
    found = _rule(report, "F.FEES")
    assert [f.cells for f in found] == [("fee_notices.collected", "fee_notices.amount"),
                                        ("fee_notices.count", P + "results.other.no_fee.total")]
    assert found[0].message == "信息处理费：实际收取 150 元，超过收费通知总金额 100 元"
    assert "发出收费通知 0 件，少于" in found[1].message
    report.fee_notices = {"count": 1, "amount": 100, "collected": 100}
    assert _rule(report, "F.FEES") == []


@pytest.mark.parametrize("sentence,fires", [
    ("本年度共收到政府信息公开申请1件。", False),
    ("本年度共收到政府信息公开申请3件。", True),
    ("全年受理依申请公开三件。", True),
    ("全年受理依申请公开一件。", False),
    ("本单位2023年没有接到公开信息的申请。", True),  # the table has 1
    ("本年度未发生政府信息公开行政复议、行政诉讼。", False),
])
def test_numbers_in_prose_against_table(report, sentence, fires):
    report.sections["requests"] = sentence
    found = _rule(report, "N.NUMBER")
    assert bool(found) == fires
    if fires:
        start, end = found[0].span
        assert found[0].cells[:2] == ("sections.requests", P + "new.total")
        assert sentence[start:end] == found[0].excerpt and found[0].excerpt in found[0].message


def test_review_numbers(report):
    report.sections["review"] = "本年度发生行政复议2件，行政诉讼0件。"
    [recon] = _rule(report, "N.NUMBER")
    assert recon.message == "四、政府信息公开行政复议、行政诉讼情况：正文写“行政复议2件”，与表四 行政复议 · 总计 0 不符"
    report.cells["tables.review.reconsideration.upheld"] = 2
    report.cells["tables.review.reconsideration.total"] = 2
    assert _rule(report, "N.NUMBER") == []
    report.sections["review"] = "本年度未发生行政复议、行政诉讼情况。"
    [denial] = _rule(report, "N.NUMBER")
    assert "表四 行政复议 · 总计、" in denial.message and "之和 2 不符" in denial.message


def test_year_carried_over_from_last_year(report):
    text = "2022年，我乡认真贯彻《条例》（2019年修订）及国办函〔2020〕109号，较2021年有所提高。"
    report.sections["overview"] = text
    [year] = _rule(report, "N.YEAR")
    assert year.excerpt == "2022年" and year.span == (0, 5)
    assert year.message == "一、总体情况：提到“2022年”，本报告为2023年度，可能沿用了上年文字"
    assert scan_years("《中华人民共和国政府信息公开条例（2019年修订）》") == ()


def test_placeholders(report):
    report.preamble = "如有疑问请联系XX乡人民政府，电话：____。"
    found = _rule(report, "N.PLACEHOLDER")
    assert [f.excerpt for f in found] == ["XX", "____"]
    assert found[0].cells == ("preamble",) and found[0].span == (7, 9)


def test_chinese_numerals():
    assert [parse_chinese_number(t) for t in ("18", "１８", "十八", "二十三", "一百零二", "两", "二〇二四", "十")] \
        == [18, 18, 18, 23, 102, 2, 2024, 10]
    assert parse_chinese_number("十八件") is None and parse_chinese_number("") is None


@pytest.mark.parametrize("name,expected", [
    ("xingfu-2023", [("V.BLANK", "tables.active.coercion")]),  # 行政强制 left blank
    ("qingshankou-2022", [("S.FEES", "sections.other")]),  # 六 says only "无。"
    ("huashu-2023", [("S.FEES", "sections.other")]),  # 六 silent on 信息处理费
])
def test_imported_samples_give_the_warnings_a_reader_expects(name, expected):
    findings = check(_imported(name))
    assert [(f.rule, f.cells[0]) for f in findings] == expected


def test_qingshankou_no_applications_agrees_with_zero_table():
    report = _imported("qingshankou-2022")
    assert "没有接到公开信息的申请" in report.sections["overview"]
    assert _rule(report, "N.NUMBER") == []
    report.cells["tables.requests.new.natural"] = 18
    report.cells["tables.requests.new.total"] = 18
    [n] = _rule(report, "N.NUMBER")
    assert n.excerpt == "没有接到公开信息的申请" and "表三 一、本年新收政府信息公开申请数量 · 总计 18 不符" in n.message


def test_samples_prose_in_a_later_year_is_flagged():
    report = _imported("qingshankou-2022")
    report.year = 2023  # last year's text kept in this year's draft
    years = _rule(report, "N.YEAR")
    assert years and all(f.excerpt == "2022年" for f in years)
    assert {f.cells[0] for f in years} >= {"sections.overview", "title"}


def _blank_draft(name: str, year: int):
    """Next year's draft of a sample with every cell still blank, as carry-forward leaves it."""
    draft = sample_report(name)
    draft.year, draft.previous = year, sample_report(name)
    for path in draft.cells:
        draft.cells[path] = None
    return draft


def test_draft_with_blank_table_points_at_last_years_number():
    draft = _blank_draft("xingfu-2023", 2024)
    draft.sections["requests"] = "本年度共收到政府信息公开申请1件。"
    [n] = _rule(draft, "N.NUMBER")
    assert "尚未填写" in n.message and "与上年报告的数字相同" in n.message


# Sentences from real reports that must not be flagged against xingfu's table (1 application,
# no review cases), and ones that must.
@pytest.mark.parametrize("section,sentence", [
    ("requests", "在收到申请之日起15个工作日内予以答复，本年度共收到申请1件。"),
    ("review", "本年度行政复议0件，无行政诉讼。"),
    ("requests", "全年未收到人大代表建议，收到政府信息公开申请1件。"),
    ("requests", "上年度（2022年）收到申请3件，本年度收到申请1件。"),
    ("review", "未受理行政复议申请。"),
])
def test_real_wording_is_not_a_false_number(report, section, sentence):
    report.sections[section] = sentence
    assert _rule(report, "N.NUMBER") == []


def test_review_application_is_compared_with_table_four(report):
    report.sections["review"] = "本年度收到行政复议申请1件。"
    [n] = _rule(report, "N.NUMBER")
    assert n.cells[1:] == ("tables.review.reconsideration.total",)


def test_none_review_compares_the_case_type_it_names(report):
    report.cells["tables.review.reconsideration.upheld"] = 1
    report.cells["tables.review.reconsideration.total"] = 1
    report.sections["review"] = "本年度行政复议1件，无行政诉讼。"
    assert _rule(report, "N.NUMBER") == []
    report.sections["review"] = "本年度未发生行政复议。"
    [n] = _rule(report, "N.NUMBER")
    assert n.cells[1:] == ("tables.review.reconsideration.total",)


@pytest.mark.parametrize("sentence,flagged", [
    ("针对2022年度报告中指出的问题，我乡已全部整改。", []),
    ("2022年存在的问题已全部整改。", []),
    ("按要求公开2022年度部门决算。", []),
    ("我乡政务公开专区于2019年开通。", []),
    ("２０２２年，我乡认真贯彻《条例》。", ["２０２２年"]),
    ("二〇二二年，我乡认真贯彻《条例》。", ["二〇二二年"]),
    ("2022 年，我乡认真贯彻《条例》。", ["2022 年"]),
])
def test_year_mentions(report, sentence, flagged):
    report.sections["problems"] = sentence + "下一步将继续加强培训。"
    assert [f.excerpt for f in _rule(report, "N.YEAR")] == flagged


def test_placeholders_not_in_web_addresses_but_in_the_organ(report):
    report.preamble = "详见 http://www.nanguan.gov.cn/xxgk/ 栏目。"
    assert _rule(report, "N.PLACEHOLDER") == []
    report.organ = "××乡人民政府"
    [p] = _rule(report, "N.PLACEHOLDER")
    assert p.cells == ("organ",)


def test_administrative_fees_do_not_count_as_information_fees(report):
    report.sections["other"] = "本年度行政事业性收费0万元。"
    assert [f.rule for f in _rule(report, "S.FEES")] == ["S.FEES"]


def test_each_repeated_year_can_be_dismissed_on_its_own(report):
    report.sections["overview"] = "2022年，我乡做好公开工作。2022年，我乡加强平台建设。"
    first, second = _rule(report, "N.YEAR")
    assert first.key != second.key and first.excerpt == second.excerpt


def test_draft_keeps_none_received_from_last_year_for_review():
    draft = _blank_draft("qingshankou-2022", 2023)
    draft.sections["requests"] = "本单位没有接到公开信息的申请。"
    [n] = _rule(draft, "N.NUMBER")
    assert "与上年报告的数字相同" in n.message


def test_fee_notice_values_are_checked_like_cells(report):
    report.fee_notices = {"count": -1, "amount": None, "collected": 5}
    found = [(f.rule, f.cells) for f in check(report) if f.cells[0].startswith("fee_notices")]
    assert ("V.TYPE", ("fee_notices.count",)) in found and ("V.BLANK", ("fee_notices.amount",)) in found
    assert not [f for f in _rule(report, "F.FEES")]  # invalid figures are not compared
    report.fee_notices = {"count": None, "amount": None, "collected": None}
    report.sections["other"] = "无。"
    assert _rule(report, "S.FEES")  # all blank states nothing


@pytest.mark.parametrize("sentence,cell", [
    ("上年结转政府信息公开申请2件。", "carried_over.total"),
    ("其中2件为上年结转。", "carried_over.total"),
    ("上一年度结转的申请二件已全部办结。", "carried_over.total"),
    ("结转下年度继续办理3件。", "carried_forward.total"),
    ("另有3件顺延到下年度答复。", "carried_forward.total"),
    ("本年度收到申请1件，上年结转申请0件，结转下年度0件。", None),
    ("全部办结，无结转下年度的申请。", None),
])
def test_carried_over_and_forward_in_prose_against_table_three(report, sentence, cell):
    report.sections["requests"] = sentence
    found = _rule(report, "N.NUMBER")
    assert [f.cells[1:] for f in found] == ([(P + cell,)] if cell else [])
    if cell:
        start, end = found[0].span
        assert sentence[start:end] == found[0].excerpt and f"“{found[0].excerpt}”" in found[0].message


def test_a_real_sentence_with_received_carried_over_and_forward(report):
    """huaian-2024: received 3119, carried over 34, carried forward 103 — as its table says."""
    for row, total in (("new", 3119), ("carried_over", 34), ("carried_forward", 103)):
        report.cells[P + f"{row}.natural"] = total
        report.cells[P + f"{row}.total"] = total
    report.sections["overview"] = ("2024年，全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，"
                                   "另有103件顺延到下年度答复），均在法定期限内予以答复。")
    assert _rule(report, "N.NUMBER") == []
    report.sections["overview"] = report.sections["overview"].replace("结转申请34件", "结转申请35件")
    [n] = _rule(report, "N.NUMBER")
    assert n.cells[1:] == (P + "carried_over.total",) and n.expected == 34


def test_new_applications_off_by_one_stay_caught(report):
    report.cells[P + "new.natural"] = 170
    report.cells[P + "new.total"] = 170
    report.sections["requests"] = "本年度共新收政府信息公开申请171件。"
    [n] = _rule(report, "N.NUMBER")
    assert n.cells[1:] == (P + "new.total",) and n.expected == 170
