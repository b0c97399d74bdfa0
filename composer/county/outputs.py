"""Writing the county outputs: the suffix decides the format; every write is atomic and fails in Chinese."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path

from ..errors import OutputError
from ..fileio import atomic_write_bytes, os_error_message

_log = logging.getLogger(__name__)


def output_suffix(path: str | os.PathLike[str], formats: Mapping[str, str], what: str) -> str:
    """The output's suffix, once it is one of ``formats`` and its folder exists."""
    suffix = Path(path).suffix.lower()
    if suffix not in formats:
        raise OutputError(f"{what}应保存为 {'、'.join(formats)} 文件", source=os.fspath(path))
    if not Path(path).parent.is_dir():
        raise OutputError("保存位置的文件夹不存在", source=os.fspath(path))
    return suffix


def save_bytes(data: bytes, path: str | os.PathLike[str]) -> None:
    try:
        atomic_write_bytes(path, data)
    except OSError as err:
        _log.info("cannot write %s", path, exc_info=True)
        raise OutputError(f"无法写入文件（{os_error_message(err)}）", source=os.fspath(path)) from None
