"""A Report as a Word document, through docxtpl in a sandboxed, autoescaped, bounded jinja2."""

from __future__ import annotations

import io
import logging
import os
from functools import lru_cache
from pathlib import Path

from jinja2 import TemplateError as JinjaTemplateError
from lxml import etree

from ..errors import ComposerError, OutputError, RenderFailed, TemplateError
from ..fileio import atomic_write_bytes, os_error_message
from ..report import Report
from .context import build_context
from .jinja import environment
from .promises import check_promises
from .resources import default_template_path
from .safe_docx import SafeDocxTemplate
from .template_check import check_opened, open_template, read_template_bytes, template_sources

_log = logging.getLogger(__name__)

__all__ = ["SafeDocxTemplate", "docx_bytes", "render_docx"]


@lru_cache(maxsize=1)
def _default_template_bytes() -> bytes:
    path = default_template_path()
    try:
        return path.read_bytes()
    except OSError as err:
        raise RenderFailed(f"找不到默认模板，程序文件可能不完整（{os_error_message(err)}）",
                           source=os.fspath(path)) from None


@lru_cache(maxsize=1)
def _default_sources() -> list[str]:
    """The default template's jinja sources (for the promise check), patched once."""
    return template_sources(open_template(_default_template_bytes()))


def docx_bytes(report: Report, template: Path | None = None, *, blank: str = "") -> bytes:
    """The rendered document as bytes; custom templates are checked first.

    The result holds every part the template promises (title, preamble, sections, tables),
    or a TemplateError says which part a wrong tag swallowed.
    """
    if template is None:
        data, source = _default_template_bytes(), None
    else:
        source = os.fspath(template)
        data = read_template_bytes(template)
    tpl = open_template(data, source)
    sources = _default_sources() if template is None else check_opened(tpl, source)
    template_body = sources[0]
    context = build_context(report, blank)
    try:
        tpl.render(context, environment(), autoescape=True)
        rendered_body = etree.tostring(tpl.docx.element.body, encoding="unicode")
        check_promises(template_body, sources, rendered_body, context)
        props = tpl.docx.core_properties  # the title shown by Word, PDF readers and screen readers
        props.title = context["title"]
        props.author = context["organ"]
        props.language = "zh-CN"
        out = io.BytesIO()
        tpl.save(out)
    except TemplateError as err:  # raised inside a rendering part, which does not know the file
        if source is None:
            raise
        raise err.with_source(source) from None
    except ComposerError:
        raise
    except JinjaTemplateError:  # a jinja error outside a part's render (not expected)
        _log.warning("template error outside a part", exc_info=True)
        raise TemplateError("模板无法使用，请检查模板中的标签", source=source) from None
    except Exception:  # noqa: BLE001 - lxml or python-docx on a template that renders to broken XML
        _log.warning("template rendered to broken XML", exc_info=True)
        raise RenderFailed("用该模板生成的 Word 文档结构有误，请检查模板中的标签位置", source=source) from None
    return out.getvalue()


def render_docx(report: Report, out_path: Path, template: Path | None = None, *, blank: str = "") -> None:
    data = docx_bytes(report, template, blank=blank)
    try:
        atomic_write_bytes(out_path, data)
    except OSError as err:
        raise OutputError(f"无法写入 Word 文件（{os_error_message(err)}）", source=os.fspath(out_path)) from None
