"""Build templates/report.docx, the default DOCX template, from composer.schema.

    python templates/build_template.py [OUT.docx]

Headings, table labels and merged spans all come from ``composer.schema`` (``SECTIONS``,
``layout``); nothing here types a label. Each jinja tag is the whole text of one run,
so the template survives editing in Word or WPS. The output is byte-for-byte
reproducible (fixed zip timestamps and core properties), so the committed file can be
checked against a fresh build (tests/render/test_template.py).

Layout follows GB/T 9704-2012: A4; margins 37/35/28/26 mm; a document grid of 28
characters × 22 lines; title 方正小标宋简体 二号 centred, broken at words; "一、" headings
黑体 三号; "（一）" sub-headings 楷体_GB2312; body 仿宋_GB2312 三号 with a two-character
first-line indent; page numbers "— 1 —" in 宋体 四号, right on odd pages and left on even
pages, one character in; the 落款 organ centred over the date, the date four characters
from the right; tables in 仿宋 五号 with borders, rows kept whole and table 三 kept on one page.

All formatting is in styles, none in runs: an office restyles the whole report by editing
报告标题, 一级标题, 二级标题, 报告正文, 表格文字 and 落款 (and 页码) in Word or WPS.
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING  # noqa: E402
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Mm, Pt, Twips  # noqa: E402

from composer import schema  # noqa: E402

OUT = ROOT / "templates" / "report.docx"

# Fonts of an official document, each with the face Word/WPS should use where it is missing.
FANGSONG, HEITI, KAITI, TITLE_FONT, SONGTI = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"
FALLBACKS = {  # font → (altName Word substitutes, panose of the family)
    FANGSONG: ("仿宋", "02010609030101010101"),
    KAITI: ("楷体", "02010609030101010101"),
    TITLE_FONT: ("宋体", "02010600030101010101"),
    HEITI: ("SimHei", "02010609060101010101"),
    SONGTI: ("SimSun", "02010600030101010101"),
}

BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
TABLE_PT = 10.5  # 五号
FOOTER_PT = 14  # 四号
LINE_PITCH = Pt(28.95)  # 22 lines on the GB/T 9704 type area
LINE_PITCH_TWIPS = 579
TEXT_WIDTH = 8844  # twips: 210 mm − 28 mm − 26 mm
# 28 characters of 三号 (16 pt) need 448 pt; the type line is 442.2 pt. Word's character grid
# squeezes them; LibreOffice's grid would instead give a character two cells. Condensing
# each character by 0.25 pt (w:spacing −5 twentieths) gives 28 per line in both.
BODY_CONDENSE = -5
# A character that does not fit at a line's end: Word lets punctuation hang in the margin,
# LibreOffice (7.x) drops a hanging "，" "、" "；" from a justified line's PDF unless the
# paragraph states w:overflowPunct, when it moves the last character down with it instead.

# Column widths (twips, summing to TEXT_WIDTH). Label columns are wide enough that no label
# is squeezed to one character per line; value columns hold a few digits or two characters.
COLUMN_WIDTHS = {
    "active": (2400, 2148, 2148, 2148),
    "requests": (700, 1000, 2944) + (600,) * 7,  # long 办理结果 labels on as few lines as fit
    "review": (590,) * 14 + (584,),
}
CELL_MARGIN = 57  # 1 mm left and right inside table cells
ROW_HEIGHT = {"active": 397, "requests": 340, "review": 397}  # twips, at least: table 三 fits one page
FIXED_DATE = datetime(2026, 1, 1)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


# ---------------------------------------------------------------- low-level formatting


def _el(tag: str, **attrs: str):
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(key), value)
    return el


def _set_fonts(rpr, font: str) -> None:
    """Every script slot set explicitly (no theme fonts), so Chinese text gets ``font``."""
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    rfonts = _el("w:rFonts", **{"w:ascii": font, "w:hAnsi": font, "w:eastAsia": font, "w:cs": font,
                                "w:hint": "eastAsia"})
    rpr.insert(0, rfonts)


def _font(style, font: str, size: float | None, bold: bool = False, condense: int | None = None) -> None:
    if size is not None:
        style.font.size = Pt(size)
    style.font.bold = bold
    rpr = style.element.get_or_add_rPr()
    _set_fonts(rpr, font)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            for old in rpr.findall(qn(tag)):
                rpr.remove(old)
        half_points = str(int(size * 2))
        sz = _el("w:sz", **{"w:val": half_points})
        sz_cs = _el("w:szCs", **{"w:val": half_points})
        _insert_rpr(rpr, sz)
        _insert_rpr(rpr, sz_cs)
    if condense is not None:
        for old in rpr.findall(qn("w:spacing")):
            rpr.remove(old)
        _insert_rpr(rpr, _el("w:spacing", **{"w:val": str(condense)}))


_RPR_ORDER = ["w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
              "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
              "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
              "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
              "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"]
_PPR_ORDER = ["w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
              "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
              "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
              "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
              "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
              "w:sectPr", "w:pPrChange"]


def _insert_ordered(parent, el, order: list[str]) -> None:
    """Put ``el`` into ``parent`` at its schema position (Word refuses elements out of order)."""
    for old in parent.findall(el.tag):
        parent.remove(old)
    rank = order.index(el.tag.replace("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}", "w:"))
    for i, child in enumerate(parent):
        name = child.tag.replace("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}", "w:")
        if name in order and order.index(name) > rank:
            parent.insert(i, el)
            return
    parent.append(el)


def _insert_rpr(rpr, el) -> None:
    _insert_ordered(rpr, el, _RPR_ORDER)


def _insert_ppr(ppr, el) -> None:
    _insert_ordered(ppr, el, _PPR_ORDER)


def _run(paragraph, text: str, char_style: str | None = None):
    """A run with no formatting of its own (the paragraph's style, or a character style)."""
    run = paragraph.add_run(text)
    if char_style is not None:
        run.element.get_or_add_rPr().append(_el("w:rStyle", **{"w:val": char_style}))
    t = run.element.find(qn("w:t"))
    if t is not None:
        t.set(qn("xml:space"), "preserve")
    return run


def _indent_chars(ppr, first: int = 0, right: int = 0, left: int = 0, size: float = BODY_PT) -> None:
    """Indents in characters (Word's firstLineChars), with the twips equivalent for other readers."""
    attrs = {}
    if first:
        attrs.update({"w:firstLineChars": str(first * 100), "w:firstLine": str(int(first * size * 20))})
    if right:
        attrs.update({"w:rightChars": str(right * 100), "w:right": str(int(right * size * 20))})
    if left:
        attrs.update({"w:leftChars": str(left * 100), "w:left": str(int(left * size * 20))})
    _insert_ppr(ppr, _el("w:ind", **attrs))


def _tabs(ppr, *stops: tuple[str, int]) -> None:
    tabs = _el("w:tabs")
    for kind, pos in stops:
        tabs.append(_el("w:tab", **{"w:val": kind, "w:pos": str(pos)}))
    _insert_ppr(ppr, tabs)


# ---------------------------------------------------------------- styles


def _paragraph_style(doc, style_id: str, name: str, font: str, size: float, *, bold=False,
                     align=None, first_chars=0, line=LINE_PITCH, before=0, after=0,
                     outline: int | None = None, keep_next=False, condense: int | None = None):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), style_id)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    _font(style, font, size, bold, condense)
    pf = style.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = line
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.keep_with_next = keep_next
    if align is not None:
        pf.alignment = align
    ppr = style.element.get_or_add_pPr()
    _indent_chars(ppr, first=first_chars, size=size)
    if line != LINE_PITCH:  # not the body's pitch: off the document grid (else a table line takes a body line)
        _insert_ppr(ppr, _el("w:snapToGrid", **{"w:val": "0"}))
    if outline is not None:
        _insert_ppr(ppr, _el("w:outlineLvl", **{"w:val": str(outline)}))
    return style


