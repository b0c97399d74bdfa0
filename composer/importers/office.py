"""Old Word (.doc), WPS (.wps), OpenDocument and RTF files: converted to DOCX by LibreOffice.

LibreOffice runs headless with a profile of its own in a temporary folder, so it neither
touches nor waits for the user's running office suite, and is given a time limit.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import OfficeConversionFailed, OfficeMissing
from ..fileio import os_error_message
from ..office_suite import find_soffice
from .blocks import Block
from .limits import MAX_DOCX_BYTES, check_size

CONVERT_TIMEOUT = 120  # seconds; a report converts in a few
NO_OFFICE = ("读取 .doc / .wps 文件需要安装 LibreOffice；也可以在 Word 或 WPS 中把文件另存为 .docx 后再导入")


def convert_to_docx(path: str, workdir: str) -> str:
    exe = find_soffice()
    if exe is None:
        raise OfficeMissing(NO_OFFICE, source=path)
    check_size(path, MAX_DOCX_BYTES, "Word")
    # A plain ASCII copy: LibreOffice guesses the filter from content, and odd names cannot trip it.
    with open(path, "rb") as fh:
        head = fh.read(8)
    suffix = ".odt" if head.startswith(b"PK") else ".rtf" if head.startswith(b"{\\rtf") else ".doc"
    source = Path(workdir, "input" + suffix)
    shutil.copyfile(path, source)
    out_dir = Path(workdir, "out")
    profile = Path(workdir, "profile").resolve().as_uri()
    cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nologo",
           "--convert-to", "docx", "--outdir", str(out_dir), str(source)]
    try:
        subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=CONVERT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise OfficeConversionFailed(f"LibreOffice 转换该文件超过 {CONVERT_TIMEOUT} 秒未完成，请在 Word 或 WPS 中"
                           "另存为 .docx 后再导入", source=path) from None
    except OSError as err:
        raise OfficeConversionFailed(f"无法启动 LibreOffice（{os_error_message(err)}）", source=path) from None
    result = out_dir / "input.docx"
    if not result.is_file():
        raise OfficeConversionFailed("LibreOffice 无法转换该文件（文件可能已损坏），请在 Word 或 WPS 中另存为 .docx 后再导入",
                           source=path)
    return str(result)


def office_blocks(path: str) -> list[Block]:
    from .docx import docx_blocks

    with tempfile.TemporaryDirectory(prefix="composer-import-") as workdir:
        return docx_blocks(convert_to_docx(path, workdir))
