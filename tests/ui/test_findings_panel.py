"""The findings panel on a carried-forward draft: errors and content warnings on top, blank cells
as one progress line per table (expandable to the rows), kept in step edit by edit."""

from pathlib import Path

from PySide6.QtWidgets import QApplication

from composer import schema
from composer.ui import dialogs
from composer.ui.findings_panel import GROUP_ROLE, build_rows
from composer.ui.roles import FINDING_ROLE, SEVERITY_ROLE

from .helpers import findings_view, grid, index_of, top_lines
from .test_grid_editing import type_into

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "samples" / "xingfu-2023.docx"


def draft_window(window, monkeypatch):
    """由上年报告新建 from a real sample report, as the clerk does it."""
    monkeypatch.setattr(dialogs, "open_file_name", lambda parent, title, directory="": str(SAMPLE))
    window.new_from_last()
    assert window.doc.report.previous is not None and window.doc.report.year == 2024
    return window


def blank_cells(report, table: str) -> int:
    return sum(1 for p, v in report.cells.items() if p.startswith(f"tables.{table}.") and v is None)


def panel_matches_a_fresh_build(window) -> None:
    """After any sequence of edits the panel's rows are what building it anew gives."""
    model = findings_view(window).model()
    doc = window.doc
    active, dismissed = doc.state.partition(doc.findings)
    fresh = build_rows(active, [(f, doc.state.dismissed[f.key]) for f in dismissed])
    assert [r.key for r in model.rows] == [r.key for r in fresh]
    for mine, new in zip(model.rows, fresh):
        assert [c.key for c in mine.children] == [c.key for c in new.children]
        assert all(c.parent is mine for c in mine.children)
    assert model.rowCount() == len(fresh)


def test_draft_shows_what_to_read_first_and_blanks_grouped_per_table(qtbot, window, monkeypatch):
    draft_window(window, monkeypatch)
    model = findings_view(window).model()
    lines = top_lines(window)
    groups = [i for i in range(model.rowCount()) if model.index(i, 0).data(GROUP_ROLE) is not None]
    singles = [i for i in range(model.rowCount()) if i not in groups]
    # every line before the groups is a real finding (content, last year's numbers…), none a blank cell
    assert singles and groups and max(singles) < min(groups)
    assert all(model.index(i, 0).data(FINDING_ROLE).rule != "V.BLANK" for i in singles)
    assert any(model.index(i, 0).data(FINDING_ROLE).rule == "N.YEAR" for i in singles)  # last year's 2023
    # one progress line per table, in table order, counting cells (not rows)
    tables = [model.index(i, 0).data(GROUP_ROLE) for i in groups]
    assert tables == [t for t in ("active", "requests", "review") if blank_cells(window.doc.report, t)]
    requests = groups[tables.index("requests")]
    n = blank_cells(window.doc.report, "requests")
    assert n > 100 and lines[requests].startswith(f"表三还有 {n} 格未填")
    assert len(lines) < 20  # the few that matter are not buried
    # expanding the line lists the blank rows
    group = model.index(requests, 0)
    children = [model.index(k, 0, group) for k in range(model.rowCount(group))]
    assert children and all(c.data(FINDING_ROLE).rule == "V.BLANK" for c in children)
    assert model.parent(children[0]) == group
    assert "一、本年新收" in children[0].data()


def test_edits_keep_the_panel_in_step(qtbot, window, monkeypatch):
    draft_window(window, monkeypatch)
    window.nav.setCurrentRow(3)
    view = grid(window, "requests")
    model = findings_view(window).model()
    n = blank_cells(window.doc.report, "requests")
    type_into(qtbot, view, "tables.requests.new.natural", "5")
    requests = next(i for i in range(model.rowCount()) if model.index(i, 0).data(GROUP_ROLE) == "requests")
    assert model.index(requests, 0).data().startswith(f"表三还有 {n - 1} 格未填")
    panel_matches_a_fresh_build(window)
    # a whole row filled: its blank line leaves the group
    for col in ("business", "research", "nonprofit", "legal", "other_org"):
        type_into(qtbot, view, schema.requests_path("new", col), "0")
    type_into(qtbot, view, "tables.requests.new.total", "4")  # 5 ≠ 4: an error, on top
    panel_matches_a_fresh_build(window)
    first = model.index(0, 0)
    assert first.data(SEVERITY_ROLE) == "error" and first.data(FINDING_ROLE).rule == "T3.ROW"
    assert top_lines(window)[0].startswith("【错误】")
    window.doc.stack.undo()  # the error goes, the panel follows
    panel_matches_a_fresh_build(window)
    assert all(model.index(i, 0).data(SEVERITY_ROLE) != "error" for i in range(model.rowCount()))
    window.doc.stack.redo()
    panel_matches_a_fresh_build(window)


def test_long_findings_wrap_instead_of_being_cut(qtbot, window, monkeypatch):
    from composer.ui.findings_panel import FindingsPanel

    draft_window(window, monkeypatch)
    panel = FindingsPanel(window.doc)  # the panel as narrow as it is beside table 三 on a small screen
    qtbot.addWidget(panel)
    panel.resize(300, 500)
    panel.show()
    qtbot.waitExposed(panel)
    view = panel.view
    model = view.model()
    longest = max((model.index(i, 0) for i in range(model.rowCount())), key=lambda i: len(i.data()))
    one_line = view.fontMetrics().height()
    assert view.fontMetrics().horizontalAdvance(longest.data()) > view.viewport().width()  # it would be cut
    assert view.visualRect(longest).height() >= 2 * one_line  # it wraps instead
    panel.resize(900, 500)  # wider: the rows get lower again
    QApplication.processEvents()
    qtbot.waitUntil(lambda: view.visualRect(longest).height() < 2 * one_line, timeout=2000)


def test_legend_names_the_cell_colours_from_the_palette(window):
    from composer import palette

    legend = window.findings_panel.legend
    text = legend.text()
    for state in ("error", "warning", "blank"):
        assert palette.SEVERITY_SHADES[state].fill in text
    assert "错误" in text and "提醒" in text and "空白" in text
    assert legend.isVisibleTo(window.findings_panel)


def test_tooltip_does_not_outlive_the_error_it_named(qtbot, window):
    from PySide6.QtWidgets import QToolTip

    view = grid(window, "requests")
    window.nav.setCurrentRow(3)
    type_into(qtbot, view, "tables.requests.new.total", "9")
    index = index_of(view, "tables.requests.new.total")
    tip = index.data(3)  # ToolTipRole
    assert "错误" in tip
    QToolTip.showText(view.viewport().mapToGlobal(view.visualRect(index).center()), tip, view)
    window.doc.stack.undo()
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)  # (Qt fades it out)
    assert "错误" not in (index.data(3) or "")
