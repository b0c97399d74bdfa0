"""The rendering context: a Report as plain strings, lists and dicts for the templates.

Every template (the default DOCX, a custom DOCX, the web page) sees the same names,
documented in templates/README.md. User text is data here: control characters that
would break the document are removed, newlines become separate paragraphs.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from .. import schema
from ..report import Report
from ..titles import build_title
from ..values import format_value
from .title_layout import title_lines

# C0 controls other than tab and newline, and code points XML 1.0 cannot carry.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_EDGE_SPACE = " \t\u3000\u00a0"
# A sub-heading at the start of a paragraph: （一）…。 printed in 楷体.
_SUBHEADING = re.compile(r"（[一二三四五六七八九十]{1,3}）")
_SUBHEADING_END = re.compile(r"[。！？；]")
_SUBHEADING_MAX = 40  # a longer opening sentence is body text, not a heading
# A paragraph that is only a numbered heading ("一、领导重视，责任落实", "（2）行政机关…情况"):
# printed as a sub-heading and kept on the page of the text that follows it.
_HEADING_LINE = re.compile(r"(?:（[一二三四五六七八九十]{1,3}）|[(（]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[、.．])")
_SENTENCE_END = "。！？；：:!?;"


def clean_text(text: str) -> str:
    """Text safe to put in a document: no control characters, one kind of newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x0c", "\n")
    return _UNSAFE.sub("", text)


def one_line(text: str) -> str:
    """A field printed on one line (organ, title): newlines become spaces."""
    return " ".join(part.strip(_EDGE_SPACE) for part in clean_text(text).split("\n") if part.strip(_EDGE_SPACE))


def paragraphs(text: str) -> list[dict[str, str]]:
    """Prose as a list of paragraphs; each is {"text", "head", "body"} with head + body == text.

    ``head`` is a leading "（一）…。" sub-heading (printed in 楷体), or the whole paragraph
    when it is only a numbered heading (then ``body`` is "" and the default template keeps
    it with the next paragraph), else "".
    Blank lines are dropped and each paragraph is stripped: the template indents.
    """
    out = []
    for line in clean_text(text).split("\n"):
        line = line.strip(_EDGE_SPACE)
        if not line:
            continue
        head = ""
        if _SUBHEADING.match(line):
            end = _SUBHEADING_END.search(line)
            if end and end.end() <= _SUBHEADING_MAX:
                head = line[: end.end()]
            elif not end and len(line) <= _SUBHEADING_MAX:
                head = line
        elif _HEADING_LINE.match(line) and len(line) <= _SUBHEADING_MAX and line[-1] not in _SENTENCE_END:
            head = line
        out.append({"text": line, "head": head, "body": line[len(head):]})
    return out


def format_date(text: str) -> str:
    """"2024-01-20" → "2024年1月20日" (成文日期 in Arabic numerals); anything else as typed."""
    text = one_line(text)
    try:
        d = date.fromisoformat(text)
    except ValueError:
        return text
    return f"{d.year}年{d.month}月{d.day}日"


def default_title(report: Report) -> str:
    # "…人民政府" + "政府信息公开…" is printed once: "…人民政府信息公开工作年度报告"
    return build_title(one_line(report.organ), report.year)


def _nest(flat: dict[str, str], prefix: str) -> dict[str, Any]:
    """{"tables.requests.new.natural": "1"} → {"requests": {"new": {"natural": "1"}}}."""
    root: dict[str, Any] = {}
    for path, text in flat.items():
        *parents, leaf = path[len(prefix):].split(".")
        node = root
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = text
    return root


def cell_texts(report: Report, blank: str = "") -> dict[str, str]:
    """Every table cell as printed, by path; a blank cell prints ``blank``."""
    return {path: (blank if value is None else format_value(value))
            for path, value in ((p, report.cells.get(p)) for p in schema.CELL_PATHS)}


def build_context(report: Report, blank: str = "") -> dict[str, Any]:
    """The names every template may use (templates/README.md)."""
    cells = cell_texts(report, blank)
    fees = report.fee_notices
    title = one_line(report.title) or default_title(report)
    return {
        "year": "" if report.year is None else str(report.year),
        "organ": one_line(report.organ),
        "title": title,
        "title_lines": "\n".join(title_lines(title)),
        "preamble": paragraphs(report.preamble),
        "sections": {s.key: paragraphs(report.sections.get(s.key, "")) for s in schema.SECTIONS},
        "headings": {s.key: s.heading for s in schema.SECTIONS},
        "signature": {"organ": one_line(report.signature_organ),
                      "date": format_date(report.signature_date)},
        "fee_notices": {
            "present": fees is not None,
            **{k: ("" if fees is None or fees.get(k) is None else format_value(fees[k]))
               for k in schema.FEE_NOTICE_KEYS},
        },
        "tables": _nest(cells, "tables."),
    }


# ---------------------------------------------------------------- tables for the web page


def html_tables(cells: dict[str, str]) -> list[dict[str, Any]]:
    """The three tables as rows of cells with tag, scope and spans, straight from schema.layout."""
    out = []
    for section in schema.SECTIONS:
        if section.table is None:
            continue
        lay = schema.layout(section.table)
        rows: list[list[dict[str, Any]]] = [[] for _ in range(lay.n_rows)]
        for c in lay.cells:
            if c.role == "value":
                cell: dict[str, Any] = {"tag": "td", "scope": None, "text": cells[c.path or ""], "cls": "value"}
            elif c.role == "corner":
                cell = {"tag": "td", "scope": None, "text": c.text, "cls": "corner"}
            elif c.role == "label":
                innermost = lay.label_cols > 1 and c.col + c.colspan == lay.label_cols
                cell = {"tag": "th", "scope": "rowgroup" if c.rowspan > 1 else "row",
                        "text": c.text, "cls": "label" if innermost else "label group"}
            else:  # title, header
                cell = {"tag": "th", "scope": "colgroup" if c.colspan > 1 else "col",
                        "text": c.text, "cls": c.role}
            cell.update(rowspan=c.rowspan, colspan=c.colspan)
            rows[c.row].append(cell)
        out.append({"key": section.table, "section": section.key, "caption": section.title,
                    "number": lay.number, "head": rows[: lay.header_rows],
                    "body": rows[lay.header_rows:]})
    return out
