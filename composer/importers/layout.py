"""The layout reader: a document as blocks → a Report.

Finds the title, the preamble, the six sections by their headings in any numbering
("三、", "3、", "（三）", "3.", "# 三、"), the signature organ and date after section 六,
the year and the organ, and hands every table row to ``tables.read_tables``. Headings
are chosen as the best-scoring sequence in report order, so a summary of sections
(2)–(6) inside 一、总体情况 (as in the 2022 sample) stays where it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from .. import schema, titles
from ..errors import NotAReport
from ..report import Report
from ..values import parse_chinese_number, parse_date
from .blocks import Block, ReaderNote, Table, clean_text, norm
from .result import ImportResult
from .tables import read_tables

_HEADING_NUMBER = re.compile(
    r"^\s*#*\s*(?:第\s*)?(?:"
    r"(?P<cn>[一二三四五六七八九十])\s*(?P<cnsep>、|\.|,|:|部分|\s)"
    r"|(?P<ar>\d{1,2})\s*(?:、|\.|,|:|\s)"
    r"|[(]\s*(?P<pn>[一二三四五六七八九十]|\d{1,2})\s*[)])\s*")
_TITLE_WORDS = [norm(s.title) for s in schema.SECTIONS]
_MAX_HEADING = max(len(t) for t in _TITLE_WORDS) + 12


@dataclass(frozen=True)
class _Heading:
    block: int
    section: int  # index into schema.SECTIONS
    score: int
    rest: str  # text after the heading in the same paragraph ("六、其他需要报告的事项：无。")


def _number(m: re.Match[str]) -> tuple[int | None, int]:
    """(number, style score) of a heading's list number."""
    if m.group("cn"):
        return parse_chinese_number(m.group("cn")), 3 if m.group("cnsep") == "、" else 2
    if m.group("ar"):
        return int(m.group("ar")), 2
    pn = m.group("pn")
    return parse_chinese_number(pn), 1


def heading_candidates(index: int, text: str) -> list[_Heading]:
    """The sections a paragraph may be the heading of, with a score each."""
    return [_Heading(index, section, score, content) for section, score, content in _heading_matches(text)]


_TITLE_COUNTS = [dict(Counter(t)) for t in _TITLE_WORDS]


def _similar(r: str, i: int) -> bool:
    """A near spelling of section title i (a typo, a word left out): cheap bounds first, so a
    long run of paragraphs costs a few microseconds each."""
    title = _TITLE_WORDS[i]
    total = len(r) + len(title)
    if len(r) > len(title) + 10 or 2 * min(len(r), len(title)) < 0.75 * total:
        return False
    remaining = dict(_TITLE_COUNTS[i])
    common = 0
    for ch in r:
        if remaining.get(ch):
            remaining[ch] -= 1
            common += 1
    if 2 * common < 0.75 * total:
        return False  # SequenceMatcher's ratio can be no higher
    return SequenceMatcher(None, r, title).ratio() >= 0.75


@lru_cache(maxsize=4096)
def _heading_matches(text: str) -> tuple[tuple[int, int, str], ...]:
    folded = unicodedata.normalize("NFKC", text)
    m = _HEADING_NUMBER.match(folded)
    number, style = _number(m) if m else (None, 0)
    rest = folded[m.end():] if m else folded
    r = norm(rest)
    if not r or len(r) > _MAX_HEADING + 200:
        return ()
    if number is None:  # without a list number only the exact title is a heading
        return tuple((i, 10 + style, "") for i, title in enumerate(_TITLE_WORDS) if r == title)
    sep = re.search(r"[。:;]", rest)
    head, after = (rest[: sep.start()], rest[sep.end():]) if sep else (rest, "")
    out = []
    for i, title in enumerate(_TITLE_WORDS):
        content = ""
        if r == title:
            score = 10
        elif len(r) <= len(title) + 8 and title in r:
            score = 5
        elif _similar(r, i):
            score = 4
        elif norm(head) == title and norm(after):
            sep_orig = re.search(r"[。：:；;]", text)
            score, content = 7, clean_text(text[sep_orig.end():]) if sep_orig else ""
        else:
            continue
        score += 4 if number == i + 1 else -4
        out.append((i, score + style, content))
    return tuple(out)


