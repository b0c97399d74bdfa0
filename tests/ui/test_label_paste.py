"""Paste from Excel/WPS with the row labels: table 三 of a sample report, copied whole (header rows and
label columns included, merged cells empty after their first place, as Excel writes them), lands in
the right cells wherever the cursor is — and is one undo step."""

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from composer import schema
from composer.report import load_report
from composer.ui.tsv import to_tsv

from .helpers import grid, index_of

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "samples"


def excel_copy(docx_path: Path, marker: str) -> str:
    """The table containing ``marker`` as Excel/WPS put it on the clipboard: TSV, a merged cell's
    text in its first place only."""
    document = docx.Document(str(docx_path))
    table = next(t for t in document.tables if any(marker in c.text for r in t.rows for c in r.cells))
    seen = []  # the merged cells' elements (kept alive, compared by identity)
    lines = []
    for row in table.rows:
        line = []
        for cell in row.cells:
            first = not any(cell._tc is e for e in seen)
            seen.append(cell._tc)
            line.append(cell.text if first else "")
        lines.append(line)
    return to_tsv(lines)


@pytest.mark.parametrize("sample", ["xingfu-2023", "huashu-2023"])
def test_a_whole_table_copied_with_labels_pastes_into_the_right_cells(qtbot, window, sample):
    expected = load_report(SAMPLES / f"{sample}.expected.json")
    text = excel_copy(SAMPLES / f"{sample}.docx", "本年新收")
    assert "一、本年新收政府信息公开申请数量" in text  # the block carries the labels
    window.nav.setCurrentRow(3)
    view = grid(window, "requests")
    for path in schema.CELL_PATHS:  # start from blank cells so that every value must come from the paste
        if path.startswith("tables.requests."):
            window.doc.report.cells[path] = None
    window.doc.load(window.doc.report)
    # the cursor anywhere in the table, e.g. a cell in the middle (not where the block would go by position)
    view.setCurrentIndex(index_of(view, "tables.requests.results.granted.research"))
    depth = window.doc.stack.count()
    QGuiApplication.clipboard().setText(text)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    got = {p: v for p, v in window.doc.report.cells.items() if p.startswith("tables.requests.")}
    want = {p: v for p, v in expected.cells.items() if p.startswith("tables.requests.")}
    assert got == want
    assert window.doc.stack.count() == depth + 1  # one undo step
    window.doc.stack.undo()
    assert all(v is None for p, v in window.doc.report.cells.items() if p.startswith("tables.requests."))


def test_a_row_copied_with_its_label_goes_to_that_row(qtbot, window, messages):
    view = grid(window, "requests")
    view.setCurrentIndex(index_of(view, "tables.requests.carried_forward.natural"))  # another row
    row = "一、本年新收政府信息公开申请数量\t\t\t4\t0\t0\t0\t1\t0\t5\r\n"
    assert view.paste(row)
    cells = window.doc.report.cells
    assert cells["tables.requests.new.natural"] == 4 and cells["tables.requests.new.legal"] == 1
    assert cells["tables.requests.new.total"] == 5
    assert not messages.warnings


def test_a_block_without_labels_still_pastes_by_position(qtbot, window):
    view = grid(window, "requests")
    view.setCurrentIndex(index_of(view, "tables.requests.new.natural"))
    assert view.paste("7\t8\r\n9\t10\r\n")
    cells = window.doc.report.cells
    assert (cells["tables.requests.new.natural"], cells["tables.requests.new.business"]) == (7, 8)
    assert (cells["tables.requests.carried_over.natural"], cells["tables.requests.carried_over.business"]) == (9, 10)


def test_a_labelled_row_with_a_bad_number_is_refused_whole(qtbot, window, messages):
    view = grid(window, "requests")
    view.setCurrentIndex(index_of(view, "tables.requests.new.natural"))
    before = dict(window.doc.report.cells)
    assert not view.paste("一、本年新收政府信息公开申请数量\t\t\t4\t-1\t0\t0\t1\t0\t5\r\n")
    assert window.doc.report.cells == before
    assert messages.warnings and "没有粘贴" in messages.warnings[0]
