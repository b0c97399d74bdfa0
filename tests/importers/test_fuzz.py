"""Fuzzing the import boundary: mutated DOCX (bytes and XML), generated text, HTML and blocks,
and mutated report JSON (NaN, Infinity, huge numbers, deep nesting, wrong types).

Several thousand cases in total; each must end in an ImportResult or a ComposerError —
no other exception may escape ``import_file``.
"""

from __future__ import annotations

import copy
import json
import random
import re
import zipfile
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer import schema
from composer.errors import ComposerError, ImportFailed
from composer.importers import ImportResult, import_file
from composer.importers.blocks import Table
from composer.importers.layout import read_blocks
from tests.factories import SAMPLES, sample_report

# about two minutes on two cores: the slow tier (.ci/run, or pytest -m slow)
pytestmark = pytest.mark.slow

DOCX = (SAMPLES / "huashu-2023.docx").read_bytes()
with zipfile.ZipFile(SAMPLES / "huashu-2023.docx") as _z:
    MEMBERS = {i.filename: _z.read(i.filename) for i in _z.infolist()}
DOCUMENT = MEMBERS["word/document.xml"]
SETTINGS = dict(deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


def ends_well(path) -> None:
    try:
        result = import_file(path)
    except ComposerError as err:
        assert err.message and "Traceback" not in err.message
        return
    assert isinstance(result, ImportResult)
    assert set(result.report.cells) == set(schema.CELL_PATHS)
    assert all(isinstance(n, str) and n for n in result.notes)


def _mutate_bytes(data: bytes, rnd: random.Random) -> bytes:
    b = bytearray(data)
    kind = rnd.randrange(4)
    if kind == 0:
        for _ in range(rnd.randint(1, 30)):
            b[rnd.randrange(len(b))] = rnd.randrange(256)
    elif kind == 1:
        b = b[: rnd.randrange(len(b))]
    elif kind == 2:
        i, j = sorted(rnd.randrange(len(b)) for _ in range(2))
        b[i:i] = b[i:j][:4096]
    else:
        i = rnd.randrange(len(b))
        b[i:i + rnd.randint(1, 200)] = b""
    return bytes(b)


def test_mutated_docx_bytes(tmp_path):
    rnd = random.Random(20261123)
    path = tmp_path / "m.docx"
    for _ in range(700):
        path.write_bytes(_mutate_bytes(DOCX, rnd))
        ends_well(path)


def _mutate_xml(data: bytes, rnd: random.Random) -> bytes:
    text = data.decode("utf-8")
    for _ in range(rnd.randint(1, 4)):
        i, j = sorted(rnd.randrange(len(text)) for _ in range(2))
        j = min(j, i + 3000)
        op = rnd.randrange(5)
        if op == 0:
            text = text[:i] + text[j:]  # cut a piece out (tags half gone)
        elif op == 1:
            text = text[:i] + text[i:j] + text[i:]  # say a piece twice
        elif op == 2:
            text = text[:i] + rnd.choice(["<w:tc>", "</w:tr>", "<w:vMerge/>", "<w:gridSpan w:val='99'/>", "&amp;",
                                          "<w:t>１２</w:t>", "<w:br/>", "\x01", "<w:p>", "<w:tbl>"]) + text[i:]
        elif op == 3:
            text = text.replace("<w:t>0</w:t>", rnd.choice(["<w:t>-1</w:t>", "<w:t>无</w:t>", "<w:t></w:t>",
                                                            "<w:t>99999999999999999999</w:t>"]), rnd.randint(1, 50))
        else:
            text = text.replace(rnd.choice(["自然人", "申请人情况", "三、收到和处理政府信息公开申请情况", "行政复议",
                                            "第二十条第（一）项", "总计"]), "", 1)
    return text.encode("utf-8")


def test_mutated_docx_xml(tmp_path):
    rnd = random.Random(7)
    path = tmp_path / "x.docx"
    for _ in range(350):
        members = dict(MEMBERS, **{"word/document.xml": _mutate_xml(DOCUMENT, rnd)})
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
            for name, data in members.items():
                z.writestr(name, data)
        ends_well(path)


_WORDS = ([r.labels[-1] for r in schema.REQUESTS_ROWS] + [c.label for c in schema.REQUESTS_COLUMNS]
          + [c.label for c in schema.REVIEW_COLUMNS] + [s.heading for s in schema.SECTIONS]
          + [g.title for g in schema.ACTIVE_GROUPS] + ["申请人情况", "法人或其他组织", "行政复议", "行政诉讼",
                                                      "0", "１", "12", "-3", "无", "", "2023年某乡人民政府信息公开工作年度报告",
                                                      "2024年1月19日", "某乡人民政府", "本年新制作数量"])
_LINE = st.one_of(st.sampled_from(_WORDS), st.text(max_size=12))


@settings(max_examples=1500, **SETTINGS)
@given(st.lists(st.tuples(st.sampled_from(["", "\t", "\t", "# ", "3、"]), _LINE), max_size=60))
def test_generated_text(tmp_path_factory, lines):
    path = tmp_path_factory.getbasetemp() / "fuzz.txt"
    path.write_text("\n".join(a + b for a, b in lines), encoding="utf-8", errors="surrogatepass")
    ends_well(path)


_TAG = st.sampled_from(["table", "tr", "td", "th", "p", "div", "br", "tbody", "script", "span", "h1", "li"])
_HTML = st.recursive(
    st.one_of(st.sampled_from(_WORDS), st.text(max_size=8)),
    lambda inner: st.tuples(_TAG, st.sampled_from(["", " rowspan='3'", " colspan='2'", " rowspan='x'"]),
                            st.lists(inner, max_size=6), st.booleans()).map(
        lambda t: f"<{t[0]}{t[1]}>" + "".join(t[2]) + (f"</{t[0]}>" if t[3] else "")),
    max_leaves=25)


@settings(max_examples=600, **SETTINGS)
@given(st.lists(_HTML, max_size=8))
def test_generated_html(tmp_path_factory, parts):
    path = tmp_path_factory.getbasetemp() / "fuzz.html"
    path.write_text("<html><body>" + "".join(parts), encoding="utf-8", errors="surrogatepass")
    ends_well(path)


_CELL = st.one_of(st.sampled_from(_WORDS), st.text(max_size=6))


@settings(max_examples=1000, **SETTINGS)
@given(st.lists(st.one_of(st.sampled_from(_WORDS), st.builds(Table, st.lists(st.lists(_CELL, max_size=9),
                                                                                   max_size=12))), max_size=30))
def test_generated_blocks(blocks):
    try:
        result = read_blocks(blocks)
    except ImportFailed:
        return
    assert set(result.report.cells) == set(schema.CELL_PATHS)
    for path, value in result.report.cells.items():
        assert value is None or (isinstance(value, int) and value >= 0) or schema.value_kind(path) == schema.AMOUNT


# ---------------------------------------------------------------- report JSON and project files

REPORT = sample_report("xingfu-2023").to_json()
REPORT_TEXT = json.dumps(REPORT, ensure_ascii=False, indent=1)
_CELL_TEXT = '"natural": 1'  # first: 表三 一 · 自然人 in the sample
assert _CELL_TEXT in REPORT_TEXT
_DEEP = 50_000


def _with_cell(token: str) -> str:
    return REPORT_TEXT.replace(_CELL_TEXT, f'"natural": {token}', 1)


def _with(key: str, value) -> str:
    return json.dumps(dict(REPORT, **{key: value}), ensure_ascii=False)


_BAD_REPORTS = {
    "NaN": _with_cell("NaN"),
    "Infinity": _with_cell("Infinity"),
    "-Infinity": _with_cell("-Infinity"),
    "1e400": _with_cell("1e400"),
    "5000 digits": _with_cell("9" * 5000),
    "5000 digits, negative": _with_cell("-" + "9" * 5000),
    "year NaN": REPORT_TEXT.replace('"year": 2023', '"year": NaN'),
    "year 5000 digits": REPORT_TEXT.replace('"year": 2023', '"year": ' + "2" * 5000),
    "deep nesting": "[" * _DEEP + "]" * _DEEP,
    "deep nesting in a cell": _with_cell("[" * _DEEP + "]" * _DEEP),
    "deep objects": '{"a":' * _DEEP + "1" + "}" * _DEEP,
    "top level array": json.dumps([REPORT]),
    "top level string": '"report"',
    "top level number": "2023",
    "null": "null",
    "tables as array": _with("tables", []),
    "tables as string": _with("tables", "1"),
    "sections as array": _with("sections", ["总体情况"]),
    "year as text": _with("year", "二〇二三"),
    "year as object": _with("year", {"y": 2023}),
    "signature as text": _with("signature", "某乡人民政府"),
    "cell as text": _with_cell('"一"'),
    "cell as object": _with_cell("{}"),
    "cell as array": _with_cell("[1]"),
    "cell as true": _with_cell("true"),
    "version as text": _with("version", "x"),
    "future version": _with("version", 99),
    "truncated": REPORT_TEXT[: len(REPORT_TEXT) // 2],
    "not JSON": "年度报告",
    "empty": "",
}


@pytest.mark.parametrize("suffix", [".json", ".nianbao"])
@pytest.mark.parametrize("case", list(_BAD_REPORTS))
def test_bad_report_json_ends_in_a_chinese_error(tmp_path, case, suffix):
    path = tmp_path / f"r{suffix}"
    path.write_text(_BAD_REPORTS[case], encoding="utf-8")
    with pytest.raises(ComposerError) as info:
        import_file(path)
    message = info.value.message
    assert message and "Traceback" not in message
    assert re.search(r"[\u4e00-\u9fff]", message)  # a Chinese message, not a library's English


def test_the_unmutated_report_json_imports(tmp_path):
    """The cases above fail for their fault alone: the text they are made from is a good report."""
    path = tmp_path / "r.json"
    path.write_text(REPORT_TEXT, encoding="utf-8")
    assert import_file(path).report.cells["tables.requests.new.natural"] == 1


def _json_ends_well(path) -> None:
    try:
        result = import_file(path)
    except ComposerError as err:
        assert err.message and "Traceback" not in err.message
        return
    assert set(result.report.cells) == set(schema.CELL_PATHS)
    for value in result.report.cells.values():
        assert value is None or (type(value) is int) or (isinstance(value, Decimal) and value.is_finite())


def test_mutated_report_json_bytes(tmp_path):
    rnd = random.Random(11)
    data = REPORT_TEXT.encode("utf-8")
    path = tmp_path / "m.json"
    for _ in range(400):
        path.write_bytes(_mutate_bytes(data, rnd))
        _json_ends_well(path)


_JUNK = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                  st.text(max_size=6), st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3),
                                                                                          st.integers(), max_size=2),
                  st.just(10 ** 400), st.just(-1))


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))


@settings(max_examples=400, **SETTINGS)
@given(st.data())
def test_report_json_with_values_replaced(tmp_path_factory, data):
    """Any value of the report (a cell, a table, the year, the whole) replaced by junk of any type,
    NaN and Infinity written as JSON does."""
    obj = copy.deepcopy(REPORT)
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(list(_paths(obj))))
        junk = data.draw(_JUNK)
        if not where:
            obj = junk
            continue
        parent = obj
        for k in where[:-1]:
            parent = parent[k] if isinstance(parent, dict) else None
        if isinstance(parent, dict):
            parent[where[-1]] = junk
    path = tmp_path_factory.getbasetemp() / "fuzz.nianbao"
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")  # NaN/Infinity as Python writes them
    _json_ends_well(path)
