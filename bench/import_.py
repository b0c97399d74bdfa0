"""Median import time per sample: DOCX, text (both forms), and (with LibreOffice) PDF and HTML
made from the DOCX; and per real-world PDF (``../shared/real-world`` beside the checkout, where
present) against a baseline measured in the same run: pdfplumber's bare text extraction of
the same file (target: each real-world PDF imported in under 1 s on the 2-core machine).

    python bench/import_.py [--runs N] [--real-world-only]
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
REAL_WORLD = ROOT / ".." / "shared" / "real-world"
NAMES = ("xingfu-2023", "qingshankou-2022", "huashu-2023")


def median_ms(path: Path, runs: int, func=import_file) -> float:
    func(path)  # warm-up: imports of python-docx / pdfplumber are not per file
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func(path)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bare_pdf_text(path: Path) -> None:
    """The baseline: pdfplumber's own text extraction of every page, nothing else."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def cpu_ms(path: Path, runs: int, func=import_file) -> float:
    """Median CPU time of this process: steadier than wall-clock when other jobs share the cores."""
    func(path)
    times = []
    for _ in range(runs):
        start = time.process_time()
        func(path)
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def real_world(runs: int) -> None:
    pdfs = sorted(REAL_WORLD.glob("*.pdf"))
    if not pdfs:
        print(f"real-world PDFs: none in {REAL_WORLD.resolve()} (skipped)")
        return
    print(f"real-world PDFs, median of {runs} (ms), import / pdfplumber bare text extraction = ratio; "
          "target: import < 1000 ms")
    print(f"  {'':18} {'wall-clock':>26}   {'CPU time':>26}")
    for path in pdfs:
        wall = median_ms(path, runs), median_ms(path, runs, bare_pdf_text)
        cpu = cpu_ms(path, runs), cpu_ms(path, runs, bare_pdf_text)
        print(f"  {path.stem:18} {wall[0]:7.1f} / {wall[1]:7.1f} = {wall[0] / wall[1]:4.2f}x"
              f"   {cpu[0]:7.1f} / {cpu[1]:7.1f} = {cpu[0] / cpu[1]:4.2f}x")


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
    parser.add_argument("--real-world-only", action="store_true", help="only the real-world PDFs")
    args = parser.parse_args()
    if args.real_world_only:
        real_world(max(3, args.runs // 4))
        return
    with tempfile.TemporaryDirectory() as tmp:
        files = [SAMPLES / f"{n}.{ext}" for ext in ("docx", "txt") for n in NAMES]
        files.append(SAMPLES / "xingfu-2023.webcopy.txt")
        files += convert("pdf", Path(tmp)) + convert("html", Path(tmp))
        print(f"median of {args.runs} imports (ms); target for DOCX: ≤ 150 ms")
        for path in files:
            if path.is_file():
                print(f"  {path.suffix[1:]:5} {path.stem:18} {median_ms(path, args.runs):7.1f}")
            else:
                print(f"  {path.suffix[1:]:5} {path.stem:18}  (no LibreOffice: not converted)")
    real_world(max(3, args.runs // 4))


if __name__ == "__main__":
    main()
