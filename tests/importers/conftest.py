"""Shared inputs: the samples, and PDF/HTML made from the sample DOCX by real LibreOffice."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from composer.office_suite import find_soffice
from tests.factories import SAMPLE_NAMES, SAMPLES


@pytest.fixture(scope="session")
def office_copies(tmp_path_factory) -> Path:
    """The sample DOCX converted by LibreOffice to PDF and to HTML: ``dir/pdf/NAME.pdf``, ``dir/html/NAME.html``."""
    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot make PDF/HTML from the samples")
    out = tmp_path_factory.mktemp("office")
    for kind in ("pdf", "html"):
        subprocess.run([soffice, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless",
                        "--convert-to", kind, "--outdir", str(out / kind),
                        *(str(SAMPLES / f"{n}.docx") for n in SAMPLE_NAMES)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300, check=True)
        for n in SAMPLE_NAMES:
            assert (out / kind / f"{n}.{kind}").is_file(), f"LibreOffice did not write {n}.{kind}"
    return out
