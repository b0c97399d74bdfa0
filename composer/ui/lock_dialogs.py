"""Two people on one report: the window's side of the document lock and the check before saving.

The decisions are the core's (``composer.doclock``: who holds the lock, whether the file changed
on disk); this module holds the window's lock and stamp and asks the clerk:

- opening a report that another window or program has open: "该文件已由 … 于 … 打开" with
  只读打开 (look, and save elsewhere) or 另存副本 (a copy under a new name at once);
- saving over a file that changed on disk since it was opened here: 覆盖 / 另存副本 / 取消;
- saving over a file another window or program has open: refused, with 另存副本 offered.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from ..doclock import FileLock, FileStamp, LockOwner, check_before_save, lock_document, locked_message
from ..errors import ChangedOnDisk, DocumentLocked
from ..project import Project, save_project
from . import dialogs

_log = logging.getLogger(__name__)


# ---------------------------------------------------------------- questions (tests patch these)


def ask_locked(parent: QWidget | None, name: str, owner: str) -> str:
    """"readonly" | "copy" | "cancel" for a report someone else has open."""
    box = QMessageBox(QMessageBox.Icon.Warning, dialogs.APP_TITLE,
                      f"“{name}”该文件已由 {owner} 打开。\n\n"
                      "两人同时修改同一文件，后保存的会覆盖先保存的。您可以只读打开（修改后另存为新文件），"
                      "或者立即另存一份副本再修改。",
                      QMessageBox.StandardButton.NoButton, parent)
    readonly = box.addButton("只读打开", QMessageBox.ButtonRole.AcceptRole)
    copy = box.addButton("另存副本", QMessageBox.ButtonRole.ActionRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(readonly)
    box.exec()
    clicked = box.clickedButton()
    return "readonly" if clicked is readonly else "copy" if clicked is copy else "cancel"


def ask_changed_on_disk(parent: QWidget | None, name: str) -> str:
    """"overwrite" | "copy" | "cancel" for a file changed by someone else since it was opened."""
    box = QMessageBox(QMessageBox.Icon.Warning, dialogs.APP_TITLE,
                      f"“{name}”在您打开之后已被其他人或程序修改。\n\n"
                      "直接保存会覆盖对方的修改。建议另存一份副本，再与对方核对。",
                      QMessageBox.StandardButton.NoButton, parent)
    copy = box.addButton("另存副本", QMessageBox.ButtonRole.AcceptRole)
    overwrite = box.addButton("覆盖对方的修改", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(copy)
    box.exec()
    clicked = box.clickedButton()
    return "copy" if clicked is copy else "overwrite" if clicked is overwrite else "cancel"


# ---------------------------------------------------------------- the window's lock and stamp


def _same(a: Path | None, b: Path | None) -> bool:
    if a is None or b is None:
        return False
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


class DocumentGuard:
    """The document lock and on-disk stamp of the report a window has open."""

    def __init__(self, window):
        self.window = window
        self.path: Path | None = None  # the file the lock and stamp are for
        self.lock: FileLock | None = None
        self.stamp: FileStamp | None = None
        self.read_only_of: Path | None = None  # opened read-only: someone else's file

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
        self.lock, self.path, self.stamp = None, None, None

    def _take(self, path: Path) -> LockOwner | None:
        """Hold ``path``'s lock; the owner in the way, if any."""
        got = lock_document(path)
        if isinstance(got, LockOwner):
            return got
        self.release()
        self.lock, self.path = got, path
        return None

    def open_project(self, project: Project, path: Path) -> bool:
        """Load a project file just read from ``path``, asking first when someone has it open."""
        path = path.resolve()
        stamp = FileStamp.of(path)
        if _same(path, self.path):
            owner = None  # this window has it already (opened again)
        else:
            owner = self._take(path)
        if owner is None:
            self.stamp = stamp
            self.read_only_of = None
            self.window.load_project(project, path)
            return True
        answer = ask_locked(self.window, path.name, owner.describe())
        if answer == "cancel":
            return False
        self.release()
        self.window.load_project(project, None, note=f"只读打开的“{path.name}”（{owner.describe()}打开），"
                                                    "修改请另存为新文件")
        self.read_only_of = path
        if answer == "copy":
            self.window.save_as()
        return True

    def follow(self, path: Path | None, restored: bool) -> None:
        """The window now shows ``path`` (None: a new or imported report)."""
        if path is None:
            self.release()
            return
        if _same(path, self.path):
            return
        owner = self._take(path)
        self.stamp = FileStamp.of(path) if not restored else None
        if owner is not None:
            _log.info("%s is open elsewhere: %s", path, owner.describe())

    def save(self, project: Project, path: Path) -> bool:
        """Save ``project`` at ``path`` unless that overwrites someone else's work; True when saved.

        Raises ComposerError when the file cannot be written.
        """
        target = path.resolve() if path.exists() else path
        own = self.lock if _same(target, self.path) else None
        stamp = self.stamp if own is not None else None
        try:
            check_before_save(target, stamp, own_lock=own)
        except DocumentLocked as err:
            owner_text = err.message
            dialogs.warn(self.window, f"无法保存：{owner_text}\n\n请另存为新文件，再与对方核对。")
            return False
        except ChangedOnDisk:
            answer = ask_changed_on_disk(self.window, target.name)
            if answer == "copy":
                self.window.save_as()
                return False
            if answer != "overwrite":
                return False
        if own is None:
            owner = self._take(Path(os.path.realpath(target)))
            if owner is not None:  # taken between the check and now
                dialogs.warn(self.window, f"无法保存：{locked_message(target, owner)}")
                return False
        save_project(project, target)
        self.stamp = FileStamp.of(target)
        self.read_only_of = None
        return True
