"""Who has a file open, and whether it changed on disk: the checks before every save.

Two kinds of lock, one mechanism (a lock file created with O_EXCL naming user, machine, process
and time, as Word's ``~$name`` and LibreOffice's ``.~lock.name#`` do):

- the *document lock* ``.~lock.NAME#`` beside a report, taken when a window opens it: a second
  window or program is told who has it (``该文件已由 … 于 … 打开``) and may open it read-only or
  as a copy;
- the *slot lock* of a recovery copy (``recovery-N.lock`` in the data folder), held by the window
  whose unsaved work the copy is.

A lock whose process is gone (same machine, pid not running) is stale and taken over; a lock
from another machine is respected (its process cannot be checked from here). Locks held by this
process are tracked, so two windows of one program are told apart as well.

``FileStamp`` remembers a file's size, modification time and hash when it was opened or saved;
``changed_since`` tells whether someone else wrote it since. Pure Python, no Qt.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from .errors import ChangedOnDisk, DocumentLocked
from .fileio import host_name, pid_alive, resolve_target

_log = logging.getLogger(__name__)

LOCK_PREFIX = ".~lock."
LOCK_SUFFIX = "#"
_MAX_NAME_BYTES = 255
_MAX_LOCK_BYTES = 4096  # a lock file is one short JSON line
_HASH_CHUNK = 1024 * 1024

_held_lock = threading.Lock()
_held: set[str] = set()  # lock files this process holds (normalised paths)


def user_name() -> str:
    try:
        return getpass.getuser() or "未知用户"
    except Exception:  # noqa: BLE001 - getpass raises various errors without a user database
        _log.warning("cannot tell the user name", exc_info=True)
        return "未知用户"


@dataclass(frozen=True)
class LockOwner:
    """Who holds a lock, as written in the lock file."""

    user: str
    host: str
    pid: int
    since: float  # seconds since the epoch, 0 when unknown
    app: str = "composer"

    def describe(self) -> str:
        """"张三（电脑 PC-01）于 2026-01-05 09:30"."""
        when = format_time(self.since)
        where = f"（电脑 {self.host}）" if self.host else ""
        return f"{self.user or '未知用户'}{where}于 {when}" if when else f"{self.user or '未知用户'}{where}"

    def is_stale(self) -> bool:
        """Held by a process of this machine that is no longer running (or that ran before the
        machine last started: after a power cut its process number may belong to another program)."""
        if self.host != host_name():
            return False
        boot = boot_time()
        return not pid_alive(self.pid) or (boot is not None and 0 < self.since < boot)


def boot_time() -> float | None:
    """When this machine last started (seconds since the epoch), None where unknown."""
    try:
        with open("/proc/stat", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("btime "):
                    return float(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    if os.name == "nt":  # pragma: no cover - Windows only
        try:
            import ctypes

            ticks = ctypes.windll.kernel32.GetTickCount64  # type: ignore[attr-defined]
            ticks.restype = ctypes.c_ulonglong
            return time.time() - float(ticks()) / 1000.0
        except (AttributeError, OSError):
            return None
    return None


def format_time(seconds: float) -> str:
    """A local date and time, or "" for a time that is not a plausible one."""
    ts = valid_timestamp(seconds)
    if ts is None:
        return ""
    return datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M")


def valid_timestamp(value: object, *, future_slack: float = 300.0) -> float | None:
    """``value`` as seconds since the epoch if it is a real, plausible time (after 2000, not in
    the future beyond ``future_slack``), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    try:
        ts = float(value)
    except (OverflowError, ValueError, ArithmeticError):
        return None
    if not (946_684_800.0 <= ts <= time.time() + future_slack):  # 2000-01-01 … now
        return None
    return ts


