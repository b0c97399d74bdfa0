"""The Windows installer for real, under wine: compiled by packaging/build_installer.py (the same
script the Windows workflow uses), installed silently per user in a fresh wine prefix, installed
again over itself as an upgrade, uninstalled, and refused on Windows 7.

The payload is a small stand-in tree (no Windows Python here): what this proves is the script,
the Chinese messages, the install/upgrade/uninstall flow, the shortcuts and the registry keys; the
real Windows bundle is tried by .github/workflows/windows-installer.yml.

Needs wine with its 32-bit half and Xvfb (packaging/windows/install_wine.sh installs both on
Debian as root), and npm or an installed packaging/windows/node_modules; skips saying which is missing.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import build_installer
import pytest

pytestmark = pytest.mark.slow

WINE_CALL_TIMEOUT = 240
APP_ID = "{ED1868F5-DD53-4A2D-AADE-EB52839E97A1}_is1"
UNINSTALL_KEY = rf"software\microsoft\windows\currentversion\uninstall\{APP_ID}".lower()
PROG_ID = "NianbaoComposer.Project"
OLD_VERSION = "0.0.9"
NEW_VERSION = "0.1.0"
SHORTCUT = "年报编制器.lnk"
ASSOCIATION_KEYS = (r"software\classes\.nianbao", rf"software\classes\{PROG_ID}".lower(),
                    r"software\classes\applications\composer.exe")


def _missing() -> str | None:
    if sys.platform == "win32":
        return "on Windows the workflow tries the installer natively"
    if shutil.which("wine") is None or shutil.which("wineserver") is None:
        return "wine is not installed (as root on Debian: packaging/windows/install_wine.sh)"
    if not Path("/usr/lib/i386-linux-gnu/wine").is_dir() and not Path("/usr/lib/wine/i386-windows").is_dir():
        return "wine's 32-bit half (wine32) is missing: Inno Setup is a 32-bit program"
    if shutil.which("Xvfb") is None:
        return "Xvfb is not installed: Inno Setup's setup wants a display even when silent"
    pinned = build_installer.pinned_inno_version()
    if build_installer.installed_inno_version() != pinned and shutil.which("npm") is None:
        return f"npm is missing and Inno Setup ({build_installer.INNO_PACKAGE} {pinned}) is not installed"
    return None


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    read_end, write_end = os.pipe()
    # -noreset: without it the server resets when its last client leaves and writes to the pipe again.
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-noreset", "-nolisten", "tcp",
                             "-screen", "0", "1024x768x24"],
                            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 30)
        number = os.read(read_end, 16).decode().strip() if ready else ""
        assert number.isdigit(), "Xvfb did not start within 30 s"
        yield f":{number}"
    finally:
        os.close(read_end)
        xvfb.terminate()
        try:
            xvfb.wait(timeout=10)
        except subprocess.TimeoutExpired:
            xvfb.kill()


@dataclass
class Wine:
    prefix: Path
    env: dict[str, str]

    def run(self, *args: str | Path) -> int:
        """Run a Windows program and wait for wine to settle (an uninstaller re-launches itself)."""
        try:
            result = subprocess.run(["wine", *map(str, args)], env=self.env, capture_output=True,
                                    timeout=WINE_CALL_TIMEOUT)
        finally:
            self.settle()
        return result.returncode

    def settle(self) -> None:
        """Wait until every wine process has ended and the registry is written to user.reg."""
        try:
            subprocess.run(["wineserver", "-w"], env=self.env, capture_output=True, timeout=WINE_CALL_TIMEOUT)
        except subprocess.TimeoutExpired:
            subprocess.run(["wineserver", "-k"], env=self.env, capture_output=True, timeout=60)
            raise

    def set_windows_version(self, version: str) -> None:
        subprocess.run(["winecfg", "-v", version], env=self.env, capture_output=True, timeout=WINE_CALL_TIMEOUT,
                       check=True)
        self.settle()

    @property
    def logs(self) -> Path:
        folder = self.prefix.parent / "logs"
        folder.mkdir(exist_ok=True)
        return folder

    @property
    def user(self) -> Path:
        (user,) = [p for p in (self.prefix / "drive_c" / "users").iterdir() if p.name.lower() != "public"]
        return user

    @property
    def app(self) -> Path:
        return self.user / "AppData" / "Local" / "Programs" / "NianbaoComposer"

    @property
    def shortcuts(self) -> tuple[Path, Path]:
        start_menu = self.user / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs"
        return start_menu / SHORTCUT, self.user / "Desktop" / SHORTCUT

    @property
    def data_dir(self) -> Path:
        """%APPDATA%\\composer\\composer, the program's data folder (composer/logs.py default_data_dir)."""
        return self.user / "AppData" / "Roaming" / "composer" / "composer"

    def registry(self) -> dict[str, dict[str, str]]:
        return read_reg(self.prefix / "user.reg")


