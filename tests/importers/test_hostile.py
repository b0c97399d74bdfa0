"""Broken and hostile files: each ends in a Chinese ImportFailed within seconds, never a traceback."""

from __future__ import annotations

import re
import time
import zipfile

import pytest

from composer.errors import ComposerError, ImportFailed
from composer.importers import import_file
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
