"""import, carry-forward and check through the real command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from composer import schema
from composer.report import load_report
from tests.factories import SAMPLE_NAMES, SAMPLES, sample_report

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    return subprocess.run([sys.executable, "-m", "composer", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", cwd=ROOT, timeout=120)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_import_writes_the_expected_json(tmp_path, name):
    out = tmp_path / "out.json"
    proc = run("import", SAMPLES / f"{name}.docx", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    report = load_report(out)
    expected = sample_report(name)
    assert report.cells == expected.cells and report.year == expected.year
    tables = json.loads(out.read_text(encoding="utf-8"))["tables"]
    assert tables == json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))["tables"]


def test_import_warns_on_stderr(tmp_path):
    text = (SAMPLES / "huashu-2023.txt").read_text(encoding="utf-8").replace("\t2.重复申请\n\t0\n", "\t2.重复申请\n")
    src = tmp_path / "copied.txt"
    src.write_text(text, encoding="utf-8")
    proc = run("import", src, "-o", tmp_path / "out.json")
    assert proc.returncode == 0, proc.stderr
    assert "表三 三（五）2.重复申请：只识别到6个数，应为7个" in proc.stderr


def test_a_corrupt_file_exits_2_in_chinese(tmp_path):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"PK\x03\x04 this is no zip")
    proc = run("import", bad, "-o", tmp_path / "out.json")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "文件已损坏" in proc.stderr
    assert not (tmp_path / "out.json").exists()


def test_carry_forward(tmp_path):
    out = tmp_path / "d.json"
    proc = run("carry-forward", SAMPLES / "qingshankou-2022.docx", "-o", out)
    assert proc.returncode == 0, proc.stderr
    draft = load_report(out)
    assert draft.year == 2023 and draft.previous.year == 2022
    assert draft.cells[schema.requests_path("carried_over", "total")] == 0
    assert draft.cells[schema.requests_path("new", "total")] is None


def test_check_reads_a_document_directly():
    proc = run("check", "--json", SAMPLES / "xingfu-2023.docx")
    assert proc.returncode == 0, proc.stderr
    files = json.loads(proc.stdout)["files"]
    assert files[0]["year"] == 2023 and files[0]["errors"] == 0
    assert {f["rule"] for f in files[0]["findings"]} == {"V.BLANK"}  # 行政强制 left blank
