"""The default template is formatted by its styles only, so an office restyles it in Word or WPS.

Golden: the styles' fonts, sizes and paragraph settings (tests/render/golden/styles.txt;
regenerate with COMPOSER_UPDATE_GOLDEN=1 after an intended change). Every run of the
template carries no font, size or other direct formatting; changing 报告正文's size in a
copy of the template changes the size of every body paragraph of the report.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import docx
from lxml import etree

from composer.render import render
from composer.render.resources import default_template_path
from tests.render.helpers import W, effective_run_format, prose_report

GOLDEN = Path(__file__).parent / "golden" / "styles.txt"
# the styles an office edits (templates/README.md), by the name Word and WPS show
OFFICE_STYLES = ("报告标题", "一级标题", "二级标题", "二级标题字符", "报告正文", "表格文字", "落款", "页码")
_DIRECT = ("rFonts", "sz", "szCs", "b", "i", "color", "spacing", "u", "kern", "w")


def _style_summary(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/styles.xml"))
    lines = []
    for style in root.iter(f"{W}style"):
        name = style.find(f"{W}name").get(f"{W}val")
        if name not in OFFICE_STYLES and name != "Normal":
            continue
        parts = [f"{style.get(f'{W}type')} {style.get(f'{W}styleId')} “{name}”"]
        for tag in ("basedOn", "link"):
            el = style.find(f"{W}{tag}")
            if el is not None:
                parts.append(f"{tag}={el.get(f'{W}val')}")
        for container in ("pPr", "rPr"):
            box = style.find(f"{W}{container}")
            if box is None:
                continue
            for el in box:
                attrs = ",".join(f"{etree.QName(k).localname}={v}" for k, v in sorted(el.attrib.items())
                                 if etree.QName(k).localname not in ("hint",))
                parts.append(f"{etree.QName(el).localname}({attrs})")
        lines.append(" ".join(parts))
    return "\n".join(lines) + "\n"


def test_styles_match_golden():
    actual = _style_summary(default_template_path())
    if os.environ.get("COMPOSER_UPDATE_GOLDEN"):
        GOLDEN.write_text(actual, encoding="utf-8")
    assert actual == GOLDEN.read_text(encoding="utf-8")
    for name in OFFICE_STYLES:
        assert f"“{name}”" in actual, name


def test_no_run_of_the_template_carries_direct_formatting():
    with zipfile.ZipFile(default_template_path()) as z:
        parts = [n for n in z.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
        offending = []
        for part in parts:
            root = etree.fromstring(z.read(part))
            for run in root.iter(f"{W}r"):
                rpr = run.find(f"{W}rPr")
                if rpr is None:
                    continue
                direct = [etree.QName(el).localname for el in rpr if etree.QName(el).localname in _DIRECT]
                if direct:
                    offending.append((part, "".join(t.text or "" for t in run.iter(f"{W}t")), direct))
    assert offending == []


def _restyled_template(tmp_path: Path, style_id: str, half_points: int) -> Path:
    """A copy of the default template with one style's size changed (as Word's 修改样式 does)."""
    path = tmp_path / "restyled.docx"
    with zipfile.ZipFile(default_template_path()) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/styles.xml":
                root = etree.fromstring(data)
                style = root.find(f"{W}style[@{W}styleId='{style_id}']")
                rpr = style.find(f"{W}rPr")
                for tag in ("sz", "szCs"):
                    rpr.find(f"{W}{tag}").set(f"{W}val", str(half_points))
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(item, data)
    return path


def test_changing_the_body_style_size_changes_every_body_paragraph(tmp_path):
    report = prose_report("huashu-2023")
    default_out, restyled_out = tmp_path / "default.docx", tmp_path / "restyled.docx"
    render(report, default_out)
    render(report, restyled_out, template=_restyled_template(tmp_path, "ReportBody", 28))  # 三号 → 四号
    before, after = docx.Document(str(default_out)), docx.Document(str(restyled_out))
    body = [p for p in after.paragraphs if p.style.name == "报告正文" and p.runs]
    assert len(body) >= 8
    for p in body:
        sizes = {effective_run_format(after, p, r)[1] for r in p.runs if r.text}
        heads = {r.text for r in p.runs if r._r.find(f"{W}rPr/{W}rStyle") is not None}
        assert sizes == {14}, (p.text[:20], sizes, heads)
    # everything else keeps its size
    for doc in (before, after):
        headings = [p for p in doc.paragraphs if p.style.name == "一级标题"]
        assert {effective_run_format(doc, p, p.runs[0])[1] for p in headings} == {16}
        title = doc.paragraphs[0]
        assert effective_run_format(doc, title, title.runs[0])[1] == 22
    unchanged = [p for p in before.paragraphs if p.style.name == "报告正文" and p.runs]
    assert {effective_run_format(before, p, r)[1] for p in unchanged for r in p.runs if r.text} == {16}
