"""The layout reader's parts: headings in any numbering, dates, header label trees."""

from __future__ import annotations

import pytest

from composer import schema
from composer.importers.blocks import Table, norm, norm_unnumbered
from composer.importers.layout import parse_date, read_blocks
from composer.importers.tables import column_order


@pytest.mark.parametrize("text,expected", [
    ("2024年1月19日", "2024-01-19"), ("２０２４年１月１９日", "2024-01-19"), ("2024 年 1 月 9 日", "2024-01-09"),
    ("二〇二四年一月十九日", "2024-01-19"), ("二〇二三年十二月三十一日", "2023-12-31"),
    ("2024年2月30日", None), ("截至2023年12月31日，我乡", None), ("", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_labels_compare_without_punctuation_width_or_breaks():
    assert norm("（一）予以\n公开") == norm("(一) 予以公开")
    assert norm_unnumbered("（四）无法提供") == norm("无法提供") == norm_unnumbered("4.无法提供")
    assert norm_unnumbered("3、其他") == norm("其他")


def test_column_order_reads_the_header_tree_with_or_without_the_top_level():
    full = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
            ["", "自\n然\n人", "法人或其他组织", "总计"],
            ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]]
    keys = [c.key for c in schema.REQUESTS_COLUMNS]
    assert column_order(full, schema.REQUESTS_COLUMNS) == keys
    assert column_order(full[1:], schema.REQUESTS_COLUMNS) == keys
    swapped = [full[0], ["", "总计", "法人或其他组织", "自然人"], full[2]]
    assert column_order(swapped, schema.REQUESTS_COLUMNS) == ["total", *keys[1:6], "natural"]
    assert column_order(full[:2], schema.REQUESTS_COLUMNS) is None  # 法人或其他组织 not broken down
    review = [["行政复议", "行政诉讼"],
              ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
              ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2]
    assert column_order(review, schema.REVIEW_COLUMNS) == [c.key for c in schema.REVIEW_COLUMNS]


def _report(headings: list[str], body: str = "正文内容。") -> list:
    blocks: list = ["2023年某镇人民政府信息公开工作年度报告", "前言。"]
    for h in headings:
        blocks += [h, body]
    return blocks


def test_summary_headings_inside_overview_are_not_taken_for_sections():
    blocks = ["2022年青山口乡政府信息公开工作年度报告", "一、总体情况", "（一）总体情况。", "概述。",
              "（2） 行政机关主动公开政府信息情况。", "主动公开2条。", "（6） 其他需要报告的事项。", "无。"]
    blocks += [s.heading for s in schema.SECTIONS[1:]]
    result = read_blocks(blocks + [Table([["第二十条第（五）项"], ["行政许可", "0"]])])
    assert result.report.sections["overview"].split("\n") == blocks[2:8]
    assert all(result.report.sections[s.key] == "" for s in schema.SECTIONS[1:])


def test_heading_with_its_text_on_the_same_line():
    headings = [s.heading for s in schema.SECTIONS[:5]] + ["六、其他需要报告的事项：本年度未收取信息处理费。"]
    result = read_blocks(_report(headings))
    assert result.report.sections["other"] == "本年度未收取信息处理费。\n正文内容。"


def test_signature_organ_and_date_on_one_line_and_in_chinese_numerals():
    blocks = _report([s.heading for s in schema.SECTIONS]) + ["某市某镇人民政府", "二〇二四年一月十日"]
    report = read_blocks(blocks).report
    assert (report.signature_organ, report.signature_date) == ("某市某镇人民政府", "2024-01-10")
    assert report.sections["other"] == "正文内容。"
    report = read_blocks(_report([s.heading for s in schema.SECTIONS]) + ["某镇人民政府    2024年1月10日"]).report
    assert (report.signature_organ, report.signature_date) == ("某镇人民政府", "2024-01-10")
    assert report.organ == "某市某镇人民政府" or report.organ == "某镇人民政府"


def test_missing_year_and_organ_are_noted_not_guessed():
    blocks = ["政府信息公开工作年度报告"] + [x for s in schema.SECTIONS for x in (s.heading, "内容。")]
    result = read_blocks(blocks)
    assert result.report.year is None
    assert "未能从标题和前言中识别报告年度，请填写" in result.notes
    assert any("表三" in n and "未找到" in n for n in result.notes)
