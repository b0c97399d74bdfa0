"""Inputs for import tests, made from the samples or from the schema's official layout."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from composer import schema
from composer.report import Report
from composer.values import format_value

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# ---------------------------------------------------------------- DOCX


def docx_variant(src: Path, dst: Path, mutate: Callable[[etree._Element], None]) -> Path:
    """A copy of a real DOCX whose document.xml body went through ``mutate``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                root = etree.fromstring(data)
                mutate(root.find(w("body")))
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(item, data)
    return dst


def texts(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(w("t")))


def tables(body: etree._Element) -> list[etree._Element]:
    return body.findall(w("tbl"))


def row_of(tbl: etree._Element, label: str) -> etree._Element:
    return next(tr for tr in tbl.findall(w("tr")) if label in texts(tr))


def set_cell(tc: etree._Element, text: str) -> None:
    ts = list(tc.iter(w("t")))
    ts[0].text = text
    for t in ts[1:]:
        t.text = ""


def paragraph(text: str, page_break: bool = False) -> etree._Element:
    p = etree.Element(w("p"))
    r = etree.SubElement(p, w("r"))
    if page_break:
        etree.SubElement(r, w("br")).set(w("type"), "page")
    etree.SubElement(r, w("t")).text = text
    return p


def zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


# ---------------------------------------------------------------- HTML and text in the official layout


def _value(report: Report, path: str, digits: Callable[[str], str]) -> str:
    return digits(format_value(report.cells[path]))


def official_html_table(report: Report, table: str, digits: Callable[[str], str] = str,
                        split_after: int | None = None, drop: str | None = None,
                        label: Callable[[str], str] = str) -> str:
    """Table ``table`` as a portal prints it: rowspan/colspan from ``schema.layout``.

    ``split_after`` ends the table after that many rows and opens a second one (a page
    break); ``drop`` leaves out the value cell of that path (a lost cell).
    """
    lay = schema.layout(table)
    rows: dict[int, list[str]] = {}
    for c in lay.cells:
        if c.role == "value":
            if c.path == drop:
                continue
            text = _value(report, c.path, digits)
        else:
            text = label(c.text)
        span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
        rows.setdefault(c.row, []).append(f"<td{span}>{text}</td>")
    out = ["<table border='1'>"]
    for r in range(lay.n_rows):
        if split_after is not None and r == split_after:
            out.append("</table><p style='page-break-before:always'></p><table border='1'>")
        out.append("<tr>" + "".join(rows.get(r, [])) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def official_html(report: Report, *, heading: Callable[[schema.Section], str] = lambda s: s.heading,
                  tables_html: dict[str, str] | None = None, portal: bool = True, **table_options) -> str:
    """A whole report as a saved portal page (navigation and footer around it)."""
    tables_html = tables_html or {}
    body = [f"<h1>{report.title}</h1>", f"<p>{report.preamble}</p>"]
    for s in schema.SECTIONS:
        body.append(f"<p><strong>{heading(s)}</strong></p>")
        for para in report.sections[s.key].split("\n") if report.sections[s.key] else []:
            body.append(f"<p>{para}</p>")
        if s.table:
            body.append(tables_html.get(s.table) or official_html_table(report, s.table, **table_options))
    if report.signature_organ:
        body.append(f"<p style='text-align:right'>{report.signature_organ}<br>2024年1月19日</p>")
    page = "\n".join(body)
    if not portal:
        return f"<html><body>{page}</body></html>"
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>门户</title>"
            "<script>var x = '<table><tr><td>1</td></tr></table>';</script><style>p{}</style></head><body>"
            "<div class='nav'><a href='/'>首页</a> &gt; <a>政务公开</a> &gt; 年度报告</div>"
            "<table class='layout'><tr><td class='side'><ul><li>信息公开指南</li><li>信息公开目录</li></ul></td>"
            f"<td class='main'><div class='info'>发布时间：2024-01-20 来源：本站</div>{page}</td></tr></table>"
            "<div class='footer'>版权所有：某县人民政府 主办单位：某县人民政府办公室 ICP备12345678号</div>"
            "</body></html>")


def official_text_table(report: Report, table: str, digits: Callable[[str], str] = str,
                        drop: str | None = None, label: Callable[[str], str] = str) -> str:
    """Table ``table`` as text copied from the portal: cells behind TABs, rows apart by blank lines,
    the places a merge covers from above as empty cells."""
    lay = schema.layout(table)
    grid: dict[int, list[str]] = {}
    covered = {(c.row + i, c.col) for c in lay.cells for i in range(1, c.rowspan)}
    for c in sorted(lay.cells, key=lambda c: (c.row, c.col)):
        if c.role == "value" and c.path == drop:
            continue
        text = _value(report, c.path, digits) if c.role == "value" else label(c.text)
        grid.setdefault(c.row, []).append((c.col, text))
    for r, col in covered:
        grid.setdefault(r, []).append((col, ""))
    lines = []
    for r in range(lay.n_rows):
        for _, text in sorted(grid.get(r, [])):
            lines.append("\t" + text)
        lines.append("")
    return "\n".join(lines)


def official_text(report: Report, heading: Callable[[schema.Section], str] = lambda s: s.heading,
                  **table_options) -> str:
    out = [report.title, "", report.preamble]
    for s in schema.SECTIONS:
        out.append(heading(s))
        if report.sections[s.key]:
            out.append(report.sections[s.key])
        if s.table:
            out.append(official_text_table(report, s.table, **table_options))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- PDF by hand


def make_pdf(pages: list[str], image_only: bool = False) -> bytes:
    """A minimal valid PDF: one line of ASCII text per page, or one grey image per page (a scan)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    kids = []
    for text in pages:
        if image_only:
            pixels = zlib.compress(bytes([128]) * 64 * 64)
            image = add(b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
                        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(pixels)
                        + pixels + b"\nendstream")
            stream = b"q 500 0 0 700 50 50 cm /Im1 Do Q"
            resources = b"<< /XObject << /Im1 %d 0 R >> >>" % image
        else:
            safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")
            stream = b"BT /F1 12 Tf 72 720 Td (" + safe + b") Tj ET"
            resources = b"<< /Font << /F1 %d 0 R >> >>" % font
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources " % pages_obj
                        + resources + b" /Contents %d 0 R >>" % content))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = (b"<< /Type /Pages /Count %d /Kids [" % len(kids)
                              + b" ".join(b"%d 0 R" % k for k in kids) + b"] >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref))
    return out.getvalue()
