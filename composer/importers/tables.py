"""Reading the three official tables out of the table rows of a document.

All table rows of a document are read as one stream, so a table split in two at a page
break, a header repeated on the next page, or stray text rows inside the table area do
not matter. Every row is recognised by its printed labels as given in ``composer.schema``:
a title row of table 二 (第二十条第（一）项), a header row (申请人情况, 结果维持, …) or a
data row (its row label, then its values). Columns are put in order from the header
label tree, never taken by position. Whatever is not read for sure stays None and is
reported in ``notes`` with its place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .. import schema
from ..errors import InputError
from ..values import Value, normalise_number_text, parse_value
from .blocks import MergedCell, Table, cell_text, norm, norm_unnumbered

# Markers of the 2019 trial format (国办公开办函〔2019〕60号), whose tables differ entirely.
_OLD_FORMAT_MARKERS = tuple(norm(t) for t in ("本年新制作数量", "本年新公开数量", "对外公开总数量"))


# ---------------------------------------------------------------- label matching


@dataclass(frozen=True)
class _Label:
    key: str
    full: str  # norm()
    bare: str  # norm_unnumbered()
    text: str  # as printed in the schema


def _labels(pairs: list[tuple[str, str]]) -> tuple[_Label, ...]:
    return tuple(_Label(k, norm(text), norm_unnumbered(text), text) for k, text in pairs)


_NOTE_IN_BRACKETS = re.compile(r"(?<=\S)\s*[（(][^（）()]{0,30}[)）]")


def strip_notes(text: str) -> str:
    """A label without a unit or note in brackets after its start: "四、结转下年度继续办理（件）"
    → "四、结转下年度继续办理"; a leading list number "（四）" stays."""
    folded = unicodedata.normalize("NFKC", text).strip()
    return _NOTE_IN_BRACKETS.sub("", folded)


def _match(text: str, labels: tuple[_Label, ...]) -> str | None:
    """The key whose label this cell text prints, or None. Exact first, then without the
    list number, then an unambiguous abbreviation ("（二）部分公开"), then all of these again
    with a unit or note in brackets left out on both sides ("…继续办理（件）")."""
    key = _match_forms(text, labels)
    if key is None and _NOTE_IN_BRACKETS.search(unicodedata.normalize("NFKC", text)):
        key = _match_forms(strip_notes(text), _stripped(labels))
    return key


@cache
def _stripped(labels: tuple[_Label, ...]) -> tuple[_Label, ...]:
    return tuple(_Label(lab.key, norm(strip_notes(lab.text)), norm_unnumbered(strip_notes(lab.text)), lab.text)
                 for lab in labels)


def _match_forms(text: str, labels: tuple[_Label, ...]) -> str | None:
    full, bare = norm(text), norm_unnumbered(text)
    if not full:
        return None
    for lab in labels:
        if lab.full == full:
            return lab.key
    hits = {lab.key for lab in labels if bare and lab.bare == bare}
    if len(hits) == 1:
        return hits.pop()
    if len(full) >= 4:
        hits = {lab.key for lab in labels if lab.full.startswith(full) or
                (len(bare) >= 4 and lab.bare.startswith(bare))}
        if len(hits) == 1:
            return hits.pop()
    return None


_REQUEST_ROW_LABELS = _labels([(r.key, r.labels[-1]) for r in schema.REQUESTS_ROWS])
_ACTIVE_ROW_LABELS = _labels([(key, label) for g in schema.ACTIVE_GROUPS for key, label in g.rows])
_ACTIVE_GROUP_OF = {key: i for i, g in enumerate(schema.ACTIVE_GROUPS) for key, _ in g.rows}
_ACTIVE_TITLES = _labels([(str(i), g.title) for i, g in enumerate(schema.ACTIVE_GROUPS)])
_ACTIVE_HEADERS = frozenset(f(h) for g in schema.ACTIVE_GROUPS for h in g.headers
                            for f in (norm, lambda x: norm(strip_notes(x))))
_REVIEW_COLUMNS = schema.REVIEW_COLUMNS
_REQUESTS_CORNER = norm(schema.REQUESTS_CORNER)


@cache
def _tree_nodes(columns: tuple[schema.Column, ...]) -> frozenset[tuple[str, ...]]:
    return frozenset({tuple(norm(x) for x in c.labels[: i + 1]) for c in columns for i in range(len(c.labels))})


_REQUEST_NODES = _tree_nodes(schema.REQUESTS_COLUMNS)
_REVIEW_NODES = _tree_nodes(_REVIEW_COLUMNS)
_ALL_HEADER_WORDS = frozenset(n[-1] for n in _REQUEST_NODES | _REVIEW_NODES) | {_REQUESTS_CORNER}


def header_word(text: str) -> str:
    """A header cell as compared: ``norm``, and without a unit or note in brackets when that is
    what keeps it from being a header label ("结果维持（件）")."""
    word = norm(text)
    if word in _ALL_HEADER_WORDS or word in _ACTIVE_HEADERS or "(" not in unicodedata.normalize("NFKC", text):
        return word
    return norm(strip_notes(text))


# Header labels that say which table a header row belongs to ("总计", "其他" are in both).
_REQUEST_HEADER_WORDS = frozenset(n[-1] for n in _REQUEST_NODES) - frozenset(n[-1] for n in _REVIEW_NODES)
_REVIEW_HEADER_WORDS = frozenset(n[-1] for n in _REVIEW_NODES) - frozenset(n[-1] for n in _REQUEST_NODES)


@cache
def _leaf_keys(columns: tuple[schema.Column, ...]) -> dict[tuple[str, ...], str]:
    return {tuple(norm(x) for x in c.labels): c.key for c in columns}


def column_order(header_rows: list[list[str]], columns: tuple[schema.Column, ...]) -> list[str] | None:
    """The column keys in printed order, from the header rows of a table (see ``_column_order``)."""
    order = _column_order(tuple(tuple(str(c) for c in row) for row in header_rows), columns)
    return list(order) if order is not None else None


@lru_cache(maxsize=256)
def _column_order(header_rows: tuple[tuple[str, ...], ...],
                  columns: tuple[schema.Column, ...]) -> tuple[str, ...] | None:
    """The column keys in printed order, from the header rows of a table.

    The header is a label tree (schema ``Column.labels``): each header row names the
    children of the group cells of the row above, left to right. A header that leaves out
    a level (no "申请人情况" row) is read too. None if the header does not name every column
    exactly once.
    """
    nodes = _tree_nodes(columns)
    parents = {n[:-1] for n in nodes if len(n) > 1}
    order: list[tuple[str, ...]] = []
    for row in header_rows:
        words = [header_word(c) for c in row]
        words = [w for w in words if w and w != _REQUESTS_CORNER]
        expandable = [n for n in order if n in parents]
        children: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        loose: list[tuple[str, ...]] = []
        ptr = 0
        for word in words:
            placed = False
            for k in range(ptr, len(expandable)):
                child = expandable[k] + (word,)
                if child in nodes and child not in children.get(expandable[k], []):
                    children.setdefault(expandable[k], []).append(child)
                    ptr, placed = k, True
                    break
            if placed:
                continue
            # A node whose ancestors are not in the header yet (a level left out).
            for node in sorted(nodes, key=len):
                if node[-1] == word and node not in order and node not in loose and \
                        not any(node[:i] in order for i in range(1, len(node))):
                    loose.append(node)
                    break
        if not children and not loose:
            continue
        new_order: list[tuple[str, ...]] = []
        for node in order:
            new_order.extend(children.get(node, [node]))
        order = new_order + [n for n in loose if not any(n[:i] in new_order for i in range(1, len(n) + 1))]
    by_path = _leaf_keys(columns)
    keys = [by_path.get(n) for n in order]
    if None in keys or sorted(keys) != sorted(by_path.values()):  # type: ignore[type-var]
        return None
    return tuple(k for k in keys if k is not None)


# ---------------------------------------------------------------- the reader


def is_value_text(text: str) -> bool:
    if not text:
        return True
    t = normalise_number_text(text)
    return bool(t) and all(ch.isdigit() or ch in ".,+-" for ch in t)


# A cell's merge as (rowspan, colspan, covered by the cell above); front ends other than
# Word give plain strings, which are never merged.
_Merge = tuple[int, int, bool]


def _merge_of(raw: str) -> _Merge:
    if isinstance(raw, MergedCell):
        return raw.rowspan, raw.colspan, raw.covered
    return 1, 1, False


def _merge_problem(rowspan: int, covered: bool, left: bool, right: bool) -> str | None:
    sides = [side for side, on in (("上一行", covered), ("下一行", rowspan > 1), ("左侧一格", left),
                                   ("右侧一格", right)) if on]
    return f"单元格与{'、'.join(sides)}合并，无法确定数值，已留空" if sides else None


def value_places(values: list[str], merges: list[_Merge], n: int) -> tuple[list[str], list[str | None]]:
    """The value cells of a data row (n expected) and, for each, why a merge leaves it unknown.

    A value cell merged down or up covers value cells of other rows. Across, a cell is
    counted by the grid columns it spans only when that makes the row complete (six cells,
    one spanning two columns, for seven values): Word also gives gridSpan to cells of
    unevenly drawn tables, which are single value cells and read as such.
    """
    values, merges = list(values), list(merges)
    while len(values) > n and not values[-1]:  # empty spare columns at the end
        values.pop()
        merges.pop()
    start = 0
    while len(values) - start > n and not values[start]:
        start += 1  # a merged label cell's empty places before the values are never values
    if start and not all(values[start:]):
        start = 0  # a blank value among them too: which empty place is the label's cannot be told
    values, merges = values[start:], merges[start:]
    across = len(values) < n and sum(m[1] for m in merges) == n
    texts: list[str] = []
    problems: list[str | None] = []
    for text, (rowspan, colspan, covered) in zip(values, merges):
        width = colspan if across else 1
        for k in range(width):
            texts.append(text if k == 0 else "")
            problems.append(_merge_problem(rowspan, covered, k > 0, k < width - 1))
    return texts, problems


_MAX_ROW_NOTES = 20  # notes naming unrecognised rows; the rest are counted
_MAX_HEADER_ROWS = 6  # a printed header is 1–4 rows; more in a row is not one header (and would cost n²)
_REQUEST_INDEX = {r.key: i for i, r in enumerate(schema.REQUESTS_ROWS)}
_NEW_OTHER_ROWS = ("results.other.no_correction", "results.other.no_fee", "results.other.other")
# "（六）其他处理" printed as a data row of its own: the 2019 format's single row.
_OLD_OTHER_LABELS = frozenset(norm(t) for t in ("（六）其他处理", "其他处理", "（六）其他处理情况"))
_LIST_NUMBER = re.compile(r"^\s*[(（]?\s*([一二三四五六七八九十]+|\d+)\s*[)）、.．,，]")


def _number_agrees(printed: str, label: str) -> bool:
    """A misprinted label's list number, if it prints one, is the number of the row it stands for."""
    a = _LIST_NUMBER.match(unicodedata.normalize("NFKC", printed))
    b = _LIST_NUMBER.match(unicodedata.normalize("NFKC", label))
    return a is None or b is None or a.group(1) == b.group(1)


