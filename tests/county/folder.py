"""A county folder made from the samples: units in two regions, one with known errors, one
unreadable, one Word document — and what each file should give, computed independently."""

from __future__ import annotations

import shutil
from pathlib import Path

from composer.report import Report, save_report
from tests.factories import SAMPLES, sample_report

# relative path -> (organ, how it was made)
UNREADABLE = "西区/坏文件.docx"
BROKEN = "东区/幸福乡-有错.json"


def make_units() -> dict[str, Report]:
    """The JSON units (relative path -> report) of the folder."""
    good = sample_report("xingfu-2023")
    good.cells["tables.active.coercion"] = 0  # the published blank, filled
    broken = sample_report("xingfu-2023")
    broken.organ = "长春市南关区幸福乡人民政府（报错版）"
    broken.cells["tables.requests.new.natural"] = 2  # T3.ROW on 一 and T3.BALANCE on 自然人
    broken.cells["tables.review.reconsideration.total"] = 3  # T4.SUM
    blank = sample_report("huashu-2023")
    blank.organ = "临江市桦树镇人民政府（JSON）"
    blank.cells["tables.requests.new.natural"] = None  # blank: totals over it stay blank
    return {"东区/幸福乡.json": good, BROKEN: broken, "西区/桦树镇.json": blank,
            "青山口乡.json": sample_report("qingshankou-2022")}


def make_folder(root: Path, *, docx: bool = True) -> dict[str, Report]:
    """Write the folder; returns the JSON units (the DOCX and the unreadable file aside)."""
    units = make_units()
    for rel, report in units.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        save_report(report, root / rel)
    (root / "西区").mkdir(exist_ok=True)
    (root / UNREADABLE).write_bytes(b"PK\x03\x04 not really a Word file")
    if docx:
        shutil.copy(SAMPLES / "huashu-2023.docx", root / "西区" / "桦树镇.docx")
    (root / "西区" / "~$桦树镇.docx").write_bytes(b"lock")  # Word's lock file: never a unit
    (root / "说明.xlsx").write_bytes(b"not a report type")  # not an importable suffix
    return units
