"""Every sample, in every form it comes in, imports to exactly its expected.json."""

from __future__ import annotations

import pytest

from composer import schema
from composer.importers import import_file
from tests.factories import SAMPLE_NAMES, SAMPLES, sample_report

PLACES = {"xingfu-2023": "幸福乡", "qingshankou-2022": "青山口乡", "huashu-2023": "桦树镇"}


def assert_matches_expected(result, name: str) -> None:
    expected = sample_report(name)
    wrong = {p: (result.report.cells[p], expected.cells[p]) for p in schema.CELL_PATHS
             if result.report.cells[p] != expected.cells[p]
             or type(result.report.cells[p]) is not type(expected.cells[p])}
    assert wrong == {}, f"cells differ (got, expected): {wrong}; notes: {result.notes}"
    assert result.report.year == expected.year
    organ = result.report.organ
    assert PLACES[name] in organ and (organ in expected.organ or organ == expected.organ or
                                      organ.replace("政府", "人民政府") == expected.organ), organ
    assert result.notes == []


def assert_sections(report, name: str) -> None:
    sections = report.sections
    for key in ("overview", "problems", "other"):
        assert sections[key], f"section {key} is empty"
    for s in schema.SECTIONS:  # no heading left inside a section's text
        assert not any(line.strip() == s.heading for line in sections[s.key].split("\n"))
    assert not sections["overview"].startswith("一、")
    if name == "xingfu-2023":
        assert "信息处理费" in sections["other"]
        assert sections["overview"].startswith("2023年，幸福乡人民政府认真贯彻落实")
        assert sections["problems"].startswith("（一）存在问题\n")  # sub-headings stay in the text
        assert "联系电话：0431-85311165" in report.preamble
    if name == "qingshankou-2022":
        assert "没有接到公开信息的申请" in sections["overview"]  # the 2022 narrative stays where it is
        assert "（6）" in sections["overview"] and sections["other"] in ("无", "无。")
        assert sections["problems"].startswith("一是各科室")
    if name == "huashu-2023":
        assert report.signature_organ == "临江市桦树镇人民政府"
        assert report.signature_date == "2024-01-19"
        assert "2024年1月19日" not in sections["other"] and "桦树镇人民政府" not in sections["other"]
        assert sections["other"] == "我镇暂无其他应报告事项。"
    for key in ("active", "requests", "review"):
        assert sections[key] == "", f"table text leaked into {key}: {sections[key][:40]}"


@pytest.mark.parametrize("name", SAMPLE_NAMES)
@pytest.mark.parametrize("form", ["docx", "txt"])
def test_sample_imports_exactly(name, form):
    result = import_file(SAMPLES / f"{name}.{form}")
    assert_matches_expected(result, name)
    assert_sections(result.report, name)


def test_the_browser_copy_imports_exactly():
    """Markdown heading marks, one row per line with TABs, merged labels as empty leading cells,
    headers over several lines, half-width brackets, "结果 维持"."""
    result = import_file(SAMPLES / "xingfu-2023.webcopy.txt")
    assert_matches_expected(result, "xingfu-2023")
    assert_sections(result.report, "xingfu-2023")
    report = result.report
    assert report.organ == sample_report("xingfu-2023").organ == "长春市南关区幸福乡人民政府"
    assert report.title == "长春市南关区幸福乡人民政府2023年政府信息公开工作年度报告"
    assert report.signature_organ == "长春市南关区幸福乡人民政府"
    for text in (report.title, report.organ, report.preamble, *report.sections.values()):
        assert "#" not in text
    docx = import_file(SAMPLES / "xingfu-2023.docx").report
    assert report.sections == docx.sections


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_organ_is_never_doubled_or_marked(name):
    for form in ("docx", "txt"):
        organ = import_file(SAMPLES / f"{name}.{form}").report.organ
        assert organ == sample_report(name).organ, (form, organ)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_docx_and_text_agree_on_everything(name):
    a = import_file(SAMPLES / f"{name}.docx").report
    b = import_file(SAMPLES / f"{name}.txt").report
    assert a.to_json() == b.to_json()


def test_title_and_preamble():
    report = import_file(SAMPLES / "huashu-2023.docx").report
    assert report.title == "桦树镇2023年度政府信息公开年度工作报告"
    assert report.preamble.startswith("本年度报告根据《中华人民共和国政府信息公开条例》")
    assert import_file(SAMPLES / "qingshankou-2022.docx").report.preamble == ""


@pytest.mark.slow
@pytest.mark.parametrize("name", SAMPLE_NAMES)
@pytest.mark.parametrize("kind", ["pdf", "html"])
def test_office_made_copies_import_exactly(office_copies, name, kind):
    result = import_file(office_copies / kind / f"{name}.{kind}")
    assert_matches_expected(result, name)
    assert_sections(result.report, name)
