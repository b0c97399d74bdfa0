"""Loading and checking a DOCX template before anything is rendered with it.

A custom template is checked tag by tag, so the message names the wrong tag the way the
user typed it in Word: a syntax error, a block left open, or a name the rendering
context (templates/README.md) does not provide.
"""

from __future__ import annotations

import html
import io
import logging
import os
import re
import zipfile
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, nodes

from ..errors import RenderFailed, TemplateError
from ..fileio import read_bounded
from ..report import Report
from .context import build_context
from .jinja import environment

MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_KEYWORD = re.compile(r"\{%[-+]?\s*(\w*)")
_OPENERS = {"for", "if", "macro", "call", "filter", "with", "raw", "block", "autoescape", "trans"}
_MIDDLES = {"else": {"if", "for"}, "elif": {"if"}, "pluralize": {"trans"}}
_OTHER_FILES = {"include", "extends", "import", "from"}  # need a template loader; there is none

_log = logging.getLogger(__name__)


def read_template_bytes(path: str | os.PathLike) -> bytes:
    """The bytes of a .docx template, or RenderFailed in Chinese saying why not."""
    name = os.fspath(path)
    suffix = Path(name).suffix.lower()
    if suffix != ".docx":
        hint = "，请在 Word 或 WPS 中打开后“另存为”Word 文档（.docx）" if suffix in (
            ".doc", ".wps", ".dotx", ".docm", ".rtf", ".odt") else ""
        raise RenderFailed(f"模板不是 Word 文档（.docx）{hint}", source=name)
    data = read_bounded(name, MAX_TEMPLATE_BYTES, RenderFailed, what="模板文件")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise RenderFailed("模板文件已损坏或不是有效的 Word 文档（.docx）", source=name)
    return data


def open_template(data: bytes, source: str | None = None):
    """A docxtpl template over ``data``; RenderFailed if Word could not open it either."""
    from .docx import SafeDocxTemplate

    tpl = SafeDocxTemplate(io.BytesIO(data))
    try:
        tpl.init_docx()
    except Exception:  # noqa: BLE001 - python-docx raises many kinds on a broken package
        _log.warning("template package unreadable", exc_info=True)
        raise RenderFailed("模板文件已损坏或不是有效的 Word 文档（.docx）", source=source) from None
    return tpl


def template_sources(tpl, source: str | None = None) -> list[str]:
    """The jinja source of the body, headers and footers, as docxtpl will render them."""
    from docx.oxml import parse_xml

    try:
        sources = [tpl.patch_xml(tpl.get_xml())]
        for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
            for _, part in tpl.get_headers_footers(uri):
                sources.append(tpl.patch_xml(tpl.xml_to_string(parse_xml(part.blob))))
    except Exception:  # noqa: BLE001 - lxml on a broken header or footer part
        _log.warning("template header/footer unreadable", exc_info=True)
        raise RenderFailed("模板文件已损坏或不是有效的 Word 文档（.docx）", source=source) from None
    return sources


def _shown(tag: str) -> str:
    """A tag as the user sees it in Word."""
    return html.unescape(re.sub(r"<[^>]+>", "", tag)).strip()


def _explain(err: Exception) -> str:
    """jinja's English reason as Chinese; never the English text itself."""
    text = getattr(err, "message", None) or str(err)
    m = re.search(r"unknown tag '(\w+)'", text)
    if m:
        return f"不认识的标签名“{m.group(1)}”"
    m = re.search(r"No (filter|test) named '([^']+)'", text)
    if m:
        return f"使用了不存在的{'过滤器' if m.group(1) == 'filter' else '判断'}“{m.group(2)}”"
    if "end of template" in text:
        return "缺少对应的结束标签"
    if "unexpected char" in text:
        return "写法有误：含有无法识别的字符（请检查是否误用了全角符号）"
    if "expected" in text.lower():
        return "写法有误，不符合模板语法"
    return "写法有误"


def paragraph_place(line: str, tags: list[str] | None = None) -> str:
    """Where in the template a paragraph (one line of the jinja source) is, for a message."""
    if tags is None:
        tags = [_shown(t) for t in _TAG.findall(line)]
    text = _shown(line)
    if len(tags) == 1:
        return f"标签“{tags[0]}”"
    if tags:
        return "这一段中的标签" + "、".join(f"“{t}”" for t in tags)
    if text:
        return f"中“{text[:40]}”一段" + ("（标签的大括号可能不成对）" if "{" in text else "")
    return "中的标签"


