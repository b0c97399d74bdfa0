"""Rules on the narrative and section 六's fee figures: S.MISSING, S.FEES, F.FEES, N.NUMBER,
N.YEAR, N.PLACEHOLDER, F.OLDFORMAT.

Text is scanned once per distinct string (cached), so re-checking after a table edit costs
only the comparisons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from .. import schema
from ..report import Report
from ..values import format_value, parse_chinese_number
from .finding import WARNING, Finding
from .registry import checker, define
from .tables import as_number

# The prose fields N.* rules read, in report order.
PROSE_PATHS: tuple[str, ...] = ("organ", "title", "preamble", *(s.path for s in schema.SECTIONS),
                                "signature.organ")

define("F.FEES", WARNING, "信息处理费数据",
       checks="六、其他需要报告的事项中信息处理费的数字：实收金额不应大于应收金额；发出收费通知的件数不应少于表三中收取信息处理费的件数。",
       why="收费数字前后矛盾，会被认为数据不实。",
       fix="核对收费通知的件数、应收金额和实收金额，与表三“其他处理—信息处理费”一致。")
define("S.MISSING", WARNING, "内容缺失",
       checks="机关名称、报告年度是否填写；一、总体情况，五、存在的主要问题及改进情况，六、其他需要报告的事项是否为空或过于简单。",
       why="格式规定六个部分都必须有内容；缺少部分会被要求补正后重新发布。",
       fix="补写缺少的内容；五应写明存在的问题和改进措施，不能只写“无”。")
define("S.FEES", WARNING, "未说明信息处理费",
       checks="六、其他需要报告的事项是否说明了信息处理费的收取情况。",
       why="按规定，年度报告应说明依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，没有收取也应写明。",
       fix="在六中写明本年度收取信息处理费的情况，例如“本年度未收取信息处理费”。")
define("N.NUMBER", WARNING, "正文数字与表格不符",
       checks="正文中说到的件数（收到申请、上年结转、结转下年度、行政复议、行政诉讼等）与表格中的数字是否一致。",
       why="正文与表格矛盾，读者无法知道哪个是对的；这往往是沿用上年正文没有改数字。",
       fix="核对表格后改正正文中的数字（或改正表格）。")
define("N.YEAR", WARNING, "正文沿用上年年份",
       checks="正文把更早的年份当作报告年度来写，例如 2023 年的报告中写“2022年，我乡……”。",
       why="这通常是照抄上年报告后忘了改年份。文号、对比说法（较2022年）不算。",
       fix="把年份改为报告年度；确实说的是往年的事请写清楚（如“与2022年相比”）。")
define("N.PLACEHOLDER", WARNING, "模板占位符未替换",
       checks="正文中留有 XX、××、＊＊、【】、___ 等模板占位符。",
       why="占位符说明有内容没有填写，发布出去很不严肃。",
       fix="把占位符替换为实际内容，或删除该句。")

OLDFORMAT = define("F.OLDFORMAT", WARNING, "使用了2019年旧版表格",
                   checks="导入的报告使用了2019年旧版表格（表三“（六）其他处理”只有一行，或表二为本年新制作、本年新公开数量），"
                          "新版格式中对应的单元格在旧版中没有数字。",
                   why="这些单元格空着是因为旧版表格没有这些行，不是办公室漏填；"
                       "2021年起应使用国办公开办函〔2021〕30号规定的新版表格。",
                   fix="按新版格式核实后填写这些单元格（例如把“其他处理”的数字分到三行）；本年报告请使用新版表格。")

_FOLD_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")  # same length: spans stay valid
_FULLWIDTH_DIGIT = re.compile("[０-９]")


def _fold(text: str) -> str:
    # str.translate is slow on Chinese text: only pay for it when there is something to fold
    return text.translate(_FOLD_DIGITS) if _FULLWIDTH_DIGIT.search(text) else text
_NUM = r"[0-9]+|[零〇一二两三四五六七八九十百]+"
# A count's measure word; 个 followed by a noun counts something else ("15个工作日", "3个部门").
_UNIT = r"\s*(?:件|条|份|宗|起|次|例|个(?![\u4e00-\u9fff]))"
_CLAUSE = r"[^。；;！？\n]"  # stays within one sentence
_PHRASE = r"[^。；;！？\n，,]"  # stays within one phrase
_NOT_REVIEW = r"(?!行政复议|行政诉讼|复议|诉讼)"  # applications, not appeals against decisions
_EARLIER = re.compile(r"上年|去年|上一年|上年度")


@dataclass(frozen=True)
class Mention:
    kind: str  # "received" | "none_received" | "carried_over" | "carried_forward" | "reconsideration" |
    #            "litigation" | "review_both" | "none_review"
    start: int
    end: int
    count: int | None  # None for statements that nothing happened


# (kind, a word the text must contain for the pattern to match at all, pattern)
_PATTERNS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("none_received", "申请", re.compile(
        rf"(?:未|没有|没|尚未|无)(?:收到|接到|受理|接收|收悉)(?:{_NOT_REVIEW}{_PHRASE}){{0,20}}?申请")),
    ("carried_over", "结转", re.compile(
        rf"(?:上年|上一年|去年)度?结转(?:{_NOT_REVIEW}{_CLAUSE}){{0,10}}?(?P<n>{_NUM}){_UNIT}")),
    ("carried_over", "结转", re.compile(
        rf"(?P<n>{_NUM}){_UNIT}(?:申请)?(?:系|为|是|属于?)(?:上年|上一年|去年)度?结转")),
    ("carried_forward", "下", re.compile(
        rf"(?:结转|顺延|转入)(?:至|到)?下(?:一)?年度?(?:继续办理)?{_CLAUSE}{{0,8}}?(?P<n>{_NUM}){_UNIT}")),
    ("carried_forward", "下", re.compile(
        rf"(?P<n>{_NUM}){_UNIT}{_PHRASE}{{0,8}}?(?:结转|顺延|转入)(?:至|到)?下(?:一)?年度?")),
    ("received", "申请", re.compile(
        rf"(?:收到|受理|接到|接收|收悉|新收)(?:{_NOT_REVIEW}{_CLAUSE}){{0,25}}?申请{_CLAUSE}{{0,8}}?"
        rf"(?P<n>{_NUM}){_UNIT}")),
    ("review_both", "行政复议", re.compile(
        rf"行政复议(?:、|和|及|或|与)行政诉讼{_CLAUSE}{{0,8}}?(?P<n>{_NUM}){_UNIT}")),
    ("reconsideration", "行政复议", re.compile(
        rf"行政复议(?![、和及或与]行政诉讼){_CLAUSE}{{0,8}}?(?P<n>{_NUM}){_UNIT}")),
    ("litigation", "行政诉讼", re.compile(rf"行政诉讼{_CLAUSE}{{0,8}}?(?P<n>{_NUM}){_UNIT}")),
    ("none_review", "行政", re.compile(
        rf"(?:未发生|没有发生|未出现|没有出现|未被|没有|未有|无){_PHRASE}{{0,30}}?"
        rf"(?P<subject>行政复议(?:[、和及或与]行政诉讼)?|行政诉讼)")),
)
_NONE_REVIEW_KIND = {"行政复议": "reconsideration", "行政诉讼": "litigation"}


@lru_cache(maxsize=256)
def scan_counts(text: str) -> tuple[Mention, ...]:
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    folded = _fold(text)
    for kind, keyword, pattern in _PATTERNS:
        if keyword not in folded:
            continue  # most paragraphs mention neither applications nor review: skip the scan
        for m in pattern.finditer(folded):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue  # one statement, one reading: the first pattern that fits wins
            phrase_start = max(folded.rfind(c, 0, m.start()) for c in "。；;，,\n") + 1
            if _EARLIER.search(folded, phrase_start, m.start()):
                continue  # "上年度收到申请3件": last year's figure, quoted as such
            count = None
            if "n" in pattern.groupindex:
                count = parse_chinese_number(m.group("n"))
                if count is None:
                    continue
            if kind == "none_review":
                subject = m.group("subject")
                kind = _NONE_REVIEW_KIND.get(subject, "review_both")
                found.append(Mention(kind, m.start(), m.end(), 0))
                kind = "none_review"
            else:
                found.append(Mention(kind, m.start(), m.end(), count))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda x: x.start)
    return tuple(found)


# No look-behind at the front: a pattern that starts with a character set lets the regex
# engine skip ahead to candidates, which is most of the speed; the preceding character is
# checked in Python instead.
_YEAR = re.compile(r"(?P<y>(?:19|20)[0-9]{2}|[一二][〇零九][〇零一二三四五六七八九]{2})\s*年")
_NOT_BEFORE_YEAR = frozenset("0123456789〔[［(（")  # part of a longer number or a document number
# Explicit comparisons and references that legitimately name an earlier year.
_YEAR_BEFORE_OK = re.compile(r"(?:较|比|与|同|和|跟|相较|对比|自|从|截至上年|上年|去年)\s*$")
_YEAR_AFTER_OK = re.compile(
    r"^度?(?:相比|同期|以来|修订|修正|施行|颁布|印发|发布|出台|起施行|版)"
    r"|^[^。；，,]{0,12}?(?:相比|同比|修订|施行|印发)"
    r"|^度?[^。；，,]{0,8}?(?:报告|决算|预算)"  # "2022年度报告中指出的问题", "2022年度部门决算"
    r"|^度?(?:存在|指出|提出|发现)的?问题"  # section 五 tells how last year's problems were fixed
    r"|^[^。；，,]{0,8}?(?:成立|开通|建成|设立|上线)")  # when something began
_YEAR_LOOKBEHIND = 6


@lru_cache(maxsize=256)
def scan_years(text: str) -> tuple[tuple[int, int, int], ...]:
    """(start, end, year) of every year mention (ASCII, full-width or Chinese digits) that is
    not a document number, a law's title, an explicit comparison or a reference to a past event."""
    out = []
    folded = _fold(text)
    for m in _YEAR.finditer(folded):
        if m.start() and folded[m.start() - 1] in _NOT_BEFORE_YEAR:
            continue
        before = folded[max(0, m.start() - _YEAR_LOOKBEHIND): m.start()]
        after = folded[m.end(): m.end() + 20]
        if _YEAR_BEFORE_OK.search(before) or _YEAR_AFTER_OK.search(after):
            continue
        if folded.rfind("《", 0, m.start()) > folded.rfind("》", 0, m.start()):
            continue  # inside a title such as 《…（2019年修订）》
        year = parse_chinese_number(m.group("y"))
        if year is not None:
            out.append((m.start(), m.end(), year))
    return tuple(out)


