"""Rules that read last year's report beside this year's text and headline figures: N.STALE, X.JUMP.

N.STALE — a section whose text is last year's, carried forward and not rewritten.
    The share of this year's section that was taken from last year (``reused_share``) is
    the characters of this year's sentences that also stand, word for word, among last
    year's sentences (whitespace and full-width digits folded), over all characters of
    this year's sentences. A section is flagged when

    - this year's text has at least ``STALE_MIN_CHARS`` (30) characters — a stock line such
      as "本年度未收取信息处理费。" may rightly be the same every year — and
    - ``STALE_SHARE`` (90 %) or more of it is last year's.

X.JUMP — a headline figure that changes by a large factor from last year: 本年新收申请
    (``new.total``), 予以公开 (``results.granted.total``), 办理结果总计, 行政复议总计, 行政诉讼
    总计 (each group), 规章 and 行政规范性文件 现行有效件数. Flagged when both years hold a
    valid number, the larger of the two is at least ``JUMP_MIN`` (10), and the larger is at
    least ``JUMP_FACTOR`` (5) times the smaller (so 0 → 10 is flagged, 0 → 9 and 3 → 14
    are not). Always a warning, never an error: a real change (a new policy, a big
    demolition project) is possible and the office only confirms it.

Both need ``report.previous`` (``--previous`` on the command line, or a carry-forward draft).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import schema
from ..report import Report
from .finding import WARNING, Finding
from .registry import checker, define
from .tables import as_number

STALE_MIN_CHARS = 30
STALE_SHARE = 0.9
JUMP_FACTOR = 5
JUMP_MIN = 10

define("N.STALE", WARNING, "正文照搬上年",
       checks=f"有上年报告时：某一部分的正文与上年报告的同一部分相同，或{int(STALE_SHARE * 100)}%以上的文字是上年的原句"
              f"（{STALE_MIN_CHARS}字以下的部分不检查）。",
       why="由上年报告生成草稿后没有改写的部分，写的是上年的工作；评议时会被认为照抄往年报告。",
       fix="按本年度的实际工作改写这一部分；确实没有变化的内容也应核对其中的年份和数字。")
define("X.JUMP", WARNING, "数字与上年相差悬殊",
       checks=f"有上年报告时：本年新收申请、予以公开、办理结果总计、行政复议和行政诉讼总计、现行有效件数与上年相比"
              f"变化达{JUMP_FACTOR}倍以上（较大的数不小于{JUMP_MIN}）。",
       why="数字成倍变化可能是真实情况，也常常是填错了行、列或多打了一位数。",
       fix="核对该数字；确属实际情况的，可在正文中说明原因，并说明理由后忽略这条提醒。")

# ---------------------------------------------------------------- text reuse

_SENTENCE_END = re.compile(r"(?<=[。；;！？!?\n])")
_SPACE = re.compile(r"[\s\u3000\u00a0]+")
_FOLD = str.maketrans("０１２３４５６７８９，：（）", "0123456789,:()")


def sentences(text: str) -> list[str]:
    """The text cut after 。；！？ and line ends; empty pieces dropped (kept as written)."""
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


@lru_cache(maxsize=4096)
def _norm(sentence: str) -> str:
    # cached: a check runs on every keystroke, and the sections rarely change between two
    return _SPACE.sub("", sentence).translate(_FOLD)


@lru_cache(maxsize=256)
def reused_share(last: str, this: str) -> float:
    """The share (0…1) of this year's text, by characters, in sentences found word for word in
    last year's text. 0.0 when this year's text is empty."""
    this_sentences = [_norm(s) for s in sentences(this)]
    total = sum(len(s) for s in this_sentences)
    if total == 0:
        return 0.0
    last_set = {_norm(s) for s in sentences(last)}
    return sum(len(s) for s in this_sentences if s in last_set) / total


def is_stale(last: str, this: str) -> bool:
    if len(_norm(this)) < STALE_MIN_CHARS:
        return False
    return reused_share(last, this) >= STALE_SHARE


# ---------------------------------------------------------------- headline figures

_T = "total"
JUMP_FIGURES: tuple[str, ...] = (
    schema.requests_path("new", _T),
    schema.requests_path("results.granted", _T),
    schema.requests_path("results.total", _T),
    schema.review_path("reconsideration", _T),
    schema.review_path("litigation_direct", _T),
    schema.review_path("litigation_after_reconsideration", _T),
    "tables.active.rules.in_force",
    "tables.active.normative_documents.in_force",
)


def is_jump(last: int, this: int) -> bool:
    low, high = sorted((last, this))
    return high >= JUMP_MIN and high >= JUMP_FACTOR * low


@checker(35)
def check_last_year(report: Report) -> list[Finding]:
    prev = report.previous
    if prev is None:
        return []
    out: list[Finding] = []
    for path in JUMP_FIGURES:
        here, before = as_number(report.cells[path]), as_number(prev.cells[path])
        if here is None or before is None or not is_jump(int(before), int(here)):
            continue
        if here > before:
            factor = f"，为上年的{here / before:.1f}倍" if before else "，上年为 0"
        else:
            factor = f"，上年为本年的{before / here:.1f}倍" if here else "，本年为 0"
        out.append(Finding(
            "X.JUMP", WARNING, (path,),
            f"{schema.CELL_BY_PATH[path].name}：本年 {here}，上年 {before}{factor}，变化悬殊，请核对"))
    for section in schema.SECTIONS:
        this_text, last_text = report.sections[section.key], prev.sections[section.key]
        if not last_text.strip() or not is_stale(last_text, this_text):
            continue
        share = reused_share(last_text, this_text)
        what = "与上年报告相同" if _norm(this_text) == _norm(last_text) else \
            f"{int(share * 100)}%的文字与上年报告相同"
        out.append(Finding("N.STALE", WARNING, (section.path,),
                           f"{section.heading}：{what}，像是沿用上年的正文没有改写"))
    return out
