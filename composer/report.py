"""The report: typed content, report-JSON load and save, version migrations.

Report JSON is the one interchange format (spec §6). In memory the table cells are a
flat dict keyed by report-JSON path, which is what rules, grids and undo commands use.
"""

from __future__ import annotations

import copy
import json
import os
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import schema
from .errors import ReportFileError, UnsupportedVersionError
from .fileio import atomic_write_bytes, read_bounded
from .values import MAX_VALUE, YEARS, Value

FORMAT = "gov-info-disclosure-annual-report"
VERSION = 1
MAX_FILE_BYTES = 20 * 1024 * 1024  # a report is a few hundred KB at most

TEXT_FIELDS = ("organ", "title", "preamble")


# Every dict key that may stand inside "tables" on the way to a cell.
_TABLE_NODES = frozenset(
    ".".join(p.split(".")[: i + 1]) for p in schema.CELL_PATHS for i in range(1, p.count(".") + 1))


def _blank_cells() -> dict[str, Value]:
    return dict.fromkeys(schema.CELL_PATHS)


@dataclass
class Report:
    year: int | None = None
    organ: str = ""
    title: str = ""
    preamble: str = ""
    sections: dict[str, str] = field(default_factory=lambda: {s.key: "" for s in schema.SECTIONS})
    signature_organ: str = ""
    signature_date: str = ""  # "YYYY-MM-DD" or ""
    fee_notices: dict[str, Value] | None = None  # absent unless the office states the figures
    cells: dict[str, Value] = field(default_factory=_blank_cells)
    previous: Report | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # unknown top-level keys, written back as they came
    # Cells blank because the imported report used the 2019 format, which has no such rows
    # (rule F.OLDFORMAT); report JSON key "old_format_cells", written only when there are some.
    old_format_cells: list[str] = field(default_factory=list)

    # ------------------------------------------------------------ paths

    def get(self, path: str) -> Any:
        """Any value of the report by its report-JSON path."""
        if path.startswith("tables."):
            return self.cells[path]
        if path in ("year", *TEXT_FIELDS):
            return getattr(self, path)
        if path.startswith("sections."):
            return self.sections[path[9:]]
        if path == "signature.organ":
            return self.signature_organ
        if path == "signature.date":
            return self.signature_date
        if path.startswith("fee_notices."):
            key = path[12:]
            if key not in schema.FEE_NOTICE_KEYS:
                raise KeyError(path)
            return None if self.fee_notices is None else self.fee_notices[key]
        raise KeyError(path)

    def set(self, path: str, value: Any) -> None:
        """Set one value by path; the caller (an undo command, an importer) checks its kind."""
        if path.startswith("tables."):
            if path not in self.cells:
                raise KeyError(path)
            self.cells[path] = value
        elif path in ("year", *TEXT_FIELDS):
            setattr(self, path, value)
        elif path.startswith("sections.") and path[9:] in self.sections:
            self.sections[path[9:]] = value
        elif path == "signature.organ":
            self.signature_organ = value
        elif path == "signature.date":
            self.signature_date = value
        elif path.startswith("fee_notices.") and path[12:] in schema.FEE_NOTICE_KEYS:
            if self.fee_notices is None:
                self.fee_notices = dict.fromkeys(schema.FEE_NOTICE_KEYS)
            self.fee_notices[path[12:]] = value
        else:
            raise KeyError(path)

    def copy(self) -> Report:
        return copy.deepcopy(self)

    # ------------------------------------------------------------ JSON

    def to_json(self, *, with_previous: bool = True) -> dict[str, Any]:
        """The report-JSON object (spec §6), every cell present, blanks as null."""
        tables: dict[str, Any] = {}
        for path, value in self.cells.items():
            node = tables
            *parents, leaf = path.split(".")[1:]
            for part in parents:
                node = node.setdefault(part, {})
            node[leaf] = _json_number(value)
        obj: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "year": self.year,
            "organ": self.organ,
            "title": self.title,
            "preamble": self.preamble,
            "sections": dict(self.sections),
            "signature": {"organ": self.signature_organ, "date": self.signature_date},
            "fee_notices": None if self.fee_notices is None
            else {k: _json_number(v) for k, v in self.fee_notices.items()},
            "tables": tables,
        }
        if with_previous and self.previous is not None:
            obj["previous"] = self.previous.to_json(with_previous=False)
        if self.old_format_cells:
            obj["old_format_cells"] = list(self.old_format_cells)
        for key, value in self.extra.items():
            if key not in obj and key != "previous":
                obj[key] = _plain(value)
        return obj

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, obj: Any) -> Report:
        """Build a Report from parsed report JSON, migrating older versions.

        Raises ReportFileError naming the first wrong key; nothing is half-loaded.
        """
        return _build(migrate(obj), "", allow_previous=True)


