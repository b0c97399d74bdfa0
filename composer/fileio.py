"""Writing files so that a crash or a full disk never leaves a half-written one.

A save writes a temporary file beside the target, flushes it to disk and renames it over
the target, so the target is always the old or the new version. The details that make this
safe for a clerk's real files:

- a symbolic link is written through: the file it points to gets the new content, the link stays;
- the target keeps its permission bits (and, where allowed, its owner); a file the user may not
  write is refused, as Word does, instead of being replaced;
- a file with several hard links is rewritten in place (a rename would split the links), its new
  content first kept complete in a redo file, so a rewrite cut short is finished at the next save
  or start in that folder;
- the temporary name is short (``.~nbHHHH-PID-RAND.tmp``), so a name up to the file system's
  limit can be saved;
- temporary files that a killed run left behind are removed at the next save into that folder
  (and at start, see ``clean_stale_temps``): a temporary file names the host and the process
  that wrote it, and one whose process is gone is removed.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import secrets
import socket
import stat
import time
from pathlib import Path

from .errors import ComposerError

_log = logging.getLogger(__name__)

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
    errno.ELOOP: "文件的快捷方式（符号链接）循环指向自身",
}

TEMP_PREFIX = ".~nb"
TEMP_SUFFIX = ".tmp"
# .~nb<host hash>-<pid>-<random>.tmp
_TEMP_NAME = re.compile(r"^\.~nb([0-9a-f]{4})-(\d{1,10})-[0-9a-z]{6}\.(tmp|redo)$")
REDO_SUFFIX = ".redo"  # the new content of a hard-linked file being rewritten in place
STALE_TEMP_SECONDS = 24 * 3600  # another host's leftovers: removed after a day


def os_error_message(err: OSError) -> str:
    """A Chinese reason for an OSError, for messages such as "无法写入文件（…）"."""
    if getattr(err, "winerror", None) == 32:  # ERROR_SHARING_VIOLATION: open in Word/WPS
        return "文件正被其他程序（如 Word、WPS）打开，请先关闭它"
    return _OS_ERRORS.get(err.errno or 0, f"系统错误 {err.errno}" if err.errno else "系统错误")


def host_name() -> str:
    try:
        return socket.gethostname() or "unknown"
    except OSError:
        return "unknown"


def _host_tag() -> str:
    return hashlib.sha1(host_name().encode("utf-8", "replace")).hexdigest()[:4]


def pid_alive(pid: int) -> bool:
    """Is process ``pid`` running on this machine? (True when it cannot be told.)"""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return True
    return True


def _pid_alive_windows(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    process_query_limited_information = 0x1000
    still_active = 259
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return bool(kernel32.GetLastError() == 5)  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def temp_name(suffix: str = TEMP_SUFFIX) -> str:
    """A short, unique temporary name for this process (about 30 bytes)."""
    rand = "".join(secrets.choice("0123456789abcdefghijklmnopqrstuvwxyz") for _ in range(6))
    return f"{TEMP_PREFIX}{_host_tag()}-{os.getpid()}-{rand}{suffix}"


def is_temp_name(name: str) -> bool:
    return _TEMP_NAME.match(name) is not None


def clean_stale_temps(folder: str | os.PathLike[str]) -> int:
    """Remove temporary files a killed save left in ``folder``; returns how many were removed.

    A temporary file of this host whose process is gone is removed at once; one from another
    host (a shared folder) only when it is a day old. Errors are logged, never raised.
    """
    removed = 0
    mine = _host_tag()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    now = time.time()
    for entry in entries:
        m = _TEMP_NAME.match(entry.name)
        if m is None:
            continue
        try:
            if m.group(1) == mine:
                stale = not pid_alive(int(m.group(2)))
            else:
                stale = now - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMP_SECONDS
            if stale:
                if m.group(3) == "redo" and m.group(1) == mine:
                    _redo(Path(entry.path))
                os.unlink(entry.path)
                removed += 1
        except OSError:
            _log.warning("could not remove stale temporary file %s", entry.path, exc_info=True)
    if removed:
        _log.info("removed %d stale temporary file(s) in %s", removed, folder)
    return removed


LEGACY_TEMP_SECONDS = 3600  # earlier versions' ".NAME.xxxxxxxx.tmp": no owner inside, removed when an hour old


def _clean_legacy_temps(folder: Path, name: str) -> None:
    """Remove what a killed save of an earlier version left for ``name`` (mkstemp's
    ``.NAME.<8 random>.tmp``), once it is old enough not to be a save in progress."""
    pattern = re.compile(r"^\." + re.escape(name) + r"\.[a-z0-9_]{8}\.tmp$")
    try:
        entries = [e for e in os.scandir(folder) if pattern.match(e.name)]
    except OSError:
        return
    now = time.time()
    for entry in entries:
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat().st_mtime > LEGACY_TEMP_SECONDS:
                os.unlink(entry.path)
                _log.info("removed an earlier version's temporary file %s", entry.path)
        except OSError:
            _log.warning("could not remove %s", entry.path, exc_info=True)


def resolve_target(path: str | os.PathLike[str]) -> Path:
    """The file a save must change: a symbolic link (or a chain of them) is followed."""
    p = Path(path)
    if p.is_symlink():
        return Path(os.path.realpath(p))
    return p


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the file at ``path`` with ``data``: always the old or the new content on disk.

    Raises OSError (callers turn it into a Chinese message with ``os_error_message``).
    """
    target = resolve_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    clean_stale_temps(folder)  # first: an interrupted rewrite is finished before this one begins
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", os.fspath(target))
        if not os.access(target, os.W_OK):
            raise PermissionError(errno.EACCES, "read-only file", os.fspath(target))
        if st.st_nlink > 1 and stat.S_ISREG(st.st_mode):
            _write_in_place(target, data)
            return
    _clean_legacy_temps(folder, target.name)
    tmp = folder / temp_name()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            if hasattr(os, "chown") and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.chown(tmp, st.st_uid, st.st_gid)
                except OSError:
                    pass  # only root may give a file away; the content matters more
        else:
            os.chmod(tmp, 0o666 & ~_umask())  # a report is an ordinary file, not owner-only
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_folder(folder)


