"""The real main window on a 1366×768 laptop at 100 %, 125 % and 150 % scaling, each in a process of its
own (Qt reads QT_SCALE_FACTOR once). The window stays within the screen; at 125 % table 三 shows at
least 12 body rows. Screenshots of the start page, table 三 and the findings panel are saved under
build/test-output/screens/ for a person to look at."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("screen_driver.py")
OUT = ROOT / "build" / "test-output" / "screens"


def run_driver(scale: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "QT_SCALE_FACTOR")}
    proc = subprocess.run([sys.executable, str(DRIVER), scale, str(OUT)], capture_output=True, text=True,
                          timeout=120, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize("scale, min_rows", [("1.0", 12), ("1.25", 12), ("1.5", 6)])
def test_window_fits_the_laptop_screen(scale, min_rows):
    got = run_driver(scale)
    sw, sh = got["screen"]
    assert (sw, sh) == (round(1366 / float(scale)), round(768 / float(scale)))
    for key in ("window", "window_after"):  # when it opens, and with a draft open on table 三
        x, y, w, h = got[key]
        assert x >= 0 and y >= 0 and x + w <= sw and y + h <= sh, (key, got[key], got["screen"])
    assert got["on_start_page"]
    assert got["table3_rows"] >= min_rows, got
    assert got["grid_hscroll"] == 0  # table 三 fits across: no sideways scrolling
    assert not got["problems"]
    # what needs reading is on top, blank cells are one line per table
    lines = got["findings_lines"]
    assert any(line.startswith("表三还有") for line in lines)
    first_group = next(i for i, line in enumerate(lines) if "格未填" in line)
    assert all(not line.startswith("表") for line in lines[:first_group])
    tag = round(float(scale) * 100)
    for name in ("start", "table3", "findings"):
        assert (OUT / f"{name}-{tag}.png").stat().st_size > 1000
