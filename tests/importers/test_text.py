"""Text copied from the portal: the samples' own quirks and hand-made variants."""

from __future__ import annotations

from pathlib import Path

import pytest

from composer import schema
from composer.importers import import_file
from composer.importers.blocks import Table
from composer.importers.text import text_blocks
from tests.factories import SAMPLES, sample_report
from tests.importers.helpers import official_text

FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def xingfu():
    report = import_file(SAMPLES / "xingfu-2023.docx").report
    assert report.cells == sample_report("xingfu-2023").cells
    return report


def write(tmp_path, text, name="r.txt", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_tall_merged_cell_with_blank_lines_before_its_text_stays_one_row():
    text = "\t一、本年新收\n\t1\n\n\t\n\n\n\n三、\n本年度办理结果\n\t（一）予以公开\n\t0\n\n"
    blocks = text_blocks(text)
    assert blocks == [Table([["一、本年新收", "1"], ["三、\n本年度办理结果", "（一）予以公开", "0"]])]


def test_a_heading_after_a_table_is_not_taken_for_a_cell():
    text = "\t行政事业性收费\n\t\n\n\n3、 收到和处理政府信息公开申请情况\n\t申请人情况\n"
    blocks = text_blocks(text)
    assert blocks == [Table([["行政事业性收费", ""]]), "3、 收到和处理政府信息公开申请情况", Table([["申请人情况"]])]


def test_a_stray_tab_after_a_heading_keeps_it_a_heading():
    blocks = text_blocks("## 一、总体情况\t\n正文。\n规章\t0\t0\t0\n")
    assert blocks == ["一、总体情况", "正文。", Table([["规章", "0", "0", "0"]])]


def test_long_runs_of_lines_are_read_in_one_pass():
    """One cell line then 100 000 plain lines; a cell line then many tall-cell lines: each line
    is looked at a bounded number of times (this took minutes when cells grew by concatenation)."""
    blocks = text_blocks("\t一、本年新收\n" + "普通的一行文字\n" * 100_000)
    assert isinstance(blocks[0], Table) and len(blocks[0].rows) == 1 and len(blocks[0].rows[0]) == 1
    assert len(blocks) > 99_000 and all(b == "普通的一行文字" for b in blocks[1:])


def test_the_generated_official_text_imports_exactly(tmp_path):
    report = xingfu()
    result = import_file(write(tmp_path, official_text(report)))
    assert result.report.cells == report.cells
    assert result.report.sections == report.sections
    assert result.notes == []


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_chinese_encodings(tmp_path, encoding):
    report = xingfu()
    result = import_file(write(tmp_path, official_text(report), encoding=encoding))
    assert result.report.cells == report.cells
    assert result.report.organ == report.organ


def test_full_width_digits_and_arabic_headings(tmp_path):
    report = xingfu()
    text = official_text(report, heading=lambda s: f"{'一二三四五六'.index(s.number) + 1}、 {s.title}",
                         digits=lambda t: t.translate(FULL))
    result = import_file(write(tmp_path, text))
    assert result.report.cells == report.cells
    assert result.report.sections == report.sections


def test_a_lost_cell_is_blank_and_noted(tmp_path):
    report = xingfu()
    lost = "tables.requests.results.unavailable.not_held.legal"
    result = import_file(write(tmp_path, official_text(report, drop=lost)))
    row = [schema.requests_path("results.unavailable.not_held", c.key) for c in schema.REQUESTS_COLUMNS]
    assert all(result.report.cells[p] is None for p in row)
    assert result.notes == ["表三 三（四）1.本机关不掌握相关政府信息：只识别到6个数，应为7个，该行已留空"]
    assert {p: v for p, v in result.report.cells.items() if p not in row} == \
        {p: v for p, v in report.cells.items() if p not in row}


def test_a_lost_cell_of_table_four(tmp_path):
    report = xingfu()
    result = import_file(write(tmp_path, official_text(report, drop="tables.review.litigation_direct.other")))
    assert all(result.report.cells[c.path] is None for c in schema.CELLS if c.table == "review")
    assert "表四：只识别到14个数，应为15个，已留空" in result.notes


def test_sample_text_with_a_cell_line_missing(tmp_path):
    text = (SAMPLES / "huashu-2023.txt").read_text(encoding="utf-8")
    at = text.index("\t2.重复申请\n")
    cut = text.index("\t0\n", at)
    result = import_file(write(tmp_path, text[:cut] + text[cut + 3:]))
    assert "表三 三（五）2.重复申请：只识别到6个数，应为7个，该行已留空" in result.notes
    assert result.report.cells["tables.requests.results.not_processed.repeated.total"] is None
    assert result.report.cells["tables.requests.results.not_processed.petition.total"] == 0


def test_a_ten_megabyte_text_file_is_refused_quickly(tmp_path):
    from composer.errors import TooLarge

    path = tmp_path / "big.txt"
    path.write_bytes(("一、总体情况\n" + "\t0\n" * 100) .encode() * 35_000)
    assert path.stat().st_size > 10 * 1024 * 1024
    with pytest.raises(TooLarge):
        import_file(path)


@pytest.mark.slow
def test_a_long_text_just_under_the_limit_is_read(tmp_path):
    """Read in one pass (a few seconds here; its speed is not asserted, see bench/import_.py)."""
    text = (SAMPLES / "huashu-2023.txt").read_text(encoding="utf-8") * 600  # 3.9 MB, 600 reports
    path = write(tmp_path, text)
    result = import_file(path)
    assert result.report.year == 2023  # the first copy; the repeated rows agree, so no note on them
    assert result.report.cells == sample_report("huashu-2023").cells


def test_a_2019_format_report_is_recognised_and_its_text_kept():
    result = import_file(Path(__file__).parents[1] / "fixtures" / "import" / "old-format-2019.txt")
    assert result.notes[0].startswith("表格为2019年旧版格式")
    assert all(v is None for v in result.report.cells.values())
    r = result.report
    assert (r.year, r.organ, r.signature_date) == (2019, "某某镇人民政府", "2020-01-15")
    assert r.sections["requests"] == "本年度未收到政府信息公开申请。"
    assert r.sections["other"] == "本年度未收取信息处理费。"


def test_an_organ_nowhere_to_be_found_is_said_not_guessed(tmp_path):
    text = (SAMPLES / "xingfu-2023.webcopy.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    lines[0] = ""  # "# 长春市南关区幸福乡人民政府"
    lines[2] = "## 2023年政府信息公开工作年度报告"
    text = "\n".join(lines).replace("现公布长春市南关区幸福乡人民政府", "现公布").replace("长春市南关区幸福乡人民政府\n", "\n")
    result = import_file(write(tmp_path, text))
    assert result.report.organ == ""
    assert result.report.title == "2023年政府信息公开工作年度报告"
    assert result.notes == ["未能从标题、前言和落款中识别机关名称，请填写"]
    assert result.report.cells == sample_report("xingfu-2023").cells


def test_a_title_over_two_lines_keeps_its_organ(tmp_path):
    text = (SAMPLES / "xingfu-2023.webcopy.txt").read_text(encoding="utf-8")
    text = text.replace("## 长春市南关区幸福乡人民政府2023年政府信息公开工作年度报告",
                        "2023年政府信息公开工作年度报告", 1)
    text = text.replace("现公布长春市南关区幸福乡人民政府", "现公布")
    result = import_file(write(tmp_path, text))
    assert result.report.title == "长春市南关区幸福乡人民政府2023年政府信息公开工作年度报告"
    assert result.report.organ == "长春市南关区幸福乡人民政府"
    assert result.notes == []
