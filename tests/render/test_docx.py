"""The DOCX output: tables by grid position, literal prose, fonts and page, atomic writes."""

from __future__ import annotations

import os
import zipfile
from decimal import Decimal

import docx
import pytest

from composer import schema
from composer.errors import RenderFailed
from composer.render import render
from composer.render.context import build_context, cell_texts
from tests.factories import SAMPLE_NAMES
from tests.render.helpers import (
    HOSTILE,
    W,
    body_paragraphs,
    docx_tables,
    effective_run_format,
    grid_problems,
    prose_lines,
    prose_report,
)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_table_cell_at_its_grid_position(name, tmp_path):
    report = prose_report(name)
    out = tmp_path / "out.docx"
    render(report, out)
    texts = cell_texts(report)
    tables = docx_tables(out)
    problems = [p for key, table in tables.items() for p in grid_problems(table, key, texts)]
    assert problems == []
    # blanks print empty: xingfu's 行政强制 is blank in the published report
    if name == "xingfu-2023":
        assert report.cells["tables.active.coercion"] is None
        assert _cell(tables, "tables.active.coercion").text == ""


def _cell(tables, path):
    key = path.split(".")[1]
    c = next(c for c in schema.layout(key).cells if c.path == path)
    return tables[key].cell(c.row, c.col)


def test_prose_title_and_signature_in_order(tmp_path):
    report = prose_report("huashu-2023")
    out = tmp_path / "out.docx"
    render(report, out)
    paras = body_paragraphs(out)
    expected = [f"{report.year}年{report.organ}信息公开工作年度报告", *prose_lines(report.preamble)]
    for s in schema.SECTIONS:
        expected += [s.heading, *prose_lines(report.sections[s.key])]
    expected += [report.organ, f"{report.year + 1}年1月20日"]
    # the organ follows a tab (centred over the date); an empty paragraph starts table 三's page
    assert [p.strip() for p in paras if p.strip()] == expected


def test_hostile_prose_comes_out_literally(tmp_path):
    report = prose_report("xingfu-2023")
    report.sections["problems"] = HOSTILE
    report.organ = report.signature_organ = "幸福乡<人民>政府 & {{ organ }}"
    report.title = ""
    out = tmp_path / "out.docx"
    render(report, out)
    paras = body_paragraphs(out)
    start = paras.index("五、存在的主要问题及改进情况") + 1
    assert paras[start:start + 3] == HOSTILE.split("\n")
    assert paras[0] == build_context(report)["title"]
    assert "<人民>" in paras[0] and "{{" in paras[0]  # printed literally, never interpreted
    assert "幸福乡<人民>政府 & {{ organ }}" in [p.strip() for p in paras]


def test_control_characters_and_tabs_do_not_break_the_document(tmp_path):
    report = prose_report("xingfu-2023")
    report.sections["other"] = "甲\x00乙\x07丙\x0b丁\t戊\r\n己\x0c庚\ufffe"
    out = tmp_path / "out.docx"
    render(report, out)
    paras = body_paragraphs(out)
    start = paras.index("六、其他需要报告的事项") + 1
    assert paras[start:start + 3] == ["甲乙丙丁\t戊", "己", "庚"]


def test_blank_cells_print_empty_or_zero(tmp_path):
    report = prose_report("xingfu-2023")
    report.cells["tables.requests.new.legal"] = None
    report.cells["tables.active.fees"] = Decimal("12.5000")
    render(report, tmp_path / "blank.docx")
    render(report, tmp_path / "zero.docx", blank_as_zero=True)
    blank, zero = docx_tables(tmp_path / "blank.docx"), docx_tables(tmp_path / "zero.docx")
    assert _cell(blank, "tables.requests.new.legal").text == ""
    assert _cell(zero, "tables.requests.new.legal").text == "0"
    assert _cell(blank, "tables.active.fees").text == "12.5"  # amounts without trailing zeros


def test_official_page_and_fonts(tmp_path):
    out = tmp_path / "out.docx"
    render(prose_report("xingfu-2023"), out)
    document = docx.Document(str(out))
    sec = document.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)] == [
        37, 35, 28, 26]
    body = document.element.body
    paragraphs_and_runs = [(p, r) for p in document.paragraphs for r in p.runs if r.text]
    assert paragraphs_and_runs
    unresolved = [r.text for p, r in paragraphs_and_runs if None in effective_run_format(document, p, r)]
    assert unresolved == []

    def font_and_size(paragraph):
        return effective_run_format(document, paragraph, paragraph.runs[0])

    paras = {p.text: p for p in document.paragraphs}
    assert font_and_size(document.paragraphs[0]) == ("方正小标宋简体", 22)
    assert font_and_size(paras["一、总体情况"]) == ("黑体", 16)
    sub = next(p for p in document.paragraphs if p.text.startswith("（一）"))
    assert effective_run_format(document, sub, sub.runs[0])[0] == "楷体_GB2312"
    assert sub.runs[0].text == "（一）主动公开情况。"
    body_para = paras["本年度未发出收费通知，未收取信息处理费。"]
    assert font_and_size(body_para) == ("仿宋_GB2312", 16)
    pf = body_para.style.base_style.paragraph_format
    assert round(pf.line_spacing.pt, 2) == 28.95
    assert body_para.style.element.find(f"{W}pPr/{W}ind").get(f"{W}firstLineChars") == "200"
    # tables: 五号, every row kept whole on a page
    for table in document.tables:
        for row in table.rows:
            assert row._tr.find(f"{W}trPr/{W}cantSplit") is not None
        cell_paragraph = table.cell(0, 0).paragraphs[0]
        assert effective_run_format(document, cell_paragraph, cell_paragraph.runs[0])[1] == 10.5
    assert body.find(f"{W}sectPr/{W}docGrid").get(f"{W}linePitch") == "579"  # 22 lines


