"""This year against last year: every table cell side by side with the change, for each
section the share of text taken from last year (``composer.rules.last_year.reused_share``, the
measure N.STALE uses) with a marked-up difference, and the derived figures of both years
(``composer.county.metrics``). Outputs: web page (with SVG charts), Excel (native charts), Word.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

from .. import schema
from ..report import Report
from ..rules.last_year import reused_share, sentences
from ..rules.tables import as_number
from ..values import Value, format_value
from . import metrics
from .outputs import output_suffix, save_bytes

FORMATS = {".html": "网页", ".xlsx": "Excel 工作簿", ".docx": "Word 文档"}


@dataclass(frozen=True)
class CellChange:
    path: str
    name: str
    last: Value
    this: Value

    @property
    def change(self) -> int | Decimal | None:
        """this − last, when both are valid numbers; else None."""
        kind = schema.CELL_BY_PATH[self.path].kind
        a, b = as_number(self.last, kind), as_number(self.this, kind)
        return None if a is None or b is None else b - a

    @property
    def changed(self) -> bool:
        return self.last != self.this

    @property
    def change_text(self) -> str:
        change = self.change
        if change is None:
            return "" if not self.changed else "—"
        return f"+{format_value(change)}" if change > 0 else f"−{format_value(-change)}" if change < 0 else "0"


@dataclass(frozen=True)
class DiffPiece:
    op: str  # "same" | "removed" | "added"
    text: str


@dataclass(frozen=True)
class SectionChange:
    key: str
    heading: str
    last: str
    this: str
    reused: float  # share of this year's text taken from last year (0…1)
    diff: tuple[DiffPiece, ...]

    @property
    def reused_text(self) -> str:
        return f"{round(self.reused * 100)}%" if self.this.strip() else "—"


@dataclass(frozen=True)
class MetricPair:
    key: str
    name: str
    definition: str
    last: metrics.Rate
    this: metrics.Rate


@dataclass
class Comparison:
    last: Report
    this: Report
    cells: list[CellChange]
    sections: list[SectionChange]
    metrics: list[MetricPair]

    @property
    def title(self) -> str:
        organ = self.this.organ or self.last.organ or "本单位"
        last = f"{self.last.year}年度" if self.last.year else "上年"
        this = f"{self.this.year}年度" if self.this.year else "本年"
        return f"{organ} {last}与{this}年度报告对比" if not self.this.year else f"{organ} {last}与{this}报告对比"

    def changed_cells(self) -> list[CellChange]:
        return [c for c in self.cells if c.changed]

    @property
    def cautions(self) -> list[str]:
        """What makes the two reports a doubtful pair (said, never refused: the clerk decides)."""
        out = []
        last_organ, this_organ = self.last.organ.strip(), self.this.organ.strip()
        if last_organ and this_organ and last_organ != this_organ:
            out.append(f"两份报告的机关不同（上年“{last_organ}”，本年“{this_organ}”），请确认没有选错文件")
        if self.last.year is not None and self.this.year is not None and self.this.year != self.last.year + 1:
            out.append(f"两份报告的年度不相邻（{self.last.year}年与{self.this.year}年）")
        return out


def diff_sentences(last: str, this: str) -> tuple[DiffPiece, ...]:
    """Sentence by sentence: kept, removed (last year only), added (this year only)."""
    a, b = sentences(last), sentences(this)
    out: list[DiffPiece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(DiffPiece("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(DiffPiece("removed", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(DiffPiece("added", "".join(b[j1:j2])))
    return tuple(out)


def compare(last: Report, this: Report) -> Comparison:
    cells = [CellChange(c.path, c.name, last.cells[c.path], this.cells[c.path]) for c in schema.CELLS]
    sections = [SectionChange(s.key, s.heading, last.sections[s.key], this.sections[s.key],
                              reused_share(last.sections[s.key], this.sections[s.key]),
                              diff_sentences(last.sections[s.key], this.sections[s.key]))
                for s in schema.SECTIONS]
    pairs = [MetricPair(m.key, m.name, m.definition, m.compute(last), m.compute(this)) for m in metrics.METRICS]
    return Comparison(last, this, cells, sections, pairs)


# ---------------------------------------------------------------- outputs


def write_comparison(comparison: Comparison, path: str | os.PathLike[str]) -> None:
    out = Path(path)
    suffix = output_suffix(out, FORMATS, "对比结果")

    if suffix == ".html":
        save_bytes(comparison_html(comparison).encode("utf-8"), out)
    elif suffix == ".xlsx":
        _write_xlsx(comparison, out)
    else:
        save_bytes(_docx_bytes(comparison), out)


def year_names(comparison: Comparison) -> tuple[str, str]:
    last = f"{comparison.last.year}年" if comparison.last.year else "上年"
    this = f"{comparison.this.year}年" if comparison.this.year else "本年"
    return last, this


def chart_data(comparison: Comparison) -> list[tuple[str, list[str], list[tuple[str, list[int | None]]]]]:
    """The comparison's charts: (title, categories, [(series name, values)])."""
    last_name, this_name = year_names(comparison)
    new_last, new_this = metrics.new_by_applicant(comparison.last), metrics.new_by_applicant(comparison.this)
    res_last, res_this = metrics.result_categories(comparison.last), metrics.result_categories(comparison.this)
    return [
        ("本年新收申请（按申请人）", list(new_this), [(last_name, list(new_last.values())),
                                                 (this_name, list(new_this.values()))]),
        ("办理结果（按类别）", list(res_this), [(last_name, list(res_last.values())),
                                          (this_name, list(res_this.values()))]),
    ]


