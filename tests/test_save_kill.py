"""kill -9 in the middle of saving, a few hundred times: the file is always the old or the new
version, never torn, and no temporary file survives the next start in that folder."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from composer.fileio import is_temp_name
from composer.opening import open_any
from composer.project import Project, save_project
from composer.report import Report

ROOT = Path(__file__).resolve().parents[1]
KILLS = 200

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL: POSIX")]

_SAVER = textwrap.dedent("""
    import sys
    from composer.project import Project, save_project
    from composer.report import Report
    path = sys.argv[1]
    versions = []
    for name in ("甲版", "乙版"):
        r = Report(year=2025, organ=name)
        r.sections["overview"] = (name + "。") * 150_000  # about 1 MB: a save takes a while
        versions.append(Project(r))
    print("READY", flush=True)
    n = 0
    while True:
        save_project(versions[n % 2], path)
        n += 1
""")


def test_kill_during_save_leaves_old_or_new_and_no_temporary_file(tmp_path):
    path = tmp_path / "报告.nianbao"
    save_project(Project(Report(year=2025, organ="原稿")), path)
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    rng = random.Random(14)
    seen: set[str] = set()
    torn = 0  # kills that left a temporary file: they landed inside a save
    for _ in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-c", _SAVER, str(path)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=env)
        try:
            assert proc.stdout.readline().strip() == "READY", proc.stderr.read()
            try:
                proc.wait(rng.uniform(0.0, 0.25))
            except subprocess.TimeoutExpired:
                pass
            os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.kill()
            proc.wait()
        torn += any(is_temp_name(p.name) for p in tmp_path.iterdir())
        opened = open_any(path)  # the next start: reads the file, cleans the folder
        organ = opened.project.report.organ
        assert organ in ("原稿", "甲版", "乙版")
        if organ != "原稿":
            assert opened.project.report.sections["overview"] == (organ + "。") * 150_000
        seen.add(organ)
        assert [p.name for p in tmp_path.iterdir() if is_temp_name(p.name)] == []
    assert {"甲版", "乙版"} <= seen and torn > KILLS // 10, torn  # the kills did land during saves
