"""The official report format (国办公开办函〔2021〕30号) as data.

This module is the one place where the tables' keys, printed Chinese labels, header
structure and value kinds live. Grids, rules, importers and renderers all read it.

Labels are given as *label paths*: the chain of printed header cells from the outermost
to the cell's own. Merged header spans follow from equal prefixes of neighbouring paths
(see ``layout``), so the official merged-cell structure is never written out by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

COUNT = "count"  # non-negative integer
AMOUNT = "amount"  # non-negative decimal, at most AMOUNT_DECIMALS places (万元 or 元)
AMOUNT_DECIMALS = 4


@dataclass(frozen=True)
class Column:
    key: str
    labels: tuple[str, ...]  # header label path, outermost first

    @property
    def label(self) -> str:
        return self.labels[-1]


@dataclass(frozen=True)
class Row:
    key: str  # dotted, e.g. "results.denied.inquiry"
    labels: tuple[str, ...]  # row label path, outermost first
    short: str  # how messages name the row, as a reader finds it in the printed table


@dataclass(frozen=True)
class Cell:
    """One value of the report's tables."""

    path: str  # report-JSON path, e.g. "tables.requests.new.natural"
    table: str  # "active" | "requests" | "review"
    row: str
    column: str | None  # None for single-value rows of table 二
    kind: str  # COUNT | AMOUNT
    name: str  # "表三 一、本年新收政府信息公开申请数量 · 自然人"
    row_name: str  # "一、本年新收政府信息公开申请数量"
    column_name: str  # "自然人"; the row's printed label for single-value rows


@dataclass(frozen=True)
class Section:
    key: str
    number: str  # 一 … 六
    title: str
    table: str | None  # the table printed in this section

    @property
    def path(self) -> str:
        return f"sections.{self.key}"

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"


# ---------------------------------------------------------------- sections

SECTIONS: tuple[Section, ...] = (
    Section("overview", "一", "总体情况", None),
    Section("active", "二", "主动公开政府信息情况", "active"),
    Section("requests", "三", "收到和处理政府信息公开申请情况", "requests"),
    Section("review", "四", "政府信息公开行政复议、行政诉讼情况", "review"),
    Section("problems", "五", "存在的主要问题及改进情况", None),
    Section("other", "六", "其他需要报告的事项", None),
)
SECTION_BY_KEY = {s.key: s for s in SECTIONS}

# Report fields outside the tables: path -> printed name.
FIELDS: dict[str, str] = {
    "year": "报告年度",
    "organ": "机关名称",
    "title": "标题",
    "preamble": "前言",
    "signature.organ": "落款机关",
    "signature.date": "成文日期",
}
FEE_NOTICES: tuple[tuple[str, str, str], ...] = (
    # key, printed name, kind
    ("count", "发出收费通知的件数", COUNT),
    ("amount", "收费通知总金额（元）", AMOUNT),
    ("collected", "实际收取的总金额（元）", AMOUNT),
)
FEE_NOTICE_KEYS = tuple(k for k, _, _ in FEE_NOTICES)

# ---------------------------------------------------------------- table 二

ACTIVE_NUMBER = "二"


@dataclass(frozen=True)
class ActiveGroup:
    """One 项 of table 二: a full-width title row, a header row, then its rows."""

    title: str
    headers: tuple[str, ...]  # header row: first the label column, then value columns
    columns: tuple[str, ...]  # value column keys; () for single-value rows
    rows: tuple[tuple[str, str], ...]  # (key, printed label)
    kind: str = COUNT


