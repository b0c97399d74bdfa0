"""汇总: the region's figures, every cell of tables 二, 三 and 四 summed over its units.

A blank cell is never taken as 0: a total over units of which any left the cell blank (or
wrote something that is not a valid number) is itself blank, and ``blanks`` lists which units
left which cells blank. ``blank_as_zero=True`` counts blanks as 0 instead — every output then
says so. The result is a report (organ "{region}（汇总）") that renders through the normal
templates; when every unit's report carries last year's, last year is summed the same way and
kept as the summary's ``previous``.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

from .. import schema
from ..errors import ComposerError, OutputError
from ..report import Report
from ..values import Value, format_value, value_problem
from . import metrics
from .batch import BatchResult
from .outputs import output_suffix, save_bytes

_log = logging.getLogger(__name__)

FORMATS = {".xlsx": "Excel 工作簿", ".json": "报告 JSON", ".docx": "Word 文档", ".html": "网页"}


class NothingToSummarize(ComposerError):
    """No readable report to add up."""


@dataclass
class Summary:
    region: str
    year: int | None
    units: list[tuple[str, Report]]  # (unit label, unique), in the batch's order
    totals: dict[str, Value]
    blanks: dict[str, list[str]]  # cell path -> units that left it blank
    invalid: dict[str, list[str]]  # cell path -> units whose value is not a valid number
    blank_as_zero: bool = False
    other_years: list[str] = field(default_factory=list)  # units whose year is not the summary's
    previous: Summary | None = None
    areas: dict[str, str] = field(default_factory=dict)  # unit label -> its subfolder (the region tree)

    def by_area(self) -> list[tuple[str, Summary]]:
        """Subtotals per top-level subfolder (街道、乡镇、部门…), units of the folder itself as “本级”,
        summed by the same rule as the whole."""
        groups: dict[str, list[tuple[str, Report]]] = {}
        for unit, report in self.units:
            groups.setdefault(self.areas.get(unit) or "本级", []).append((unit, report))
        return [(area, summarize(members, area, blank_as_zero=self.blank_as_zero, with_previous=False))
                for area, members in groups.items()]

    @property
    def organ(self) -> str:
        return f"{self.region}（汇总）"

    @property
    def blank_rule(self) -> str:
        if self.blank_as_zero:
            return "空白单元格按 0 计入合计（--blank-as-zero）；留空的单位见“空白单元格”清单。"
        return "任一单位留空的单元格，合计也留空（空白不按 0 计）；留空的单位见“空白单元格”清单。"

    def report(self) -> Report:
        """The summary as a report: renders through the normal templates, checks like any other."""
        year = self.year
        report = Report(year=year, organ=self.organ,
                        title=f"{year}年{self.organ}政府信息公开工作年度报告" if year else f"{self.organ}政府信息公开工作年度报告",
                        preamble=f"本报告由{self.region}所属 {len(self.units)} 个单位的年度报告汇总生成。{self.blank_rule}",
                        signature_organ=self.region)
        report.cells.update(self.totals)
        report.fee_notices = _sum_fee_notices([r for _, r in self.units], self.blank_as_zero)
        if self.previous is not None:
            report.previous = self.previous.report()
            report.previous.previous = None
        return report

    def to_json(self) -> dict[str, Any]:
        """What the summary adds beside the report JSON (key ``summary``)."""
        return {"region": self.region, "units": [u for u, _ in self.units], "blank_as_zero": self.blank_as_zero,
                "blank_rule": self.blank_rule, "blank_cells": {p: list(us) for p, us in self.blanks.items()},
                "invalid_cells": {p: list(us) for p, us in self.invalid.items()},
                "other_years": list(self.other_years)}


def _valid(value: Value, kind: str) -> bool:
    return value is not None and value_problem(value, kind) is None


def _add(values: list[Value]) -> Value:
    total: int | Decimal = 0
    for v in values:
        if v is not None:
            total += v
    return total


def _sum_fee_notices(reports: list[Report], blank_as_zero: bool) -> dict[str, Value] | None:
    if not reports or any(r.fee_notices is None for r in reports):
        return None
    out: dict[str, Value] = {}
    for key, _, kind in schema.FEE_NOTICES:
        values = [r.fee_notices.get(key) if r.fee_notices else None for r in reports]
        usable = all(_valid(v, kind) or (blank_as_zero and v is None) for v in values)
        out[key] = _add(values) if usable else None
    return out


def summarize(units: Sequence[tuple[str, Report]], region: str, *, blank_as_zero: bool = False,
              with_previous: bool = True, areas: dict[str, str] | None = None) -> Summary:
    """Sum every table cell over ``units`` ((label, report) pairs with unique labels); ``areas``
    names each unit's subfolder for the subtotals."""
    if not units:
        raise NothingToSummarize("没有可以汇总的报告（文件夹中没有能读取的报告）")
    years = Counter(r.year for _, r in units if r.year is not None)
    year = years.most_common(1)[0][0] if years else None
    totals: dict[str, Value] = {}
    blanks: dict[str, list[str]] = {}
    invalid: dict[str, list[str]] = {}
    for cell in schema.CELLS:
        values = [r.cells[cell.path] for _, r in units]
        blank_units = [u for (u, _), v in zip(units, values) if v is None]
        bad_units = [u for (u, _), v in zip(units, values) if v is not None and not _valid(v, cell.kind)]
        if blank_units:
            blanks[cell.path] = blank_units
        if bad_units:
            invalid[cell.path] = bad_units
        if bad_units or (blank_units and not blank_as_zero):
            totals[cell.path] = None
        else:
            totals[cell.path] = _add(values)
    summary = Summary(region, year, list(units), totals, blanks, invalid, blank_as_zero,
                      [u for u, r in units if r.year != year], areas=dict(areas or {}))
    previous = [(u, r.previous) for u, r in units if r.previous is not None]
    if with_previous and len(previous) == len(units):
        summary.previous = summarize([(u, r) for u, r in previous if r is not None], region,
                                     blank_as_zero=blank_as_zero, with_previous=False)
    return summary


