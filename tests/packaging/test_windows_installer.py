"""The Inno Setup script, its Chinese messages, the build script and the CI workflow, read as text
(fast). The installer itself is compiled, installed, upgraded and uninstalled under wine by
test_installer_wine.py (slow)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import build_installer
import pytest

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = ROOT / "packaging" / "windows"
ISS = WINDOWS / "composer.iss"
MESSAGES = WINDOWS / "zh_CN.isl"
WORKFLOW = ROOT / ".github" / "workflows" / "windows-installer.yml"
# Messages whose English is empty or has no words: they stay as they are in Chinese too.
NO_WORDS = {"HelpTextNote", "BeveledLabel", "AboutSetupNote", "TranslatorNote", "ComponentSize1", "ComponentSize2",
            "LastErrorMessage", "UninstallDisplayNameMark", "UninstallDisplayNameMarks", "ButtonOK"}
PLACEHOLDER = re.compile(r"%\d|\[(?:name|name/ver|gb|mb)\]")


def _script() -> str:
    return ISS.read_text(encoding="utf-8-sig")


def _setup() -> dict[str, str]:
    section = _script().split("[Setup]", 1)[1].split("\n[", 1)[0]
    pairs = (line.split("=", 1) for line in section.splitlines() if "=" in line and not line.startswith(";"))
    return {k.strip(): v.strip() for k, v in pairs}


def _isl(text: str) -> dict[str, dict[str, str]]:
    """Section → name → text of an Inno Setup messages file."""
    sections: dict[str, dict[str, str]] = {}
    current = sections.setdefault("", {})
    for line in text.splitlines():
        if line.startswith("["):
            current = sections.setdefault(line.strip().strip("[]"), {})
        elif not line.startswith(";") and "=" in line:
            name, value = line.split("=", 1)
            current[name.strip()] = value
    return sections


@pytest.mark.parametrize("path", [ISS, MESSAGES], ids=["script", "messages"])
def test_utf8_with_bom(path: Path):
    """ISCC reads a file without a byte-order mark in the ANSI code page: 年报 would be garbled."""
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    data[3:].decode("utf-8")


def test_per_user_install_without_admin_into_the_users_programs_folder():
    setup = _setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup
    assert setup["DefaultDirName"] == r"{code:UserProgramsDir}\NianbaoComposer"
    code = _script().split("[Code]", 1)[1]
    assert "ExpandConstant('{userpf}')" in code and r"ExpandConstant('{localappdata}') + '\Programs'" in code
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])
    assert setup["ChangesAssociations"] == "yes"
    assert setup["SetupIconFile"].endswith(r"\resources\icon.ico")
    assert (ROOT / "resources" / "icon.ico").is_file()


def test_installer_file_name_is_the_one_the_build_script_expects():
    setup = _setup()
    assert setup["OutputBaseFilename"] == "{#AppName}-安装程序-{#AppVersion}"
    assert '#define AppName "年报编制器"' in _script()
    assert build_installer.installer_name("0.1.0") == "年报编制器-安装程序-0.1.0.exe"


def test_refuses_windows_older_than_10_1809_saying_why():
    script = _script()
    assert '#define MinWindows "10.0.17763"' in script
    assert "#define MinWindowsMajor 10" in script and "#define MinWindowsBuild 17763" in script
    code = script.split("[Code]", 1)[1]
    assert "function InitializeSetup(): Boolean;" in code
    assert "Version.Build >= {#MinWindowsBuild}" in code
    assert "CustomMessage('WindowsTooOld')" in code
    # MinVersion would refuse first, with Inno's generic message instead of the reason.
    assert "MinVersion" not in _setup()
    message = _isl(MESSAGES.read_text(encoding="utf-8-sig"))["CustomMessages"]["WindowsTooOld"]
    assert "Windows 10 1809" in message and "17763" in message and "Qt 6" in message and "%1" in message


def test_wizard_messages_come_from_the_repository():
    script = _script()
    (line,) = [l for l in script.splitlines() if l.startswith("Name:") and "MessagesFile" in l]
    assert line == 'Name: "chinesesimplified"; MessagesFile: "zh_CN.isl"'
    assert "compiler:" not in line  # no English fallback, no file from Inno Setup's folder
    assert "ChineseSimplified.isl" not in script
    assert not (WINDOWS / "ChineseSimplified.isl").exists()
    assert "ChineseSimplified.isl" not in (ROOT / ".gitignore").read_text(encoding="utf-8")
    options = _isl(MESSAGES.read_text(encoding="utf-8-sig"))["LangOptions"]
    assert options["LanguageID"] == "$0804" and options["LanguageCodePage"] == "936"


def test_every_custom_message_the_script_uses_is_chinese():
    custom = _isl(MESSAGES.read_text(encoding="utf-8-sig"))["CustomMessages"]
    used = set(re.findall(r"\{cm:(\w+)", _script())) | set(re.findall(r"CustomMessage\('(\w+)'\)", _script()))
    assert used >= {"CreateDesktopIcon", "AdditionalIcons", "LaunchProgram", "WindowsTooOld", "ShortcutComment"}
    for name in used:
        assert re.search(r"[\u4e00-\u9fff]", custom[name]), name


def test_messages_cover_every_message_of_the_pinned_inno_setup():
    """Every message of the pinned Inno Setup's Default.isl has its Chinese, with the same placeholders
    (the build also fails on ISCC's 'has not been defined' warning)."""
    try:
        build_installer.ensure_iscc()  # npm ci from the committed lock file, once
    except build_installer.InstallerBuildError as err:
        pytest.skip(f"the pinned Inno Setup cannot be installed here: {err}")
    default = build_installer.ISCC.parent / "Default.isl"
    english = _isl(default.read_text(encoding="utf-8-sig"))
    chinese = _isl(MESSAGES.read_text(encoding="utf-8-sig"))
    for section in ("Messages", "CustomMessages"):
        missing = set(english[section]) - set(chinese[section])
        assert not missing, f"{section}: {sorted(missing)}"
        for name, text in english[section].items():
            assert sorted(PLACEHOLDER.findall(chinese[section][name])) == sorted(PLACEHOLDER.findall(text)), name
            if text.strip() and name not in NO_WORDS:
                assert re.search(r"[\u4e00-\u9fff]", chinese[section][name]), name
    extra = set(chinese["Messages"]) - set(english["Messages"])
    assert not extra, f"not a message of this Inno Setup: {sorted(extra)}"


def test_shortcuts_and_per_user_association():
    text = _script()
    assert re.search(r'^Name: "\{autoprograms\}\\\{#AppName\}"', text, re.M)
    assert re.search(r'^Name: "\{autodesktop\}\\\{#AppName\}".*Tasks: desktopicon', text, re.M)
    assert re.search(r'^Name: "desktopicon"', text, re.M)  # optional, checked by default
    registry = [l for l in text.splitlines() if l.startswith("Root:")]
    assert registry and all(l.startswith("Root: HKA;") for l in registry)
    assert any(r'Subkey: "Software\Classes\.nianbao"' in l and "{#ProgId}" in l for l in registry)
    assert any(r"shell\open\command" in l and '""%1""' in l for l in registry)


def test_uninstall_deletes_nothing_but_what_it_installed():
    """Reports saved anywhere, even in the program folder, and %APPDATA%\\composer survive an uninstall."""
    text = _script()
    assert "[UninstallDelete]" not in text
    assert "{userappdata}" not in text
    lines = [l for l in text.splitlines() if l.startswith("Root:")]
    subkeys = [re.search(r'Subkey: "([^"]+)"', l).group(1) for l in lines]
    deleted_keys = [k for k, l in zip(subkeys, lines) if "uninsdeletekey" in l]
    for line, subkey in zip(lines, subkeys):
        # Each entry is removed by its own flag or by an enclosing key's uninsdeletekey.
        owned = "uninsdelete" in line or any(subkey.startswith(k + "\\") for k in deleted_keys)
        assert owned, line


def test_inno_setup_version_is_pinned_exactly():
    pinned = build_installer.pinned_inno_version()
    assert re.fullmatch(r"6\.\d+\.\d+", pinned)
    lock = json.loads((WINDOWS / "package-lock.json").read_text(encoding="utf-8"))
    entry = lock["packages"][f"node_modules/{build_installer.INNO_PACKAGE}"]
    assert entry["version"] == pinned and entry["integrity"].startswith("sha512-")
    assert "node_modules/" in (WINDOWS / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_iscc_command_passes_version_payload_and_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(build_installer, "ON_WINDOWS", False)
    command = build_installer.iscc_command(Path("/x/ISCC.exe"), tmp_path / "payload", "0.2.0rc1",
                                           tmp_path / "dist", "zip")
    z = "Z:" + str(tmp_path).replace("/", "\\")
    assert command[0] == "/x/ISCC.exe"
    assert "/DAppVersion=0.2.0rc1" in command and "/DNumericVersion=0.2.0.0" in command
    assert f"/DPayloadDir={z}\\payload" in command and f"/O{z}\\dist" in command
    assert "/DCompression=zip" in command
    assert command[-1].endswith("\\packaging\\windows\\composer.iss") and command[-1].startswith("Z:\\")


def test_iscc_warnings_name_untranslated_messages():
    output = ("Compiling [Setup] section\n"
              'Warning: A message named "ButtonNext" has not been defined for the "chinesesimplified" language. '
              "Will use the English message from Default.isl.\nSuccessful compile (2.0 sec).\n")
    (warning,) = build_installer.iscc_warnings(output)
    assert warning.startswith('A message named "ButtonNext" has not been defined for')
    assert build_installer.iscc_warnings("Successful compile (2.0 sec).") == []


def test_build_refuses_an_empty_payload(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    for payload in (tmp_path / "empty", tmp_path / "absent"):
        with pytest.raises(build_installer.InstallerBuildError):
            build_installer.build_installer(payload, "0.1.0", tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


def test_workflow_builds_with_the_shared_script_and_tries_the_installer():
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "python packaging/build.py" in text
    assert "build_windows_installer()" in (ROOT / "packaging" / "build.py").read_text(encoding="utf-8")
    assert "runs-on: windows-" in text and "actions/setup-node" in text
    assert "ChineseSimplified" not in text and "Invoke-WebRequest" not in text and "choco install" not in text
    assert "/VERYSILENT" in text and "unins000.exe" in text and "unins001.exe" in text
    assert r"composer\composer" in text  # the program's data folder survives the uninstall