ACTIVE_GROUPS: tuple[ActiveGroup, ...] = (
    ActiveGroup(
        "第二十条第（一）项",
        ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        ("issued", "repealed", "in_force"),
        (("rules", "规章"), ("normative_documents", "行政规范性文件")),
    ),
    ActiveGroup(
        "第二十条第（五）项",
        ("信息内容", "本年处理决定数量"),
        (),
        (("licensing", "行政许可"),),
    ),
    ActiveGroup(
        "第二十条第（六）项",
        ("信息内容", "本年处理决定数量"),
        (),
        (("punishment", "行政处罚"), ("coercion", "行政强制")),
    ),
    ActiveGroup(
        "第二十条第（八）项",
        ("信息内容", "本年收费金额（单位：万元）"),
        (),
        (("fees", "行政事业性收费"),),
        kind=AMOUNT,
    ),
)
ACTIVE_COLUMNS = 4  # the official Word table is four columns wide

# ---------------------------------------------------------------- table 三

REQUESTS_NUMBER = "三"
REQUESTS_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_APPLICANTS = "申请人情况"
_ORGS = "法人或其他组织"

REQUESTS_COLUMNS: tuple[Column, ...] = (
    Column("natural", (_APPLICANTS, "自然人")),
    Column("business", (_APPLICANTS, _ORGS, "商业企业")),
    Column("research", (_APPLICANTS, _ORGS, "科研机构")),
    Column("nonprofit", (_APPLICANTS, _ORGS, "社会公益组织")),
    Column("legal", (_APPLICANTS, _ORGS, "法律服务机构")),
    Column("other_org", (_APPLICANTS, _ORGS, "其他")),
    Column("total", (_APPLICANTS, "总计")),
)
REQUESTS_DETAIL_COLUMNS = tuple(c.key for c in REQUESTS_COLUMNS if c.key != "total")

_RESULTS = "三、本年度办理结果"
_DENIED = "（三）不予公开"
_UNAVAILABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER = "（六）其他处理"


def _r(key: str, *labels: str, short: str) -> Row:
    return Row(key, labels, short)


REQUESTS_ROWS: tuple[Row, ...] = (
    _r("new", "一、本年新收政府信息公开申请数量", short="一、本年新收政府信息公开申请数量"),
    _r("carried_over", "二、上年结转政府信息公开申请数量", short="二、上年结转政府信息公开申请数量"),
    _r("results.granted", _RESULTS, "（一）予以公开", short="三（一）予以公开"),
    _r("results.partial", _RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
       short="三（二）部分公开"),
    _r("results.denied.state_secret", _RESULTS, _DENIED, "1.属于国家秘密",
       short="三（三）1.属于国家秘密"),
    _r("results.denied.prohibited_by_law", _RESULTS, _DENIED, "2.其他法律行政法规禁止公开",
       short="三（三）2.其他法律行政法规禁止公开"),
    _r("results.denied.three_safeties", _RESULTS, _DENIED, "3.危及“三安全一稳定”",
       short="三（三）3.危及“三安全一稳定”"),
    _r("results.denied.third_party", _RESULTS, _DENIED, "4.保护第三方合法权益",
       short="三（三）4.保护第三方合法权益"),
    _r("results.denied.internal_affairs", _RESULTS, _DENIED, "5.属于三类内部事务信息",
       short="三（三）5.属于三类内部事务信息"),
    _r("results.denied.process_info", _RESULTS, _DENIED, "6.属于四类过程性信息",
       short="三（三）6.属于四类过程性信息"),
    _r("results.denied.enforcement_files", _RESULTS, _DENIED, "7.属于行政执法案卷",
       short="三（三）7.属于行政执法案卷"),
    _r("results.denied.inquiry", _RESULTS, _DENIED, "8.属于行政查询事项",
       short="三（三）8.属于行政查询事项"),
    _r("results.unavailable.not_held", _RESULTS, _UNAVAILABLE, "1.本机关不掌握相关政府信息",
       short="三（四）1.本机关不掌握相关政府信息"),
    _r("results.unavailable.needs_creation", _RESULTS, _UNAVAILABLE, "2.没有现成信息需要另行制作",
       short="三（四）2.没有现成信息需要另行制作"),
    _r("results.unavailable.unclear", _RESULTS, _UNAVAILABLE, "3.补正后申请内容仍不明确",
       short="三（四）3.补正后申请内容仍不明确"),
    _r("results.not_processed.petition", _RESULTS, _NOT_PROCESSED, "1.信访举报投诉类申请",
       short="三（五）1.信访举报投诉类申请"),
    _r("results.not_processed.repeated", _RESULTS, _NOT_PROCESSED, "2.重复申请",
       short="三（五）2.重复申请"),
    _r("results.not_processed.publication", _RESULTS, _NOT_PROCESSED, "3.要求提供公开出版物",
       short="三（五）3.要求提供公开出版物"),
    _r("results.not_processed.excessive", _RESULTS, _NOT_PROCESSED, "4.无正当理由大量反复申请",
       short="三（五）4.无正当理由大量反复申请"),
    _r("results.not_processed.confirmation", _RESULTS, _NOT_PROCESSED,
       "5.要求行政机关确认或重新出具已获取信息", short="三（五）5.要求行政机关确认或重新出具已获取信息"),
    _r("results.other.no_correction", _RESULTS, _OTHER,
       "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
       short="三（六）1.申请人无正当理由逾期不补正"),
    _r("results.other.no_fee", _RESULTS, _OTHER,
       "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
       short="三（六）2.申请人逾期未按收费通知要求缴纳费用"),
    _r("results.other.other", _RESULTS, _OTHER, "3.其他", short="三（六）3.其他"),
    _r("results.total", _RESULTS, "（七）总计", short="三（七）总计"),
    _r("carried_forward", "四、结转下年度继续办理", short="四、结转下年度继续办理"),
)
REQUESTS_ROW_BY_KEY = {r.key: r for r in REQUESTS_ROWS}
# The 21 detail rows （一）…（六）3 that add up to 三（七）总计.
RESULT_DETAIL_ROWS = tuple(
    r.key for r in REQUESTS_ROWS if r.key.startswith("results.") and r.key != "results.total"
)

