"""Running untrusted work (reading a document, rendering with a custom template) in a child
process with a ceiling on memory and time, so no file can take the window or the machine down.

``run_isolated(func, *args)`` calls ``func(*args)`` in a fresh child process and returns its
result, pickled back. The child never is a fork of the caller (the window has threads, and a
forked copy of a threaded process may hang): multiprocessing's 'forkserver' on Linux (a clean
server process with the importers preloaded, so a child starts in milliseconds) and 'spawn'
elsewhere and in the packaged program.

In the child the address space is limited to 1 GB (``resource.setrlimit``; on Windows a job
object with a process memory limit, not tested on this machine: should it fail, the time limit
alone applies); after ``timeout`` seconds the child is killed. Whatever happens in the child
comes back as a ComposerError of the kind it was, or ``limit_error`` (ResourceLimit for imports)
with a Chinese message when a ceiling was hit.

``COMPOSER_IN_PROCESS=1`` in the environment (tests, benches, debugging) runs the work in this
process instead, without ceilings.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from .errors import ComposerError, ResourceLimit

_log = logging.getLogger(__name__)

MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space for the child
TIME_LIMIT = 30.0  # seconds of wall-clock time
IN_PROCESS_ENV = "COMPOSER_IN_PROCESS"

_T = TypeVar("_T")


def in_process() -> bool:
    """True when isolation is switched off (``COMPOSER_IN_PROCESS=1``)."""
    return os.environ.get(IN_PROCESS_ENV, "") not in ("", "0")


# Modules the Linux fork server imports once, so each child starts in milliseconds.
PRELOAD = ["composer.importers", "composer.importers.docx", "composer.importers.pdf",
           "composer.importers.layout", "composer.render", "composer.render.docx"]
_ctx: Any = None


def _context() -> Any:
    """'forkserver' on Linux from source (a fresh server process, preloaded: no threads are
    forked, each child starts fast); 'spawn' elsewhere and in the packaged program."""
    global _ctx
    if _ctx is None:
        if sys.platform.startswith("linux") and not getattr(sys, "frozen", False):
            _ctx = multiprocessing.get_context("forkserver")
            _ctx.set_forkserver_preload(PRELOAD)
        else:
            _ctx = multiprocessing.get_context("spawn")
    return _ctx


def _limit_memory_windows(limit: int) -> bool:  # pragma: no cover - Windows only
    """Put this process in a job object whose process memory limit is ``limit`` bytes."""
    import ctypes
    from ctypes import wintypes

    class IoCounters(ctypes.Structure):
        _fields_ = [(name, ctypes.c_ulonglong) for name in (
            "ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
            "ReadTransferCount", "WriteTransferCount", "OtherTransferCount")]

    class BasicLimits(ctypes.Structure):
        _fields_ = [("PerProcessUserTimeLimit", ctypes.c_int64), ("PerJobUserTimeLimit", ctypes.c_int64),
                    ("LimitFlags", wintypes.DWORD), ("MinimumWorkingSetSize", ctypes.c_size_t),
                    ("MaximumWorkingSetSize", ctypes.c_size_t), ("ActiveProcessLimit", wintypes.DWORD),
                    ("Affinity", ctypes.c_size_t), ("PriorityClass", wintypes.DWORD),
                    ("SchedulingClass", wintypes.DWORD)]

    class ExtendedLimits(ctypes.Structure):
        _fields_ = [("BasicLimitInformation", BasicLimits), ("IoInfo", IoCounters),
                    ("ProcessMemoryLimit", ctypes.c_size_t), ("JobMemoryLimit", ctypes.c_size_t),
                    ("PeakProcessMemoryUsed", ctypes.c_size_t), ("PeakJobMemoryUsed", ctypes.c_size_t)]

    job_object_limit_process_memory = 0x100
    job_object_extended_limit_information = 9
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    job = kernel32.CreateJobObjectW(None, None)
    if not job:
        return False
    info = ExtendedLimits()
    info.BasicLimitInformation.LimitFlags = job_object_limit_process_memory
    info.ProcessMemoryLimit = limit
    if not kernel32.SetInformationJobObject(wintypes.HANDLE(job), job_object_extended_limit_information,
                                            ctypes.byref(info), ctypes.sizeof(info)):
        return False
    return bool(kernel32.AssignProcessToJobObject(wintypes.HANDLE(job), wintypes.HANDLE(kernel32.GetCurrentProcess())))


def _limit_memory(limit: int) -> bool:
    if sys.platform == "win32":
        try:
            return _limit_memory_windows(limit)
        except Exception:  # noqa: BLE001 - without the job object the time limit still applies
            _log.warning("cannot put the child process in a job object", exc_info=True)
            return False
    try:
        import resource
    except ImportError:
        return False
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        new = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (new, hard))
    except (ValueError, OSError):
        return False
    return True


def _peak_rss() -> int:
    """This process's peak resident memory in bytes (0 where unknown)."""
    try:
        import resource
    except ImportError:
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak) if sys.platform == "darwin" else int(peak) * 1024


