"""Checking every report of a folder, in parallel, for the county office.

``check_folder(folder)`` finds every importable file (``composer.filetypes.is_openable``) in the
folder and its subfolders (each subfolder a region of the tree: 街道, 乡镇, 部门…), opens each
with ``composer.opening.open_any`` and checks it with ``composer.rules.check`` — in worker
processes on all cores (``concurrent.futures.ProcessPoolExecutor``, started by *spawn*, safe
beside the window's threads). A file that cannot be read is a result with its reason, never
the end of the batch; ``progress`` is called after each file, ``cancel`` is polled and stops
the rest.

Untrusted documents: checked one by one in this process, each document is read in a child of
its own with ceilings on memory and time (``composer.opening``). In the worker pool the worker
process itself is the boundary: it reads documents directly (``COMPOSER_IN_PROCESS``), within an
address-space ceiling (``WORKER_MEMORY``) and, where the system has SIGALRM, ``FILE_SECONDS`` per
file. A worker that dies anyway (a crash in a C library) breaks the pool: the files not yet
checked are then read one by one, each in its own child, so the broken file alone is unreadable.
"""


from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ComposerError
from ..filetypes import is_openable, is_report_file
from ..project import ProjectState
from ..report import Report
from ..rules import ERROR, Finding, check, count

_log = logging.getLogger(__name__)

STATUS_OK = "通过"
STATUS_FIX = "需修改"
STATUS_UNREADABLE = "无法读取"
STATUSES = (STATUS_OK, STATUS_FIX, STATUS_UNREADABLE)
# When worker processes pay for their start (about a second each): report JSON is checked in a
# few milliseconds, so a folder of JSON alone needs many files; a document checked in this process
# is read in a child process of its own (composer.opening), which a pool worker does not need.
POOL_FROM_FILES = 50
POOL_FROM_DOCUMENTS = 2
WORKER_MEMORY = 1024 * 1024 * 1024  # bytes of address space for each worker process
FILE_SECONDS = 30  # a file taking longer in a worker is given up as unreadable
CHUNK_FILES = 25  # files sent to a worker at a time (at most)
STALL_SECONDS = 60  # beyond FILE_SECONDS per file of a chunk: no result for this long and the pool is given up
# Workers are not recycled (max_tasks_per_child): on Python 3.11 a pool that replaces its workers
# can hang for good once a worker exits (seen here at 3,000 files); a worker's memory is bounded
# by WORKER_MEMORY instead, and bench/county.py prints the largest worker's peak.
IN_PROCESS_ENV = "COMPOSER_IN_PROCESS"  # composer.isolation's switch: read documents in this process

Progress = Callable[[int, int, "UnitResult"], None]


@dataclass
class UnitResult:
    """One file of the batch: its unit, what the check found, or why it could not be read."""

    path: str
    root: str = ""  # the folder checked; "" for files given one by one
    year: int | None = None
    organ: str = ""
    findings: list[Finding] = field(default_factory=list)  # to act on, in check() order
    dismissed: list[tuple[Finding, str]] = field(default_factory=list)  # (warning, the clerk's reason)
    notes: list[str] = field(default_factory=list)  # what the import could not read for sure
    error: str | None = None  # why the file could not be read (Chinese)
    report: Report | None = None
    state: ProjectState | None = None  # a project file's own state (dismissed warnings)
    replaced_previous: bool = False  # the file held last year's data and --previous replaced it

    @property
    def file(self) -> str:
        return Path(self.path).name

    @property
    def relative(self) -> str:
        """The file as the clerk finds it under the folder checked."""
        if self.root:
            try:
                return Path(self.path).relative_to(self.root).as_posix()
            except ValueError:
                pass
        return self.path

    @property
    def region(self) -> tuple[str, ...]:
        """The subfolders between the checked folder and the file: the unit's place in the tree."""
        return tuple(Path(self.relative).parent.parts) if self.root else ()

    @property
    def unit(self) -> str:
        """The unit's name: the organ the report names, else the file's name."""
        return self.organ.strip() or Path(self.path).stem

    @property
    def errors(self) -> int:
        return count(self.findings)[0]

    @property
    def warnings(self) -> int:
        return count(self.findings)[1]

    @property
    def status(self) -> str:
        if self.error is not None:
            return STATUS_UNREADABLE
        return STATUS_FIX if any(f.severity == ERROR for f in self.findings) else STATUS_OK

    @property
    def status_text(self) -> str:
        return f"{STATUS_UNREADABLE}：{self.error}" if self.error is not None else self.status


