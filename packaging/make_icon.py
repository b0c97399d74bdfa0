"""Draw composer's icon — a cream document with a red head band, a gold folded corner and 年报 —
into resources/icon.svg, icon.png (256 px) and icon.ico (16–256 px).

    QT_QPA_PLATFORM=offscreen python packaging/make_icon.py

Every shape, the two characters included, is a QPainterPath, so the SVG holds outlines only and
shows the same everywhere with no font installed. Needs PySide6, Pillow (for the .ico) and a CJK
font (Noto Sans CJK SC) on the machine that draws it; the results are committed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath

SIZE = 256
RED, DARK_RED, GOLD, PAPER, INK = "#c8102e", "#8e0b20", "#d4a017", "#fff8e7", "#b9a98a"
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
FONT_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei"]


def _document() -> QPainterPath:
    """The sheet with its top-right corner folded away."""
    left, top, right, bottom, fold, r = 36.0, 12.0, 220.0, 244.0, 46.0, 14.0
    p = QPainterPath()
    p.moveTo(left + r, top)
    p.lineTo(right - fold, top)
    p.lineTo(right, top + fold)
    p.lineTo(right, bottom - r)
    p.quadTo(right, bottom, right - r, bottom)
    p.lineTo(left + r, bottom)
    p.quadTo(left, bottom, left, bottom - r)
    p.lineTo(left, top + r)
    p.quadTo(left, top, left + r, top)
    p.closeSubpath()
    return p


def _fold() -> QPainterPath:
    p = QPainterPath()
    p.moveTo(220.0 - 46.0, 12.0)
    p.lineTo(220.0 - 46.0, 12.0 + 46.0 - 8.0)
    p.quadTo(220.0 - 46.0, 12.0 + 46.0, 220.0 - 46.0 + 8.0, 12.0 + 46.0)
    p.lineTo(220.0, 12.0 + 46.0)
    p.closeSubpath()
    return p


def _band() -> QPainterPath:
    """The red head band (the 红头 of an official document), clipped to the sheet."""
    band = QPainterPath()
    band.addRect(QRectF(36.0, 70.0, 184.0, 22.0))
    return band.intersected(_document())


def _gold_rule() -> QPainterPath:
    p = QPainterPath()
    p.addRect(QRectF(56.0, 100.0, 144.0, 5.0))
    return p


def _text_lines() -> QPainterPath:
    p = QPainterPath()
    for y, width in ((212.0, 144.0), (226.0, 104.0)):
        p.addRoundedRect(QRectF(56.0, y, width, 6.0), 3.0, 3.0)
    return p


def _characters() -> QPainterPath:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(80)
    font.setWeight(QFont.Weight.Black)
    p = QPainterPath()
    p.addText(QPointF(0.0, 0.0), font, "年报")
    box = p.boundingRect()
    # Centre the two characters in the free space between the gold rule and the text lines.
    return p.translated(128.0 - box.center().x(), 158.0 - box.center().y())


def shapes() -> list[tuple[QPainterPath, str]]:
    return [(_document(), PAPER), (_fold(), GOLD), (_band(), RED), (_gold_rule(), GOLD),
            (_characters(), DARK_RED), (_text_lines(), INK)]


def _svg_path(path: QPainterPath) -> str:
    parts, i = [], 0
    while i < path.elementCount():
        e = path.elementAt(i)
        if e.type == QPainterPath.ElementType.MoveToElement:
            parts.append(f"M{e.x:.2f} {e.y:.2f}")
        elif e.type == QPainterPath.ElementType.LineToElement:
            parts.append(f"L{e.x:.2f} {e.y:.2f}")
        else:  # a cubic: this control point and the next two elements
            c2, end = path.elementAt(i + 1), path.elementAt(i + 2)
            parts.append(f"C{e.x:.2f} {e.y:.2f} {c2.x:.2f} {c2.y:.2f} {end.x:.2f} {end.y:.2f}")
            i += 2
        i += 1
    return " ".join(parts)


def svg_text() -> str:
    body = "\n".join(f'  <path fill="{colour}" fill-rule="{_rule(path)}" d="{_svg_path(path)}"/>'
                     for path, colour in shapes())
    outline = f'  <path fill="none" stroke="{GOLD}" stroke-width="4" d="{_svg_path(_document())}"/>'
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" '
            f'viewBox="0 0 {SIZE} {SIZE}">\n<title>年报编制器</title>\n{body}\n{outline}\n</svg>\n')


def _rule(path: QPainterPath) -> str:
    return "evenodd" if path.fillRule() == Qt.FillRule.OddEvenFill else "nonzero"


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / SIZE, size / SIZE)
    painter.setPen(Qt.PenStyle.NoPen)
    for path, colour in shapes():
        painter.fillPath(path, QColor(colour))
    pen = painter.pen()
    pen.setStyle(Qt.PenStyle.SolidLine)
    pen.setColor(QColor(GOLD))
    pen.setWidthF(4.0)
    painter.strokePath(_document(), pen)
    painter.end()
    return image


def main(out_dir: Path) -> None:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "icon.svg").write_text(svg_text(), encoding="utf-8")
    render(SIZE).save(str(out_dir / "icon.png"))
    from PIL import Image  # only here: the product does not ship Pillow

    frames = {}
    for size in ICO_SIZES:  # each size drawn at its own resolution, not shrunk from 256
        tmp = out_dir / f".icon-{size}.png"
        render(size).save(str(tmp))
        frames[size] = Image.open(tmp).copy()
        tmp.unlink()
    largest = frames[ICO_SIZES[-1]]
    largest.save(out_dir / "icon.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[frames[s] for s in ICO_SIZES[:-1]])
    print(f"写出 {out_dir / 'icon.svg'}、icon.png、icon.ico")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "resources")
