"""Bounds that keep a hostile or broken file from hanging the program or filling memory.

A township's annual report is a few pages: tens of KB of text, a DOCX under a few MB
(with a scanned seal perhaps), a PDF of 5–20 pages. Anything far beyond is refused with
a clear message before a library reads it. What a zip directory or a PDF dictionary says
about sizes is not trusted: inflated bytes are counted while reading (``bounded_docx``,
``bounded_pdf_streams``). The last line of defence is the child process with a memory and
time ceiling that reads every document (``composer.isolation``).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from ..errors import CorruptDocument, EmptyFile, FileAccessError, TooLarge, ZipBomb
from ..fileio import os_error_message

_log = logging.getLogger(__name__)

MAX_TEXT_BYTES = 4 * 1024 * 1024  # copied text
MAX_HTML_BYTES = 16 * 1024 * 1024  # a saved portal page, scripts and inline images included
MAX_DOCX_BYTES = 64 * 1024 * 1024
MAX_PDF_BYTES = 128 * 1024 * 1024
MAX_PDF_PAGES = 40  # pages read; a report is 5–20
MAX_ZIP_MEMBERS = 2000
MAX_ZIP_TOTAL = 256 * 1024 * 1024  # uncompressed, all members
MAX_ZIP_MEMBER = 128 * 1024 * 1024
MAX_XML_PART = 32 * 1024 * 1024  # document.xml of a report is well under 1 MB
MAX_RATIO = 200  # uncompressed / compressed, for members over 1 MB
MAX_BLOCKS = 200_000  # paragraphs and table rows


def check_size(path: str, limit: int, what: str) -> None:
    try:
        size = os.path.getsize(path)
    except OSError as err:
        raise FileAccessError(f"无法读取文件（{os_error_message(err)}）", source=path) from None
    if size > limit:
        raise TooLarge(f"{what}文件有 {size / 1024 / 1024:.0f} MB，超过 {limit // (1024 * 1024)} MB，"
                       "不像是一份年度报告", source=path)
    if size == 0:
        raise EmptyFile("文件是空的（0 字节）", source=path)


def check_zip(path: str, what: str = "Word") -> None:
    """Refuse a corrupt zip or a zip bomb before any library unpacks it."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise CorruptDocument(f"文件已损坏，无法作为{what}文档打开（不是有效的压缩包）", source=path) from None
    if len(infos) > MAX_ZIP_MEMBERS:
        raise TooLarge(f"文件内含 {len(infos)} 个部件，不像是{what}文档", source=path)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_ZIP_MEMBER or total > MAX_ZIP_TOTAL:
            raise ZipBomb(f"文件解压后过大（“{info.filename[:60]}”），可能是恶意文件，已拒绝读取", source=path)
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ZipBomb(f"文件压缩比异常（“{info.filename[:60]}”），可能是恶意文件（压缩炸弹），已拒绝读取",
                         source=path)
        if info.filename.endswith(".xml") and info.file_size > MAX_XML_PART:
            raise TooLarge(f"文件中的“{info.filename[:60]}”过大，不像是一份年度报告", source=path)


# ---------------------------------------------------------------- reading zip members, bounded

_CHUNK = 1024 * 1024
# Parts of a DOCX that the text reader needs in full; any other member (pictures, fonts, embedded
# objects) is handed to python-docx empty, so its size costs nothing.
_KEPT_PART_SUFFIXES = (".xml", ".rels")


