"""Median import time per sample: DOCX, text, and (with LibreOffice) PDF and HTML made from the DOCX.

    python bench/import_.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from composer.office_suite import find_soffice

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from composer.importers import import_file  # noqa: E402

SAMPLES = ROOT / "tests" / "fixtures" / "samples"
NAMES = ("xingfu-2023", "qingshankou-2022", "huashu-2023")


def median_ms(path: Path, runs: int) -> float:
    import_file(path)  # warm-up: imports of python-docx / pdfplumber are not per file
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        import_file(path)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def convert(kind: str, tmp: Path) -> list[Path]:
    soffice = find_soffice()
    if soffice is None:
        return []
    subprocess.run([soffice, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless",
                    "--convert-to", kind, "--outdir", str(tmp / kind),
                    *(str(SAMPLES / f"{n}.docx") for n in NAMES)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300, check=False)
    return [tmp / kind / f"{n}.{kind}" for n in NAMES]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = [SAMPLES / f"{n}.{ext}" for ext in ("docx", "txt") for n in NAMES]
        files += convert("pdf", Path(tmp)) + convert("html", Path(tmp))
        print(f"median of {args.runs} imports (ms); target for DOCX: ≤ 150 ms")
        for path in files:
            if path.is_file():
                print(f"  {path.suffix[1:]:5} {path.stem:18} {median_ms(path, args.runs):7.1f}")
            else:
                print(f"  {path.suffix[1:]:5} {path.stem:18}  (no LibreOffice: not converted)")


if __name__ == "__main__":
    main()
