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
from .safe_docx import SafeDocxTemplate
from .tags import TAG, attribute_chain, explain, lined, paragraph_place, shown

MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
_OPEN = {"{{": "}}", "{%": "%}", "{#": "#}"}
_CLOSE = {close: opener for opener, close in _OPEN.items()}
_KINDS = {"{{": "标签", "{%": "标签", "{#": "注释"}
_KEYWORD = re.compile(r"\{%[-+]?\s*(\w*)")
_OPENERS = {"for", "if", "macro", "call", "filter", "with", "raw", "block", "autoescape", "trans"}
_MIDDLES = {"else": {"if", "for"}, "elif": {"if"}, "pluralize": {"trans"}}
_OTHER_FILES = {"include", "extends", "import", "from"}  # need a template loader; there is none

_log = logging.getLogger(__name__)


def read_template_bytes(path: str | os.PathLike[str]) -> bytes:
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


def open_template(data: bytes, source: str | None = None) -> SafeDocxTemplate:
    """A docxtpl template over ``data``; RenderFailed if Word could not open it either."""
    tpl = SafeDocxTemplate(io.BytesIO(data))
    try:
        tpl.init_docx()
    except Exception:  # noqa: BLE001 - python-docx raises many kinds on a broken package
        _log.warning("template package unreadable", exc_info=True)
        raise RenderFailed("模板文件已损坏或不是有效的 Word 文档（.docx）", source=source) from None
    return tpl


def template_sources(tpl: SafeDocxTemplate, source: str | None = None, *, patched: bool = True) -> list[str]:
    """The jinja source of the body, headers and footers, as docxtpl will render them.

    ``patched=False``: the XML as Word wrote it, before docxtpl joins tags split over runs
    (and, for an unclosed tag, everything up to the next closing braces).
    """
    from docx.oxml import parse_xml

    try:
        sources = [tpl.get_xml()]
        for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
            for _, part in tpl.get_headers_footers(uri):
                sources.append(tpl.xml_to_string(parse_xml(part.blob)))
        if patched:
            sources = [tpl.patch_xml(text) for text in sources]
    except Exception:  # noqa: BLE001 - lxml on a broken header or footer part
        _log.warning("template header/footer unreadable", exc_info=True)
        raise RenderFailed("模板文件已损坏或不是有效的 Word 文档（.docx）", source=source) from None
    return [str(text) for text in sources]


def check_opened(tpl: SafeDocxTemplate, source: str | None) -> list[str]:
    """Every check of an opened custom template; its patched sources for rendering."""
    try:
        check_delimiters(template_sources(tpl, source, patched=False))
    except TemplateError as err:
        raise TemplateError(err.message, source=source) from None
    sources = template_sources(tpl, source)
    check_sources(sources, source)
    return sources


