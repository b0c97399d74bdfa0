"""Compile the Windows installer: packaging/windows/composer.iss with Inno Setup's ISCC.exe.

    python packaging/build_installer.py                  # payload dist/composer -> dist/年报编制器-安装程序-<v>.exe
    python packaging/build_installer.py --payload DIR --version 0.1.0 --output-dir DIR --compression zip

The one build script of the installer: build.py calls it on Windows, the Windows workflow
(.github/workflows/windows-installer.yml) through build.py, and the wine test
(tests/packaging/test_installer_wine.py) directly, so they cannot drift apart.

ISCC.exe comes from the npm package innosetup-compiler, pinned in packaging/windows/package.json
and package-lock.json and installed into packaging/windows/node_modules (`npm ci`, run here when
it is missing). On Windows ISCC runs natively; elsewhere under wine (Debian: packaging/windows/
install_wine.sh), in the wine prefix $COMPOSER_WINEPREFIX or build/wine-iscc. ISCC needs no display.

On Linux the payload is a stand-in (the Linux bundle or a small tree): only the Windows workflow
builds the installer around the real Windows bundle.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WINDOWS_DIR = HERE / "windows"
ISS = WINDOWS_DIR / "composer.iss"
MESSAGES = WINDOWS_DIR / "zh_CN.isl"
INNO_PACKAGE = "innosetup-compiler"
ISCC = WINDOWS_DIR / "node_modules" / INNO_PACKAGE / "bin" / "ISCC.exe"
DEFAULT_PAYLOAD = ROOT / "dist" / "composer"
DEFAULT_OUTPUT = ROOT / "dist"
DEFAULT_WINEPREFIX = ROOT / "build" / "wine-iscc"
WINEPREFIX_ENV = "COMPOSER_WINEPREFIX"
ON_WINDOWS = sys.platform == "win32"

_log = logging.getLogger(__name__)


class InstallerBuildError(RuntimeError):
    """The installer could not be built; the message (Chinese) says why."""


def installer_name(version: str) -> str:
    """The file ISCC writes: OutputBaseFilename in composer.iss plus .exe."""
    return f"年报编制器-安装程序-{version}.exe"


def pinned_inno_version() -> str:
    """The innosetup-compiler version that package.json pins (an exact version, no range)."""
    data = json.loads((WINDOWS_DIR / "package.json").read_text(encoding="utf-8"))
    return str(data["dependencies"][INNO_PACKAGE])


def installed_inno_version() -> str | None:
    manifest = WINDOWS_DIR / "node_modules" / INNO_PACKAGE / "package.json"
    if not manifest.is_file() or not ISCC.is_file():
        return None
    return str(json.loads(manifest.read_text(encoding="utf-8")).get("version"))


def ensure_iscc(timeout: float = 600) -> Path:
    """ISCC.exe of the pinned Inno Setup, installed with `npm ci` from the committed lock file if needed."""
    wanted = pinned_inno_version()
    if installed_inno_version() == wanted:
        return ISCC
    npm = shutil.which("npm")
    if npm is None:
        raise InstallerBuildError(f"没有找到 npm：需要用它安装固定版本的 Inno Setup（npm 包 {INNO_PACKAGE} {wanted}）")
    _log.info("installing %s %s with npm ci", INNO_PACKAGE, wanted)
    try:
        result = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=WINDOWS_DIR,
                                capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as err:
        raise InstallerBuildError(f"npm ci 在 {timeout:.0f} 秒内没有完成（安装 Inno Setup）") from err
    if result.returncode != 0 or installed_inno_version() != wanted:
        tail = result.stderr.decode("utf-8", "replace").strip()[-800:]
        raise InstallerBuildError(f"用 npm 安装 Inno Setup（{INNO_PACKAGE} {wanted}）失败：\n{tail}")
    return ISCC


def windows_path(path: Path) -> str:
    """A path as the Windows program sees it: itself on Windows, under wine's Z: drive elsewhere."""
    resolved = path.resolve()
    if ON_WINDOWS:
        return str(resolved)
    return "Z:" + str(resolved).replace("/", "\\")


def wine_env(prefix: Path, display: str | None = None) -> dict[str, str]:
    """The environment of a wine call: its own prefix, quiet, no Mono/Gecko prompts, no menu entries
    on the Linux desktop, and a UTF-8 locale so that Chinese file names reach Linux intact."""
    env = dict(os.environ)
    env.update({
        "WINEPREFIX": str(prefix),
        "WINEDEBUG": "-all",
        "WINEDLLOVERRIDES": "mscoree,mshtml=;winemenubuilder.exe=d",
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
    })
    if display is not None:
        env["DISPLAY"] = display
    return env


def find_wine() -> str | None:
    return shutil.which("wine")


