"""打印 (Ctrl+P): the report as the render core lays it out.

Two ways, as the platform allows:
- 打印 with a preview: the rendered report (the core's HTML rendering, the same tables and
  text as the Word file) in Qt's print preview, printed on any printer Qt knows;
- 用办公软件打印: the rendered Word file handed to the office suite (LibreOffice ``-p`` prints to
  the default printer; on Windows the program associated with .docx — Word or WPS — prints it).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtWidgets import QWidget

from ..errors import RenderFailed
from ..office_suite import find_soffice
from ..report import Report

_log = logging.getLogger(__name__)


def report_document(report: Report) -> QTextDocument:
    """The rendered report (HTML rendering of the core) as a printable text document."""
    from ..render.html import html_text

    doc = QTextDocument()
    doc.setHtml(html_text(report))
    return doc


def make_printer():
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    return printer


def print_to_pdf(report: Report, out_path: Path) -> Path:
    """The same pages the preview shows, written to a PDF (also what a test reads back)."""
    from PySide6.QtPrintSupport import QPrinter

    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out_path))
    report_document(report).print_(printer)
    return out_path


def preview(parent: QWidget | None, report: Report) -> None:
    """Qt's print preview (zoom, pages, printer choice, 打印) of the rendered report."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    document = report_document(report)
    dialog = QPrintPreviewDialog(make_printer(), parent)
    dialog.setWindowTitle("打印预览")
    dialog.paintRequested.connect(document.print_)
    dialog.exec()


def office_print_command(docx: Path) -> list[str] | None:
    """The office suite's command that prints ``docx`` on the default printer, or None."""
    soffice = find_soffice()
    if soffice is None:
        return None
    return [soffice, "--headless", "-p", str(docx)]


def print_with_office(report: Report) -> str:
    """Render the Word file and hand it to the office suite to print (runs in a worker thread).

    Returns what was done, in Chinese. Raises RenderFailed when there is no office suite."""
    from ..render import render

    folder = Path(tempfile.mkdtemp(prefix="composer-print-"))
    docx = folder / "年度报告.docx"
    render(report, docx)
    if sys.platform == "win32":
        try:
            os.startfile(str(docx), "print")  # type: ignore[attr-defined]  # Word or WPS, as associated
            return "已交给 Word/WPS 打印"
        except OSError:
            _log.warning("print through the associated program failed", exc_info=True)
    command = office_print_command(docx)
    if command is None:
        raise RenderFailed("没有找到 LibreOffice 或 WPS，无法用办公软件打印；请用“打印…”（带预览）")
    proc = subprocess.run(command, capture_output=True, timeout=180, check=False)
    if proc.returncode != 0:
        _log.warning("office print failed: %s", proc.stderr.decode(errors="replace")[-500:])
        raise RenderFailed("办公软件没有完成打印，请检查默认打印机，或用“打印…”（带预览）")
    return "已发送到默认打印机"
