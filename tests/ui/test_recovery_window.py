"""The recovery window: a clerk types without a pause, the program is killed, at most 5 s are lost.

The real main window runs in a child process (tests/ui/crash_driver.py, offscreen) and types a
key into 机关名称 every 0.3 s; after 20 s of typing the test kills it with SIGKILL (no cleanup
runs, as in a crash or a power cut), then starts a real window here, which offers the copy.
What the copy holds tells which keys were saved; the time from the first key not in the copy
to the kill is what was lost.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from composer.ui import dialogs
from composer.ui.app import create_main_window

from .crash_driver import TYPED

ROOT = Path(__file__).resolve().parents[2]
TYPING_SECONDS = 20.0
GAP = 0.3
MAX_LOST_SECONDS = 5.0

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL of a child: POSIX")]


def run_and_kill(report_file: Path, data_dir: Path) -> tuple[list[float], float]:
    """(time of each key typed, time of the kill), on the monotonic clock shared with the child."""
    env = dict(os.environ, COMPOSER_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("crash_driver.py")), str(report_file),
                             "type", str(TYPING_SECONDS + 10), str(GAP)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    keys: list[float] = []
    started = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            parts = line.split()
            if parts and parts[0] == "START":
                started.set()
            elif parts and parts[0] == "KEY":
                keys.append(float(parts[2]))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert started.wait(60), proc.stderr.read() if proc.poll() is not None else "the window did not start"
        time.sleep(TYPING_SECONDS)
        os.kill(proc.pid, signal.SIGKILL)
        killed_at = time.monotonic()
    finally:
        proc.kill()
        proc.wait()
    reader.join(5)
    return keys, killed_at


def test_continuous_typing_loses_at_most_five_seconds(qtbot, report_file, data_dir, messages, monkeypatch):
    keys, killed_at = run_and_kill(report_file, data_dir)
    typed = [t for t in keys if t <= killed_at]
    assert len(typed) >= TYPING_SECONDS / GAP * 0.6, f"only {len(typed)} keys typed in {TYPING_SECONDS} s"

    offered = []
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, source, saved_at: offered.append(saved_at) or True)
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: "discard")
    w = create_main_window()
    qtbot.addWidget(w)
    assert len(offered) == 1 and offered[0] > 0
    organ = w.doc.report.organ
    base = "测试乡人民政府"
    assert organ.startswith(base)
    saved = organ[len(base):]
    assert saved == "".join(TYPED[i % len(TYPED)] for i in range(len(saved)))  # the keys, in order, none torn
    assert len(saved) <= len(typed)
    lost = killed_at - typed[len(saved)] if len(saved) < len(typed) else 0.0
    print(f"typed {len(typed)} keys, {len(saved)} in the recovery copy, {lost:.1f} s of typing lost")
    assert lost <= MAX_LOST_SECONDS
    assert w.doc.path == report_file.resolve() and w.isWindowModified()
