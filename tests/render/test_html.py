"""The web page: one self-contained accessible file; tables with merged headers from schema.layout."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from composer import schema
from composer.render import render
from composer.render.context import cell_texts
from tests.render.helpers import HOSTILE, prose_lines, prose_report


class _Page(HTMLParser):
    """Tables as grids of (tag, attrs, text), plus paragraphs, resources and the html lang."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.tables: list[dict] = []
        self.paragraphs: list[str] = []
        self.headings: dict[str | None, int] = {}  # h2 id → its index in paragraphs
        self.resources: list[str] = []
        self._cell = None
        self._para = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        for key in ("src", "href"):
            if key in a:
                self.resources.append(f"{tag} {key}={a[key]}")
        if tag == "link" or tag == "script" or tag == "img" or tag == "iframe":
            self.resources.append(tag)
        if tag == "table":
            self.tables.append({"id": a.get("id"), "caption": "", "rows": [],
                                "labelledby": a.get("aria-labelledby")})
        elif tag == "caption":
            self._cell = {"caption": True, "text": ""}
        elif tag == "tr":
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self._cell = {"tag": tag, "scope": a.get("scope"), "rowspan": int(a.get("rowspan", 1)),
                          "colspan": int(a.get("colspan", 1)), "text": ""}
        elif tag in ("p", "h1", "h2"):
            self._para = ""
            if tag == "h2":
                self.headings[a.get("id")] = len(self.paragraphs)

    def handle_endtag(self, tag):
        if tag == "caption" and self._cell:
            self.tables[-1]["caption"] = self._cell["text"]
            self._cell = None
        elif tag in ("td", "th") and self._cell:
            self.tables[-1]["rows"][-1].append(self._cell)
            self._cell = None
        elif tag in ("p", "h1", "h2") and self._para is not None:
            self.paragraphs.append(self._para)
            self._para = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data
        elif self._para is not None:
            self._para += data


def parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    return page


def check_tables(page: _Page, report) -> None:
    """The three tables, each cell with the layout's text, spans and a header scope."""
    texts = cell_texts(report)
    assert [t["id"] for t in page.tables] == ["table-active", "table-requests", "table-review"]
    for table in page.tables:
        key = table["id"][6:]
        lay = schema.layout(key)
        # no caption repeating the heading just above: the heading names the table
        assert table["caption"] == ""
        heading = page.paragraphs[page.headings[table["labelledby"]]]
        assert heading == next(s.heading for s in schema.SECTIONS if s.table == key)
        got = [c for row in table["rows"] for c in row]
        assert len(got) == len(lay.cells)
        for c, h in zip(lay.cells, got):
            want = texts[c.path] if c.role == "value" else c.text
            assert (h["text"], h["rowspan"], h["colspan"]) == (want, c.rowspan, c.colspan)
            if c.role in ("header", "title", "label"):
                assert h["tag"] == "th" and h["scope"] in ("col", "colgroup", "row", "rowgroup")
            else:
                assert h["tag"] == "td"
        assert len(table["rows"]) == lay.n_rows
    results = next(c for row in page.tables[1]["rows"] for c in row if c["text"] == "三、本年度办理结果")
    assert (results["rowspan"], results["scope"]) == (22, "rowgroup")


def test_page_is_self_contained_and_accessible(tmp_path):
    report = prose_report("huashu-2023")
    report.sections["problems"] = HOSTILE
    out = tmp_path / "out.html"
    render(report, out)
    text = out.read_text(encoding="utf-8")
    page = parse(text)
    assert page.lang == "zh-CN"
    assert page.resources == []
    assert "url(" not in text and "@import" not in text and "http" not in text
    check_tables(page, report)
    # prose literally, headings in order
    assert page.paragraphs[0] == f"{report.year}年{report.organ}信息公开工作年度报告"
    assert ('<span class="line"><span class="word">2023年</span><span class="word">临江市</span>'
            '<span class="word">桦树镇</span></span><span class="line"><span class="word">人民政府信息公开</span>') in text
    start = page.paragraphs.index("五、存在的主要问题及改进情况") + 1
    assert page.paragraphs[start:start + 3] == prose_lines(HOSTILE)
    assert "<b>" not in text and "{{ 7*7 }}" in text
    assert page.paragraphs[-2:] == [report.organ, f"{report.year + 1}年1月20日"]


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def dump_dom(html_file: Path, profile: Path) -> str:
    browser = _chromium()
    result = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
         "--disable-background-networking", "--no-first-run", "--disable-component-update",
         "--disable-sync", "--dump-dom", html_file.as_uri()],
        capture_output=True, text=True, timeout=90, check=True)
    return result.stdout


@pytest.mark.slow
def test_page_in_a_real_browser(tmp_path):
    if _chromium() is None:
        pytest.skip("chromium is not installed")
    report = prose_report("xingfu-2023")
    out = tmp_path / "out.html"
    render(report, out)
    page = parse(dump_dom(out, tmp_path / "profile"))
    assert page.lang == "zh-CN"
    check_tables(page, report)  # the browser built the same grid: nothing mis-nested or dropped


_MEASURE = r"""<script>
const out = [];
for (const th of document.querySelectorAll("th.header, th.title")) {
  const range = document.createRange();
  range.selectNodeContents(th);
  const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
  out.push(th.textContent + "\t" + tops.size);
}
const pre = document.createElement("pre");
pre.id = "measure";
pre.textContent = out.join("\n");
document.body.appendChild(pre);
</script>"""


@pytest.mark.slow
def test_column_headers_break_only_between_words_at_1280_px(tmp_path):
    """"商业企业" is never printed as "商业企/业": a header of one word stays on one line."""
    if _chromium() is None:
        pytest.skip("chromium is not installed")
    out = tmp_path / "out.html"
    render(prose_report("xingfu-2023"), out)
    probe = tmp_path / "probe.html"
    probe.write_text(out.read_text(encoding="utf-8").replace("</body>", _MEASURE + "</body>"), encoding="utf-8")
    result = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
         "--window-size=1280,2000", "--no-first-run", "--disable-component-update", "--dump-dom", probe.as_uri()],
        capture_output=True, text=True, timeout=90, check=True)
    measured = result.stdout.split('<pre id="measure">')[1].split("</pre>")[0]
    lines = dict(line.rsplit("\t", 1) for line in measured.strip().split("\n"))
    assert "商业企业" in lines
    words = {text: int(n) for text, n in lines.items() if re.fullmatch(r"[\u4e00-\u9fff]{2,8}", text)}
    assert words and all(n == 1 for n in words.values()), words