def read_member_bounded(z: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, path: str) -> bytes:
    """A member's bytes, counting what really inflates (not what the zip directory claims).

    Reading stops as soon as more than ``limit`` bytes come out, or more than MAX_RATIO times
    the packed size for a large member, so a member whose directory entry understates it
    costs at most ``limit`` bytes of memory. Raises ZipBomb or TooLarge.
    """
    parts: list[bytes] = []
    total = 0
    with z.open(info) as member:
        while True:
            chunk = member.read(_CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise ZipBomb(f"文件中的“{info.filename[:60]}”解压后过大，可能是恶意文件，已拒绝读取", source=path)
            if total > 1024 * 1024 and total > MAX_RATIO * max(info.compress_size, 1):
                raise ZipBomb(f"文件压缩比异常（“{info.filename[:60]}”），可能是恶意文件（压缩炸弹），已拒绝读取",
                              source=path)
            parts.append(chunk)
    return b"".join(parts)


def bounded_docx(path: str, what: str = "Word") -> io.BytesIO:
    """The DOCX at ``path`` re-packed in memory for python-docx, read within real limits.

    Every XML part is read through ``read_member_bounded`` (at most MAX_XML_PART each,
    MAX_ZIP_TOTAL in all, counted as inflated); other parts (pictures, fonts) are left empty.
    python-docx then reads this copy, so nothing it does can inflate more than was counted.
    """
    check_zip(path, what)
    out = io.BytesIO()
    total = 0
    try:
        with zipfile.ZipFile(path) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
            for info in z.infolist():
                if info.is_dir():
                    continue
                if info.filename.lower().endswith(_KEPT_PART_SUFFIXES):
                    data = read_member_bounded(z, info, MAX_XML_PART, path)
                else:
                    data = b""
                total += len(data)
                if total > MAX_ZIP_TOTAL:
                    raise ZipBomb("文件解压后过大，可能是恶意文件，已拒绝读取", source=path)
                copy.writestr(info.filename, data)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, NotImplementedError, ValueError):
        raise CorruptDocument(f"文件已损坏，无法作为{what}文档打开（压缩包内容损坏）", source=path) from None
    except OSError as err:
        raise FileAccessError(f"无法读取文件（{os_error_message(err)}）", source=path) from None
    out.seek(0)
    return out


# ---------------------------------------------------------------- PDF streams, bounded

MAX_PDF_STREAM = 32 * 1024 * 1024  # one decoded stream (a page's content is a few hundred KB)
MAX_PDF_DECODED = 256 * 1024 * 1024  # all decoded streams of one document
MAX_PDF_CHARS = 400_000  # characters on all pages read (a report has some 20,000)


class _BoundedZlib:
    """Stands in for the ``zlib`` module inside pdfminer: ``decompress`` stops at the limits
    (one stream, and a budget for the whole document) instead of inflating a bomb whole, and
    reads a damaged stream up to the damage in linear time."""

    error = zlib.error

    def __init__(self) -> None:
        self.used = 0

    def decompressobj(self, *args: Any, **kwargs: Any) -> Any:
        return zlib.decompressobj(*args, **kwargs)

    def decompress(self, data: bytes, *args: Any, **kwargs: Any) -> bytes:
        room = min(MAX_PDF_STREAM, MAX_PDF_DECODED - self.used)
        d = zlib.decompressobj()
        parts: list[bytes] = []
        got = 0
        view = memoryview(data)
        step = 64 * 1024
        try:
            for start in range(0, len(data), step):
                chunk = d.decompress(view[start:start + step], room + 1 - got)
                while True:
                    got += len(chunk)
                    parts.append(chunk)
                    if got > room:
                        raise ZipBomb("PDF 中的数据流解压后过大，可能是恶意文件，已拒绝读取")
                    if not d.unconsumed_tail:
                        break
                    chunk = d.decompress(d.unconsumed_tail, room + 1 - got)
                if d.eof:
                    break
        except zlib.error:
            if not parts or not got:
                raise
            _log.info("damaged flate stream read up to the damage (%d bytes)", got)
        self.used += got
        return b"".join(parts)


@contextlib.contextmanager
def bounded_pdf_streams() -> Iterator[_BoundedZlib]:
    """While active, pdfminer inflates streams within MAX_PDF_STREAM / MAX_PDF_DECODED."""
    from pdfminer import pdftypes

    bounded = _BoundedZlib()
    namespace = vars(pdftypes)
    saved = namespace["zlib"]
    namespace["zlib"] = bounded
    try:
        yield bounded
    finally:
        namespace["zlib"] = saved