def _alone(raw: str, keyword: str) -> str | None:
    """A ``{% %}`` tag as a template of its own, closed where it opens a block; None for end tags."""
    text = html.unescape(raw)
    if keyword in _OPENERS or (keyword == "set" and "=" not in raw):
        return text + "{% end" + keyword + " %}"
    if keyword in ("else", "elif"):
        return "{% if true %}" + text + "{% endif %}"
    if keyword.startswith("end") or keyword == "pluralize":
        return None
    return text


def check_syntax(sources: list[str]) -> None:
    """Tag-level checks: each {{ }} parses; {% %} blocks open and close in pairs."""
    env = environment()
    stack: list[tuple[str, str]] = []
    for source in sources:
        for match in _TAG.finditer(source):
            raw = match.group(0)
            tag = _shown(raw)
            if raw.startswith("{{"):
                try:
                    env.parse(html.unescape(raw))
                except TemplateSyntaxError as err:
                    raise TemplateError(f"模板标签“{tag}”{_explain(err)}") from None
                continue
            if not raw.startswith("{%"):
                continue
            keyword = _KEYWORD.match(raw).group(1)
            if keyword in _OTHER_FILES:
                raise TemplateError(f"模板标签“{tag}”引用其他模板文件，本程序的模板不支持这种标签")
            alone = _alone(raw, keyword)
            if alone is not None:
                try:
                    env.parse(alone)
                except TemplateSyntaxError as err:
                    raise TemplateError(f"模板标签“{tag}”{_explain(err)}") from None
            if keyword in _OPENERS or (keyword == "set" and "=" not in raw):
                stack.append((keyword, tag))
            elif keyword in _MIDDLES:
                if not stack or stack[-1][0] not in _MIDDLES[keyword]:
                    raise TemplateError(f"模板标签“{tag}”前面没有对应的 if/for 开始标签")
            elif keyword.startswith("end"):
                opener = keyword[3:]
                if not stack:
                    raise TemplateError(f"模板标签“{tag}”前面没有对应的开始标签")
                if stack[-1][0] != opener:
                    raise TemplateError(f"模板标签“{tag}”与前面的“{stack[-1][1]}”不配对")
                stack.pop()
        if stack:
            keyword, tag = stack[-1]
            raise TemplateError(f"模板标签“{tag}”缺少对应的结束标签“{{% end{keyword} %}}”")
    for source in sources:
        try:
            # compiled (not only parsed): unknown filters and tests are found here; the render
            # then reuses this compiled template (jinja.environment caches by source)
            env.from_string(_lined(source))
        except TemplateSyntaxError as err:
            lines = _lined(source).split("\n")
            line = lines[err.lineno - 1] if err.lineno and err.lineno <= len(lines) else ""
            raise TemplateError(f"模板{paragraph_place(line)}{_explain(err)}") from None


def _lined(source: str) -> str:
    # one line per paragraph, as docxtpl renders it, so an error's line names a paragraph
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", source)


# ---------------------------------------------------------------- names


def sample_context() -> dict[str, Any]:
    """A context with every name and one paragraph in every list, for checking names."""
    report = Report(year=2000, organ="示例", preamble="示例")
    report.sections = {k: "（一）示例。示例" for k in report.sections}
    return build_context(report)


def _chain(node: nodes.Node) -> tuple[str, list[str]] | None:
    """name.a.b / name["a"] as (name, ["a", "b"]), or None for anything else."""
    parts: list[str] = []
    while True:
        if isinstance(node, nodes.Getattr):
            parts.append(node.attr)
            node = node.node
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and isinstance(
                node.arg.value, str):
            parts.append(node.arg.value)
            node = node.node
        elif isinstance(node, nodes.Name):
            return node.name, parts[::-1]
        else:
            return None


def _resolve(value: Any, parts: list[str]) -> tuple[bool, Any, int]:
    for i, part in enumerate(parts):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif not part.startswith("_") and hasattr(value, part):
            return True, None, i  # a method such as tables.requests.items(): not checked further
        else:
            return False, None, i
    return True, value, len(parts)


def check_names(sources: list[str], context: dict[str, Any]) -> None:
    """Every name a tag reads must exist in ``context`` (down to the last .attribute)."""
    env = environment()
    for source in sources:
        tree = env.parse(source)
        _walk(tree, {**env.globals, **context}, source)


