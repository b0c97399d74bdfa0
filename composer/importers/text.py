"""Text copied from a published report (as in the samples' .txt).

Each table cell is a line behind a TAB; rows are separated by blank lines; a cell may go
on over the next lines ("自\\n然\\n人"), and a tall merged cell may even have blank lines
before its text ("\\t\\n\\n\\n三、\\n本年度办理结果\\n\\t（一）予以公开"). Every other line is
a paragraph.
"""

from __future__ import annotations

from .blocks import Block, Table
from .layout import heading_candidates

_MAX_CONTINUATION = 40  # a label broken over lines, not a paragraph


def _continues_cell(lines: list[str]) -> bool:
    text = "".join(x.strip() for x in lines)
    return len(text) <= _MAX_CONTINUATION and not any(heading_candidates(0, x) for x in lines)


def text_blocks(text: str) -> list[Block]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    rows: list[list[str]] | None = None  # the table being read
    row: list[str] = []
    row_ended = False  # a blank line since the last cell line

    def end_table() -> None:
        nonlocal rows, row
        if rows is not None:
            if row:
                rows.append(row)
            blocks.append(Table(rows))
        rows, row = None, []

    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if line.startswith("\t"):
            if rows is None:
                rows, row = [], []
            elif row_ended and row:
                rows.append(row)
                row = []
            row.append(line[1:])
            row_ended = False
        elif not line.strip():
            if rows is not None:
                row_ended = True
        elif rows is not None and not row_ended:
            row[-1] += "\n" + line  # a cell going on over the next line
        elif rows is not None:
            j = i
            while j < n and lines[j].strip() and not lines[j].startswith("\t"):
                j += 1
            if j < n and lines[j].startswith("\t") and row and not row[-1].strip() \
                    and _continues_cell(lines[i:j]):
                row[-1] = "\n".join(lines[i:j])  # a tall merged cell: its text after blank lines
                row_ended = False
                i = j
                continue
            end_table()
            blocks.append(line)
        else:
            blocks.append(line)
        i += 1
    end_table()
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
