"""Rules against last year's report: X.CARRY, X.INFORCE."""

from __future__ import annotations

from .. import schema
from ..report import Report
from ..values import format_value
from .finding import WARNING, Finding
from .registry import checker, define
from .tables import as_number

_FORWARD_LABEL = schema.REQUESTS_ROW_BY_KEY["carried_forward"].labels[-1]

define("X.CARRY", WARNING, "与上年结转不一致",
       checks="表三“二、上年结转政府信息公开申请情况”每一列应等于上年报告“四、结转下年度继续办理”的同一列。",
       why="上年结转到本年的申请，本年报告必须接上；对不上是常见的错误，上级会核对两年的报告。",
       fix="按上年报告的结转下年度数填写上年结转；若上年报告本身有误，请在正文中说明。")
define("X.INFORCE", WARNING, "现行有效件数与上年不衔接",
       checks="表二规章、行政规范性文件的“现行有效件数”应等于上年的现行有效件数 ＋ 本年制发件数 － 本年废止件数。",
       why="现行有效件数是累计数，与上年和本年的制发、废止应衔接。",
       fix="核对上年报告的现行有效件数和本年的制发、废止件数，改正其中有误的数字。")


@checker(30)
def check_cross_year(report: Report) -> list[Finding]:
    prev = report.previous
    if prev is None:
        return []
    out: list[Finding] = []
    for col in schema.REQUESTS_COLUMNS:
        here_path = schema.requests_path("carried_over", col.key)
        here = as_number(report.cells[here_path])
        before = as_number(prev.cells[schema.requests_path("carried_forward", col.key)])
        if here is not None and before is not None and here != before:
            out.append(Finding(
                "X.CARRY", WARNING, (here_path,),
                f"{schema.CELL_BY_PATH[here_path].name}：填报为 {here}，"
                f"上年报告“{_FORWARD_LABEL}”为 {before}，应一致",
                expected=before))
    for group in schema.ACTIVE_GROUPS:
        if "in_force" not in group.columns:
            continue
        for key, label in group.rows:
            in_force, issued, repealed, prev_in_force = (
                as_number(r.cells[f"tables.active.{key}.{col}"])
                for r, col in ((report, "in_force"), (report, "issued"), (report, "repealed"), (prev, "in_force")))
            if in_force is None or issued is None or repealed is None or prev_in_force is None:
                continue
            expected = prev_in_force + issued - repealed
            if in_force != expected:
                path = f"tables.active.{key}.in_force"
                out.append(Finding(
                    "X.INFORCE", WARNING, (path, f"tables.active.{key}.issued",
                                           f"tables.active.{key}.repealed"),
                    f"表二 {label} · 现行有效件数：应为 {format_value(expected)}"
                    f"（上年现行有效{prev_in_force}+本年制发{issued}−本年废止{repealed}），"
                    f"填报为 {in_force}",
                    expected=expected))
    return out
