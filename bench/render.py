"""Median render times: DOCX (target ≤ 300 ms), HTML, and one PDF conversion if LibreOffice is there.

    python bench/render.py [RUNS]

Each sample report (tables from expected.json, prose from the sample's text) is rendered
RUNS times to memory; the first render (template compilation) is reported separately.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from composer.office_suite import find_soffice  # noqa: E402
from composer.render.docx import docx_bytes  # noqa: E402
from composer.render.html import html_text  # noqa: E402
from tests.factories import SAMPLE_NAMES, SAMPLES, sample_report  # noqa: E402


def sample_with_prose(name: str):
    report = sample_report(name)
    lines = [line for line in (SAMPLES / f"{name}.txt").read_text("utf-8").splitlines()
             if line and not line.startswith("\t")]
    report.preamble = lines[1] if len(lines) > 1 else ""
    report.sections["overview"] = "\n".join(lines[2:12])
    report.sections["problems"] = "\n".join(lines[-6:-3])
    report.sections["other"] = "\n".join(lines[-3:])
    report.signature_organ = report.organ
    return report


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    reports = {n: sample_with_prose(n) for n in SAMPLE_NAMES}
    first = timed(lambda: docx_bytes(reports[SAMPLE_NAMES[0]]), 1)[0]
    print(f"DOCX first render (compiles the template): {first:.0f} ms")
    for name, report in reports.items():
        docx_ms = statistics.median(timed(lambda report=report: docx_bytes(report), runs))
        html_ms = statistics.median(timed(lambda report=report: html_text(report), runs))
        print(f"{name}: DOCX median {docx_ms:.0f} ms (target ≤ 300 ms), HTML median {html_ms:.1f} ms "
              f"({runs} runs)")
    if find_soffice():
        from composer.render import render

        with tempfile.TemporaryDirectory() as tmp:
            pdf_ms = timed(lambda: render(reports[SAMPLE_NAMES[0]], Path(tmp) / "out.pdf"), 3)
        print(f"PDF via LibreOffice: median {statistics.median(pdf_ms):.0f} ms (3 runs)")
    else:
        print("PDF: LibreOffice not installed, not measured")
    return 0


if __name__ == "__main__":
    sys.exit(main())