def _parse_owner(text: str) -> LockOwner | None:
    """The owner from a lock file: our JSON, or Qt's QLockFile lines (pid, app, host)."""
    text = text.strip()
    if not text:
        return None
    if text.startswith("{"):
        try:
            obj = json.loads(text)
        except ValueError:
            return None
        if not isinstance(obj, dict):
            return None
        pid = obj.get("pid")
        since = valid_timestamp(obj.get("time")) or 0.0
        return LockOwner(user=str(obj.get("user") or "")[:100], host=str(obj.get("host") or "")[:100],
                         pid=pid if isinstance(pid, int) and not isinstance(pid, bool) else -1,
                         since=since, app=str(obj.get("app") or "")[:40])
    lines = text.splitlines()
    if lines and lines[0].strip().isdigit():  # QLockFile: pid, application name, host name
        return LockOwner(user="", host=lines[2].strip() if len(lines) > 2 else "",
                         pid=int(lines[0].strip()), since=0.0, app=lines[1].strip() if len(lines) > 1 else "")
    return None


def read_owner(lock_file: str | os.PathLike[str]) -> LockOwner | None:
    """Who holds ``lock_file``; None when it is absent or unreadable."""
    try:
        with open(lock_file, "rb") as fh:
            data = fh.read(_MAX_LOCK_BYTES)
    except OSError:
        return None
    return _parse_owner(data.decode("utf-8", "replace"))


def _key(lock_file: Path) -> str:
    return os.path.normcase(os.path.abspath(lock_file))


