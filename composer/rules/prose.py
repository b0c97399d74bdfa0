"""Rules on the narrative and section 六's fee figures: S.MISSING, S.FEES, F.FEES, N.NUMBER,
N.YEAR, N.PLACEHOLDER.

Text is scanned once per distinct string (cached), so re-checking after a table edit costs
only the comparisons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import schema
from ..report import Report
from ..values import format_value
from .finding import WARNING, Finding
from .tables import as_number

# The prose fields N.* rules read, in report order.
PROSE_PATHS: tuple[str, ...] = ("title", "preamble", *(s.path for s in schema.SECTIONS))

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"[0-9０-９]+|[零〇一二两三四五六七八九十百]+"
_UNIT = r"\s*(?:件|个|条|份|宗|起|次|例)"
_CLAUSE = r"[^。；;！？\n]"  # stays within one clause


def parse_count(text: str) -> int | None:
    """"18", "１８", "十八", "二十三", "一百零二" → int; None if not a plain count."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch == "十":
            total += (digit if digit else 1) * 10
            digit = None
        elif ch == "百":
            total += (digit if digit else 1) * 100
            digit = None
        else:
            return None
    return total + (digit or 0)


@dataclass(frozen=True)
class Mention:
    kind: str  # "received" | "none_received" | "reconsideration" | "litigation" | "review_both" | "no_review"
    start: int
    end: int
    count: int | None


# (kind, a word the text must contain for the pattern to match at all, pattern)
_PATTERNS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("none_received", "申请", re.compile(
        rf"(?:未|没有|没|尚未|无)(?:收到|接到|受理|接收|收悉){_CLAUSE}{{0,20}}?申请")),
    ("received", "申请", re.compile(
        rf"(?:收到|受理|接到|接收|收悉|新收){_CLAUSE}{{0,25}}?申请{_CLAUSE}{{0,8}}?"
        rf"(?P<n>{_NUM}){_UNIT}")),
    ("review_both", "行政复议", re.compile(
        rf"行政复议(?:、|和|及|或|与)行政诉讼{_CLAUSE}{{0,8}}?(?P<n>{_NUM}){_UNIT}")),
    ("reconsideration", "行政复议", re.compile(rf"行政复议(?![、和及或与]行政诉讼){_CLAUSE}{{0,8}}?(?P<n>{_NUM}){_UNIT}")),
    ("litigation", "行政诉讼", re.compile(rf"行政诉讼{_CLAUSE}{{0,8}}?(?P<n>{_NUM}){_UNIT}")),
    ("no_review", "行政", re.compile(
        rf"(?:未发生|没有发生|未出现|没有出现|未被|没有|未有|无){_CLAUSE}{{0,30}}?(?:行政复议|行政诉讼)")),
)


@lru_cache(maxsize=256)
def scan_counts(text: str) -> tuple[Mention, ...]:
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for kind, keyword, pattern in _PATTERNS:
        if keyword not in text:
            continue  # most paragraphs mention neither applications nor review: skip the scan
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue  # one statement, one reading: the first pattern that fits wins
            count = None
            if "n" in pattern.groupindex:
                count = parse_count(m.group("n"))
                if count is None:
                    continue
            found.append(Mention(kind, m.start(), m.end(), count))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda x: x.start)
    return tuple(found)


_YEAR = re.compile(r"(?<![0-9〔\[［(（])((?:19|20)[0-9]{2})(?=\s*年)")
# Explicit comparisons and references that legitimately name an earlier year.
_YEAR_BEFORE_OK = re.compile(r"(?:较|比|与|同|和|跟|相较|对比|自|从|截至上年|上年|去年)\s*$")
_YEAR_AFTER_OK = re.compile(
    r"^\s*年(?:度)?(?:相比|同期|以来|修订|修正|施行|颁布|印发|发布|出台|起施行|版)"
    r"|^\s*年[^。；，,]{0,12}?(?:相比|同比|修订|施行|印发)")
_YEAR_LOOKBEHIND = 6


@lru_cache(maxsize=256)
def scan_years(text: str) -> tuple[tuple[int, int, int], ...]:
    """(start, end, year) of every year mention that is not a document number,
    a law's title or an explicit comparison."""
    out = []
    for m in _YEAR.finditer(text):
        before = text[max(0, m.start() - _YEAR_LOOKBEHIND): m.start()]
        after = text[m.end(): m.end() + 20]
        if _YEAR_BEFORE_OK.search(before) or _YEAR_AFTER_OK.search(after):
            continue
        if text.rfind("《", 0, m.start()) > text.rfind("》", 0, m.start()):
            continue  # inside a title such as 《…（2019年修订）》
        out.append((m.start(), m.end() + 1, int(m.group(1))))  # span includes 年
    return tuple(out)


_PLACEHOLDER = re.compile(r"[Xx]{2,}|[×✕╳]{2,}|[＊*]{2,}|【\s*】|[_＿]{3,}|〇〇〇+|□{2,}")


@lru_cache(maxsize=256)
def scan_placeholders(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in _PLACEHOLDER.finditer(text))


_FEE_WORDS = re.compile(r"信息处理费|处理费|收取费用|收费")


def _excerpt(text: str, start: int, end: int) -> str:
    return text[start:end]


def _total(report: Report, *paths: str):
    values = [as_number(report.cells[p]) for p in paths]
    return None if None in values else sum(values)  # type: ignore[arg-type]


_NEW_TOTAL = schema.requests_path("new", "total")
_CARRIED_TOTAL = schema.requests_path("carried_over", "total")
_RECON_TOTAL = schema.review_path("reconsideration", "total")
_LIT_TOTALS = (schema.review_path("litigation_direct", "total"),
               schema.review_path("litigation_after_reconsideration", "total"))


