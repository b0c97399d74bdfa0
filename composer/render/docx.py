"""A Report as a Word document, through docxtpl in a sandboxed, autoescaped jinja2."""

from __future__ import annotations

import io
import logging
import os
import re
from functools import lru_cache
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import TemplateError as JinjaTemplateError

from ..errors import ComposerError, RenderFailed, TemplateError
from ..fileio import atomic_write_bytes, os_error_message
from ..report import Report
from .context import build_context
from .jinja import environment
from .resources import default_template_path
from .template_check import check_sources, open_template, read_template_bytes, template_sources
from .template_errors import rendering_error

_TEXT_WITH_TAB = re.compile(r"<w:t(?: [^>]*)?>[^<]*\t[^<]*</w:t>")
# A run whose tag rendered to nothing (a paragraph without a sub-heading, a blank cell).
_EMPTY_RUN = re.compile(r"<w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t(?: [^>]*)?(?:/>|></w:t>)</w:r>")

_log = logging.getLogger(__name__)


class SafeDocxTemplate(DocxTemplate):
    """docxtpl, except that rendered text is never rewritten afterwards.

    docxtpl turns "{_{" into "{{" and \\a, \\f into paragraphs and pages *after* rendering,
    i.e. inside the user's own text; here the rendered values stay exactly as typed (the
    context has removed control characters already), and only tabs become Word tabs.
    """

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        src_xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)
        self.current_rendering_part = part
        try:
            dst_xml = (jinja_env or environment()).from_string(src_xml).render(context)
        except Exception as err:  # noqa: BLE001 - anything a tag raises (1/0, "文字" + 1): named with its tag
            _log.info("template tag failed", exc_info=True)
            raise rendering_error(err, src_xml, context) from None
        dst_xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml)
        dst_xml = _EMPTY_RUN.sub("", dst_xml)
        return _TEXT_WITH_TAB.sub(_tabs, dst_xml)


def _tabs(match: re.Match) -> str:
    open_tag = match.group(0)[: match.group(0).index(">") + 1]
    inner = match.group(0)[len(open_tag): -len("</w:t>")]
    return open_tag + inner.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">') + "</w:t>"


@lru_cache(maxsize=1)
def _default_template_bytes() -> bytes:
    path = default_template_path()
    try:
        return path.read_bytes()
    except OSError as err:
        raise RenderFailed(f"找不到默认模板，程序文件可能不完整（{os_error_message(err)}）",
                           source=os.fspath(path)) from None


def docx_bytes(report: Report, template: Path | None = None, *, blank: str = "") -> bytes:
    """The rendered document as bytes; custom templates are checked first."""
    if template is None:
        data, source = _default_template_bytes(), None
    else:
        source = os.fspath(template)
        data = read_template_bytes(template)
    tpl = open_template(data, source)
    if template is not None:
        check_sources(template_sources(tpl, source), source)
    context = build_context(report, blank)
    try:
        tpl.render(context, environment(), autoescape=True)
        props = tpl.docx.core_properties  # the title shown by Word, PDF readers and screen readers
        props.title = context["title"]
        props.author = context["organ"]
        props.language = "zh-CN"
        out = io.BytesIO()
        tpl.save(out)
    except TemplateError as err:  # raised inside a rendering part, which does not know the file
        raise TemplateError(err.message, source=source) from None
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
        raise RenderFailed(f"无法写入 Word 文件（{os_error_message(err)}）", source=os.fspath(out_path)) from None