def _json_number(value: Value) -> Any:
    # JSON has one number type; whole amounts print as integers, others as the shortest float
    # repr, which is exact for values under MAX_VALUE with at most four decimals.
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _plain(value: Any) -> Any:
    """A parsed JSON value with its exact numbers (Decimal) made plain JSON numbers again."""
    if isinstance(value, Decimal):
        return _json_number(value) if value.is_finite() else None
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# Top-level keys this version reads; any other key is kept in Report.extra. "composer" is the
# program state of a project file (composer.project), not report content: report readers skip it.
KNOWN_KEYS = frozenset({"format", "version", "year", *TEXT_FIELDS, "sections", "signature", "fee_notices",
                        "tables", "previous", "composer", "old_format_cells"})


# ---------------------------------------------------------------- migrations


def _migrate_0(obj: dict[str, Any]) -> dict[str, Any]:
    """Version 0: the unversioned shape (year, organ, tables; text optional), as in the
    samples' expected.json and files written by hand or by other tools."""
    out = dict(obj)
    out.setdefault("format", FORMAT)
    for key in TEXT_FIELDS:
        if out.get(key) is None:
            out[key] = ""
    sections = out.get("sections")
    if sections is None:
        sections = {}
    if isinstance(sections, dict):
        out["sections"] = {s.key: sections.get(s.key) or "" for s in schema.SECTIONS} | {
            k: v for k, v in sections.items() if k not in schema.SECTION_BY_KEY}
    if out.get("signature") is None:
        out["signature"] = {"organ": "", "date": ""}
    out["version"] = 1
    return out


MIGRATIONS = {0: _migrate_0}  # version N -> N+1; each old version has a fixture in tests


def migrate(obj: Any) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise ReportFileError("文件内容不是一份报告（应为 JSON 对象）")
    fmt = obj.get("format")
    if fmt is not None and fmt != FORMAT:
        raise ReportFileError(f"不是政府信息公开年度报告文件（format 为“{fmt}”）")
    version = obj.get("version", 0)
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise ReportFileError(f"格式版本号“{version}”无效")
    if version > VERSION:
        raise UnsupportedVersionError(
            f"该文件由更新版本的年报编制器保存（格式版本 {version}），"
            f"本程序只能读取版本 {VERSION} 及以前的文件，请升级年报编制器")
    if fmt is None and "tables" not in obj:
        raise ReportFileError("文件内容不是一份报告（缺少 tables）")
    migrated: dict[str, Any] = obj
    while version < VERSION:
        migrated = MIGRATIONS[version](migrated)
        version = migrated["version"]
    return migrated


# ---------------------------------------------------------------- validation


def _where(prefix: str, key: str) -> str:
    return f"{prefix}{key}"


def _require(obj: dict[str, Any], key: str, prefix: str) -> Any:
    if key not in obj:
        raise ReportFileError(f"缺少“{_where(prefix, key)}”")
    return obj[key]


def _text(obj: dict[str, Any], key: str, prefix: str) -> str:
    value = _require(obj, key, prefix)
    if not isinstance(value, str):
        raise ReportFileError(f"“{_where(prefix, key)}”应为文字，实为 {_type_name(value)}")
    return value


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return f"文字“{value[:20]}”"
    if isinstance(value, (list, dict)):
        return "列表" if isinstance(value, list) else "对象"
    return type(value).__name__


def _number(value: Any, where: str) -> Value:
    if isinstance(value, float):  # parsed without parse_float=Decimal
        value = Decimal(repr(value))
    if value is None:
        return None
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        number: int | Decimal = value
        if isinstance(number, Decimal) and not number.is_finite() or max(number, -number) >= MAX_VALUE:
            raise ReportFileError(f"“{where}”的数值“{value}”不合理")
        return number
    raise ReportFileError(f"“{where}”应为数字或 null，实为 {_type_name(value)}")


def _tables(obj: Any, prefix: str) -> dict[str, Value]:
    if not isinstance(obj, dict):
        raise ReportFileError(f"“{prefix}tables”应为对象")
    cells: dict[str, Value] = {}
    seen_leaves = 0

    def walk(node: Any, path: str) -> None:
        nonlocal seen_leaves
        if path in schema.CELL_BY_PATH:
            cells[path] = _number(node, prefix + path)
            seen_leaves += 1
            return
        if not isinstance(node, dict):
            raise ReportFileError(f"“{prefix}{path}”应为对象，实为 {_type_name(node)}")
        for key, child in node.items():
            child_path = f"{path}.{key}"
            if child_path not in _TABLE_NODES:
                raise ReportFileError(f"未知的表格键“{prefix}{child_path}”")
            walk(child, child_path)

    walk(obj, "tables")
    for path in schema.CELL_PATHS:
        if path not in cells:
            raise ReportFileError(f"缺少表格单元格“{prefix}{path}”（空白应写作 null）")
    return {p: cells[p] for p in schema.CELL_PATHS}


