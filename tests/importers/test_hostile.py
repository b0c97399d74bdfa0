"""Broken and hostile files: each ends in a Chinese ImportFailed within seconds, never a traceback."""

from __future__ import annotations

import re
import struct
import time
import zipfile
import zlib

import pytest

from composer.errors import ComposerError, CorruptDocument, ImportFailed, ResourceLimit, TooLarge, ZipBomb
from composer.importers import import_file
from composer.isolation import Outcome
from composer.opening import open_any
from tests.factories import SAMPLES
from tests.importers.helpers import zip_bytes

DOCX = SAMPLES / "xingfu-2023.docx"
CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                 b'2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                 b'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                 b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                 b'officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def package(document: bytes) -> bytes:
    return zip_bytes({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "word/document.xml": document})


# Names of formats and programs a clerk knows; any other Latin word (an exception class such as
# BadZipFile or KeyError, a library's English text) must not reach the user. Quoted data
# (“word/document.xml”, a part of the file) is the file's own text.
_KNOWN_WORDS = {"Word", "WPS", "PDF", "DOCX", "DOC", "JSON", "HTML", "UTF", "LibreOffice", "OpenDocument", "ODT",
                "RTF", "docx", "doc", "wps", "odt", "rtf", "pdf", "json", "nianbao"}


def no_english(message: str) -> bool:
    return set(re.findall(r"[A-Za-z]{3,}", re.sub(r"“[^”]*”", "", message))) <= _KNOWN_WORDS


def fails_fast(path, *, within=5.0, match=None) -> ComposerError:
    start = time.perf_counter()
    with pytest.raises(ComposerError) as err:
        import_file(path)
    assert time.perf_counter() - start < within
    message = err.value.message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message
    assert "Traceback" not in message
    assert no_english(message), message
    if match:
        assert match in message, message
    return err.value


def test_corrupt_zip(tmp_path):
    path = tmp_path / "bad.docx"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 40)
    fails_fast(path, match="文件已损坏")


def test_truncated_docx(tmp_path):
    data = DOCX.read_bytes()
    path = tmp_path / "half.docx"
    path.write_bytes(data[: len(data) // 2])
    fails_fast(path, match="文件已损坏")


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w") as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(100):  # 100 MB of spaces, ~100 KB packed
                member.write(chunk)
    assert path.stat().st_size < 1024 * 1024
    fails_fast(path, match="压缩")


def test_entity_expansion_is_not_performed(tmp_path):
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                      for i in range(1, 10))
           + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
             b"<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")
    path = tmp_path / "lol.docx"
    path.write_bytes(package(lol))
    fails_fast(path)


@pytest.mark.parametrize("document", [
    b"<foo><bar/></foo>",
    b"not xml at all <<<",
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    + b"<w:p>" * 300 + b"</w:body></w:document>",
])
def test_random_xml_as_the_document(tmp_path, document):
    path = tmp_path / "x.docx"
    path.write_bytes(package(document))
    fails_fast(path)


def test_zip_without_a_document(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(zip_bytes({"hello.txt": b"hi"}))
    fails_fast(path)


def test_deeply_nested_html(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div><table><tr><td>" * 20000 + "一、总体情况" + "</td></tr></table></div>"
                    * 20000, encoding="utf-8")
    fails_fast(path, match="没有找到政府信息公开工作年度报告")


def test_a_huge_single_line(tmp_path):
    path = tmp_path / "line.txt"
    path.write_text("一" * 1_300_000, encoding="utf-8")  # 3.9 MB, no newline
    fails_fast(path, match="没有找到")


@pytest.mark.parametrize("content,name,match", [
    (b"", "empty.docx", "空"),
    (b"\x00\x01\x02\x03" * 1000, "blob.bin", "无法识别的文件类型"),
    (b"%PDF-1.4\n garbage", "bad.pdf", None),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "bad.doc", None),
    (b"just some words\n", "notes.txt", "没有找到"),
    (b"{not json", "r.json", "JSON"),
])
def test_small_broken_files(tmp_path, content, name, match):
    path = tmp_path / name
    path.write_bytes(content)
    fails_fast(path, match=match, within=60)


def test_missing_file_and_folder(tmp_path):
    fails_fast(tmp_path / "nothing.docx", match="不存在")
    (tmp_path / "dir.docx").mkdir()
    fails_fast(tmp_path / "dir.docx", match="文件夹")


