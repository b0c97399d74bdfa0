"""A finding: one broken cross-check or likely mistake, located and explained in Chinese."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..values import Value, format_value

ERROR = "error"
WARNING = "warning"
SEVERITY_NAMES = {ERROR: "错误", WARNING: "提醒"}


@dataclass(frozen=True)
class Finding:
    rule: str  # e.g. "T3.ROW"
    severity: str  # ERROR | WARNING
    cells: tuple[str, ...]  # report-JSON paths; for sums the total first
    message: str  # Chinese, names cells as printed and shows the numbers
    span: tuple[int, int] | None = None  # prose findings: character range in cells[0]
    excerpt: str = ""  # prose findings: the text the span covers
    expected: Value = field(default=None, compare=False)  # what cells[0] should hold, if known
    occurrence: int = 0  # the n-th finding of this rule with this excerpt in this field

    @property
    def key(self) -> str:
        """Stable identity for dismissing a warning: survives edits elsewhere in the text."""
        key = f"{self.rule}|{self.cells[0] if self.cells else ''}|{self.excerpt}"
        return f"{key}#{self.occurrence}" if self.occurrence else key

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "cells": list(self.cells),
            "message": self.message,
        }
        if self.span is not None:
            out["section"] = self.cells[0]
            out["span"] = list(self.span)
            out["excerpt"] = self.excerpt
        if self.expected is not None:
            out["expected"] = format_value(self.expected)
        return out
