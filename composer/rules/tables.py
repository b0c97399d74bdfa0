"""Table rules: V.TYPE, V.BLANK, T3.ROW, T3.RESULTS, T3.BALANCE, T4.SUM."""

from __future__ import annotations

from decimal import Decimal

from .. import schema
from ..report import Report
from ..values import Value, format_value, value_problem
from .finding import ERROR, WARNING, Finding

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


def check_cells(report: Report) -> list[Finding]:
    out: list[Finding] = []
    cells = report.cells
    blanks: dict[tuple[str, str], list[schema.Cell]] = {}  # per printed row, in table order
    for cell in schema.CELLS:
        value = cells[cell.path]
        if value is None:
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
            expected = sum(parts)  # type: ignore[arg-type]
            message += f"；按各分项应为 {format_value(expected)}"
    return Finding("V.BLANK", WARNING, (cell.path,), message, expected=expected)


def check_sums(report: Report) -> list[Finding]:
    out: list[Finding] = []
    cells = report.cells
    for rel in schema.SUMS:
        total = cells[rel.total]
        parts = [cells[p] for p in rel.parts]
        if not _usable([total, *parts]):
            continue
        expected = sum(parts)  # type: ignore[arg-type]
        if expected != total:
            name = schema.CELL_BY_PATH[rel.total].name
            out.append(Finding(
                rel.rule, ERROR, (rel.total, *rel.parts),
                f"{name}：应为 {format_value(expected)}（{_terms(rel.rule, rel.parts, cells)}），"
                f"填报为 {format_value(total)}，相差{format_value(abs(expected - total))}",  # type: ignore[operator]
                expected=expected))
    for bal in schema.BALANCES:
        left = [cells[p] for p in bal.left]
        right = [cells[p] for p in bal.right]
        if not _usable(left + right):
            continue
        lsum, rsum = sum(left), sum(right)  # type: ignore[arg-type]
        if lsum != rsum:
            column = schema.CELL_BY_PATH[bal.left[0]].column_name
            out.append(Finding(
                bal.rule, ERROR, (*bal.left, *bal.right),
                f"表三 勾稽关系 · {column}：一+二={format_value(lsum)}，"
                f"三（七）+四={format_value(rsum)}，相差{format_value(abs(lsum - rsum))}"
                f"（应满足第一项加第二项之和等于第三项加第四项之和）"))
    return out


def as_number(value: Value, kind: str = schema.COUNT) -> int | Decimal | None:
    """The value if it is valid for its kind, else None (for rules that compare numbers)."""
    if value is None or value_problem(value, kind) is not None:
        return None
    return value
