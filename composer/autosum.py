"""自动计算合计: every total cell from its components, per ``schema.SUMS``."""

from __future__ import annotations

from . import schema
from .values import Value, value_problem


def totals(cells: dict[str, Value]) -> dict[str, Value]:
    """The total cells whose components are all filled, with their sums.

    A total whose parts are themselves totals (三（七）总计 · 总计) is computed after them;
    a total with a blank or invalid part is left alone, so the checks show what remains.
    """
    work = dict(cells)
    out: dict[str, Value] = {}
    for _ in range(len(schema.SUMS)):  # a few passes settle nested totals
        changed = False
        for rel in schema.SUMS:
            parts = [work[p] for p in rel.parts]
            if any(v is None or value_problem(v, schema.COUNT) for v in parts):
                continue
            total = sum(parts)  # type: ignore[arg-type]
            if work[rel.total] != total:
                work[rel.total] = total
                out[rel.total] = total
                changed = True
        if not changed:
            break
    return out
