"""The one registry of rules: what each checks, why, how to fix it, and the checks that run.

A rule is defined where it is checked, with ``define(...)``; a check function is registered
with ``@checker(order)``. The engine (``composer.rules.check``), the CLI's rule names, the
window's tooltips and its 帮助 pages (F1) all read this registry, so adding a rule is: one
``define`` and one ``@checker`` function in a module of ``composer/rules/``, plus its test
(see docs/extending.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..report import Report
from .finding import ERROR, WARNING, Finding

Check = Callable[[Report], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str  # e.g. "T3.ROW": a letter for the family, a word for the rule
    severity: str  # ERROR | WARNING
    name: str  # a few words, for lists and tooltips
    checks: str  # 帮助: what it checks
    why: str  # 帮助: why it matters
    fix: str  # 帮助: how to put it right

    def finding(self, cells: tuple[str, ...], message: str, **extra: Any) -> Finding:
        """A finding of this rule (severity taken from the rule, never restated)."""
        return Finding(self.id, self.severity, cells, message, **extra)


RULES: dict[str, Rule] = {}
_CHECKS: list[tuple[int, str, Check]] = []


def define(rule_id: str, severity: str, name: str, *, checks: str, why: str, fix: str) -> Rule:
    if severity not in (ERROR, WARNING):
        raise ValueError(f"unknown severity {severity!r} for {rule_id}")
    if rule_id in RULES:
        raise ValueError(f"rule {rule_id} defined twice")
    rule = Rule(rule_id, severity, name, checks, why, fix)
    RULES[rule_id] = rule
    return rule


def checker(order: int) -> Callable[[Check], Check]:
    """Register a check function; ``order`` places its findings among the others (report order:
    cells, sums, last year, fees, completeness, prose, county-level comparisons)."""

    def register(func: Check) -> Check:
        name = f"{func.__module__}.{func.__qualname__}"
        if all(n != name for _, n, _ in _CHECKS):
            _CHECKS.append((order, name, func))
            _CHECKS.sort(key=lambda item: (item[0], item[1]))
        return func

    return register


def registered_checks() -> list[Check]:
    return [func for _, _, func in _CHECKS]