def _build(obj: dict[str, Any], prefix: str, *, allow_previous: bool) -> Report:
    year = _require(obj, "year", prefix)
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise ReportFileError(f"“{prefix}year”应为年份数字，实为 {_type_name(year)}")
    if year is not None and not YEARS[0] <= year <= YEARS[1]:
        raise ReportFileError(f"“{prefix}year”的年份 {year} 不合理")
    report = Report(year=year)
    for key in TEXT_FIELDS:
        setattr(report, key, _text(obj, key, prefix))
    sections = _require(obj, "sections", prefix)
    if not isinstance(sections, dict):
        raise ReportFileError(f"“{prefix}sections”应为对象")
    for s in schema.SECTIONS:
        report.sections[s.key] = _text(sections, s.key, f"{prefix}sections.")
    signature = _require(obj, "signature", prefix)
    if not isinstance(signature, dict):
        raise ReportFileError(f"“{prefix}signature”应为对象")
    report.signature_organ = _text(signature, "organ", f"{prefix}signature.")
    report.signature_date = _text(signature, "date", f"{prefix}signature.")
    fees = obj.get("fee_notices")
    if fees is not None:
        if not isinstance(fees, dict):
            raise ReportFileError(f"“{prefix}fee_notices”应为对象或 null")
        report.fee_notices = {k: _number(fees.get(k), f"{prefix}fee_notices.{k}")
                              for k in schema.FEE_NOTICE_KEYS}
    report.cells = _tables(_require(obj, "tables", prefix), prefix)
    report.old_format_cells = _old_format_cells(obj.get("old_format_cells"), prefix)
    report.extra = {k: copy.deepcopy(v) for k, v in obj.items() if k not in KNOWN_KEYS}
    previous = obj.get("previous")
    if previous is not None:
        if not allow_previous:
            previous = None  # last year's own "previous" is not kept (spec §6)
        else:
            report.previous = _build(migrate(previous), "previous.", allow_previous=False)
    return report


def _old_format_cells(value: Any, prefix: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(p, str) and p in schema.CELL_BY_PATH for p in value):
        raise ReportFileError(f"“{prefix}old_format_cells”应为表格单元格路径的列表")
    return list(dict.fromkeys(value))


# ---------------------------------------------------------------- files


def _no_constant(name: str) -> Any:
    raise ReportFileError(f"文件中有“{name}”，不是有效的数字")


def parse_json_text(text: str, source: str | None = None) -> Any:
    """JSON with amounts kept exact (Decimal), or ReportFileError saying where it breaks."""
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except ReportFileError as err:
        raise ReportFileError(err.message, source=source) from None
    except json.JSONDecodeError as err:
        raise ReportFileError(f"不是有效的 JSON 文件（第 {err.lineno} 行第 {err.colno} 列）",
                              source=source) from None
    except RecursionError:
        raise ReportFileError("JSON 嵌套层数过多，不是报告文件", source=source) from None
    except ValueError:  # an integer of thousands of digits
        raise ReportFileError("文件中有位数过多的数字，不是报告文件", source=source) from None


def parse_report_text(text: str, source: str | None = None) -> Report:
    obj = parse_json_text(text, source)
    try:
        return Report.from_json(obj)
    except ReportFileError as err:
        raise err.with_source(source) from None


def read_text_file(path: str | os.PathLike[str], limit: int = MAX_FILE_BYTES) -> str:
    """A UTF-8 text file, bounded in size, with Chinese errors."""
    name = os.fspath(path)
    data = read_bounded(path, limit, ReportFileError)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportFileError("文件不是 UTF-8 编码的文本，不是报告 JSON", source=name) from None


def load_report(path: str | os.PathLike[str]) -> Report:
    return parse_report_text(read_text_file(path), source=os.fspath(path))


def report_json_bytes(report: Report, extra: dict[str, Any] | None = None) -> bytes:
    """The file content of ``report``; ``extra`` adds program-state keys beside the report."""
    obj = report.to_json()
    if extra:
        obj.update(extra)
    return (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def save_report(report: Report, path: str | os.PathLike[str], extra: dict[str, Any] | None = None) -> None:
    """Write report JSON atomically; ``extra`` adds program-state keys beside the report."""
    atomic_write_bytes(path, report_json_bytes(report, extra))