@dataclass
class _Pending:
    label: str
    values: list[str]
    problems: list[str | None]
    after: int  # index in REQUESTS_ROWS of the row recognised before it


@dataclass
class TableReading:
    cells: dict[str, Value] = field(default_factory=dict)  # only cells read for sure
    notes: list[str] = field(default_factory=list)
    found: set[str] = field(default_factory=set)  # tables seen: "active", "requests", "review"
    old_format: bool = False  # the whole tables in the 2019 format: nothing imported
    old_format_cells: list[str] = field(default_factory=list)  # blank because the 2019 format has no such row


class _Reader:
    def __init__(self) -> None:
        self.out = TableReading()
        self.table: str | None = None  # table of the last header/title row
        self.active_group: int | None = None
        self.active_order: dict[int, list[str]] = {}
        self.requests_header: list[list[str]] = []
        self.review_header: list[list[str]] = []
        self.requests_order: list[str] | None = None
        self.review_order: list[str] | None = None
        self.header_open = False  # consecutive header rows build one header
        self.seen_rows: dict[str, tuple[Value, ...]] = {}
        self.last_request: int | None = None  # index in REQUESTS_ROWS of the last row of 三 read
        self.pending: list[_Pending] = []  # rows of 三 with an unreadable label, after last_request
        self.noted: set[str] = set()
        self.unrecognised_count = 0
        self.spoiled: set[str] = set()  # rows read twice with different numbers

    # ------------------------------------------------------------ notes, values

    def note(self, text: str) -> None:
        if text not in self.noted:
            self.noted.add(text)
            self.out.notes.append(text)

    def value(self, path: str, text: str, problem: str | None = None) -> Value:
        if problem is not None:
            self.note(f"{schema.cell_name(path)}：{problem}")
            return None
        try:
            # Lines of a cell joined by a space: "1\n2" is refused as "1 2" is, and the note
            # stays on one line.
            return parse_value(" ".join(text.split()), schema.CELL_BY_PATH[path].kind)
        except InputError as err:
            self.note(f"{schema.cell_name(path)}：{err.message}，已留空")
            return None

    def store(self, row_id: str, row_name: str, paths: list[str], texts: list[str],
              problems: list[str | None] | None = None) -> None:
        problems = problems or [None] * len(paths)
        values = tuple(self.value(p, t, why) for p, t, why in zip(paths, texts, problems))
        if row_id in self.spoiled:
            return
        if row_id in self.seen_rows:
            if self.seen_rows[row_id] != values:
                self.note(f"{row_name}：表中出现两次且数字不同，已留空")
                self.spoiled.add(row_id)
                for p in paths:
                    self.out.cells.pop(p, None)
            return
        self.seen_rows[row_id] = values
        for p, v in zip(paths, values):
            self.out.cells[p] = v

    # ------------------------------------------------------------ rows

    def row(self, raw: list[str]) -> None:
        cells = [cell_text(c or "") for c in raw]
        merges = [_merge_of(c) for c in raw]
        words = [header_word(c) for c in cells]
        if not any(words):
            return
        if any(m in w for w in words for m in _OLD_FORMAT_MARKERS):
            self.out.old_format = True
            return
        if self.title_row(cells) or self.header_row(cells, words):
            return
        self.header_open = False
        self.data_row(cells, merges)

    def title_row(self, cells: list[str]) -> bool:
        texts = [c for c in cells if c]
        if len(set(texts)) != 1:
            return False
        key = _match(texts[0], _ACTIVE_TITLES)
        if key is None:
            return False
        self.table, self.active_group = "active", int(key)
        self.out.found.add("active")
        self.header_open = False
        return True

    def header_row(self, cells: list[str], words: list[str]) -> bool:
        if any(c and is_value_text(c) for c in cells):
            return False
        if any(w in _REQUEST_HEADER_WORDS or w == _REQUESTS_CORNER for w in words):
            if self.table != "requests" or not self.header_open:
                self.requests_header = []
            self.table, self.header_open = "requests", True
            self.out.found.add("requests")
            self.requests_header = [*self.requests_header[-(_MAX_HEADER_ROWS - 1):], cells]
            self.requests_order = column_order(self.requests_header, schema.REQUESTS_COLUMNS)
            if self.last_request is None:
                self.last_request = -1  # rows of 三 follow: the first one's place is certain too
            return True
        if any(w in _REVIEW_HEADER_WORDS for w in words):
            if self.table != "review" or not self.header_open:
                self.review_header = []
            self.table, self.header_open = "review", True
            self.out.found.add("review")
            self.review_header = [*self.review_header[-(_MAX_HEADER_ROWS - 1):], cells]
            self.review_order = column_order(self.review_header, _REVIEW_COLUMNS)
            return True
        if words[0] in _ACTIVE_HEADERS or sum(w in _ACTIVE_HEADERS for w in words) >= 2:
            self.table = "active"
            self.out.found.add("active")
            self.active_header(cells)
            return True
        return False

    def active_header(self, cells: list[str]) -> None:
        group = self.active_group
        texts = [c for c in cells if c]
        if group is None:  # no title row: a header unique to one group tells which
            hits = [i for i, g in enumerate(schema.ACTIVE_GROUPS)
                    if {norm(t) for t in texts} == {norm(h) for h in g.headers}]
            group = hits[0] if len(hits) == 1 else None
            self.active_group = group
        if group is None or not schema.ACTIVE_GROUPS[group].columns:
            return
        g = schema.ACTIVE_GROUPS[group]
        labels = _labels(list(zip(g.columns, g.headers[1:])))
        order = [_match(t, labels) for t in texts[1:]]
        if sorted(k for k in order if k) == sorted(g.columns) and None not in order:
            self.active_order[group] = order  # type: ignore[assignment]

    def data_row(self, cells: list[str], merges: list[_Merge]) -> None:
        # The row label is the rightmost cell that prints one; the values follow it (a word
        # such as "无" among them is reported where it stands).
        for i in range(len(cells) - 1, -1, -1):
            if not cells[i] or is_value_text(cells[i]):
                continue
            key = _match(cells[i], _REQUEST_ROW_LABELS)
            if key is not None:
                self.table = "requests"
                self.out.found.add("requests")
                self.requests_row(key, cells[i + 1:], merges[i + 1:])
                return
            key = _match(cells[i], _ACTIVE_ROW_LABELS)
            if key is not None:
                self.table = "active"
                self.out.found.add("active")
                self.active_row(key, cells[i + 1:], merges[i + 1:])
                return
        label_at = next((i for i in range(len(cells) - 1, -1, -1) if cells[i] and not is_value_text(cells[i])),
                        None)
        if self.table == "requests" and label_at is not None:
            label = cells[label_at]
            if norm(label) in _OLD_OTHER_LABELS and any(c and is_value_text(c) for c in cells[label_at + 1:]):
                self.old_other_row(label, cells[label_at + 1:], merges[label_at + 1:])
                return
            if self.last_request is not None:
                values, problems = value_places(cells[label_at + 1:], merges[label_at + 1:],
                                                len(schema.REQUESTS_COLUMNS))
                if len(values) == len(schema.REQUESTS_COLUMNS):
                    # Its place may be certain once the next row is read (see requests_row).
                    self.pending.append(_Pending(label, values, problems, self.last_request))
                    return
        if self.table == "review" and 2 * sum(1 for c in cells if is_value_text(c)) >= len(cells):
            self.review_row(cells, merges)  # table 四's one row of numbers has no label
            return
        if self.table and any(c and is_value_text(c) for c in cells):
            self.unrecognised(self.table, cells)

    def unrecognised(self, table: str, cells: list[str]) -> None:
        self.unrecognised_count += 1
        if self.unrecognised_count > _MAX_ROW_NOTES:
            return  # told once at the end: a list of thousands helps nobody
        shown = "｜".join(c for c in cells if c)[:40]
        self.note(f"表{schema.TABLE_NUMBERS[table]}中有一行无法识别（{shown}），未导入")

    def flush_pending(self, next_index: int | None) -> None:
        """Rows whose label could not be read, between the last recognised row of table 三 and
        the row just recognised (``next_index``; None at the end). Read by position when the
        rows missing between the two are exactly as many, in order, and each printed list
        number (if any) agrees; otherwise reported as unrecognised."""
        pending, self.pending = self.pending, []
        if not pending:
            return
        after = pending[0].after
        missing = list(range(after + 1, next_index)) if next_index is not None else []
        certain = (all(p.after == after for p in pending) and len(missing) == len(pending)
                   and all(_number_agrees(p.label, schema.REQUESTS_ROWS[i].labels[-1])
                           for p, i in zip(pending, missing)))
        if not certain:
            for p in pending:
                self.unrecognised("requests", [p.label, *p.values])
            return
        before_name = schema.REQUESTS_ROWS[after].short if after >= 0 else "表头"
        next_row = schema.REQUESTS_ROWS[next_index]  # type: ignore[index]
        for p, i in zip(pending, missing):
            row = schema.REQUESTS_ROWS[i]
            self.note(f"表三 {row.short}：行标签印作“{p.label}”，与规定格式不符；按其位置（{before_name}与"
                      f"{next_row.short}之间）读取，请核对")
            if self.requests_order is None:
                self.note(f"表三 {row.short}：表头未能识别（申请人情况各列），无法确定各数所属的列，该行已留空")
                continue
            paths = [schema.requests_path(row.key, c) for c in self.requests_order]
            self.store(row.key, f"表三 {row.short}", paths, p.values, p.problems)

    def old_other_row(self, label: str, values: list[str], merges: list[_Merge]) -> None:
        """"（六）其他处理" as one row: the 2019 format. The 2021 format's three rows have no
        numbers of their own in it; they stay blank, marked as old-format cells."""
        texts, _ = value_places(values, merges, len(schema.REQUESTS_COLUMNS))
        shown = "、".join(t or "空白" for t in texts)
        self.note(f"表三 三（六）其他处理：报告使用2019年旧版表格，只有一行“{label}”（{shown}）；"
                  f"2021年新版分为三行（1.逾期不补正、2.逾期未缴费、3.其他），旧版没有这三行的数字，这三行留空")
        self.out.old_format_cells.extend(
            schema.requests_path(key, c.key) for key in _NEW_OTHER_ROWS for c in schema.REQUESTS_COLUMNS
            if schema.requests_path(key, c.key) not in self.out.old_format_cells)
        self.last_request = _REQUEST_INDEX[_NEW_OTHER_ROWS[-1]]

    def requests_row(self, key: str, values: list[str], merges: list[_Merge]) -> None:
        index = _REQUEST_INDEX[key]
        if self.pending:
            self.flush_pending(index if self.pending[0].after < index else None)
        self.last_request = index
        row = schema.REQUESTS_ROW_BY_KEY[key]
        name = f"表三 {row.short}"
        values, problems = value_places(values, merges, len(schema.REQUESTS_COLUMNS))
        if len(values) != len(schema.REQUESTS_COLUMNS):
            self.note(f"{name}：只识别到{len(values)}个数，应为{len(schema.REQUESTS_COLUMNS)}个，该行已留空"
                      if len(values) < len(schema.REQUESTS_COLUMNS) else
                      f"{name}：识别到{len(values)}个数，应为{len(schema.REQUESTS_COLUMNS)}个，该行已留空")
            self.spoil(f"tables.requests.{key}.")
            return
        if self.requests_order is None:
            self.note(f"{name}：表头未能识别（申请人情况各列），无法确定各数所属的列，该行已留空")
            return
        paths = [schema.requests_path(key, c) for c in self.requests_order]
        self.store(key, name, paths, values, problems)

    def spoil(self, prefix: str) -> None:
        """A row that cannot be read: drop what an earlier copy of it gave, ignore later copies."""
        self.spoiled.add(prefix.split(".", 2)[2].rstrip("."))
        for p in [p for p in self.out.cells if p.startswith(prefix)]:
            self.out.cells.pop(p)

    def active_row(self, key: str, values: list[str], merges: list[_Merge]) -> None:
        group_index = _ACTIVE_GROUP_OF[key]
        group = schema.ACTIVE_GROUPS[group_index]
        label = dict(group.rows)[key]
        name = f"表二 {label}"
        if not group.columns:
            # One value printed across columns 2-4 (the official layout): only a merge with
            # another row makes it unknown.
            filled = [v for v in values if v]
            if len(set(filled)) > 1:
                self.note(f"{name}：识别到{len(filled)}个数，应为1个，已留空")
                return
            problem = next((p for rowspan, _, covered in merges
                            if (p := _merge_problem(rowspan, covered, False, False))), None)
            self.store(key, name, [f"tables.active.{key}"], [filled[0] if filled else ""], [problem])
            return
        values, problems = value_places(values, merges, len(group.columns))
        if len(values) != len(group.columns):
            self.note(f"{name}：只识别到{len(values)}个数，应为{len(group.columns)}个，该行已留空"
                      if len(values) < len(group.columns) else
                      f"{name}：识别到{len(values)}个数，应为{len(group.columns)}个，该行已留空")
            return
        order = self.active_order.get(group_index)
        if order is None:
            self.note(f"{name}：未找到该项的表头（{'、'.join(group.headers[1:])}），无法确定各列，该行已留空")
            return
        self.store(key, name, [f"tables.active.{key}.{c}" for c in order], values, problems)

    def review_row(self, cells: list[str], merges: list[_Merge]) -> None:
        n = len(_REVIEW_COLUMNS)
        values, problems = value_places(cells, merges, n)
        name = "表四"
        if len(values) != n:
            self.note(f"{name}：只识别到{len(values)}个数，应为{n}个，已留空" if len(values) < n else
                      f"{name}：识别到{len(values)}个数，应为{n}个，已留空")
            return
        if self.review_order is None:
            self.note(f"{name}：表头未能识别（行政复议、行政诉讼各列），无法确定各数所属的列，已留空")
            return
        self.store("review", name, [f"tables.review.{c}" for c in self.review_order], values, problems)


