"""Runs the real window in its own process, makes edits like a clerk, then waits to be killed.

    python crash_driver.py REPORT_FILE                  # one edit in a table, one key in 机关名称
    python crash_driver.py REPORT_FILE type SECONDS GAP # types into 机关名称 for SECONDS, a key every GAP s

Used by test_files.test_crash_recovery and test_recovery_window. Every modal question is
answered without a dialog (a dialog would wait for a person). In "type" mode each key is
reported as ``KEY n t`` (n keys typed so far, t = time.monotonic() just after the key went in),
so the test knows what was typed when it killed the process.
"""

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from composer.ui import dialogs
from composer.ui.app import create_main_window

TYPED = "abcdefghijklmnopqrstuvwxyz"


def quiet_dialogs() -> None:
    dialogs.warn = lambda parent, text, title="": print("WARN", text.replace("\n", " "), file=sys.stderr)
    dialogs.info = lambda parent, text, title="": print("INFO", text.replace("\n", " "), file=sys.stderr)
    if hasattr(dialogs, "ask_start_draft"):
        dialogs.ask_start_draft = lambda *a, **k: False  # keep editing the file given, not a new draft
    dialogs.ask_restore = lambda *a, **k: False


def edit(window) -> None:
    grid = window.grids["requests"]
    grid.model().setData(grid.model().index_of("tables.requests.new.natural"), "42")
    organ = window.info_page.fields["organ"]
    organ.setFocus()
    QTest.keyClicks(organ, "Z")
    print("EDITED", flush=True)


class Typist:
    def __init__(self, window, seconds: float, gap: float):
        self.field = window.info_page.fields["organ"]
        self.window = window
        self.end = time.monotonic() + seconds
        self.gap = gap
        self.count = 0
        self.timer = QTimer()
        self.timer.setInterval(int(gap * 1000))
        self.timer.timeout.connect(self.key)

    def start(self) -> None:
        self.field.setFocus()
        self.field.end(False)
        print("START", time.monotonic(), flush=True)
        self.timer.start()

    def key(self) -> None:
        if time.monotonic() > self.end:
            self.timer.stop()
            print("DONE", self.count, flush=True)
            return
        QTest.keyClicks(self.field, TYPED[self.count % len(TYPED)])
        self.count += 1
        print("KEY", self.count, time.monotonic(), flush=True)


def main() -> None:
    app = QApplication(sys.argv[:1])
    quiet_dialogs()
    window = create_main_window(sys.argv[1])
    window.show()
    if len(sys.argv) > 2 and sys.argv[2] == "type":
        typist = Typist(window, float(sys.argv[3]), float(sys.argv[4]))
        QTimer.singleShot(200, typist.start)
    else:
        QTimer.singleShot(50, lambda: edit(window))
    app.exec()


if __name__ == "__main__":
    main()
