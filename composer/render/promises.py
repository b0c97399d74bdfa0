"""What a rendered DOCX must contain: every part its template promises, or no report at all.

A template promises the parts it prints unconditionally: the title (``{{ title }}`` or
``{{ title_lines }}``), the preamble and each section it loops over (every paragraph, in
full), the headings, the signature, and its tables. A tag typed wrongly can swallow such a
part without any error from jinja; the render then fails here instead of printing a report
without its title or 前言.
"""

from __future__ import annotations

import html
import logging
import re
from functools import lru_cache
from typing import Any

from jinja2 import nodes

from ..errors import TemplateError
from .jinja import environment
from .tags import attribute_chain

_log = logging.getLogger(__name__)
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")
_TABLE = re.compile(r"<w:tbl>")
_SPACE = re.compile(r"\s+")
_NAMES = {"title": "标题", "title_lines": "标题", "organ": "机关名称", "preamble": "前言"}


def _printed_fields(loop: nodes.For) -> set[str]:
    """Fields of the loop variable its body prints as they are ({{ para.text }}, {{ para.body }})."""
    if not isinstance(loop.target, nodes.Name):
        return set()
    fields = set()
    for output in loop.find_all(nodes.Output):
        for child in output.nodes:
            chain = attribute_chain(child)
            if chain and len(chain) == 2 and chain[0] == loop.target.name:
                fields.add(chain[1])
    return fields


def _unconditional(node: nodes.Node, found: list[list[str]], conditions: tuple[str, ...] = ()) -> None:
    """Chains printed by an Output, or looped over by a For, outside any condition but a plain
    ``{% if name.path %}`` (then only when that is true: the conditions travel as "?name.path").

    A loop's chain ends in "@text" or "@body": the field its body prints unchanged (a loop
    printing only part of each paragraph, e.g. ``para.text[:20]``, promises nothing).
    """
    if isinstance(node, nodes.If):
        test = attribute_chain(node.test)
        if test is not None and not node.elif_:
            for inner in node.body:
                _unconditional(inner, found, (*conditions, "?" + ".".join(test)))
        return
    if isinstance(node, (nodes.CondExpr, nodes.Macro, nodes.CallBlock, nodes.FilterBlock)):
        return
    if isinstance(node, nodes.For):
        chain = attribute_chain(node.iter)
        fields = _printed_fields(node)
        field = "text" if "text" in fields else "body" if "body" in fields else None
        if chain and field:
            found.append([*conditions, *chain, "@" + field])
        return
    if isinstance(node, nodes.Output):
        for child in node.nodes:
            chain = attribute_chain(child)
            if chain:
                found.append([*conditions, *chain])
        return
    for inner in node.iter_child_nodes():
        _unconditional(inner, found, conditions)


def _value(context: dict[str, Any], chain: list[str]) -> Any:
    value: Any = context
    for part in chain:
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


@lru_cache(maxsize=8)
def _chains(source: str) -> tuple[tuple[str, ...], ...]:
    found: list[list[str]] = []
    _unconditional(environment().parse(source), found)
    return tuple(tuple(chain) for chain in found)


def promised(sources: list[str], context: dict[str, Any]) -> list[tuple[str, str]]:
    """(what, text) for every part the template prints unconditionally."""
    chains = [list(chain) for source in sources for chain in _chains(source)]
    out: list[tuple[str, str]] = []
    headings = context.get("headings", {})
    titles = {key: f"“{heading}”部分" for key, heading in headings.items()}
    for chain in chains:
        conditions = [c[1:].split(".") for c in chain if c.startswith("?")]
        chain = [c for c in chain if not c.startswith("?")]
        if not all(_value(context, condition) for condition in conditions):
            continue  # inside an {% if %} that is false for this report
        field = chain.pop()[1:] if chain[-1].startswith("@") else None
        value = _value(context, chain)
        what = _NAMES.get(chain[0]) or (titles.get(chain[1]) if len(chain) > 1 else None) or "内容"
        if isinstance(value, str) and value and field is None:
            out.append((what, value))
        elif isinstance(value, list) and field:
            out.extend((what, p[field]) for p in value if isinstance(p, dict) and p.get(field))
    return out


def document_text(xml: str) -> str:
    """All text of a rendered part, without whitespace (line breaks and tabs split runs only)."""
    return _SPACE.sub("", "".join(html.unescape(t) for t in _TEXT.findall(xml)))


def check_promises(template_xml: str, sources: list[str], rendered_xml: str, context: dict[str, Any]) -> None:
    """TemplateError naming the first promised part missing from ``rendered_xml`` (the body)."""
    text = document_text(rendered_xml)
    for what, expected in promised(sources[:1], context):
        if _SPACE.sub("", expected) not in text:
            _log.warning("rendered document lacks the promised %s", what)
            shown = expected if len(expected) <= 20 else expected[:20] + "…"
            raise TemplateError(f"用该模板生成的报告缺少{what}（“{shown}”）：模板中的标签可能不完整"
                                "（如缺少“}}”），吞掉了这部分内容，未生成报告")
    want, got = len(_TABLE.findall(template_xml)), len(_TABLE.findall(rendered_xml))
    if got < want:
        raise TemplateError(f"用该模板生成的报告缺少表格（模板中有 {want} 张，生成的只有 {got} 张）："
                            "模板中的标签可能不完整，吞掉了表格，未生成报告")
