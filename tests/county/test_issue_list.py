"""The 问题清单 read back cell by cell: openpyxl for the workbook, csv for the CSV, against the
findings of a direct check."""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from composer import palette, schema
from composer.county.batch import check_folder
from composer.county.issue_list import (
    FINDING_HEADER,
    SUMMARY_HEADER,
    UNIT_HEADER,
    place,
    write_issue_list,
    write_unit_lists,
)
from composer.errors import OutputError
from composer.rules import RULES, check
from composer.values import format_value
from tests.county.folder import BROKEN, UNREADABLE, make_folder

SEVERITY = {"error": "错误", "warning": "提醒"}


def _expected_rows(units, batch):
    """All findings rows, built here from check() and the rule registry (not from the writer)."""
    rows = []
    for unit in batch.units:
        rel = unit.relative
        if rel == UNREADABLE:
            rows.append((unit.unit, "无法读取", None, rel, unit.error, None))
            continue
        for f in check(units[rel]):
            names = [schema.cell_name(p) for p in f.cells]
            where = "；".join(names[:4]) + (f" 等 {len(names)} 处" if len(names) > 4 else "")
            if f.excerpt:
                where += f"（“{f.excerpt}”）"
            rows.append((units[rel].organ, SEVERITY[f.severity], f"{f.rule} {RULES[f.rule].name}", where,
                         f.message, format_value(f.expected) or None))
    return rows


def _fill(cell) -> str:
    return cell.fill.fgColor.rgb[-6:].lower()


@pytest.fixture
def batch_and_units(tmp_path):
    folder = tmp_path / "县"
    folder.mkdir()
    units = make_folder(folder, docx=False)
    return check_folder(folder, workers=1), units


def test_workbook_sheets_rows_and_format(tmp_path, batch_and_units):
    batch, units = batch_and_units
    out = tmp_path / "问题清单.xlsx"
    write_issue_list(batch.units, out)
    wb = load_workbook(out)
    assert wb.sheetnames[:2] == ["概况", "全部问题"]
    assert len(wb.sheetnames) == 2 + len(batch.units)

    ws = wb["全部问题"]
    assert [c.value for c in ws[1]] == list(FINDING_HEADER)
    got = [tuple(c.value for c in row[:6]) for row in ws.iter_rows(min_row=2)]
    assert got == _expected_rows(units, batch)
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:G{len(got) + 1}"
    assert ws.column_dimensions["E"].width > 20  # sized to the messages, not Excel's default
    error_fill = palette.SEVERITY_SHADES["error"].fill.lstrip("#").lower()
    warning_fill = palette.SEVERITY_SHADES["warning"].fill.lstrip("#").lower()
    for row in ws.iter_rows(min_row=2):
        expected = error_fill if row[1].value in ("错误", "无法读取") else warning_fill
        assert {_fill(c) for c in row} == {expected}, row[1].value
    fixes = {r.value for r in ws["G"][1:]}
    assert RULES["T3.ROW"].fix in fixes

    summary = wb["概况"]
    assert [c.value for c in summary[1]] == list(SUMMARY_HEADER)
    lines = [tuple(c.value for c in row) for row in summary.iter_rows(min_row=2)]
    for unit, line in zip(batch.units, lines):
        errors = None if unit.error else sum(1 for f in unit.findings if f.severity == "error")
        warnings = None if unit.error else sum(1 for f in unit.findings if f.severity == "warning")
        assert line == (unit.unit, "/".join(unit.region) or None, unit.relative, unit.year, errors, warnings,
                        unit.status_text)
    broken_line = next(line for line in lines if line[2] == BROKEN)
    assert broken_line[6] == "需修改" and broken_line[4] == 3  # T3.ROW 一, T3.BALANCE 自然人, T4.SUM 行政复议


def test_one_sheet_per_unit_holds_exactly_its_findings(tmp_path, batch_and_units):
    batch, units = batch_and_units
    out = tmp_path / "问题清单.xlsx"
    write_issue_list(batch.units, out)
    wb = load_workbook(out)
    expected = _expected_rows(units, batch)
    for unit, title in zip(batch.units, wb.sheetnames[2:]):
        ws = wb[title]
        assert title == unit.unit[:31]
        assert [c.value for c in ws[1]] == list(UNIT_HEADER)
        mine = [r[1:] for r in expected if r[0] == unit.unit]
        assert [tuple(c.value for c in row[:5]) for row in ws.iter_rows(min_row=2)] == mine


def test_csv_and_html(tmp_path, batch_and_units):
    batch, units = batch_and_units
    write_issue_list(batch.units, tmp_path / "问题清单.csv")
    raw = (tmp_path / "问题清单.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 with a BOM
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == list(FINDING_HEADER)
    assert [tuple(r[:6]) for r in rows[1:]] == [tuple("" if v is None else v for v in e)
                                                 for e in _expected_rows(units, batch)]
    write_issue_list(batch.units, tmp_path / "问题清单.html")
    html = (tmp_path / "问题清单.html").read_text("utf-8")
    for f in check(units[BROKEN]):
        assert f.message.replace("“", "&ldquo;") in html or f.message in html
    assert palette.SEVERITY_SHADES["error"].fill in html


def test_a_file_per_unit(tmp_path, batch_and_units):
    batch, _ = batch_and_units
    out = tmp_path / "各单位"
    out.mkdir()
    written = write_unit_lists(batch.units, out)
    assert len(written) == len(batch.units) and all(p.exists() for p in written)
    wb = load_workbook(next(p for p in written if "报错版" in p.name))
    assert wb.sheetnames[:2] == ["概况", "全部问题"]
    assert {r[0].value for r in wb["全部问题"].iter_rows(min_row=2)} == {"长春市南关区幸福乡人民政府（报错版）"}


def test_place_names_cells_as_printed():
    from composer.rules import Finding

    f = Finding("T3.ROW", "error", ("tables.requests.new.total", "tables.requests.new.natural"), "x")
    assert place(f) == "表三 一、本年新收政府信息公开申请数量 · 总计；表三 一、本年新收政府信息公开申请数量 · 自然人"


def test_wrong_suffix_or_folder_is_refused_and_nothing_written(tmp_path, batch_and_units):
    batch, _ = batch_and_units
    with pytest.raises(OutputError):
        write_issue_list(batch.units, tmp_path / "清单.pdf")
    with pytest.raises(OutputError):
        write_issue_list(batch.units, tmp_path / "missing" / "清单.xlsx")
    assert not list(tmp_path.glob("清单*"))


def test_unit_files_have_safe_distinct_names(tmp_path):
    from composer.county.batch import UnitResult

    units = [UnitResult(path=str(tmp_path / f"{i}.json"), organ="南关区/幸福乡:人民政府") for i in range(2)]
    written = write_unit_lists(units, tmp_path)
    assert [p.name for p in written] == ["南关区_幸福乡_人民政府-问题清单.xlsx", "南关区_幸福乡_人民政府(2)-问题清单.xlsx"]
    ws = load_workbook(written[1])["概况"]
    assert [c.value for c in ws[2]][6] == "通过"
