"""The one jinja2 environment every template renders in: sandboxed, autoescaped, strict.

User text is data, never template: values are inserted escaped and never parsed again;
a template that names something the context lacks fails loudly instead of printing "".
"""

from __future__ import annotations

from functools import lru_cache
from numbers import Number

from jinja2 import StrictUndefined, Template, Undefined
from jinja2.sandbox import SandboxedEnvironment

MAX_REPEAT_LENGTH = 1_000_000  # "文字" * n: longer than any report, far below what exhausts memory
MAX_EXPONENT = 10_000  # 10 ** 10 ** 10 would compute for hours


class ResultTooLarge(OverflowError):
    """A template multiplies text or raises a number to a size no report needs."""


class NotPrintable(TypeError):
    """A tag that prints a function (a method name without its brackets) instead of a value."""


def _finalize(value):
    # Without this, {{ organ.replace }} prints Python's "<built-in method …>" into the report.
    if callable(value) and not isinstance(value, Undefined):  # Undefined is callable; it raises its own error
        raise NotPrintable("callable")
    return value


class _Environment(SandboxedEnvironment):
    """Compiles each distinct template source once: compiling the DOCX body is most of a render."""

    # a custom template is the user's own file, but one typo ({{ organ * 10**9 }}) must not
    # hang the program or exhaust memory; intercepted operators are also never constant-folded
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator, left, right):
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and \
                        len(seq) * times > MAX_REPEAT_LENGTH:
                    raise ResultTooLarge(operator)
        elif isinstance(left, Number) and isinstance(right, Number) and not isinstance(left, bool) and \
                abs(left) > 1 and right > MAX_EXPONENT:
            raise ResultTooLarge(operator)
        return super().call_binop(context, operator, left, right)

    def from_string(self, source, globals=None, template_class=None):
        if globals is None and template_class is None and isinstance(source, str):
            return _compiled(self, source)
        return super().from_string(source, globals, template_class)


@lru_cache(maxsize=16)
def _compiled(env: _Environment, source: str) -> Template:
    return SandboxedEnvironment.from_string(env, source)


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    """The shared environment (thread-safe for rendering; never reconfigured)."""
    return _Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True,
                        finalize=_finalize)
