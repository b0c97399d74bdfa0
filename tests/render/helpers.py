"""Reading rendered outputs independently of the importers: by grid position from schema.layout."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from lxml import etree

from composer import schema
from composer.render.safe_docx import LINE_BREAK
from composer.report import Report
from tests.factories import sample_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TABLE_ORDER = ("active", "requests", "review")  # the order the tables are printed in

# Prose that must come out literally: jinja syntax, markup, entities, quotes, newlines.
HOSTILE = ("本年度{{ 7*7 }}件，{% if %}未处理{% endif %}，{# 注释 #}\n"
           "<b>&amp;</b> & < > \"双引号\" '单引号' “中文引号”\n"
           "{%p for x in y %}{{ tables.requests.new.natural }}{_{ x }_}")


def prose_report(name: str) -> Report:
    """A sample's expected.json (tables only) with prose in every section and a signature."""
    report = sample_report(name)
    report.preamble = (f"根据《中华人民共和国政府信息公开条例》的规定，现公布{report.organ}{report.year}年度"
                       "政府信息公开工作年度报告。\n本报告数据统计期限为1月1日至12月31日。")
    report.sections = {
        "overview": (f"{report.year}年，{report.organ}认真贯彻落实条例要求。\n"
                     "（一）主动公开情况。通过门户网站主动公开各类信息。\n"
                     "（二）依申请公开情况。严格依法办理政府信息公开申请。"),
        "active": "",
        "requests": "本年度收到的申请均已按时办结。",
        "review": "",
        "problems": "一是公开内容不够丰富。二是更新不够及时。下一步将加强培训。",
        "other": "本年度未发出收费通知，未收取信息处理费。",
    }
    report.signature_organ = report.organ
    report.signature_date = f"{report.year + 1}-01-20"
    return report


def docx_tables(path: Path):
    """The three tables of a rendered DOCX, keyed like schema.layout."""
    tables = docx.Document(str(path)).tables
    assert len(tables) == 3, f"expected 3 tables, found {len(tables)}"
    return dict(zip(TABLE_ORDER, tables))


def grid_problems(table, key: str, texts: dict[str, str]) -> list[str]:
    """Every layout cell's text and merged span checked at its grid position."""
    lay = schema.layout(key)
    problems = []
    if len(table.rows) != lay.n_rows or len(table.columns) != lay.n_cols:
        return [f"{key}: {len(table.rows)}x{len(table.columns)} != {lay.n_rows}x{lay.n_cols}"]
    for c in lay.cells:
        cell = table.cell(c.row, c.col)
        want = texts[c.path] if c.role == "value" else c.text
        if cell.text != want:
            problems.append(f"{key} ({c.row},{c.col}) {c.path or c.text}: {cell.text!r} != {want!r}")
        if cell._tc.grid_span != c.colspan:
            problems.append(f"{key} ({c.row},{c.col}) colspan {cell._tc.grid_span} != {c.colspan}")
        for k in range(1, c.rowspan):
            if table.cell(c.row + k, c.col)._tc is not cell._tc:
                problems.append(f"{key} ({c.row},{c.col}) not merged down to row {c.row + k}")
        below = c.row + c.rowspan
        if below < lay.n_rows and table.cell(below, c.col)._tc is cell._tc:
            problems.append(f"{key} ({c.row},{c.col}) merged beyond rowspan {c.rowspan}")
    return problems


def body_paragraphs(path: Path) -> list[str]:
    """Texts of the body paragraphs outside tables, in order (a broken title's lines joined)."""
    return [p.text.replace(LINE_BREAK, "") for p in docx.Document(str(path)).paragraphs]


def _style_chain(document, style_id: str | None):
    styles = document.styles.element
    while style_id:
        el = styles.find(f"{W}style[@{W}styleId='{style_id}']")
        if el is None:
            return
        yield el
        based = el.find(f"{W}basedOn")
        style_id = based.get(f"{W}val") if based is not None else None


def effective_run_format(document, paragraph, run) -> tuple[str | None, float | None]:
    """(East Asian font, size in pt) of ``run`` as Word resolves it: the run, its character
    style, the paragraph style and what it is based on, then the document defaults."""
    font = size = None
    rpr = run._r.find(f"{W}rPr")
    chains = []
    if rpr is not None:
        chains.append(rpr)
        rstyle = rpr.find(f"{W}rStyle")
        if rstyle is not None:
            chains += [s.find(f"{W}rPr") for s in _style_chain(document, rstyle.get(f"{W}val"))]
    ppr_style = paragraph._p.find(f"{W}pPr/{W}pStyle")
    chains += [s.find(f"{W}rPr") for s in _style_chain(document, ppr_style.get(f"{W}val")
                                                         if ppr_style is not None else "Normal")]
    chains.append(document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"))
    for el in chains:
        if el is None:
            continue
        fonts, sz = el.find(f"{W}rFonts"), el.find(f"{W}sz")
        if font is None and fonts is not None and fonts.get(f"{W}eastAsia"):
            font = fonts.get(f"{W}eastAsia")
        if size is None and sz is not None:
            size = int(sz.get(f"{W}val")) / 2
    return font, size


def prose_lines(text: str) -> list[str]:
    """What a section's text looks like in print: one paragraph per non-blank line, stripped."""
    return [line.strip(" \t\u3000\u00a0") for line in text.replace("\r\n", "\n").split("\n")
            if line.strip(" \t\u3000\u00a0")]


_VOLATILE = re.compile(r"^(rsid\w*|paraId|textId)$")


def pretty_document_xml(data: bytes) -> str:
    """word/document.xml pretty-printed, volatile attributes (rsid, paraId) dropped."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    for el in root.iter():
        for attr in list(el.attrib):
            if _VOLATILE.match(etree.QName(attr).localname):
                del el.attrib[attr]
    etree.indent(root, space=" ")
    return etree.tostring(root, encoding="unicode") + "\n"
