"""Word documents (.docx): the body walked in document order with python-docx's XML.

Each ``w:tc`` gives one cell, so a cell merged across columns (gridSpan) appears once; a
cell merged down (vMerge continue) gives "" in the rows it covers. Soft line breaks
split paragraphs, as they print.
"""

from __future__ import annotations

from docx.oxml.ns import qn

from ..errors import ImportFailed
from .blocks import Block, Table
from .limits import MAX_BLOCKS, MAX_DOCX_BYTES, check_size, check_zip

_P, _TBL, _TR, _TC, _R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_SDT, _SDT_CONTENT, _CUSTOM_XML, _SMART_TAG = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:smartTag")
_TC_PR, _VMERGE, _HMERGE, _VAL, _TYPE = qn("w:tcPr"), qn("w:vMerge"), qn("w:hMerge"), qn("w:val"), qn("w:type")
_WRAPPERS = (_SDT, _SDT_CONTENT, _CUSTOM_XML, _SMART_TAG)


def paragraph_text(p) -> str:
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


def _children(el, wanted: str):
    """Children with tag ``wanted``, looking through content controls and custom XML."""
    for child in el:
        if child.tag == wanted:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, wanted)


def _cell_text(tc) -> str | None:
    pr = tc.find(_TC_PR)
    if pr is not None:
        vmerge = pr.find(_VMERGE)
        if vmerge is not None and vmerge.get(_VAL) in (None, "continue"):
            return ""  # covered by the cell above
        hmerge = pr.find(_HMERGE)
        if hmerge is not None and hmerge.get(_VAL) in (None, "continue"):
            return None  # legacy horizontal merge: the same cell as the one before
    return "\n".join(paragraph_text(p) for p in tc.iter(_P))


def _table(tbl) -> Table:
    rows = []
    for tr in _children(tbl, _TR):
        cells = [_cell_text(tc) for tc in _children(tr, _TC)]
        rows.append([c for c in cells if c is not None])
    return Table(rows)


def body_blocks(body) -> list[Block]:
    blocks: list[Block] = []

    def walk(el) -> None:
        for child in el:
            if len(blocks) > MAX_BLOCKS:
                raise ImportFailed("文档过长（段落和表格行过多），不像是一份年度报告")
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
    check_zip(path)
    document = docx.Document(path)
    return body_blocks(document.element.body)
