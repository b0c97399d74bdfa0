"""The cross-check engine: every rule of spec §4 over one Report, in a fixed order."""

from __future__ import annotations

from collections import defaultdict

from ..report import Report
from .cross_year import check_cross_year
from .finding import ERROR, RULE_NAMES, SEVERITY_NAMES, WARNING, Finding
from .prose import check_completeness, check_fees, check_prose
from .tables import check_cells, check_sums

__all__ = ["ERROR", "WARNING", "RULE_NAMES", "SEVERITY_NAMES", "Finding", "check", "by_cell", "count"]

_CHECKS = (check_cells, check_sums, check_cross_year, check_fees, check_completeness, check_prose)


def _rank(finding: Finding) -> tuple[bool, bool]:
    # Errors first; blank cells last: they are a to-do list, the rest needs reading.
    return finding.severity != ERROR, finding.rule == "V.BLANK"


def check(report: Report) -> list[Finding]:
    """All findings for the report, errors first, then warnings, blank cells last; within
    each, tables, last year, fees, completeness and prose in report order."""
    findings: list[Finding] = []
    for rule_set in _CHECKS:
        findings.extend(rule_set(report))
    findings.sort(key=_rank)  # stable: keeps report order within each rank
    return findings


def by_cell(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Findings grouped by every cell or field they involve (for painting grids)."""
    out: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        for path in f.cells:
            out[path].append(f)
    return dict(out)


def count(findings: list[Finding]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for f in findings if f.severity == ERROR)
    return errors, len(findings) - errors