def _link(paragraph_style, char_style) -> None:
    """Word's linked style: one entry in the style gallery, for a whole paragraph or a few words."""
    for style, other in ((paragraph_style, char_style), (char_style, paragraph_style)):
        link = _el("w:link", **{"w:val": other.element.get(qn("w:styleId"))})
        anchor = style.element.find(qn("w:basedOn"))
        if anchor is None:
            anchor = style.element.find(qn("w:name"))
        anchor.addnext(link)


def _setup_styles(doc) -> dict[str, object]:
    styles = doc.styles
    # Document defaults: no theme fonts, Chinese language, no space after paragraphs.
    rpr_default = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr_default, FANGSONG)
    lang = rpr_default.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    ppr_default = styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr_default.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")

    normal = styles["Normal"]
    _font(normal, FANGSONG, BODY_PT, condense=BODY_CONDENSE)
    npf = normal.paragraph_format
    npf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    npf.line_spacing = LINE_PITCH
    npf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    npf.widow_control = True
    normal.element.set(qn("w:styleId"), "Normal")
    _insert_ppr(normal.element.get_or_add_pPr(), _el("w:overflowPunct"))

    heading2 = _paragraph_style(doc, "ReportHeading2", "二级标题", KAITI, BODY_PT,
                                align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_chars=2, outline=1, keep_next=True)
    heading2_chars = styles.add_style("二级标题字符", WD_STYLE_TYPE.CHARACTER)
    heading2_chars.element.set(qn("w:styleId"), "ReportHeading2Char")
    _set_fonts(heading2_chars.element.get_or_add_rPr(), KAITI)
    _link(heading2, heading2_chars)
    return {
        "title": _paragraph_style(doc, "ReportTitle", "报告标题", TITLE_FONT, TITLE_PT,
                                  align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(36), after=28.95, condense=0),
        "body": _paragraph_style(doc, "ReportBody", "报告正文", FANGSONG, BODY_PT,
                                 align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_chars=2),
        "heading": _paragraph_style(doc, "ReportHeading1", "一级标题", HEITI, BODY_PT,
                                    align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_chars=2, outline=0,
                                    keep_next=True),
        "heading2": heading2,
        "heading2_chars": heading2_chars,
        "signature": _paragraph_style(doc, "ReportSignature", "落款", FANGSONG, BODY_PT,
                                      align=WD_ALIGN_PARAGRAPH.LEFT, keep_next=True),  # organ with date
        "table": _paragraph_style(doc, "ReportTableText", "表格文字", FANGSONG, TABLE_PT,
                                  align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(TABLE_PT * 1.3), condense=0),
        "footer": _paragraph_style(doc, "ReportPageNumber", "页码", SONGTI, FOOTER_PT,
                                   align=WD_ALIGN_PARAGRAPH.RIGHT, line=Pt(FOOTER_PT * 1.3), condense=0),
    }


