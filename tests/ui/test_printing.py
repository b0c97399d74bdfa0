"""打印: the rendered report (the render core's layout) on Qt's printer, as the preview shows it;
and the Word file handed to the office suite."""

import shutil
import subprocess
import unicodedata

import pytest

from composer.ui import printing

from .conftest import consistent_report


def test_print_output_is_the_rendered_report(qapp, tmp_path):
    report = consistent_report()
    report.sections["overview"] = "本年度共收到政府信息公开申请3件，均已按时答复。"
    out = printing.print_to_pdf(report, tmp_path / "打印.pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"/Type /Page" in data
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the PDF's text cannot be read back")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    # (poppler reads some glyphs of the CJK font back as Kangxi radicals: fold them, compare words without those)
    compact = unicodedata.normalize("NFKC", "".join(text.split()))
    assert "2025年测试乡" in compact and "政府信息公开工作年度报告" in compact
    assert "本年度共收到政府信息公开申请3件" in compact
    assert "本年新收政府信息公开申请数量" in compact  # table 三, as rendered


def test_office_printing_names_the_office_suite(tmp_path, monkeypatch):
    monkeypatch.setattr(printing, "find_soffice", lambda: "/opt/office/soffice")
    docx = tmp_path / "年度报告.docx"
    assert printing.office_print_command(docx) == ["/opt/office/soffice", "--headless", "-p", str(docx)]
    monkeypatch.setattr(printing, "find_soffice", lambda: None)
    assert printing.office_print_command(docx) is None
