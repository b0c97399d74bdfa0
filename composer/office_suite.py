"""Finding the office suite (LibreOffice) that converts .doc/.wps to DOCX and DOCX to PDF.

One place for the search, used by the importer, the PDF renderer, the window and the CLI:
$COMPOSER_SOFFICE first (a test or an office with an unusual install names the program),
then PATH, then the folders installers use.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

SOFFICE_ENV = "COMPOSER_SOFFICE"

_WINDOWS_DIRS = (r"C:\Program Files\LibreOffice\program", r"C:\Program Files (x86)\LibreOffice\program")
_MAC_DIRS = ("/Applications/LibreOffice.app/Contents/MacOS",)
_LINUX_DIRS = ("/opt/libreoffice/program", "/usr/lib/libreoffice/program")


def _install_dirs() -> list[str]:
    if sys.platform == "win32":
        dirs = [os.path.join(os.environ[var], "LibreOffice", "program")
                for var in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432") if os.environ.get(var)]
        return dirs + list(_WINDOWS_DIRS)
    if sys.platform == "darwin":
        return list(_MAC_DIRS)
    return list(_LINUX_DIRS)


def find_soffice() -> str | None:
    """The LibreOffice program, or None when none is installed (or the override names nothing)."""
    override = os.environ.get(SOFFICE_ENV)
    if override:
        return override if Path(override).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for folder in _install_dirs():
        for exe in ("soffice.exe", "soffice.com", "soffice"):
            candidate = Path(folder) / exe
            if candidate.is_file():
                return str(candidate)
    return None