def _setup_font_table(doc) -> None:
    """Declare the official fonts with their substitutes (altName, GB2312 charset), so Word and
    WPS on a PC without 仿宋_GB2312 or 方正小标宋简体 print 仿宋 / 宋体 rather than a default face."""
    font_part = next(rel.target_part for rel in doc.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    from docx.oxml.parser import parse_xml

    root = parse_xml(font_part.blob)
    for name, (alt, panose) in FALLBACKS.items():
        font = _el("w:font", **{"w:name": name})
        font.append(_el("w:altName", **{"w:val": alt}))
        font.append(_el("w:panose1", **{"w:val": panose}))
        font.append(_el("w:charset", **{"w:val": "86"}))
        font.append(_el("w:family", **{"w:val": "modern" if name == HEITI else "roman"}))
        font.append(_el("w:pitch", **{"w:val": "variable"}))
        root.append(font)
    from lxml import etree

    font_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# ---------------------------------------------------------------- page


def _page_number(footer, styles, odd: bool) -> None:
    """"— 1 —" (4号, half-width digits) one character in from the outer edge: right on odd pages."""
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    p.style = styles["footer"]
    ppr = p._p.get_or_add_pPr()
    if odd:
        _indent_chars(ppr, right=1, size=FOOTER_PT)
    else:
        _insert_ppr(ppr, _el("w:jc", **{"w:val": "left"}))
        _indent_chars(ppr, left=1, size=FOOTER_PT)
    _run(p, "— ")
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None)):
        run = _run(p, "")
        if kind:
            run.element.append(_el("w:fldChar", **{"w:fldCharType": kind}))
        else:
            text = _el("w:instrText", **{"xml:space": "preserve"})
            text.text = instr
            run.element.append(text)
    _run(p, "1")
    _run(p, "").element.append(_el("w:fldChar", **{"w:fldCharType": "end"}))
    _run(p, " —")


def _setup_page(doc, styles) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(22)  # page number about 7 mm below the type area
    # the character grid: 22 lines of 28.95 pt (the 28 characters come from the body styles)
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    sect_pr.append(_el("w:docGrid", **{"w:type": "lines", "w:linePitch": str(LINE_PITCH_TWIPS)}))
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, styles, odd=True)
    _page_number(section.even_page_footer, styles, odd=False)


