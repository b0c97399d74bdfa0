"""Edit → re-check → repaint in the real window, against a bare QTableView edited and repainted the same way.

    QT_QPA_PLATFORM=offscreen python bench/gui_edit.py [N]

Prints the median and p90 of one cell edit in table 三 (the demo report, the window at 1366×768
with the findings panel and legend) and of one prose keystroke, and the same cell edit in a bare
QTableView of table 三's size in a window of the same size: the baseline, measured in this run.
Targets (issue #11): cell edit ≤ 3 ms median, p90 ≤ 5 ms; prose keystroke ≤ 2 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("COMPOSER_DATA_DIR", tempfile.mkdtemp(prefix="composer-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


def measure(app, edit, n: int) -> list[float]:
    times = []
    for i in range(n):
        t = time.perf_counter()
        edit(i)
        app.processEvents()  # the views repaint what the edit marked as changed
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return times


def line(label: str, times: list[float], baseline: list[float] | None = None) -> str:
    median, p90 = statistics.median(times), times[int(len(times) * 0.9)]
    text = f"{label}: median {median:.2f} ms, p90 {p90:.2f} ms, max {times[-1]:.2f} ms over {len(times)}"
    if baseline is not None:
        text += f"  ({median / statistics.median(baseline):.0f}× the bare view)"
    return text


def bare_view(app, rows: int, cols: int, n: int) -> list[float]:
    window = QMainWindow()
    model = QStandardItemModel(rows, cols)
    for r in range(rows):
        for c in range(cols):
            model.setItem(r, c, QStandardItem(""))
    view = QTableView()
    view.setModel(model)
    window.setCentralWidget(view)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    spots = [(3, 3), (8, 5), (12, cols - 1)]  # cells in sight: an edit out of sight paints nothing
    times = measure(app, lambda i: model.setData(model.index(*spots[i % 3]), str(i % 7)), n)
    window.close()
    return times


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    app = QApplication(sys.argv[:1])
    from composer import schema
    from composer.project import Project
    from composer.ui import dialogs
    from composer.ui.app import create_main_window
    from composer.ui.resources import demo_report

    layout = schema.layout("requests")
    baseline = bare_view(app, layout.n_rows, layout.n_cols, n)  # first: the same screen, no other window
    dialogs.ask_save_changes = lambda parent, name: "discard"
    window = create_main_window()
    window.load_project(Project(demo_report()), None, note="示例报告")
    window.resize(1366, 768)
    window.show()
    window.nav.setCurrentRow(3)
    app.processEvents()
    grid = window.grids["requests"]
    model = grid.model()
    paths = ["tables.requests.new.natural", "tables.requests.results.denied.inquiry.legal",
             "tables.requests.carried_forward.total"]
    cell = measure(app, lambda i: model.setData(model.index_of(paths[i % 3]), str(i % 7)), n)
    window.nav.setCurrentRow(1)
    app.processEvents()
    prose = window.section_pages[0].prose
    keys = measure(app, lambda i: prose.insertPlainText("字"), n)
    print(line("bare QTableView cell edit (baseline)", baseline))
    print(line("cell edit (table 三)", cell, baseline))
    print(line("prose keystroke (section 一)", keys, baseline))
    window.close()


if __name__ == "__main__":
    main()
