"""Build templates/report.docx, the default DOCX template, from composer.schema.

    python templates/build_template.py [OUT.docx]

Headings, table labels and merged spans all come from ``composer.schema`` (``SECTIONS``,
``layout``); nothing here types a label. Each jinja tag is the whole text of one run,
so the template survives editing in Word or WPS. The output is byte-for-byte
reproducible (fixed zip timestamps and core properties), so the committed file can be
checked against a fresh build (tests/render/test_template.py).

Layout follows GB/T 9704-2012: A4; margins 37/35/28/26 mm; title 方正小标宋简体 二号
centred; "一、" headings 黑体 三号; "（一）" sub-headings 楷体_GB2312; body 仿宋_GB2312
三号 at a fixed 28.95 pt line pitch with a two-character first-line indent; page
numbers "— 1 —" at the foot; tables in 仿宋 五号 with borders and rows kept whole.
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
TEXT_WIDTH = 8844  # twips: 210 mm − 28 mm − 26 mm

# Column widths (twips, summing to TEXT_WIDTH). Label columns are wide enough that no label
# is squeezed to one character per line; value columns hold a few digits or two characters.
COLUMN_WIDTHS = {
    "active": (2400, 2148, 2148, 2148),
    "requests": (760, 1120, 2344) + (660,) * 7,
    "review": (590,) * 14 + (584,),
}
CELL_MARGIN = 57  # 1 mm left and right inside table cells
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


def _font(run_or_style, font: str, size: float, bold: bool = False) -> None:
    run_or_style.font.size = Pt(size)
    run_or_style.font.bold = bold
    _set_fonts(run_or_style.element.get_or_add_rPr(), font)


def _run(paragraph, text: str, font: str, size: float, bold: bool = False):
    run = paragraph.add_run(text)
    _font(run, font, size, bold)
    t = run.element.find(qn("w:t"))
    if t is not None:
        t.set(qn("xml:space"), "preserve")
    return run


def _indent_chars(paragraph_format_element, first: int = 0, right: int = 0, size: float = BODY_PT) -> None:
    """Indents in characters (Word's firstLineChars), with the twips equivalent for other readers."""
    ppr = paragraph_format_element
    for old in ppr.findall(qn("w:ind")):
        ppr.remove(old)
    attrs = {}
    if first:
        attrs.update({"w:firstLineChars": str(first * 100), "w:firstLine": str(int(first * size * 20))})
    if right:
        attrs.update({"w:rightChars": str(right * 100), "w:right": str(int(right * size * 20))})
    ind = _el("w:ind", **attrs)
    # w:ind must come before w:jc, w:outlineLvl etc. in pPr
    anchor = next((ppr.find(qn(t)) for t in ("w:jc", "w:outlineLvl", "w:rPr") if ppr.find(qn(t)) is not None),
                  None)
    if anchor is not None:
        anchor.addprevious(ind)
    else:
        ppr.append(ind)


# ---------------------------------------------------------------- styles


def _paragraph_style(doc, style_id: str, name: str, font: str, size: float, *, bold=False,
                     align=None, first_chars=0, line=LINE_PITCH, before=0, after=0,
                     outline: int | None = None, keep_next=False):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), style_id)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    _font(style, font, size, bold)
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
    if outline is not None:
        ppr.append(_el("w:outlineLvl", **{"w:val": str(outline)}))
    return style


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
    _font(normal, FANGSONG, BODY_PT)
    npf = normal.paragraph_format
    npf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    npf.line_spacing = LINE_PITCH
    npf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    npf.widow_control = True
    normal.element.set(qn("w:styleId"), "Normal")

    return {
        "title": _paragraph_style(doc, "ReportTitle", "报告标题", TITLE_FONT, TITLE_PT,
                                  align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(36), after=28.95,
                                  outline=None),
        "body": _paragraph_style(doc, "ReportBody", "报告正文", FANGSONG, BODY_PT,
                                 align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_chars=2),
        "heading": _paragraph_style(doc, "ReportHeading1", "一级标题", HEITI, BODY_PT,
                                    align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_chars=2, outline=0,
                                    keep_next=True),
        "signature": _paragraph_style(doc, "ReportSignature", "落款", FANGSONG, BODY_PT,
                                      align=WD_ALIGN_PARAGRAPH.RIGHT),
        "table": _paragraph_style(doc, "ReportTableText", "表格文字", FANGSONG, TABLE_PT,
                                  align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(TABLE_PT * 1.3)),
        "footer": _paragraph_style(doc, "ReportPageNumber", "页码", SONGTI, FOOTER_PT,
                                   align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(FOOTER_PT * 1.3)),
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


def _setup_page(doc, styles) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(22)  # page number about 7 mm below the type area
    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    p.style = styles["footer"]
    _run(p, "— ", SONGTI, FOOTER_PT)
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None)):
        run = _run(p, "", SONGTI, FOOTER_PT)
        if kind:
            run.element.append(_el("w:fldChar", **{"w:fldCharType": kind}))
        else:
            text = _el("w:instrText", **{"xml:space": "preserve"})
            text.text = instr
            run.element.append(text)
    _run(p, "1", SONGTI, FOOTER_PT)
    _run(p, "", SONGTI, FOOTER_PT).element.append(_el("w:fldChar", **{"w:fldCharType": "end"}))
    _run(p, " —", SONGTI, FOOTER_PT)


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
        trpr.append(_el("w:trHeight", **{"w:val": "397", "w:hRule": "atLeast"}))
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
            _run(p, "{{ " + lc.path + " }}", FANGSONG, TABLE_PT)
        else:
            # In a table with nested row labels, the innermost labels (long sentences) read
            # better left-aligned; group labels, headers and table 二's labels stay centred.
            if lc.role == "label" and lay.label_cols > 1 and lc.col + lc.colspan == lay.label_cols:
                p.alignment = WD_ALIGN_PARAGRAPH.LEFT
            _run(p, lc.text, FANGSONG, TABLE_PT)
    for r in _rows_kept_with_next(lay):
        for cell in table.rows[r].cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True


