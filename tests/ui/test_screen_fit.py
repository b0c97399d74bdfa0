"""The window's size per screen: never larger than the available area, remembered per screen."""

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from composer.ui import dialogs, screen_fit
from composer.ui.app import create_main_window


def test_clamp_keeps_a_rect_inside_the_area():
    area = QRect(0, 0, 911, 512)
    assert screen_fit.clamp(QRect(-50, 100, 1920, 1079), area) == QRect(0, 0, 911, 512)
    assert screen_fit.clamp(QRect(800, 400, 300, 200), area) == QRect(611, 312, 300, 200)


def test_window_size_is_remembered_for_its_screen_and_never_exceeds_it(qtbot, monkeypatch, report_file):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: "discard")
    screen = QApplication.primaryScreen()
    area = screen.availableGeometry()
    first = create_main_window(None)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    assert area.contains(first.frameGeometry())
    first.setGeometry(area.x() + 10, area.y() + 10, area.width() - 100, area.height() - 80)
    size = first.size()
    first.close()
    assert first.settings.value(screen_fit.screen_key(screen)) is not None
    second = create_main_window(None)
    qtbot.addWidget(second)
    assert second.size() == size  # this screen's remembered size
    # a geometry remembered larger than the screen (another monitor, other scaling) is cut to fit
    second.resize(area.width() * 2, area.height() * 2)
    screen_fit.remember(second, second.settings)
    third = create_main_window(None)
    qtbot.addWidget(third)
    third.show()
    qtbot.waitExposed(third)
    assert area.contains(third.frameGeometry())
