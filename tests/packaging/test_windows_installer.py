"""The Inno Setup script and the CI workflow, read as text (they run on Windows only)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "packaging" / "windows" / "composer.iss"
WORKFLOW = ROOT / ".github" / "workflows" / "windows-installer.yml"


def _setup() -> dict[str, str]:
    text = ISS.read_text(encoding="utf-8-sig")
    section = text.split("[Setup]", 1)[1].split("\n[", 1)[0]
    pairs = (line.split("=", 1) for line in section.splitlines() if "=" in line and not line.startswith(";"))
    return {k.strip(): v.strip() for k, v in pairs}


def test_script_is_utf8_with_bom():
    """ISCC reads a script without a byte-order mark in the ANSI code page: 年报 would be garbled."""
    data = ISS.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    data[3:].decode("utf-8")


def test_per_user_install_without_admin_and_not_named_setup():
    setup = _setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{autopf}")
    assert setup["OutputBaseFilename"] == "nianbao-composer-{#AppVersion}-win64"
    assert "setup" not in setup["OutputBaseFilename"].lower()
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])
    assert setup["ChangesAssociations"] == "yes"
    assert setup["SetupIconFile"].endswith(r"\resources\icon.ico")
    assert (ROOT / "resources" / "icon.ico").is_file()


def test_chinese_wizard_falls_back_to_english_messages():
    text = ISS.read_text(encoding="utf-8-sig")
    (line,) = [l for l in text.splitlines() if l.startswith("Name:") and "MessagesFile" in l]
    assert 'MessagesFile: "compiler:Default.isl,{#ChineseMessages}"' in line
    assert "ChineseSimplified.isl" in text


def test_shortcuts_and_per_user_association():
    text = ISS.read_text(encoding="utf-8-sig")
    assert re.search(r'^Name: "\{autoprograms\}\\', text, re.M)
    assert re.search(r'^Name: "\{autodesktop\}\\', text, re.M)
    registry = [l for l in text.splitlines() if l.startswith("Root:")]
    assert registry and all(l.startswith("Root: HKA;") for l in registry)
    assert any(r'Subkey: "Software\Classes\.nianbao"' in l and "{#ProgId}" in l for l in registry)
    assert any(r'shell\open\command' in l and '""%1""' in l for l in registry)


def test_uninstall_deletes_nothing_but_what_it_installed():
    """Reports saved anywhere, even in the program folder, survive an uninstall."""
    text = ISS.read_text(encoding="utf-8-sig")
    assert "[UninstallDelete]" not in text


def test_workflow_provides_the_translation_and_builds_with_build_py():
    text = WORKFLOW.read_text(encoding="utf-8")
    assert re.search(r"jrsoftware/issrc/[0-9a-f]{40}/Files/Languages/Unofficial/ChineseSimplified\.isl", text)
    assert "python packaging/build.py" in text
    assert "runs-on: windows-" in text
    assert "/VERYSILENT" in text and "unins000.exe" in text
