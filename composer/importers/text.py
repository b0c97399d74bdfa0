"""Text copied from a published report, in the two forms it comes in.

*One cell per line* (as in the samples' .txt, what Word's "save as text" and some copy
tools give): each table cell is a line behind a TAB; rows are separated by blank lines; a
cell may go on over the next lines ("自\\n然\\n人"), and a tall merged cell may even have
blank lines before its text ("\\t\\n\\n\\n三、\\n本年度办理结果\\n\\t（一）予以公开").

*One row per line* (a browser's copy of the portal page, a PDF-to-text tool; the
samples' .webcopy.txt): the cells of a row on one line, separated by TABs, merged labels as
empty leading cells, a header spread over several lines. Markdown heading marks ("## ")
that such tools put before headings are taken off.

Every other line is a paragraph. Both readers go over the lines once (linear in the text).
"""

from __future__ import annotations

import re

from .blocks import Block, Table
from .layout import heading_candidates

_MAX_CONTINUATION = 40  # a label broken over lines, not a paragraph
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|(?=[^#\s]))")


def _is_row_line(line: str) -> bool:
    """A line of the one-row-per-line form: cells separated by TABs."""
    if "\t" not in line:
        return False
    if not line.startswith("\t"):
        return bool(line.strip())  # "规章\t0\t0\t0"
    return line.count("\t") >= 2 and bool(line.strip())  # "\t\t自然人\t法人或其他组织…"


def _broken_cell(line: str) -> bool:
    """A line inside a table's rows that holds the first part of a cell broken over lines:
    short, no sentence, no heading."""
    text = line.strip()
    return bool(text) and len(text) <= _MAX_CONTINUATION and "。" not in text and not heading_candidates(0, text)


def _continues_cell(lines: list[str]) -> bool:
    text = "".join(x.strip() for x in lines)
    return len(text) <= _MAX_CONTINUATION and not any(heading_candidates(0, x) for x in lines)


def _paragraph(line: str) -> str:
    return _MARKDOWN_HEADING.sub("", line, count=1)


class _CellLines:
    """The one-cell-per-line reader's state. Cells are kept as lists of lines, joined once
    at the end, so a long run of continuation lines costs linear time."""

    def __init__(self) -> None:
        self.rows: list[list[list[str]]] | None = None  # the table being read
        self.row: list[list[str]] = []
        self.row_ended = False  # a blank line since the last cell line

    def start_cell(self, text: str) -> None:
        if self.rows is None:
            self.rows, self.row = [], []
        elif self.row_ended and self.row:
            self.rows.append(self.row)
            self.row = []
        self.row.append([text])
        self.row_ended = False

    def end(self, blocks: list[Block]) -> None:
        if self.rows is not None:
            if self.row:
                self.rows.append(self.row)
            blocks.append(Table([["\n".join(cell) for cell in row] for row in self.rows]))
        self.rows, self.row, self.row_ended = None, [], False

    def cell_chars(self) -> int:
        return sum(len(x) for x in self.row[-1]) if self.row else 0


def text_blocks(text: str) -> list[Block]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    cells = _CellLines()
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if _is_row_line(line):
            cells.end(blocks)
            rows: list[list[str]] = []
            while i < n:
                if _is_row_line(lines[i]):
                    rows.append([c.strip() for c in lines[i].split("\t")])
                    i += 1
                elif i + 1 < n and _is_row_line(lines[i + 1]) and _broken_cell(lines[i]):
                    # a label broken over two lines inside the table: the two make one row
                    rows.append([c.strip() for c in (lines[i] + "\n" + lines[i + 1]).split("\t")])
                    i += 2
                else:
                    break
            if len(rows) == 1 and sum(1 for c in rows[0] if c) <= 1:
                # One line with a stray TAB ("一、总体情况\t"): a paragraph, not a table.
                blocks.append(_paragraph(" ".join(c for c in rows[0] if c)))
            else:
                blocks.append(Table(rows))
            continue
        if line.startswith("\t"):
            cells.start_cell(line[1:])
        elif not line.strip():
            if cells.rows is not None:
                cells.row_ended = True
        elif cells.rows is not None and not cells.row_ended and cells.row \
                and cells.cell_chars() + len(line) <= 4 * _MAX_CONTINUATION:
            cells.row[-1].append(line)  # a cell going on over the next line
        elif cells.rows is not None and cells.row_ended and cells.row and not "".join(cells.row[-1]).strip():
            j = i
            while j < n and j - i <= _MAX_CONTINUATION and lines[j].strip() and not lines[j].startswith("\t"):
                j += 1
            if j < n and lines[j].startswith("\t") and _continues_cell(lines[i:j]):
                cells.row[-1] = lines[i:j]  # a tall merged cell: its text after blank lines
                cells.row_ended = False
                i = j
                continue
            cells.end(blocks)
            blocks.append(_paragraph(line))
        else:
            cells.end(blocks)
            blocks.append(_paragraph(line))
        i += 1
    cells.end(blocks)
    return blocks


def decode(data: bytes, source: str | None = None) -> str:
    """Text as a Chinese office PC writes it: UTF-8 (with or without BOM), UTF-16, or GBK."""
    from ..errors import UnreadableEncoding

    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableEncoding("无法识别文本的编码（既不是UTF-8也不是GBK），请另存为UTF-8文本", source=source)


def text_file_blocks(path: str) -> list[Block]:
    from .limits import MAX_TEXT_BYTES, check_size

    check_size(path, MAX_TEXT_BYTES, "文本")
    with open(path, "rb") as fh:
        data = fh.read(MAX_TEXT_BYTES + 1)
    return text_blocks(decode(data, path))
