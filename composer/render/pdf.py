"""A Report as PDF: render the DOCX, then let LibreOffice convert it.

LibreOffice runs headless with a throw-away profile (so an open LibreOffice window or a
broken user profile does not interfere) under a time limit. On Linux it is given
resources/fontconfig/fonts.conf, so 仿宋/黑体/楷体/小标宋 map to distinct installed faces.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..errors import OutputError, PdfConverterMissing, RenderFailed
from ..fileio import atomic_write_bytes, os_error_message
from ..office_suite import find_soffice
from ..report import Report
from .docx import docx_bytes
from .resources import fontconfig_path

TIMEOUT_SECONDS = 120
NOT_FOUND = ("未找到 LibreOffice 或 WPS 的 PDF 转换程序，请安装 LibreOffice 后重试，"
             "或导出 Word 后另存为 PDF")



def _environment() -> dict[str, str]:
    env = dict(os.environ)
    if sys.platform not in ("win32", "darwin"):
        conf = fontconfig_path()
        if conf.is_file():
            env["FONTCONFIG_FILE"] = str(conf)
    return env


def convert_to_pdf(docx: Path, outdir: Path, soffice: str) -> Path:
    """Run LibreOffice on ``docx``; the PDF's path, or RenderFailed in Chinese."""
    profile = outdir / "lo-profile"
    cmd = [soffice, "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nofirststartwizard",
           f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf", "--outdir", str(outdir),
           str(docx)]
    kwargs: dict[str, Any] = {}
    if sys.platform == "win32":
        kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP | getattr(subprocess, "CREATE_NO_WINDOW", 0)
    else:
        kwargs["start_new_session"] = True  # so a hung conversion can be stopped with its children
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=_environment(), **kwargs)
    except OSError as err:
        raise PdfConverterMissing(f"无法启动 LibreOffice（{os_error_message(err)}）：{NOT_FOUND}", source=soffice) from None
    try:
        proc.communicate(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        _stop(proc)
        raise RenderFailed(f"LibreOffice 转换 PDF 超过 {TIMEOUT_SECONDS} 秒仍未完成，已停止。"
                           "请关闭其他 LibreOffice 窗口后重试，或导出 Word 后另存为 PDF") from None
    pdf = outdir / (docx.stem + ".pdf")
    if proc.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        raise RenderFailed(f"LibreOffice 未能生成 PDF（退出码 {proc.returncode}），"
                           "请导出 Word 后在 Word 或 WPS 中另存为 PDF")
    return pdf


def _stop(proc: subprocess.Popen[Any]) -> None:
    try:
        if sys.platform == "win32":
            proc.kill()
        else:
            os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    try:
        proc.communicate(timeout=10)
    except (subprocess.TimeoutExpired, OSError):
        pass


def render_pdf(report: Report, out_path: Path, template: Path | None = None, *, blank: str = "") -> None:
    soffice = find_soffice()
    if soffice is None:
        raise PdfConverterMissing(NOT_FOUND)
    data = docx_bytes(report, template, blank=blank)  # template errors before LibreOffice starts
    try:
        with tempfile.TemporaryDirectory(prefix="composer-pdf-", ignore_cleanup_errors=True) as tmp:
            work = Path(tmp)
            docx = work / "report.docx"
            docx.write_bytes(data)
            pdf = convert_to_pdf(docx, work, soffice)
            result = pdf.read_bytes()
    except OSError as err:
        raise RenderFailed(f"转换 PDF 时无法使用临时文件夹（{os_error_message(err)}）") from None
    try:
        atomic_write_bytes(out_path, result)
    except OSError as err:
        raise OutputError(f"无法写入 PDF 文件（{os_error_message(err)}）", source=os.fspath(out_path)) from None
