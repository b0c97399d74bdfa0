"""The one jinja2 environment every template renders in: sandboxed, autoescaped, strict, bounded.

User text is data, never template: values are inserted escaped and never parsed again;
a template that names something the context lacks fails loudly instead of printing "".

A custom template is the user's own file, but one typo ({{ organ * 10**9 }}, a loop in a
loop) must not hang the program or exhaust memory. Every way a template can make work
grow is bounded here, far above what any report needs:

- loops: every ``{% for %}`` iteration and every ``range()`` element counts against one
  budget per rendering (``MAX_LOOP_STEPS``); ``range()`` itself is at most ``MAX_RANGE``;
- text: repetition, concatenation (``+``, ``~``), joins, replacements and formatting may
  not make a text longer than ``MAX_TEXT_LENGTH``;
- widths: ``center``/``ljust``/``rjust``/``zfill``/``expandtabs``, the ``center``,
  ``indent``, ``wordwrap``, ``truncate`` and ``format`` filters and format specifications
  take at most ``MAX_WIDTH``;
- numbers: powers and products of very large integers.

Each bound raises ``LimitExceeded`` (a Python error with Chinese words); the DOCX renderer
turns it into ``errors.TemplateLimit`` naming the tag (template_errors.py).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, Template, Undefined, nodes
from jinja2.filters import FILTERS
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment

MAX_TEXT_LENGTH = 1_000_000  # characters: longer than any report, far below what exhausts memory
MAX_REPEAT_LENGTH = MAX_TEXT_LENGTH  # "文字" * n (the older name)
MAX_EXPONENT = 10_000  # 10 ** 10 ** 10 would compute for hours
MAX_INT_BITS = 100_000  # a product of integers larger than this is no report's figure
MAX_RANGE = 10_000  # range(n): a report has about 200 cells and a few hundred paragraphs
MAX_LOOP_STEPS = 200_000  # loop iterations and range() elements in one rendering
MAX_WIDTH = 10_000  # a field width, padding or indentation, in characters

_log = logging.getLogger(__name__)
_LOOP_GUARD = "_composer_loop"
_SIZE_GUARD = "_composer_size"


class LimitExceeded(Exception):
    """A template asked for more work or a larger result than any report needs.

    ``why`` says what, in Chinese, to follow the tag in the message.
    """

    def __init__(self, why: str):
        super().__init__(why)
        self.why = why
        _log.info("template limit: %s", why)


class ResultTooLarge(LimitExceeded, OverflowError):
    """A template multiplies text or raises a number to a size no report needs."""

    def __init__(self, operator: str = ""):
        super().__init__("（结果过大）")
        self.operator = operator


class NotPrintable(TypeError):
    """A tag that prints a function (a method name without its brackets) instead of a value."""


# ---------------------------------------------------------------- the loop budget


_state = threading.local()


@contextmanager
def render_budget() -> Iterator[None]:
    """One rendering's loop budget (a rendering inside another shares the outer budget)."""
    depth = getattr(_state, "depth", 0)
    if depth == 0:
        _state.steps = 0
    _state.depth = depth + 1
    try:
        yield
    finally:
        _state.depth = depth


def _charge(steps: int) -> None:
    used = getattr(_state, "steps", 0) + steps
    _state.steps = used
    if used > MAX_LOOP_STEPS:
        raise LimitExceeded(f"循环次数过多（超过 {MAX_LOOP_STEPS} 次，是否写了循环套循环？）")


def _guarded_loop(iterable: Any) -> Iterator[Any]:
    """Every {% for %} iterates through this: each step is counted against the budget."""
    if isinstance(iterable, Undefined):
        iterable.__iter__()  # raises the undefined error of the name
    for item in iterable:
        _charge(1)
        yield item


def _limited_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise LimitExceeded(f"中的“range”范围过大（{len(numbers)} 个数，最多 {MAX_RANGE} 个）")
    _charge(len(numbers))
    return numbers


def _check_text(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_TEXT_LENGTH:
        raise ResultTooLarge("~")
    return value


# ---------------------------------------------------------------- widths and sizes


def _width(value: Any, what: str) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_WIDTH:
        raise LimitExceeded(f"中的{what}过大（{value}，最多 {MAX_WIDTH}）")


_PERCENT = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]")
_BRACE = re.compile(r"\{[^{}]*?:((?:[^{}]|\{[^{}]*\})*)\}")


def _format_widths(spec: str, args: Any = ()) -> None:
    """Widths and precisions in a format string ("%2000000000d", "{:>99999999}", "%*d" with its args)."""
    from_args = False
    numbers: list[str] = []
    for m in _PERCENT.finditer(spec):
        for group in m.groups():
            if group == "*":
                from_args = True
            elif group:
                numbers.append(group)
    for m in _BRACE.finditer(spec):
        if "{" in m.group(1):
            from_args = True
        numbers.extend(re.findall(r"\d+", m.group(1)))
    for number in numbers:
        if len(number) > 6 or int(number) > MAX_WIDTH:
            raise LimitExceeded(f"中的格式宽度过大（{number}，最多 {MAX_WIDTH}）")
    if from_args:
        values = args.values() if isinstance(args, dict) else args if isinstance(args, (tuple, list)) else (args,)
        for value in values:
            _width(value, "格式宽度")


