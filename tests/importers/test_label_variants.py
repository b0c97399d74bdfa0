"""Labels as offices print them: a unit or note in brackets, spaces, half-width punctuation.
Built from the samples and read through DOCX, HTML and both text forms: every cell as expected,
no note."""

from __future__ import annotations

import re

import pytest

from composer import schema
from composer.importers import import_file
from composer.importers.blocks import norm
from tests.factories import SAMPLES, sample_report
from tests.importers.helpers import docx_variant, official_html, official_text, set_cell, texts, w

ROW_LABELS = frozenset(norm(t) for t in [r.labels[-1] for r in schema.REQUESTS_ROWS]
                       + [label for g in schema.ACTIVE_GROUPS for _, label in g.rows])
HALF = str.maketrans({"（": "(", "）": ")", "，": ",", "：": ":", "“": '"', "”": '"', "；": ";"})


def with_unit(text: str) -> str:
    """"四、结转下年度继续办理" → "四、结转下年度继续办理（件）" (row labels only)."""
    if norm(text) not in ROW_LABELS:
        return text
    return text + ("（单位：万元）" if norm(text) == norm("行政事业性收费") else "（件）")


def with_half_unit(text: str) -> str:
    return with_unit(text).translate(HALF)


def with_spaces(text: str) -> str:
    """A space after every second character: "结果 维持", "一、 本年 新收…"."""
    return " ".join(text[i:i + 2] for i in range(0, len(text), 2))


def half_width(text: str) -> str:
    return text.translate(HALF)


HEADER_LEAVES = frozenset(norm(c.labels[-1]) for c in (*schema.REQUESTS_COLUMNS, *schema.REVIEW_COLUMNS)) - {norm("总计")}


def with_header_unit(text: str) -> str:
    """"结果维持（件）", "自然人(件)": a unit after the column headers too."""
    if norm(text) in HEADER_LEAVES:
        return text + "(件)"
    return with_unit(text)


VARIANTS = {"unit": with_unit, "unit-half": with_half_unit, "spaces": with_spaces, "half-width": half_width,
            "unit-headers": with_header_unit}
NAMES = ("xingfu-2023", "huashu-2023")


def _is_label(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text))


def assert_exact(result, name: str) -> None:
    expected = sample_report(name)
    wrong = {p: (result.report.cells[p], expected.cells[p]) for p in schema.CELL_PATHS
             if result.report.cells[p] != expected.cells[p]}
    assert wrong == {}, f"{wrong}; notes {result.notes}"
    assert result.notes == []


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("name", NAMES)
def test_docx(tmp_path, name, variant):
    change = VARIANTS[variant]

    def mutate(body):
        for tc in body.iter(w("tc")):
            text = texts(tc)
            if text.strip() and _is_label(text):
                set_cell(tc, change(text))

    result = import_file(docx_variant(SAMPLES / f"{name}.docx", tmp_path / "v.docx", mutate))
    assert_exact(result, name)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("name", NAMES)
def test_html(tmp_path, name, variant):
    report = import_file(SAMPLES / f"{name}.docx").report
    path = tmp_path / "v.html"
    path.write_text(official_html(report, label=VARIANTS[variant]), encoding="utf-8")
    assert_exact(import_file(path), name)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("name", NAMES)
def test_one_cell_per_line_text(tmp_path, name, variant):
    report = import_file(SAMPLES / f"{name}.docx").report
    path = tmp_path / "v.txt"
    path.write_text(official_text(report, label=VARIANTS[variant]), encoding="utf-8")
    assert_exact(import_file(path), name)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_browser_copy_text(tmp_path, variant):
    change = VARIANTS[variant]
    lines = []
    for line in (SAMPLES / "xingfu-2023.webcopy.txt").read_text(encoding="utf-8").split("\n"):
        if "\t" in line:
            line = "\t".join(change(c) if _is_label(c) else c for c in line.split("\t"))
        lines.append(line)
    path = tmp_path / "v.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert_exact(import_file(path), "xingfu-2023")
