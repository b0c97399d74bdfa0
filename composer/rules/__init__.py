"""The cross-check engine: every registered rule (see ``registry``) over one Report, in a fixed order.

Every module of this package is imported here, so a rule defined in a new module is found
without being listed anywhere else.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections import defaultdict

from ..report import Report
from .finding import ERROR, SEVERITY_NAMES, WARNING, Finding
from .registry import RULES, Rule, registered_checks

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")

# What each rule checks, in a few words, for lists and tooltips.
RULE_NAMES = {rule_id: rule.name for rule_id, rule in RULES.items()}

__all__ = ["ERROR", "WARNING", "RULES", "RULE_NAMES", "SEVERITY_NAMES", "Finding", "Rule", "check", "by_cell",
           "count"]


def _rank(finding: Finding) -> tuple[bool, bool]:
    # Errors first; blank cells last: they are a to-do list, the rest needs reading.
    return finding.severity != ERROR, finding.rule == "V.BLANK"


def check(report: Report) -> list[Finding]:
    """All findings for the report, errors first, then warnings, blank cells last; within
    each, tables, last year, fees, completeness and prose in report order."""
    findings: list[Finding] = []
    for rule_set in registered_checks():
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
