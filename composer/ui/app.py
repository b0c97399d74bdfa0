"""The GUI entry point: ``python -m composer [FILE]``."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from .. import APP_NAME, logs
from .resources import resource_path

_log = logging.getLogger(__name__)
_translators: list[QTranslator] = []  # kept alive for the application's lifetime


def translation_folders() -> list[str]:
    """Qt's own translations: the installed PySide6's, then a bundle's resources/translations."""
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), str(resource_path("translations"))]
    try:
        import PySide6

        folders.append(str(Path(PySide6.__file__).parent / "Qt" / "translations"))
    except (ImportError, TypeError):
        pass
    return folders


def _install_translations(app: QApplication) -> None:
    """Qt's standard dialogs and context menus in Chinese, and Chinese dates and numbers in them,
    whatever the system's language (a clerk's PC may run an English Windows)."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    if _translators:
        return
    folders = translation_folders()
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if any(translator.load(name, folder) for folder in folders):
            app.installTranslator(translator)
            _translators.append(translator)
            break
    else:
        _log.warning("Qt's Chinese translations were not found in %s", folders)
    # Strings Qt's own file leaves in English (e.g. the file dialog's "&Look in:"); consulted first.
    extra = QTranslator(app)
    if extra.load("composer_qt_zh_CN", str(resource_path("translations"))):
        app.installTranslator(extra)
        _translators.append(extra)


# Sans-serif faces with Simplified Chinese, in order of preference (Linux desktops, then Windows).
_CJK_UI_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
                    "Microsoft YaHei UI", "Microsoft YaHei")


def _prefer_cjk_sans(app: QApplication) -> None:
    """When the system UI font has no Chinese, Qt picks any CJK face per glyph — often a 楷体 or 宋体,
    which makes labels hard to read. Name a CJK sans face as the next fallback instead."""
    font = app.font()
    if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(font.family()):
        return
    installed = set(QFontDatabase.families())
    fallbacks = [f for f in _CJK_UI_FAMILIES if f in installed]
    if fallbacks:
        font.setFamilies([font.family(), *fallbacks])
        app.setFont(font)


def app_data_dir() -> Path:
    path = logs.default_data_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


def create_main_window(path: str | None = None):
    """The main window on ``path`` (or the start page), having offered any crash recovery.

    A QApplication must exist. The window is not shown.
    """
    from .main_window import MainWindow

    app = QApplication.instance()
    assert isinstance(app, QApplication), "create a QApplication first"
    _install_translations(app)
    _prefer_cjk_sans(app)
    icon = resource_path("icon.png")
    if icon.is_file() and app.windowIcon().isNull():
        app.setWindowIcon(QIcon(str(icon)))
    window = MainWindow(app_data_dir())
    opened = path is not None and window.open_path(path)
    if not opened:
        window.show_start()
    window.offer_recovery()
    return window


def _excepthook(exc_type, exc, tb) -> None:
    """A bug must not vanish silently: log it and tell the clerk in Chinese; the window stays."""
    _log.critical("unhandled exception", exc_info=(exc_type, exc, tb))
    log = logs.log_dir(app_data_dir())
    sys.stderr.write("".join(traceback.format_exception(exc_type, exc, tb)))
    from . import dialogs

    where = f"\n详细信息已记录在 {log}，可发给维护人员。" if log else ""
    dialogs.warn(None, f"程序内部出错，刚才的操作可能没有完成。{where}\n\n建议先保存报告（另存为新文件），再重新启动。")


_C_LOCALES = ("", "C", "POSIX", "C.UTF-8", "C.utf8")


def chinese_dates_env(environ=os.environ) -> bool:
    """On a Unix session with no language set (C locale: a bare desktop, a test server), dates in
    Qt's dialogs would read "1 12 2026": ask for Chinese ones. Must run before QApplication starts.
    A language the system does set is left alone. True when it changed something."""
    if sys.platform == "win32" or environ.get("LC_ALL", "") not in _C_LOCALES:
        return False
    if environ.get("LC_TIME", "") not in _C_LOCALES or environ.get("LANG", "") not in _C_LOCALES:
        return False
    environ.pop("LC_ALL", None)
    environ["LC_TIME"] = "zh_CN.UTF-8"
    return True


def main(argv: list[str] | None = None, on_shown=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if QApplication.instance() is None:
        chinese_dates_env()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName("composer")
    app.setApplicationName("composer")
    app.setApplicationDisplayName(APP_NAME)
    logs.setup(app_data_dir())
    sys.excepthook = _excepthook
    window = create_main_window(argv[0] if argv else None)
    window.show()
    if on_shown is not None:
        QTimer.singleShot(0, lambda: on_shown(window))
    return app.exec()
