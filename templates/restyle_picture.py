"""Make templates/restyle-example.png: page 1 of a report before and after editing two styles.

    python templates/restyle_picture.py

The "after" template is the default one with 报告正文 changed to 楷体 四号 and 一级标题 to
二号, exactly what 修改样式 in Word or WPS writes into styles.xml; nothing else is touched,
and every body paragraph follows. Needs LibreOffice, pdftoppm and Pillow.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from composer.render import render  # noqa: E402
from composer.render.resources import default_template_path  # noqa: E402
from tests.render.helpers import prose_report  # noqa: E402

OUT = ROOT / "templates" / "restyle-example.png"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
# style id → (East Asian font or None, size in half-points or None)
EDITS = {"ReportBody": ("楷体_GB2312", 28), "ReportHeading1": (None, 44)}


def restyled(path: Path) -> Path:
    with zipfile.ZipFile(default_template_path()) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/styles.xml":
                root = etree.fromstring(data)
                for style_id, (font, size) in EDITS.items():
                    rpr = root.find(f"{W}style[@{W}styleId='{style_id}']/{W}rPr")
                    if font:
                        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
                            rpr.find(f"{W}rFonts").set(f"{W}{slot}", font)
                    if size:
                        for tag in ("sz", "szCs"):
                            rpr.find(f"{W}{tag}").set(f"{W}val", str(size))
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(item, data)
    return path


def first_page(report, pdf: Path, template: Path | None) -> Image.Image:
    render(report, pdf, template=template)
    subprocess.run(["pdftoppm", "-r", "70", "-f", "1", "-l", "1", "-png", str(pdf), str(pdf.with_suffix(""))],
                   check=True)
    return Image.open(next(pdf.parent.glob(pdf.stem + "-*1.png"))).convert("RGB")


def main() -> int:
    report = prose_report("xingfu-2023")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        before = first_page(report, work / "before.pdf", None)
        after = first_page(report, work / "after.pdf", restyled(work / "restyled.docx"))
    label_h, gap = 40, 16
    sheet = Image.new("RGB", (before.width * 2 + gap, before.height + label_h), "white")
    sheet.paste(before, (0, label_h))
    sheet.paste(after, (before.width + gap, label_h))
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(LABEL_FONT, 20)
    draw.text((12, 8), "默认模板", fill="black", font=font)
    draw.text((before.width + gap + 12, 8), "只改了“报告正文”和“一级标题”两个样式", fill="black", font=font)
    draw.rectangle((0, label_h, before.width - 1, sheet.height - 1), outline="gray")
    draw.rectangle((before.width + gap, label_h, sheet.width - 1, sheet.height - 1), outline="gray")
    sheet.convert("L").quantize(16).save(OUT, optimize=True)  # grey text: 16 shades are enough
    print(f"已生成 {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