def test_page_numbers_right_on_odd_pages_left_on_even_pages(tmp_path):
    """GB/T 9704 7.5: "— 1 —" in 四号 half-width digits, one character in from the outer edge."""
    out = tmp_path / "out.docx"
    render(prose_report("xingfu-2023"), out)
    document = docx.Document(str(out))
    sec = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    for footer, side, align in ((sec.footer, "right", "right"), (sec.even_page_footer, "left", "left")):
        p = footer.paragraphs[0]
        assert "PAGE" in "".join(t.text for t in footer._element.iter(f"{W}instrText"))
        shown = "".join(t.text or "" for t in footer._element.iter(f"{W}t"))
        assert shown == "— 1 —"  # the field's cached number between dashes
        jc = p._p.find(f"{W}pPr/{W}jc")
        style_jc = p.style.element.find(f"{W}pPr/{W}jc")
        assert (jc if jc is not None else style_jc).get(f"{W}val") == align
        ind = p._p.find(f"{W}pPr/{W}ind")
        assert ind.get(f"{W}{side}Chars") == "100"
        assert effective_run_format(document, p, p.runs[0]) == ("宋体", 14)


def test_signature_organ_is_centred_over_the_date(tmp_path):
    out = tmp_path / "out.docx"
    report = prose_report("huashu-2023")
    render(report, out)
    document = docx.Document(str(out))
    organ, date = document.paragraphs[-2:]
    assert (organ.text.strip(), date.text) == (report.organ, f"{report.year + 1}年1月20日")
    # the date ends four characters from the right; the organ is centred on a tab stop over it
    assert date._p.find(f"{W}pPr/{W}ind").get(f"{W}rightChars") == "400"
    assert date._p.find(f"{W}pPr/{W}jc").get(f"{W}val") == "right"
    tab = organ._p.find(f"{W}pPr/{W}tabs/{W}tab")
    assert tab.get(f"{W}val") == "center"
    text_width = 8844
    four_chars, date_chars = 4 * 315, len(date.text) - sum(c.isdigit() for c in date.text) / 2
    date_centre = text_width - four_chars - date_chars * 315 / 2
    assert abs(int(tab.get(f"{W}pos")) - date_centre) < 315 / 2  # within half a character
    assert organ.style.name == date.style.name == "落款"


def test_label_columns_are_not_squeezed(tmp_path):
    """Each label column is wide enough for several characters per line (not 1 per line)."""
    out = tmp_path / "out.docx"
    render(prose_report("xingfu-2023"), out)
    table = docx_tables(out)["requests"]
    widths = [int(c.get(f"{W}w")) for c in table._tbl.tblGrid.findall(f"{W}gridCol")]
    assert sum(widths) == 8844  # the type area: 210 − 28 − 26 mm
    char = 10.5 * 20  # one 五号 character in twips
    margins = 2 * 57
    assert all((w - margins) // char >= 2 for w in widths)
    assert (widths[2] - margins) // char >= 10  # the long row labels: ten characters a line


def test_output_is_written_atomically(tmp_path):
    out = tmp_path / "out.docx"
    out.write_bytes(b"old content")
    with pytest.raises(RenderFailed) as err:
        render(prose_report("xingfu-2023"), out, template=tmp_path / "missing.docx")
    assert "模板文件不存在" in str(err.value)
    assert out.read_bytes() == b"old content"
    render(prose_report("xingfu-2023"), out)
    assert zipfile.is_zipfile(out)
    assert [p for p in os.listdir(tmp_path) if p.endswith(".tmp")] == []


def test_unwritable_destination_is_a_chinese_error(tmp_path):
    with pytest.raises(RenderFailed) as err:
        render(prose_report("xingfu-2023"), tmp_path / "no-such-folder" / "out.docx")
    assert "文件夹不存在" in str(err.value)
    blocked = tmp_path / "out.docx"
    blocked.mkdir()  # a folder where the file should go: the final rename fails, even as root
    with pytest.raises(RenderFailed) as err:
        render(prose_report("xingfu-2023"), blocked)
    assert "无法写入 Word 文件" in str(err.value)
    assert blocked.is_dir() and list(blocked.iterdir()) == []
    assert [p for p in os.listdir(tmp_path) if p.endswith(".tmp")] == []


def test_unknown_suffix_is_refused(tmp_path):
    with pytest.raises(RenderFailed) as err:
        render(prose_report("xingfu-2023"), tmp_path / "out.odt")
    assert "不支持输出为“.odt”" in str(err.value)
    assert not (tmp_path / "out.odt").exists()
