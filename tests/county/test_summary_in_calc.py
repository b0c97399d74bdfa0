"""The 汇总 workbook opened by a real spreadsheet program: LibreOffice Calc computes the total
row's formulas, and they equal the totals composer computed (a blank stays blank)."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest

from composer.county import metrics
from composer.county.summary import summarize, write_summary
from composer.office_suite import find_soffice
from tests.factories import SAMPLE_NAMES, sample_report


def _calc_csv(soffice: str, xlsx: Path, out: Path) -> list[list[str]]:
    """The first sheet as LibreOffice computes it, as UTF-8 CSV (filter option 76 = UTF-8)."""
    proc = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{out / 'profile'}",
                           "--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76', "--outdir", str(out),
                           str(xlsx)], capture_output=True, text=True, timeout=180)
    target = out / f"{xlsx.stem}.csv"
    if not target.exists():
        if "could not be loaded" in proc.stderr + proc.stdout:
            pytest.skip("LibreOffice without Calc (install libreoffice-calc-nogui) cannot open .xlsx")
        raise AssertionError(proc.stderr)
    return list(csv.reader(target.read_text("utf-8").splitlines()))


@pytest.mark.slow
def test_calc_computes_the_total_row_as_composer_does(tmp_path):
    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    units = [(name, sample_report(name)) for name in SAMPLE_NAMES]
    units[1][1].cells["tables.requests.carried_over.total"] = None  # a blank key figure
    summary = summarize(units, "南关区")
    write_summary(summary, tmp_path / "汇总.xlsx")
    rows = _calc_csv(soffice, tmp_path / "汇总.xlsx", tmp_path)
    names = [n for n, _ in metrics.KEY_FIGURES]
    assert rows[0][:2 + len(names)] == ["单位", "年度", *names]
    total_row = next(r for r in rows if r and r[0] == "合计")
    expected = metrics.key_figures(summary.report())
    assert expected["上年结转"] is None
    assert total_row[2:2 + len(names)] == ["" if expected[n] is None else str(expected[n]) for n in names]