def ensure_prefix(prefix: Path, env: dict[str, str], timeout: float = 300) -> None:
    """Create the wine prefix once (wineboot), and wait for wine's server to finish writing it."""
    if (prefix / "system.reg").is_file():
        return
    prefix.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(["wine", "wineboot", "--init"], env=env, capture_output=True, timeout=timeout, check=False)
        subprocess.run(["wineserver", "-w"], env=env, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as err:
        raise InstallerBuildError(f"wine 在 {timeout:.0f} 秒内没有建好环境 {prefix}") from err
    if not (prefix / "system.reg").is_file():
        raise InstallerBuildError(f"wine 没有建好环境 {prefix}")


def iscc_command(iscc: Path, payload: Path, version: str, output_dir: Path, compression: str | None) -> list[str]:
    sys.path.insert(0, str(WINDOWS_DIR))
    from version_info import version_tuple

    numeric = ".".join(str(n) for n in version_tuple(version))
    command = [str(iscc),
               f"/DAppVersion={version}", f"/DNumericVersion={numeric}",
               f"/DPayloadDir={windows_path(payload)}", f"/DRepoDir={windows_path(ROOT)}",
               f"/O{windows_path(output_dir)}"]
    if compression:
        command.append(f"/DCompression={compression}")
    command.append(windows_path(ISS))
    return command


def build_installer(payload: Path, version: str, output_dir: Path, *, compression: str | None = None,
                    wine_prefix: Path | None = None, timeout: float = 1800) -> Path:
    """Compile composer.iss around `payload` (a folder with composer.exe); returns the installer."""
    if not payload.is_dir() or not any(payload.iterdir()):
        raise InstallerBuildError(f"没有要打包的程序：文件夹 {payload} 不存在或是空的（先运行 packaging/build.py）")
    if not (payload / "composer.exe").is_file():
        _log.info("payload %s has no composer.exe: the installer is a stand-in", payload)
    iscc = ensure_iscc()
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / installer_name(version)
    if target.exists():
        target.unlink()
    command = iscc_command(iscc, payload, version, output_dir, compression)
    env: dict[str, str] | None = None
    if not ON_WINDOWS:
        if find_wine() is None:
            raise InstallerBuildError("没有找到 wine：在 Linux 上编译 Windows 安装程序需要它"
                                      "（Debian：以 root 运行 packaging/windows/install_wine.sh）")
        prefix = wine_prefix or Path(os.environ.get(WINEPREFIX_ENV) or DEFAULT_WINEPREFIX)
        env = wine_env(prefix)
        ensure_prefix(prefix, env)
        command = ["wine", *command]
    _log.info("compiling the installer: %s", " ".join(command))
    try:
        result = subprocess.run(command, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as err:
        raise InstallerBuildError(f"Inno Setup 在 {timeout:.0f} 秒内没有编译完安装程序") from err
    output = (result.stdout + result.stderr).decode("utf-8", "replace").strip()
    if result.returncode != 0:
        raise InstallerBuildError(f"Inno Setup 编译安装程序失败（退出码 {result.returncode}）：\n{output[-2000:]}")
    if not target.is_file():
        raise InstallerBuildError(f"Inno Setup 没有生成 {target.name}：\n{output[-2000:]}")
    warnings = iscc_warnings(output)
    for warning in warnings:
        _log.warning("ISCC: %s", warning)
    untranslated = [w for w in warnings if "has not been defined for" in w]
    if untranslated:
        target.unlink()
        raise InstallerBuildError(f"中文向导缺少 {len(untranslated)} 条消息（会显示英文），请补进 {MESSAGES.name}：\n"
                                  + "\n".join(untranslated[:10]))
    return target


def iscc_warnings(output: str) -> list[str]:
    """ISCC's "Warning: ..." lines; a message missing from zh_CN.isl is one of them."""
    return [line.strip().removeprefix("Warning:").strip() for line in output.splitlines()
            if line.strip().startswith("Warning:")]


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(HERE))
    import measure

    from composer import __version__

    parser = argparse.ArgumentParser(description="编译年报编制器的 Windows 安装程序（Inno Setup）")
    parser.add_argument("--payload", type=Path, default=DEFAULT_PAYLOAD, help="要安装的程序文件夹（默认 dist/composer）")
    parser.add_argument("--version", default=__version__, help=f"版本号（默认 {__version__}）")
    parser.add_argument("--output-dir", type=Path, default=DEFAULT_OUTPUT, help="安装程序放在哪里（默认 dist）")
    parser.add_argument("--compression", help="Inno Setup 的压缩方式（默认 lzma2/max；试验时可用 zip）")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not (args.payload / "composer.exe").is_file():
        print(f"注意：{args.payload} 里没有 composer.exe，生成的只是替身安装程序（真正的 Windows 版由 Windows 工作流生成）")
    try:
        installer = build_installer(args.payload, args.version, args.output_dir, compression=args.compression)
    except InstallerBuildError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"安装程序 {installer}：{measure.mb(installer.stat().st_size):.1f} MB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
