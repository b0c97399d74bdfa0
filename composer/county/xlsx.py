"""Shared Excel formatting for the county outputs (openpyxl): what a clerk would do by hand —
bold header with a fill, frozen header row, autofilter, column widths by content, coloured
rows for errors and warnings (the colours of ``composer.palette``) — and an atomic save."""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Iterable, Sequence
from copy import copy
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .. import palette
from .outputs import save_bytes

_log = logging.getLogger(__name__)

MAX_WIDTH = 60  # characters; longer text wraps
# Per workbook being written: style ids of a painted row's cells, by (workbook, state, header).
_TEMPLATES: dict[int, dict[Any, StyleArray]] = {}
_BAD_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})


def fill(colour: str) -> PatternFill:
    return PatternFill("solid", start_color=colour.lstrip("#").upper(), end_color=colour.lstrip("#").upper())


HEADER_FILL = fill(palette.HEADER_FILL)
SEVERITY_FILLS = {state: fill(shade.fill) for state, shade in palette.SEVERITY_SHADES.items()}
SEVERITY_FONTS = {state: Font(color=shade.text.lstrip("#").upper()) for state, shade in palette.SEVERITY_SHADES.items()}
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def text_width(value: Any) -> int:
    """Display width in Excel character units: a Chinese character counts two."""
    text = "" if value is None else str(value)
    if text.isascii():
        return max(len(line) for line in text.split("\n"))
    return max(len(line) + sum(1 for ch in line if ord(ch) > 0x2E7F) for line in text.split("\n"))


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (≤ 31 characters, none of []:*?/\\)."""
    base = (name.translate(_BAD_SHEET_CHARS).strip("'") or "单位")[:31]
    title, n = base, 2
    while title.lower() in taken:
        suffix = f"({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(title.lower())
    return title


def _styled(ws: Worksheet, row: int, width: int, template: dict[Any, StyleArray], state: str | None,
            bold: bool = False) -> None:
    """Paint a whole row: the first cell of a kind in a workbook is styled through openpyxl's
    descriptors, the rest get a copy of its style ids (hashing a Font per cell is most of the
    time of a large 问题清单)."""
    key = (id(ws.parent), state, bold)
    for column in range(1, width + 1):
        cell = ws.cell(row, column)
        proto = template.get(key)
        if proto is not None:
            cell._style = copy(proto)
            continue
        if bold:
            cell.font = BOLD
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        elif state in SEVERITY_FILLS:
            cell.fill = SEVERITY_FILLS[state]
            cell.font = SEVERITY_FONTS[state]
        template[key] = copy(cell._style)


def write_table(ws: Worksheet, header: Sequence[str], rows: Iterable[Sequence[Any]],
                states: Iterable[str | None] | None = None, *, wrap_columns: Sequence[int] = ()) -> int:
    """Header in row 1 (bold, filled, frozen, autofilter), then the rows; each row painted by its
    state ("error" | "warning" | "blank" | None). Column widths follow the content. Returns the
    number of data rows."""
    template = _TEMPLATES.setdefault(id(ws.parent), {})
    ws.append(list(header))
    _styled(ws, 1, len(header), template, None, bold=True)
    widths = [text_width(h) for h in header]
    state_list = list(states) if states is not None else None
    n = 0
    for i, row in enumerate(rows):
        ws.append(list(row))
        n += 1
        for j, value in enumerate(row):
            if value is not None:
                widths[j] = max(widths[j], text_width(value))
        state = state_list[i] if state_list is not None else None
        if state in SEVERITY_FILLS:
            _styled(ws, n + 1, len(header), template, state)
        for j in wrap_columns:
            ws.cell(n + 1, j + 1).alignment = WRAP
    for j, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(j + 1)].width = min(MAX_WIDTH, max(6, width + 2))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, n + 1)}"
    return n


def save_workbook(wb: Workbook, path: str | os.PathLike[str]) -> None:
    """Write the workbook atomically; OutputError (Chinese) when it cannot be written."""
    buffer = io.BytesIO()
    try:
        wb.save(buffer)
    finally:
        _TEMPLATES.pop(id(wb), None)
    save_bytes(buffer.getvalue(), path)