def _decode_reg_string(text: str) -> str:
    """A string as wine's .reg files write it: backslash escapes, \\xHHHH for non-ASCII."""
    out, i = [], 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt == "x":
                match = re.match(r"[0-9a-fA-F]{1,4}", text[i + 2:])
                assert match, text
                out.append(chr(int(match.group(), 16)))
                i += 2 + len(match.group())
                continue
            out.append({"n": "\n", "r": "\r", "t": "\t", "0": "\0"}.get(nxt, nxt))
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


def read_reg(path: Path) -> dict[str, dict[str, str]]:
    """Keys (lower case, single backslashes) → string values (name "" for the default value)."""
    keys: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        key = re.match(r"^\[(.+)\] \d+", line)
        if key:
            current = keys.setdefault(_decode_reg_string(key.group(1)).lower(), {})
            continue
        value = re.match(r'^(@|"((?:[^"\\]|\\.)*)")=(.*)$', line)
        if value and current is not None:
            name = "" if value.group(1) == "@" else _decode_reg_string(value.group(2))
            data = value.group(3)
            current[name] = _decode_reg_string(data[1:-1]) if data.startswith('"') else data
    return keys


def test_reg_reader_decodes_wine_escapes(tmp_path: Path):
    reg = tmp_path / "user.reg"
    reg.write_text('WINE REGISTRY Version 2\n\n[Software\\\\Classes\\\\A] 1\n#time=1\n@="\\x5e74\\x62a5 x"\n'
                   '"q"="\\"C:\\\\a b\\\\c.exe\\" \\"%1\\""\n"n"=dword:00000001\n', encoding="utf-8")
    assert read_reg(reg) == {r"software\classes\a": {"": "年报 x", "q": r'"C:\a b\c.exe" "%1"', "n": "dword:00000001"}}


def _payload(root: Path, version: str) -> Path:
    """A stand-in for the Windows bundle: composer.exe that says its version, a DLL, a Chinese file name."""
    payload = root / f"payload-{version}"
    (payload / "_internal" / "templates").mkdir(parents=True)
    (payload / "composer.exe").write_text(f"stand-in composer {version}\n", encoding="utf-8")
    (payload / "_internal" / "python311.dll").write_bytes(b"MZ stand-in")
    (payload / "_internal" / "templates" / "年度报告.docx").write_bytes(b"PK stand-in")
    return payload


@pytest.fixture(scope="module")
def wine(request: pytest.FixtureRequest) -> Iterator[Wine]:
    reason = _missing()
    if reason:
        pytest.skip(reason)
    display = request.getfixturevalue("display")
    # A folder of its own rather than pytest's tmp_path: other pytest runs on the machine prune old
    # pytest-of-<user> folders, which would pull the prefix away under a running wine.
    with tempfile.TemporaryDirectory(prefix="composer-wine-") as temp:
        yield from _wine_session(Path(temp), display)