def _choose_headings(candidates: list[_Heading]) -> list[_Heading]:
    """The best-scoring chain of headings, increasing both in place and in section.

    Candidates come in document order; ``ends[s]`` is the best chain so far whose last
    heading is of section s, so the whole choice is linear in the document's length.
    """
    n_sections = len(schema.SECTIONS)
    ends: list[tuple[int, tuple[_Heading, ...]] | None] = [None] * n_sections
    i = 0
    while i < len(candidates):
        block = candidates[i].block
        updates = []
        while i < len(candidates) and candidates[i].block == block:
            c = candidates[i]
            before = [e for e in ends[: c.section] if e is not None]
            score, chain = max(before, key=lambda e: e[0]) if before else (0, ())
            updates.append((c.section, score + c.score, chain + (c,)))
            i += 1
        for section, score, chain in updates:  # one paragraph is at most one heading
            if ends[section] is None or score > ends[section][0]:  # type: ignore[index]
                ends[section] = (score, chain)
    best = max((e for e in ends if e is not None), key=lambda e: e[0], default=None)
    return list(best[1]) if best else []


# ---------------------------------------------------------------- title, preamble, signature

_TITLE = re.compile(r"(信息公开|政务公开).{0,16}报告")
_PORTAL_META = re.compile(r"^(发布时间|发布日期|发文日期|信息来源|来源|浏览次数|阅读次数|点击数|访问量|字体|字号|"
                          r"索引号|主题分类|发布机构|成文日期|文号|分享到|【\s*打印|打印本页)")
_FOOTER = re.compile(r"版权所有|ICP备|网站标识码|主办单位|承办单位|技术支持|关闭窗口|打印本页|【\s*打印|分享到|"
                     r"扫一扫在手机|网站地图|联系我们")
_ORGAN_LINE = re.compile(r"^[\u4e00-\u9fff（）()]{3,40}(人民政府|政府|办事处|委员会|管委会|管理委员会|局|办公室|街道|"
                         r"中心|公所|政府办)$")


def _organ_line(text: str) -> bool:
    t = re.sub(r"\s+", "", text)
    return bool(_ORGAN_LINE.match(t))


def _split_signature(paragraphs: list[str]) -> tuple[list[str], str, str]:
    """Section text without its trailing signature lines, the organ, the date."""
    organ = date = ""
    body = list(paragraphs)
    for _ in range(3):
        if not body:
            break
        last = body[-1]
        parts = last.split()
        if not date and parse_date(last):
            date = parse_date(last) or ""
        elif not date and len(parts) == 2 and _organ_line(parts[0]) and parse_date(parts[1]):
            organ, date = re.sub(r"\s+", "", parts[0]), parse_date(parts[1]) or ""
        elif not organ and _organ_line(last):
            organ = re.sub(r"\s+", "", last)
        else:
            break
        body.pop()
    return body, organ, date


_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# A line of numbers (or a table label followed by numbers): a table row that fell out of its table.
_TABLE_DEBRIS = re.compile(r"^\s*(?:\S{0,40}?\s+)?(?:[0-9０-９.,]+\s+){2,}[0-9０-９.,]+\s*$")


def _find_year(title: str, preamble: str) -> int | None:
    for text, pattern in ((title, _YEAR), (preamble, re.compile(r"((?:19|20)\d{2})\s*年度"))):
        m = pattern.search(text)
        if m:
            return int(m.group(1))
    return None


# ---------------------------------------------------------------- the reader


