"""Long work (import, carry-forward, LibreOffice conversion, export, print preparation) off the GUI thread.

``run_task`` runs a plain function in a QThread behind a progress dialog with 取消. The
function must not touch Qt widgets; its result or its failure comes back on the GUI thread.
Cancelling cannot stop a LibreOffice conversion midway: the window stops waiting at once and
the result, when it comes, is dropped — the report on screen is never touched by it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..errors import ComposerError
from ..fileio import os_error_message

_log = logging.getLogger(__name__)
# Threads live here, not as children of a window, until they have ended: closing the window (or a
# test deleting it) must never destroy a QThread that is still running. Ended threads are dropped
# (and so deleted) on the GUI thread, the next time a thread starts.
_running: set[QThread] = set()


class Task(QThread):
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, func: Callable[[], Any], parent=None):
        super().__init__(parent)
        self.func = func
        self.cancelled = False
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.func()
        except ComposerError as err:
            self.error = err
            self.failed.emit(str(err))
        except OSError as err:
            self.error = err
            self.failed.emit(os_error_message(err))
        except MemoryError as err:
            self.error = err
            self.failed.emit("文件过大，内存不足")
        except Exception as err:  # noqa: BLE001 - a bug in the work must not kill the window
            _log.warning("background task failed", exc_info=True)
            self.error = err
            self.failed.emit(f"程序内部出错（{type(err).__name__}），详细信息已记录在日志中")
        else:
            self.succeeded.emit(self.result)


def keep(thread: QThread) -> None:
    """Hold a reference until the thread has ended (dropped later, on the GUI thread, never from it)."""
    for done in [t for t in _running if t.isFinished()]:
        _running.discard(done)
    _running.add(thread)


class TaskCancelled(Exception):
    """The clerk pressed 取消: the work's result, whenever it comes, is dropped."""


def _dialog(parent: QWidget | None, title: str, label: str, cancellable: bool) -> QProgressDialog:
    dialog = QProgressDialog(label, "取消" if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(title)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)  # quick work finishes before it shows
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    return dialog


def run_blocking(parent: QWidget | None, title: str, label: str, func: Callable[[], Any]) -> Any:
    """Run ``func()`` in a thread while the window keeps painting (a progress dialog with 取消 after
    0.3 s); return its result or raise its exception here, or TaskCancelled."""
    dialog = _dialog(parent, title, label, True)
    task = Task(func)
    keep(task)
    loop = QEventLoop()
    task.finished.connect(loop.quit)
    dialog.canceled.connect(loop.quit)
    task.start()
    if not task.isFinished():
        loop.exec()
    finished = task.isFinished() and not dialog.wasCanceled()
    dialog.reset()
    dialog.close()
    dialog.deleteLater()
    if not finished:
        task.cancelled = True
        raise TaskCancelled()
    task.wait()
    if task.error is not None:
        raise task.error
    return task.result


def run_task(parent: QWidget | None, title: str, label: str, func: Callable[[], Any],
             on_done: Callable[[Any], None], on_failed: Callable[[str], None],
             cancellable: bool = True, on_cancelled: Callable[[], None] | None = None) -> Task:
    """Run ``func()`` in a thread; a progress dialog (with 取消 when ``cancellable``) shows after 0.3 s."""
    dialog = _dialog(parent, title, label, cancellable)
    task = Task(func, parent)
    keep(task)

    def close_dialog() -> None:
        dialog.reset()
        dialog.close()
        dialog.deleteLater()

    def finish(callback, arg) -> None:
        if task.cancelled:
            return
        close_dialog()
        callback(arg)

    def cancel() -> None:
        task.cancelled = True
        close_dialog()
        if on_cancelled is not None:
            on_cancelled()

    dialog.canceled.connect(cancel)
    task.succeeded.connect(lambda result: finish(on_done, result))
    task.failed.connect(lambda msg: finish(on_failed, msg))
    task.start()
    return task


def wait_all(timeout_ms: int = 60000) -> None:
    """Let running tasks end (at exit: a thread must not outlive the application)."""
    for task in list(_running):
        task.wait(timeout_ms)
