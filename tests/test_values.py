from decimal import Decimal

import pytest

from composer.errors import InputError
from composer.schema import AMOUNT, COUNT
from composer.values import format_value, parse_value, value_problem


@pytest.mark.parametrize("text,expected", [
    ("", None), ("  ", None), ("0", 0), ("１８", 18), (" 1,234 ", 1234), ("１，２３４", 1234),
    ("\u3000７\u3000", 7), ("3.0", 3),
])
def test_counts_accept_what_clerks_type(text, expected):
    assert parse_value(text, COUNT) == expected


@pytest.mark.parametrize("text,fragment", [
    ("abc", "不是数字"), ("-1", "负"), ("1.5", "不是整数"), ("1,23", "不是数字"), ("12件", "不是数字"),
])
def test_counts_refuse_with_a_chinese_reason(text, fragment):
    with pytest.raises(InputError) as err:
        parse_value(text, COUNT)
    assert fragment in str(err.value)


def test_amounts_keep_up_to_four_decimals():
    assert parse_value("0.2500", AMOUNT) == Decimal("0.25")
    assert parse_value("12", AMOUNT) == 12
    with pytest.raises(InputError, match="小数位"):
        parse_value("0.12345", AMOUNT)


def test_value_problem_and_format():
    assert value_problem(-1, COUNT) == "不能为负数"
    assert value_problem(Decimal("1.5"), COUNT) == "应为整数"
    assert value_problem(Decimal("1.23456"), AMOUNT) == "小数位不能超过4位"
    assert value_problem(None, COUNT) is None and value_problem(3, COUNT) is None
    assert format_value(Decimal("1.2500")) == "1.25" and format_value(None) == ""


@pytest.mark.parametrize("text", ["1 2", "1\n2", "１　２", "3\t4"])
def test_digits_split_by_space_are_never_joined(text):
    with pytest.raises(InputError, match="无法确定是哪个数"):
        parse_value(text, COUNT)


def test_implausibly_large_numbers_are_refused():
    with pytest.raises(InputError, match="数字过大"):
        parse_value("10000000000", COUNT)
    assert value_problem(Decimal("NaN"), AMOUNT) == "不是数字"


def test_years_and_dates_as_typed_or_printed():
    from composer.values import parse_date, parse_year

    assert parse_year(" ２０２５年 ") == 2025 and parse_year("") is None
    with pytest.raises(InputError, match="不是年份"):
        parse_year("25")
    assert [parse_date(t) for t in ("2026-01-20", "2026.1.20", "2026年1月20日", "二〇二六年一月二十日")] \
        == ["2026-01-20"] * 4
    assert parse_date("2026-02-30") is None and parse_date("一月二十日") is None
