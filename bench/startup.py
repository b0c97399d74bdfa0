"""Start to first window: wall time from launching `python -m composer` to the window's first paint.

    python bench/startup.py [RUNS]       (uses offscreen Qt unless QT_QPA_PLATFORM is set)
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
PROBE = """
import sys, time
from composer.ui import app
def shown(window):
    window.repaint()
    print("SHOWN", flush=True)
    from composer.ui import dialogs
    dialogs.ask_save_changes = lambda parent, name: "discard"
    window.close()
sys.exit(app.main([], on_shown=shown))
"""


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["COMPOSER_DATA_DIR"] = tempfile.mkdtemp(prefix="composer-bench-")
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", PROBE], env=env, stdout=subprocess.PIPE, text=True)
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - t
        proc.wait(30)
        if line.strip() != "SHOWN":
            raise SystemExit("window did not show")
        times.append(elapsed * 1000)
    print(f"start to first window: median {statistics.median(times):.0f} ms "
          f"(min {min(times):.0f}, max {max(times):.0f}, {runs} runs, target ≤ 1000 ms)")


if __name__ == "__main__":
    main()
