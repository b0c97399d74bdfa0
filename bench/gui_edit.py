"""Edit → re-check → repaint in the real window: median time of one cell edit, one frame is 16 ms.

    QT_QPA_PLATFORM=offscreen python bench/gui_edit.py [N]
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

from PySide6.QtWidgets import QApplication


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    app = QApplication(sys.argv[:1])
    from composer.ui import dialogs
    from composer.ui.app import create_main_window

    dialogs.ask_save_changes = lambda parent, name: "discard"
    window = create_main_window()
    window.resize(1366, 768)
    window.show()
    window.nav.setCurrentRow(3)
    app.processEvents()
    grid = window.grids["requests"]
    model = grid.model()
    paths = ["tables.requests.new.natural", "tables.requests.results.denied.inquiry.legal",
             "tables.requests.carried_forward.total"]
    prose = window.section_pages[0].prose
    for label, edit in (
        ("cell edit (table 三)", lambda i: model.setData(model.index_of(paths[i % 3]), str(i % 7))),
        ("prose keystroke (section 一)", lambda i: prose.insertPlainText("字")),
    ):
        if "prose" in label:
            window.nav.setCurrentRow(1)
            app.processEvents()
        times = []
        for i in range(n):
            t = time.perf_counter()
            edit(i)
            app.processEvents()  # the views repaint what the edit marked as changed
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        print(f"{label}: median {statistics.median(times):.2f} ms, "
              f"p90 {times[int(len(times) * 0.9)]:.2f} ms, max {times[-1]:.2f} ms over {n}")
    window.close()


if __name__ == "__main__":
    main()