def _proc_peak(pid: int | None) -> int:
    """Peak resident memory of a running child from /proc (Linux), bytes; 0 where unknown."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _child(conn: Connection, memory: int, func: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """The child's entry: limit itself, run, send back ("ok", result) or ("error", …)."""
    if memory:
        _limit_memory(memory)
    try:
        result = func(*args)
        message: tuple[Any, ...] = ("ok", result, _peak_rss())
    except ComposerError as err:
        message = ("composer", type(err), err.message, err.source, _peak_rss())
    except MemoryError:
        message = ("memory", None, None, None, _peak_rss())
    except BaseException:  # noqa: BLE001 - the child's boundary: the parent logs and reports it
        message = ("crash", traceback.format_exc(), None, None, _peak_rss())
    try:
        conn.send(message)
    except MemoryError:
        conn.send(("memory", None, None, None, _peak_rss()))
    except Exception:  # noqa: BLE001 - an unpicklable result: tell the parent, which logs it
        conn.send(("crash", traceback.format_exc(), None, None, _peak_rss()))
    finally:
        conn.close()


def _rebuild(kind: type[ComposerError], message: str, source: str | None) -> ComposerError:
    err = kind.__new__(kind)
    ComposerError.__init__(err, message, source=source)
    return err


class Outcome:
    """Figures of the last isolated run in this process (for tests and benches)."""

    peak_rss = 0  # the child's peak resident memory, bytes
    seconds = 0.0


def run_isolated(func: Callable[..., _T], *args: Any, timeout: float = TIME_LIMIT, memory: int = MEMORY_LIMIT,
                 limit_error: type[ComposerError] = ResourceLimit, source: str | None = None,
                 what: str = "读取文件") -> _T:
    """``func(*args)`` in a child process within ``memory`` bytes and ``timeout`` seconds.

    ``func`` must be importable by name (a module-level function) and its arguments and result
    picklable. A ComposerError raised by ``func`` is raised here as the same kind; a ceiling hit
    or a crash of the child raises ``limit_error`` naming ``what`` was stopped.
    """
    if in_process():
        return func(*args)
    ctx = _context()
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, memory, func, args), daemon=True,
                       name="composer-isolated")
    start = time.monotonic()
    try:
        proc.start()
    except OSError as err:
        _log.warning("cannot start the child process", exc_info=True)
        raise limit_error(f"无法启动子进程来{what}（{err.strerror or err}）", source=source) from None
    send.close()
    message: tuple[Any, ...] | None = None
    try:
        deadline = start + timeout
        while message is None:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            if receive.poll(min(left, 0.5)):
                try:
                    message = receive.recv()
                except (EOFError, OSError):
                    break  # the child died without a word (killed, crashed)
            elif not proc.is_alive() and not receive.poll(0):
                break
    finally:
        Outcome.seconds = time.monotonic() - start
        if message is None:
            Outcome.peak_rss = _proc_peak(proc.pid)
            proc.kill()
        proc.join(5)
        if proc.is_alive():
            proc.kill()
            proc.join(5)
        receive.close()
    if message is None:
        elapsed = time.monotonic() - start
        if elapsed >= timeout:
            _log.warning("%s: stopped after %.0f s", what, elapsed)
            raise limit_error(f"{what}超过 {timeout:.0f} 秒仍未完成，已停止（文件内容异常复杂或已损坏）",
                              source=source)
        _log.warning("%s: child process ended with code %s", what, proc.exitcode)
        raise limit_error(f"{what}时占用内存过多或意外中止，已停止（文件内容异常或已损坏）",
                          source=source)
    status = message[0]
    Outcome.peak_rss = message[-1]
    if status == "ok":
        return message[1]  # type: ignore[no-any-return]
    if status == "composer":
        raise _rebuild(message[1], message[2], message[3])
    if status == "memory":
        raise limit_error(f"{what}所需内存超过 {memory // (1024 * 1024)} MB，已停止（文件内容异常或已损坏）",
                          source=source)
    _log.warning("%s failed in the child process:\n%s", what, message[1])
    raise limit_error(f"{what}时出错，已停止（文件异常或已损坏）", source=source)
