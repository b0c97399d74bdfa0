"""Reading a rendered PDF as the publishing office does: every character, page numbers, title, table 三.

Independent of the importers: text via pdftotext / pdfplumber, positions from pdfplumber.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber

from composer import schema
from composer.render.context import build_context
from composer.render.title_layout import title_lines
from composer.report import Report

ROOT = Path(__file__).resolve().parents[2]
PAGE_IMAGES = ROOT / "out" / "page-images"  # git-ignored: PNGs of each rendered sample, for a look
_PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")
_SPACE = re.compile(r"\s+")
MM = 72 / 25.4


def pdf_text(pdf: Path) -> str:
    """All text, whitespace and page numbers removed (a paragraph over a page break reads on)."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return _SPACE.sub("", _PAGE_NUMBER.sub("", text))


def plumber_text(pdf_path: Path) -> str:
    """All text as pdfplumber reads it (pdftotext drops a hyphen at a line's end: "0517-" + "83605210")."""
    with pdfplumber.open(pdf_path) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    return _SPACE.sub("", _PAGE_NUMBER.sub("", text))


def missing_text(report: Report, pdf: Path) -> list[str]:
    """Paragraphs of the report (title, preamble, sections, signature) not found whole in the PDF."""
    context = build_context(report)
    text = plumber_text(pdf)
    wanted = [context["title"], context["signature"]["organ"], context["signature"]["date"]]
    wanted += [p["text"] for p in context["preamble"]]
    wanted += [p["text"] for key in context["sections"] for p in context["sections"][key]]
    return [w for w in wanted if w and _SPACE.sub("", w) not in text]


def page_number_problems(pdf_path: Path) -> list[str]:
    """GB/T 9704: "— N —" right on odd pages, left on even pages, one 四号 character in from the edge."""
    problems = []
    with pdfplumber.open(pdf_path) as pdf:
        for i, page in enumerate(pdf.pages, start=1):
            lines: dict[int, list[dict]] = {}
            for ch in page.chars:
                if ch["top"] > page.height - 35 * MM:  # below the type area
                    lines.setdefault(round(ch["top"]), []).append(ch)
            found = [cs for cs in lines.values() if _PAGE_NUMBER.fullmatch("".join(c["text"] for c in cs))]
            if not found:
                problems.append(f"page {i}: no page number")
                continue
            chars = found[0]
            number = int(re.sub(r"\D", "", "".join(c["text"] for c in chars)))
            left, right = min(c["x0"] for c in chars), max(c["x1"] for c in chars)
            one_char = 14  # 四号
            if number != i:
                problems.append(f"page {i}: numbered {number}")
            if i % 2:
                edge = page.width - 26 * MM - one_char
                if abs(right - edge) > 4:
                    problems.append(f"page {i}: number ends at {right:.1f}, not {edge:.1f} (right, one character in)")
            else:
                edge = 28 * MM + one_char
                if abs(left - edge) > 4:
                    problems.append(f"page {i}: number starts at {left:.1f}, not {edge:.1f} (left, one character in)")
    return problems


def printed_title_lines(pdf_path: Path) -> list[str]:
    """The title's lines as printed on page 1 (the characters in the title's size)."""
    with pdfplumber.open(pdf_path) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["size"] > 20 and c["text"].strip()]
    lines: dict[int, list[dict]] = {}
    for c in chars:
        lines.setdefault(round(c["top"] / 4), []).append(c)
    return ["".join(c["text"] for c in sorted(cs, key=lambda c: c["x0"])) for _, cs in sorted(lines.items())]


def title_problems(report: Report, pdf_path: Path) -> list[str]:
    title = build_context(report)["title"]
    printed = [_SPACE.sub("", line) for line in printed_title_lines(pdf_path)]
    wanted = [_SPACE.sub("", line) for line in title_lines(title)]
    return [] if printed == wanted else [f"title printed as {printed}, expected {wanted}"]


def group_label_problems(pdf_path: Path) -> list[str]:
    """Table 三: each merged group label, and every row of its group, on one page.

    A label cut by a page break ("（三）不 / 予公开") is never found whole; a group whose rows
    continue on the next page leaves that page's group column blank.
    """
    lay = schema.layout("requests")
    labels = [c for c in lay.cells if c.role == "label"]
    groups = [c for c in labels if c.rowspan > 1]
    pages: list[set[str]] = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            cells = set()
            for table in page.find_tables():
                for row in table.extract():
                    cells.update(_SPACE.sub("", c) for c in row if c)
            pages.append(cells)
    problems = []
    for group in groups:
        name = _SPACE.sub("", group.text)
        where = [i for i, cells in enumerate(pages) if name in cells]
        if len(where) != 1:
            problems.append(f"group label {group.text!r} found whole on pages {[i + 1 for i in where]}")
            continue
        members = [_SPACE.sub("", c.text) for c in labels
                   if group.row <= c.row < group.row + group.rowspan and c.col > group.col]
        away = [m for m in members if m not in pages[where[0]]]
        if away:
            problems.append(f"rows of {group.text!r} not on its page {where[0] + 1}: {away}")
    return problems


def save_page_images(pdf_path: Path, name: str) -> Path | None:
    """PNGs of every page under out/page-images/NAME/ (pdftoppm), for a person to look at."""
    if shutil.which("pdftoppm") is None:
        return None
    folder = PAGE_IMAGES / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf_path), str(folder / "page")], check=True)
    return folder
