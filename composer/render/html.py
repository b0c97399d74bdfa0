"""A Report as one self-contained, accessible web page for the government portal."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from jinja2 import Template

from .. import schema
from ..errors import OutputError, RenderFailed
from ..fileio import atomic_write_bytes, os_error_message
from ..report import Report
from .context import build_context, cell_texts, html_tables
from .jinja import environment
from .resources import html_template_path
from .title_layout import title_words


@lru_cache(maxsize=1)
def _template() -> Template:
    path = html_template_path()
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as err:
        raise RenderFailed(f"找不到网页模板，程序文件可能不完整（{os_error_message(err)}）",
                           source=os.fspath(path)) from None
    return environment().from_string(source)


def html_text(report: Report, *, blank: str = "") -> str:
    context = build_context(report, blank)
    tables = {t["key"]: t for t in html_tables(cell_texts(report, blank))}
    # the title's lines, each cut into words, so a narrow screen wraps only between words
    context["title_rows"] = [title_words(line) for line in context["title_lines"].split("\n")]
    context["section_list"] = [
        {"key": s.key, "heading": s.heading, "paragraphs": context["sections"][s.key],
         "table": tables.get(s.table) if s.table else None}
        for s in schema.SECTIONS
    ]
    return _template().render(context)


def render_html(report: Report, out_path: Path, *, blank: str = "") -> None:
    data = html_text(report, blank=blank).encode("utf-8")
    try:
        atomic_write_bytes(out_path, data)
    except OSError as err:
        raise OutputError(f"无法写入网页文件（{os_error_message(err)}）", source=os.fspath(out_path)) from None