def unit_labels(batch: BatchResult) -> list[tuple[str, Report]]:
    """(label, report) of every readable unit; a name two files share gets the file added."""
    readable = batch.readable
    names = Counter(u.unit for u in readable)
    out = []
    for u in readable:
        assert u.report is not None
        out.append((u.unit if names[u.unit] == 1 else f"{u.unit}（{u.relative}）", u.report))
    return out


def summarize_batch(batch: BatchResult, region: str | None = None, *, blank_as_zero: bool = False) -> Summary:
    name = region or (Path(batch.root).name if batch.root else "") or "本地区"
    labels = unit_labels(batch)
    areas = {label: (unit.region[0] if unit.region else "")
             for (label, _), unit in zip(labels, batch.readable)}
    return summarize(labels, name, blank_as_zero=blank_as_zero, areas=areas)


# ---------------------------------------------------------------- outputs


def write_summary(summary: Summary, path: str | os.PathLike[str]) -> None:
    """Write the 汇总; the format follows the suffix (.xlsx, .json, .docx, .html)."""
    out = Path(path)
    suffix = output_suffix(out, FORMATS, "汇总")
    if suffix == ".json":
        from ..report import save_report

        try:
            save_report(summary.report(), out, extra={"summary": summary.to_json()})
        except OSError as err:
            from ..fileio import os_error_message

            raise OutputError(f"无法写入文件（{os_error_message(err)}）", source=os.fspath(path)) from None
    elif suffix == ".docx":
        from ..render import render

        render(summary.report(), out, blank_as_zero=False)
    elif suffix == ".html":

        save_bytes(summary_html(summary).encode("utf-8"), out)
    else:
        _write_xlsx(summary, out)


def _fmt(value: Value) -> str:
    return format_value(value)


def summary_html(summary: Summary) -> str:
    from .charts import bar_chart_svg, top_units
    from .page import official_table, page, simple_table

    report = summary.report()
    prev = report.previous
    parts = [f"<p>{escape(summary.region)}，{summary.year or '年度未知'}年度，共 {len(summary.units)} 个单位。"
             f"{escape(summary.blank_rule)}</p>"]
    if summary.other_years:
        parts.append(f"<p>年度与汇总年度不同的单位：{escape('、'.join(summary.other_years))}</p>")
    # charts: unit against unit, this year against last year
    per_unit = {u: metrics.key_figures(r)["本年新收申请"] for u, r in summary.units}
    names, values, note = top_units(per_unit)
    charts = [bar_chart_svg("各单位本年新收申请", names, [("本年", values)], note)]
    cats = metrics.result_categories(report)
    series = [("本年", list(cats.values()))]
    new = metrics.new_by_applicant(report)
    new_series = [("本年", list(new.values()))]
    if prev is not None:
        series.insert(0, ("上年", list(metrics.result_categories(prev).values())))
        new_series.insert(0, ("上年", list(metrics.new_by_applicant(prev).values())))
    charts.append(bar_chart_svg("本年新收申请（按申请人）", list(new), new_series))
    charts.append(bar_chart_svg("办理结果（按类别）", list(cats), series))
    by_unit = {u: metrics.result_categories(r) for u, r in summary.units}
    names, _, note = top_units({u: metrics.key_figures(r)["办理结果总计"] for u, r in summary.units}, 15)
    charts.append(bar_chart_svg("各单位办理结果（按类别）", names,
                                [(cat, [by_unit[u][cat] for u in names]) for cat, _ in metrics.RESULT_CATEGORIES],
                                note))
    parts.append('<h2>图表</h2><div class="charts">' + "".join(charts) + "</div>")
    header, rows = _key_rows(summary)
    parts.append("<h2>各单位主要数字</h2>" + simple_table(header, rows, [""] * (len(rows) - 1) + ["blank"]))
    area_header, area_rows = _area_rows(summary)
    if len(area_rows) > 1:
        parts.append("<h2>按地区小计</h2>" + simple_table(area_header, area_rows))
    parts.append("<h2>汇总表</h2>")

    def cell(path: str) -> tuple[str, str]:
        value = summary.totals[path]
        return (escape(_fmt(value)), "blank" if value is None else "")

    for table in schema.TABLE_KEYS:
        parts.append(official_table(table, cell))
    if summary.blanks or summary.invalid:
        blank_rows = [[schema.cell_name(p), "、".join(us)] for p, us in summary.blanks.items()]
        blank_rows += [[schema.cell_name(p), "数值不合规：" + "、".join(us)] for p, us in summary.invalid.items()]
        parts.append("<h2>空白单元格</h2>" + simple_table(["单元格", "留空的单位"], blank_rows))
    return page(f"{summary.year or ''}年{summary.organ}", "\n".join(parts))