def _walk(node: nodes.Node, scope: dict[str, Any], source: str) -> None:
    if isinstance(node, (nodes.Filter, nodes.Test)):
        # jinja compiles an unknown test or filter inside {% if %} into a runtime error; find it now
        known = environment().filters if isinstance(node, nodes.Filter) else environment().tests
        if node.name not in known:
            what = "过滤器" if isinstance(node, nodes.Filter) else "判断"
            raise TemplateError(f"模板标签“{_tag_at(source, node.name)}”使用了不存在的{what}“{node.name}”")
    if isinstance(node, nodes.For):
        _walk(node.iter, scope, source)
        inner = dict(scope)
        item: Any = None
        chain = _chain(node.iter)
        if chain and chain[0] in scope:
            ok, value, _ = _resolve(scope[chain[0]], chain[1])
            if ok and isinstance(value, list) and value:
                item = value[0]
            elif ok and isinstance(value, dict):
                item = next(iter(value), None)
        for target in node.target.find_all(nodes.Name) if not isinstance(node.target, nodes.Name) else [
                node.target]:
            inner[target.name] = item
        inner["loop"] = None
        for child in node.body + node.else_ + ([node.test] if node.test else []):
            _walk(child, inner, source)
        return
    if isinstance(node, (nodes.Macro, nodes.CallBlock, nodes.With)):
        inner = dict(scope)
        for name in node.find_all(nodes.Name):
            if name.ctx in ("store", "param"):
                inner[name.name] = None
        inner.update(caller=None, varargs=None, kwargs=None)
        for child in node.iter_child_nodes():
            _walk(child, inner, source)
        return
    if isinstance(node, (nodes.Assign, nodes.AssignBlock)):
        for target in node.target.find_all(nodes.Name) if not isinstance(node.target, nodes.Name) else [
                node.target]:
            scope[target.name] = None  # set by the template: not checked further
    if isinstance(node, (nodes.Getattr, nodes.Getitem, nodes.Name)):
        chain = _chain(node)
        if chain is not None and (isinstance(node, nodes.Name) and node.ctx == "load" or
                                  not isinstance(node, nodes.Name)):
            name, parts = chain
            if any(part.startswith("_") for part in parts):
                dotted = ".".join([name, *parts])
                raise TemplateError(f"模板标签“{_tag_at(source, dotted)}”访问了不允许的内容"
                                    "（以下划线开头的名称）")
            if name not in scope:
                raise TemplateError(f"模板标签“{_tag_at(source, name)}”使用了不存在的数据“{name}”，"
                                    "可用的数据见模板说明（templates/README.md）")
            value = scope[name]
            if value is not None and not (parts and isinstance(value, str)):
                ok, _, depth = _resolve(value, parts)
                if not ok:
                    dotted = ".".join([name, *parts[: depth + 1]])
                    raise TemplateError(f"模板标签“{_tag_at(source, dotted)}”使用了不存在的数据“{dotted}”，"
                                        "可用的数据见模板说明（templates/README.md）")
            if not isinstance(node, nodes.Name):
                # the chain is checked; still walk non-chain children such as filter arguments
                return
    for child in node.iter_child_nodes():
        _walk(child, scope, source)


def _tag_at(source: str, dotted: str) -> str:
    """The first tag that mentions ``dotted``, as shown in Word."""
    last = dotted.split(".")[-1]
    for match in _TAG.finditer(source):
        tag = _shown(match.group(0))
        if dotted in tag.replace(" ", "") or (last in tag and dotted.split(".")[0] in tag):
            return tag
    return "{{ " + dotted + " }}"


def check_template(path: str | os.PathLike) -> None:
    """Check a custom DOCX template without rendering; raise RenderFailed/TemplateError in Chinese.

    For the GUI's "选择模板" and for render(): a template that passes renders every report.
    """
    source = os.fspath(path)
    tpl = open_template(read_template_bytes(path), source)
    check_sources(template_sources(tpl, source), source)


def check_sources(sources: list[str], source: str | None) -> None:
    """Syntax, then names; a TemplateError names the template file."""
    try:
        check_syntax(sources)
        check_names(sources, sample_context())
    except TemplateError as err:
        raise TemplateError(err.message, source=source) from None
