"""What reading a document in a child process costs (composer.isolation): the median time of
opening each sample DOCX and text through ``open_any`` (child process, memory and time ceiling)
against the same import in this process, measured in the same run, as ratios.

    python bench/isolation.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from composer.isolation import Outcome  # noqa: E402
from composer.opening import open_any  # noqa: E402

SAMPLES = ROOT / "tests" / "fixtures" / "samples"
FILES = ("xingfu-2023.docx", "qingshankou-2022.docx", "xingfu-2023.txt")


def median_ms(path: Path, runs: int, isolated: bool) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        open_any(path, isolated=isolated)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    open_any(SAMPLES / FILES[0])  # the fork server starts once per program: not counted
    print(f"{'file':28} {'in process':>11} {'child':>9} {'ratio':>6} {'child peak':>11}")
    for name in FILES:
        here = median_ms(SAMPLES / name, args.runs, isolated=False)
        child = median_ms(SAMPLES / name, args.runs, isolated=True)
        print(f"{name:28} {here:9.0f} ms {child:6.0f} ms {child / here:6.2f} {Outcome.peak_rss / 2**20:8.0f} MB")


if __name__ == "__main__":
    main()