# ---------------------------------------------------------------- table 四

REVIEW_NUMBER = "四"
_LITIGATION = "行政诉讼"
REVIEW_OUTCOMES: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
REVIEW_GROUPS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    # key, header label path, how messages name the group
    ("reconsideration", ("行政复议",), "行政复议"),
    ("litigation_direct", (_LITIGATION, "未经复议直接起诉"), "行政诉讼（未经复议直接起诉）"),
    ("litigation_after_reconsideration", (_LITIGATION, "复议后起诉"), "行政诉讼（复议后起诉）"),
)
REVIEW_COLUMNS: tuple[Column, ...] = tuple(
    Column(f"{g}.{o}", labels + (olabel,))
    for g, labels, _ in REVIEW_GROUPS
    for o, olabel in REVIEW_OUTCOMES
)

TABLE_NUMBERS = {"active": ACTIVE_NUMBER, "requests": REQUESTS_NUMBER, "review": REVIEW_NUMBER}
TABLE_KEYS = ("active", "requests", "review")

# ---------------------------------------------------------------- cells


def _build_cells() -> tuple[Cell, ...]:
    cells: list[Cell] = []
    for group in ACTIVE_GROUPS:
        for key, label in group.rows:
            if group.columns:
                for col, header in zip(group.columns, group.headers[1:]):
                    cells.append(Cell(f"tables.active.{key}.{col}", "active", key, col, group.kind,
                                      f"表二 {label} · {header}", label, header))
            else:
                unit = "（万元）" if group.kind == AMOUNT else ""
                cells.append(Cell(f"tables.active.{key}", "active", key, None, group.kind,
                                  f"表二 {label}{unit}", label, label))
    for row in REQUESTS_ROWS:
        for column in REQUESTS_COLUMNS:
            cells.append(Cell(f"tables.requests.{row.key}.{column.key}", "requests", row.key, column.key,
                              COUNT, f"表三 {row.short} · {column.label}", row.short, column.label))
    for g, _, gname in REVIEW_GROUPS:
        for o, olabel in REVIEW_OUTCOMES:
            cells.append(Cell(f"tables.review.{g}.{o}", "review", g, o, COUNT,
                              f"表四 {gname} · {olabel}", gname, olabel))
    return tuple(cells)


