"""Derived figures of one report, each defined once here for every output and view.

- 公开率 = (三（一）予以公开 + 三（二）部分公开) / 三（七）总计, all in the 总计 column;
- 纠错率 (行政复议; 行政诉讼, both groups together) = 结果纠正 / (总计 − 尚未审结),
  the share of the cases decided this year that ended with the decision corrected.

A rate is exact (a Fraction); it is None (printed "—") when a cell it needs is blank or
invalid, or when its denominator is 0 — never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from .. import schema
from ..report import Report
from ..rules.tables import as_number

_T = "total"
_LITIGATION = ("litigation_direct", "litigation_after_reconsideration")


def _count(report: Report, path: str) -> int | None:
    value = as_number(report.cells[path])
    return None if value is None else int(value)


def _sum(report: Report, paths: tuple[str, ...]) -> int | None:
    values = [_count(report, p) for p in paths]
    if any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


@dataclass(frozen=True)
class Rate:
    numerator: int | None
    denominator: int | None

    @property
    def value(self) -> Fraction | None:
        if self.numerator is None or self.denominator is None or self.denominator == 0:
            return None
        return Fraction(self.numerator, self.denominator)

    @property
    def text(self) -> str:
        """"85.7%" (one decimal, half up), or "—" when it cannot be computed."""
        value = self.value
        if value is None:
            return "—"
        tenths = value * 1000
        rounded = int(tenths) + (1 if tenths - int(tenths) >= Fraction(1, 2) else 0)
        return f"{rounded // 10}.{rounded % 10}%"

    @property
    def fraction_text(self) -> str:
        n = "空白" if self.numerator is None else str(self.numerator)
        d = "空白" if self.denominator is None else str(self.denominator)
        return f"{n}/{d}"


def disclosure_rate(report: Report) -> Rate:
    numerator = _sum(report, (schema.requests_path("results.granted", _T),
                              schema.requests_path("results.partial", _T)))
    return Rate(numerator, _count(report, schema.requests_path("results.total", _T)))


def _correction_rate(report: Report, groups: tuple[str, ...]) -> Rate:
    corrected = _sum(report, tuple(schema.review_path(g, "corrected") for g in groups))
    total = _sum(report, tuple(schema.review_path(g, "total") for g in groups))
    pending = _sum(report, tuple(schema.review_path(g, "pending") for g in groups))
    decided = None if total is None or pending is None else total - pending
    return Rate(corrected, decided)


def reconsideration_correction_rate(report: Report) -> Rate:
    return _correction_rate(report, ("reconsideration",))


def litigation_correction_rate(report: Report) -> Rate:
    return _correction_rate(report, _LITIGATION)


@dataclass(frozen=True)
class Metric:
    key: str
    name: str
    definition: str
    compute: Callable[[Report], Rate]


METRICS: tuple[Metric, ...] = (
    Metric("disclosure_rate", "公开率", "（予以公开＋部分公开）÷办理结果总计", disclosure_rate),
    Metric("reconsideration_correction_rate", "行政复议纠错率", "结果纠正÷（总计−尚未审结）",
           reconsideration_correction_rate),
    Metric("litigation_correction_rate", "行政诉讼纠错率",
           "结果纠正÷（总计−尚未审结），未经复议直接起诉与复议后起诉合计", litigation_correction_rate),
)


def compute(report: Report) -> dict[str, Rate]:
    return {m.key: m.compute(report) for m in METRICS}


# ---------------------------------------------------------------- figures for tables and charts

# Results of table 三 by category (the 总计 column), for charts: (name, detail rows).
RESULT_CATEGORIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("予以公开", ("results.granted",)),
    ("部分公开", ("results.partial",)),
    ("不予公开", tuple(r for r in schema.RESULT_DETAIL_ROWS if r.startswith("results.denied."))),
    ("无法提供", tuple(r for r in schema.RESULT_DETAIL_ROWS if r.startswith("results.unavailable."))),
    ("不予处理", tuple(r for r in schema.RESULT_DETAIL_ROWS if r.startswith("results.not_processed."))),
    ("其他处理", tuple(r for r in schema.RESULT_DETAIL_ROWS if r.startswith("results.other."))),
)


def result_categories(report: Report) -> dict[str, int | None]:
    return {name: _sum(report, tuple(schema.requests_path(r, _T) for r in rows))
            for name, rows in RESULT_CATEGORIES}


def new_by_applicant(report: Report) -> dict[str, int | None]:
    """本年新收申请 by applicant column (自然人 … 其他), without the 总计 column."""
    return {c.label if c.key != "other_org" else "其他组织": _count(report, schema.requests_path("new", c.key))
            for c in schema.REQUESTS_COLUMNS if c.key != _T}


# The key figures of a unit, one column each in the 汇总 workbook: (name, cell paths summed).
KEY_FIGURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("本年新收申请", (schema.requests_path("new", _T),)),
    ("上年结转", (schema.requests_path("carried_over", _T),)),
    ("予以公开", (schema.requests_path("results.granted", _T),)),
    ("部分公开", (schema.requests_path("results.partial", _T),)),
    ("办理结果总计", (schema.requests_path("results.total", _T),)),
    ("结转下年度", (schema.requests_path("carried_forward", _T),)),
    ("行政复议", (schema.review_path("reconsideration", _T),)),
    ("行政诉讼", tuple(schema.review_path(g, _T) for g in _LITIGATION)),
    ("规章现行有效", ("tables.active.rules.in_force",)),
    ("规范性文件现行有效", ("tables.active.normative_documents.in_force",)),
)


def key_figures(report: Report) -> dict[str, int | None]:
    return {name: _sum(report, paths) for name, paths in KEY_FIGURES}