# XX / xx not inside a word or web address ("/xxgk/"), ××, ＊＊, 【】, ___, 〇〇〇, □□
_PLACEHOLDER = re.compile(r"[Xx]{2,}(?![A-Za-z0-9])|[×✕╳]{2,}|[＊*]{2,}|【\s*】|[_＿]{3,}|〇〇〇+|□{2,}")
_PLACEHOLDER_CHARS = re.compile(r"[Xx×✕╳＊*【_＿〇□]")  # one cheap pass decides whether to look closer
_IN_A_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/._-")


@lru_cache(maxsize=256)
def scan_placeholders(text: str) -> tuple[tuple[int, int], ...]:
    if not _PLACEHOLDER_CHARS.search(text):
        return ()
    return tuple((m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)
                 if not (m.group()[0] in "Xx" and m.start() and text[m.start() - 1] in _IN_A_WORD))


# 信息处理费 only: 行政事业性收费 (table 二) is another thing, a known confusion.
_FEE_WORDS = re.compile(r"信息处理费|处理费|收费通知")


def _excerpt(text: str, start: int, end: int) -> str:
    return text[start:end]


def _total(report: Report, *paths: str) -> int | Decimal | None:
    total: int | Decimal = 0
    for p in paths:
        value = as_number(report.cells[p])
        if value is None:
            return None
        total += value
    return total