def _quoted(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _where(index: int, paragraph: str) -> str:
    part = "正文" if index == 0 else "页眉或页脚"
    return f"模板{part}中“{_quoted(paragraph)}”一段"


def _delimiter_problem(text: str) -> str | None:
    """The first unbalanced {{ }}, {% %} or {# #} in one paragraph's text, in words; None if balanced."""
    i = 0
    while i < len(text) - 1:
        two = text[i:i + 2]
        if two in _OPEN:
            close = _OPEN[two]
            end = text.find(close, i + 2)
            if two == "{#":
                others = -1  # a comment may hold anything up to its end
            else:
                found = [k for k in (text.find(o, i + 2) for o in _OPEN) if k >= 0]
                others = min(found) if found else -1
            if end < 0 or 0 <= others < end:
                stop = others if others >= 0 else len(text)
                return (f"{_KINDS[two]}“{_quoted(text[i:stop].strip(), 30)}”缺少结尾的“{close}”"
                        "（标签必须在同一段内写完整）")
            i = end + 2
            continue
        if two in _CLOSE:
            return f"“{two}”前面缺少开头的“{_CLOSE[two]}”"
        i += 1
    return None


def check_delimiters(sources: list[str]) -> None:
    """Every {{ }}, {% %} and {# #} closes in its own paragraph; a {%p %} tag is alone in its paragraph.

    Without this, ``{{ title }`` or an open ``{#`` swallows the template up to the next closing
    braces, and the report silently loses its title and preamble.
    """
    for index, source in enumerate(sources):
        for line in lined(source).split("\n"):
            text = html.unescape(re.sub(r"<[^>]+>", "", line))
            if not text.strip():
                continue
            problem = _delimiter_problem(text)
            if problem:
                raise TemplateError(f"{_where(index, text)}：{problem}")
            for match in re.finditer(r"\{%([ptrc]|tr|tc)\b.*?%\}", text):
                rest = (text[: match.start()] + text[match.end():]).strip()
                if match.group(1) == "p" and rest:
                    tag = shown(match.group(0))
                    raise TemplateError(f"模板标签“{tag}”所在的一段还有其他文字“{_quoted(rest, 20)}”，"
                                        "生成时这一整段会被删除；请把该标签单独放在一段中")
            for match in re.finditer(r"\{\{\s*\}\}|\{%[-+]?[ptrc]?\s*[-+]?%\}", text):
                raise TemplateError(f"{_where(index, text)}：标签“{match.group(0)}”是空的，什么也不会打印")


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
        for match in TAG.finditer(source):
            raw = match.group(0)
            tag = shown(raw)
            if raw.startswith("{{"):
                try:
                    env.parse(html.unescape(raw))
                except TemplateSyntaxError as err:
                    raise TemplateError(f"模板标签“{tag}”{explain(err)}") from None
                continue
            if not raw.startswith("{%"):
                continue
            keyword_match = _KEYWORD.match(raw)
            keyword = keyword_match.group(1) if keyword_match else ""
            if keyword in _OTHER_FILES:
                raise TemplateError(f"模板标签“{tag}”引用其他模板文件，本程序的模板不支持这种标签")
            alone = _alone(raw, keyword)
            if alone is not None:
                try:
                    env.parse(alone)
                except TemplateSyntaxError as err:
                    raise TemplateError(f"模板标签“{tag}”{explain(err)}") from None
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
            env.from_string(lined(source))
        except TemplateSyntaxError as err:
            lines = lined(source).split("\n")
            line = lines[err.lineno - 1] if err.lineno and err.lineno <= len(lines) else ""
            raise TemplateError(f"模板{paragraph_place(line)}{explain(err)}") from None


# ---------------------------------------------------------------- names


def sample_context() -> dict[str, Any]:
    """A context with every name and one paragraph in every list, for checking names."""
    report = Report(year=2000, organ="示例", preamble="示例")
    report.sections = {k: "（一）示例。示例" for k in report.sections}
    return build_context(report)


def _chain(node: nodes.Node) -> tuple[str, list[str]] | None:
    """name.a.b / name["a"] as (name, ["a", "b"]), or None for anything else."""
    chain = attribute_chain(node)
    return (chain[0], chain[1:]) if chain else None


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
        for stored in node.find_all(nodes.Name):
            if stored.ctx in ("store", "param"):
                inner[stored.name] = None
        inner.update(caller=None, varargs=None, kwargs=None)
        for child in node.iter_child_nodes():
            _walk(child, inner, source)
        return
    if isinstance(node, (nodes.Assign, nodes.AssignBlock)):
        for target in node.target.find_all(nodes.Name) if not isinstance(node.target, nodes.Name) else [
                node.target]:
            scope[target.name] = None  # set by the template: not checked further
    if isinstance(node, nodes.Output):
        for child in node.nodes:
            _printed_value(child, scope, source)
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


def _printed_value(node: nodes.Node, scope: dict[str, Any], source: str) -> None:
    """A tag that prints a whole list or group ({{ sections.overview }}, {{ tables }}) prints Python's
    notation, not the report: refused with the loop to write instead."""
    chain = _chain(node)
    if chain is None or chain[0] not in scope or scope[chain[0]] is None:
        return
    ok, value, depth = _resolve(scope[chain[0]], chain[1])
    if ok and depth == len(chain[1]) and isinstance(value, (list, dict)):
        dotted = ".".join([chain[0], *chain[1]])
        hint = ("，请用“{%p for para in " + dotted + " %}”…“{%p endfor %}”逐段打印"
                if isinstance(value, list) else "，请写到其中的具体一项（如“" + dotted + "." + next(iter(value), "") + "”）")
        raise TemplateError(f"模板标签“{_tag_at(source, dotted)}”打印的是一组数据而不是文字{hint}")


def _tag_at(source: str, dotted: str) -> str:
    """The first tag that mentions ``dotted``, as shown in Word."""
    last = dotted.split(".")[-1]
    for match in TAG.finditer(source):
        tag = shown(match.group(0))
        if dotted in tag.replace(" ", "") or (last in tag and dotted.split(".")[0] in tag):
            return tag
    return "{{ " + dotted + " }}"


def check_template(path: str | os.PathLike[str]) -> None:
    """Check a custom DOCX template without rendering; raise RenderFailed/TemplateError in Chinese.

    For the GUI's "选择模板" and for render(): a template that passes renders every report.
    """
    source = os.fspath(path)
    tpl = open_template(read_template_bytes(path), source)
    check_opened(tpl, source)


def check_sources(sources: list[str], source: str | None) -> None:
    """Syntax, then names; a TemplateError names the template file."""
    try:
        check_syntax(sources)
        check_names(sources, sample_context())
    except TemplateError as err:
        raise TemplateError(err.message, source=source) from None
