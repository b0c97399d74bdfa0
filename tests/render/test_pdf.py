"""PDF through real LibreOffice, and the message when it is not installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from composer import schema
from composer.errors import PdfConverterMissing, RenderFailed
from composer.importers import import_file
from composer.office_suite import find_soffice
from composer.render import render
from composer.report import load_report
from tests.factories import SAMPLE_NAMES
from tests.render.helpers import prose_report
from tests.render.pdf_checks import (
    PAGE_IMAGES,
    group_label_problems,
    missing_text,
    page_number_problems,
    pdf_text,
    save_page_images,
    title_problems,
)


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
    with pytest.raises(PdfConverterMissing) as err:
        render(prose_report("xingfu-2023"), out)
    assert "请安装 LibreOffice" in str(err.value)
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


# ---------------------------------------------------------------- what the publishing office checks


PUNCTUATION = "，、；"


@pytest.mark.slow
def test_punctuation_at_every_position_of_a_line_is_printed(tmp_path):
    """"，" "、" "；" at each of 60 positions (so at every column of a first and a second line)
    are all in the PDF: LibreOffice drops a hanging one from a justified line unless told not to."""
    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    report = prose_report("xingfu-2023")
    paragraphs = ["文" * k + mark + "字" * (62 - k) for mark in PUNCTUATION for k in range(60)]
    report.preamble = "\n".join([*paragraphs, "格" * 2000])  # and one paragraph over several full pages
    out = tmp_path / "punct.pdf"
    render(report, out)
    text = pdf_text(out)
    lost = [p for p in paragraphs if p not in text]
    assert lost == [], f"{len(lost)} paragraphs lost a character, e.g. {lost[:2]}"
    # and the grid: 28 characters on a full line, 22 lines on a page full of text
    with pdfplumber.open(out) as pdf:
        widths, heights = set(), []
        for page in pdf.pages:
            rows: dict[int, int] = {}
            for c in page.chars:
                if c["text"] in "文字格" + PUNCTUATION:
                    rows[round(c["top"])] = rows.get(round(c["top"]), 0) + 1
            widths.update(rows.values())
            if all(c["text"] == "格" for c in page.chars if c["size"] == 16):
                heights.append(len(rows))  # a page of the long paragraph only
    assert max(widths) == 28, sorted(widths)
    assert len(heights) >= 3 and set(heights[:-1]) == {22}, heights  # the last holds its end


def _samples_and_drafts():
    from composer.importers.carry_forward import carry_forward

    for name in SAMPLE_NAMES:
        report = prose_report(name)
        yield name, report
        draft = carry_forward(report)
        draft.preamble, draft.sections = report.preamble, dict(report.sections)
        yield f"{name}-draft", draft


@pytest.mark.slow
def test_samples_and_drafts_print_every_character_numbered_titled_and_with_whole_table_labels(tmp_path):
    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    problems = {}
    for name, report in _samples_and_drafts():
        out = tmp_path / f"{name}.pdf"
        render(report, out)
        save_page_images(out, name)
        found = (missing_text(report, out) + page_number_problems(out) + title_problems(report, out) +
                 group_label_problems(out))
        if found:
            problems[name] = found
    assert problems == {}, f"{problems} (page images in {PAGE_IMAGES})"


REAL_WORLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "real-world"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["huaian-2024", "hongze-2023", "hongze-2024"])
def test_real_world_reports_render_completely(tmp_path, name):
    source = REAL_WORLD / f"{name}.pdf"
    if not source.is_file():
        pytest.skip(f"real-world reports are not beside the checkout ({REAL_WORLD.resolve()})")
    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    imported = tmp_path / f"{name}.json"
    done = subprocess.run([sys.executable, "-m", "composer", "import", str(source), "-o", str(imported)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    report = load_report(imported)
    out = tmp_path / f"{name}.pdf"
    render(report, out)
    save_page_images(out, name)
    problems = (missing_text(report, out) + page_number_problems(out) + title_problems(report, out) +
                group_label_problems(out))
    assert problems == [], f"{problems} (page images in {PAGE_IMAGES})"
