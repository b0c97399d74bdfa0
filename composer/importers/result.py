"""What an import yields."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..report import Report


@dataclass
class ImportResult:
    report: Report
    notes: list[str] = field(default_factory=list)  # Chinese: what could not be read for sure, with its place
