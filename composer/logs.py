"""Logging: every module logs with ``logging.getLogger(__name__)``; the front ends call ``setup``.

The window writes a rotating log in the user's data folder (帮助 → 打开日志文件夹 opens it), so
that a Chinese message the clerk saw can be traced to the original exception. The CLI logs to
the same file, and to stderr as well with ``--verbose``.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

DATA_DIR_ENV = "COMPOSER_DATA_DIR"  # overrides the platform's data folder (tests, portable use)
LOG_FILE = "composer.log"
_MAX_BYTES = 1024 * 1024
_BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def default_data_dir() -> Path:
    """Where the program keeps its own files (settings, recovery copies, logs).

    $COMPOSER_DATA_DIR, else the platform's per-user application data folder, the same one
    Qt's AppDataLocation names for organisation and application "composer".
    """
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "composer" / "composer"


def log_dir(data_dir: Path | None = None) -> Path:
    return (data_dir or default_data_dir()) / "logs"


def setup(data_dir: Path | None = None, *, verbose: bool = False) -> Path | None:
    """Send the program's log records to the rotating file (and stderr when verbose).

    Returns the log file, or None when the folder cannot be written (the program still runs;
    logging must never be the reason an operation fails).
    """
    root = logging.getLogger("composer")
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for old in [h for h in root.handlers if isinstance(h, (_FileHandler, _StderrHandler))]:
        root.removeHandler(old)
        old.close()
    path: Path | None = log_dir(data_dir) / LOG_FILE
    try:
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _FileHandler(path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8", delay=True)
    except OSError:
        path = None
    else:
        handler.setFormatter(logging.Formatter(_FORMAT))
        root.addHandler(handler)
    if verbose:
        stream = _StderrHandler(sys.stderr)
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(stream)
    return path


class _FileHandler(logging.handlers.RotatingFileHandler):
    """The handler ``setup`` installs (told apart from a host program's own handlers)."""


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The --verbose handler ``setup`` installs."""