def test_doc_without_libreoffice_says_what_to_do(tmp_path, monkeypatch):
    from composer.importers import office

    monkeypatch.setattr(office, "find_soffice", lambda: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    err = fails_fast(path)
    assert isinstance(err, ImportFailed) and "LibreOffice" in err.message and "另存为 .docx" in err.message


@pytest.mark.parametrize("error", [KeyError("word/document.xml"), zipfile.BadZipFile("Bad CRC-32"), EOFError("Compressed file ended"),
                                   ValueError("invalid literal"), AttributeError("'NoneType' object"),
                                   IndexError("list index out of range")])
def test_a_library_error_becomes_a_plain_chinese_message(tmp_path, monkeypatch, error):
    """Whatever python-docx raises on a broken package, the message names neither the class
    nor the library's English text."""
    import composer.importers.docx as docx_front

    def broken(path):
        raise error

    monkeypatch.setattr(docx_front, "docx_blocks", broken)
    err = fails_fast(DOCX)
    assert isinstance(err, ImportFailed)
    assert "文件已损坏" in err.message or "无法读取" in err.message
    assert type(error).__name__ not in err.message and str(error) not in err.message


# ---------------------------------------------------------------- families from the fault run
# Each file is made here, small on disk, and opened the way the window and the CLI open it
# (open_any: in a child process with the memory and time ceiling). Each must end in a Chinese
# ImportFailed within 10 s, the child's peak memory under 1 GB.


GB = 1024 ** 3
BOUND_SECONDS = 10.0


def repeated_deflate(chunk: bytes, times: int, *, raw: bool) -> bytes:
    """A deflate stream of ``chunk`` × ``times`` made in milliseconds: each full-flushed block of
    the same input compresses to the same bytes, so one block is repeated (no valid trailer)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15 if raw else 15)
    head = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    assert c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH) == block
    return head + block * (times - 1) + b"\x03\x00"  # an empty final block


def zip_with_lying_directory(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip whose members are (name, deflated bytes, claimed size, crc) as given: the directory
    may say anything about the inflated size."""
    out = bytearray()
    central = bytearray()
    for name, data, claimed, crc in members:
        fname = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), claimed, len(fname), 0)
        out += fname + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), claimed,
                               len(fname), 0, 0, 0, 0, 0, offset) + fname
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + end)


def bounded(path) -> ComposerError:
    start = time.monotonic()
    with pytest.raises(ImportFailed) as err:
        open_any(path)
    elapsed = time.monotonic() - start
    message = err.value.message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message) and no_english(message), message
    assert elapsed < BOUND_SECONDS, f"{elapsed:.1f} s: {message}"
    assert Outcome.peak_rss < GB, f"child peak {Outcome.peak_rss / 2**20:.0f} MB"
    return err.value


def test_docx_whose_zip_directory_understates_the_document(tmp_path):
    prefix = (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
              b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
    inflated = repeated_deflate(b" " * (1024 * 1024), 1024, raw=True)  # 1 GB of spaces
    document = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = document.compress(prefix) + document.flush(zlib.Z_FULL_FLUSH)
    packed = [zlib.compress(CONTENT_TYPES)[2:-4], zlib.compress(RELS)[2:-4]]
    path = tmp_path / "understated.docx"
    path.write_bytes(zip_with_lying_directory([
        ("[Content_Types].xml", packed[0], len(CONTENT_TYPES), zlib.crc32(CONTENT_TYPES)),
        ("_rels/.rels", packed[1], len(RELS), zlib.crc32(RELS)),
        ("word/document.xml", first + inflated, 2000, 0),  # "2000 bytes"
    ]))
    assert path.stat().st_size < 2 * 1024 * 1024
    bounded(path)


def test_docx_whose_zip_directory_tells_the_truth_about_a_bomb(tmp_path):
    data = repeated_deflate(b" " * (1024 * 1024), 1024, raw=True)
    path = tmp_path / "honest-bomb.docx"
    path.write_bytes(zip_with_lying_directory([("word/document.xml", data, GB, 0)]))
    err = bounded(path)
    assert isinstance(err, (TooLarge, CorruptDocument))


def pdf_with_content(content_stream: bytes) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content_stream) + content_stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_with_a_flate_bombed_content_stream(tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf_with_content(repeated_deflate(b" " * (1024 * 1024), 3000, raw=False)))  # 3 GB inside
    assert path.stat().st_size < 8 * 1024 * 1024
    assert isinstance(bounded(path), ZipBomb)


def test_text_with_one_tab_line_then_many_plain_lines(tmp_path):
    path = tmp_path / "tabs.txt"
    path.write_text("项目\t数量\n" + "本机关本年度认真贯彻落实政务公开各项要求。\n" * 14000, encoding="utf-8")
    assert 0.5 * 1024 * 1024 < path.stat().st_size < 1024 * 1024
    bounded(path)


def test_the_same_heading_two_hundred_thousand_times(tmp_path):
    path = tmp_path / "headings.txt"
    path.write_text("一、总体情况\n" * 200_000, encoding="utf-8")
    err = bounded(path)
    assert not isinstance(err, ResourceLimit) or "秒" not in err.message


@pytest.mark.slow
def test_a_pdf_of_millions_of_drawing_operations_is_stopped_by_the_ceiling(tmp_path):
    """No limit of the reader catches this one (a 40 KB file, 20 MB of line drawings on one
    page): the child process's time ceiling does, well under the memory ceiling."""
    ops = b"0 0 m 1 1 l S\n" * (20 * 1024 * 1024 // 14)
    path = tmp_path / "drawings.pdf"
    path.write_bytes(pdf_with_content(zlib.compress(ops, 9)))
    assert path.stat().st_size < 100 * 1024
    start = time.monotonic()
    with pytest.raises(ImportFailed) as err:
        open_any(path)
    assert time.monotonic() - start < 40
    assert Outcome.peak_rss < GB
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err.value.message) and no_english(err.value.message)