def _write_in_place(target: Path, data: bytes) -> None:
    """Rewrite a hard-linked file in place, keeping every link to it.

    The new content is first written, complete and flushed, to a redo file beside it (naming the
    target, the length and the hash); if the rewrite is cut short, the next save or start in that
    folder (``clean_stale_temps``) finishes it from the redo file, so the file ends up the new
    version, never a torn one.
    """
    header = json.dumps({"target": target.name, "size": len(data),
                         "sha256": hashlib.sha256(data).hexdigest()}).encode("utf-8") + b"\n"
    redo = target.parent / temp_name(REDO_SUFFIX)
    fd = os.open(redo, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(header + data)
        fh.flush()
        os.fsync(fh.fileno())
    _overwrite(target, data)
    os.unlink(redo)


def _overwrite(target: Path, data: bytes) -> None:
    with open(target, "r+b") as fh:
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())


def _redo(redo: Path) -> None:
    """Finish an in-place rewrite that a killed save began (see ``_write_in_place``)."""
    try:
        with open(redo, "rb") as fh:
            header = json.loads(fh.readline().decode("utf-8"))
            data = fh.read()
        name = header["target"]
        complete = (len(data) == header["size"] and hashlib.sha256(data).hexdigest() == header["sha256"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        _log.warning("unreadable redo file %s: the rewrite had not begun", redo, exc_info=True)
        return
    target = redo.parent / str(name)
    if not complete or "/" in str(name) or os.sep in str(name) or not target.is_file():
        return  # cut short while the redo file was written: the target was not touched yet
    _overwrite(target, data)
    _log.info("finished an interrupted save of %s", target)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless to skip where folders cannot be opened."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def read_bounded(path: str | os.PathLike[str], limit: int, error: type[ComposerError], *,
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
