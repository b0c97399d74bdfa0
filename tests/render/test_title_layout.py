"""Titles broken at words in a pyramid or diamond (GB/T 9704 7.3.3), and headings kept with their text."""

from __future__ import annotations

import docx
from hypothesis import given
from hypothesis import strategies as st

from composer.render import render
from composer.render.title_layout import TITLE_LINE_CHARS, text_width, title_lines
from composer.titles import build_title
from tests.render.helpers import prose_report

WORDS = ("人民政府", "信息公开", "年度报告", "工作", "政府")


def _cut_inside_a_word(title: str, lines: list[str]) -> list[str]:
    cuts, pos = [], 0
    for line in lines[:-1]:
        pos += len(line)
        cuts.append(pos)
    bad = []
    for word in WORDS:
        start = title.find(word)
        while start >= 0:
            bad += [f"{word} cut at {c}" for c in cuts if start < c < start + len(word)]
            start = title.find(word, start + 1)
    return bad


def test_real_titles():
    assert title_lines("2023年长春市南关区幸福乡人民政府信息公开工作年度报告") == [
        "2023年长春市南关区幸福乡", "人民政府信息公开工作年度报告"]
    assert title_lines("淮安市人民政府2024年政府信息公开工作年度报告") == [
        "淮安市人民政府2024年", "政府信息公开工作年度报告"]
    assert title_lines("2022年青山口乡政府信息公开工作年度报告") == ["2022年青山口乡政府信息公开工作年度报告"]


organs = st.lists(st.sampled_from(["吉林省", "长春市", "南关区", "幸福乡", "临江市", "桦树镇", "洪泽区", "淮安市",
                                   "青山口乡", "朝阳街道办事处", "高新技术产业开发区管理委员会"]),
                  min_size=1, max_size=4).map("".join)


@given(organs, st.sampled_from(["人民政府", "人民政府办公室", ""]), st.integers(2020, 2030))
def test_every_title_keeps_its_characters_and_words_and_fits(place, suffix, year):
    title = build_title(place + suffix, year)
    lines = title_lines(title)
    assert "".join(lines) == title
    assert all(text_width(line) <= TITLE_LINE_CHARS for line in lines)
    assert not any(line in ("报告", "告", "年度报告") for line in lines)
    assert _cut_inside_a_word(title, lines) == []
    if len(lines) == 2:
        assert text_width(lines[0]) <= text_width(lines[1]) + 4  # a pyramid, not a top-heavy block


def test_a_title_without_known_words_is_cut_evenly_keeping_every_character():
    title = "某" * 45
    lines = title_lines(title)
    assert "".join(lines) == title and len(lines) == 3


def test_a_heading_only_paragraph_is_a_sub_heading_kept_with_its_text(tmp_path):
    report = prose_report("xingfu-2023")
    report.sections["problems"] = "一、领导重视，责任落实\n我乡十分重视政府信息公开工作。\n（2）行政机关主动公开政府信息情况\n本单位公开了两条信息。"
    out = tmp_path / "out.docx"
    render(report, out)
    document = docx.Document(str(out))
    by_text = {p.text: p for p in document.paragraphs}
    for heading in ("一、领导重视，责任落实", "（2）行政机关主动公开政府信息情况"):
        p = by_text[heading]
        assert p.style.name == "二级标题"
        assert p.style.paragraph_format.keep_with_next
    assert by_text["我乡十分重视政府信息公开工作。"].style.name == "报告正文"
