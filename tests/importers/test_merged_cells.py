"""Value cells that a clerk merged in Word, and cells holding two numbers.

Merging the cells holding "1" and "2" leaves "1" and "2" as two paragraphs of one cell:
no number can be told for either cell, so both are blank with a note naming them. The
merges of the official layout (label cells, table 二's one value across three columns)
are read as before.
"""

from __future__ import annotations

import copy

from lxml import etree

from composer import schema
from composer.importers import import_file
from tests.factories import SAMPLES
from tests.importers.helpers import docx_variant, row_of, tables, texts, w
from tests.importers.test_docx import cells_equal_expected, requests_table

SRC = SAMPLES / "xingfu-2023.docx"

REPEATED = "tables.requests.results.not_processed.repeated"
PUBLICATIONS = "tables.requests.results.not_processed.publication"


def tc_pr(tc: etree._Element) -> etree._Element:
    pr = tc.find(w("tcPr"))
    if pr is None:
        pr = etree.Element(w("tcPr"))
        tc.insert(0, pr)
    return pr


def set_paragraphs(tc: etree._Element, lines: list[str]) -> None:
    """The cell's content replaced by one paragraph per line, as Word leaves a merged cell."""
    for p in tc.findall(w("p")):
        tc.remove(p)
    for line in lines:
        p = etree.SubElement(tc, w("p"))
        if line:
            etree.SubElement(etree.SubElement(p, w("r")), w("t")).text = line


def value_tcs(tr: etree._Element) -> list[etree._Element]:
    """The seven value cells of a row of table 三 (the last seven)."""
    return tr.findall(w("tc"))[-len(schema.REQUESTS_COLUMNS):]


def merge_repeated_into_publication(tbl) -> None:
    """A clerk's Word merge of 自然人 of 2.重复申请 with the cell below, holding "1" and "2"."""
    top = value_tcs(row_of(tbl, "2.重复申请"))[0]
    below = value_tcs(row_of(tbl, "3.要求提供公开出版物"))[0]
    etree.SubElement(tc_pr(top), w("vMerge")).set(w("val"), "restart")
    set_paragraphs(top, ["1", "2"])
    etree.SubElement(tc_pr(below), w("vMerge"))
    set_paragraphs(below, [""])


def test_value_cells_merged_down_are_blank_with_a_note(tmp_path):
    def merge(body):
        merge_repeated_into_publication(requests_table(body))

    result = import_file(docx_variant(SRC, tmp_path / "vmerge.docx", merge))
    cells = result.report.cells
    assert cells[f"{REPEATED}.natural"] is None
    assert cells[f"{PUBLICATIONS}.natural"] is None
    assert cells_equal_expected(result.report, except_paths=(f"{REPEATED}.natural", f"{PUBLICATIONS}.natural")) == {}
    assert result.notes == [
        "表三 三（五）2.重复申请 · 自然人：单元格与下一行合并，无法确定数值，已留空",
        "表三 三（五）3.要求提供公开出版物 · 自然人：单元格与上一行合并，无法确定数值，已留空",
    ]


def test_a_merge_down_over_three_rows_names_every_cell(tmp_path):
    def merge(body):
        tbl = requests_table(body)
        rows = [row_of(tbl, label) for label in ("1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物")]
        cells = [value_tcs(tr)[6] for tr in rows]  # 总计
        etree.SubElement(tc_pr(cells[0]), w("vMerge")).set(w("val"), "restart")
        set_paragraphs(cells[0], ["0", "0", "0"])
        for tc in cells[1:]:
            etree.SubElement(tc_pr(tc), w("vMerge")).set(w("val"), "continue")
            set_paragraphs(tc, [""])

    result = import_file(docx_variant(SRC, tmp_path / "vmerge3.docx", merge))
    base = "tables.requests.results.not_processed"
    paths = [f"{base}.{row}.total" for row in ("petition", "repeated", "publication")]
    assert [result.report.cells[p] for p in paths] == [None, None, None]
    assert [schema.cell_name(p) for p in paths] == [n.split("：")[0] for n in result.notes]
    assert cells_equal_expected(result.report, except_paths=paths) == {}


def test_value_cells_merged_across_are_blank_with_a_note_and_the_row_is_read(tmp_path):
    def merge(body):
        tr = row_of(requests_table(body), "2.重复申请")
        left, right = value_tcs(tr)[1:3]  # 商业企业, 科研机构
        etree.SubElement(tc_pr(left), w("gridSpan")).set(w("val"), "2")
        set_paragraphs(left, ["1", "2"])
        tr.remove(right)

    result = import_file(docx_variant(SRC, tmp_path / "hmerge.docx", merge))
    merged = (f"{REPEATED}.business", f"{REPEATED}.research")
    assert [result.report.cells[p] for p in merged] == [None, None]
    assert cells_equal_expected(result.report, except_paths=merged) == {}
    assert result.report.cells[f"{REPEATED}.natural"] == 0  # the rest of the row is read
    assert result.notes == [
        "表三 三（五）2.重复申请 · 商业企业：单元格与右侧一格合并，无法确定数值，已留空",
        "表三 三（五）2.重复申请 · 科研机构：单元格与左侧一格合并，无法确定数值，已留空",
    ]


