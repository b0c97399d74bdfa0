"""Web pages: portal pages around the report, rowspan/colspan tables, and their variants."""

from __future__ import annotations

import pytest

from composer import schema
from composer.importers import import_file
from tests.factories import SAMPLES, sample_report
from tests.importers.helpers import official_html, official_html_table

FULL = str.maketrans("0123456789", "０１２３４５６７８９")
ORGAN = "长春市南关区幸福乡人民政府"


@pytest.fixture(scope="module")
def xingfu():
    report = import_file(SAMPLES / "xingfu-2023.docx").report
    assert report.cells == sample_report("xingfu-2023").cells
    report.signature_organ = ORGAN
    return report


def write(tmp_path, html, name="page.html", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(html.encode(encoding))
    return path


def test_a_portal_page_imports_exactly(tmp_path, xingfu):
    result = import_file(write(tmp_path, official_html(xingfu)))
    r = result.report
    assert r.cells == xingfu.cells
    assert r.sections == xingfu.sections  # navigation before, footer after: neither in the text
    assert r.title == xingfu.title
    assert r.preamble == xingfu.preamble  # the portal's 发布时间 line is not part of it
    assert (r.signature_organ, r.signature_date) == (ORGAN, "2024-01-19")
    assert r.organ == ORGAN
    assert result.notes == []


def test_a_gbk_page(tmp_path, xingfu):
    html = official_html(xingfu).replace("<meta charset='utf-8'>", "<meta http-equiv='Content-Type' "
                                                                   "content='text/html; charset=gb2312'>")
    result = import_file(write(tmp_path, html, encoding="gb18030"))
    assert result.report.cells == xingfu.cells
    assert result.report.sections == xingfu.sections


def test_tables_split_at_a_page_break(tmp_path, xingfu):
    html = official_html(xingfu, tables_html={
        "requests": official_html_table(xingfu, "requests", split_after=12),
        "active": official_html_table(xingfu, "active", split_after=7),
        "review": official_html_table(xingfu, "review", split_after=2)})
    result = import_file(write(tmp_path, html))
    assert result.report.cells == xingfu.cells
    assert result.notes == []


def test_headers_broken_over_lines_and_full_width_digits(tmp_path, xingfu):
    html = official_html(xingfu, label=lambda t: t[:2] + "<br/>" + " ".join(t[2:]),
                         digits=lambda t: "&nbsp;" + t.translate(FULL))
    result = import_file(write(tmp_path, html))
    assert result.report.cells == xingfu.cells
    assert result.notes == []


def test_a_lost_cell_is_blank_and_noted(tmp_path, xingfu):
    result = import_file(write(tmp_path, official_html(xingfu, drop="tables.requests.new.business")))
    row = [schema.requests_path("new", c.key) for c in schema.REQUESTS_COLUMNS]
    assert all(result.report.cells[p] is None for p in row)
    assert result.notes == ["表三 一、本年新收政府信息公开申请数量：只识别到6个数，应为7个，该行已留空"]


def test_a_lost_single_value_of_table_two(tmp_path, xingfu):
    result = import_file(write(tmp_path, official_html(xingfu, drop="tables.active.licensing")))
    assert result.report.cells["tables.active.licensing"] is None
    assert result.report.cells["tables.active.punishment"] == 0


def test_a_broken_header_leaves_the_table_blank_with_a_note(tmp_path, xingfu):
    table = official_html_table(xingfu, "requests").replace("法律服务机构", "律所")
    result = import_file(write(tmp_path, official_html(xingfu, tables_html={"requests": table})))
    assert all(result.report.cells[c.path] is None for c in schema.CELLS if c.table == "requests")
    assert any("表头未能识别" in n for n in result.notes)
    assert result.report.cells["tables.active.rules.issued"] == 0  # the other tables are read


def test_word_saved_as_web_page_with_a_doc_suffix(tmp_path, xingfu):
    """Offices save "web pages" as .doc; the content decides, not the suffix."""
    result = import_file(write(tmp_path, official_html(xingfu, portal=False), name="报告.doc"))
    assert result.report.cells == xingfu.cells