_NEW_TOTAL = schema.requests_path("new", "total")
_CARRIED_TOTAL = schema.requests_path("carried_over", "total")
_FORWARD_TOTAL = schema.requests_path("carried_forward", "total")
_RECON_TOTAL = schema.review_path("reconsideration", "total")
_LIT_TOTALS = (schema.review_path("litigation_direct", "total"),
               schema.review_path("litigation_after_reconsideration", "total"))


def _check_count(report: Report, path: str, text: str, m: Mention) -> Finding | None:
    prev = report.previous
    excerpt = _excerpt(text, m.start, m.end)
    where = schema.cell_name(path)
    if m.kind in ("received", "none_received"):
        cells: tuple[str, ...] = (_NEW_TOTAL,)
        with_carried = _total(report, _NEW_TOTAL, _CARRIED_TOTAL)
    elif m.kind in ("carried_over", "carried_forward"):
        cells = (_CARRIED_TOTAL,) if m.kind == "carried_over" else (_FORWARD_TOTAL,)
        with_carried = None
    else:
        cells = {"reconsideration": (_RECON_TOTAL,), "litigation": _LIT_TOTALS}.get(
            m.kind, (_RECON_TOTAL, *_LIT_TOTALS))
        with_carried = None
    new = _total(report, *cells)
    if with_carried is None:
        with_carried = new
    table_name = _names(cells)
    prev_value = _total(prev, *cells) if prev else None
    said = 0 if m.kind == "none_received" else m.count
    if new is None:
        if prev is not None and prev_value == said:
            return Finding("N.NUMBER", WARNING, (path, *cells),
                           f"{where}：正文写“{excerpt}”，与上年报告的数字相同，可能是沿用了上年文字；"
                           f"{table_name}尚未填写，请填写后核对",
                           span=(m.start, m.end), excerpt=excerpt)
        if said == 0:
            return None  # "no applications" next to a table still blank: nothing to contradict
        return Finding("N.NUMBER", WARNING, (path, *cells),
                       f"{where}：正文写“{excerpt}”，但{table_name}尚未填写，无法核对",
                       span=(m.start, m.end), excerpt=excerpt)
    if said in (new, with_carried):
        return None
    shown = format_value(new)
    if with_carried != new:
        shown += f"（加上年结转为 {format_value(with_carried)}）"
    return Finding("N.NUMBER", WARNING, (path, *cells),
                   f"{where}：正文写“{excerpt}”，与{table_name} {shown} 不符",
                   span=(m.start, m.end), excerpt=excerpt, expected=new)