def _str_method_check(name: str, text: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Before calling text.name(*args): refuse calls whose result would be too large."""
    values = list(args) + list(kwargs.values())
    if name in ("center", "ljust", "rjust", "zfill") and values:
        _width(values[0], "宽度")
    elif name == "expandtabs":
        tab = values[0] if values else 8
        _width(tab, "制表符宽度")
        if isinstance(tab, int) and len(text) * max(tab, 1) > MAX_TEXT_LENGTH:
            raise ResultTooLarge(name)
    elif name == "replace" and len(values) >= 2 and isinstance(values[0], str) and isinstance(values[1], str):
        old, new = values[0], values[1]
        times = len(text) + 1 if old == "" else (text.count(old) if len(new) > len(old) else 0)
        if len(text) + times * len(new) > MAX_TEXT_LENGTH:
            raise ResultTooLarge(name)
    elif name == "join" and values:
        items = values[0]
        if isinstance(items, (list, tuple)):
            size = len(text) * max(len(items) - 1, 0) + sum(len(i) for i in items if isinstance(i, str))
            if size > MAX_TEXT_LENGTH:
                raise ResultTooLarge(name)
    elif name == "format":
        _format_widths(text, (*args, *kwargs.values()))
    elif name == "format_map":
        _format_widths(text, values[0] if values else ())


def _filter(name: str, check: Callable[..., None]) -> Callable[..., Any]:
    """The built-in filter ``name``, after ``check(*args, **kwargs)`` and with its text result bounded."""
    original = FILTERS[name]

    def guarded(*args: Any, **kwargs: Any) -> Any:
        check(*args, **kwargs)
        return _check_text(original(*args, **kwargs))

    for attr in ("jinja_pass_arg",):  # keep @pass_environment / @pass_eval_context
        if hasattr(original, attr):
            setattr(guarded, attr, getattr(original, attr))
    return guarded


def _skip_context(args: tuple[Any, ...], original: Callable[..., Any]) -> tuple[Any, ...]:
    return args[1:] if hasattr(original, "jinja_pass_arg") else args


def _check_center(*args: Any, **kwargs: Any) -> None:
    rest = _skip_context(args, FILTERS["center"])
    _width(kwargs.get("width", rest[1] if len(rest) > 1 else 80), "宽度")


def _check_indent(*args: Any, **kwargs: Any) -> None:
    rest = _skip_context(args, FILTERS["indent"])
    width = kwargs.get("width", rest[1] if len(rest) > 1 else 4)
    if isinstance(width, str):
        if len(width) > MAX_WIDTH:
            raise LimitExceeded(f"中的缩进过大（{len(width)} 个字符，最多 {MAX_WIDTH}）")
    else:
        _width(width, "缩进")
    text = rest[0] if rest else ""
    lines = str(text).count("\n") + 1
    size = width if isinstance(width, int) else len(width)
    if lines * max(size, 0) > MAX_TEXT_LENGTH:
        raise ResultTooLarge("indent")


def _check_wordwrap(*args: Any, **kwargs: Any) -> None:
    rest = _skip_context(args, FILTERS["wordwrap"])
    _width(kwargs.get("width", rest[1] if len(rest) > 1 else 79), "宽度")


def _check_truncate(*args: Any, **kwargs: Any) -> None:
    rest = _skip_context(args, FILTERS["truncate"])
    _width(kwargs.get("length", rest[1] if len(rest) > 1 else 255), "长度")


def _check_format(*args: Any, **kwargs: Any) -> None:
    rest = _skip_context(args, FILTERS["format"])
    if rest and isinstance(rest[0], str):
        _format_widths(rest[0], kwargs or rest[1:])


def _check_slice(*args: Any, **kwargs: Any) -> None:
    rest = _skip_context(args, FILTERS["slice"])
    count = kwargs.get("slices", rest[1] if len(rest) > 1 else 1)
    _width(count, "分组数")
    if isinstance(count, int):
        _charge(max(count, 0))


def _check_batch(*args: Any, **kwargs: Any) -> None:
    rest = _skip_context(args, FILTERS["batch"])
    _width(kwargs.get("linecount", rest[1] if len(rest) > 1 else 1), "每组个数")


def _check_join(*args: Any, **kwargs: Any) -> None:
    rest = _skip_context(args, FILTERS["join"])
    items = rest[0] if rest else ()
    sep = kwargs.get("d", rest[1] if len(rest) > 1 else "")
    if isinstance(sep, str) and hasattr(items, "__len__") and len(sep) * len(items) > MAX_TEXT_LENGTH:
        raise ResultTooLarge("join")


def _check_replace(*args: Any, **kwargs: Any) -> None:
    rest = _skip_context(args, FILTERS["replace"])
    if len(rest) >= 3 and isinstance(rest[0], str):
        _str_method_check("replace", rest[0], tuple(rest[1:3]), {})


def _nothing(*args: Any, **kwargs: Any) -> None:
    return None


_GUARDED_FILTERS = {"center": _check_center, "indent": _check_indent, "wordwrap": _check_wordwrap,
                    "truncate": _check_truncate, "format": _check_format, "slice": _check_slice,
                    "batch": _check_batch, "join": _check_join, "replace": _check_replace, "string": _nothing}


def _finalize(value: Any) -> Any:
    # Without this, {{ organ.replace }} prints Python's "<built-in method …>" into the report.
    if callable(value) and not isinstance(value, Undefined):  # Undefined is callable; it raises its own error
        raise NotPrintable("callable")
    return value


# ---------------------------------------------------------------- the environment


class _BoundedTemplate(Template):
    """A template whose render() runs in a fresh loop budget."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        with render_budget():
            return super().render(*args, **kwargs)


class _Environment(SandboxedEnvironment):
    """Bounded as described above; compiles each distinct template source once."""

    # intercepted operators are also never constant-folded at compile time
    intercepted_binops = frozenset({"*", "**", "+", "%"})
    template_class = _BoundedTemplate

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and \
                        len(seq) * times > MAX_TEXT_LENGTH:
                    raise ResultTooLarge(operator)
            if isinstance(left, int) and isinstance(right, int) and \
                    left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise ResultTooLarge(operator)
        elif operator == "**":
            if isinstance(left, (int, float)) and isinstance(right, (int, float)) and \
                    not isinstance(left, bool) and abs(left) > 1 and right > MAX_EXPONENT:
                raise ResultTooLarge(operator)
            if isinstance(left, int) and isinstance(right, int) and right > 0 and \
                    left.bit_length() * right > MAX_INT_BITS:
                raise ResultTooLarge(operator)
        elif operator == "+":
            if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)) and \
                    len(left) + len(right) > MAX_TEXT_LENGTH:
                raise ResultTooLarge(operator)
        elif operator == "%" and isinstance(left, str):
            _format_widths(left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        method = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        owner = getattr(method, "__self__", None)
        name = getattr(method, "__name__", "")
        if isinstance(owner, str) and name:
            _str_method_check(name, owner, args, kwargs)
        elif isinstance(__obj, LoopContext) and args:  # loop(children) in a recursive loop
            args = (_guarded_loop(args[0]), *args[1:])
        result = SandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs)
        return _check_text(result)

    def _generate(self, source: nodes.Template, name: str | None, filename: str | None,
                  defer_init: bool = False) -> str:
        # every loop iterates through the budget; every concatenation (~) is size-checked
        for loop in source.find_all(nodes.For):
            loop.iter = nodes.Call(nodes.Name(_LOOP_GUARD, "load"), [loop.iter], [], None, None,
                                   lineno=loop.iter.lineno)
        for concat in list(source.find_all(nodes.Concat)):
            _wrap(source, concat)
        return super()._generate(source, name, filename, defer_init=defer_init)

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Template:
        if globals is None and template_class is None and isinstance(source, str):
            return _compiled(self, source)
        return super().from_string(source, globals, template_class)


