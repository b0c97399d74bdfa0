"""The colours that mean something: error, warning, blank cell — the same in the window's grids,
its findings panel and prose highlights, the HTML outputs and the Excel 问题清单.

Print-like tints, readable on paper and on a dim office screen; the three states differ in
lightness too, so they stay distinct without colour vision. Hex strings: the core stays Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Shade:
    fill: str  # cell or text background
    text: str  # foreground on that fill, and for counts in headlines
    name: str  # the legend's word


SEVERITY_SHADES: dict[str, Shade] = {
    "error": Shade("#f6b8b0", "#8b0000", "错误"),
    "warning": Shade("#fce3a0", "#5c4300", "提醒"),
    "blank": Shade("#dfe8f3", "#1f3a5f", "空白"),
}
NEUTRAL_TEXT = "#1a1a1a"
MUTED_TEXT = "#6b6b6b"  # dismissed findings, last year's figures
LABEL_FILL = "#f2f2f2"
HEADER_FILL = "#e6e6e6"


def shade(state: str) -> Shade | None:
    """The shade of "error" | "warning" | "blank"; None for a cell with nothing to say."""
    return SEVERITY_SHADES.get(state)
