"""Bounds that keep a hostile or broken file from hanging the program or filling memory.

A township's annual report is a few pages: tens of KB of text, a DOCX under a few MB
(with a scanned seal perhaps), a PDF of 5–20 pages. Anything far beyond is refused with
a clear message before a library reads it.
"""

from __future__ import annotations

import os
import zipfile

from ..errors import CorruptDocument, EmptyFile, FileAccessError, TooLarge, ZipBomb
from ..fileio import os_error_message

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
