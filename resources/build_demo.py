"""Rebuild resources/demo-report.json: the report the program opens when started without a file.

It is the 幸福乡 2023 sample imported through the DOCX importer, unchanged — a real report with
one real finding (行政强制 left blank) so a first-time user sees the checks at work.
Run from the repository root: python resources/build_demo.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from composer.importers import import_file  # noqa: E402
from composer.report import save_report  # noqa: E402
from tests.factories import SAMPLES  # noqa: E402


def main() -> None:
    result = import_file(SAMPLES / "xingfu-2023.docx")
    save_report(result.report, ROOT / "resources" / "demo-report.json")
    print(f"resources/demo-report.json ← {SAMPLES / 'xingfu-2023.docx'}")


if __name__ == "__main__":
    main()
