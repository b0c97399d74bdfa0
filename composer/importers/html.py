"""Web pages: a report saved from the government portal, or Word/LibreOffice "save as HTML".

A light element tree is built with the standard library's parser (tolerant of the
unclosed <p>, <td> and <tr> that portal pages are full of), then walked in document
order. A table that holds other tables or long text is page layout, not a report table:
its cells are read as ordinary content. In a report table a cell merged down (rowspan)
is simply absent from the rows below, which the table reader expects.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..errors import TooLarge
from .blocks import Block, Table
from .limits import MAX_BLOCKS, MAX_HTML_BYTES, check_size

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SKIP = frozenset("script style head title noscript template svg math iframe object select option button "
                  "textarea".split())
_BLOCK = frozenset("p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd section article header footer nav aside main "
                   "blockquote pre center address form fieldset figure figcaption hr tr caption".split())
_CELL = frozenset(("td", "th"))
_MAX_DEPTH = 150
_LAYOUT_CELL_CHARS = 400  # a report table's longest cell is a row label of ~40 characters


class _Node:
    __slots__ = ("tag", "children")

    def __init__(self, tag: str):
        self.tag = tag
        self.children: list[_Node | str] = []


# Start tags that close an open element of the same family first (HTML's implied end tags).
_CLOSES = {"p": {"p"}, "li": {"li"}, "td": {"td", "th"}, "th": {"td", "th"}, "tr": {"tr", "td", "th"},
           "dt": {"dt", "dd"}, "dd": {"dt", "dd"}}
_BOUNDARY = {"td": {"tr", "table"}, "th": {"tr", "table"}, "tr": {"table"}, "p": {"td", "th", "table", "div"},
             "li": {"ul", "ol"}, "dt": {"dl"}, "dd": {"dl"}}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]
        self.skip_depth = 0
        self.count = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip_depth:
            if tag in _SKIP:
                self.skip_depth += 1
            return
        if tag in _SKIP:
            self.skip_depth = 1
            return
        self.count += 1
        if self.count > MAX_BLOCKS * 4:
            raise TooLarge("网页元素过多，不像是一份年度报告")
        if tag in _CLOSES:
            for i in range(len(self.stack) - 1, 0, -1):
                t = self.stack[i].tag
                if t in _BOUNDARY[tag]:
                    break
                if t in _CLOSES[tag]:
                    del self.stack[i:]
                    break
        node = _Node(tag)
        if tag in _VOID:
            self.stack[-1].children.append(node)
            return
        if len(self.stack) >= _MAX_DEPTH:
            return  # too deep: its text goes to the enclosing element
        self.stack[-1].children.append(node)
        self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skip_depth and tag not in _SKIP:
            self.handle_starttag(tag, attrs)
            if tag not in _VOID and self.stack[-1].tag == tag:
                self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if self.skip_depth:
            if tag in _SKIP:
                self.skip_depth -= 1
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
            if tag in ("table", "tr") and self.stack[i].tag == "table":
                return  # never close past the table we are in

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.stack[-1].children.append(data)


_WS = re.compile(r"[ \t\r\n\f\v]+")


def _rows(table: _Node) -> list[list[_Node]]:
    rows: list[list[_Node]] = []

    def walk(node: _Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                continue
            if child.tag == "tr":
                rows.append([c for c in child.children if isinstance(c, _Node) and c.tag in _CELL])
            elif child.tag in ("thead", "tbody", "tfoot", "form"):
                walk(child)

    walk(table)
    return rows


def _has(node: _Node, tag: str) -> bool:
    stack = [node]
    while stack:
        n = stack.pop()
        for c in n.children:
            if isinstance(c, _Node):
                if c.tag == tag:
                    return True
                stack.append(c)
    return False


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buf: list[str] = []

    def flush(self) -> None:
        if self.buf:
            text = "".join(self.buf)
            self.buf = []
            for line in text.split("\n"):
                line = _WS.sub(" ", line).strip()
                if line:
                    self.blocks.append(line)
            if len(self.blocks) > MAX_BLOCKS:
                raise TooLarge("网页内容过长，不像是一份年度报告")

    def text_of(self, node: _Node) -> str:
        """A cell's text, its paragraphs and line breaks kept as newlines."""
        saved_blocks, saved_buf = self.blocks, self.buf
        self.blocks, self.buf = [], []
        self.walk(node)
        self.flush()
        lines = [b for b in self.blocks if isinstance(b, str)]
        self.blocks, self.buf = saved_blocks, saved_buf
        return "\n".join(lines)

    def table(self, node: _Node) -> None:
        rows = _rows(node)
        layout = _has(node, "table") or any(
            len(self.text_of(cell)) > _LAYOUT_CELL_CHARS for row in rows for cell in row)
        if layout or not rows:
            for row in rows:
                for cell in row:
                    self.walk(cell)
                    self.flush()
            return
        self.blocks.append(Table([[self.text_of(cell) for cell in row] for row in rows]))

    def walk(self, node: _Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                self.buf.append(_WS.sub(" ", child))  # source line breaks are spaces; <br> is a break
            elif child.tag == "br":
                self.buf.append("\n")
            elif child.tag == "table":
                self.flush()
                self.table(child)
            elif child.tag in _BLOCK or child.tag in _CELL:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)


_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""")


def decode_html(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    m = _CHARSET.search(data[:4096])
    declared = m.group(1).decode("ascii").lower() if m else ""
    if declared in ("gb2312", "gbk", "gb18030", "x-gbk"):
        return data.decode("gb18030", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def html_text_blocks(text: str) -> list[Block]:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    walker = _Walker()
    walker.walk(builder.root)
    walker.flush()
    return walker.blocks


def html_blocks(path: str) -> list[Block]:
    check_size(path, MAX_HTML_BYTES, "网页")
    with open(path, "rb") as fh:
        data = fh.read(MAX_HTML_BYTES + 1)
    return html_text_blocks(decode_html(data))