def _rows_kept_with_next(lay) -> list[int]:
    """Rows that must stay on the page of the row below them.

    Table 二: each 项 (title row, header row, its rows) stays whole. Table 三: the header
    stays with the first row (it also repeats on each page). Table 四 (three rows): whole.
    """
    if lay.key == "active":
        titles = {c.row for c in lay.cells if c.role == "title"}
        return [r for r in range(lay.n_rows - 1) if r + 1 not in titles]
    return list(range(lay.header_rows if lay.key == "requests" else lay.n_rows - 1))


# ---------------------------------------------------------------- document


def _tag_paragraph(doc, tag: str) -> None:
    """A paragraph holding only a {%p %} tag; docxtpl replaces the whole paragraph."""
    p = doc.add_paragraph(style="Normal")
    _run(p, tag, FANGSONG, BODY_PT)


def _prose(doc, styles, items: str, with_heads: bool) -> None:
    _tag_paragraph(doc, "{%p for para in " + items + " %}")
    p = doc.add_paragraph(style=styles["body"])
    if with_heads:
        _run(p, "{{ para.head }}", KAITI, BODY_PT)  # empty for most paragraphs: the run is dropped
        _run(p, "{{ para.body }}", FANGSONG, BODY_PT)
    else:
        _run(p, "{{ para.text }}", FANGSONG, BODY_PT)
    _tag_paragraph(doc, "{%p endfor %}")


def build() -> bytes:
    doc = Document()
    styles = _setup_styles(doc)
    _setup_font_table(doc)
    _setup_page(doc, styles)
    body = doc.element.body
    for p in list(body.findall(qn("w:p"))):
        body.remove(p)

    _run(doc.add_paragraph(style=styles["title"]), "{{ title }}", TITLE_FONT, TITLE_PT)
    _prose(doc, styles, "preamble", with_heads=False)
    for section in schema.SECTIONS:
        _run(doc.add_paragraph(style=styles["heading"]), section.heading, HEITI, BODY_PT)
        _prose(doc, styles, f"sections.{section.key}", with_heads=True)
        if section.table:
            _add_table(doc, section.table, styles)
    organ = doc.add_paragraph(style=styles["signature"])
    organ.paragraph_format.space_before = LINE_PITCH * 2
    _indent_chars(organ._p.get_or_add_pPr(), right=4)
    _run(organ, "{{ signature.organ }}", FANGSONG, BODY_PT)
    date = doc.add_paragraph(style=styles["signature"])
    _indent_chars(date._p.get_or_add_pPr(), right=4)
    _run(date, "{{ signature.date }}", FANGSONG, BODY_PT)

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
