"""PDF: scans refused, long files capped, LibreOffice-made PDFs of real reports and variants read."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from composer import schema
from composer.errors import NotAReport, ScannedPdf
from composer.importers import import_file
from composer.importers.pdf import SCANNED
from composer.office_suite import find_soffice
from tests.factories import SAMPLES, sample_report
from tests.importers.helpers import docx_variant, make_pdf, row_of, tables, texts, w


def test_a_scanned_pdf_is_refused(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf(["", ""], image_only=True))
    with pytest.raises(ScannedPdf) as err:
        import_file(path)
    assert err.value.message == SCANNED


def test_a_500_page_pdf_is_read_only_up_to_the_cap(tmp_path, monkeypatch):
    from composer.importers import pdf
    from composer.importers.limits import MAX_PDF_PAGES

    pages_read = []
    assemble = pdf._assemble

    def counting(events):
        pages_read.append(sum(1 for kind, _ in events if kind == "page"))
        return assemble(events)

    monkeypatch.setattr(pdf, "_assemble", counting)
    path = tmp_path / "long.pdf"
    path.write_bytes(make_pdf([f"Page {i} of a long manual" for i in range(500)]))
    with pytest.raises(NotAReport):
        import_file(path)
    assert pages_read == [MAX_PDF_PAGES]


def test_a_text_pdf_without_a_report(tmp_path):
    path = tmp_path / "memo.pdf"
    path.write_bytes(make_pdf(["Meeting notes"]))
    with pytest.raises(NotAReport):
        import_file(path)


def _to_pdf(docx_path, out_dir):
    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    subprocess.run([soffice, f"-env:UserInstallation={(out_dir / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out_dir), str(docx_path)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180, check=True)
    return out_dir / (docx_path.stem + ".pdf")


@pytest.mark.slow
def test_lost_cell_and_full_width_digits_in_a_pdf(tmp_path):
    def mutate(body):
        tbl = next(t for t in tables(body) if "申请人情况" in texts(t))
        for t in tbl.iter(w("t")):
            if t.text and t.text.strip().isdigit():
                t.text = t.text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        tr = row_of(tbl, "二、上年结转")
        tr.remove(tr.findall(w("tc"))[2])

    pdf = _to_pdf(docx_variant(SAMPLES / "xingfu-2023.docx", tmp_path / "variant.docx", mutate), tmp_path)
    result = import_file(pdf)
    row = [schema.requests_path("carried_over", c.key) for c in schema.REQUESTS_COLUMNS]
    assert all(result.report.cells[p] is None for p in row)
    assert result.notes == ["表三 二、上年结转政府信息公开申请数量：只识别到6个数，应为7个，该行已留空"]
    expected = sample_report("xingfu-2023")
    assert {p: v for p, v in result.report.cells.items() if p not in row} == \
        {p: v for p, v in expected.cells.items() if p not in row}


@pytest.mark.slow
def test_doc_and_wps_through_libreoffice(tmp_path):
    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(SAMPLES / "huashu-2023.docx")],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180, check=True)
    doc = tmp_path / "huashu-2023.doc"
    wps = tmp_path / "桦树镇 年报.wps"
    shutil.copyfile(doc, wps)
    for path in (doc, wps):
        result = import_file(path)
        assert result.report.cells == sample_report("huashu-2023").cells
        assert result.report.signature_date == "2024-01-19"
        assert result.notes == []


def _char(text, x0, top, size=10):
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": top + size}


class _FakeRow:
    def __init__(self, cells):
        self.cells = cells
        present = [c for c in cells if c]
        self.bbox = (min(c[0] for c in present), min(c[1] for c in present),
                     max(c[2] for c in present), max(c[3] for c in present))


class _FakeTable:
    """pdfplumber's view of a two-column table whose top-left cell lost its left ruling line."""

    def __init__(self):
        self.cells = [(100, 0, 200, 20), (0, 20, 100, 40), (100, 20, 200, 40)]
        self.bbox = (0, 0, 200, 40)
        self.rows = [_FakeRow([None, (100, 0, 200, 20)]),
                     _FakeRow([(0, 20, 100, 40), (100, 20, 200, 40)])]


def test_a_cell_that_lost_its_ruling_line_gets_its_text_back():
    from composer.importers.pdf import _lost_chars, _recover_lost_cells

    chars = [_char(c, 10 + 10 * i, 5) for i, c in enumerate("信息内容")]
    chars += [_char(c, 110 + 10 * i, 5) for i, c in enumerate("数量")]
    chars += [_char(c, 10 + 10 * i, 25) for i, c in enumerate("行政许可")] + [_char("5", 110, 25)]
    rows = [[None, "数量"], ["行政许可", "5"]]
    assert _lost_chars((0, 0, 200, 40), rows, chars) == 4
    rows = _recover_lost_cells(_FakeTable(), rows, chars)
    assert rows == [["信息内容", "数量"], ["行政许可", "5"]]
    assert _lost_chars((0, 0, 200, 40), rows, chars) == 0


def test_a_place_covered_by_a_merged_cell_stays_covered():
    from composer.importers.pdf import _recover_lost_cells

    table = _FakeTable()
    table.cells[0] = (0, 0, 200, 20)  # the title cell spans both columns
    table.rows[0] = _FakeRow([(0, 0, 200, 20), None])
    chars = [_char(c, 10 + 10 * i, 5) for i, c in enumerate("第二十条")]
    rows = _recover_lost_cells(table, [["第二十条", None], ["行政许可", "5"]], chars)
    assert rows[0] == ["第二十条", None]


def test_text_a_pdf_table_lost_is_an_import_note():
    from composer.importers.blocks import ReaderNote, Table
    from composer.importers.layout import read_blocks

    note = ReaderNote("PDF第3页的表格中有4个字未能归入单元格（表格线不完整），请对照原文核对该表")
    blocks = [note, "一、总体情况", "正文。", "二、主动公开政府信息情况", Table([["规章", "0", "0", "0"]])]
    result = read_blocks(blocks)
    assert result.notes[0] == note
    assert note not in result.report.preamble + "".join(result.report.sections.values())
