"""Real published PDFs exactly as the portals serve them (``../shared/real-world`` beside the
checkout; never copied into the repository, skipped where absent).

The true values below were read off the printed pages (pdftotext -layout and the page
images). WPS draws a filled rectangle behind every text line; hongze-* keep the 2019 row
"（六）其他处理", print "2.其他法律行政止公开" for "2.其他法律行政法规禁止公开", merge the
"（七）总计" label over two columns, and hongze-2023's own table 四 totals are wrong.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from composer import schema
from composer.importers import ImportResult, import_file
from composer.rules import check

REAL_WORLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "real-world"
NAMES = ("huaian-2024", "hongze-2023", "hongze-2024")

OLD = None  # a row the 2019 format does not have: blank, marked old-format
ZERO = [0] * 7


def _row(natural: int, total: int | None = None, **others: int) -> list[int]:
    """A table 三 row: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计."""
    cols = [natural, others.get("business", 0), others.get("research", 0), others.get("nonprofit", 0),
            others.get("legal", 0), others.get("other_org", 0)]
    return cols + [sum(cols) if total is None else total]


TRUTH = {
    "huaian-2024": {
        "organ": "淮安市人民政府", "year": 2024,
        "active": {"rules": (1, 0, 11), "normative_documents": (8, 26, 66), "licensing": 447228,
                   "punishment": 3985758, "coercion": 88283, "fees": Decimal("96171.6")},
        "requests": [
            _row(3001, business=53, legal=61, other_org=4), _row(34), _row(1288, business=21, legal=50, other_org=3),
            _row(447, business=7), _row(2), _row(30, business=1), _row(5), _row(6), _row(7, business=1), _row(12),
            _row(9), _row(105), _row(746, business=12, legal=10, other_org=1), _row(11), _row(1),
            _row(56, business=6), _row(25), _row(0), _row(0), _row(1),
            _row(67, business=3, legal=1), _row(6), _row(108, business=2),
            _row(2932, business=53, legal=61, other_org=4), _row(103)],
        "review": [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20],
        "fee": "全年收取政府信息公开信息处理费3940元",
        "overview_start": "2024年，我市坚持以习近平新时代中国特色社会主义思想为指导",
        "overview_has": "（五）政府信息公开监督保障情况。根据省政务公开年度和季度监测指标",
    },
    "hongze-2023": {
        "organ": "淮安市洪泽区人民政府", "year": 2023,
        "active": {"rules": (0, 0, 0), "normative_documents": (0, 5, 5), "licensing": 550,
                   "punishment": 4119, "coercion": 195, "fees": Decimal("7730.28")},
        "requests": [
            _row(21), ZERO, ZERO, _row(4), _row(1), ZERO, ZERO, ZERO, ZERO, _row(1), _row(1), ZERO,
            _row(10), _row(3), ZERO, _row(1), ZERO, ZERO, ZERO, ZERO, OLD, OLD, OLD, _row(21), ZERO],
        # as printed: 行政复议 total 0 (should be 11), 复议后起诉 total 0 (should be 5)
        "review": [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0],
        "fee": "全年收取政府信息公开信息处理费0元",
        "overview_start": "2023年，洪泽区人民政府坚持以习近平新时代中国特色社会主义思想为指导",
        "overview_has": "（五）政府信息公开监督保障情况。进一步细化分解政府门户网站",
    },
    "hongze-2024": {
        "organ": "淮安市洪泽区人民政府", "year": 2024,
        "active": {"rules": (0, 0, 0), "normative_documents": (3, 0, 8), "licensing": 9487,
                   "punishment": 2776, "coercion": 84, "fees": 7545},
        "requests": [
            _row(95), ZERO, _row(50), _row(9), ZERO, ZERO, _row(1), ZERO, ZERO, _row(1), _row(1), ZERO,
            _row(31), _row(1), ZERO, _row(1), ZERO, ZERO, ZERO, ZERO, OLD, OLD, OLD, _row(95), ZERO],
        "review": [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3],
        "fee": "全年收取政府信息公开信息处理费0元",
        "overview_start": "2024年，淮安市洪泽区人民政府坚持以习近平新时代中国特色社会主义思想为指导",
        "overview_has": "（五）政府信息公开监督保障情况。将政府网站平台信息公开工作纳入全区高质量发展考核内容",
    },
}

MISPRINT_NOTE = ("表三 三（三）2.其他法律行政法规禁止公开：行标签印作“2.其他法律行政止公开”，与规定格式不符；"
                 "按其位置（三（三）1.属于国家秘密与三（三）3.危及“三安全一稳定”之间）读取，请核对")
OLD_ROWS = ("results.other.no_correction", "results.other.no_fee", "results.other.other")


def _true_cells(name: str) -> dict[str, object]:
    truth = TRUTH[name]
    cells: dict[str, object] = {}
    for key, value in truth["active"].items():
        if isinstance(value, tuple):
            for col, v in zip(("issued", "repealed", "in_force"), value):
                cells[f"tables.active.{key}.{col}"] = v
        else:
            cells[f"tables.active.{key}"] = value
    for row, values in zip(schema.REQUESTS_ROWS, truth["requests"]):
        for col, v in zip(schema.REQUESTS_COLUMNS, values or [None] * 7):
            cells[schema.requests_path(row.key, col.key)] = v
    groups = ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
    outcomes = ("upheld", "corrected", "other", "pending", "total")
    paths = [schema.review_path(g, o) for g in groups for o in outcomes]
    cells.update(zip(paths, truth["review"]))
    assert set(cells) == set(schema.CELL_PATHS)
    return cells


_CACHE: dict[str, ImportResult] = {}


def imported(name: str) -> ImportResult:
    path = REAL_WORLD / f"{name}.pdf"
    if not path.is_file():
        pytest.skip(f"real-world PDFs not found: {REAL_WORLD.resolve()} (they are kept beside the checkout, "
                    "never in the repository)")
    if name not in _CACHE:
        _CACHE[name] = import_file(path)
    return _CACHE[name]


@pytest.mark.parametrize("name", NAMES)
def test_every_printed_cell_imports_exactly(name):
    result = imported(name)
    wrong = {p: (result.report.cells[p], v) for p, v in _true_cells(name).items()
             if result.report.cells[p] != v or (v is not None and type(result.report.cells[p]) is not type(v))}
    assert wrong == {}, f"(got, printed): {wrong}; notes: {result.notes}"


@pytest.mark.parametrize("name", NAMES)
def test_organ_year_and_title(name):
    report = imported(name).report
    assert report.organ == TRUTH[name]["organ"]
    assert report.year == TRUTH[name]["year"]
    assert "政府政府" not in report.organ + report.title and "#" not in report.organ + report.title
    assert report.title.endswith("年政府信息公开工作年度报告")


@pytest.mark.parametrize("name", NAMES)
def test_no_prose_is_lost(name):
    """The WPS rectangles behind text lines are not tables: every heading and its text is kept."""
    result = imported(name)
    sections = result.report.sections
    assert not any(n.startswith("未找到") for n in result.notes), result.notes
    assert sections["overview"].startswith(TRUTH[name]["overview_start"])
    assert TRUTH[name]["overview_has"] in sections["overview"]
    assert len(sections["problems"]) > 200
    assert TRUTH[name]["fee"] in sections["other"]
    assert "信息处理费" not in sections["problems"]  # 六's fee sentence stays in 六
    for key in ("active", "requests", "review"):
        assert sections[key] == "", sections[key][:60]


def test_notes_name_exactly_the_misprint_and_the_old_format():
    assert imported("huaian-2024").notes == []
    for name in ("hongze-2023", "hongze-2024"):
        notes = imported(name).notes
        assert len(notes) == 2, notes
        assert notes[0] == MISPRINT_NOTE
        assert notes[1].startswith("表三 三（六）其他处理：报告使用2019年旧版表格")


@pytest.mark.parametrize("name", ("hongze-2023", "hongze-2024"))
def test_the_merged_total_label_blanks_no_row_and_the_old_row_is_marked(name):
    report = imported(name).report
    assert report.cells[schema.requests_path("results.total", "total")] == TRUTH[name]["requests"][23][6]
    old = [schema.requests_path(r, c.key) for r in OLD_ROWS for c in schema.REQUESTS_COLUMNS]
    assert sorted(report.old_format_cells) == sorted(old)
    findings = check(report)
    assert [f.rule for f in findings if f.rule == "F.OLDFORMAT"] == ["F.OLDFORMAT"]
    old_finding = next(f for f in findings if f.rule == "F.OLDFORMAT")
    assert set(old_finding.cells) == set(old) and "旧版" in old_finding.message
    assert not any(f.rule == "V.BLANK" for f in findings)  # old-format cells are not "空白"
    # the report carries the fact through report JSON
    from composer.report import Report
    assert Report.from_json(report.to_json()).old_format_cells == report.old_format_cells


@pytest.mark.parametrize("name", NAMES)
def test_findings_are_true_ones(name):
    findings = check(imported(name).report)
    rules = [f.rule for f in findings]
    assert "S.MISSING" not in rules and "S.FEES" not in rules, findings
    sums = [f for f in findings if f.rule.startswith(("T3.", "T4."))]
    if name == "hongze-2023":
        assert sorted(f.cells[0] for f in sums) == [schema.review_path("litigation_after_reconsideration", "total"),
                                                    schema.review_path("reconsideration", "total")]
        assert {f.expected for f in sums} == {11, 5}
    else:
        assert sums == []
    if name == "huaian-2024":
        assert findings == []  # its text (3119 received, 34 carried over, 103 carried forward) agrees


def test_a_header_cell_without_its_left_ruling_line_is_read():
    """hongze-2023 page 3: the top-left cell "信息内容" has no left border at the page's top."""
    from composer.importers.blocks import Table
    from composer.importers.pdf import pdf_blocks

    imported("hongze-2023")  # skips where the folder is absent
    rows = [r for b in pdf_blocks(str(REAL_WORLD / "hongze-2023.pdf")) if isinstance(b, Table) for r in b.rows]
    assert rows.count(["信息内容", "本年处理决定数量"]) == 2