def diff_html(pieces: tuple[DiffPiece, ...]) -> str:
    out = []
    for piece in pieces:
        text = escape(piece.text).replace("\n", "<br>")
        out.append(text if piece.op == "same" else f"<del>{text}</del>" if piece.op == "removed" else f"<ins>{text}</ins>")
    return "".join(out)


def comparison_html(comparison: Comparison) -> str:
    from .charts import bar_chart_svg
    from .page import official_table, page, simple_table

    last_name, this_name = year_names(comparison)
    parts = [f'<p class="caution">{escape(text)}</p>' for text in comparison.cautions]
    parts += ["<h2>主要指标</h2>",
             simple_table(["指标", "计算方法", last_name, this_name],
                          [[m.name, m.definition, f"{m.last.text}（{m.last.fraction_text}）",
                            f"{m.this.text}（{m.this.fraction_text}）"] for m in comparison.metrics])]
    parts.append('<h2>图表</h2><div class="charts">'
                 + "".join(bar_chart_svg(t, c, s) for t, c, s in chart_data(comparison)) + "</div>")
    by_path = {c.path: c for c in comparison.cells}

    def cell(path: str) -> tuple[str, str]:
        c = by_path[path]
        text = f"{escape(format_value(c.this)) or '空白'}"
        if c.changed:
            text += f'<br><span class="muted">上年 {escape(format_value(c.last)) or "空白"}'
            text += f"（{escape(c.change_text)}）</span>" if c.change_text else "</span>"
        return text, "changed" if c.changed else ""

    parts.append("<h2>表格（本年数，有变化的单元格标出上年数和增减）</h2>")
    for table in schema.TABLE_KEYS:
        parts.append(official_table(table, cell))
    changed = comparison.changed_cells()
    parts.append(f"<h3>有变化的单元格（{len(changed)} 个）</h3>")
    parts.append(simple_table(["单元格", last_name, this_name, "增减"],
                              [[c.name, format_value(c.last), format_value(c.this), c.change_text] for c in changed]))
    parts.append("<h2>正文</h2><p class=\"muted\">删除线为上年有、本年删去的句子，底色为本年新写的句子。</p>")
    for s in comparison.sections:
        parts.append(f"<h3>{escape(s.heading)}（沿用上年文字 {s.reused_text}）</h3>")
        parts.append(f"<p>{diff_html(s.diff)}</p>" if s.diff else '<p class="muted">两年均无正文</p>')
    return page(comparison.title, "\n".join(parts))


