"""Reading reports: report JSON and project files, and published documents.

``import_file`` tells the kind of a document by its first bytes (a .doc that is really a
web page, a .docx that is really an old .doc: both occur), hands it to a front end that
turns it into blocks (paragraphs and table rows), and lets the layout reader find the
report in them. Whatever a library raises on a broken file ends here as ImportFailed
with a Chinese message; no traceback reaches the user.
"""

from __future__ import annotations

import logging
import os
import zipfile
from pathlib import Path

from ..errors import ComposerError, CorruptDocument, EmptyFile, FileAccessError, ResourceLimit, UnknownFileType
from ..fileio import read_bounded
from ..filetypes import is_report_file
from ..report import load_report
from .blocks import Block
from .result import ImportResult

# What the office suite converts for us.
OFFICE_SUFFIXES = (".doc", ".wps", ".odt", ".rtf")

__all__ = ["ImportResult", "import_file", "sniff_kind"]

_log = logging.getLogger(__name__)
_HEAD_BYTES = 4096  # enough to tell the formats apart
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_kind(path: str) -> str:
    """"docx" | "odt" | "office" | "pdf" | "html" | "text" by content, falling back on the suffix."""
    head = read_bounded(path, _HEAD_BYTES, FileAccessError, head_only=True)
    suffix = Path(path).suffix.lower()
    if head.startswith(b"PK"):
        if b"mimetypeapplication/vnd.oasis.opendocument" in head:
            return "odt"
        return "docx"
    if head.startswith(_OLE) or head.startswith(b"{\\rtf"):
        return "office"
    if head.lstrip().startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if not head:
        raise EmptyFile("文件是空的（0 字节）", source=path)
    sniff = head[:2048].lower()
    if any(tag in sniff for tag in (b"<html", b"<!doctype html", b"<body", b"<table", b"<p>", b"<p ", b"<div",
                                    b"<meta", b"<head")):
        return "html"
    if suffix in (".docx", ".docm"):
        raise CorruptDocument("文件已损坏，无法作为Word文档打开（不是有效的DOCX文件）", source=path)
    if suffix == ".pdf":
        raise CorruptDocument("文件已损坏，不是有效的PDF文件", source=path)
    if suffix in OFFICE_SUFFIXES:
        raise CorruptDocument(f"文件已损坏，无法作为{suffix[1:].upper()}文档打开", source=path)
    if b"\x00" in head and not (head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff")):
        raise UnknownFileType("无法识别的文件类型：不是Word、网页、PDF或文本文件", source=path)
    return "text"


def _blocks(path: str, kind: str) -> list[Block]:
    if kind == "docx":
        from .docx import docx_blocks

        return docx_blocks(path)
    if kind in ("odt", "office"):
        from .office import office_blocks

        return office_blocks(path)
    if kind == "pdf":
        from .pdf import pdf_blocks

        return pdf_blocks(path)
    if kind == "html":
        from .html import html_blocks

        return html_blocks(path)
    from .text import text_file_blocks

    return text_file_blocks(path)


_KIND_NAMES = {"docx": "Word", "odt": "OpenDocument", "office": "Word/WPS", "pdf": "PDF", "html": "网页",
               "text": "文本"}


def import_file(path: str | os.PathLike[str]) -> ImportResult:
    """Any file the program can read, as a Report. Raises ReportFileError or ImportFailed."""
    name = os.fspath(path)
    if is_report_file(name):
        return ImportResult(load_report(name))
    kind = sniff_kind(name)
    try:
        from .layout import read_blocks

        blocks = _blocks(name, kind)
        return read_blocks(blocks, source=name)
    except ComposerError as err:
        if err.source is None:
            raise err.with_source(name) from None
        raise
    except MemoryError:
        _log.warning("out of memory importing %s", name, exc_info=True)
        raise ResourceLimit("文件过大，内存不足，无法读取", source=name) from None
    except RecursionError:
        _log.warning("recursion limit importing %s", name, exc_info=True)
        raise CorruptDocument(f"{_KIND_NAMES[kind]}文件结构嵌套过深，无法读取（文件可能已损坏）", source=name) from None
    except (zipfile.BadZipFile, KeyError, EOFError, OSError):
        _log.warning("corrupt %s file %s", kind, name, exc_info=True)
        raise CorruptDocument(f"文件已损坏，无法作为{_KIND_NAMES[kind]}文件读取（文件内部结构损坏或不完整）",
                           source=name) from None
    except Exception:  # noqa: BLE001 - the boundary: a library's own error on a broken file
        _log.warning("library error importing %s file %s", kind, name, exc_info=True)
        raise CorruptDocument(f"无法读取该{_KIND_NAMES[kind]}文件，文件可能已损坏或格式不对（文件内部结构无法识别）",
                           source=name) from None
