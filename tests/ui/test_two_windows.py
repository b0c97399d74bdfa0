"""Two people on one report: the second window (or program) is told, and nothing is silently lost.

Real main windows (offscreen); the questions are patched in composer.ui.lock_dialogs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from composer.project import Project, load_project, save_project
from composer.ui import dialogs, lock_dialogs
from composer.ui.app import create_main_window
from composer.ui.commands import set_values

from .conftest import consistent_report

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def answers(monkeypatch):
    """Records the lock questions; answers with what the test put in ``answers.locked``/``changed``."""

    class Answers:
        locked = "readonly"
        changed = "cancel"
        asked: list[tuple[str, str, str]] = []

    box = Answers()
    box.asked = []
    monkeypatch.setattr(lock_dialogs, "ask_locked",
                        lambda parent, name, owner: box.asked.append(("locked", name, owner)) or box.locked)
    monkeypatch.setattr(lock_dialogs, "ask_changed_on_disk",
                        lambda parent, name: box.asked.append(("changed", name, "")) or box.changed)
    return box


def edit(window, value: int) -> None:
    """A clerk's edit through the undo stack (with two windows, only one has the keyboard)."""
    set_values(window.doc, {"tables.requests.new.business": value}, "输入")
    assert window.isWindowModified()


def second_window(qtbot, path):
    w = create_main_window(str(path))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    return w


def test_second_window_is_told_and_opens_read_only(qtbot, window, report_file, answers, messages, monkeypatch,
                                                  tmp_path):
    other = second_window(qtbot, report_file)
    assert answers.asked and answers.asked[0][:2] == ("locked", report_file.name)
    assert "于" in answers.asked[0][2]  # who and since when
    assert other.doc.path is None  # read-only: 保存 asks for a new name
    edit(other, 7)
    copy = tmp_path / "副本.nianbao"
    monkeypatch.setattr(dialogs, "save_file_name", lambda *a: str(copy))
    assert other.save()
    assert load_project(copy).report.cells["tables.requests.new.business"] == 7
    assert load_project(report_file).report.cells["tables.requests.new.business"] == 0  # the first's file
    # the first window still saves its own file
    edit(window, 2)
    assert window.save()
    assert load_project(report_file).report.cells["tables.requests.new.business"] == 2


def test_second_window_may_save_a_copy_at_once(qtbot, window, report_file, answers, messages, monkeypatch,
                                               tmp_path):
    answers.locked = "copy"
    copy = tmp_path / "我的副本.nianbao"
    monkeypatch.setattr(dialogs, "save_file_name", lambda *a: str(copy))
    other = second_window(qtbot, report_file)
    assert copy.is_file() and other.doc.path == copy.resolve()


def test_a_file_changed_on_disk_is_not_overwritten_without_asking(qtbot, window, report_file, answers, messages):
    changed = consistent_report()
    changed.organ = "另一人保存的机关名称"
    save_project(Project(changed), report_file)  # another program writes the file meanwhile
    edit(window, 5)
    assert not window.save()  # cancel
    assert answers.asked == [("changed", report_file.name, "")]
    assert load_project(report_file).report.organ == "另一人保存的机关名称"
    answers.changed = "overwrite"
    assert window.save()
    saved = load_project(report_file).report
    assert saved.organ == "测试乡人民政府" and saved.cells["tables.requests.new.business"] == 5
    # saved now: the next save needs no question
    edit(window, 6)
    assert window.save() and len(answers.asked) == 2


_HOLDER = textwrap.dedent("""
    import sys
    from composer.doclock import lock_document, FileLock
    lock = lock_document(sys.argv[1])
    assert isinstance(lock, FileLock), lock
    print("LOCKED", flush=True)
    sys.stdin.readline()
    lock.release()
""")


def test_a_file_another_program_has_open(qtbot, report_file, answers, messages, monkeypatch, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(report_file)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert holder.stdout.readline().strip() == "LOCKED", holder.stderr.read()
        monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: "discard")
        if hasattr(dialogs, "ask_start_draft"):
            monkeypatch.setattr(dialogs, "ask_start_draft", lambda *a: False)
        w = second_window(qtbot, report_file)
        assert answers.asked and answers.asked[0][0] == "locked" and w.doc.path is None
        # 另存为 onto the file the other program has open is refused, not silently done
        monkeypatch.setattr(dialogs, "save_file_name", lambda *a: str(report_file))
        before = report_file.read_bytes()
        assert not w.save_as()
        assert "该文件已由" in messages.warnings[-1]
        assert report_file.read_bytes() == before
        holder.communicate("\n", timeout=30)
    finally:
        holder.kill()
    # the other program closed it: now it can be saved there
    assert w.save_as()
    assert w.doc.path == report_file.resolve()
