"""The window's recovery copy: when to write it, writing it off the GUI thread, offering it after a crash.

A copy is written about a second after the clerk stops, and never more than ``MAX_DELAY_MS``
after the first change not yet in a copy: typing without a pause (keys 0.3 s apart all day)
still gets a copy every few seconds. The copy's content is made on the GUI thread (JSON text
of the report as it is that moment, a few milliseconds); the file is written and flushed to disk
by one worker thread, the newest content replacing any not yet written.

What is written where, the slot locks and the checks of a copy found at start are the core's
(``composer.project``); this module only decides when and shows the questions.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from ..errors import ComposerError
from ..fileio import os_error_message
from ..project import (
    RecoverySlot,
    claim_slot,
    clear_recovery,
    leftovers,
    recovery_bytes,
    write_recovery_bytes,
)
from . import dialogs

_log = logging.getLogger(__name__)

IDLE_MS = 1000  # a copy this long after the last change…
MAX_DELAY_MS = 3000  # …and never later than this after the first change not yet copied
WAIT_SECONDS = 20.0  # at most this long for a write in progress when the copy must go


class RecoveryKeeper(QObject):
    """Keeps one window's recovery copy up to date; the window calls ``changed`` on every edit."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.directory: Path = window.recovery_dir
        self.slot: RecoverySlot | None = None
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(IDLE_MS)
        self.idle_timer.timeout.connect(self.write_now)
        self.deadline_timer = QTimer(self)
        self.deadline_timer.setSingleShot(True)
        self.deadline_timer.setInterval(MAX_DELAY_MS)
        self.deadline_timer.timeout.connect(self.write_now)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="recovery-writer")
        self._mutex = threading.Lock()
        self._queued: bytes | None = None
        self._future: Future | None = None
        self._error = ""  # the last write's failure, shown on the next write
        self.writes = 0  # copies written (for tests and the log)
        self._closed = False

    # ------------------------------------------------------------ when

    def changed(self) -> None:
        """An edit: restart the pause timer; start the deadline if no copy is pending yet."""
        if self._closed:
            return
        self.idle_timer.start()
        if not self.deadline_timer.isActive():
            self.deadline_timer.start()

    def write_now(self) -> None:
        """Write a copy of the report as it is now (or remove the copy when nothing is unsaved)."""
        self.idle_timer.stop()
        self.deadline_timer.stop()
        if self._closed:
            return
        self._show_error()
        doc = self.window.doc
        if not doc.is_modified():
            self.clear()
            return
        if self.slot is None:
            try:
                self.slot = claim_slot(self.directory)
            except OSError as err:
                self._report(f"自动恢复副本未能写入：{os_error_message(err)}")
                return
            if self.slot is None:
                self._report("自动恢复副本未能写入：恢复文件夹中没有空位")
                return
        try:
            guard = getattr(self.window, "guard", None)
            data = recovery_bytes(doc.project(), doc.path, source_stamp=guard.stamp if guard is not None else None)
        except (ComposerError, ValueError, TypeError) as err:
            _log.warning("cannot make the recovery copy", exc_info=True)
            self._report(f"自动恢复副本未能写入：{err}")
            return
        with self._mutex:
            self._queued = data
            if self._future is None or self._future.done():
                self._future = self._executor.submit(self._drain, self.slot.number)

    def _drain(self, slot: int) -> None:
        """Worker thread: write the newest queued content until none is left."""
        while True:
            with self._mutex:
                data, self._queued = self._queued, None
            if data is None:
                return
            try:
                write_recovery_bytes(self.directory, slot, data)
                self.writes += 1
            except OSError as err:
                _log.warning("recovery copy not written", exc_info=True)
                self._error = f"自动恢复副本未能写入：{os_error_message(err)}"

    def _show_error(self) -> None:
        if self._error:
            message, self._error = self._error, ""
            self._report(message)

    def _report(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 8000)

    def flush(self) -> None:
        """Wait until the copy queued so far is on disk (tests, and before the copy goes)."""
        future = self._future
        if future is not None:
            try:
                future.result(timeout=WAIT_SECONDS)
            except Exception:  # noqa: BLE001 - a write that failed was logged by the worker
                _log.warning("recovery writer did not finish", exc_info=True)

    # ------------------------------------------------------------ removing

    def clear(self) -> None:
        """The report was saved or given up: no copy (waits for a write in progress)."""
        self.idle_timer.stop()
        self.deadline_timer.stop()
        with self._mutex:
            self._queued = None
        self.flush()
        if self.slot is not None:
            try:
                clear_recovery(self.directory, self.slot.number)
            except OSError:
                _log.warning("cannot remove recovery copy", exc_info=True)

    def shutdown(self) -> None:
        """The window closes normally: remove the copy, give the slot back."""
        self.clear()
        self._closed = True
        if self.slot is not None:
            self.slot.release()
            self.slot = None
        self._executor.shutdown(wait=True)

    # ------------------------------------------------------------ after a crash

    def offer(self) -> bool:
        """Offer the most recently saved copy of a window that is gone; True when restored.

        Copies that cannot be read are reported (and kept, see ``composer.project.leftovers``).
        """
        try:
            found = leftovers(self.directory, skip=self.slot.number if self.slot else None)
        except OSError:
            _log.warning("cannot look for recovery copies", exc_info=True)
            return False
        unreadable = [leftover.problem for leftover, _ in found if leftover.recovery is None and leftover.kept_at]
        newer = [leftover.problem for leftover, _ in found if leftover.recovery is None and not leftover.kept_at]
        usable = [(leftover, held) for leftover, held in found if leftover.recovery is not None]
        for leftover, held in found:
            if leftover.recovery is None:
                held.release()
        if unreadable:
            dialogs.info(self.window, "\n\n".join(unreadable))
        if newer:
            self._report(newer[0])
        if not usable:
            return False
        (chosen, held), rest = usable[0], usable[1:]
        for _, other in rest:
            other.release()  # offered at the next start
        recovery = chosen.recovery
        assert recovery is not None
        if not dialogs.ask_restore(self.window, recovery.source, recovery.saved_at):
            clear_recovery(self.directory, chosen.slot)
            held.release()
            return False
        self.clear()
        if self.slot is not None:
            self.slot.release()
        self.slot = held
        source = Path(recovery.source) if recovery.source else None
        self.window.load_project(recovery.project, source,
                                 note="自动恢复的报告，尚未保存" if source is None else "", restored=True)
        guard = getattr(self.window, "guard", None)
        if guard is not None and source is not None:
            guard.stamp = recovery.source_stamp  # changes made on disk since then are still noticed
        self.changed()
        return True
