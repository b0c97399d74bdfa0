"""Template tags as the user typed them in Word: finding them, showing them, saying where they are.

Shared by the check before rendering (template_check) and the messages for a render that
fails (template_errors); it imports no other rendering module.
"""

from __future__ import annotations

import html
import re

from jinja2 import nodes

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def shown(tag: str) -> str:
    """A tag (or a paragraph's jinja source) as the user sees it in Word: XML removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", tag)).strip()


def explain(err: Exception) -> str:
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
        tags = [shown(t) for t in TAG.findall(line)]
    text = shown(line)
    if len(tags) == 1:
        return f"标签“{tags[0]}”"
    if tags:
        return "这一段中的标签" + "、".join(f"“{t}”" for t in tags)
    if text:
        return f"中“{text[:40]}”一段" + ("（标签的大括号可能不成对）" if "{" in text else "")
    return "中的标签"


def lined(source: str) -> str:
    """One line per paragraph, as docxtpl renders it, so an error's line names a paragraph."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", source)


def attribute_chain(node: nodes.Node) -> list[str] | None:
    """name.a.b or name["a"]["b"] as ["name", "a", "b"]; None for any other expression."""
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
            return [node.name, *parts[::-1]]
        else:
            return None
