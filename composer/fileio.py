"""Writing files so that a crash or a full disk never leaves a half-written one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def read_bounded(path: str | os.PathLike, limit: int, error: type[Exception], *,
                 what: str = "文件", head_only: bool = False) -> bytes:
    """Up to ``limit`` bytes of a file, or ``error`` (a ComposerError type) saying in Chinese why not.

    A file larger than ``limit`` is an error, unless ``head_only`` asks for just its start.
    """
    name = os.fspath(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise error(f"{what}不存在", source=name) from None
    except IsADirectoryError:
        raise error(f"{what}路径是一个文件夹，不是文件", source=name) from None
    except OSError as err:
        raise error(f"无法读取{what}（{err.strerror or err}）", source=name) from None
    if len(data) > limit:
        if head_only:
            return data[:limit]
        raise error(f"{what}超过 {limit // (1024 * 1024)} MB，不像是报告{'' if what == '文件' else what}",
                    source=name)
    return data
