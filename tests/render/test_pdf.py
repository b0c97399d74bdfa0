"""PDF through real LibreOffice, and the message when it is not installed."""

from __future__ import annotations

import subprocess

import pdfplumber
import pytest

from composer import schema
from composer.errors import RenderFailed
from composer.importers import import_file
from composer.office_suite import find_soffice
from composer.render import render
from tests.render.helpers import prose_report


@pytest.mark.slow
def test_pdf_has_pages_the_organ_and_distinct_faces(tmp_path):
    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    report = prose_report("huashu-2023")
    out = tmp_path / "out.pdf"
    render(report, out)
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) >= 2
        text = "".join((page.extract_text() or "") for page in pdf.pages).replace(" ", "").replace("\n", "")
        fonts = {c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars}
    assert report.organ in text
    for heading in ("一、总体情况", "三、收到和处理政府信息公开申请情况", "六、其他需要报告的事项"):
        assert heading in text
    assert "—1—" in text  # page number at the foot
    # fonts.conf maps 仿宋 and 黑体 to different faces: serif body, sans headings
    assert any("Serif" in f for f in fonts) and any("Sans" in f for f in fonts), fonts
    assert list(tmp_path.glob("*.tmp")) == []
    # and the PDF reads back: every cell, blanks included
    imported = import_file(out).report
    assert {p: imported.cells[p] for p in schema.CELL_PATHS} == report.cells
    assert imported.year == report.year


def test_without_libreoffice_the_message_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPOSER_SOFFICE", str(tmp_path / "no-soffice"))
    assert find_soffice() is None
    out = tmp_path / "out.pdf"
    with pytest.raises(RenderFailed) as err:
        render(prose_report("xingfu-2023"), out)
    assert "未找到 LibreOffice" in str(err.value) and "请安装 LibreOffice" in str(err.value)
    assert not out.exists()


def test_a_failing_converter_is_a_chinese_error(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho broken >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("COMPOSER_SOFFICE", str(fake))
    with pytest.raises(RenderFailed) as err:
        render(prose_report("xingfu-2023"), tmp_path / "out.pdf")
    assert "LibreOffice 未能生成 PDF" in str(err.value)
    assert not (tmp_path / "out.pdf").exists()


def test_a_hung_converter_is_stopped(tmp_path, monkeypatch):
    from composer.render import pdf

    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 60 &\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setenv("COMPOSER_SOFFICE", str(fake))
    monkeypatch.setattr(pdf, "TIMEOUT_SECONDS", 1)
    with pytest.raises(RenderFailed) as err:
        render(prose_report("xingfu-2023"), tmp_path / "out.pdf")
    assert "已停止" in str(err.value)
    leftover = subprocess.run(["pgrep", "-f", str(fake)], capture_output=True, text=True).stdout.split()
    assert leftover == []