def read_blocks(blocks: list[Block], source: str | None = None) -> ImportResult:
    """The report printed in ``blocks``. Raises ImportFailed when there is no report in it."""
    items: list[Block] = []
    reader_notes: list[str] = []
    for b in blocks:
        if isinstance(b, ReaderNote):
            reader_notes.append(str(b))
        elif isinstance(b, Table):
            if b.rows:
                items.append(b)
        else:
            t = clean_text(b)
            if t:
                items.append(t)

    candidates = [h for i, b in enumerate(items) if isinstance(b, str) for h in heading_candidates(i, b)]
    headings = _choose_headings(candidates)
    reading = read_tables([b for b in items if isinstance(b, Table)])
    has_tables = bool(reading.found) or reading.old_format
    if len(headings) < 2 and not has_tables:
        raise NotAReport("文件中没有找到政府信息公开工作年度报告：既没有“一、总体情况”至“六、其他需要报告的事项”"
                           "等部分的标题，也没有表二、表三、表四", source=source)

    report = Report()
    notes: list[str] = list(reader_notes)
    first = headings[0].block if headings else next(i for i, b in enumerate(items) if isinstance(b, Table))
    front = [b for b in items[:first] if isinstance(b, str)]
    title_at = None
    for fits in (lambda t: _TITLE.search(t) and _YEAR.search(t), _TITLE.search, lambda t: "报告" in t):
        title_at = next((i for i, t in enumerate(front) if len(t) <= 80 and fits(t)), None)
        if title_at is not None:  # a portal's breadcrumb "政务公开 > 年度报告" has no year
            break
    if title_at is not None:
        report.title = titles.clean(front[title_at]) if len(front[title_at]) <= 80 else front[title_at]
        if title_at and not titles.organ_from_title(report.title) and _organ_line(titles.clean(front[title_at - 1])):
            # the title printed over two lines, the organ on the first: "淮安市人民政府" / "2024年…报告"
            report.title = titles.clean(front[title_at - 1]) + report.title
        front = front[title_at + 1:]
    report.preamble = "\n".join(t for t in front if not (len(t) < 80 and _PORTAL_META.match(t)))

    found = {h.section for h in headings}
    last_section = headings[-1].section if headings else None
    for k, h in enumerate(headings):
        end = headings[k + 1].block if k + 1 < len(headings) else len(items)
        paragraphs = ([h.rest] if h.rest else []) + [b for b in items[h.block + 1: end] if isinstance(b, str)]
        if h.section == last_section:
            cut = next((i for i, t in enumerate(paragraphs) if len(t) < 120 and _FOOTER.search(t)), None)
            if cut is not None:
                paragraphs = paragraphs[:cut]
            paragraphs, report.signature_organ, report.signature_date = _split_signature(paragraphs)
        report.sections[schema.SECTIONS[h.section].key] = "\n".join(paragraphs)
    for i, s in enumerate(schema.SECTIONS):
        if i in found:
            continue
        before = [h for h in headings if h.section < i]
        if before and any(h.section > i for h in headings):
            into = schema.SECTIONS[before[-1].section].heading
            notes.append(f"未找到“{s.heading}”的标题，该部分正文留空；其内容可能并入了“{into}”，请核对")
        elif before and s.table is None:
            into = schema.SECTIONS[before[-1].section].heading
            notes.append(f"未找到“{s.heading}”的标题，该部分正文留空；其后的内容可能并入了“{into}”，请核对")
        else:
            notes.append(f"未找到“{s.heading}”的标题，该部分正文留空")
    for s in schema.SECTIONS:
        if s.table is not None:
            stray = [t for t in report.sections[s.key].split("\n") if _TABLE_DEBRIS.match(t)]
            if stray:
                notes.append(f"“{s.heading}”的正文中有像是表格内容的文字（“{stray[0][:30]}”），"
                             "未能归入表格，请核对表中数字")

    report.year = _find_year(report.title, report.preamble)
    if report.year is None:
        notes.append("未能从标题和前言中识别报告年度，请填写")
    texts = [b for b in items if isinstance(b, str)]
    report.organ = titles.find_organ(report.title, report.preamble, report.signature_organ, texts)
    if not report.organ:
        notes.append("未能从标题、前言和落款中识别机关名称，请填写")
    for path, value in reading.cells.items():
        report.cells[path] = value
    report.old_format_cells = list(reading.old_format_cells)
    notes.extend(reading.notes)
    return ImportResult(report, notes)
