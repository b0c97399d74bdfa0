"""Word documents (.docx): the body walked in document order with python-docx's XML.

Each ``w:tc`` gives one cell, so a cell merged across columns (gridSpan, or the legacy
hMerge) appears once; a cell merged down (vMerge continue) gives "" in the rows it covers.
Merged cells come as ``MergedCell`` with their spans, for the table reader to tell a
merged label (the official layout) from a merged value cell. Soft line breaks split
paragraphs, as they print.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx.oxml.ns import qn

from ..errors import TooLarge
from .blocks import Block, MergedCell, Table
from .limits import MAX_BLOCKS, MAX_DOCX_BYTES, bounded_docx, check_size

_P, _TBL, _TR, _TC, _R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_SDT, _SDT_CONTENT, _CUSTOM_XML, _SMART_TAG = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:smartTag")
_TC_PR, _VMERGE, _HMERGE, _VAL, _TYPE = qn("w:tcPr"), qn("w:vMerge"), qn("w:hMerge"), qn("w:val"), qn("w:type")
_GRID_SPAN, _TR_PR, _GRID_BEFORE = qn("w:gridSpan"), qn("w:trPr"), qn("w:gridBefore")
_WRAPPERS = (_SDT, _SDT_CONTENT, _CUSTOM_XML, _SMART_TAG)


def paragraph_text(p: Any) -> str:
    parts: list[str] = []
    for el in p.iter(_T, _TAB, _BR, _CR):
        tag = el.tag
        if tag == _T:
            parts.append(el.text or "")
        elif tag == _TAB:
            if el.getparent().tag == _R:  # not a tab stop of the paragraph properties
                parts.append("\t")
        elif el.get(_TYPE) != "page":
            parts.append("\n")
    return "".join(parts)


def _children(el: Any, wanted: str) -> Iterator[Any]:
    """Children with tag ``wanted``, looking through content controls and custom XML."""
    for child in el:
        if child.tag == wanted:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, wanted)


def _int_val(el: Any, default: int) -> int:
    try:
        return max(1, min(int(el.get(_VAL)), 1000)) if el is not None else default
    except (TypeError, ValueError):
        return default


def _merge(tc: Any, tag: str) -> str | None:
    """"restart" | "continue" | None for a vMerge/hMerge property (a bare element continues)."""
    pr = tc.find(_TC_PR)
    el = pr.find(tag) if pr is not None else None
    if el is None:
        return None
    return "restart" if el.get(_VAL) == "restart" else "continue"


def _table(tbl: Any) -> Table:
    # Each row as [grid column, column span, tc]: vertical merges are matched by grid column.
    grid: list[list[list[Any]]] = []
    for tr in _children(tbl, _TR):
        pr = tr.find(_TR_PR)
        col = _int_val(pr.find(_GRID_BEFORE), 0) if pr is not None else 0
        entries: list[list[Any]] = []
        for tc in _children(tr, _TC):
            pr = tc.find(_TC_PR)
            span = _int_val(pr.find(_GRID_SPAN), 1) if pr is not None else 1
            if _merge(tc, _HMERGE) == "continue" and entries:
                entries[-1][1] += span  # legacy horizontal merge: part of the cell before
            else:
                entries.append([col, span, tc])
            col += span
        grid.append(entries)
    continues = [{col for col, _, tc in entries if _merge(tc, _VMERGE) == "continue"} for entries in grid]
    rows = []
    for r, entries in enumerate(grid):
        row = []
        for col, span, tc in entries:
            if col in continues[r]:
                row.append(MergedCell.make("", colspan=span, covered=True))
                continue
            rowspan = 1
            if _merge(tc, _VMERGE) == "restart":
                while r + rowspan < len(grid) and col in continues[r + rowspan]:
                    rowspan += 1
            text = "\n".join(paragraph_text(p) for p in tc.iter(_P))
            row.append(MergedCell.make(text, rowspan=rowspan, colspan=span))
        rows.append(row)
    return Table(rows)


def body_blocks(body: Any) -> list[Block]:
    blocks: list[Block] = []

    def walk(el: Any) -> None:
        for child in el:
            if len(blocks) > MAX_BLOCKS:
                raise TooLarge("文档过长（段落和表格行过多），不像是一份年度报告")
            if child.tag == _P:
                blocks.extend(paragraph_text(child).split("\n"))
            elif child.tag == _TBL:
                blocks.append(_table(child))
            elif child.tag in _WRAPPERS:
                walk(child)

    walk(body)
    return blocks


def docx_blocks(path: str) -> list[Block]:
    import docx  # python-docx; imported here so that JSON-only use stays light

    check_size(path, MAX_DOCX_BYTES, "Word")
    document = docx.Document(bounded_docx(path))  # parts inflated within real limits, pictures left out
    return body_blocks(document.element.body)