def _wrap(tree: nodes.Node, target: nodes.Expr) -> None:
    """Replace ``target`` in ``tree`` by a size check of it."""
    for parent in tree.find_all(nodes.Node):
        for field in parent.fields:
            value = getattr(parent, field, None)
            if value is target:
                setattr(parent, field, nodes.Call(nodes.Name(_SIZE_GUARD, "load"), [target], [], None, None,
                                                  lineno=target.lineno))
                return
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if item is target:
                        value[i] = nodes.Call(nodes.Name(_SIZE_GUARD, "load"), [target], [], None, None,
                                              lineno=target.lineno)
                        return


@lru_cache(maxsize=16)
def _compiled(env: _Environment, source: str) -> Template:
    return SandboxedEnvironment.from_string(env, source)


def _guards(env: SandboxedEnvironment) -> None:
    env.globals.pop("lipsum", None)  # lipsum(n=10**9) writes n paragraphs of filler text
    env.globals["range"] = _limited_range
    env.globals[_LOOP_GUARD] = _guarded_loop
    env.globals[_SIZE_GUARD] = _check_text
    for name, check in _GUARDED_FILTERS.items():
        env.filters[name] = _filter(name, check)


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    """The shared environment (thread-safe for rendering; never reconfigured)."""
    env = _Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True,
                       finalize=_finalize)
    _guards(env)
    return env
