"""Starting and opening: the start page (由上年报告新建 first), recent files, an earlier year's
report offered as the start of this year's draft, the example only from 帮助, documents read off
the GUI thread with 取消, 打开文件 failures shown, Qt's own dialogs in Chinese."""

import threading
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QProgressDialog

from composer.project import Project, ProjectState, save_project
from composer.ui import dialogs, main_window
from composer.ui.app import create_main_window
from composer.ui.main_window import default_year

from .conftest import consistent_report

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "samples"


def start(qtbot, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: "discard")
    w = create_main_window(None)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_without_a_file_the_start_page_offers_last_years_report_first(qtbot, messages, monkeypatch):
    w = start(qtbot, monkeypatch)
    assert w.on_start_page() and not w.findings_dock.isVisible()
    page = w.start_page
    big = page.new_from_last_button
    assert big.isVisible() and w.focusWidget() is big and "由上年报告新建" in big.text()  # Enter starts it
    for other in (page.open_button, page.blank_button):  # the first and largest action
        assert big.height() > other.height() and big.mapTo(page, big.rect().topLeft()).y() < \
            other.mapTo(page, other.rect().topLeft()).y()
    assert not w.save_action.isEnabled() and not w.export_actions[".docx"].isEnabled()
    assert w.windowTitle() == "年报编制器"
    # 文件 menu: 由上年报告新建 first as well
    file_menu = w.menuBar().actions()[0].menu()
    assert file_menu.actions()[0] is w.new_from_last_action
    # the example is in 帮助, not what a launch opens
    assert w.demo_action in w.help_menu.actions()
    w.demo_action.trigger()
    assert not w.on_start_page() and "幸福乡" in w.doc.report.organ and w.save_action.isEnabled()


def test_start_page_lists_recent_files_and_opens_one(qtbot, messages, monkeypatch, report_file):
    monkeypatch.setattr(dialogs, "ask_start_draft", lambda parent, name, year: False)
    w = start(qtbot, monkeypatch)
    w.add_recent(report_file)
    w.show_start()
    items = w.start_page.recent
    assert items.count() == 1 and items.item(0).text().startswith(report_file.name)
    items.itemActivated.emit(items.item(0))
    assert not w.on_start_page() and w.doc.path == report_file.resolve()


def test_start_page_new_from_last_makes_the_draft(qtbot, messages, monkeypatch):
    monkeypatch.setattr(dialogs, "open_file_name", lambda parent, title, directory="": str(SAMPLES / "xingfu-2023.docx"))
    w = start(qtbot, monkeypatch)
    w.start_page.new_from_last_button.click()
    assert not w.on_start_page() and w.doc.report.year == 2024 and w.doc.report.previous.year == 2023


def test_opening_an_earlier_years_report_offers_this_years_draft(qtbot, messages, monkeypatch, tmp_path):
    old = tmp_path / "上年.nianbao"
    save_project(Project(consistent_report(default_year() - 1), ProjectState()), old)
    asked = []
    monkeypatch.setattr(dialogs, "ask_start_draft", lambda parent, name, year: asked.append((name, year)) or True)
    w = start(qtbot, monkeypatch)
    assert w.open_path(old)
    assert asked == [("上年.nianbao", default_year() - 1)]
    assert w.doc.report.year == default_year() and w.doc.path is None  # the draft, not last year's file
    assert w.doc.report.previous.year == default_year() - 1
    # declined: the old report itself opens
    monkeypatch.setattr(dialogs, "ask_start_draft", lambda parent, name, year: False)
    assert w.open_path(old)
    assert w.doc.report.year == default_year() - 1 and w.doc.path == old.resolve()


def test_documents_are_read_off_the_gui_thread(qtbot, window, messages, monkeypatch):
    seen = []
    real = main_window.open_any

    def spy(path):
        seen.append(threading.current_thread() is threading.main_thread())
        return real(path)

    monkeypatch.setattr(main_window, "open_any", spy)
    assert window.open_path(SAMPLES / "huashu-2023.docx")
    assert seen == [False] and window.doc.report.year == 2023


def test_cancel_while_reading_keeps_the_current_report(qtbot, window, messages, monkeypatch):
    before = window.doc.report.to_json()

    def slow(path):
        time.sleep(0.5)
        raise AssertionError("the result of a cancelled read must be dropped")

    monkeypatch.setattr(main_window, "open_any", slow)

    def press_cancel():
        dialog = next((d for d in QApplication.topLevelWidgets() if isinstance(d, QProgressDialog) and d.isVisible()),
                      None)
        if dialog is None:
            QTimer.singleShot(50, press_cancel)
        else:
            dialog.cancel()

    QTimer.singleShot(50, press_cancel)
    assert not window.open_path(SAMPLES / "huashu-2023.docx")
    assert window.doc.report.to_json() == before and not messages.warnings


def test_open_file_after_export_tells_when_nothing_can_open_it(qtbot, window, messages, monkeypatch, tmp_path):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    path = tmp_path / "报告.docx"
    path.write_bytes(b"x")
    assert not window.open_externally(path)
    assert messages.warnings and "报告.docx" in messages.warnings[-1] and str(tmp_path) in messages.warnings[-1]


def test_qt_dialogs_speak_chinese(qtbot, window):
    dialog = QFileDialog(window, "打开报告", "", dialogs.OPEN_FILTER)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Look in" not in texts and "Files of type" not in texts
    assert any("\u4e00" <= ch <= "\u9fff" for ch in texts)
    for suffix in (".doc", ".wps", ".odt", ".rtf", ".docx", ".pdf", ".nianbao"):
        assert f"*{suffix}" in dialogs.OPEN_FILTER


def test_file_dialog_types_in_chinese(qtbot, window):
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder") == "文件夹"
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："


def test_dates_in_qt_dialogs_are_chinese_on_a_session_without_a_language():
    from composer.ui.app import chinese_dates_env

    bare = {"LANG": "C"}
    assert chinese_dates_env(bare) and bare["LC_TIME"] == "zh_CN.UTF-8"
    english = {"LANG": "en_GB.UTF-8"}
    assert not chinese_dates_env(english) and "LC_TIME" not in english  # a language the system sets stays
    forced = {"LC_ALL": "de_DE.UTF-8"}
    assert not chinese_dates_env(forced) and forced == {"LC_ALL": "de_DE.UTF-8"}
