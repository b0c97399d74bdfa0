"""Each kind of failure a user can meet reaches them as a Chinese message, never a traceback.

The tests elsewhere assert the kind; here, one input per kind goes through the CLI and the
message the clerk reads is checked: Chinese, naming the file, exit code 2.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from composer import errors
from composer.cli import run
from composer.opening import open_any
from tests.importers.helpers import make_pdf, zip_bytes

SAMPLES = Path(__file__).resolve().parent / "fixtures" / "samples"


def _empty(tmp: Path) -> Path:
    (tmp / "空.docx").write_bytes(b"")
    return tmp / "空.docx"


def _unknown(tmp: Path) -> Path:
    (tmp / "数据.dat").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    return tmp / "数据.dat"


def _corrupt(tmp: Path) -> Path:
    (tmp / "坏.docx").write_bytes(b"PK\x03\x04" + b"\x00garbage" * 40)
    return tmp / "坏.docx"


def _encoding(tmp: Path) -> Path:
    (tmp / "乱码.txt").write_bytes(b"\xff\xfe\xfd\x80\xff" * 40 + b"\xff")
    return tmp / "乱码.txt"


def _not_a_report(tmp: Path) -> Path:
    (tmp / "通知.txt").write_text("关于召开会议的通知\n请各单位准时参加。\n", encoding="utf-8")
    return tmp / "通知.txt"


def _scanned(tmp: Path) -> Path:
    (tmp / "扫描件.pdf").write_bytes(make_pdf(["", ""], image_only=True))
    return tmp / "扫描件.pdf"


def _zip_bomb(tmp: Path) -> Path:
    (tmp / "炸弹.docx").write_bytes(zip_bytes({"[Content_Types].xml": b"<Types/>",
                                               "word/document.xml": b"<" + b" " * (64 * 1024 * 1024) + b"/>"}))
    return tmp / "炸弹.docx"


def _too_large(tmp: Path) -> Path:
    path = tmp / "很长.txt"
    path.write_bytes(("一、总体情况\n" + "文字" * 100 + "\n").encode("utf-8") * 20_000)
    return path


def _missing_file(tmp: Path) -> Path:
    return tmp / "不存在的报告.docx"


def _report_json(tmp: Path) -> Path:
    (tmp / "坏的.json").write_text("{ 不是 JSON", encoding="utf-8")
    return tmp / "坏的.json"


def _newer_version(tmp: Path) -> Path:
    data = json.loads((SAMPLES / "xingfu-2023.expected.json").read_text("utf-8"))
    data.update(format="gov-info-disclosure-annual-report", version=99)
    (tmp / "新版.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return tmp / "新版.json"


KINDS = [
    (errors.EmptyFile, _empty),
    (errors.UnknownFileType, _unknown),
    (errors.CorruptDocument, _corrupt),
    (errors.UnreadableEncoding, _encoding),
    (errors.NotAReport, _not_a_report),
    (errors.ScannedPdf, _scanned),
    (errors.ZipBomb, _zip_bomb),
    (errors.TooLarge, _too_large),
    (errors.FileAccessError, _missing_file),
    (errors.ReportFileError, _report_json),
    (errors.UnsupportedVersionError, _newer_version),
]


@pytest.mark.parametrize("kind, make", KINDS, ids=[k.__name__ for k, _ in KINDS])
def test_each_kind_reaches_the_clerk_in_chinese(kind, make, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COMPOSER_DATA_DIR", str(tmp_path / "data"))
    path = make(tmp_path)
    with pytest.raises(kind) as caught:
        open_any(path)
    assert type(caught.value) is kind  # the most specific kind, not a parent
    code = run(["check", str(path)])
    out = capsys.readouterr()
    assert code == 2
    text = out.out + out.err
    assert caught.value.message in text
    assert path.name in text
    assert re.search(r"[\u4e00-\u9fff]{4}", caught.value.message)
    assert "Traceback" not in text and "Error" not in text


def test_every_kind_of_import_failure_is_exercised_or_named_here():
    """A new kind under ImportFailed gets its line above (or is listed as needing a real office suite)."""
    needs_more = {errors.ImportFailed, errors.EncryptedDocument, errors.ResourceLimit, errors.OfficeMissing,
                  errors.OfficeConversionFailed}
    covered = {k for k, _ in KINDS}

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    assert set(subclasses(errors.ImportFailed)) <= covered | needs_more
