"""The window fits the screen it opens on, at any scaling: never larger than the available area,
its last size and place remembered per screen (a laptop alone and the same laptop on a monitor
keep their own)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings
from PySide6.QtGui import QCursor, QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

PREFERRED = (1280, 800)  # logical pixels, on a screen that has room for it
NARROW_SCREEN = 1200  # logical pixels: below this the findings panel goes under the pages
SHORT_SCREEN = 700  # logical pixels: below this the table pages drop what they can spare


def screen_for(widget: QWidget | None = None) -> QScreen | None:
    """The screen the window opens on: the one with the pointer (where the clerk is looking)."""
    screen = QGuiApplication.screenAt(QCursor.pos())
    if screen is None and widget is not None:
        screen = widget.screen()
    return screen or QGuiApplication.primaryScreen()


def screen_key(screen: QScreen) -> str:
    size = screen.geometry().size()
    name = "".join(ch if ch.isalnum() else "_" for ch in screen.name()) or "screen"
    return f"geometry/{name}-{size.width()}x{size.height()}-{round(screen.devicePixelRatio() * 100)}"


def clamp(rect: QRect, area: QRect) -> QRect:
    """``rect`` made no larger than ``area`` and moved inside it."""
    width, height = min(rect.width(), area.width()), min(rect.height(), area.height())
    x = min(max(rect.x(), area.x()), area.x() + area.width() - width)
    y = min(max(rect.y(), area.y()), area.y() + area.height() - height)
    return QRect(x, y, width, height)


def frame_extra(window: QWidget) -> tuple[int, int]:
    """What the window manager's frame adds around the client area (zero before the first show)."""
    frame, inner = window.frameGeometry(), window.geometry()
    return max(0, frame.width() - inner.width()), max(0, frame.height() - inner.height())


def fit_window(window: QWidget, settings: QSettings, screen: QScreen | None = None) -> None:
    """Restore this screen's remembered geometry, or a size that fits; never beyond the available area."""
    screen = screen or screen_for(window)
    if screen is None:
        window.resize(*PREFERRED)
        return
    area = screen.availableGeometry()
    saved = settings.value(screen_key(screen))
    if isinstance(saved, QByteArray) and not saved.isEmpty() and window.restoreGeometry(saved):
        if window.isMaximized():
            return
        rect = window.geometry()
    else:
        extra_w, extra_h = frame_extra(window)
        # the preferred size, or most of a larger screen; never more than the screen has
        width = min(max(PREFERRED[0], int(area.width() * 0.85)), area.width() - extra_w)
        height = min(max(PREFERRED[1], int(area.height() * 0.9)), area.height() - extra_h)
        rect = QRect(QPoint(0, 0), window.size().expandedTo(window.minimumSize()))
        rect.setSize(rect.size().boundedTo(window.maximumSize()))
        rect.setWidth(width)
        rect.setHeight(height)
        rect.moveCenter(area.center())
    extra_w, extra_h = frame_extra(window)
    inner_area = QRect(area.x(), area.y(), area.width() - extra_w, area.height() - extra_h)
    rect = clamp(rect, inner_area)
    window.setGeometry(rect)


def keep_inside(window: QWidget) -> None:
    """After the first show: shrink and move so that the frame, too, is on the screen."""
    screen = window.screen()
    if screen is None or window.isMaximized() or window.isFullScreen():
        return
    area = screen.availableGeometry()
    frame, inner = window.frameGeometry(), window.geometry()
    if area.contains(frame):
        return
    left, top = inner.x() - frame.x(), inner.y() - frame.y()
    right, bottom = frame.right() - inner.right(), frame.bottom() - inner.bottom()
    target = clamp(frame, area)
    window.setGeometry(target.x() + left, target.y() + top,
                       target.width() - left - right, target.height() - top - bottom)


def remember(window: QWidget, settings: QSettings) -> None:
    screen = window.screen()
    if screen is not None:
        settings.setValue(screen_key(screen), window.saveGeometry())


def is_narrow(screen: QScreen | None) -> bool:
    return screen is not None and screen.availableGeometry().width() < NARROW_SCREEN


def is_short(screen: QScreen | None) -> bool:
    return screen is not None and screen.availableGeometry().height() < SHORT_SCREEN