CELLS: tuple[Cell, ...] = _build_cells()
CELL_BY_PATH: dict[str, Cell] = {c.path: c for c in CELLS}
CELL_PATHS: tuple[str, ...] = tuple(c.path for c in CELLS)


def requests_path(row: str, column: str) -> str:
    return f"tables.requests.{row}.{column}"


def review_path(group: str, outcome: str) -> str:
    return f"tables.review.{group}.{outcome}"


def cell_name(path: str) -> str:
    """How the printed report names a cell or field, for messages."""
    if path in CELL_BY_PATH:
        return CELL_BY_PATH[path].name
    if path in FIELDS:
        return FIELDS[path]
    if path.startswith("sections.") and path[9:] in SECTION_BY_KEY:
        return SECTION_BY_KEY[path[9:]].heading
    if path.startswith("fee_notices."):
        for key, label, _ in FEE_NOTICES:
            if path == f"fee_notices.{key}":
                return f"信息处理费 · {label}"
    return path


def value_kind(path: str) -> str:
    """COUNT or AMOUNT for any numeric path of the report."""
    if path in CELL_BY_PATH:
        return CELL_BY_PATH[path].kind
    for key, _, kind in FEE_NOTICES:
        if path == f"fee_notices.{key}":
            return kind
    raise KeyError(path)


# ---------------------------------------------------------------- sums (勾稽关系)


@dataclass(frozen=True)
class Sum:
    """total == sum(parts): one arithmetic relation the format implies."""

    rule: str
    total: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Balance:
    """sum(left) == sum(right): the printed 勾稽关系 of table 三."""

    rule: str
    column: str
    left: tuple[str, ...]
    right: tuple[str, ...]


def _build_sums() -> tuple[Sum, ...]:
    sums = [
        Sum("T3.ROW", requests_path(r.key, "total"),
            tuple(requests_path(r.key, c) for c in REQUESTS_DETAIL_COLUMNS))
        for r in REQUESTS_ROWS
    ]
    sums += [
        Sum("T3.RESULTS", requests_path("results.total", c.key),
            tuple(requests_path(r, c.key) for r in RESULT_DETAIL_ROWS))
        for c in REQUESTS_COLUMNS
    ]
    sums += [
        Sum("T4.SUM", review_path(g, "total"),
            tuple(review_path(g, o) for o, _ in REVIEW_OUTCOMES if o != "total"))
        for g, _, _ in REVIEW_GROUPS
    ]
    return tuple(sums)


SUMS: tuple[Sum, ...] = _build_sums()
BALANCES: tuple[Balance, ...] = tuple(
    Balance("T3.BALANCE", c.key,
            (requests_path("new", c.key), requests_path("carried_over", c.key)),
            (requests_path("results.total", c.key), requests_path("carried_forward", c.key)))
    for c in REQUESTS_COLUMNS
)

# ---------------------------------------------------------------- layout


@dataclass(frozen=True)
class LayoutCell:
    """One printed cell of a table, with its merged span."""

    row: int
    col: int
    rowspan: int
    colspan: int
    role: str  # "corner" | "title" | "header" | "label" | "value"
    text: str = ""  # printed text; "" for value cells
    path: str | None = None  # value cells only


@dataclass(frozen=True)
class TableLayout:
    key: str
    number: str  # 二 | 三 | 四
    n_rows: int
    n_cols: int
    header_rows: int
    label_cols: int
    cells: tuple[LayoutCell, ...]

    def value_cells(self) -> tuple[LayoutCell, ...]:
        return tuple(c for c in self.cells if c.role == "value")


