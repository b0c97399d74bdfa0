"""What the spec keeps of PyInstaller's collection: plugins, translations, Qt libraries, data."""

from __future__ import annotations

import ast
from pathlib import Path

import bundle_filter
import pytest
from bundle_filter import EXCLUDED_MODULES, data_files, filter_toc, keep, platform_key, reachable_binaries

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/platforms/libqminimal.so",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
    "PySide6/Qt/translations/qtbase_zh_CN.qm",
    "PySide6/Qt/translations/qt_zh_CN.qm",
    "PySide6/Qt/lib/libQt6Core.so.6",
    "PySide6/Qt/lib/libQt6Widgets.so.6",
    "PySide6/Qt/lib/libQt6XcbQpa.so.6",
    "libQt6Gui.so.6",
    "PySide6/QtWidgets.abi3.so",
    "PySide6/Qt/lib/libicudata.so.73",
    "docx/templates/default.docx",
    "docx/templates/default-header.xml",
    "pdfminer/cmap/UniGB-UCS2-H.json.gz",
    "pdfminer/cmap/to-unicode-Adobe-GB1.json.gz",
    "templates/report.docx",
    "libxcb-cursor.so.0",
])
def test_linux_keeps(dest):
    assert keep(dest, "linux")


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/Qt/plugins/imageformats/libqpdf.so",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/translations/qtdeclarative_zh_CN.qm",
    "PySide6/Qt/translations/designer_zh_CN.qm",
    "PySide6/Qt/lib/libQt6Network.so.6",
    "PySide6/Qt/lib/libQt6Qml.so.6",
    "PySide6/Qt/lib/libQt6Quick.so.6",
    "PySide6/Qt/lib/libQt6Pdf.so.6",
    "PySide6/Qt/lib/libQt6WebEngineCore.so.6",
    "PySide6/Qt/lib/libQt6Sql.so.6",
    "libQt6OpenGL.so.6",
    "PySide6/Qt/qml/QtQuick/qmldir",
    "pdfminer/cmap/UniJIS-UCS2-H.json.gz",
    "pdfminer/cmap/KSC-EUC-H.json.gz",
    "pdfminer/cmap/B5pc-H.json.gz",
    "libfontconfig.so.1",
    "libstdc++.so.6",
    "libdbus-1.so.3",
    "docx/templates/default-docx-template/word/styles.xml",
])
def test_linux_drops(dest):
    assert not keep(dest, "linux")


@pytest.mark.parametrize("dest, kept", [
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6/plugins/platforms/qoffscreen.dll", True),
    ("PySide6/plugins/platforms/qdirect2d.dll", False),
    ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
    ("PySide6/plugins/imageformats/qico.dll", True),
    ("PySide6/plugins/imageformats/qjpeg.dll", False),
    ("PySide6/plugins/generic/qtuiotouchplugin.dll", False),
    ("PySide6/translations/qtbase_zh_CN.qm", True),
    ("PySide6/translations/qtbase_ja.qm", False),
    ("PySide6/Qt6Core.dll", True),
    ("PySide6/Qt6Widgets.dll", True),
    ("PySide6/Qt6Network.dll", False),
    ("PySide6/Qt6Qml.dll", False),
    ("PySide6/opengl32sw.dll", False),
    ("PySide6/d3dcompiler_47.dll", False),
    ("PySide6/QtGui.pyd", True),
    ("PySide6/msvcp140.dll", True),
    # Left to the system on Linux only: on Windows these names would be bundled libraries.
    ("libstdc++.so.6", True),
])
def test_windows(dest, kept):
    assert keep(dest, "windows") is kept


def _pyside_qt_dir() -> Path:
    PySide6 = pytest.importorskip("PySide6")
    return Path(PySide6.__file__).parent / "Qt"


def test_of_all_installed_translations_only_chinese_qtbase_is_kept():
    folder = _pyside_qt_dir() / "translations"
    names = sorted(p.name for p in folder.glob("*.qm"))
    assert len(names) > 50  # the wheel's full set, so the filter really has work to do
    kept = [n for n in names if keep(f"PySide6/Qt/translations/{n}", "linux")]
    assert "qtbase_zh_CN.qm" in kept
    assert set(kept) <= {"qtbase_zh_CN.qm", "qt_zh_CN.qm"}


def test_of_all_installed_plugins_only_the_needed_are_kept():
    plugins = _pyside_qt_dir() / "plugins"
    if not plugins.is_dir():
        pytest.skip("this PySide6 keeps its plugins elsewhere (Windows layout)")
    kept = {f"{p.parent.name}/{p.name}" for p in plugins.glob("*/*")
            if keep(f"PySide6/Qt/plugins/{p.parent.name}/{p.name}", "linux")}
    assert "platforms/libqxcb.so" in kept and "platforms/libqoffscreen.so" in kept
    assert {k.split("/")[0] for k in kept} <= {"platforms", "platforminputcontexts", "imageformats",
                                               "xcbglintegrations"}
    assert not any("wayland" in k or "eglfs" in k for k in kept)