def test_a_legacy_horizontal_merge_is_read_the_same_way(tmp_path):
    def merge(body):
        tr = row_of(requests_table(body), "2.重复申请")
        left, right = value_tcs(tr)[1:3]
        etree.SubElement(tc_pr(left), w("hMerge")).set(w("val"), "restart")
        set_paragraphs(left, ["3"])
        etree.SubElement(tc_pr(right), w("hMerge"))
        set_paragraphs(right, [""])

    result = import_file(docx_variant(SRC, tmp_path / "hmerge-legacy.docx", merge))
    assert result.report.cells[f"{REPEATED}.business"] is None
    assert result.report.cells[f"{REPEATED}.research"] is None
    assert [n.split("：")[0] for n in result.notes] == [
        "表三 三（五）2.重复申请 · 商业企业", "表三 三（五）2.重复申请 · 科研机构"]


def test_two_numbers_in_one_cell_are_blank_with_a_note(tmp_path):
    def two_numbers(body):
        tbl = requests_table(body)
        set_paragraphs(value_tcs(row_of(tbl, "2.重复申请"))[0], ["1", "2"])  # two lines
        set_paragraphs(value_tcs(row_of(tbl, "3.要求提供公开出版物"))[0], ["1 2"])
        set_paragraphs(value_tcs(row_of(tbl, "4.无正当理由大量反复申请"))[0], ["１　２"])  # full-width

    result = import_file(docx_variant(SRC, tmp_path / "two.docx", two_numbers))
    base = "tables.requests.results.not_processed"
    paths = [f"{base}.{row}.natural" for row in ("repeated", "publication", "excessive")]
    assert [result.report.cells[p] for p in paths] == [None, None, None]
    assert cells_equal_expected(result.report, except_paths=paths) == {}
    assert len(result.notes) == 3
    for path, note, shown in zip(paths, result.notes, ("1 2", "1 2", "１ ２")):
        assert note.startswith(f"{schema.cell_name(path)}：“{shown}”")
        assert "无法确定" in note and note.endswith("已留空") and "\n" not in note


def test_single_value_rows_of_table_two_merged_with_each_other_are_blank(tmp_path):
    def merge(body):
        tbl = next(t for t in tables(body) if "行政处罚" in texts(t))
        top = row_of(tbl, "行政处罚").findall(w("tc"))[-1]
        below = row_of(tbl, "行政强制").findall(w("tc"))[-1]
        etree.SubElement(tc_pr(top), w("vMerge")).set(w("val"), "restart")
        set_paragraphs(top, ["0"])
        etree.SubElement(tc_pr(below), w("vMerge"))
        set_paragraphs(below, [""])

    result = import_file(docx_variant(SRC, tmp_path / "active.docx", merge))
    assert result.report.cells["tables.active.punishment"] is None
    assert result.report.cells["tables.active.coercion"] is None
    assert result.notes == ["表二 行政处罚：单元格与下一行合并，无法确定数值，已留空",
                            "表二 行政强制：单元格与上一行合并，无法确定数值，已留空"]


def test_the_official_merges_are_read_without_notes(tmp_path):
    """The sample merges label cells down and across, and table 二's single values across three
    columns; a table drawn unevenly gives every value cell of a row a gridSpan of 2."""
    def uneven(body):
        tbl = requests_table(body)
        assert any(tc.find(f"{w('tcPr')}/{w('vMerge')}") is not None for tc in tbl.iter(w("tc")))
        for tc in value_tcs(row_of(tbl, "2.重复申请")):
            etree.SubElement(tc_pr(tc), w("gridSpan")).set(w("val"), "2")

    result = import_file(docx_variant(SRC, tmp_path / "uneven.docx", uneven))
    assert cells_equal_expected(result.report) == {}
    assert result.notes == []


def test_a_merge_that_does_not_fit_the_row_leaves_the_row_blank_with_a_note(tmp_path):
    def merge(body):
        tr = row_of(requests_table(body), "2.重复申请")
        left, right = value_tcs(tr)[1:3]
        etree.SubElement(tc_pr(left), w("gridSpan")).set(w("val"), "3")  # three columns for two cells
        tr.remove(right)

    result = import_file(docx_variant(SRC, tmp_path / "odd.docx", merge))
    assert all(result.report.cells[f"{REPEATED}.{c.key}"] is None for c in schema.REQUESTS_COLUMNS)
    assert result.notes == ["表三 三（五）2.重复申请：只识别到6个数，应为7个，该行已留空"]


def test_a_table_split_and_merged_keeps_the_merge_notes(tmp_path):
    """A copy of the table (a repeated page) does not hide the merge."""
    def merge(body):
        tbl = requests_table(body)
        merge_repeated_into_publication(tbl)
        tbl.addnext(copy.deepcopy(tbl))

    result = import_file(docx_variant(SRC, tmp_path / "twice.docx", merge))
    assert result.report.cells[f"{REPEATED}.natural"] is None
    assert len(result.notes) == 2 and all("合并" in n for n in result.notes)
