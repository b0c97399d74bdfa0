"""Which of the files PyInstaller collected go into the bundle: a pure function over destination names.

PyInstaller's Qt hooks collect every plugin, translation and Qt library that QtCore/QtGui/QtWidgets
might use (wayland, eglfs, SQL drivers, QML tooling, 200 translations …). The spec keeps only what
composer uses; everything here is decided from the destination path alone so that it can be tested
without building. The lists are data: to keep one more thing, add it here and say why.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

# Python modules composer never imports. Listing them keeps PyInstaller from running their hooks
# (and from pulling in their Qt libraries). pypdfium2 and PIL are used by pdfplumber only for
# page.to_image(), which composer does not call; tkinter would bring Tcl/Tk; ssl and _hashlib
# would bring OpenSSL (5 MB) for no network at all — hashlib falls back to its built-in digests.
EXCLUDED_MODULES = (
    "tkinter", "_tkinter", "unittest", "pydoc_data", "test", "lib2to3", "idlelib",
    "PIL", "pypdfium2", "pypdfium2_raw", "readline", "ssl", "_ssl", "_hashlib", "lxml.objectify", "lxml.isoschematron",
    "lxml.html",  # HTML is read with the standard library's parser; nothing else uses lxml.html
    "pytest", "_pytest", "hypothesis", "pytestqt", "IPython", "numpy",
    *(f"PySide6.{name}" for name in (
        "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
        "QtAxContainer", "QtBluetooth", "QtCanvasPainter", "QtCharts", "QtConcurrent", "QtDBus",
        "QtDataVisualization", "QtDesigner", "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer",
        "QtLabsStyleKit", "QtLocation", "QtMultimedia", "QtMultimediaWidgets", "QtNetwork",
        "QtNetworkAuth", "QtNfc", "QtOpenGL", "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets",
        "QtPositioning", "QtQml", "QtQmlFeatures", "QtQuick", "QtQuick3D",
        "QtQuickControls2", "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects", "QtScxml",
        "QtSensors", "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine",
        "QtTest", "QtTextToSpeech", "QtUiTools", "QtWebChannel",
        "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebSockets", "QtWebView",
        "QtXml",
    )),
)

# Qt libraries kept (by module name, from libQt6<Name>.so.6 / Qt6<Name>.dll). DBus and XcbQpa are
# link-time dependencies of QtGui and of the xcb platform plugin on Linux.
# PrintSupport: 打印 with a preview; Svg/SvgWidgets: the charts of the county comparison view.
KEPT_QT_LIBRARIES = frozenset({"Core", "Gui", "Widgets", "DBus", "XcbQpa", "PrintSupport", "Svg", "SvgWidgets"})

# Qt plugins kept, by plugin directory; None keeps every plugin of the directory.
KEPT_PLUGINS: dict[str, dict[str, frozenset[str] | None]] = {
    "linux": {
        # xcb is the desktop (UOS, Kylin and others run X11 or XWayland); offscreen/minimal for tests.
        "platforms": frozenset({"libqxcb.so", "libqoffscreen.so", "libqminimal.so"}),
        # compose + ibus: Chinese input methods reach Qt through these (fcitx speaks ibus/XIM too).
        "platforminputcontexts": frozenset({"libcomposeplatforminputcontextplugin.so",
                                            "libibusplatforminputcontextplugin.so"}),
        # PNG is built into QtGui; .ico for the window icon on any platform.
        "imageformats": frozenset({"libqico.so"}),
        # Needed by the xcb plugin when a desktop asks for GL; small, no extra Qt modules.
        "xcbglintegrations": None,
        # No printsupport plugin: Qt's CUPS plugin would bring libcups with gnutls, krb5 and avahi
        # (6 MB, and glibc 2.36). 打印 on Linux goes through the print preview to PDF, or through
        # 用办公软件打印 (LibreOffice prints with the system's own CUPS).
    },
    "windows": {
        "platforms": frozenset({"qwindows.dll", "qoffscreen.dll", "qminimal.dll"}),
        "styles": None,  # qmodernwindowsstyle: native look of buttons and dialogs
        "imageformats": frozenset({"qico.dll"}),
        "printsupport": None,  # windowsprintersupport: the system's printers in the print dialog
    },
}

# Translations: only Qt's own Simplified Chinese (standard dialogs: 确定/取消, file dialog).
# qt_zh_CN.qm is a 99-byte catalogue that names qtbase_zh_CN (and qtmultimedia, absent in
# PySide6-Essentials), so the program should load qtbase_zh_CN.qm directly.
KEPT_TRANSLATIONS = frozenset({"qtbase_zh_CN.qm", "qt_zh_CN.qm"})

# Linux libraries left to the system (the .deb depends on their packages): they talk to system
# services and read system configuration, so the system's own copy is the one that fits
# (a bundled fontconfig older than the system's fonts.conf warns and may miss fonts; libdbus
# would bring libsystemd and libgcrypt along). The C++ runtime too: the build machine's
# libstdc++ needs the build machine's glibc (2.36 on Debian 12), while Qt needs only
# GLIBCXX_3.4.29 (GCC 11), which every system with Qt's glibc ≥ 2.34 has. The rarer xcb-util
# libraries stay bundled: Qt's xcb plugin needs them and desktops often lack libxcb-cursor0.
SYSTEM_LIBRARIES = frozenset({"libdbus-1.so.3", "libfontconfig.so.1", "libfreetype.so.6",
                              "libstdc++.so.6", "libgcc_s.so.1"})

# pdfminer's CMaps for PDFs whose fonts are not embedded: mainland reports use the Simplified
# Chinese ones (Adobe-GB1: GBK, GB-EUC, UniGB-UCS2 …). The Japanese, Korean and Traditional
# Chinese ones (5 MB) are left out; Identity-H needs no file.
_PDFMINER_CMAP = re.compile(r"(?:^|/)pdfminer/cmap/([^/]+)$")
KEPT_CMAP_MARK = "GB"

# Never wanted whatever collected them: software OpenGL and the shader compiler (Windows, for
# QtQuick/RHI), Qt's own build metadata.
DROPPED_FILES = frozenset({"opengl32sw.dll", "d3dcompiler_47.dll"})

# python-docx ships the unpacked source of its default.docx beside it; only default.docx and the
# default-*.xml parts are read at run time.
_DOCX_TEMPLATE_SOURCE = re.compile(r"(?:^|/)docx/templates/default-docx-template/")

_QT_LIBRARY = re.compile(r"^(?:lib)?Qt6([A-Za-z0-9]+?)(?:\.so(?:\.[0-9]+)*|\.dll)$")
_PLUGIN = re.compile(r"(?:^|/)PySide6/(?:Qt/)?plugins/([^/]+)/([^/]+)$")
_TRANSLATION = re.compile(r"(?:^|/)PySide6/(?:Qt/)?translations/([^/]+)$")
_QT_SUPPORT_DIRS = re.compile(r"(?:^|/)PySide6/(?:Qt/)?(?:qml|libexec|metatypes|resources/qtwebengine)(?:/|$)")


def platform_key(sys_platform: str) -> str:
    """'linux' or 'windows' from sys.platform; other systems are not packaged."""
    if sys_platform.startswith("linux"):
        return "linux"
    if sys_platform in ("win32", "cygwin"):
        return "windows"
    raise ValueError(f"不支持在 {sys_platform} 上打包：只支持 Linux 和 Windows")


def keep(dest: str, platform: str) -> bool:
    """Whether the file that PyInstaller would put at `dest` (relative to the bundle) is kept."""
    path = dest.replace("\\", "/")
    name = path.rsplit("/", 1)[-1]
    if name.lower() in DROPPED_FILES:
        return False
    if platform == "linux" and name in SYSTEM_LIBRARIES:
        return False
    if _QT_SUPPORT_DIRS.search(path) or _DOCX_TEMPLATE_SOURCE.search(path):
        return False
    plugin = _PLUGIN.search(path)
    if plugin:
        kinds = KEPT_PLUGINS[platform]
        kind, file = plugin.groups()
        if kind not in kinds:
            return False
        allowed = kinds[kind]
        return allowed is None or file in allowed
    cmap = _PDFMINER_CMAP.search(path)
    if cmap:
        return KEPT_CMAP_MARK in cmap.group(1)
    translation = _TRANSLATION.search(path)
    if translation:
        return translation.group(1) in KEPT_TRANSLATIONS
    library = _QT_LIBRARY.match(name)
    if library:
        return library.group(1) in KEPT_QT_LIBRARIES
    return True


def filter_toc(toc: Iterable[Sequence], platform: str) -> list:
    """The entries of a PyInstaller TOC (dest, source, typecode) that `keep` accepts, in order."""
    return [entry for entry in toc if keep(entry[0], platform)]


def _normal(path: str) -> str:
    return posixpath.normpath(path.replace("\\", "/")).lower()


def _is_root(dest: str, typecode: str) -> bool:
    """Binaries that are loaded for their own sake: Python extensions, Qt plugins, the interpreter."""
    path = dest.replace("\\", "/")
    name = path.rsplit("/", 1)[-1].lower()
    return (typecode == "EXTENSION" or "/plugins/" in f"/{path}"
            or name.startswith(("libpython", "python3")))


def reachable_binaries(toc: Iterable[Sequence], imports_of: Callable[[str], Iterable[str]]) -> list:
    """The binaries still needed once plugins and modules were dropped: the roots (extensions,
    plugins, the interpreter) and the shared libraries they link to, directly or not.

    PyInstaller collected the link-time dependencies of everything its hooks found, before
    `keep` dropped some of those (the GTK platform theme alone brings GTK, cairo and pango).
    `imports_of(source)` names the libraries a binary links to (PyInstaller's bindepend).
    Names compare by base name, case-insensitively (Windows).
    """
    entries = list(toc)
    by_dest = {_normal(entry[0]): entry for entry in entries}
    by_name: dict[str, list[Sequence]] = {}
    for entry in entries:
        by_name.setdefault(entry[0].replace("\\", "/").rsplit("/", 1)[-1].lower(), []).append(entry)
    needed: set[str] = set()
    queue = [entry for entry in entries if _is_root(entry[0], entry[2])]
    seen = {id(entry) for entry in queue}
    while queue:
        entry = queue.pop()
        if entry[2] == "SYMLINK":  # (link, target relative to the link's folder, "SYMLINK")
            target = by_dest.get(_normal(posixpath.join(posixpath.dirname(_normal(entry[0])), entry[1])))
            if target is not None and id(target) not in seen:
                seen.add(id(target))
                queue.append(target)
            continue
        for name in imports_of(entry[1]):
            base = name.replace("\\", "/").rsplit("/", 1)[-1].lower()
            needed.add(base)
            for dependency in by_name.get(base, ()):
                if id(dependency) not in seen:
                    seen.add(id(dependency))
                    queue.append(dependency)
    return [entry for entry in entries if id(entry) in seen]


# Not data: build scripts and caches that may sit in templates/ or resources/.
_NOT_DATA_SUFFIXES = (".py", ".pyc", ".pyo")
_NOT_DATA_DIRS = frozenset({"__pycache__", ".git"})


def data_files(root: Path, dest: str) -> list[tuple[str, str]]:
    """(source file, destination folder) pairs for every data file under `root`, as PyInstaller wants.

    A missing folder gives no files: the bundle then simply has none (the smoke test notices
    if the program needed them).
    """
    pairs = []
    if not root.is_dir():
        return pairs
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or _NOT_DATA_DIRS.intersection(relative.parts[:-1]):
            continue
        if path.suffix in _NOT_DATA_SUFFIXES or path.name.startswith("."):
            continue
        pairs.append((str(path), "/".join((dest, *relative.parts[:-1]))))
    return pairs
