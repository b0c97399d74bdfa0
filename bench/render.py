"""Median render times: DOCX (target ≤ 300 ms), HTML, and one PDF conversion if LibreOffice is there.

    python bench/render.py [RUNS]

Each sample report (tables from expected.json, prose from the sample's text) is rendered
RUNS times to memory; the first render (template compilation) is reported separately.
Also, as ratios to a baseline measured in the same run: what the promise check adds to a
render, what checking a custom template costs, and the bounded sandbox (loop budget, size
checks) against jinja's plain sandbox on a loop-heavy template.
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
from composer.render.jinja import environment  # noqa: E402
from composer.render.resources import default_template_path  # noqa: E402
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
    _checks(reports[SAMPLE_NAMES[0]], runs)
    _sandbox(runs)
    if find_soffice():
        from composer.render import render

        with tempfile.TemporaryDirectory() as tmp:
            pdf_ms = timed(lambda: render(reports[SAMPLE_NAMES[0]], Path(tmp) / "out.pdf"), 3)
        print(f"PDF via LibreOffice: median {statistics.median(pdf_ms):.0f} ms (3 runs)")
    else:
        print("PDF: LibreOffice not installed, not measured")
    return 0


def _checks(report, runs: int) -> None:
    """The default template rendered as a custom one (pre-check + render + promise check)."""
    from composer.render import promises

    default_ms = statistics.median(timed(lambda: docx_bytes(report), runs))
    custom_ms = statistics.median(timed(lambda: docx_bytes(report, default_template_path()), runs))
    original = promises.check_promises
    promises_off = lambda *args: None  # noqa: E731 - the baseline without the promise check
    import composer.render.docx as docx_module

    docx_module.check_promises = promises_off
    try:
        unchecked_ms = statistics.median(timed(lambda: docx_bytes(report), runs))
    finally:
        docx_module.check_promises = original
    print(f"promise check: render {default_ms:.0f} ms vs {unchecked_ms:.0f} ms without it "
          f"(×{default_ms / unchecked_ms:.2f}); as a custom template (checked first): {custom_ms:.0f} ms "
          f"(×{custom_ms / default_ms:.2f} of the default)")


def _sandbox(runs: int) -> None:
    from jinja2.sandbox import SandboxedEnvironment

    source = ("{% for i in range(300) %}{% for j in range(100) %}{{ (i * j) ~ '，' }}{% endfor %}"
              "{{ '%05d' % i }}{{ 'x'.center(20) }}{% endfor %}")
    bounded = environment().from_string(source)
    plain = SandboxedEnvironment(autoescape=True).from_string(source)
    assert bounded.render() == plain.render()
    bounded_ms = statistics.median(timed(bounded.render, runs))
    plain_ms = statistics.median(timed(plain.render, runs))
    print(f"bounded sandbox on 30 000 loop steps: {bounded_ms:.1f} ms vs jinja's sandbox {plain_ms:.1f} ms "
          f"(×{bounded_ms / plain_ms:.2f})")


if __name__ == "__main__":
    sys.exit(main())