def test_every_other_pyside6_module_is_excluded():
    """A Qt binding module that composer does not use must not be analysed (its hook would
    collect its Qt libraries); a new PySide6 release adding one fails here."""
    PySide6 = pytest.importorskip("PySide6")
    installed = {p.name.split(".")[0] for p in Path(PySide6.__file__).parent.iterdir()
                 if p.name.startswith("Qt") and p.suffix in (".so", ".pyd")}
    used = {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtSvg", "QtSvgWidgets"}
    assert used <= installed
    excluded = {m.removeprefix("PySide6.") for m in EXCLUDED_MODULES if m.startswith("PySide6.")}
    assert not used & excluded
    assert installed - used <= excluded


def _imported_modules(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_composer_imports_nothing_the_bundle_leaves_out():
    excluded = set(EXCLUDED_MODULES)
    offenders = []
    for path in sorted((ROOT / "composer").rglob("*.py")):
        for name in _imported_modules(path.read_text(encoding="utf-8")):
            parts = name.split(".")
            if any(".".join(parts[:i]) in excluded for i in range(1, len(parts) + 1)):
                offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == [], "the packaged program would fail on these imports: " + "; ".join(offenders)


def test_filter_toc_keeps_order_and_entries():
    toc = [("PySide6/Qt/lib/libQt6Core.so.6", "/x/libQt6Core.so.6", "BINARY"),
           ("PySide6/Qt/lib/libQt6Qml.so.6", "/x/libQt6Qml.so.6", "BINARY"),
           ("docx/templates/default.docx", "/x/default.docx", "DATA")]
    assert filter_toc(toc, "linux") == [toc[0], toc[2]]


def test_reachable_binaries_follows_links_from_the_roots_only():
    toc = [
        ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libicuuc.so.73", "/src/libicuuc.so.73", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("libxcb-cursor.so.0", "/src/libxcb-cursor.so.0", "BINARY"),
        ("libgtk-3.so.0", "/src/libgtk-3.so.0", "BINARY"),  # only the dropped GTK theme used it
        ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
        ("libz.so.1", "/src/libz.so.1", "BINARY"),
        ("libsoname.so.1", "libsoname.so.1.2.3", "SYMLINK"),
        ("libsoname.so.1.2.3", "/src/libsoname.so.1.2.3", "BINARY"),
    ]
    links = {
        "/src/QtGui.abi3.so": ["libQt6Gui.so.6", "libQt6Core.so.6", "libc.so.6"],
        "/src/libQt6Gui.so.6": ["libQt6Core.so.6"],
        "/src/libQt6Core.so.6": ["libicuuc.so.73"],
        "/src/libqxcb.so": ["libxcb-cursor.so.0"],
        "/src/libgtk-3.so.0": ["libcairo.so.2"],
        "/src/libpython3.11.so.1.0": ["libz.so.1", "libsoname.so.1"],
    }
    kept = reachable_binaries(toc, lambda source: links.get(source, []))
    assert [e[0] for e in kept] == [
        "PySide6/QtGui.abi3.so", "PySide6/Qt/lib/libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Core.so.6",
        "libQt6Core.so.6", "libicuuc.so.73", "PySide6/Qt/plugins/platforms/libqxcb.so",
        "libxcb-cursor.so.0", "libpython3.11.so.1.0", "libz.so.1", "libsoname.so.1", "libsoname.so.1.2.3"]


def test_reachable_binaries_compares_windows_names_without_case():
    toc = [("PySide6\\QtCore.pyd", "C:\\src\\QtCore.pyd", "EXTENSION"),
           ("PySide6\\Qt6Core.dll", "C:\\src\\Qt6Core.dll", "BINARY"),
           ("PySide6\\Qt6Network.dll", "C:\\src\\Qt6Network.dll", "BINARY"),
           ("python311.dll", "C:\\src\\python311.dll", "BINARY"),
           ("VCRUNTIME140.dll", "C:\\src\\VCRUNTIME140.dll", "BINARY")]
    links = {"C:\\src\\QtCore.pyd": ["QT6CORE.dll"], "C:\\src\\python311.dll": ["vcruntime140.dll"]}
    kept = reachable_binaries(toc, lambda source: links.get(source, []))
    assert [e[0] for e in kept] == ["PySide6\\QtCore.pyd", "PySide6\\Qt6Core.dll", "python311.dll",
                                    "VCRUNTIME140.dll"]


def test_data_files_takes_data_and_leaves_scripts_and_caches(tmp_path):
    (tmp_path / "fontconfig").mkdir()
    (tmp_path / "fontconfig" / "fonts.conf").write_text("<fontconfig/>")
    (tmp_path / "report.docx").write_bytes(b"PK")
    (tmp_path / "make_template.py").write_text("print()")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"")
    (tmp_path / ".DS_Store").write_bytes(b"")
    pairs = data_files(tmp_path, "templates")
    assert pairs == [(str(tmp_path / "fontconfig" / "fonts.conf"), "templates/fontconfig"),
                     (str(tmp_path / "report.docx"), "templates")]
    assert data_files(tmp_path / "missing", "templates") == []


def test_platform_key():
    assert platform_key("linux") == "linux"
    assert platform_key("win32") == "windows"
    with pytest.raises(ValueError, match="只支持"):
        platform_key("darwin")


def test_every_plugin_rule_names_a_known_platform():
    assert set(bundle_filter.KEPT_PLUGINS) == {"linux", "windows"}
    assert "platforms" in bundle_filter.KEPT_PLUGINS["linux"]
    assert "platforms" in bundle_filter.KEPT_PLUGINS["windows"]
