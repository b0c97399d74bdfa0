"""DOCX variants made from a real sample: split tables, broken headers, full-width digits,
lost cells, other numbering, columns in another order."""

from __future__ import annotations

import copy

import docx
import pytest

from composer import schema
from composer.errors import NotAReport
from composer.importers import import_file
from tests.factories import SAMPLES, sample_report
from tests.importers.helpers import docx_variant, paragraph, row_of, set_cell, tables, texts, w

SRC = SAMPLES / "xingfu-2023.docx"  # has a 1 in 自然人 and a blank 行政强制


def cells_equal_expected(report, name="xingfu-2023", except_paths=()):
    expected = sample_report(name)
    return {p: (report.cells[p], expected.cells[p]) for p in schema.CELL_PATHS
            if p not in except_paths and report.cells[p] != expected.cells[p]}


def requests_table(body):
    return next(t for t in tables(body) if "申请人情况" in texts(t))


def test_table_split_in_two_at_a_page_break(tmp_path):
    def split(body):
        tbl = requests_table(body)
        rows = tbl.findall(w("tr"))
        second = copy.deepcopy(tbl)
        for tr in second.findall(w("tr")):
            second.remove(tr)
        for tr in rows[14:]:
            second.append(tr)  # moves the row
        tbl.addnext(second)
        tbl.addnext(paragraph("", page_break=True))

    result = import_file(docx_variant(SRC, tmp_path / "split.docx", split))
    assert cells_equal_expected(result.report) == {}
    assert result.notes == []


def test_table_split_with_the_header_repeated(tmp_path):
    def split(body):
        tbl = requests_table(body)
        rows = tbl.findall(w("tr"))
        second = copy.deepcopy(tbl)
        for tr in second.findall(w("tr"))[3:]:
            second.remove(tr)  # keeps the three header rows
        for tr in rows[10:]:
            second.append(tr)
        tbl.addnext(second)

    result = import_file(docx_variant(SRC, tmp_path / "split.docx", split))
    assert cells_equal_expected(result.report) == {}


def test_full_width_digits_and_padding(tmp_path):
    def widen(body):
        for tbl in tables(body):
            for t in tbl.iter(w("t")):
                if t.text and t.text.strip().isdigit():
                    t.text = "\u3000" + t.text.translate(str.maketrans("0123456789", "０１２３４５６７８９")) + " "

    result = import_file(docx_variant(SRC, tmp_path / "wide.docx", widen))
    assert cells_equal_expected(result.report) == {}
    assert result.report.cells["tables.requests.new.natural"] == 1


def test_headers_broken_over_lines(tmp_path):
    def br(body):
        tbl = requests_table(body)
        for t in tbl.iter(w("t")):
            if t.text in ("商业企业", "自然人", "法律服务机构"):
                run = t.getparent()
                text = t.text
                t.text = text[:1]
                for ch in text[1:]:
                    run.append(copy.deepcopy(run.find(w("t"))))  # placeholder, replaced below
                    run[-1].tag = w("br")
                    run[-1].text = None
                    nt = copy.deepcopy(t)
                    nt.text = ch
                    run.append(nt)

    result = import_file(docx_variant(SRC, tmp_path / "br.docx", br))
    assert cells_equal_expected(result.report) == {}


def test_a_lost_cell_leaves_the_row_blank_with_a_note(tmp_path):
    def lose(body):
        tr = row_of(requests_table(body), "一、本年新收")
        tr.remove(tr.findall(w("tc"))[3])

    result = import_file(docx_variant(SRC, tmp_path / "lost.docx", lose))
    row = [schema.requests_path("new", c.key) for c in schema.REQUESTS_COLUMNS]
    assert all(result.report.cells[p] is None for p in row)
    assert "表三 一、本年新收政府信息公开申请数量：只识别到6个数，应为7个，该行已留空" in result.notes
    assert cells_equal_expected(result.report, except_paths=row) == {}


def test_text_in_a_value_cell_is_blank_with_a_note(tmp_path):
    def words(body):
        tr = row_of(requests_table(body), "2.重复申请")
        set_cell(tr.findall(w("tc"))[3], "无")  # after two covered cells and the label

    result = import_file(docx_variant(SRC, tmp_path / "wu.docx", words))
    path = "tables.requests.results.not_processed.repeated.natural"
    assert result.report.cells[path] is None
    assert any(n.startswith(f"{schema.cell_name(path)}：“无”不是数字") for n in result.notes), result.notes
    assert cells_equal_expected(result.report, except_paths=(path,)) == {}