def _area_rows(summary: Summary) -> tuple[list[str], list[list[object]]]:
    names = [n for n, _ in metrics.KEY_FIGURES]
    rows: list[list[object]] = []
    for area, sub in summary.by_area():
        report = sub.report()
        figures = metrics.key_figures(report)
        rows.append([area, len(sub.units), *(figures[n] for n in names), metrics.disclosure_rate(report).text])
    return ["地区", "单位数", *names, "公开率"], rows


def _key_rows(summary: Summary) -> tuple[list[str], list[list[object]]]:
    names = [n for n, _ in metrics.KEY_FIGURES]
    header = ["单位", *names, "公开率"]
    rows: list[list[object]] = []
    for unit, report in summary.units:
        figures = metrics.key_figures(report)
        rows.append([unit, *(figures[n] for n in names), metrics.disclosure_rate(report).text])
    total_report = summary.report()
    totals = metrics.key_figures(total_report)
    rows.append(["合计", *(totals[n] for n in names), metrics.disclosure_rate(total_report).text])
    return header, rows


def _write_xlsx(summary: Summary, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.utils import get_column_letter

    from .xlsx import BOLD, HEADER_FILL, save_workbook, write_table

    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    names = [n for n, _ in metrics.KEY_FIGURES]
    header = ["单位", "年度", *names, "公开率"]
    rows = []
    for unit, report in summary.units:
        figures = metrics.key_figures(report)
        rate = metrics.disclosure_rate(report).value
        rows.append([unit, report.year, *(figures[n] for n in names), None if rate is None else float(rate)])
    n = write_table(ws, header, rows)
    first, last = 2, n + 1
    total_row = last + 1
    ws.cell(total_row, 1, "合计").font = BOLD
    col_of = {name: get_column_letter(3 + i) for i, name in enumerate(names)}
    for letter in col_of.values():
        rng = f"{letter}{first}:{letter}{last}"
        formula = f"=SUM({rng})" if summary.blank_as_zero else f'=IF(COUNTBLANK({rng})>0,"",SUM({rng}))'
        ws[f"{letter}{total_row}"] = formula
    rate_col = get_column_letter(3 + len(names))
    g, p, t = col_of["予以公开"], col_of["部分公开"], col_of["办理结果总计"]
    for r in range(first, total_row + 1):
        if r == total_row:
            ws[f"{rate_col}{r}"] = (f'=IF(OR({g}{r}="",{p}{r}="",{t}{r}="",{t}{r}=0),"",({g}{r}+{p}{r})/{t}{r})')
        ws[f"{rate_col}{r}"].number_format = "0.0%"
    for cell in ws[total_row]:
        cell.fill = HEADER_FILL
        cell.font = BOLD
    ws.auto_filter.ref = f"A1:{rate_col}{last}"  # the total row stays out of sorting
    note_row = total_row + 2
    ws.cell(note_row, 1, summary.blank_rule)
    if n:
        chart = BarChart()
        chart.type = "bar"
        chart.title = "各单位本年新收申请"
        new_col = 3 + names.index("本年新收申请")
        chart.add_data(Reference(ws, min_col=new_col, min_row=1, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
        chart.height = min(100, max(7.5, 0.5 * n + 2))
        chart.width = 18
        ws.add_chart(chart, f"{get_column_letter(len(header) + 2)}2")

    # every cell: the total and each unit
    ws_cells = wb.create_sheet("全部单元格")
    cell_header = ["表", "单元格", "合计", *(u for u, _ in summary.units)]
    cell_rows = []
    states = []
    for cell in schema.CELLS:
        total = summary.totals[cell.path]
        cell_rows.append([f"表{schema.TABLE_NUMBERS[cell.table]}", cell.name, _number(total),
                          *(_number(r.cells[cell.path]) for _, r in summary.units)])
        states.append("blank" if total is None else None)
    write_table(ws_cells, cell_header, cell_rows, states)
    ws_cells.freeze_panes = "D2"

    ws_area = wb.create_sheet("按地区")
    area_header, area_rows = _area_rows(summary)
    write_table(ws_area, area_header, area_rows)

    # results by category and new applications by applicant, this year against last year
    ws_chart = wb.create_sheet("图表")
    report = summary.report()
    prev = report.previous
    _category_block(ws_chart, 1, "办理结果（按类别）", metrics.result_categories(report),
                    metrics.result_categories(prev) if prev else None, BarChart, Reference, "E1")
    _category_block(ws_chart, 12, "本年新收申请（按申请人）", metrics.new_by_applicant(report),
                    metrics.new_by_applicant(prev) if prev else None, BarChart, Reference, "E18")
    _units_by_category(ws_chart, 23, summary, BarChart, Reference, "E35")

    ws_blank = wb.create_sheet("空白单元格")
    blank_rows = [[schema.cell_name(p), len(us), "、".join(us)] for p, us in summary.blanks.items()]
    blank_rows += [[schema.cell_name(p), len(us), "数值不合规：" + "、".join(us)] for p, us in summary.invalid.items()]
    write_table(ws_blank, ["单元格", "单位数", "留空的单位"], blank_rows, ["blank"] * len(blank_rows), wrap_columns=(2,))

    ws_note = wb.create_sheet("说明")
    for line in (("地区", summary.region), ("年度", summary.year), ("单位数", len(summary.units)),
                 ("空白单元格", summary.blank_rule),
                 ("年度不同的单位", "、".join(summary.other_years) or "无"),
                 ("上年数", "各单位报告均带有上年数据，已一并汇总" if prev else "部分单位没有上年数据，未汇总上年")):
        ws_note.append(list(line))
    ws_note.column_dimensions["A"].width = 16
    ws_note.column_dimensions["B"].width = 90
    save_workbook(wb, path)


def _number(value: Value) -> int | float | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _units_by_category(ws: Any, row: int, summary: Summary, bar_chart: Any, reference: Any, anchor: str) -> None:
    """各单位办理结果（按类别）: a row per unit, a column per category, and a stacked bar chart."""
    from .xlsx import BOLD, HEADER_FILL

    title = "各单位办理结果（按类别）"
    ws.cell(row, 1, title).font = BOLD
    categories = [name for name, _ in metrics.RESULT_CATEGORIES]
    for j, h in enumerate(["单位", *categories]):
        c = ws.cell(row + 1, 1 + j, h)
        c.font = BOLD
        c.fill = HEADER_FILL
    for i, (unit, report) in enumerate(summary.units):
        values = metrics.result_categories(report)
        ws.cell(row + 2 + i, 1, unit)
        for j, name in enumerate(categories):
            ws.cell(row + 2 + i, 2 + j, values[name])
    end = row + 1 + len(summary.units)
    chart = bar_chart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = title
    chart.add_data(reference(ws, min_col=2, max_col=1 + len(categories), min_row=row + 1, max_row=end),
                   titles_from_data=True)
    chart.set_categories(reference(ws, min_col=1, min_row=row + 2, max_row=end))
    chart.width = 18
    chart.height = min(100, max(7.5, 0.5 * len(summary.units) + 3))
    ws.add_chart(chart, anchor)


def _category_block(ws: Any, row: int, title: str, this: dict[str, int | None], last: dict[str, int | None] | None,
                    bar_chart: Any, reference: Any, anchor: str) -> None:
    from .xlsx import BOLD, HEADER_FILL

    ws.cell(row, 1, title).font = BOLD
    head = ["类别", *(["上年"] if last is not None else []), "本年"]
    for j, h in enumerate(head):
        c = ws.cell(row + 1, 1 + j, h)
        c.font = BOLD
        c.fill = HEADER_FILL
    for i, name in enumerate(this):
        values = [*([last[name]] if last is not None else []), this[name]]
        ws.cell(row + 2 + i, 1, name)
        for j, v in enumerate(values):
            ws.cell(row + 2 + i, 2 + j, v)
    ws.column_dimensions["A"].width = 18
    chart = bar_chart()
    chart.type = "bar"
    chart.title = title
    end = row + 1 + len(this)
    chart.add_data(reference(ws, min_col=2, max_col=len(head), min_row=row + 1, max_row=end), titles_from_data=True)
    chart.set_categories(reference(ws, min_col=1, min_row=row + 2, max_row=end))
    chart.width = 16
    ws.add_chart(chart, anchor)
