"""The county office's desk at scale: check a folder of reports, build its 汇总 and 问题清单.

For 100, 1,000 and 3,000 reports generated from the samples (half DOCX copies of the three
sample Word files, half report JSON with random consistent tables, one in ten with a broken
sum, a few unreadable files; twenty units to a subfolder) it prints the wall time of

- the folder check (``check_folder``: worker processes on all cores),
- the 汇总 (summing every cell, writing the .xlsx with its charts),
- the 问题清单 (.xlsx with a sheet per unit),

and, measured in the same run as baselines: the bare loop of ``load_report`` over the JSON
files, and (100 and 1,000 only) a sequential check in one process (documents read in-process,
``check_file`` one after another). Peak memory: this process and the largest worker.
Target: ≤ 30 s for 1,000 reports (check + 汇总 + 问题清单) on a 2-core machine, ≤ 1 GB memory.

Run: .venv/bin/python bench/county.py [sizes…]
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from composer import schema  # noqa: E402
from composer.report import load_report, save_report  # noqa: E402

SIZES = (100, 1000, 3000)
TARGET_SECONDS = 30
TARGET_MB = 1024


def make_folder(root: Path, n: int, seed: int = 7) -> list[Path]:
    """``n`` reports in subfolders of twenty; returns the JSON files (for the baseline)."""
    from hypothesis import HealthCheck, given, settings

    from tests.factories import SAMPLE_NAMES, SAMPLES, consistent_reports

    rng = random.Random(seed)
    reports = []

    @settings(max_examples=max(1, n // 2), database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(consistent_reports(max_count=30))
    def collect(report):
        reports.append(report)

    collect()
    json_files = []
    for i in range(n):
        region = root / f"片区{i // 20:03d}"
        region.mkdir(exist_ok=True)
        if i % 50 == 49:
            (region / f"单位{i:04d}.docx").write_bytes(b"PK\x03\x04 broken")  # unreadable
        elif i % 2:
            name = SAMPLE_NAMES[i % len(SAMPLE_NAMES)]
            shutil.copy(SAMPLES / f"{name}.docx", region / f"单位{i:04d}.docx")
        else:
            report = reports[(i // 2) % len(reports)].copy()
            report.organ = f"第{i:04d}单位人民政府"
            report.year = 2023
            report.sections["overview"] = f"本年度第{i}单位认真贯彻落实政府信息公开条例。"
            if rng.random() < 0.1:
                report.cells[schema.requests_path("new", "natural")] = rng.randint(31, 60)  # a broken sum
            if rng.random() < 0.05:
                report.cells["tables.active.coercion"] = None  # a blank the 汇总 must carry
            path = region / f"单位{i:04d}.json"
            save_report(report, path)
            json_files.append(path)
    return json_files


def peak_mb() -> tuple[float, float]:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return self_kb / 1024, child_kb / 1024


def cpu_seconds() -> float:
    """CPU time of this process and its ended children: unlike wall time, not inflated when other
    work shares the machine."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def timed(func):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    result = func()
    return result, time.perf_counter() - t0


def timed_cpu(func):  # type: ignore[no-untyped-def]
    """(result, wall seconds, CPU seconds); the CPU of pool workers is counted once they have ended."""
    c0 = cpu_seconds()
    result, wall = timed(func)
    return result, wall, cpu_seconds() - c0


def _check_and_reap(folder: Path):  # type: ignore[no-untyped-def]
    """The folder check, then wait for the pool's workers to exit so that their CPU is counted."""
    import multiprocessing

    from composer.county.batch import check_folder

    batch = check_folder(folder)
    for child in multiprocessing.active_children():
        child.join(10)
    return batch


def run(n: int, *, sequential: bool) -> None:
    from composer.county.batch import check_file, find_files
    from composer.county.issue_list import write_issue_list
    from composer.county.summary import summarize_batch, write_summary

    with tempfile.TemporaryDirectory(prefix="county-bench-") as tmp:
        folder = Path(tmp) / "县"
        folder.mkdir()
        json_files = make_folder(folder, n)
        load = os.getloadavg()[0]
        batch, t_check, c_check = timed_cpu(lambda: _check_and_reap(folder))
        summary, t_sum, c_sum = timed_cpu(lambda: summarize_batch(batch))
        _, t_sum_write, c_sum_write = timed_cpu(lambda: write_summary(summary, Path(tmp) / "汇总.xlsx"))
        _, t_list, c_list = timed_cpu(lambda: write_issue_list(batch.units, Path(tmp) / "问题清单.xlsx"))
        _, t_load = timed(lambda: [load_report(p) for p in json_files])
        counts = batch.counts()
        total = t_check + t_sum + t_sum_write + t_list
        print(f"\n{n} reports ({len(json_files)} JSON, {n - len(json_files)} DOCX incl. "
              f"{counts['无法读取']} unreadable; {os.cpu_count()} cores)")
        print(f"  folder check (parallel)       {t_check:7.2f} s   {t_check / n * 1000:6.1f} ms/report"
              f"   (CPU {c_check:.1f} s; load average before {load:.1f})")
        print(f"  汇总 (sum + write .xlsx)       {t_sum + t_sum_write:7.2f} s   (CPU {c_sum + c_sum_write:.1f} s)")
        print(f"  问题清单 (.xlsx)               {t_list:7.2f} s   (CPU {c_list:.1f} s)")
        cpu_total = c_check + c_sum + c_sum_write + c_list
        print(f"  total                         {total:7.2f} s   (CPU {cpu_total:.1f} s)   target ≤ {TARGET_SECONDS} s "
              f"at 1,000{'  OK' if n != 1000 or total <= TARGET_SECONDS else '  OVER'}")
        print(f"  baseline: load_report loop over the JSON files  {t_load:7.2f} s "
              f"(check/JSON-load = {t_check / t_load:.1f}x)")
        if sequential:
            os.environ["COMPOSER_IN_PROCESS"] = "1"
            try:
                files = find_files(folder)
                _, t_seq, c_seq = timed_cpu(lambda: [check_file(str(p), str(folder), None, False) for p in files])
            finally:
                del os.environ["COMPOSER_IN_PROCESS"]
            print(f"  baseline: sequential check in one process      {t_seq:7.2f} s "
                  f"(CPU {c_seq:.1f} s; parallel speed-up {t_seq / t_check:.2f}x wall, "
                  f"parallel CPU overhead {c_check / c_seq:.2f}x)")
        me, child = peak_mb()
        print(f"  peak memory so far: this process {me:.0f} MB, largest worker {child:.0f} MB "
              f"(target ≤ {TARGET_MB} MB)")


def main() -> None:
    sizes = tuple(int(a) for a in sys.argv[1:]) or SIZES
    print("county desk: check a folder, build its 汇总 and 问题清单")
    for n in sizes:
        run(n, sequential=n <= 1000)


if __name__ == "__main__":
    main()
