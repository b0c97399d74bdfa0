"""Median time of one full check (every rule), as the GUI runs it on every keystroke.

Prints, per report: the median of a re-check after a cell edit (prose unchanged, the usual
case while typing in a grid) and of a check after a prose edit (text scanned afresh).
Target: ≤ 1 ms median for a full check.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from composer import schema  # noqa: E402
from composer.importers import import_file  # noqa: E402
from composer.rules import check  # noqa: E402
from tests.factories import SAMPLES  # noqa: E402

RUNS = 400


def large_report():
    rng = random.Random(7)
    report = import_file(SAMPLES / "xingfu-2023.docx").report
    for path in schema.CELL_PATHS:
        report.cells[path] = rng.randint(0, 500)
    prose = import_file(SAMPLES / "qingshankou-2022.docx").report.sections["overview"]
    for s in schema.SECTIONS:
        report.sections[s.key] = prose  # every section as long as the longest real one
    report.previous = import_file(SAMPLES / "qingshankou-2022.docx").report
    return report


def median_ms(report, *, edit_prose: bool) -> float:
    times = []
    path = "tables.requests.new.natural"
    for i in range(RUNS):
        report.cells[path] = i  # a new value every time, as typing gives: its own sums are recomputed
        if edit_prose:
            report.sections["overview"] += "。"  # a new string: the scan cache cannot help
        t0 = time.perf_counter()
        check(report)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def baseline_ms(report) -> float:
    """The bare arithmetic of the format on the same cells: every sum and balance computed on
    plain numbers, no messages, no prose. Printed beside the check so the figure travels."""
    cells = report.cells
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        for rel in schema.SUMS:
            _ = cells[rel.total] == sum(cells[p] or 0 for p in rel.parts)
        for bal in schema.BALANCES:
            _ = sum(cells[p] or 0 for p in bal.left) == sum(cells[p] or 0 for p in bal.right)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    reports = {}
    for name in ("xingfu-2023", "qingshankou-2022", "huashu-2023"):
        reports[name] = import_file(SAMPLES / f"{name}.docx").report
    reports["large (all 200 cells filled, six long sections)"] = large_report()
    print(f"full check, median of {RUNS} runs (target ≤ 1 ms)")
    for name, report in reports.items():
        chars = sum(len(t) for t in report.sections.values())
        cell = median_ms(report, edit_prose=False)
        prose = median_ms(report.copy(), edit_prose=True)
        base = baseline_ms(report)
        print(f"  {name:48s} {chars:6d} chars  after cell edit {cell:6.3f} ms  after prose edit {prose:6.3f} ms"
              f"  (bare sums {base:.3f} ms: ×{cell / base:.0f} / ×{prose / base:.0f})")


if __name__ == "__main__":
    main()