def _spans(paths: list[tuple[str, ...]], depth: int) -> list[tuple[int, int, int, int, str]]:
    """Merged spans of a label tree laid along one axis.

    ``paths[i]`` is the label path of the i-th line (row or column); the result lists
    ``(start, level, length, levels, text)``: a label covering ``length`` lines from
    ``start``, at ``level`` across the header, and ``levels`` deep (a path's last label
    fills the levels its path does not use).
    """
    out = []
    for level in range(depth):
        i = 0
        while i < len(paths):
            path = paths[i]
            if level >= len(path):
                i += 1
                continue
            j = i + 1
            while j < len(paths) and len(paths[j]) > level and paths[j][: level + 1] == path[: level + 1]:
                j += 1
            levels = depth - level if level == len(path) - 1 else 1
            out.append((i, level, j - i, levels, path[level]))
            i = j
    return out


def _grid_layout(key: str, number: str, corner: str, rows: list[tuple[tuple[str, ...], str]],
                 columns: tuple[Column, ...]) -> TableLayout:
    """A table whose header is a column label tree and whose side is a row label tree."""
    header_rows = max(len(c.labels) for c in columns)
    label_cols = max((len(labels) for labels, _ in rows), default=0)
    cells: list[LayoutCell] = []
    if label_cols:
        cells.append(LayoutCell(0, 0, header_rows, label_cols, "corner", corner))
    for start, level, length, levels, text in _spans([c.labels for c in columns], header_rows):
        cells.append(LayoutCell(level, label_cols + start, levels, length, "header", text))
    for start, level, length, levels, text in _spans([labels for labels, _ in rows], label_cols):
        cells.append(LayoutCell(header_rows + start, level, length, levels, "label", text))
    for i, (_, row_key) in enumerate(rows):
        for j, col in enumerate(columns):
            path = f"tables.{key}.{row_key}.{col.key}" if row_key else f"tables.{key}.{col.key}"
            cells.append(LayoutCell(header_rows + i, label_cols + j, 1, 1, "value", "", path))
    cells.sort(key=lambda c: (c.row, c.col))
    return TableLayout(key, number, header_rows + len(rows), label_cols + len(columns),
                       header_rows, label_cols, tuple(cells))


def _active_layout() -> TableLayout:
    cells: list[LayoutCell] = []
    r = 0
    for group in ACTIVE_GROUPS:
        cells.append(LayoutCell(r, 0, 1, ACTIVE_COLUMNS, "title", group.title))
        r += 1
        width = (ACTIVE_COLUMNS - 1) // max(1, len(group.headers) - 1)
        cells.append(LayoutCell(r, 0, 1, 1, "header", group.headers[0]))
        for j, header in enumerate(group.headers[1:]):
            cells.append(LayoutCell(r, 1 + j * width, 1, width, "header", header))
        r += 1
        for key, label in group.rows:
            cells.append(LayoutCell(r, 0, 1, 1, "label", label))
            if group.columns:
                for j, col in enumerate(group.columns):
                    cells.append(LayoutCell(r, 1 + j, 1, 1, "value", "", f"tables.active.{key}.{col}"))
            else:
                cells.append(LayoutCell(r, 1, 1, ACTIVE_COLUMNS - 1, "value", "", f"tables.active.{key}"))
            r += 1
    return TableLayout("active", ACTIVE_NUMBER, r, ACTIVE_COLUMNS, 0, 1, tuple(cells))


@cache
def layout(table: str) -> TableLayout:
    """The printed structure of one official table, merged spans included."""
    if table == "active":
        return _active_layout()
    if table == "requests":
        return _grid_layout("requests", REQUESTS_NUMBER, REQUESTS_CORNER,
                            [(r.labels, r.key) for r in REQUESTS_ROWS], REQUESTS_COLUMNS)
    if table == "review":
        return _grid_layout("review", REVIEW_NUMBER, "", [((), "")], REVIEW_COLUMNS)
    raise KeyError(table)
