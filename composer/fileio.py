"""Writing files so that a crash or a full disk never leaves a half-written one."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

# What the operating system's error means for a clerk; its own text is English.
_OS_ERRORS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有权限；如果文件正在 Word 或 WPS 中打开，请先关闭它",
    errno.EPERM: "没有权限；如果文件正在 Word 或 WPS 中打开，请先关闭它",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中的某一级不是文件夹",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EBUSY: "文件正被其他程序使用",
    errno.EEXIST: "文件已存在",
}


def os_error_message(err: OSError) -> str:
    """A Chinese reason for an OSError, for messages such as "无法写入文件（…）"."""
    if getattr(err, "winerror", None) == 32:  # ERROR_SHARING_VIOLATION: open in Word/WPS
        return "文件正被其他程序（如 Word、WPS）打开，请先关闭它"
    return _OS_ERRORS.get(err.errno, f"系统错误 {err.errno}" if err.errno else "系统错误")


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it owner-only; a report is an ordinary file
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
        raise error(f"无法读取{what}（{os_error_message(err)}）", source=name) from None
    if len(data) > limit:
        if head_only:
            return data[:limit]
        raise error(f"{what}超过 {limit // (1024 * 1024)} MB，不像是报告{'' if what == '文件' else what}",
                    source=name)
    return data