# ---------------------------------------------------------------- tables


def _table_properties(table, widths) -> None:
    tbl = table._tbl
    tblpr = tbl.tblPr
    for tag in ("w:tblW", "w:tblBorders", "w:tblLayout", "w:tblCellMar", "w:tblLook"):
        for old in tblpr.findall(qn(tag)):
            tblpr.remove(old)
    tblpr.append(_el("w:tblW", **{"w:w": str(sum(widths)), "w:type": "dxa"}))
    borders = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(f"w:{side}", **{"w:val": "single", "w:sz": "4", "w:space": "0",
                                           "w:color": "000000"}))
    tblpr.append(borders)
    tblpr.append(_el("w:tblLayout", **{"w:type": "fixed"}))
    margins = _el("w:tblCellMar")
    for side, width in (("top", 0), ("left", CELL_MARGIN), ("bottom", 0), ("right", CELL_MARGIN)):
        margins.append(_el(f"w:{side}", **{"w:w": str(width), "w:type": "dxa"}))
    tblpr.append(margins)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(width))


def _add_table(doc, key: str, styles) -> None:
    lay = schema.layout(key)
    widths = COLUMN_WIDTHS[key]
    assert len(widths) == lay.n_cols and sum(widths) == TEXT_WIDTH, key
    table = doc.add_table(rows=lay.n_rows, cols=lay.n_cols)
    table.autofit = False
    _table_properties(table, widths)
    for r, row in enumerate(table.rows):
        trpr = row._tr.get_or_add_trPr()
        trpr.append(_el("w:cantSplit"))  # a row is never broken across pages
        if r < lay.header_rows:
            trpr.append(_el("w:tblHeader"))  # header rows repeat on the next page
        trpr.append(_el("w:trHeight", **{"w:val": str(ROW_HEIGHT[key]), "w:hRule": "atLeast"}))
        for c, cell in enumerate(row.cells):
            cell.width = Twips(widths[c])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for lc in lay.cells:
        cell = table.cell(lc.row, lc.col)
        if lc.rowspan > 1 or lc.colspan > 1:
            cell = cell.merge(table.cell(lc.row + lc.rowspan - 1, lc.col + lc.colspan - 1))
        p = cell.paragraphs[0]
        p.style = styles["table"]
        if lc.role == "value":
            _run(p, "{{ " + lc.path + " }}")
        else:
            # In a table with nested row labels, the innermost labels (long sentences) read
            # better left-aligned; group labels, headers and table 二's labels stay centred.
            if lc.role == "label" and lay.label_cols > 1 and lc.col + lc.colspan == lay.label_cols:
                p.alignment = WD_ALIGN_PARAGRAPH.LEFT
            _run(p, lc.text)
    for r in _rows_kept_with_next(lay):
        for cell in table.rows[r].cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True


def _rows_kept_with_next(lay) -> list[int]:
    """Rows that must stay on the page of the row below them.

    Table 二: each 项 (title row, header row, its rows) stays whole. Table 三 and table 四:
    the whole table on one page (table 三 fits one page), so no merged group label is ever
    cut by a page break and no group column is blank on a continuation page.
    """
    if lay.key == "active":
        titles = {c.row for c in lay.cells if c.role == "title"}
        return [r for r in range(lay.n_rows - 1) if r + 1 not in titles]
    return list(range(lay.n_rows - 1))


# ---------------------------------------------------------------- document


def _tag_paragraph(doc, tag: str) -> None:
    """A paragraph holding only a {%p %} tag; docxtpl replaces the whole paragraph."""
    _run(doc.add_paragraph(style="Normal"), tag)


def _prose(doc, styles, items: str, with_heads: bool) -> None:
    _tag_paragraph(doc, "{%p for para in " + items + " %}")
    if with_heads:
        # a paragraph with text: its leading "（一）…。" in the 二级标题 character style;
        # a paragraph that is only a heading: the 二级标题 paragraph style, kept with the next
        _tag_paragraph(doc, "{%p if para.body %}")
        p = doc.add_paragraph(style=styles["body"])
        _run(p, "{{ para.head }}", "ReportHeading2Char")  # empty for most paragraphs: the run is dropped
        _run(p, "{{ para.body }}")
        _tag_paragraph(doc, "{%p else %}")
        _run(doc.add_paragraph(style=styles["heading2"]), "{{ para.head }}")
        _tag_paragraph(doc, "{%p endif %}")
    else:
        _run(doc.add_paragraph(style=styles["body"]), "{{ para.text }}")
    _tag_paragraph(doc, "{%p endfor %}")