@dataclass
class BatchResult:
    units: list[UnitResult]  # in the order of the files (sorted by path for a folder)
    total: int  # files found
    cancelled: bool = False
    root: str = ""

    @property
    def readable(self) -> list[UnitResult]:
        return [u for u in self.units if u.report is not None]

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATUSES, 0)
        for u in self.units:
            out[u.status] += 1
        return out


def find_files(folder: str | os.PathLike[str]) -> list[Path]:
    """Every importable file under ``folder`` (subfolders too; hidden folders and Word lock
    files left out), sorted by path so regions stay together."""
    root = Path(folder)
    out = []
    for path in root.rglob("*"):
        rel = path.relative_to(root).parts
        if any(part.startswith(".") for part in rel[:-1]):
            continue
        if is_openable(path) and path.is_file():
            out.append(path)
    return sorted(out, key=lambda p: p.relative_to(root).parts)


def check_file(path: str, root: str = "", previous: Report | None = None, keep_report: bool = True) -> UnitResult:
    """Open and check one file; never raises for a bad file (the reason is in ``error``)."""
    from ..opening import open_any

    result = UnitResult(path=path, root=root)
    try:
        opened = open_any(path)
        report = opened.project.report
        if previous is not None:
            result.replaced_previous = report.previous is not None
            report.previous = previous
        findings, explained = opened.project.state.partition(check(report))
    except ComposerError as err:
        result.error = err.message
        return result
    except MemoryError:
        _log.warning("out of memory reading %s", path, exc_info=True)
        result.error = "文件过大，内存不足"
        return result
    except RecursionError:
        _log.warning("recursion reading %s", path, exc_info=True)
        result.error = "文件结构嵌套过深，无法读取"
        return result
    except Exception as err:  # noqa: BLE001 - one broken file must not stop the county's batch
        _log.warning("unexpected failure reading %s", path, exc_info=True)
        result.error = f"读取时出现意外错误（{type(err).__name__}），请用年报编制器单独打开此文件查看"
        return result
    result.year, result.organ = report.year, report.organ
    result.findings = findings
    result.dismissed = [(f, opened.project.state.dismissed[f.key]) for f in explained]
    result.notes = list(opened.notes)
    result.report = report if keep_report else None
    result.state = opened.project.state if keep_report else None
    return result


class _FileTimeout(Exception):
    pass


def _on_alarm(signum: int, frame: object) -> None:
    raise _FileTimeout


def _init_worker() -> None:
    """A pool worker: the process itself is the boundary (see the module doc)."""
    os.environ[IN_PROCESS_ENV] = "1"
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = WORKER_MEMORY if hard == resource.RLIM_INFINITY else min(WORKER_MEMORY, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):  # Windows, or a stricter limit already set
        _log.info("worker memory ceiling not set", exc_info=True)


def _check_in_worker(path: str, root: str, previous: Report | None, keep_report: bool) -> UnitResult:
    import signal

    alarm = getattr(signal, "SIGALRM", None)
    if alarm is None:
        return check_file(path, root, previous, keep_report)
    old = signal.signal(alarm, _on_alarm)
    signal.alarm(FILE_SECONDS)
    try:
        return check_file(path, root, previous, keep_report)
    except _FileTimeout:
        _log.warning("gave up %s after %s s", path, FILE_SECONDS)
        return UnitResult(path=path, root=root, error=f"读取超过 {FILE_SECONDS} 秒仍未完成，已停止（文件异常复杂或已损坏）")
    finally:
        signal.alarm(0)
        signal.signal(alarm, old)


def _check_chunk(paths: list[str], root: str, previous: Report | None, keep_reports: bool) -> list[UnitResult]:
    return [_check_in_worker(p, root, previous, keep_reports) for p in paths]


def default_workers() -> int:
    """One worker per core. The bundled program's entry calls multiprocessing.freeze_support(), so a
    spawned worker of a frozen program checks files instead of starting the program again."""
    return max(1, os.cpu_count() or 1)


