"""Table rules: V.TYPE, V.BLANK, T3.ROW, T3.RESULTS, T3.BALANCE, T4.SUM."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from .. import schema
from ..report import Report
from ..values import Value, format_value, value_problem
from .finding import ERROR, WARNING, Finding
from .registry import checker, define

define("T3.ROW", ERROR, "表三 行合计",
       checks="表三每一行的“总计”应等于自然人与各类法人或其他组织六列之和。",
       why="总计与分项不符，说明有数字填错或漏填，发布后会被上级和公众指出。",
       fix="逐列核对该行的分项；确认无误后用“自动计算合计”重新计算总计。")
define("T3.RESULTS", ERROR, "表三 办理结果合计",
       checks="表三每一列的“三、本年度办理结果（七）总计”应等于（一）至（六）各项之和。",
       why="办理结果总计与各项结果不一致，申请的处理情况就对不上。",
       fix="核对该列的各项办理结果；确认无误后用“自动计算合计”重新计算（七）总计。")
define("T3.BALANCE", ERROR, "表三 勾稽关系",
       checks="表三每一列应满足：一、本年新收 ＋ 二、上年结转 ＝ 三（七）总计 ＋ 四、结转下年度继续办理。",
       why="这是格式规定的勾稽关系：收到的申请要么办结，要么结转，不能多也不能少。",
       fix="先核对上年结转数（应等于上年报告的结转下年度数），再核对本年新收和办理结果，最后调整结转下年度数。")
define("T4.SUM", ERROR, "表四 合计",
       checks="表四每一组（行政复议、未经复议直接起诉、复议后起诉）的“总计”应等于结果维持、结果纠正、其他结果、尚未审结之和。",
       why="总计与分项不符，复议和诉讼的数字就不可信。",
       fix="核对该组的各项结果；确认无误后用“自动计算合计”重新计算总计。")
define("V.TYPE", ERROR, "数值不合规",
       checks="单元格应为不小于 0 的整数；信息处理费金额不小于 0、最多 4 位小数。",
       why="件数不可能是小数或负数，这样的数字发布后会被认为是错误。",
       fix="改为正确的整数（件数）或金额；没有发生的填 0。")
define("V.BLANK", WARNING, "空白单元格",
       checks="表格中的空白单元格。",
       why="格式要求没有数据的单元格填 0；空白会被认为是漏填，涉及它的加总关系也无法校验。",
       fix="填入实际数字；没有发生的填 0（可选中区域后输入 0）。")

_SUMS_BY_TOTAL = {s.total: s for s in schema.SUMS}


def _part_name(rule: str, path: str) -> str:
    cell = schema.CELL_BY_PATH[path]
    return cell.row_name if rule == "T3.RESULTS" else cell.column_name


def _terms(rule: str, paths: tuple[str, ...], cells: dict[str, Value]) -> str:
    """"自然人16+商业企业2": the non-zero parts of a sum, as the reader checks it."""
    shown = [f"{_part_name(rule, p)}{format_value(cells[p])}" for p in paths if cells[p]]
    return "+".join(shown) if shown else "各分项均为0"


def _usable(values: list[Value]) -> bool:
    # A relation is checked once all its cells hold valid numbers; blanks and bad values
    # are reported on their own (V.BLANK, V.TYPE) and never counted as 0.
    return all(v is not None and value_problem(v, schema.COUNT) is None for v in values)


@checker(10)
def check_cells(report: Report) -> list[Finding]:
    out: list[Finding] = []
    cells = report.cells
    blanks: dict[tuple[str, str], list[schema.Cell]] = {}  # per printed row, in table order
    old_format = frozenset(report.old_format_cells)  # blank because the 2019 format has no such row (F.OLDFORMAT)
    for cell in schema.CELLS:
        value = cells[cell.path]
        if value is None:
            if cell.path in old_format:
                continue
            blanks.setdefault((cell.table, cell.row), []).append(cell)
            continue
        problem = value_problem(value, cell.kind)
        if problem:
            out.append(Finding("V.TYPE", ERROR, (cell.path,),
                               f"{cell.name}：填报为 {format_value(value)}，{problem}"))
    for row in blanks.values():
        out.append(_blank_finding(row, cells))
    out.extend(_check_fee_notices(report))
    return out


def _check_fee_notices(report: Report) -> list[Finding]:
    """The 信息处理费 figures of section 六, once the office states them: same value rules."""
    if report.fee_notices is None:
        return []
    out: list[Finding] = []
    for key, _, kind in schema.FEE_NOTICES:
        path = f"fee_notices.{key}"
        value = report.fee_notices.get(key)
        if value is None:
            out.append(Finding("V.BLANK", WARNING, (path,), f"{schema.cell_name(path)}：空白，没有数据应填 0"))
        elif problem := value_problem(value, kind):
            out.append(Finding("V.TYPE", ERROR, (path,),
                               f"{schema.cell_name(path)}：填报为 {format_value(value)}，{problem}"))
    return out


def _blank_finding(row: list[schema.Cell], cells: dict[str, Value]) -> Finding:
    """One warning per printed row: a fresh draft has whole rows blank, and one line per
    cell would bury everything else."""
    if len(row) > 1:
        table = row[0].name.split(" ", 1)[0]
        return Finding("V.BLANK", WARNING, tuple(c.path for c in row),
                       f"{table} {row[0].row_name}：{len(row)} 格空白"
                       f"（{'、'.join(c.column_name for c in row)}），没有数据应填 0")
    cell = row[0]
    message = f"{cell.name}：空白，没有数据应填 0"
    expected = None
    rel = _SUMS_BY_TOTAL.get(cell.path)
    if rel is not None:
        parts = [cells[p] for p in rel.parts]
        if _usable(parts):
            expected = _sum(parts)
            message += f"；按各分项应为 {format_value(expected)}"
    return Finding("V.BLANK", WARNING, (cell.path,), message, expected=expected)


@checker(20)
def check_sums(report: Report) -> list[Finding]:
    """Each relation's finding depends only on its own cells: it is computed once per distinct set
    of their values (an edit recomputes the two or three relations of the edited cell)."""
    cells = report.cells
    out: list[Finding] = []
    for index, rel in enumerate(schema.SUMS):
        found = _sum_finding(index, tuple(cells[p] for p in (rel.total, *rel.parts)))
        if found is not None:
            out.append(found)
    for index, bal in enumerate(schema.BALANCES):
        found = _balance_finding(index, tuple(cells[p] for p in (*bal.left, *bal.right)))
        if found is not None:
            out.append(found)
    return out


@lru_cache(maxsize=4096, typed=True)  # typed: True and 1, Decimal("1") and 1 are different cell values
def _sum_finding(index: int, values: tuple[Value, ...]) -> Finding | None:
    rel = schema.SUMS[index]
    if not _usable(list(values)):
        return None
    total, parts = values[0], list(values[1:])
    expected, actual = _sum(parts), _sum([total])
    if expected == actual:
        return None
    cells = dict(zip((rel.total, *rel.parts), values, strict=True))
    name = schema.CELL_BY_PATH[rel.total].name
    return Finding(
        rel.rule, ERROR, (rel.total, *rel.parts),
        f"{name}：应为 {format_value(expected)}（{_terms(rel.rule, rel.parts, cells)}），"
        f"填报为 {format_value(actual)}，相差{format_value(_gap(expected, actual))}",
        expected=expected)


@lru_cache(maxsize=1024, typed=True)
def _balance_finding(index: int, values: tuple[Value, ...]) -> Finding | None:
    bal = schema.BALANCES[index]
    if not _usable(list(values)):
        return None
    lsum, rsum = _sum(list(values[:len(bal.left)])), _sum(list(values[len(bal.left):]))
    if lsum == rsum:
        return None
    column = schema.CELL_BY_PATH[bal.left[0]].column_name
    return Finding(
        bal.rule, ERROR, (*bal.left, *bal.right),
        f"表三 勾稽关系 · {column}：一+二={format_value(lsum)}，"
        f"三（七）+四={format_value(rsum)}，相差{format_value(_gap(lsum, rsum))}"
        f"（应满足第一项加第二项之和等于第三项加第四项之和）")


def _sum(values: list[Value]) -> int | Decimal:
    """The sum of values already known usable (blanks and bad values never reach here as 0)."""
    total: int | Decimal = 0
    for v in values:
        if v is not None:
            total += v
    return total


def _gap(a: int | Decimal, b: int | Decimal) -> int | Decimal:
    return a - b if a >= b else b - a


def as_number(value: Value, kind: str = schema.COUNT) -> int | Decimal | None:
    """The value if it is valid for its kind, else None (for rules that compare numbers)."""
    if value is None or value_problem(value, kind) is not None:
        return None
    return value
