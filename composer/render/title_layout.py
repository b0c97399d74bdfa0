"""Breaking a report's title into lines the way GB/T 9704 asks: whole words, a balanced shape.

"标题回行时，要做到词意完整，排列对称，长短适宜，间距恰当，标题排列应当使用梯形或菱形。"
A title is cut only between words (after the year, between 市/区/乡 units, before 人民政府,
before 政府信息公开 / 信息公开 / 工作年度报告, …), never inside one, never leaving "报告" or a
single character alone; of the cuts that fit the line, the most balanced in a pyramid
(upper lines shorter) or diamond (middle line longest) wins.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

TITLE_LINE_CHARS = 19.0  # 二号 (22 pt) characters on the 156 mm type line (20.1), less a margin for wide digits
MAX_LINES = 4

# Words a title is cut after (their end) or before (their start), with the cut's strength:
# 3 = a cut between the title's parts, 2 = between the units of a name, 1 = inside a phrase.
_AFTER = [
    (re.compile(r"\d{4}\s*年度?"), 3),
    (re.compile(r"(?:省|自治区|自治州|地区|盟|自治县|县|旗|市|区|乡|镇|街道办事处|街道|办事处|苏木)(?=.)"), 2),
]
_BEFORE = [
    (re.compile(r"人民政府"), 3),
    (re.compile(r"(?<!人民)政府信息公开|(?<!政府)信息公开|政务公开"), 3),
    (re.compile(r"办公室|管理委员会|委员会"), 2),
    (re.compile(r"工作年度报告|年度工作报告|工作报告"), 2),
    (re.compile(r"年度报告"), 1),
    (re.compile(r"\d{4}\s*年"), 3),
]
_NEVER_ALONE = 2  # no line of fewer than two characters ("告", "报告" are refused separately)


def char_width(ch: str) -> float:
    """Width of one character in em: half for ASCII and half-width forms, else full."""
    return 0.5 if unicodedata.east_asian_width(ch) in ("Na", "H") else 1.0


def text_width(text: str) -> float:
    return sum(char_width(ch) for ch in text)


def _cuts(title: str) -> dict[int, int]:
    """Positions where the title may be cut, with their strength."""
    cuts: dict[int, int] = {}
    for pattern, strength in _AFTER:
        for m in pattern.finditer(title):
            if 0 < m.end() < len(title):
                cuts[m.end()] = max(cuts.get(m.end(), 0), strength)
    for pattern, strength in _BEFORE:
        for m in pattern.finditer(title):
            if 0 < m.start() < len(title):
                cuts[m.start()] = max(cuts.get(m.start(), 0), strength)
    # never inside a word found above (e.g. between 人民 and 政府 of 人民政府)
    for pattern, _ in _BEFORE + _AFTER:
        for m in pattern.finditer(title):
            for inside in range(m.start() + 1, m.end()):
                cuts.pop(inside, None)
    return cuts


def _shape_penalty(widths: list[float]) -> float:
    """0 for a pyramid (each line at least as long as the one above) or a diamond."""
    n = len(widths)
    if n == 1:
        return 0.0
    pyramid = sum(max(0.0, widths[i] - widths[i + 1]) for i in range(n - 1))
    top = max(range(n), key=lambda i: widths[i])
    diamond = sum(max(0.0, widths[i] - widths[i + 1]) for i in range(top)) + \
        sum(max(0.0, widths[i + 1] - widths[i]) for i in range(top, n - 1)) if n >= 3 else pyramid
    return min(pyramid, diamond)


def title_lines(title: str, line_chars: float = TITLE_LINE_CHARS) -> list[str]:
    """The title as lines: one line when it fits, else cut at words in a balanced shape.

    A title without any usable cut (no known words) is cut evenly, never losing a character.
    """
    title = title.strip()
    total = text_width(title)
    if total <= line_chars or not title:
        return [title] if title else []
    cuts = _cuts(title)
    best: tuple[float, list[str]] | None = None
    fewest: int | None = None
    for n in range(2, MAX_LINES + 1):
        if fewest is not None and n > fewest + 1:
            break  # one line more than the fewest that fit, for a better shape; never two
        for chosen in itertools.combinations(sorted(cuts), n - 1):
            bounds = [0, *chosen, len(title)]
            lines = [title[a:b] for a, b in itertools.pairwise(bounds)]
            widths = [text_width(line) for line in lines]
            if max(widths) > line_chars or min(len(line) for line in lines) < _NEVER_ALONE:
                continue
            if any(line.strip() in ("报告", "年度报告") for line in lines):
                continue
            mean = total / n
            cost = sum((w - mean) ** 2 for w in widths) / n  # balance
            cost += 10.0 * _shape_penalty(widths)  # pyramid or diamond (a top-heavy title takes a third line)
            cost += sum(6.0 * (3 - cuts[c]) for c in chosen)  # strong cuts first
            cost += 40.0 * (n - 2)  # as few lines as fit
            if best is None or cost < best[0]:
                best = (cost, lines)
            if fewest is None:
                fewest = n
    if best is not None:
        return [line.strip() for line in best[1]]
    if cuts:
        return _greedy(title, cuts, line_chars)  # too long for MAX_LINES balanced lines
    return _even(title, line_chars)


def _greedy(title: str, cuts: dict[int, int], line_chars: float) -> list[str]:
    """Lines filled up to the last cut that fits; a word is cut only when no cut fits a line."""
    lines, start = [], 0
    while text_width(title[start:]) > line_chars:
        fitting = [c for c in cuts if c - start >= _NEVER_ALONE and text_width(title[start:c]) <= line_chars]
        end = max(fitting) if fitting else start + _fitting_chars(title[start:], line_chars)
        lines.append(title[start:end].strip())
        start = end
    lines.append(title[start:].strip())
    return lines


def _fitting_chars(text: str, line_chars: float) -> int:
    width, n = 0.0, 0
    for ch in text:
        width += char_width(ch)
        if width > line_chars:
            break
        n += 1
    return max(n, 1)


def _even(title: str, line_chars: float) -> list[str]:
    """Equal lines, for a title with no known words: every character kept."""
    n = int(-(-text_width(title) // line_chars))
    size = -(-len(title) // n)
    return [title[i:i + size] for i in range(0, len(title), size)]


def title_words(line: str) -> list[str]:
    """A title line cut at every word boundary (for the web page, which wraps between words)."""
    cuts = sorted(_cuts(line))
    bounds = [0, *cuts, len(line)]
    return [line[a:b] for a, b in itertools.pairwise(bounds) if line[a:b]]
