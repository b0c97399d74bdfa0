"""HTML pieces shared by the county's web-page outputs: the page frame (print-friendly, the
palette's colours, no script, nothing loaded from elsewhere) and the official tables laid out
from the schema with any values."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from .. import palette, schema

_CSS = f"""
body {{ font-family: 'Microsoft YaHei','PingFang SC','Noto Sans CJK SC',sans-serif; color: {palette.NEUTRAL_TEXT};
       margin: 24px; font-size: 14px; }}
h1 {{ font-size: 22px; }} h2 {{ font-size: 18px; margin-top: 28px; }} h3 {{ font-size: 15px; }}
table {{ border-collapse: collapse; margin: 8px 0 16px; }}
th, td {{ border: 1px solid #999; padding: 3px 6px; vertical-align: top; }}
th {{ background: {palette.HEADER_FILL}; font-weight: bold; }}
td.num {{ text-align: right; white-space: nowrap; }}
td.label {{ background: {palette.LABEL_FILL}; }}
tr.error td {{ background: {palette.SEVERITY_SHADES['error'].fill}; color: {palette.SEVERITY_SHADES['error'].text}; }}
tr.warning td {{ background: {palette.SEVERITY_SHADES['warning'].fill}; color: {palette.SEVERITY_SHADES['warning'].text}; }}
td.blank, tr.blank td {{ background: {palette.SEVERITY_SHADES['blank'].fill}; }}
td.changed {{ background: {palette.SEVERITY_SHADES['warning'].fill}; }}
.muted {{ color: {palette.MUTED_TEXT}; }}
.caution {{ background: {palette.SEVERITY_SHADES['warning'].fill}; color: {palette.SEVERITY_SHADES['warning'].text};
            padding: 6px 10px; }}
del {{ background: {palette.SEVERITY_SHADES['error'].fill}; }}
ins {{ background: #d8efd2; text-decoration: none; }}
.charts svg {{ margin: 8px 16px 16px 0; vertical-align: top; }}
"""


def page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{_CSS}</style></head><body><h1>{escape(title)}</h1>\n{body}\n</body></html>\n")


def simple_table(header: Sequence[str], rows: Sequence[Sequence[object]], row_classes: Sequence[str] | None = None) -> str:
    out = ["<table><thead><tr>", *(f"<th>{escape(h)}</th>" for h in header), "</tr></thead><tbody>"]
    for i, row in enumerate(rows):
        cls = row_classes[i] if row_classes else ""
        out.append(f'<tr class="{cls}">' if cls else "<tr>")
        for value in row:
            text = "" if value is None else str(value)
            num = isinstance(value, (int, float)) and not isinstance(value, bool)
            out.append(f'<td class="num">{escape(text)}</td>' if num else f"<td>{escape(text)}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def official_table(table: str, cell_html: Callable[[str], tuple[str, str]]) -> str:
    """One official table laid out as printed (merged header and label cells from the schema);
    ``cell_html(path)`` gives each value cell's (inner HTML, CSS class)."""
    lay = schema.layout(table)
    grid: dict[int, list[str]] = {r: [] for r in range(lay.n_rows)}
    for c in lay.cells:
        span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
        if c.role == "value" and c.path is not None:
            inner, cls = cell_html(c.path)
            grid[c.row].append(f'<td class="num {cls}"{span}>{inner}</td>')
        elif c.role in ("header", "corner", "title"):
            grid[c.row].append(f"<th{span}>{escape(c.text)}</th>")
        else:
            grid[c.row].append(f'<td class="label"{span}>{escape(c.text)}</td>')
    rows = "".join(f"<tr>{''.join(cells)}</tr>" for _, cells in sorted(grid.items()))
    return f"<h3>表{lay.number}</h3><table>{rows}</table>"
