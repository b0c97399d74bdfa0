"""批量检查 in the window: a real folder checked in the worker thread, the unit table, the status
filter and sorting, double-click into the editor with the findings, exports read back, 取消."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from composer.county.batch import STATUS_FIX, STATUS_OK, STATUS_UNREADABLE
from composer.county.issue_list import FINDING_HEADER
from composer.rules import check, count
from composer.ui.batch_window import COLUMNS, BatchWindow, open_batch_window
from tests.county.folder import BROKEN, UNREADABLE, make_folder
from tests.factories import SAMPLES
from tests.ui.helpers import findings


def _rows(view: BatchWindow) -> list[list[str]]:
    model = view.table.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _run(qtbot, view: BatchWindow, folder) -> None:
    view.start(folder)
    qtbot.waitUntil(lambda: not view.running, timeout=60_000)


@pytest.fixture
def county(tmp_path):
    folder = tmp_path / "南关区"
    folder.mkdir()
    return folder, make_folder(folder, docx=False)


def test_unit_table_matches_the_findings(qtbot, county, messages):
    folder, units = county
    view = BatchWindow(workers=1)
    qtbot.addWidget(view)
    view.show()
    _run(qtbot, view, folder)
    assert view.table.model().headerData(0, Qt.Orientation.Horizontal) == COLUMNS[0]
    rows = _rows(view)
    assert len(rows) == 5 and view.progress.value() == 5
    by_file = {r[2]: r for r in rows}
    for rel, report in units.items():
        errors, warnings = count(check(report))
        status = STATUS_FIX if errors else STATUS_OK
        assert by_file[rel] == [report.organ, str(report.year), rel, str(errors), str(warnings), status]
    unreadable = by_file[UNREADABLE]
    assert unreadable[5].startswith(f"{STATUS_UNREADABLE}：") and unreadable[3:5] == ["", ""]
    assert "检查完毕" in view.progress_label.text()

    view.status_filter.setCurrentText(STATUS_FIX)
    assert [r[2] for r in _rows(view)] == [BROKEN]
    view.status_filter.setCurrentText(STATUS_UNREADABLE)
    assert [r[2] for r in _rows(view)] == [UNREADABLE]
    view.status_filter.setCurrentText("全部")
    view.table.sortByColumn(COLUMNS.index("错误数"), Qt.SortOrder.DescendingOrder)
    assert _rows(view)[0][2] == BROKEN and _rows(view)[-1][2] == UNREADABLE  # numbers, not text order


def test_double_click_opens_the_report_with_its_findings(qtbot, window, county, messages):
    folder, units = county
    view = open_batch_window_on(qtbot, window, folder)
    row = next(i for i, r in enumerate(_rows(view)) if r[2] == BROKEN)
    index = view.table.model().index(row, 0)
    view.table.doubleClicked.emit(index)
    report = window.doc.report
    assert report.organ == units[BROKEN].organ and window.doc.path is None  # a copy, not the unit's file
    shown = [i.data(Qt.ItemDataRole.DisplayRole) for i in findings(window)]
    errors = [f for f in check(units[BROKEN]) if f.severity == "error"]
    assert all(any(f.message in (s or "") for s in shown) for f in errors), shown
    bad_row = next(i for i, r in enumerate(_rows(view)) if r[2] == UNREADABLE)
    view.table.doubleClicked.emit(view.table.model().index(bad_row, 0))
    assert report is window.doc.report and any("无法读取" in w for w in messages.warnings)


def open_batch_window_on(qtbot, window, folder) -> BatchWindow:
    """文件 → 检查文件夹… as the clerk starts it (the folder dialog answered)."""
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "检查文件夹…")
    view_holder = {}

    def choose(self):
        view_holder["view"] = self
        self.workers = 1
        self.start(folder)

    import composer.ui.batch_window as bw

    original = bw.BatchWindow.choose_folder
    bw.BatchWindow.choose_folder = choose
    try:
        action.trigger()
    finally:
        bw.BatchWindow.choose_folder = original
    view = view_holder["view"]
    assert view is open_batch_window(window)  # one batch window per main window
    qtbot.waitUntil(lambda: not view.running, timeout=60_000)
    return view


def test_exports_from_the_window_read_back(qtbot, county, tmp_path, messages):
    folder, units = county
    view = BatchWindow(workers=1)
    qtbot.addWidget(view)
    _run(qtbot, view, folder)
    assert view.list_button.isEnabled() and view.summary_button.isEnabled()
    out = tmp_path / "问题清单.xlsx"
    view.export_issue_list(out)
    qtbot.waitUntil(lambda: view.last_written == out, timeout=30_000)
    ws = load_workbook(out)["全部问题"]
    assert [c.value for c in ws[1]] == list(FINDING_HEADER)
    listed = [r for r in ws.iter_rows(min_row=2, values_only=True)]
    expected = sum(len(check(r)) for r in units.values()) + 1  # + the unreadable file's line
    assert len(listed) == expected
    assert [r[4] for r in listed if r[0] == units[BROKEN].organ] == [f.message for f in check(units[BROKEN])]

    summary = tmp_path / "汇总.json"
    view.export_summary(summary)
    qtbot.waitUntil(lambda: view.last_written == summary, timeout=30_000)
    from composer.report import load_report

    total = load_report(summary)
    assert total.organ == "南关区（汇总）"
    assert total.cells["tables.requests.new.natural"] is None  # one unit left it blank
    assert total.cells["tables.requests.new.total"] == sum(r.cells["tables.requests.new.total"]
                                                           for r in units.values())

    view.blank_as_zero.setChecked(True)
    zero = tmp_path / "汇总0.json"
    view.export_summary(zero)
    qtbot.waitUntil(lambda: view.last_written == zero, timeout=30_000)
    assert load_report(zero).cells["tables.requests.new.natural"] == sum(
        r.cells["tables.requests.new.natural"] or 0 for r in units.values())

    per_unit = tmp_path / "各单位"
    per_unit.mkdir()
    view.export_unit_lists(per_unit)
    qtbot.waitUntil(lambda: view.last_written == per_unit, timeout=30_000)
    assert len(list(per_unit.glob("*.xlsx"))) == 5


def test_cancel_stops_a_long_batch(qtbot, tmp_path, messages):
    for i in range(40):  # Word documents, each read in a child process of its own: long enough to cancel
        shutil.copy(SAMPLES / "huashu-2023.docx", tmp_path / f"单位{i:02}.docx")
    view = BatchWindow(workers=1)
    qtbot.addWidget(view)
    view.start(tmp_path)
    qtbot.waitUntil(lambda: view.progress.value() >= 1, timeout=60_000)
    view.cancel()
    qtbot.waitUntil(lambda: not view.running, timeout=60_000)
    assert view.result is not None and view.result.cancelled
    assert 1 <= len(_rows(view)) < 40 and "已取消" in view.progress_label.text()
