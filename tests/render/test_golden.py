"""word/document.xml of a rendered sample against a golden copy, so layout changes are deliberate.

After an intended change (template, schema), regenerate and review the diff:

    COMPOSER_UPDATE_GOLDEN=1 python -m pytest tests/render/test_golden.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from composer.render.docx import docx_bytes
from tests.render.helpers import HOSTILE, pretty_document_xml, prose_report

GOLDEN = Path(__file__).parent / "golden" / "xingfu-2023.document.xml"


def test_document_xml_matches_golden():
    report = prose_report("xingfu-2023")
    report.sections["problems"] = HOSTILE
    actual = pretty_document_xml(docx_bytes(report))
    if os.environ.get("COMPOSER_UPDATE_GOLDEN"):
        GOLDEN.write_text(actual, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    assert actual == expected, _explain(expected, actual)


def _explain(expected: str, actual: str) -> str:
    diff = "".join(list(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                             "golden", "rendered", n=2))[:80])
    return "rendered document.xml differs from the golden file (COMPOSER_UPDATE_GOLDEN=1 to accept):\n" + diff