def _names(cells: tuple[str, ...]) -> str:
    """How a message names the table cells a statement is checked against."""
    if len(cells) == 1:
        return schema.cell_name(cells[0])
    first = schema.CELL_BY_PATH[cells[0]]
    rest = (f"{schema.CELL_BY_PATH[c].row_name} · {schema.CELL_BY_PATH[c].column_name}" for c in cells[1:])
    return "、".join((first.name, *rest)) + "之和"  # one table: name it once


def _number_occurrences(findings: list[Finding]) -> list[Finding]:
    """Tell apart repeated mentions of the same text in one field, so that dismissing one
    "2022年" does not dismiss the others."""
    seen: dict[tuple[str, str, str], int] = {}
    out = []
    for f in findings:
        ident = (f.rule, f.cells[0], f.excerpt)
        n = seen.get(ident, 0)
        seen[ident] = n + 1
        out.append(replace(f, occurrence=n) if n else f)
    return out


@checker(60)
def check_prose(report: Report) -> list[Finding]:
    out: list[Finding] = []
    for path in PROSE_PATHS:
        text = report.get(path)
        if not text:
            continue
        found: list[Finding] = []
        for m in scan_counts(text):
            finding = _check_count(report, path, text, m)
            if finding:
                found.append(finding)
        if report.year is not None:
            for start, end, year in scan_years(text):
                if year < report.year:
                    excerpt = _excerpt(text, start, end)
                    found.append(Finding(
                        "N.YEAR", WARNING, (path,),
                        f"{schema.cell_name(path)}：提到“{excerpt}”，本报告为{report.year}年度，"
                        f"可能沿用了上年文字",
                        span=(start, end), excerpt=excerpt))
        for start, end in scan_placeholders(text):
            excerpt = _excerpt(text, start, end)
            found.append(Finding("N.PLACEHOLDER", WARNING, (path,),
                                 f"{schema.cell_name(path)}：“{excerpt}”像是模板中未替换的占位符",
                                 span=(start, end), excerpt=excerpt))
        out.extend(_number_occurrences(found))
    return out


