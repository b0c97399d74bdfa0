"""Chinese messages for a template that fails while rendering: the tag, and why, in words.

The check (template_check) finds what can be seen without data; what depends on the data
({{ 1/0 }}, {{ organ + 1 }}, a list index that does not exist) fails during the render.
jinja's English reason and Python's class names never reach the message.
"""

from __future__ import annotations

import html
import logging
import re
from typing import Any

from jinja2 import TemplateRuntimeError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from ..errors import TemplateError, TemplateLimit
from .jinja import LimitExceeded, NotPrintable, ResultTooLarge, environment, render_budget
from .tags import TAG, explain, paragraph_place, shown

# a {% %} tag that evaluates something, and so can fail while rendering
_EVALUATES = re.compile(r"\{%[-+]?\s*(for|if|elif|set|with|call|filter|do)\b")
_KINDS = {"str": "文字", "int": "数字", "float": "数字", "Decimal": "数字", "decimal.Decimal": "数字",
          "bool": "真假值", "NoneType": "空值", "list": "列表", "tuple": "列表", "dict": "数据组"}
_OPERATIONS = {"+": "相加", "-": "相减", "*": "相乘", "/": "相除", "//": "相除", "%": "求余数", "**": "乘方"}
_log = logging.getLogger(__name__)
_TEXT_HINT = "（表格中的数字和年份在模板中是文字，计算前请先加“|int”）"


def rendering_error(err: Exception, source: str, context: dict[str, Any]) -> TemplateError:
    """``err`` raised while rendering ``source`` (one line per paragraph) as a Chinese TemplateError."""
    lines = source.split("\n")
    lineno = err.lineno if isinstance(err, TemplateSyntaxError) else _template_line(err)
    line = lines[lineno - 1] if lineno and 0 < lineno <= len(lines) else ""
    if isinstance(err, TemplateSyntaxError):
        return TemplateError(f"模板{paragraph_place(line)}{explain(err)}")
    tags = [t for t in TAG.findall(line) if t.startswith("{{") or _EVALUATES.match(shown(t))]
    place = paragraph_place(line, [shown(t) for t in _culprits(tags, err, context)])
    if isinstance(err, LimitExceeded):
        if isinstance(err, ResultTooLarge):
            return TemplateLimit(f"模板{place}无法计算{err.why}")
        return TemplateLimit(f"模板{place}{err.why}")
    if isinstance(err, UndefinedError):
        return TemplateError(f"模板{place}使用了不存在的数据{_missing(str(err))}，"
                             "可用的数据见模板说明（templates/README.md）")
    if isinstance(err, SecurityError):
        return TemplateError(f"模板{place}访问了不允许的内容")
    if isinstance(err, TemplateRuntimeError) and re.search(r"No (filter|test) named", str(err)):
        return TemplateError(f"模板{place}{explain(err)}")
    return TemplateError(f"模板{place}无法计算{reason(err)}")


def reason(err: Exception) -> str:
    """Why a value could not be calculated, in words (to follow "无法计算")."""
    if isinstance(err, ZeroDivisionError):
        return "（除以零）"
    if isinstance(err, (ResultTooLarge, OverflowError, MemoryError)):
        return "（结果过大）"
    if isinstance(err, RecursionError):
        return "（调用层次过深）"
    if isinstance(err, NotPrintable):
        return "：这里得到的是一个函数而不是数据（是否漏了括号或写错了名字？）"
    if isinstance(err, TypeError):
        return "：" + _type_reason(str(err))
    return "（请检查其中的运算和数据）"


def _type_reason(text: str) -> str:
    # Python's wording is matched only to choose the Chinese words; anything else is "数据类型不符"
    m = re.search(r"unsupported operand type\(s\) for ([^:]+): '([\w.]+)' and '([\w.]+)'", text)
    if m:
        operation = _OPERATIONS.get(m.group(1).strip(), "运算")
        left, right = _kind(m.group(2)), _kind(m.group(3))
        words = f"{left}之间不能{operation}" if left == right else f"{left}不能与{right}{operation}"
        return words + (_TEXT_HINT if "文字" in (left, right) else "")
    m = re.search(r'can only concatenate (\w+) \(not "([\w.]+)"\)', text)
    if m:
        left, right = _kind(m.group(1)), _kind(m.group(2))
        return f"{left}不能与{right}相加" + (_TEXT_HINT if "文字" in (left, right) else "")
    if "can't multiply sequence" in text:
        return "文字只能与整数相乘"
    if "format" in text or "arguments converted" in text:
        return "格式化时数据不符"
    if "not iterable" in text:
        return "这项数据不能逐项循环"
    if "argument" in text:
        return "调用时参数不对"
    return "数据类型不符"


def _kind(python_type: str) -> str:
    return _KINDS.get(python_type, "这类数据")


def _missing(text: str) -> str:
    m = re.search(r"has no attribute '([^']+)'", text) or re.search(r"^'([^']+)' is undefined", text)
    if m and not m.group(1).startswith("_"):
        return f"“{m.group(1)}”"
    m = re.search(r"has no element (\d+)", text)
    if m:
        return f"（列表中没有第 {int(m.group(1)) + 1} 项）"
    return ""


def _template_line(err: BaseException) -> int | None:
    """The line of the template source being rendered when ``err`` was raised."""
    lineno = None
    tb = err.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            lineno = tb.tb_lineno
        tb = tb.tb_next
    return lineno


def _culprits(tags: list[str], err: Exception, context: dict[str, Any]) -> list[str]:
    """Of a paragraph's tags, the {{ }} that fails alone the same way, if one does; else all."""
    if len(tags) <= 1:
        return tags
    for raw in tags:
        if not raw.startswith("{{"):
            continue
        expression = html.unescape(re.sub(r"<[^>]+>", "", raw))[2:-2].strip("-+ \t\n")
        try:
            with render_budget():
                environment().compile_expression(expression, undefined_to_none=False)(**context)
        except Exception as alone:  # noqa: BLE001 - compared with the render's error below
            _log.warning("tag %s evaluated alone failed", shown(raw), exc_info=True)
            if type(alone) is type(err) and str(alone) == str(err):
                return [raw]
    return tags
