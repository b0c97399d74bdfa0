"""The organ read from a title in every form real reports use, and the title built back."""

from __future__ import annotations

import pytest

from composer.titles import build_title, clean, file_stem, find_organ, organ_from_preamble, organ_from_title

ORGANS = ["幸福乡人民政府", "桦树镇人民政府", "乙街道办事处", "淮安市洪泽区人民政府", "淮安市人民政府",
          "某经济开发区管委会"]

FORMS = {
    "organ-year": "{organ}{year}年政府信息公开工作年度报告",
    "organ-year-du": "{organ}{year}年度政府信息公开工作报告",
    "year-organ": "{year}年{organ}政府信息公开工作年度报告",  # 人民政府 + 政府信息公开 merge below
    "year-du-organ": "{year}年度{organ}政府信息公开工作年度报告",
    "marks-and-spaces": "## {organ} {year} 年政府信息公开工作年度报告",
}


def _title(form: str, organ: str, year: int) -> str:
    title = FORMS[form].format(organ=organ, year=year)
    return title.replace("政府政府信息公开", "政府信息公开")  # as printed: the 政府 once


@pytest.mark.parametrize("organ", ORGANS)
@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_title_form_gives_the_organ(form, organ):
    title = _title(form, organ, 2023)
    assert "政府政府" not in title
    assert organ_from_title(title) == organ
    assert find_organ(title) == organ


@pytest.mark.parametrize(("title", "organ"), [
    ("淮安市人民政府2024年政府信息公开工作年度报告", "淮安市人民政府"),
    ("2023年南关区幸福乡人民政府信息公开工作年度报告", "南关区幸福乡人民政府"),
    ("2023年某镇人民政府政府信息公开工作年度报告", "某镇人民政府"),  # the 政府 printed twice by the office
    ("2023年乙街道办事处政府信息公开工作年度报告", "乙街道办事处"),
    ("乙街道办事处2023年政府信息公开工作年度报告", "乙街道办事处"),
    ("淮安市人民政府2024年度政府信息公开工作报告", "淮安市人民政府"),
    ("# 洪泽区人民政府2023年政府信息公开工作年度报告", "洪泽区人民政府"),
    ("2023年某县政务公开工作年度报告", "某县"),
    ("关于幸福乡人民政府2023年政府信息公开工作年度报告", "幸福乡人民政府"),
    ("乙街道办事处关于2023年度政府信息公开工作年度报告", "乙街道办事处"),
    ("2023年度幸福乡人民政府政务公开工作年度报告", "幸福乡人民政府"),
])
def test_real_titles(title, organ):
    assert organ_from_title(title) == organ


@pytest.mark.parametrize(("title", "organ"), [
    ("2022年青山口乡政府信息公开工作年度报告", "青山口乡人民政府"),  # a 乡's organ is its 人民政府
    ("2023年幸福镇政府信息公开工作年度报告", "幸福镇人民政府"),
    ("2023年甲街道政府信息公开工作年度报告", "甲街道办事处"),  # a 街道's organ is its 办事处
    ("2023年某区政府信息公开工作年度报告", "某区人民政府"),
    ("某市2023年度政府信息公开工作年度报告", "某市人民政府"),
    ("2023年某经济开发区政府信息公开工作年度报告", "某经济开发区"),  # no rule names its 管委会
])
def test_a_place_is_its_formal_organ(title, organ):
    assert find_organ(title) == organ


def test_a_place_is_completed_from_the_signature_and_a_short_name_from_the_text():
    assert find_organ("桦树镇2023年度政府信息公开年度工作报告", signature_organ="临江市桦树镇人民政府") == \
        "临江市桦树镇人民政府"
    assert find_organ("2023年某经济开发区政府信息公开工作年度报告", "现将某经济开发区管委会2023年度工作报告如下") == \
        "某经济开发区管委会"
    assert find_organ("洪泽区人民政府2023年政府信息公开工作年度报告",
                      "本报告由淮安市洪泽区人民政府办公室根据《条例》要求编制。") == "淮安市洪泽区人民政府"
    assert find_organ("2023年南关区幸福乡人民政府信息公开工作年度报告",
                      "根据《条例》的规定，现公布长春市南关区幸福乡人民政府2023年度政府信息公开工作年度报告。") == \
        "长春市南关区幸福乡人民政府"
    # words before the name are not taken for part of it
    assert find_organ("洪泽区人民政府2023年政府信息公开工作年度报告", "本报告由洪泽区人民政府办公室编制。") == \
        "洪泽区人民政府"


def test_organ_from_the_preamble_and_the_signature_when_the_title_has_none():
    preamble = "根据《条例》的规定，现公布长春市南关区幸福乡人民政府2023年度政府信息公开工作年度报告。"
    assert organ_from_preamble(preamble) == "长春市南关区幸福乡人民政府"
    assert organ_from_preamble("现公布2023年度桦树镇人民政府信息公开工作年度报告。") == "桦树镇人民政府"
    assert find_organ("2023年政府信息公开工作年度报告", preamble) == "长春市南关区幸福乡人民政府"
    assert find_organ("2023年政府信息公开工作年度报告", "", "乙街道办事处") == "乙街道办事处"
    assert find_organ("2023年政府信息公开工作年度报告") == ""
    assert find_organ("") == ""


@pytest.mark.parametrize("organ", ORGANS + ["青山口乡政府", "乙街道办事处"])
def test_built_titles_read_back(organ):
    title = build_title(organ, 2024)
    assert "政府政府" not in title
    assert title.startswith("2024年") and title.endswith("信息公开工作年度报告")
    assert organ_from_title(title) in (organ, organ.removesuffix("政府"))


def test_build_title_merges_the_government():
    assert build_title("淮安市人民政府", 2024) == "2024年淮安市人民政府信息公开工作年度报告"
    assert build_title("乙街道办事处", 2023) == "2023年乙街道办事处政府信息公开工作年度报告"
    assert build_title("## 幸福乡人民政府", None) == "幸福乡人民政府信息公开工作年度报告"
    assert build_title("淮安市人民政府政府", 2024) == "2024年淮安市人民政府信息公开工作年度报告"  # saved doubled


def test_file_stem():
    assert file_stem("青山口乡人民政府", 2022) == "2022年青山口乡人民政府信息公开工作年度报告"
    assert file_stem("青山口乡政府", 2022) == "2022年青山口乡政府信息公开工作年度报告"
    assert file_stem("", 2022) == "年度报告"
    assert file_stem("甲/乙:街道办事处", 2023) == "2023年甲乙街道办事处政府信息公开工作年度报告"
    assert file_stem("x", 2023, title="2023年 某镇 报告") == "2023年某镇报告"


def test_clean_takes_off_marks_and_spaces():
    assert clean("## 长春市南关区 幸福乡人民政府 ") == "长春市南关区幸福乡人民政府"
    assert clean("#### 四、政府信息公开") == "四、政府信息公开"