def test_columns_are_found_by_label_not_position(tmp_path):
    """商业企业 and 科研机构 printed the other way round, values with them."""
    def swap(body):
        tbl = requests_table(body)
        for tr in tbl.findall(w("tr"))[2:]:
            tcs = tr.findall(w("tc"))
            a = 2 if "商业企业" in texts(tr) else len(tcs) - 7 + 1  # 商业企业's place in this row
            tcs[a].addprevious(tcs[a + 1])
        # give 商业企业 (now printed in the third value column) a number of its own
        new = row_of(tbl, "一、本年新收").findall(w("tc"))
        set_cell(new[3], "1")
        set_cell(new[7], "2")

    result = import_file(docx_variant(SRC, tmp_path / "swap.docx", swap))
    assert result.report.cells["tables.requests.new.business"] == 1
    assert result.report.cells["tables.requests.new.research"] == 0
    assert result.report.cells["tables.requests.new.total"] == 2


def test_rows_are_found_by_label_not_position(tmp_path):
    def move(body):
        tbl = requests_table(body)
        last = row_of(tbl, "四、结转下年度继续办理")
        set_cell(last.findall(w("tc"))[1], "3")
        row_of(tbl, "二、上年结转").addnext(last)

    result = import_file(docx_variant(SRC, tmp_path / "move.docx", move))
    assert result.report.cells["tables.requests.carried_forward.natural"] == 3
    assert result.report.cells["tables.requests.carried_over.natural"] == 0


@pytest.mark.parametrize("style", ["arabic", "paren", "dot", "hash"])
def test_headings_in_any_numbering(tmp_path, style):
    numerals = "一二三四五六"

    def renumber(body):
        for p in body.findall(w("p")):
            t = texts(p)
            for i, s in enumerate(schema.SECTIONS):
                if t == s.heading:
                    new = {"arabic": f"{i + 1}、{s.title}", "paren": f"（{numerals[i]}）{s.title}",
                           "dot": f"{i + 1}. {s.title}", "hash": f"# {s.heading}"}[style]
                    set_cell(p, new)

    result = import_file(docx_variant(SRC, tmp_path / "num.docx", renumber))
    expected = import_file(SRC).report
    assert result.report.sections == expected.sections
    assert result.notes == []


def test_a_missing_heading_is_noted(tmp_path):
    def drop(body):
        p = next(p for p in body.findall(w("p")) if texts(p) == "五、存在的主要问题及改进情况")
        body.remove(p)

    result = import_file(docx_variant(SRC, tmp_path / "drop.docx", drop))
    # The text of 五 now follows 四's table: the note says where it may have gone.
    assert result.notes == ["未找到“五、存在的主要问题及改进情况”的标题，该部分正文留空；"
                            "其内容可能并入了“四、政府信息公开行政复议、行政诉讼情况”，请核对"]
    assert result.report.sections["problems"] == ""
    assert cells_equal_expected(result.report) == {}


def test_a_2019_format_table_is_recognised(tmp_path):
    d = docx.Document()
    d.add_paragraph("2019年某某镇人民政府信息公开工作年度报告")
    for s in schema.SECTIONS:
        d.add_paragraph(s.heading)
        d.add_paragraph("本年度情况良好。")
        if s.key == "active":
            t = d.add_table(rows=3, cols=3)
            for r, (a, b, c) in enumerate([("统计指标", "单位", "统计数"), ("本年新制作数量", "条", "12"),
                                            ("本年新公开数量", "条", "10")]):
                t.cell(r, 0).text, t.cell(r, 1).text, t.cell(r, 2).text = a, b, c
    d.save(tmp_path / "old.docx")
    result = import_file(tmp_path / "old.docx")
    assert result.report.year == 2019
    assert all(v is None for v in result.report.cells.values())
    assert any("2019年旧版格式" in n for n in result.notes)
    assert result.report.sections["other"] == "本年度情况良好。"


def test_a_docx_without_a_report_fails_naming_what_is_missing(tmp_path):
    d = docx.Document()
    d.add_paragraph("关于召开2024年第一次党委会议的通知")
    d.add_paragraph("各村、各站所：定于1月5日召开会议。")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "姓名", "电话"
    d.save(tmp_path / "notice.docx")
    with pytest.raises(NotAReport) as err:
        import_file(tmp_path / "notice.docx")
    assert "一、总体情况" in str(err.value) and "表三" in str(err.value)
