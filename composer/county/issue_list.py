"""The 问题清单: every finding of a batch, to send back to the units — as an Excel workbook
(a summary sheet, one sheet of all findings, one sheet per unit), a CSV file or a web page.

Columns of a finding row: 单位, 类别 (错误 / 提醒 / 无法读取), 规则 (id and the rule's name from
``composer.rules.RULES``), 位置 (the cells or section as the printed report names them), 说明
(the finding's message), 应填 (the value the cell should hold, where the rules know it) and
改正方法 (the rule's ``fix`` text). Error rows are painted with the palette's error fill,
warnings with its warning fill.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from html import escape
from pathlib import Path

from .. import schema
from ..errors import OutputError
from ..rules import RULES, SEVERITY_NAMES, Finding
from ..values import format_value
from .batch import STATUS_UNREADABLE, UnitResult
from .outputs import output_suffix, save_bytes
from .page import page, simple_table

FINDING_HEADER = ("单位", "类别", "规则", "位置", "说明", "应填", "改正方法")
SUMMARY_HEADER = ("单位", "地区", "文件", "年度", "错误数", "提醒数", "状态")
UNIT_HEADER = FINDING_HEADER[1:]
FORMATS = {".xlsx": "Excel 工作簿", ".csv": "CSV 表格", ".html": "网页"}
_MAX_PLACES = 4  # cells named in 位置 before "等 N 格"


@dataclass(frozen=True)
class Row:
    """One line of the 问题清单."""

    unit: str
    category: str  # 错误 | 提醒 | 无法读取
    rule: str
    place: str
    message: str
    expected: str
    fix: str
    state: str  # "error" | "warning": the row's colour

    def cells(self) -> tuple[str, ...]:
        return (self.unit, self.category, self.rule, self.place, self.message, self.expected, self.fix)


def place(finding: Finding) -> str:
    """Where the finding is, as the printed report names it: cells, a field or a section."""
    names = [schema.cell_name(p) for p in finding.cells]
    if not names:
        return ""
    shown = "；".join(names[:_MAX_PLACES])
    if len(names) > _MAX_PLACES:
        shown += f" 等 {len(names)} 处"
    if finding.excerpt:
        shown += f"（“{finding.excerpt}”）"
    return shown


def finding_row(unit: str, finding: Finding) -> Row:
    rule = RULES.get(finding.rule)
    return Row(unit, SEVERITY_NAMES.get(finding.severity, finding.severity),
               f"{finding.rule} {rule.name}" if rule else finding.rule, place(finding), finding.message,
               format_value(finding.expected), rule.fix if rule else "", finding.severity)


def unit_rows(unit: UnitResult) -> list[Row]:
    """The unit's lines: its findings in check() order, or one line saying why it is unreadable."""
    if unit.error is not None:
        return [Row(unit.unit, STATUS_UNREADABLE, "", unit.relative, unit.error, "",
                    "请确认文件是本单位的年度报告（Word、网页、PDF、文本或报告 JSON），未加密、未损坏后重新报送。",
                    "error")]
    return [finding_row(unit.unit, f) for f in unit.findings]


def all_rows(units: list[UnitResult]) -> list[Row]:
    return [row for unit in units for row in unit_rows(unit)]


def summary_rows(units: list[UnitResult]) -> list[tuple[object, ...]]:
    return [(u.unit, "/".join(u.region), u.relative, u.year, None if u.error else u.errors,
             None if u.error else u.warnings, u.status_text) for u in units]


def _summary_state(unit: UnitResult) -> str | None:
    return "error" if unit.error is not None or unit.errors else None


# ---------------------------------------------------------------- writers


def write_issue_list(units: list[UnitResult], path: str | os.PathLike[str]) -> None:
    """Write the 问题清单 for ``units``; the format follows the suffix (.xlsx, .csv, .html)."""
    suffix = output_suffix(path, FORMATS, "问题清单")
    if suffix == ".xlsx":
        _write_xlsx(units, path)
    elif suffix == ".csv":
        _write_csv(units, path)
    else:
        _write_html(units, path)


def write_unit_lists(units: list[UnitResult], folder: str | os.PathLike[str], suffix: str = ".xlsx") -> list[Path]:
    """One 问题清单 per unit (``单位名-问题清单.xlsx``) in ``folder``, to send each its own."""
    out_dir = Path(folder)
    if not out_dir.is_dir():
        raise OutputError("保存位置的文件夹不存在", source=os.fspath(folder))
    written: list[Path] = []
    taken: set[str] = set()
    for unit in units:
        name = _file_stem(unit.unit, taken)
        target = out_dir / f"{name}-问题清单{suffix}"
        write_issue_list([unit], target)
        written.append(target)
    return written


_NOT_IN_FILE_NAMES = str.maketrans({c: "_" for c in '<>:"/\\|?*[]'})


def _file_stem(name: str, taken: set[str]) -> str:
    """A file name Windows accepts, unique among ``taken`` (case-insensitively)."""
    base = name.translate(_NOT_IN_FILE_NAMES).strip(" .")[:60] or "单位"
    stem, n = base, 2
    while stem.lower() in taken:
        stem = f"{base}({n})"
        n += 1
    taken.add(stem.lower())
    return stem


def _write_xlsx(units: list[UnitResult], path: str | os.PathLike[str]) -> None:
    from openpyxl import Workbook

    from .xlsx import save_workbook, sheet_title, write_table

    wb = Workbook()
    ws = wb.active
    ws.title = "概况"
    write_table(ws, SUMMARY_HEADER, summary_rows(units), [_summary_state(u) for u in units], wrap_columns=(6,))
    taken = {"概况", "全部问题"}
    rows = all_rows(units)
    ws_all = wb.create_sheet("全部问题")
    write_table(ws_all, FINDING_HEADER, [r.cells() for r in rows], [r.state for r in rows], wrap_columns=(4, 6))
    for unit in units:
        unit_lines = unit_rows(unit)
        ws_unit = wb.create_sheet(sheet_title(unit.unit, taken))
        write_table(ws_unit, UNIT_HEADER, [r.cells()[1:] for r in unit_lines], [r.state for r in unit_lines],
                    wrap_columns=(3, 5))
    save_workbook(wb, path)


def _write_csv(units: list[UnitResult], path: str | os.PathLike[str]) -> None:

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FINDING_HEADER)
    for row in all_rows(units):
        writer.writerow(row.cells())
    save_bytes(buffer.getvalue().encode("utf-8-sig"), path)  # the BOM tells Excel it is UTF-8


def _write_html(units: list[UnitResult], path: str | os.PathLike[str]) -> None:

    parts = ["<h2>概况</h2>",
             simple_table(list(SUMMARY_HEADER), [list(r) for r in summary_rows(units)],
                          [_summary_state(u) or "" for u in units])]
    for unit in units:
        lines = unit_rows(unit)
        parts.append(f"<h2>{escape(unit.unit)}</h2><p class=\"muted\">{escape(unit.relative)} · {escape(unit.status_text)}</p>")
        if lines:
            parts.append(simple_table(list(UNIT_HEADER), [list(r.cells()[1:]) for r in lines], [r.state for r in lines]))
        else:
            parts.append("<p>没有发现问题。</p>")
    save_bytes(page("问题清单", "\n".join(parts)).encode("utf-8"), path)
