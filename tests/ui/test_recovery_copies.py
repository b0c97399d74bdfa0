"""Recovery copies found at start by the real window: broken ones never stop the program, are
never deleted, and the most recently saved copy is the one offered."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from composer.project import KEPT_DIR, STATE_KEY, Project, load_project, recovery_dir, recovery_path, save_project
from composer.ui import dialogs, lock_dialogs
from composer.ui.app import create_main_window

from .conftest import consistent_report

ROOT = Path(__file__).resolve().parents[2]


def put_copy(data_dir, slot: int, saved_at: str, organ: str, version: int = 1) -> None:
    obj = consistent_report().to_json()
    obj["organ"], obj["version"] = organ, version
    text = json.dumps(obj, ensure_ascii=False)[:-1]
    text += f', "{STATE_KEY}": {{"dismissed": {{}}, "recovery": {{"source": null, "saved_at": {saved_at}}}}}}}'
    path = recovery_path(recovery_dir(data_dir), slot)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def offered_on_start(qtbot, monkeypatch, answer: bool = True):
    offered = []

    def ask_restore(parent, source, saved_at):
        # what the real question prints: it must not fail on any time a copy may hold
        when = datetime.fromtimestamp(saved_at).strftime("%Y-%m-%d %H:%M:%S") if saved_at else "未知时间"
        offered.append((source, saved_at, when))
        return answer

    monkeypatch.setattr(dialogs, "ask_restore", ask_restore)
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: "discard")
    if hasattr(dialogs, "ask_start_draft"):
        monkeypatch.setattr(dialogs, "ask_start_draft", lambda *a: False)
    w = create_main_window()
    qtbot.addWidget(w)
    return w, offered


def test_impossible_times_newer_and_broken_copies_do_not_stop_the_start(qtbot, data_dir, messages, monkeypatch):
    put_copy(data_dir, 1, "1e20", "时间为1e20的副本")
    put_copy(data_dir, 2, "1", "新版本的副本", version=7)
    broken = recovery_path(recovery_dir(data_dir), 3)
    broken.write_text("{\"organ\": ", encoding="utf-8")
    w, offered = offered_on_start(qtbot, monkeypatch)
    assert [(s, t, when) for s, t, when in offered] == [(None, 0.0, "未知时间")]
    assert w.doc.report.organ == "时间为1e20的副本" and w.isWindowModified()
    # the newer version's copy stays where that version looks for it; the broken one is kept aside
    assert recovery_path(recovery_dir(data_dir), 2).is_file()
    kept = list((recovery_dir(data_dir) / KEPT_DIR).iterdir())
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "{\"organ\": "
    assert messages.infos and str(kept[0]) in messages.infos[-1]
    assert "更新版本" in w.statusBar().currentMessage()


def test_the_copy_saved_last_is_offered_not_one_with_a_future_time(qtbot, data_dir, messages, monkeypatch):
    now = time.time()
    put_copy(data_dir, 1, "32503680000", "声称3000年保存的副本")
    put_copy(data_dir, 2, repr(now - 120), "两分钟前的副本")
    put_copy(data_dir, 3, repr(now - 7200), "两小时前的副本")
    w, offered = offered_on_start(qtbot, monkeypatch)
    assert len(offered) == 1 and abs(offered[0][1] - (now - 120)) < 1
    assert w.doc.report.organ == "两分钟前的副本"
    # the others are left for the next start, not lost
    assert recovery_path(recovery_dir(data_dir), 1).is_file() and recovery_path(recovery_dir(data_dir), 3).is_file()


def test_a_declined_copy_is_not_offered_again_and_the_window_keeps_working(qtbot, data_dir, messages, monkeypatch):
    put_copy(data_dir, 1, repr(time.time() - 60), "放弃的副本")
    w, offered = offered_on_start(qtbot, monkeypatch, answer=False)
    assert len(offered) == 1 and w.doc.report.organ != "放弃的副本"
    w2, offered2 = offered_on_start(qtbot, monkeypatch)
    assert offered2 == []


@pytest.mark.slow
def test_a_restored_report_does_not_overwrite_changes_made_on_disk_since(qtbot, report_file, data_dir, messages,
                                                                         monkeypatch):
    """The window crashed with unsaved edits; meanwhile someone saved the file. Restoring, then
    saving, asks before overwriting their version."""
    env = dict(os.environ, COMPOSER_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("crash_driver.py")), str(report_file)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "EDITED", proc.stderr.read()
        deadline = time.monotonic() + 20
        while not recovery_path(recovery_dir(data_dir), 1).is_file() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)
    finally:
        proc.kill()
        proc.wait()
    theirs = consistent_report()
    theirs.organ = "同事保存的版本"
    save_project(Project(theirs), report_file)
    asked = []
    monkeypatch.setattr(lock_dialogs, "ask_changed_on_disk", lambda parent, name: asked.append(name) or "cancel")
    w, offered = offered_on_start(qtbot, monkeypatch)
    assert len(offered) == 1 and w.doc.path == report_file.resolve()
    assert not w.save()
    assert asked == [report_file.name]
    assert load_project(report_file).report.organ == "同事保存的版本"
