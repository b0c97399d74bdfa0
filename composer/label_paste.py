"""Pasting a table copied from Excel or WPS with its row labels: rows are matched by their printed
labels (from ``schema.layout``), not by position, so a whole official table pastes into the right
cells wherever the cursor is. A block without labels is left to the positional paste.

Core logic (which cell a pasted line means), used by the grid; labels compare in the importers'
comparable form (``importers.blocks.norm``), so a label reads the same pasted as imported."""

from __future__ import annotations

from dataclasses import dataclass, field

from .importers.blocks import norm
from .schema import LayoutCell, TableLayout
from .values import parse_value


@dataclass
class LabelPaste:
    targets: list[tuple[LayoutCell, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _row_labels(layout: TableLayout) -> dict[int, list[str]]:
    """Each body row → the normalised label texts covering it, outermost first."""
    out: dict[int, list[tuple[int, str]]] = {}
    for cell in layout.cells:
        if cell.role != "label" or not cell.text:
            continue
        for r in range(cell.row, cell.row + cell.rowspan):
            out.setdefault(r, []).append((cell.col, norm(cell.text)))
    return {r: [t for _, t in sorted(items)] for r, items in out.items()}


def _row_values(layout: TableLayout) -> dict[int, list[LayoutCell]]:
    out: dict[int, list[LayoutCell]] = {}
    for cell in layout.cells:
        if cell.role == "value":
            out.setdefault(cell.row, []).append(cell)
    return {r: sorted(cells, key=lambda c: c.col) for r, cells in out.items()}


def _is_number(text: str, kind: str = "count") -> bool:
    try:
        parse_value(text, kind)
    except Exception:  # noqa: BLE001 - any refusal means "not a number": a label or a typo
        return False
    return bool(text.strip())


def match_by_labels(layout: TableLayout, block: list[list[str]]) -> LabelPaste | None:
    """Targets for a block whose lines carry the table's row labels; None when none of its
    cells is a row label of this table (then the block is pasted by position)."""
    labels = _row_labels(layout)
    known = {t for texts in labels.values() for t in texts}
    headers = {norm(c.text) for c in layout.cells if c.role in ("header", "title", "corner") and c.text}
    if not any(norm(cell) in known for line in block for cell in line if cell.strip()):
        return None
    values_of = _row_values(layout)
    result = LabelPaste()
    context: dict[int, str] = {}  # the clipboard's label columns as they run down the block
    used: set[int] = set()
    for line in block:
        last_label = max((j for j, cell in enumerate(line) if norm(cell) in known), default=-1)
        if last_label < 0:
            texts = [norm(c) for c in line if c.strip()]
            if texts and any(not _is_number(c) for c in line if c.strip()) and all(t in headers for t in texts):
                continue  # a header line of the copied table
            if any(c.strip() for c in line):
                result.problems.append(f"“{'　'.join(c.strip() for c in line if c.strip())[:24]}”找不到对应的行")
            continue
        for j in range(last_label + 1):
            if line[j].strip():
                context[j] = norm(line[j])
                for k in [k for k in context if k > j]:
                    del context[k]
        path = [context[k] for k in sorted(context)]
        row = _best_row(labels, path, used)
        if row is None:
            result.problems.append(f"“{line[last_label].strip()[:24]}”找不到对应的行")
            continue
        used.add(row)
        cells = values_of.get(row, [])
        raw = line[last_label + 1:]
        if len(raw) > len(cells) and not any(c.strip() for c in raw[:len(raw) - len(cells)]):
            raw = raw[len(raw) - len(cells):]  # empty cells of the copied table's merged labels
        while len(raw) > len(cells) and not raw[-1].strip():
            raw = raw[:-1]
        if len(raw) != len(cells):
            if any(c.strip() for c in raw):
                result.problems.append(f"“{line[last_label].strip()[:24]}”一行有 {len(raw)} 个数，表中是 {len(cells)} 列")
            continue
        result.targets.extend(zip(cells, raw))
    return result


def _best_row(labels: dict[int, list[str]], path: list[str], used: set[int]) -> int | None:
    """The body row whose own (innermost) label is the line's last label, most ancestors in common."""
    if not path:
        return None
    best, best_score = None, -1
    for row, texts in labels.items():
        if not texts or texts[-1] != path[-1]:
            continue
        score = len(set(texts) & set(path)) * 2 - (row in used)
        if score > best_score:
            best, best_score = row, score
    return best