def _check_count(report: Report, path: str, text: str, m: Mention) -> Finding | None:
    prev = report.previous
    excerpt = _excerpt(text, m.start, m.end)
    where = schema.cell_name(path)
    if m.kind in ("received", "none_received"):
        new = _total(report, _NEW_TOTAL)
        with_carried = _total(report, _NEW_TOTAL, _CARRIED_TOTAL)
        table_name, cells, prev_value = "表三 本年新收申请总计", (_NEW_TOTAL,), (
            _total(prev, _NEW_TOTAL) if prev else None)
    elif m.kind == "reconsideration":
        new = with_carried = _total(report, _RECON_TOTAL)
        table_name, cells = "表四 行政复议总计", (_RECON_TOTAL,)
        prev_value = _total(prev, _RECON_TOTAL) if prev else None
    elif m.kind == "litigation":
        new = with_carried = _total(report, *_LIT_TOTALS)
        table_name, cells = "表四 行政诉讼总计", _LIT_TOTALS
        prev_value = _total(prev, *_LIT_TOTALS) if prev else None
    else:  # review_both, no_review
        new = with_carried = _total(report, _RECON_TOTAL, *_LIT_TOTALS)
        table_name, cells = "表四 行政复议和行政诉讼总计", (_RECON_TOTAL, *_LIT_TOTALS)
        prev_value = _total(prev, _RECON_TOTAL, *_LIT_TOTALS) if prev else None
    said = 0 if m.kind in ("none_received", "no_review") else m.count
    if new is None:
        if said == 0:
            return None  # "no applications" next to a table still blank: nothing to contradict
        hint = (f"；该数字与上年报告相同，可能是沿用了上年文字" if prev_value == said else "")
        return Finding("N.NUMBER", WARNING, (path, *cells),
                       f"{where}：正文写“{excerpt}”，但{table_name}尚未填写，无法核对{hint}",
                       span=(m.start, m.end), excerpt=excerpt)
    if said in (new, with_carried):
        return None
    shown = format_value(new)
    if with_carried != new:
        shown += f"（加上年结转为 {format_value(with_carried)}）"
    return Finding("N.NUMBER", WARNING, (path, *cells),
                   f"{where}：正文写“{excerpt}”，与{table_name} {shown} 不符",
                   span=(m.start, m.end), excerpt=excerpt, expected=new)


def check_prose(report: Report) -> list[Finding]:
    out: list[Finding] = []
    for path in PROSE_PATHS:
        text = report.get(path)
        if not text:
            continue
        for m in scan_counts(text):
            finding = _check_count(report, path, text, m)
            if finding:
                out.append(finding)
        if report.year is not None:
            for start, end, year in scan_years(text):
                if year < report.year:
                    excerpt = _excerpt(text, start, end)
                    out.append(Finding(
                        "N.YEAR", WARNING, (path,),
                        f"{schema.cell_name(path)}：提到“{excerpt}”，本报告为{report.year}年度，"
                        f"可能沿用了上年文字",
                        span=(start, end), excerpt=excerpt))
        for start, end in scan_placeholders(text):
            excerpt = _excerpt(text, start, end)
            out.append(Finding("N.PLACEHOLDER", WARNING, (path,),
                               f"{schema.cell_name(path)}：“{excerpt}”像是模板中未替换的占位符",
                               span=(start, end), excerpt=excerpt))
    return out


def check_completeness(report: Report) -> list[Finding]:
    out: list[Finding] = []
    if not report.organ.strip():
        out.append(Finding("S.MISSING", WARNING, ("organ",), "基本信息：未填写机关名称"))
    if report.year is None:
        out.append(Finding("S.MISSING", WARNING, ("year",), "基本信息：未填写报告年度"))
    for key in ("overview", "problems", "other"):
        section = schema.SECTION_BY_KEY[key]
        text = report.sections[key].strip()
        if not text:
            out.append(Finding("S.MISSING", WARNING, (section.path,), f"{section.heading}：内容为空"))
        elif key == "problems" and (text.rstrip("。.") == "无" or len(text) < 10):
            out.append(Finding("S.MISSING", WARNING, (section.path,),
                               f"{section.heading}：只写了“{text}”，应写明存在的主要问题及改进情况"))
    if report.fee_notices is None and not _FEE_WORDS.search(report.sections["other"]):
        out.append(Finding("S.FEES", WARNING, ("sections.other",),
                           "六、其他需要报告的事项：未说明信息处理费的收取情况"
                           "（国办函〔2020〕109号要求写明发出收费通知的件数和总金额以及实际收取的总金额）"))
    return out


def check_fees(report: Report) -> list[Finding]:
    fees = report.fee_notices
    if fees is None:
        return []
    out: list[Finding] = []
    amount, collected, count = fees.get("amount"), fees.get("collected"), fees.get("count")
    if amount is not None and collected is not None and collected > amount:
        out.append(Finding("F.FEES", WARNING, ("fee_notices.collected", "fee_notices.amount"),
                           f"信息处理费：实际收取 {format_value(collected)} 元，"
                           f"超过收费通知总金额 {format_value(amount)} 元"))
    no_fee_path = schema.requests_path("results.other.no_fee", "total")
    no_fee = as_number(report.cells[no_fee_path])
    if count is not None and no_fee is not None and count < no_fee:
        out.append(Finding("F.FEES", WARNING, ("fee_notices.count", no_fee_path),
                           f"信息处理费：发出收费通知 {format_value(count)} 件，少于"
                           f"表三 三（六）2.逾期未缴纳费用而不再处理的 {no_fee} 件",
                           expected=no_fee))
    return out
