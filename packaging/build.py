"""Build composer for the current OS: one command, everything in dist/.

    python packaging/build.py            # bundle dist/composer/, archive, .deb (Linux) or installer (Windows)
    python packaging/build.py --reuse    # skip PyInstaller, package the existing dist/composer/

Linux:   dist/composer/composer, dist/nianbao-composer-<v>-linux-x86_64.tar.xz,
         dist/nianbao-composer_<v>_amd64.deb; prints sizes and the minimum glibc.
Windows: dist/composer/composer.exe, dist/nianbao-composer-<v>-win64.zip and the installer
         dist/年报编制器-安装程序-<v>.exe (packaging/build_installer.py: the pinned Inno Setup from npm).
Run with the Python that has composer's dependencies and PyInstaller (pip install -e ".[package]").
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import lock  # noqa: E402
import measure  # noqa: E402

from composer import __version__  # noqa: E402

DIST = ROOT / "dist"
WORK = ROOT / "build"
BUNDLE = DIST / "composer"
WINDOWS = sys.platform == "win32"
EXE = BUNDLE / ("composer.exe" if WINDOWS else "composer")


def say(message: str) -> None:
    print(message, flush=True)


def run_pyinstaller(python: str = sys.executable, dist: Path = DIST, work: Path = WORK) -> None:
    """PyInstaller of `python` (the glibc 2.28 build passes its own interpreter) into dist/composer."""
    say(f"== PyInstaller：生成 {dist / 'composer'}")
    started = time.monotonic()
    subprocess.run([python, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work), str(HERE / "composer.spec")],
                   check=True, cwd=ROOT)
    say(f"   用时 {time.monotonic() - started:.0f} 秒")


def clean_env() -> dict[str, str]:
    """An environment without the build's Python: no venv, no PYTHON*, a system PATH."""
    keep = ("HOME", "USERPROFILE", "SYSTEMROOT", "SYSTEMDRIVE", "TEMP", "TMP", "LANG", "WINDIR",
            "LOCALAPPDATA", "APPDATA", "DISPLAY", "XAUTHORITY", "XDG_RUNTIME_DIR")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env["PATH"] = (os.path.expandvars(r"%SystemRoot%\system32;%SystemRoot%") if WINDOWS
                   else "/usr/local/bin:/usr/bin:/bin")
    env.setdefault("LANG", "C.UTF-8")
    return env


def check_bundle(exe: Path = EXE) -> str:
    """Run `composer --version` from the bundle alone; returns what it printed."""
    if not exe.is_file():
        raise SystemExit(f"没有生成 {exe}")
    with tempfile.TemporaryDirectory() as elsewhere:
        result = subprocess.run([str(exe), "--version"], capture_output=True, env=clean_env(),
                                cwd=elsewhere, timeout=120)
    out = result.stdout.decode("utf-8", "replace").strip()
    if result.returncode != 0 or __version__ not in out:
        raise SystemExit(f"打包后的程序不能运行（退出码 {result.returncode}）：\n{out}\n"
                         + result.stderr.decode("utf-8", "replace"))
    return out


def archive_name() -> str:
    if WINDOWS:
        return f"nianbao-composer-{__version__}-win64.zip"
    return f"nianbao-composer-{__version__}-linux-{platform.machine()}.tar.xz"


def build_windows_installer() -> Path:
    import build_installer

    say("== 安装程序（Inno Setup）")
    try:
        return build_installer.build_installer(BUNDLE, __version__, DIST)
    except build_installer.InstallerBuildError as err:
        raise SystemExit(str(err)) from err


def build_linux_packages(with_deb: bool, bundle: Path = BUNDLE, dist: Path = DIST, work: Path = WORK,
                         libc_floor: str | None = None) -> list[str]:
    """The glibc line and the .deb; `libc_floor` ('2.28') is declared as libc6 (>= …) instead of
    the newest version the bundle needs (which must not exceed it)."""
    import deb
    import elf_info

    glibc, per_file = elf_info.bundle_glibc(bundle)
    newest = sorted(f for f, v in per_file.items() if v == glibc)
    lines = [f"最低 glibc：{glibc.removeprefix('GLIBC_') if glibc else '未知'}"
             f"（需要它的文件：{', '.join(newest[:4])}{' 等' if len(newest) > 4 else ''}）"]
    if with_deb:
        say("== .deb")
        depends = deb.system_depends(bundle, glibc, libc_floor=libc_floor)
        package = deb.build_deb(bundle, dist, __version__, depends, work)
        lines.append(f"Debian 包 {package.name}：{measure.mb(package.stat().st_size):.1f} MB")
        lines.append("  依赖：" + ", ".join(depends))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="打包年报编制器（当前操作系统）")
    parser.add_argument("--reuse", action="store_true", help="不重新运行 PyInstaller，使用已有的 dist/composer")
    parser.add_argument("--no-archive", action="store_true", help="不生成 tar.xz / zip")
    parser.add_argument("--no-deb", action="store_true", help="Linux：不生成 .deb")
    parser.add_argument("--no-installer", action="store_true", help="Windows：不生成安装程序")
    parser.add_argument("--unlocked", action="store_true",
                        help="允许依赖版本与 packaging/constraints.txt 不一致（仅供试验，不用于发布）")
    args = parser.parse_args(argv)

    if not args.reuse:
        wrong = [] if args.unlocked else lock.mismatches()
        if wrong:
            say("依赖版本与 packaging/constraints.txt 不一致，打包结果不可复现：\n  " + "\n  ".join(wrong)
                + '\n请先运行：pip install -c packaging/constraints.txt -e ".[package]"')
            return 1
        run_pyinstaller()
    say(f"== 检查：{check_bundle()}")
    archive = None
    if not args.no_archive:
        say("== 压缩包")
        archive = measure.make_archive(BUNDLE, DIST / archive_name())
    lines = measure.size_lines(BUNDLE, archive)
    if WINDOWS:
        installer = None if args.no_installer else build_windows_installer()
        if installer:
            lines.append(f"安装程序 {installer.name}：{measure.mb(installer.stat().st_size):.1f} MB")
    else:
        lines += build_linux_packages(with_deb=not args.no_deb)
    say("== 结果")
    say(f"程序：{EXE}")
    for line in lines:
        say(line)
    say("启动到出现主窗口的时间：python bench/package_size.py；发布前的冒烟测试：python packaging/smoke_test.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
