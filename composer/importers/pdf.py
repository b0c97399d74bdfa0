"""PDF files with a text layer (as the portal publishes them), read with pdfplumber.

Tables are found by their ruling lines; the text outside them is put back into
paragraphs by indentation and line length (a PDF only knows printed lines). A table row
that a page break cut in two is joined again. A PDF with no text (a scan) is refused:
reading numbers off an image would be guessing.
"""

from __future__ import annotations

import re
import statistics
from typing import Any

from ..errors import ComposerError, EncryptedDocument, NotAReport, ScannedPdf, TooLarge
from .blocks import Block, ReaderNote, Table, cell_text, join_pdf_spaces, norm
from .limits import MAX_PDF_BYTES, MAX_PDF_CHARS, MAX_PDF_PAGES, bounded_pdf_streams, check_size
from .tables import is_value_text

SCANNED = "该PDF为扫描件，无法识别文字，请使用Word版本"
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d{1,4}\s*(页)?\s*([/／共]\s*\d{1,4}\s*页?)?[-—–\s]*$")


def _inside(obj: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    x: float = (obj["x0"] + obj["x1"]) / 2
    y: float = (obj["top"] + obj["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _joins(prev_row: list[str | None], row: list[str | None]) -> bool:
    """Is ``row`` (first on a page) the rest of ``prev_row`` (last on the page before)?"""
    if len(prev_row) != len(row) or not any(row):
        return False
    value_at = [i for i, c in enumerate(prev_row) if c and is_value_text(c)]
    return bool(value_at) and all(not row[i] for i in value_at) and \
        not any(c and is_value_text(c) for c in row)


def _not_background(obj: dict[str, Any]) -> bool:
    """False for a filled, unstroked rectangle that is not a ruling line: WPS draws one behind
    every text line (a white "highlight"), and taken for table cells it would swallow prose."""
    if obj.get("object_type") != "rect" or obj.get("stroke") or not obj.get("fill"):
        return True
    thickness: float = min(obj["x1"] - obj["x0"], obj["bottom"] - obj["top"])
    return thickness <= _RULE_WIDTH


_RULE_WIDTH = 2.5  # a filled rectangle thinner than this (pt) is a ruling line
# Printed labels of the three tables: a ruled region is a table only when it has some.
_TABLE_WORDS = tuple(norm(w) for w in (
    "信息内容", "本年制发件数", "本年处理决定数量", "第二十条", "行政许可", "行政处罚", "规章",
    "申请人情况", "自然人", "本年新收政府信息公开申请数量", "予以公开", "不予公开", "无法提供", "不予处理",
    "结转下年度继续办理", "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "尚未审结"))


def _table_shaped(rows: list[list[str | None]]) -> bool:
    """A ruled region read as a table only when it has the shape of one: several columns and
    the labels of an official table, or a real grid (three or more columns, rows of them)."""
    width = max((sum(1 for c in row if c is not None) for row in rows), default=0)
    if width < 2:
        return False  # one column: boxes drawn around prose
    words = "".join(norm(c or "") for row in rows for c in row)
    if any(w in words for w in _TABLE_WORDS):
        return True
    return width >= 3 and sum(1 for row in rows if sum(1 for c in row if c is not None) >= 3) >= 2


def _chars_in(box: tuple[float, float, float, float], chars: list[_Obj]) -> list[_Obj]:
    return [c for c in chars if c["text"].strip() and _inside(c, box)]


def _text_of(chars: list[_Obj]) -> str:
    """Characters as printed lines, top to bottom."""
    lines: list[list[_Obj]] = []
    for c in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and abs(c["top"] - lines[-1][0]["top"]) < 0.5 * (c["bottom"] - c["top"]):
            lines[-1].append(c)
        else:
            lines.append([c])
    return "\n".join("".join(c["text"] for c in sorted(line, key=lambda c: c["x0"])) for line in lines)


def _recover_lost_cells(table: Any, rows: _Rows, chars: list[_Obj]) -> _Rows:
    """Cells pdfplumber leaves out where a ruling line is missing (a cell's left edge at the top
    of a page): a place no cell covers that has text is given that text."""
    cells = table.cells
    xs = sorted({c[0] for c in cells})
    x_end = table.bbox[2]
    for i, row in enumerate(table.rows):
        present = [c for c in row.cells if c is not None]
        if i >= len(rows) or not present:
            continue
        top, bottom = row.bbox[1], min(c[3] for c in present)
        for j, cell in enumerate(row.cells):
            if cell is not None or j >= len(rows[i]):
                continue
            x0, x1 = xs[j], xs[j + 1] if j + 1 < len(xs) else x_end
            cx, cy = (x0 + x1) / 2, (top + bottom) / 2
            if any(c[0] <= cx <= c[2] and c[1] <= cy <= c[3] for c in cells):
                continue  # covered by a merged cell
            text = _text_of(_chars_in((x0, top, x1, bottom), chars))
            if text:
                rows[i][j] = text
    return rows


def _lost_chars(box: tuple[float, float, float, float], rows: _Rows, chars: list[_Obj]) -> int:
    """How many printed characters inside a table's box are in none of its cells."""
    inside = len(_chars_in(box, chars))
    read = sum(len("".join((c or "").split())) for row in rows for c in row)
    return max(0, inside - read)


def _open_bottoms(page: Any, tables: list[Any]) -> list[dict[str, Any]]:
    """The bottom border of a table whose last row on the page is drawn without one (the row
    goes on at a page break): where its column rules end below the last row line. Without
    it that row would be read as loose text."""
    out = []
    verticals = [e for e in page.edges if e["orientation"] == "v"]
    for t in tables:
        x0, top, x1, bottom = t.bbox
        ends = [e["bottom"] for e in verticals
                if x0 - 1 <= e["x0"] <= x1 + 1 and e["top"] < bottom - 1 and e["bottom"] > bottom + 3]
        if len(ends) >= 2:
            y = max(ends)
            out.append({"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y,
                        "width": x1 - x0, "height": 0})
    return out


class _Paragraphs:
    """Printed lines back into paragraphs."""

    def __init__(self, lines: list[dict[str, Any]]):
        lefts = [round(line["x0"]) for line in lines]
        rights = sorted(line["x1"] for line in lines)
        sizes = [line["bottom"] - line["top"] for line in lines]
        self.left = statistics.mode(lefts) if lefts else 0
        self.right = rights[int(len(rights) * 0.9)] if rights else 0
        self.size = statistics.median(sizes) if sizes else 10

    def starts_paragraph(self, line: dict[str, Any], prev: dict[str, Any] | None) -> bool:
        if prev is None:
            return True
        height, prev_height = line["bottom"] - line["top"], prev["bottom"] - prev["top"]
        if height > 1.15 * self.size and abs(height - prev_height) < 1:
            return False  # a title in large type, wrapped over lines
        if line["x0"] > self.left + 0.8 * self.size:
            return True  # indented first line, or centred / right-aligned
        ended: float = prev["x1"]
        return ended < self.right - 1.5 * self.size  # the line before ended short


_Obj = dict[str, Any]  # a pdfplumber object: a char, a line of text, a rectangle
_Rows = list[list[str | None]]  # None: a place a merged cell covers


def pdf_blocks(path: str) -> list[Block]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    check_size(path, MAX_PDF_BYTES, "PDF")
    events: list[tuple[str, Any]] = []  # ("line", line) | ("table", rows) | ("page", None)
    chars = images = 0
    try:
        with bounded_pdf_streams(), pdfplumber.open(path, pages=list(range(1, MAX_PDF_PAGES + 1))) as pdf:
            for page in pdf.pages:
                ruled = page.filter(_not_background)
                found = ruled.find_tables()
                bottoms = _open_bottoms(ruled, found)
                if bottoms:
                    found = ruled.find_tables({"explicit_horizontal_lines": bottoms})
                tables = [(t.bbox, _recover_lost_cells(t, rows, page.chars)) for t in found
                          if _table_shaped(rows := t.extract())]
                boxes = [bbox for bbox, _ in tables]
                for bbox, rows in tables:
                    lost = _lost_chars(bbox, rows, page.chars)
                    if lost:
                        events.append(("note", ReaderNote(
                            f"PDF第{page.page_number}页的表格中有{lost}个字未能归入单元格（表格线不完整），"
                            "请对照原文核对该表")))
                chars += len(page.chars)
                if chars > MAX_PDF_CHARS:
                    raise TooLarge("PDF 中的文字过多，不像是一份年度报告")
                images += len(page.images)

                def outside_tables(o: _Obj, boxes: list[tuple[float, float, float, float]] = boxes) -> bool:
                    return o.get("object_type") != "char" or not any(_inside(o, b) for b in boxes)

                text_page = page.filter(outside_tables)
                items: list[tuple[float, int, str, Any]] = [
                    (line["top"], 0, "line", line) for line in text_page.extract_text_lines()
                    if not _PAGE_NUMBER.match(line["text"])]
                items += [(bbox[1], 1, "table", rows) for bbox, rows in tables]
                events.append(("page", None))
                events.extend((kind, payload) for _, _, kind, payload in sorted(items, key=lambda x: x[:2]))
                page.close()
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise EncryptedDocument("该PDF已加密，无法读取，请使用Word版本或未加密的PDF") from None
    except Exception as err:  # pdfplumber wraps our own limit errors (ZipBomb, TooLarge): let those through
        inner = err.args[0] if err.args else None
        if isinstance(inner, ComposerError):
            raise inner from None
        raise
    if chars == 0:
        raise ScannedPdf(SCANNED) if images else NotAReport("该PDF中没有文字，无法识别，请使用Word版本")
    return _assemble(events)


def _assemble(events: list[tuple[str, Any]]) -> list[Block]:
    """Lines into paragraphs, tables of consecutive pages into one (a row cut by the page break joined)."""
    para = _Paragraphs([p for kind, p in events if kind == "line"])
    out: list[str | _Rows] = []
    notes = [payload for kind, payload in events if kind == "note"]
    prev_line: _Obj | None = None
    page_start = False
    for kind, payload in events:
        if kind == "page":
            page_start = True
            continue
        if kind == "note":
            continue
        if kind == "table":
            # None marks a place a merged cell covers: left out, as in HTML; "" is an empty cell.
            rows: _Rows = [[cell_text(c) if c is not None else None for c in row] for row in payload]
            last = out[-1] if out else None
            if page_start and isinstance(last, list) and last and rows and _joins(last[-1], rows[0]):
                last[-1] = [None if a is None and b is None else (a or "") + (b or "")
                            for a, b in zip(last[-1], rows[0])]
                rows = rows[1:]
            if isinstance(last, list) and page_start:
                last.extend(rows)
            else:
                out.append(rows)
            prev_line, page_start = None, False
            continue
        line: _Obj = payload
        text = join_pdf_spaces(line["text"]).strip()
        if not text:
            continue
        last_block = out[-1] if out else None
        if isinstance(last_block, str) and not para.starts_paragraph(line, prev_line):
            out[-1] = last_block + text
        else:
            out.append(text)
        prev_line, page_start = line, False
    blocks: list[Block] = [b if isinstance(b, str) else Table([[c for c in row if c is not None] for row in b])
                           for b in out]
    return [*notes, *blocks]
