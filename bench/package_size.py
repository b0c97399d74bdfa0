"""Size of the packaged program and its time from launch to first window (Linux, medians).

    python bench/package_size.py [--bundle dist/composer] [--runs 7]

Needs a built bundle (python packaging/build.py), Xvfb and xdotool. The start time is measured
from the moment the process is started to the moment its main window is mapped on the X server
(xdotool finds a visible window with the process's _NET_WM_PID), with a sample report to open,
a fresh HOME, and the bundle alone (no virtualenv on PATH).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))

import measure  # noqa: E402

SAMPLE = "xingfu-2023.expected.json"
BARE_WINDOW = [sys.executable, "-c", "from PySide6.QtWidgets import QApplication, QMainWindow\n"
               "app = QApplication([])\nwindow = QMainWindow()\nwindow.resize(800, 600)\nwindow.show()\napp.exec()"]


def _start_xvfb() -> tuple[subprocess.Popen[bytes], int]:
    """A fresh Xvfb on a display it chose itself, once it accepts connections (-displayfd writes the
    number only then), that does not reset when its last client leaves (-noreset: a program started
    during such a reset could not connect and aborted)."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-noreset", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(write,))
    os.close(write)
    with os.fdopen(read) as pipe:
        line = pipe.readline().strip()
    if not line.isdigit():
        xvfb.kill()
        raise SystemExit("Xvfb 没有启动")
    return xvfb, int(line)


def start_times(command: list[str], runs: int) -> list[float]:
    xvfb, display = _start_xvfb()
    times = []
    try:
        with tempfile.TemporaryDirectory() as home:
            env = {"PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8", "DISPLAY": f":{display}",
                   "QT_QPA_PLATFORM": "xcb", "XDG_RUNTIME_DIR": home}
            for _ in range(runs):
                started = time.perf_counter()
                app = subprocess.Popen(command, env=env, cwd=home,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                try:
                    while True:
                        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(app.pid)],
                                               env=env, capture_output=True).stdout.strip()
                        if found:
                            times.append(time.perf_counter() - started)
                            break
                        if app.poll() is not None:
                            raise SystemExit(f"程序没有打开窗口就退出了（退出码 {app.returncode}）")
                        if time.perf_counter() - started > 60:
                            raise SystemExit("60 秒内没有出现窗口")
                        time.sleep(0.01)
                finally:
                    app.terminate()
                    app.wait(timeout=30)
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description="打包后程序的大小与启动时间")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "composer")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    exe = args.bundle / "composer"
    if not exe.is_file():
        raise SystemExit(f"没有 {exe}：先运行 python packaging/build.py")
    with tempfile.TemporaryDirectory() as tmp:
        archive = measure.make_archive(args.bundle, Path(tmp) / "composer.tar.xz")
        for line in measure.size_lines(args.bundle, archive):
            print(line)
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        print("启动时间：未测（需要 Xvfb 和 xdotool）")
        return 0
    samples = ROOT / "tests" / "fixtures" / "samples"
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "样例.nianbao"
        shutil.copyfile(samples / SAMPLE, report)
        start_times([str(exe), str(report)], 1)  # warm the page cache: the figure is a warm start
        times = start_times([str(exe), str(report)], args.runs)
        start_times(BARE_WINDOW, 1)
        bare = start_times(BARE_WINDOW, args.runs)
    median = statistics.median(times)
    print(f"启动到出现主窗口（热启动，{len(times)} 次中位数）：{median:.2f} 秒（最快 {min(times):.2f}，"
          f"最慢 {max(times):.2f}；目标 ≤ {measure.TARGET_START_S:.0f} 秒，"
          f"{measure.verdict(median, measure.TARGET_START_S)}）")
    print(f"基线：同一 Xvfb 上空 PySide6 窗口（本虚拟环境的 Python）{statistics.median(bare):.2f} 秒；"
          f"打包程序为其 {median / statistics.median(bare):.1f} 倍")
    print(f"（本机 {os.cpu_count()} 核，与其他任务共用时数值偏大）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
