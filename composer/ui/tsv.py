"""Clipboard blocks as Excel and WPS write them: TAB between cells, CRLF between rows, quoted cells."""

from __future__ import annotations

import csv
import io


def parse_tsv(text: str) -> list[list[str]]:
    """Rows of cells; a quoted cell may hold tabs, quotes ("") and line breaks."""
    if text.endswith("\r\n"):
        text = text[:-2]
    elif text.endswith("\n") or text.endswith("\r"):
        text = text[:-1]
    if text == "":
        return [[""]]
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t", quotechar='"', strict=False))
    return [row if row else [""] for row in rows]


def to_tsv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", quotechar='"', lineterminator="\r\n",
                        quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return out.getvalue()
