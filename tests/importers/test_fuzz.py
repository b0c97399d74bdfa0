"""Fuzzing the import boundary: mutated DOCX (bytes and XML), generated text, HTML and blocks.

Several thousand cases in total; each must end in an ImportResult or a ComposerError —
no other exception may escape ``import_file``.
"""

from __future__ import annotations

import random
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer import schema
from composer.errors import ComposerError, ImportFailed
from composer.importers import ImportResult, import_file
from composer.importers.blocks import Table
from composer.importers.layout import read_blocks
from tests.factories import SAMPLES

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
