"""The one jinja2 environment every template renders in: sandboxed, autoescaped, strict.

User text is data, never template: values are inserted escaped and never parsed again;
a template that names something the context lacks fails loudly instead of printing "".
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import StrictUndefined, Template
from jinja2.sandbox import SandboxedEnvironment


class _Environment(SandboxedEnvironment):
    """Compiles each distinct template source once: compiling the DOCX body is most of a render."""

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 - jinja's name
        if globals is None and template_class is None and isinstance(source, str):
            return _compiled(self, source)
        return super().from_string(source, globals, template_class)


@lru_cache(maxsize=16)
def _compiled(env: _Environment, source: str) -> Template:
    return SandboxedEnvironment.from_string(env, source)


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    """The shared environment (thread-safe for rendering; never reconfigured)."""
    return _Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
