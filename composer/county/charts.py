"""Bar charts as inline SVG, drawn by this small module: nothing fetched, nothing bundled.

Horizontal grouped bars (one group per category, one bar per series), so that long Chinese
labels read across rather than slanted. A blank value (None) draws no bar and prints "空白".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

Number = int | float | None

# last year grey, this year blue; then distinct hues for categories (results by kind)
SERIES_COLOURS = ("#9aa5b1", "#2f6fb0", "#c2803a", "#4e8f5a", "#7d5ba6", "#b5483f")
_FONT = "font-family:'Microsoft YaHei','PingFang SC','Noto Sans CJK SC',sans-serif"
_LABEL_WIDTH_PER_CHAR = 13
_BAR = 14
_GAP = 10
_PLOT = 360


def _colour(index: int, n_series: int) -> str:
    """A single series is "this year" (blue); with several, the first is last year (grey)."""
    return SERIES_COLOURS[1] if n_series == 1 else SERIES_COLOURS[index % len(SERIES_COLOURS)]


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    step = 1.0
    while step * 10 < value:
        step *= 10
    for factor in (1, 2, 5, 10):
        if step * factor >= value:
            return step * factor
    return step * 10  # pragma: no cover - the loop ends at 10


def bar_chart_svg(title: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence[Number]]],
                  note: str = "") -> str:
    """An SVG element (text) with ``title``, one bar group per category and a legend."""
    label_width = max([len(c) for c in categories] + [4]) * _LABEL_WIDTH_PER_CHAR + 12
    group_height = _BAR * len(series) + _GAP
    top = 44
    height = top + group_height * len(categories) + 40 + (18 if note else 0)
    width = label_width + _PLOT + 70
    values = [v for _, vs in series for v in vs if v is not None]
    scale_max = _nice_max(max(values, default=0))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" style="{_FONT};font-size:12px">',
        f'<text x="8" y="18" style="font-size:14px;font-weight:bold">{escape(title)}</text>',
    ]
    x = 8
    for i, (name, _) in enumerate(series):  # legend
        colour = _colour(i, len(series))
        parts.append(f'<rect x="{x}" y="26" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{x + 14}" y="35">{escape(name)}</text>')
        x += 14 + 13 * len(name) + 16
    y = top
    for ci, category in enumerate(categories):
        parts.append(f'<text x="{label_width - 6}" y="{y + group_height / 2 + 2:.0f}" '
                     f'text-anchor="end">{escape(category)}</text>')
        for si, (_, vs) in enumerate(series):
            value = vs[ci]
            by = y + si * _BAR
            if value is None:
                parts.append(f'<text x="{label_width + 4}" y="{by + _BAR - 3}" fill="#6b6b6b">空白</text>')
                continue
            w = _PLOT * value / scale_max
            colour = _colour(si, len(series))
            parts.append(f'<rect x="{label_width}" y="{by}" width="{w:.1f}" height="{_BAR - 2}" fill="{colour}">'
                         f'<title>{escape(category)}：{value}</title></rect>'
                         f'<text x="{label_width + w + 4:.1f}" y="{by + _BAR - 3}">{value}</text>')
        y += group_height
    parts.append(f'<line x1="{label_width}" y1="{top - 4}" x2="{label_width}" y2="{y}" stroke="#1a1a1a"/>')
    parts.append(f'<text x="{label_width}" y="{y + 16}" fill="#6b6b6b">0</text>'
                 f'<text x="{label_width + _PLOT}" y="{y + 16}" text-anchor="end" fill="#6b6b6b">'
                 f'{scale_max:g}</text>')
    if note:
        parts.append(f'<text x="8" y="{y + 34}" fill="#6b6b6b">{escape(note)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def top_units(values: Mapping[str, Number], limit: int = 30) -> tuple[list[str], list[Number], str]:
    """The ``limit`` units with the largest values (blanks last), and a note when some are left out."""
    ordered = sorted(values.items(), key=lambda kv: (kv[1] is None, -(kv[1] or 0)))
    shown = ordered[:limit]
    note = f"只显示数字最大的 {limit} 个单位（共 {len(values)} 个）" if len(values) > limit else ""
    return [k for k, _ in shown], [v for _, v in shown], note
