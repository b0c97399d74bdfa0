"""PDF files with a text layer (as the portal publishes them), read with pdfplumber.

Tables are found by their ruling lines; the text outside them is put back into
paragraphs by indentation and line length (a PDF only knows printed lines). A table row
that a page break cut in two is joined again. A PDF with no text (a scan) is refused:
reading numbers off an image would be guessing.
"""

from __future__ import annotations

import re
import statistics

from ..errors import EncryptedDocument, NotAReport, ScannedPdf
from .blocks import Block, Table, cell_text, join_pdf_spaces
from .limits import MAX_PDF_BYTES, MAX_PDF_PAGES, check_size
from .tables import is_value_text

SCANNED = "该PDF为扫描件，无法识别文字，请使用Word版本"
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d{1,4}\s*(页)?\s*([/／共]\s*\d{1,4}\s*页?)?[-—–\s]*$")


def _inside(obj: dict, bbox: tuple[float, float, float, float]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _joins(prev_row: list[str | None], row: list[str | None]) -> bool:
    """Is ``row`` (first on a page) the rest of ``prev_row`` (last on the page before)?"""
    if len(prev_row) != len(row) or not any(row):
        return False
    value_at = [i for i, c in enumerate(prev_row) if c and is_value_text(c)]
    return bool(value_at) and all(not row[i] for i in value_at) and \
        not any(c and is_value_text(c) for c in row)


class _Paragraphs:
    """Printed lines back into paragraphs."""

    def __init__(self, lines: list[dict]):
        lefts = [round(line["x0"]) for line in lines]
        rights = sorted(line["x1"] for line in lines)
        sizes = [line["bottom"] - line["top"] for line in lines]
        self.left = statistics.mode(lefts) if lefts else 0
        self.right = rights[int(len(rights) * 0.9)] if rights else 0
        self.size = statistics.median(sizes) if sizes else 10

    def starts_paragraph(self, line: dict, prev: dict | None) -> bool:
        if prev is None:
            return True
        height, prev_height = line["bottom"] - line["top"], prev["bottom"] - prev["top"]
        if height > 1.15 * self.size and abs(height - prev_height) < 1:
            return False  # a title in large type, wrapped over lines
        if line["x0"] > self.left + 0.8 * self.size:
            return True  # indented first line, or centred / right-aligned
        return prev["x1"] < self.right - 1.5 * self.size  # the line before ended short


def pdf_blocks(path: str) -> list[Block]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    check_size(path, MAX_PDF_BYTES, "PDF")
    events: list[tuple[str, object]] = []  # ("line", line) | ("table", rows) | ("page", None)
    chars = images = 0
    try:
        with pdfplumber.open(path, pages=list(range(1, MAX_PDF_PAGES + 1))) as pdf:
            for page in pdf.pages:
                tables = page.find_tables()
                boxes = [t.bbox for t in tables]
                chars += len(page.chars)
                images += len(page.images)
                text_page = page.filter(lambda o, boxes=boxes: o.get("object_type") != "char" or
                                        not any(_inside(o, b) for b in boxes))
                items = [(line["top"], 0, "line", line) for line in text_page.extract_text_lines()
                         if not _PAGE_NUMBER.match(line["text"])]
                items += [(t.bbox[1], 1, "table", t.extract()) for t in tables]
                events.append(("page", None))
                events.extend((kind, payload) for _, _, kind, payload in sorted(items, key=lambda x: x[:2]))
                page.close()
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise EncryptedDocument("该PDF已加密，无法读取，请使用Word版本或未加密的PDF") from None
    if chars == 0:
        raise ScannedPdf(SCANNED) if images else NotAReport("该PDF中没有文字，无法识别，请使用Word版本")
    lines = [p for kind, p in events if kind == "line"]
    para = _Paragraphs(lines)  # type: ignore[arg-type]
    blocks: list[Block] = []
    prev_line: dict | None = None
    page_start = False
    for kind, payload in events:
        if kind == "page":
            page_start = True
            continue
        if kind == "table":
            # None marks a place a merged cell covers: left out, as in HTML; "" is an empty cell.
            rows = [[cell_text(c) if c is not None else None for c in row]
                    for row in payload]  # type: ignore[union-attr]
            last = blocks[-1] if blocks else None
            if page_start and isinstance(last, Table) and last.rows and rows and _joins(last.rows[-1], rows[0]):
                last.rows[-1] = [None if a is None and b is None else (a or "") + (b or "")
                                 for a, b in zip(last.rows[-1], rows[0])]
                rows = rows[1:]
            if isinstance(last, Table) and page_start:
                last.rows.extend(rows)
            else:
                blocks.append(Table(rows))
            prev_line, page_start = None, False
            continue
        line: dict = payload  # type: ignore[assignment]
        text = join_pdf_spaces(line["text"]).strip()
        if not text:
            continue
        if isinstance(blocks[-1] if blocks else None, str) and not para.starts_paragraph(line, prev_line):
            blocks[-1] = blocks[-1] + text  # type: ignore[operator]
        else:
            blocks.append(text)
        prev_line, page_start = line, False
    for block in blocks:
        if isinstance(block, Table):
            block.rows = [[c for c in row if c is not None] for row in block.rows]
    return blocks