def read_tables(tables: list[Table]) -> TableReading:
    """Read tables 二, 三, 四 out of every table row of the document, in document order."""
    reader = _Reader()
    for table in tables:
        for row in table.rows:
            reader.row(row)
    reader.flush_pending(None)
    out = reader.out
    if reader.unrecognised_count > _MAX_ROW_NOTES:
        out.notes.append(f"另有{reader.unrecognised_count - _MAX_ROW_NOTES}行无法识别，未导入")
    if out.old_format:
        out.cells.clear()
        out.found.clear()
        out.old_format_cells = list(schema.CELL_PATHS)
        out.notes.insert(0, "表格为2019年旧版格式（本年新制作数量、本年新公开数量等），与2021年新版格式"
                            "（国办公开办函〔2021〕30号）不同，未导入表中数字，请按新版格式填写表二、表三、表四")
        return out
    _note_missing(out)
    return out


_TABLE_TITLES = {"active": "表二（主动公开政府信息情况）", "requests": "表三（收到和处理政府信息公开申请情况）",
                 "review": "表四（政府信息公开行政复议、行政诉讼情况）"}


def _note_missing(out: TableReading) -> None:
    for table in schema.TABLE_KEYS:
        paths = [c.path for c in schema.CELLS if c.table == table]
        if table not in out.found and not any(p in out.cells for p in paths):
            out.notes.append(f"未找到{_TABLE_TITLES[table]}，表中各格留空")
            continue
        if table == "requests":
            for row in schema.REQUESTS_ROWS:
                if not any(schema.requests_path(row.key, c.key) in out.cells for c in schema.REQUESTS_COLUMNS) \
                        and schema.requests_path(row.key, "total") not in out.old_format_cells \
                        and not any(n.startswith(f"表三 {row.short}：") for n in out.notes):
                    out.notes.append(f"表三 {row.short}：未找到该行，已留空")
        elif table == "active":
            for group in schema.ACTIVE_GROUPS:
                for key, label in group.rows:
                    if not any(p.startswith(f"tables.active.{key}") for p in out.cells) \
                            and not any(n.startswith(f"表二 {label}：") for n in out.notes):
                        out.notes.append(f"表二 {label}：未找到该行，已留空")
        elif not any(p.startswith("tables.review.") for p in out.cells) \
                and not any(n.startswith("表四") for n in out.notes):
            out.notes.append("表四：未找到数字行，已留空")