def _wine_session(root: Path, display: str) -> Iterator[Wine]:
    (root / "home").mkdir()
    env = build_installer.wine_env(root / "prefix", display)
    env["HOME"] = str(root / "home")  # wine links Desktop/Documents into $HOME: keep them in the temp folder
    env.pop("XDG_DESKTOP_DIR", None)
    session = Wine(root / "prefix", env)
    try:
        build_installer.ensure_prefix(session.prefix, env)
        # Debian's wine reports Windows 7 by default; Windows 10 (build 18362) is what the program needs.
        session.set_windows_version("win10")
        yield session
    finally:
        subprocess.run(["wineserver", "-k"], env=env, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def installers(wine: Wine) -> dict[str, Path]:
    """An older and the current installer, compiled in the test's prefix before anything is installed."""
    root = wine.prefix.parent / "installers"
    built = {}
    for version in (OLD_VERSION, NEW_VERSION):
        built[version] = build_installer.build_installer(_payload(root, version), version, root / "dist",
                                                         compression="zip", wine_prefix=wine.prefix)
        assert built[version].name == f"年报编制器-安装程序-{version}.exe"
        assert built[version].stat().st_size > 100_000
    return built


def _install(wine: Wine, installer: Path, log: Path) -> int:
    return wine.run(installer, "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", f"/LOG={build_installer.windows_path(log)}")


def _log_text(log: Path) -> str:
    return log.read_text(encoding="utf-8-sig", errors="replace") if log.is_file() else f"(no log {log.name})"


def _assert_succeeded(returncode: int, log: Path, done: str) -> None:
    text = _log_text(log)
    assert returncode == 0 and done in text, f"exit code {returncode}; log:\n{text[-3000:]}"


def test_refused_on_windows_older_than_10_1809(wine: Wine, installers: dict[str, Path]):
    wine.set_windows_version("win7")
    try:
        log = wine.logs / "refused.log"
        returncode = _install(wine, installers[NEW_VERSION], log)
    finally:
        wine.set_windows_version("win10")
    text = _log_text(log)
    assert returncode == 1, text  # Inno Setup's "Setup failed to initialize"
    assert "Windows version: 6.1" in text
    assert "Refused: Windows 6.1.7601 is older than 10.0.17763" in text
    # The Chinese message from the repository's zh_CN.isl, with the Windows version filled in.
    assert "年报编制器需要 Windows 10 1809 版（内部版本 17763）或更新的 Windows。" in text
    assert "这台电脑的 Windows 版本是 6.1.7601" in text and "Qt 6" in text
    assert not wine.app.exists()
    assert not any(key in wine.registry() for key in (*ASSOCIATION_KEYS, UNINSTALL_KEY))


def _assert_installed(wine: Wine, version: str) -> dict[str, dict[str, str]]:
    app = wine.app
    assert (app / "composer.exe").read_text(encoding="utf-8") == f"stand-in composer {version}\n"
    assert (app / "_internal" / "python311.dll").is_file()
    assert (app / "_internal" / "templates" / "年度报告.docx").is_file()
    assert (app / "unins000.exe").is_file() and (app / "unins000.dat").is_file()
    assert sorted(p.name for p in app.glob("unins*")) == ["unins000.dat", "unins000.exe"]  # one uninstaller
    for shortcut in wine.shortcuts:
        assert shortcut.is_file(), shortcut
        # The link's target, as wine's shell link stores it (UTF-16 or ANSI).
        data = shortcut.read_bytes()
        assert "NianbaoComposer\\composer.exe".encode("utf-16-le") in data or b"NianbaoComposer\\composer.exe" in data
    reg = wine.registry()
    exe = rf"C:\users\{wine.user.name}\AppData\Local\Programs\NianbaoComposer\composer.exe"
    assert reg[r"software\classes\.nianbao"][""] == PROG_ID
    assert PROG_ID in reg[r"software\classes\.nianbao\openwithprogids"]
    assert reg[rf"software\classes\{PROG_ID}".lower()][""] == "年报编制器项目文件"
    assert reg[rf"software\classes\{PROG_ID}\shell\open\command".lower()][""] == f'"{exe}" "%1"'
    assert reg[rf"software\classes\{PROG_ID}\defaulticon".lower()][""] == f"{exe},0"
    assert reg[r"software\classes\applications\composer.exe"]["FriendlyAppName"] == "年报编制器"
    uninstall = reg[UNINSTALL_KEY]
    assert uninstall["DisplayName"] == "年报编制器"
    assert uninstall["DisplayVersion"] == version
    assert uninstall["Inno Setup: Language"] == "chinesesimplified"
    assert uninstall["InstallLocation"] == exe.removesuffix("composer.exe")
    # Per user: nothing of the program in HKEY_LOCAL_MACHINE.
    system = (wine.prefix / "system.reg").read_text(encoding="utf-8", errors="replace").lower()
    assert "nianbao" not in system and APP_ID.lower() not in system
    return reg


def test_install_upgrade_uninstall_keeps_the_users_files(wine: Wine, installers: dict[str, Path]):
    assert not wine.app.exists()
    assert not any(key in wine.registry() for key in (*ASSOCIATION_KEYS, UNINSTALL_KEY))

    # An older version, then the user's files: settings, recovery copies, reports in Documents and
    # even one saved into the program folder.
    log = wine.logs / "install-old.log"
    _assert_succeeded(_install(wine, installers[OLD_VERSION], log), log, "Installation process succeeded.")
    _assert_installed(wine, OLD_VERSION)
    users_files = {
        wine.data_dir / "composer.ini": "[General]\nrecent=报告.nianbao\n",
        wine.data_dir / "recovery" / "幸福镇-2024.nianbao": '{"recovered": true}\n',
        wine.data_dir / "logs" / "composer.log": "log line\n",
        wine.user / "Documents" / "幸福镇2024年报.nianbao": '{"report": 1}\n',
        wine.app / "放在程序目录的报告.nianbao": '{"report": 2}\n',
    }
    for path, text in users_files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    # Upgrade in place, then the same version over itself.
    for run in ("upgrade", "again"):
        log = wine.logs / f"install-{run}.log"
        _assert_succeeded(_install(wine, installers[NEW_VERSION], log), log, "Installation process succeeded.")
        _assert_installed(wine, NEW_VERSION)
        assert all(path.read_text(encoding="utf-8") == body for path, body in users_files.items())
    registry = wine.registry()
    assert sum(APP_ID.lower() in key for key in registry) == 1

    # Uninstall.
    log = wine.logs / "uninstall.log"
    returncode = wine.run(wine.app / "unins000.exe", "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART",
                          f"/LOG={build_installer.windows_path(log)}")
    _assert_succeeded(returncode, log, "Uninstallation process succeeded.")
    assert not (wine.app / "composer.exe").exists()
    assert not (wine.app / "_internal").exists()
    assert not list(wine.app.glob("unins*"))
    assert [p.name for p in wine.app.iterdir()] == ["放在程序目录的报告.nianbao"]
    assert not any(shortcut.exists() for shortcut in wine.shortcuts)
    registry = wine.registry()
    for key in (*ASSOCIATION_KEYS, r"software\classes\.nianbao\openwithprogids", UNINSTALL_KEY):
        assert not any(k == key or k.startswith(key + "\\") for k in registry), key
    assert all(path.read_text(encoding="utf-8") == body for path, body in users_files.items())
