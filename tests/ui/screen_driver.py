"""Run the real window on a simulated laptop screen in a process of its own (Qt reads the scale
factor once, when the application starts), save screenshots, and print what was measured as JSON.

    python tests/ui/screen_driver.py SCALE OUT_DIR [WIDTH HEIGHT]

The screen is Qt's offscreen platform configured as a WIDTH×HEIGHT (default 1366×768) monitor;
QT_SCALE_FACTOR=SCALE gives 100/125/150 % scaling. Used by test_screens.py.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "samples" / "xingfu-2023.expected.json"


def configure(scale: str, width: int, height: int) -> None:
    config = Path(tempfile.mkdtemp(prefix="composer-screen-")) / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width,
                                               "height": height, "logicalDpi": 96, "logicalBaseDpi": 96,
                                               "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["QT_SCALE_FACTOR"] = scale
    os.environ.setdefault("COMPOSER_DATA_DIR", tempfile.mkdtemp(prefix="composer-screen-data-"))
    sys.path.insert(0, str(ROOT))


def visible_body_rows(view) -> int:
    """Body rows of a grid wholly in sight below its frozen header (or top, when it scrolls away)."""
    top, bottom = view.frozen_height(), view.viewport().height()
    count = 0
    for r in range(view.header_rows, view.model().rowCount()):
        y = view.rowViewportPosition(r)
        if y >= top and y + view.rowHeight(r) <= bottom:
            count += 1
    return count


def main() -> None:
    scale, out = sys.argv[1], Path(sys.argv[2])
    width, height = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) > 4 else (1366, 768)
    configure(scale, width, height)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QAbstractItemView, QApplication

    app = QApplication(sys.argv[:1])
    from composer.project import Project
    from composer.report import load_report
    from composer.ui import dialogs
    from composer.ui.app import create_main_window

    problems: list[str] = []
    dialogs.warn = lambda parent, text, title="": problems.append(text)
    dialogs.info = lambda parent, text, title="": None
    dialogs.ask_save_changes = lambda parent, name: "discard"
    window = create_main_window(None)
    window.show()
    app.processEvents()
    screen = app.primaryScreen().availableGeometry()
    frame = window.frameGeometry()
    tag = f"{round(float(scale) * 100)}"
    result = {"screen": [screen.width(), screen.height()], "window": [frame.x(), frame.y(), frame.width(),
                                                                     frame.height()],
              "on_start_page": window.on_start_page()}
    window.grab().save(str(out / f"start-{tag}.png"))

    # a carried-forward draft, as the clerk's year starts: table 三 with last year's 结转
    window.start_draft(Project(load_report(SAMPLE)), [], SAMPLE)
    window.nav.setCurrentRow(3)
    app.processEvents()
    view = window.grids["requests"]
    first = view.grid.index_of("tables.requests.new.natural")
    view.setCurrentIndex(first)
    view.scrollTo(first, QAbstractItemView.ScrollHint.PositionAtTop)
    view.setFocus()
    app.processEvents()
    result["table3_rows"] = visible_body_rows(view)
    result["header_frozen"] = view.frozen_rows > 0
    result["grid_hscroll"] = view.horizontalScrollBar().maximum()
    frame = window.frameGeometry()
    result["window_after"] = [frame.x(), frame.y(), frame.width(), frame.height()]
    window.grab().save(str(out / f"table3-{tag}.png"))
    panel = window.findings_panel
    result["findings_lines"] = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    panel.grab().save(str(out / f"findings-{tag}.png"))
    window.nav.setCurrentRow(4)
    app.processEvents()
    window.grab().save(str(out / f"table4-{tag}.png"))
    result["problems"] = problems
    print(json.dumps(result, ensure_ascii=False))
    window.close()


if __name__ == "__main__":
    main()
