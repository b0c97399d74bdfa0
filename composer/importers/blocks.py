"""What every front end hands to the layout reader: a document as a flat sequence of blocks.

A block is either a paragraph (its text) or a table (rows of cell texts). Merged cells
appear once, in the first row and column they cover; the places a merge covers further
down are given as "" (or left out, as HTML does), so rows are read by their labels and
never by column positions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass
class Table:
    rows: list[list[str]] = field(default_factory=list)


Block = str | Table


class ReaderNote(str):
    """Not document content: a front end's note on what it could not read for sure (Chinese,
    naming the place). The layout reader passes it on among the import notes."""


class MergedCell(str):
    """The text of a table cell that a merge joins with other grid places (Word tables).

    ``rowspan``/``colspan`` count the grid rows and columns the cell covers; a place covered
    by the cell above is a MergedCell "" with ``covered`` set. Label and header cells are
    merged in the official layout; for value cells the table reader turns a merge into a
    blank with a note, since which number belongs where cannot be told.
    """

    rowspan: int = 1
    colspan: int = 1
    covered: bool = False

    @classmethod
    def make(cls, text: str, rowspan: int = 1, colspan: int = 1, covered: bool = False) -> str:
        if rowspan == 1 and colspan == 1 and not covered:
            return text
        cell = cls(text)
        cell.rowspan, cell.colspan, cell.covered = rowspan, colspan, covered
        return cell

# ---------------------------------------------------------------- text clean-up

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0]+|[ \t\u00a0]+(?=[{_CJK}])")
_INNER_SPACE = re.compile(r"[ \t\u00a0\u2002-\u200b\ufeff]+")


def clean_text(text: str) -> str:
    """A paragraph as printed: markers of the copying tool removed, ends trimmed."""
    text = _BOOKMARK.sub("", text).replace("\u200b", "").replace("\ufeff", "")
    return text.strip(" \t\r\n\u3000\u00a0")


def join_pdf_spaces(text: str) -> str:
    """PDF text extraction puts spaces between Chinese and digits ("2023 年"); take them out."""
    return _SPACE_NEAR_CJK.sub("", text)


def cell_text(text: str) -> str:
    """A table cell: lines broken inside the cell ("自\\n然\\n人") and padding removed."""
    return _INNER_SPACE.sub(" ", clean_text(text).replace("\r", "")).strip()


@lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """The comparable form of a label: full-width folded, only letters and digits kept.

    "（一）予以公开" and "(一) 予以公开" and "（一）予以\\n公开" compare equal.
    """
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if ch.isalnum()).lower()


_NUMBERING = re.compile(
    r"^\s*(?:[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[、.．])\s*")


def norm_unnumbered(text: str) -> str:
    """``norm`` without a leading list number: "（四）无法提供" → "无法提供"."""
    folded = unicodedata.normalize("NFKC", text)
    return norm(_NUMBERING.sub("", folded, count=1))
