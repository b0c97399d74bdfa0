"""Rendering a Report: Word (.docx, docxtpl), web page (.html) and PDF (via LibreOffice).

``render(report, out_path, template=None)`` picks the format by the output's suffix.
Every output is written atomically; every failure is a RenderFailed (or TemplateError
for a custom template, TemplateLimit when it asks for more work than any report needs)
with a Chinese message.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import OutputError, RenderFailed, TemplateError, TemplateLimit
from ..report import Report
from .template_check import check_template

__all__ = ["FORMATS", "RenderFailed", "TemplateError", "TemplateLimit", "check_template", "render"]

FORMATS = {".docx": "Word 文档", ".html": "网页", ".htm": "网页", ".pdf": "PDF 文档"}


def _render_here(report: Report, out_path: str, template: str, blank_as_zero: bool) -> None:
    render(report, out_path, template, blank_as_zero=blank_as_zero, isolated=False)


def render(report: Report, out_path: str | os.PathLike[str], template: str | os.PathLike[str] | None = None,
           *, blank_as_zero: bool = False, isolated: bool = True) -> None:
    """Write ``report`` to ``out_path`` as .docx, .html or .pdf.

    ``template`` is a custom DOCX template (for .docx and .pdf), checked before use.
    Blank cells print empty, or "0" with ``blank_as_zero``. With a custom template the work runs
    in a child process with a memory and time ceiling (``composer.isolation``; ``isolated=False``
    or ``COMPOSER_IN_PROCESS=1`` renders here).
    """
    out = Path(out_path)
    suffix = out.suffix.lower()
    blank = "0" if blank_as_zero else ""
    tpl = Path(template) if template is not None else None
    if tpl is not None and isolated and suffix in FORMATS:
        # A custom template is untrusted: render in a child process within a memory and time ceiling.
        # A PDF also waits for LibreOffice, which has a time limit of its own.
        from ..errors import TemplateLimit
        from ..isolation import TIME_LIMIT, run_isolated
        from .pdf import TIMEOUT_SECONDS

        run_isolated(_render_here, report, os.fspath(out), os.fspath(tpl), blank_as_zero,
                     timeout=TIME_LIMIT + (TIMEOUT_SECONDS if suffix == ".pdf" else 0),
                     limit_error=TemplateLimit, source=os.fspath(tpl), what="按自定义模板生成报告")
        return
    if suffix not in FORMATS:
        raise RenderFailed(f"不支持输出为“{suffix or '无扩展名'}”，请使用 .docx、.html 或 .pdf",
                           source=os.fspath(out))
    if not out.parent.is_dir():
        raise OutputError("保存位置的文件夹不存在", source=os.fspath(out))
    if suffix == ".docx":
        from .docx import render_docx

        render_docx(report, out, tpl, blank=blank)
    elif suffix in (".html", ".htm"):
        if tpl is not None:
            raise RenderFailed("自定义 Word 模板只用于 .docx 和 .pdf，网页使用内置版式", source=os.fspath(tpl))
        from .html import render_html

        render_html(report, out, blank=blank)
    else:
        from .pdf import render_pdf

        render_pdf(report, out, tpl, blank=blank)