def _xl(value: Value) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _write_xlsx(comparison: Comparison, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    from .xlsx import BOLD, HEADER_FILL, save_workbook, write_table

    last_name, this_name = year_names(comparison)
    wb = Workbook()
    ws = wb.active
    ws.title = "表格对比"
    rows = [[c.name, _xl(c.last), _xl(c.this), _xl(c.change)] for c in comparison.cells]
    write_table(ws, ["单元格", last_name, this_name, "增减"], rows,
                ["warning" if c.changed else None for c in comparison.cells])
    ws_m = wb.create_sheet("指标")
    write_table(ws_m, ["指标", "计算方法", last_name, this_name],
                [[m.name, m.definition, _rate(m.last), _rate(m.this)] for m in comparison.metrics])
    for row in ws_m.iter_rows(min_row=2, min_col=3, max_col=4):
        for cell in row:
            cell.number_format = "0.0%"
    ws_t = wb.create_sheet("正文")
    write_table(ws_t, ["部分", "沿用上年文字", f"{last_name}正文", f"{this_name}正文"],
                [[s.heading, round(s.reused, 3) if s.this.strip() else None, s.last, s.this]
                 for s in comparison.sections],
                ["warning" if s.this.strip() and s.reused >= 0.9 else None for s in comparison.sections],
                wrap_columns=(2, 3))
    for row in ws_t.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = "0%"
    ws_c = wb.create_sheet("图表")
    row = 1
    for i, (title, categories, series) in enumerate(chart_data(comparison)):
        ws_c.cell(row, 1, title).font = BOLD
        for j, h in enumerate(["类别", *(name for name, _ in series)]):
            c = ws_c.cell(row + 1, 1 + j, h)
            c.font = BOLD
            c.fill = HEADER_FILL
        for k, category in enumerate(categories):
            ws_c.cell(row + 2 + k, 1, category)
            for j, (_, values) in enumerate(series):
                ws_c.cell(row + 2 + k, 2 + j, values[k])
        chart = BarChart()
        chart.type = "bar"
        chart.title = title
        end = row + 1 + len(categories)
        chart.add_data(Reference(ws_c, min_col=2, max_col=1 + len(series), min_row=row + 1, max_row=end),
                       titles_from_data=True)
        chart.set_categories(Reference(ws_c, min_col=1, min_row=row + 2, max_row=end))
        chart.width = 16
        ws_c.add_chart(chart, f"E{1 + i * 16}")
        row = end + 3
    ws_c.column_dimensions["A"].width = 18
    save_workbook(wb, path)


def _rate(rate: metrics.Rate) -> float | None:
    value = rate.value
    return None if value is None else float(value)


def _docx_bytes(comparison: Comparison) -> bytes:
    import io

    from docx import Document
    from docx.shared import Pt, RGBColor

    last_name, this_name = year_names(comparison)
    doc = Document()
    doc.add_heading(comparison.title, level=1)
    doc.add_heading("主要指标", level=2)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["指标", "计算方法", last_name, this_name]):
        cell.text = text
    for m in comparison.metrics:
        cells = table.add_row().cells
        for cell, text in zip(cells, [m.name, m.definition, f"{m.last.text}（{m.last.fraction_text}）",
                                      f"{m.this.text}（{m.this.fraction_text}）"]):
            cell.text = text
    changed = comparison.changed_cells()
    doc.add_heading(f"有变化的单元格（{len(changed)} 个）", level=2)
    if changed:
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ["单元格", last_name, this_name, "增减"]):
            cell.text = text
        for c in changed:
            cells = table.add_row().cells
            for cell, text in zip(cells, [c.name, format_value(c.last), format_value(c.this), c.change_text]):
                cell.text = text
    else:
        doc.add_paragraph("两年的表格数字完全相同。")
    doc.add_heading("正文", level=2)
    doc.add_paragraph("删除线为上年有、本年删去的句子，红色下划线为本年新写的句子。")
    for s in comparison.sections:
        doc.add_heading(f"{s.heading}（沿用上年文字 {s.reused_text}）", level=3)
        para = doc.add_paragraph()
        for piece in s.diff:
            run = para.add_run(piece.text)
            run.font.size = Pt(11)
            if piece.op == "removed":
                run.font.strike = True
                run.font.color.rgb = RGBColor(0x6B, 0x6B, 0x6B)
            elif piece.op == "added":
                run.font.underline = True
                run.font.color.rgb = RGBColor(0x8B, 0x00, 0x00)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