@checker(50)
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
    stated = report.fee_notices is not None and any(v is not None for v in report.fee_notices.values())
    if not stated and not _FEE_WORDS.search(report.sections["other"]):
        out.append(Finding("S.FEES", WARNING, ("sections.other",),
                           "六、其他需要报告的事项：未说明信息处理费的收取情况"
                           "（国办函〔2020〕109号要求写明发出收费通知的件数和总金额以及实际收取的总金额）"))
    return out


@checker(40)
def check_fees(report: Report) -> list[Finding]:
    fees = report.fee_notices
    if fees is None:
        return []
    out: list[Finding] = []
    amount, collected, count = (as_number(fees.get(k), schema.value_kind(f"fee_notices.{k}"))
                                for k in ("amount", "collected", "count"))
    if amount is not None and collected is not None and collected > amount:
        out.append(Finding("F.FEES", WARNING, ("fee_notices.collected", "fee_notices.amount"),
                           f"信息处理费：实际收取 {format_value(collected)} 元，"
                           f"超过收费通知总金额 {format_value(amount)} 元"))
    no_fee_path = schema.requests_path("results.other.no_fee", "total")
    no_fee = as_number(report.cells[no_fee_path])
    if count is not None and no_fee is not None and count < no_fee:
        out.append(Finding("F.FEES", WARNING, ("fee_notices.count", no_fee_path),
                           f"信息处理费：发出收费通知 {format_value(count)} 件，少于"
                           f"{schema.cell_name(no_fee_path)} {no_fee} 件",
                           expected=no_fee))
    return out


_OLD_OTHER_ROWS = ("results.other.no_correction", "results.other.no_fee", "results.other.other")


@checker(45)
def check_old_format(report: Report) -> list[Finding]:
    """F.OLDFORMAT: the cells an imported 2019-format report has no numbers for (V.BLANK is
    not reported for them: they were not left blank by the office)."""
    cells = tuple(p for p in report.old_format_cells if p in schema.CELL_BY_PATH and report.cells[p] is None)
    if not cells:
        return []
    rows = {schema.CELL_BY_PATH[p].row for p in cells}
    if {schema.CELL_BY_PATH[p].table for p in cells} == {"requests"} and rows <= set(_OLD_OTHER_ROWS):
        names = "、".join(schema.REQUESTS_ROW_BY_KEY[r].short.removeprefix("三（六）")
                         for r in _OLD_OTHER_ROWS if r in rows)
        message = (f"表三 三（六）其他处理：报告使用2019年旧版格式，“（六）其他处理”只有一行；"
                   f"新版的{len(rows)}行（{names}）在旧版中没有数字，{len(cells)} 格不是漏填，请按新版格式核实后填写")
    else:
        message = (f"报告使用2019年旧版表格，{len(cells)} 格在旧版中没有对应的数字（不是漏填），"
                   "请按2021年新版格式核实后填写")
    return [OLDFORMAT.finding(cells, message)]