def check_paths(paths: Sequence[str | os.PathLike[str]], *, root: str | os.PathLike[str] = "",
                previous: Report | None = None, workers: int | None = None, progress: Progress | None = None,
                cancel: Callable[[], bool] | None = None, keep_reports: bool = True) -> BatchResult:
    """Check ``paths``; results in the same order. ``workers`` processes (default: one per core;
    1 checks in this process). ``cancel()`` true stops the batch: files not yet checked are left
    out and ``cancelled`` is set."""
    files = [os.fspath(p) for p in paths]
    root_s = os.fspath(root)
    n_workers = default_workers() if workers is None else max(1, workers)
    results: dict[int, UnitResult] = {}
    cancelled = False

    def done(i: int, result: UnitResult) -> None:
        results[i] = result
        if progress is not None:
            progress(len(results), len(files), result)

    documents = sum(1 for f in files if not is_report_file(f))
    if n_workers == 1 or (len(files) < POOL_FROM_FILES and documents < POOL_FROM_DOCUMENTS):
        for i, path in enumerate(files):
            if cancel is not None and cancel():
                cancelled = True
                break
            done(i, check_file(path, root_s, previous, keep_reports))
    else:
        cancelled = _run_pool(files, root_s, previous, n_workers, keep_reports, done, cancel)
    units = [results[i] for i in sorted(results)]
    return BatchResult(units, len(files), cancelled, root_s)


def _run_pool(files: list[str], root: str, previous: Report | None, n_workers: int, keep_reports: bool,
              done: Callable[[int, UnitResult], None], cancel: Callable[[], bool] | None) -> bool:
    """Chunks of files to worker processes; True if cancelled.

    A pool that breaks (a worker died) or stalls (no chunk back for ``STALL_SECONDS``, longer than
    any chunk's files may take) is given up: its workers are stopped and the files not yet
    checked are read one by one in this process, each document in a child of its own."""
    size = max(1, min(CHUNK_FILES, len(files) // (n_workers * 8)))
    chunks = [list(range(i, min(i + size, len(files)))) for i in range(0, len(files), size)]
    executor = ProcessPoolExecutor(max_workers=min(n_workers, len(chunks)),
                                   mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker)
    pending: dict[Future[list[UnitResult]], list[int]] = {}
    stall_limit = STALL_SECONDS + FILE_SECONDS * size
    try:
        for chunk in chunks:
            future = executor.submit(_check_chunk, [files[i] for i in chunk], root, previous, keep_reports)
            pending[future] = chunk
        last_progress = time.monotonic()
        while pending:
            finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            if cancel is not None and cancel():
                return True
            if not finished and time.monotonic() - last_progress > stall_limit:
                _log.warning("worker pool stalled for %.0f s; the rest is read file by file", stall_limit)
                return _one_by_one(executor, pending, files, root, previous, keep_reports, done, cancel)
            for future in finished:
                last_progress = time.monotonic()
                chunk = pending[future]
                try:
                    chunk_results = future.result()
                except BrokenProcessPool:
                    _log.warning("a worker process died; the rest is read file by file", exc_info=True)
                    return _one_by_one(executor, pending, files, root, previous, keep_reports, done, cancel)
                except Exception:  # noqa: BLE001 - a result that cannot come back must not stop the batch
                    _log.warning("worker failed on %s", [files[i] for i in chunk], exc_info=True)
                    chunk_results = [UnitResult(path=files[i], root=root, error="读取时出现意外错误")
                                     for i in chunk]
                del pending[future]
                for i, result in zip(chunk, chunk_results):
                    done(i, result)
        return False
    finally:
        executor.shutdown(wait=False, cancel_futures=True)


def _one_by_one(executor: ProcessPoolExecutor, pending: dict[Future[list[UnitResult]], list[int]], files: list[str],
                root: str, previous: Report | None, keep_reports: bool, done: Callable[[int, UnitResult], None],
                cancel: Callable[[], bool] | None) -> bool:
    """Give up the pool (its workers stopped) and check the files of ``pending`` in this process."""
    workers = list((getattr(executor, "_processes", None) or {}).values())  # gone from it after shutdown
    executor.shutdown(wait=False, cancel_futures=True)
    for process in workers:  # a stalled worker never exits by itself
        process.kill()
    for i in sorted(i for chunk in pending.values() for i in chunk):
        if cancel is not None and cancel():
            return True
        done(i, check_file(files[i], root, previous, keep_reports))
    return False


def check_folder(folder: str | os.PathLike[str], **kwargs: object) -> BatchResult:
    """Every importable file under ``folder``, checked (see ``check_paths`` for the options)."""
    root = Path(folder)
    if not root.is_dir():
        raise ComposerError("不是文件夹，或文件夹不存在", source=os.fspath(folder))
    return check_paths(find_files(root), root=root, **kwargs)  # type: ignore[arg-type]