def _table_on_its_page(doc, styles, section) -> None:
    """Table 三 (one page tall) starts on a new page, so no merged group label is cut by a page break.

    LibreOffice does not keep a table together by keep-with-next. With text under the
    heading, a page break follows the text; without, the heading starts the page with the table
    (never stranded at the foot of the page before it).
    """
    _tag_paragraph(doc, "{%p if sections." + section.key + " %}")
    _run(doc.add_paragraph(style=styles["heading"]), section.heading)
    _prose(doc, styles, f"sections.{section.key}", with_heads=True)
    brk = doc.add_paragraph(style="Normal")  # an empty paragraph 1 pt tall that starts the page
    brk.paragraph_format.page_break_before = True
    brk.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    brk.paragraph_format.line_spacing = Pt(1)
    mark = brk._p.get_or_add_pPr()
    _insert_ppr(mark, _el("w:snapToGrid", **{"w:val": "0"}))
    mark_rpr = _el("w:rPr")
    mark_rpr.append(_el("w:sz", **{"w:val": "2"}))
    mark.append(mark_rpr)
    _tag_paragraph(doc, "{%p else %}")
    heading = doc.add_paragraph(style=styles["heading"])
    heading.paragraph_format.page_break_before = True
    _run(heading, section.heading)
    _tag_paragraph(doc, "{%p endif %}")


def _signature(doc, styles) -> None:
    """落款: the date four characters from the right; the organ centred over the date."""
    char = BODY_PT * 20 + BODY_CONDENSE  # twips of one body character
    date_right = TEXT_WIDTH - 4 * char
    date_width = 6.75 * char  # "2025年1月20日" … "2025年12月31日" with half-width digits
    _tag_paragraph(doc, "{%p if signature.organ or signature.date %}")  # no empty lines at the end
    organ = doc.add_paragraph(style=styles["signature"])
    organ.paragraph_format.space_before = LINE_PITCH * 2
    _tabs(organ._p.get_or_add_pPr(), ("center", int(date_right - date_width / 2)))
    _run(organ, "").element.append(_el("w:tab"))
    _run(organ, "{{ signature.organ }}")
    date = doc.add_paragraph(style=styles["signature"])
    ppr = date._p.get_or_add_pPr()
    _insert_ppr(ppr, _el("w:jc", **{"w:val": "right"}))
    _indent_chars(ppr, right=4)
    _run(date, "{{ signature.date }}")
    _tag_paragraph(doc, "{%p endif %}")


def build() -> bytes:
    doc = Document()
    styles = _setup_styles(doc)
    _setup_font_table(doc)
    _setup_page(doc, styles)
    body = doc.element.body
    for p in list(body.findall(qn("w:p"))):
        body.remove(p)

    _run(doc.add_paragraph(style=styles["title"]), "{{ title_lines }}")
    _prose(doc, styles, "preamble", with_heads=False)
    for section in schema.SECTIONS:
        if section.table == "requests":
            _table_on_its_page(doc, styles, section)
        else:
            _run(doc.add_paragraph(style=styles["heading"]), section.heading)
            _prose(doc, styles, f"sections.{section.key}", with_heads=True)
        if section.table:
            _add_table(doc, section.table, styles)
    _signature(doc, styles)

    props = doc.core_properties
    props.title = "政府信息公开工作年度报告"
    props.author = "年报编制器"
    props.comments = ""
    props.last_modified_by = ""
    props.created = props.modified = FIXED_DATE
    props.revision = 1
    pkg = doc.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del pkg.rels[rid]

    raw = io.BytesIO()
    doc.save(raw)
    return _reproducible_zip(raw.getvalue())


def _reproducible_zip(data: bytes) -> bytes:
    """The same package with fixed timestamps, so two builds give identical bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == "docProps/thumbnail.jpeg":
                continue
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else OUT
    out.write_bytes(build())
    print(f"已生成模板 {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
