"""Start to first window: wall time from launching `python -m composer REPORT` to the window's first
paint with the report open, against a bare PySide6 window started and painted the same way (the
baseline, measured in this run).

    python bench/startup.py [RUNS]       (uses offscreen Qt unless QT_QPA_PLATFORM is set)

Both run with Python's bytecode cache, as an installed program does (a warm-up run writes it).
Target (issue #11): under 1 s, aiming at 2× the bare window.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "resources" / "demo-report.json"
PROBE = """
import sys
from composer.ui import app, dialogs
dialogs.ask_start_draft = lambda parent, name, year: False  # the demo is an earlier year's report
def shown(window):
    window.repaint()
    print("SHOWN", flush=True)
    from composer.ui import dialogs
    dialogs.ask_save_changes = lambda parent, name: "discard"
    window.close()
sys.exit(app.main([sys.argv[1]], on_shown=shown))
"""
BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 720)
window.show()
def shown():
    window.repaint()
    print("SHOWN", flush=True)
    window.close()
QTimer.singleShot(0, shown)
sys.exit(app.exec())
"""


def time_runs(code: list[str], env: dict[str, str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", *code], env=env, stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - t
        proc.wait(30)
        if line.strip() != "SHOWN":
            raise SystemExit("window did not show")
        times.append(elapsed * 1000)
    return times


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    # As installed (pip compiles the bytecode; the bundle ships it): a first run writes the cache.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["COMPOSER_DATA_DIR"] = tempfile.mkdtemp(prefix="composer-bench-")
    time_runs([PROBE, str(REPORT)], env, 1)  # warm: bytecode cache, fonts
    bare = time_runs([BARE], env, runs)
    ours = time_runs([PROBE, str(REPORT)], env, runs)
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"bare PySide6 window (baseline): median {b:.0f} ms (min {min(bare):.0f}, max {max(bare):.0f})")
    print(f"start to first window with a report open: median {o:.0f} ms (min {min(ours):.0f}, "
          f"max {max(ours):.0f}, {runs} runs) = {o / b:.1f}× the bare window; target < 1000 ms, aim 2×")


if __name__ == "__main__":
    main()