class FileLock:
    """A lock file created exclusively, naming its owner; ``release`` removes it.

    ``FileLock.try_acquire(path)`` returns the lock, or the owner of the lock in the way.
    """

    def __init__(self, path: Path, owner: LockOwner):
        self.path = path
        self.owner = owner
        self._released = False

    @classmethod
    def try_acquire(cls, path: str | os.PathLike[str]) -> FileLock | LockOwner:
        """The lock, or the owner of the lock that is in the way. Raises OSError when the
        folder cannot be written (the caller decides whether that matters)."""
        lock_file = Path(path)
        owner = LockOwner(user=user_name(), host=host_name(), pid=os.getpid(), since=time.time())
        payload = json.dumps({"user": owner.user, "host": owner.host, "pid": owner.pid,
                              "time": round(owner.since, 3), "app": "composer"}, ensure_ascii=False)
        for _ in range(3):
            with _held_lock:
                if _key(lock_file) in _held:
                    current = read_owner(lock_file)
                    return current or owner  # another window of this program
            try:
                fd = os.open(lock_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
            except FileExistsError:
                current = read_owner(lock_file)
                if current is None:
                    if _age(lock_file) < 5.0:
                        time.sleep(0.05)  # being written this very moment
                        current = read_owner(lock_file)
                    if current is None:
                        _log.info("replacing unreadable lock file %s", lock_file)
                        _remove(lock_file)
                        continue
                if current.pid == os.getpid() and current.host == owner.host:
                    _log.info("replacing a lock file of this process no window holds: %s", lock_file)
                    _remove(lock_file)
                    continue
                if current.is_stale():
                    _log.info("replacing stale lock %s of pid %d", lock_file, current.pid)
                    _remove(lock_file)
                    continue
                return current
            try:
                os.write(fd, payload.encode("utf-8"))
            finally:
                os.close(fd)
            _hide(lock_file)
            with _held_lock:
                _held.add(_key(lock_file))
            return cls(lock_file, owner)
        current = read_owner(lock_file)
        return current or owner

    def release(self) -> None:
        if self._released:
            return
        self._released = True
        with _held_lock:
            _held.discard(_key(self.path))
        current = read_owner(self.path)
        if current is not None and (current.pid, current.host) != (self.owner.pid, self.owner.host):
            return  # taken over by someone else meanwhile: theirs now
        _remove(self.path)

    @property
    def released(self) -> bool:
        return self._released


def _hide(path: Path) -> None:
    """Windows: mark the lock file hidden, as Word does with its ``~$`` files."""
    if os.name != "nt":
        return
    try:  # pragma: no cover - Windows only
        import ctypes

        ctypes.windll.kernel32.SetFileAttributesW(str(path), 0x2)  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        pass


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        _log.warning("cannot remove lock file %s", path, exc_info=True)


# ---------------------------------------------------------------- document locks


def lock_file_for(document: str | os.PathLike[str]) -> Path:
    """``.~lock.NAME#`` beside the report (through a symbolic link, beside the real file).

    A name too long for the file system is shortened, keeping a hash of the whole name.
    """
    target = resolve_target(document)
    name = target.name
    room = _MAX_NAME_BYTES - len(LOCK_PREFIX) - len(LOCK_SUFFIX)
    if len(name.encode("utf-8")) > room:
        digest = hashlib.sha1(name.encode("utf-8", "surrogateescape")).hexdigest()[:12]
        head = name.encode("utf-8", "surrogateescape")[: room - 13].decode("utf-8", "ignore")
        name = f"{head}~{digest}"
    return target.parent / f"{LOCK_PREFIX}{name}{LOCK_SUFFIX}"


def locked_message(document: str | os.PathLike[str], owner: LockOwner) -> str:
    return f"“{Path(document).name}”该文件已由 {owner.describe()} 打开。"


def lock_document(document: str | os.PathLike[str]) -> FileLock | LockOwner | None:
    """Take the document lock of ``document``: the lock, the owner in the way, or None when no
    lock file can be written there (a read-only folder: then nobody can save there either)."""
    try:
        return FileLock.try_acquire(lock_file_for(document))
    except OSError:
        _log.info("no lock file for %s", document, exc_info=True)
        return None


def document_owner(document: str | os.PathLike[str]) -> LockOwner | None:
    """Who else has ``document`` open (a live lock not held by a window of this process)."""
    lock_file = lock_file_for(document)
    owner = read_owner(lock_file)
    if owner is None or owner.is_stale():
        return None
    with _held_lock:
        if _key(lock_file) in _held:
            return None  # ours (some window of this process)
    return owner


# ---------------------------------------------------------------- file state


@dataclass(frozen=True)
class FileStamp:
    """A file's state when it was opened or saved here."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: str | os.PathLike[str]) -> FileStamp | None:
        """The file's current stamp, None when there is no file."""
        try:
            st = os.stat(path)
            digest = hashlib.sha256()
            with open(path, "rb") as fh:
                while chunk := fh.read(_HASH_CHUNK):
                    digest.update(chunk)
        except (FileNotFoundError, NotADirectoryError):
            return None
        return cls(st.st_size, st.st_mtime_ns, digest.hexdigest())

    @classmethod
    def of_bytes(cls, path: str | os.PathLike[str], data: bytes) -> FileStamp | None:
        """The stamp of a file just written with ``data`` (no second read of the content)."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        return cls(st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())


def changed_since(path: str | os.PathLike[str], stamp: FileStamp | None) -> bool:
    """True when the file at ``path`` is not what ``stamp`` remembers (a deleted file is not a
    change that saving could overwrite)."""
    if stamp is None:
        return False
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    if st.st_size == stamp.size and st.st_mtime_ns == stamp.mtime_ns:
        return False
    now = FileStamp.of(path)
    return now is not None and now.sha256 != stamp.sha256


def check_before_save(path: str | os.PathLike[str], stamp: FileStamp | None, *,
                      own_lock: FileLock | None = None) -> None:
    """Refuse a save that would overwrite someone else's work.

    Raises DocumentLocked when another window or program holds the document lock, and
    ChangedOnDisk when the file changed since ``stamp`` was taken.
    """
    name = os.fspath(path)
    if own_lock is None or own_lock.released or own_lock.path != lock_file_for(path):
        owner = document_owner(path)
        if owner is not None:
            raise DocumentLocked(locked_message(path, owner) + "为免覆盖对方的修改，未保存。", source=name)
    if changed_since(path, stamp):
        raise ChangedOnDisk("文件在打开之后已被其他人或程序修改，直接保存会覆盖那些修改。", source=name)
