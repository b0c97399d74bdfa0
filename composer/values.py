"""Cell values: what a table cell may hold, and reading what a person typed or a document printed.

A value is ``None`` (blank), an ``int`` (a count) or a ``Decimal`` (an amount, or a count
that is not a whole number, which the V.TYPE rule reports). Blank is never turned into 0.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .errors import InputError
from .schema import AMOUNT, AMOUNT_DECIMALS, COUNT

Value = int | Decimal | None

# Full-width digits, signs and separators that Chinese input methods and Word produce.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")
_SPACES = re.compile(r"[\s\u3000\u00a0\u2002-\u200b\ufeff]+")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_SPLIT_DIGITS = re.compile(r"\d[\s\u3000\u00a0]+\d")
YEARS = (1990, 2200)  # plausible report years
# No office reports ten billion of anything; the cap also keeps amounts exact through JSON
# (ten digits and four decimals fit a double's shortest repr).
MAX_VALUE = 10**10


def normalise_number_text(text: str) -> str:
    """Full-width to ASCII, spaces removed; thousands separators removed where well placed."""
    t = _SPACES.sub("", text.translate(_FULLWIDTH))
    if "," in t and _GROUPED.fullmatch(t):
        t = t.replace(",", "")
    return t


def parse_value(text: str, kind: str = COUNT) -> Value:
    """Read one cell as typed or printed: "", "１２", "1,234", "0.25" (amounts).

    Raises InputError with a Chinese message for anything that is not an acceptable value.
    """
    if _SPLIT_DIGITS.search(text.translate(_FULLWIDTH).strip()):
        # "1 2" may be two cells merged into one, or 12 mistyped: never guess which
        raise InputError(f"“{' '.join(text.split())}”中数字被空格或换行隔开，无法确定是哪个数")
    t = normalise_number_text(text)
    if t == "":
        return None
    if not _NUMBER.fullmatch(t):
        raise InputError(f"“{text.strip()}”不是数字")
    try:
        number = Decimal(t)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise InputError(f"“{text.strip()}”不是数字") from None
    if number < 0:
        raise InputError(f"“{text.strip()}”是负数，表中数字不能为负")
    if number >= MAX_VALUE:
        raise InputError(f"“{text.strip()}”数字过大")
    if kind == COUNT:
        if number != number.to_integral_value():
            raise InputError(f"“{text.strip()}”不是整数，此处应填件数")
        return int(number)
    if kind == AMOUNT:
        exponent = number.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > AMOUNT_DECIMALS:
            raise InputError(f"“{text.strip()}”小数位超过{AMOUNT_DECIMALS}位")
        return int(number) if number == number.to_integral_value() else number
    raise ValueError(kind)


def value_problem(value: Value, kind: str) -> str | None:
    """Why a stored value is not acceptable for its kind (for V.TYPE), or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return "不是数字"
    if isinstance(value, Decimal) and not value.is_finite():
        return "不是数字"
    if value < 0:
        return "不能为负数"
    if value >= MAX_VALUE:
        return "数字过大"
    if kind == COUNT and (isinstance(value, Decimal) and value != value.to_integral_value()):
        return "应为整数"
    if kind == AMOUNT and isinstance(value, Decimal):
        exponent = value.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > AMOUNT_DECIMALS:
            return f"小数位不能超过{AMOUNT_DECIMALS}位"
    return None


def format_value(value: Value) -> str:
    """How a value prints: blank as "", amounts without trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def parse_chinese_number(text: str) -> int | None:
    """A whole number as prose writes it: "18", "１８", "十八", "二十三", "一百零二", and digit by
    digit as in dates ("二〇二四"). None if the text is not such a number."""
    text = text.translate(_FULLWIDTH)
    if text.isascii() and text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in text):
        return None
    if not any(ch in _CN_UNITS for ch in text):  # 二〇二四: positional digits
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
    return total + (digit or 0)


def parse_year(text: str) -> int | None:
    """A report year as typed ("2025", "２０２５年"); None when blank; InputError otherwise."""
    t = text.strip().translate(_FULLWIDTH).rstrip("年")
    if not t:
        return None
    if not (t.isascii() and t.isdigit() and len(t) == 4 and YEARS[0] <= int(t) <= YEARS[1]):
        raise InputError(f"“{text.strip()}”不是年份，请填四位数字，如 2025")
    return int(t)


_DATE = re.compile(r"^(?P<y>\d{4}|[〇零一二三四五六七八九]{4})(?:年|[-./])(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})"
                   r"(?:月|[-./])(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})日?$")


def parse_date(text: str) -> str | None:
    """"2024年1月19日", "二〇二四年一月十九日", "2024-01-19", "2024.1.19" → "2024-01-19";
    None if the text is not a date (a signature line, a field as typed)."""
    folded = unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "")
    m = _DATE.match(folded)
    if not m:
        return None
    parts = [parse_chinese_number(m.group(g)) for g in ("y", "m", "d")]
    try:
        return datetime.date(*parts).isoformat()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
