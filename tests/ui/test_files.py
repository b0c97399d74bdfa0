"""Files: save and reopen, corrupt files, the unsaved-changes prompt, autosave and crash recovery."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from composer.project import load_project, recovery_dir, recovery_slots
from composer.ui import dialogs
from composer.ui.app import create_main_window

from .helpers import grid
from .test_grid_editing import type_into

ROOT = Path(__file__).resolve().parents[2]


def test_save_then_reopen_gives_the_same_report(qtbot, window, monkeypatch, tmp_path):
    type_into(qtbot, grid(window, "requests"), "tables.requests.new.business", "2")
    type_into(qtbot, grid(window, "active"), "tables.active.fees", "1.5")
    prose = window.section_pages[5].prose
    prose.setPlainText("本年度未发出收费通知，未收取信息处理费。\n第二段𠀀。")
    target = tmp_path / "out"  # no suffix: .nianbao is added
    monkeypatch.setattr(dialogs, "save_file_name", lambda *a: str(target))
    assert window.save_as()
    saved = tmp_path / "out.nianbao"
    assert saved.is_file() and not window.isWindowModified()
    assert saved.name in window.windowTitle()
    assert load_project(saved).report.to_json() == window.doc.report.to_json()
    from composer.ui import lock_dialogs

    asked = []  # the first window still has the file open: the second is told, and opens it read-only
    monkeypatch.setattr(lock_dialogs, "ask_locked", lambda parent, name, owner: asked.append(name) or "readonly")
    again = create_main_window(str(saved))
    qtbot.addWidget(again)
    assert asked == ["out.nianbao"]
    assert again.doc.report.to_json() == window.doc.report.to_json()
    assert again.section_pages[5].prose.toPlainText() == window.doc.report.sections["other"]
    assert not again.isWindowModified()


def test_corrupt_file_shows_message_and_keeps_current_report(qtbot, window, messages, tmp_path):
    before = window.doc.report.to_json()
    bad = tmp_path / "坏文件.nianbao"
    bad.write_text('{"format": "gov-info-disclosure-annual-report", "version": 1, "tables": [', encoding="utf-8")
    assert not window.open_path(bad)
    assert "无法打开“坏文件.nianbao”" in messages.warnings[-1] and "JSON" in messages.warnings[-1]
    assert window.doc.report.to_json() == before
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"year": 2025, "tables": {"requests": 5}}', encoding="utf-8")
    assert not window.open_path(wrong)
    assert "tables.requests" in messages.warnings[-1]
    assert window.doc.report.to_json() == before
    assert not window.open_path(tmp_path / "不存在.nianbao")
    assert "找不到" in messages.warnings[-1] or "文件不存在" in messages.warnings[-1]


def test_start_on_corrupt_file_falls_back_to_the_start_page(qtbot, messages, monkeypatch, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe garbage")
    w = create_main_window(str(bad))
    qtbot.addWidget(w)
    assert messages.warnings and "UTF-8" in messages.warnings[-1]
    assert w.on_start_page() and w.doc.path is None


def test_close_with_unsaved_changes_prompts(qtbot, window, monkeypatch, tmp_path):
    asked = []
    type_into(qtbot, grid(window, "requests"), "tables.requests.new.business", "2")
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: asked.append(name) or "cancel")
    assert not window.close()
    assert window.isVisible() and asked == ["测试报告.nianbao"]
    # 保存: writes the file, then closes
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: asked.append(name) or "save")
    assert window.close()
    assert load_project(window.doc.path).report.cells["tables.requests.new.business"] == 2


def test_close_discard_and_clean_close_do_not_prompt_twice(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: asked.append(name) or "discard")
    type_into(qtbot, grid(window, "requests"), "tables.requests.new.business", "2")
    assert window.close()
    assert len(asked) == 1


def test_open_by_drag_and_drop(qtbot, window, tmp_path):
    from composer.project import Project, save_project

    from .conftest import consistent_report

    other = tmp_path / "另一份.nianbao"
    save_project(Project(consistent_report(2024)), other)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.doc.report.year == 2024 and window.doc.path.name == "另一份.nianbao"
    assert str(other.resolve()) == window.recent_files()[0]


def test_autosave_writes_recovery_soon_and_save_clears_it(qtbot, window, data_dir, monkeypatch, tmp_path):
    rdir = recovery_dir(data_dir)
    type_into(qtbot, grid(window, "requests"), "tables.requests.new.business", "9")
    assert window.autosave_timer.isActive() and window.autosave_timer.interval() <= 2000
    qtbot.waitUntil(lambda: bool(recovery_slots(rdir)), timeout=3000)
    slot = recovery_slots(rdir)[0]
    copy = load_project(rdir / f"recovery-{slot}.nianbao")
    assert copy.report.cells["tables.requests.new.business"] == 9
    assert window.save()
    assert recovery_slots(rdir) == []


@pytest.mark.slow
def test_crash_recovery(qtbot, report_file, data_dir, messages, monkeypatch):
    env = dict(os.environ, COMPOSER_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("crash_driver.py")), str(report_file)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.strip() == "EDITED", proc.stderr.read()
        time.sleep(2.5)  # the autosave delay is about a second; a kill later than that loses nothing
    finally:
        proc.kill()  # SIGKILL: no cleanup runs, as in a crash or a power cut
        proc.wait()
    offered = []

    def ask_restore(parent, source, saved_at):
        offered.append((source, saved_at))
        return True

    monkeypatch.setattr(dialogs, "ask_restore", ask_restore)
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: "discard")
    w = create_main_window()
    qtbot.addWidget(w)
    assert len(offered) == 1
    assert Path(offered[0][0]) == report_file.resolve()
    assert w.doc.report.cells["tables.requests.new.natural"] == 42
    assert w.doc.report.organ == "测试乡人民政府Z"
    assert w.doc.path == report_file.resolve()
    assert w.isWindowModified()
    # declined or restored copies are offered once only
    w2 = create_main_window()
    qtbot.addWidget(w2)
    assert len(offered) == 1
