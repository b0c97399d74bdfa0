"""Runs the real window in its own process, makes edits like a clerk, then waits to be killed.

Used by test_files.test_crash_recovery: python crash_driver.py REPORT_FILE
"""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from composer.ui.app import create_main_window


def edit(window) -> None:
    grid = window.grids["requests"]
    grid.model().setData(grid.model().index_of("tables.requests.new.natural"), "42")
    organ = window.info_page.fields["organ"]
    organ.setFocus()
    QTest.keyClicks(organ, "Z")
    print("EDITED", flush=True)


def main() -> None:
    app = QApplication(sys.argv[:1])
    window = create_main_window(sys.argv[1])
    window.show()
    QTimer.singleShot(50, lambda: edit(window))
    app.exec()


if __name__ == "__main__":
    main()
