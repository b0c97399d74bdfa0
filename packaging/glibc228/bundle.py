"""The bundle for glibc 2.28 systems (UOS V20, Kylin V10 …): one command, from this machine.

    python packaging/glibc228/bundle.py                  # toolchain (cached) → dist/glibc228/composer,
                                                         # tar.xz and .deb with libc6 (>= 2.28)
    python packaging/glibc228/bundle.py --toolchain-only # only make (or find) the cached toolchain
    python packaging/glibc228/bundle.py --cached-only    # stop, instead of building, when it is not cached
    python packaging/glibc228/bundle.py --lock           # rewrite requirements.txt from constraints.txt

The toolchain (toolchain.py: zig cc, CPython 3.11 compiled against glibc 2.28, the wheels of
requirements.txt, PyInstaller's bootloader) is cached in ~/.cache/composer-glibc228 (or
$COMPOSER_GLIBC228_CACHE) under a key of its pinned inputs. PyInstaller then runs on the same
spec as the normal build (packaging/composer.spec) with that interpreter.

The gate: every ELF file of the bundle must need at most GLIBC_2.28, GLIBCXX_3.4.25 and
CXXABI_1.3.11 (GCC 8); otherwise the build stops naming each file and symbol. Libraries that
PyInstaller copied from this machine (Debian 12) and that need a newer glibc are left out
before the gate (the target system's own are used; the .deb depends on them), together with the
libraries built from the same Debian source, which must match them.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGING = HERE.parent
ROOT = PACKAGING.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(PACKAGING))
sys.path.insert(0, str(HERE))

import deb  # noqa: E402
import elf_info  # noqa: E402
import lock  # noqa: E402
import measure  # noqa: E402
import pins  # noqa: E402
import toolchain  # noqa: E402

from composer import __version__  # noqa: E402

DIST = ROOT / "dist" / "glibc228"
WORK = ROOT / "build" / "glibc228"


def _host_build():
    """packaging/build.py as a module (by path: a `build` package may be installed as well)."""
    spec = importlib.util.spec_from_file_location("composer_host_build", PACKAGING / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def say(message: str) -> None:
    print(message, flush=True)


def lock_drift() -> list[str]:
    """Differences between requirements.txt and the versions the 2.28 build should have
    (packaging/constraints.txt with Qt for Python at pins.PYSIDE6_VERSION)."""
    wanted = toolchain.wanted_pins(lock.pins())
    locked = {name: version for name, (version, _sha) in toolchain.locked_requirements().items()}
    out = []
    for name in sorted(set(wanted) | set(locked)):
        if wanted.get(name) != locked.get(name):
            out.append(f"{name}：应为 {wanted.get(name) or '（不需要）'}，requirements.txt 为 {locked.get(name) or '（没有）'}")
    return out


def _source_package(package: str) -> str:
    result = subprocess.run(["dpkg-query", "-W", "-f=${source:Package}", package], capture_output=True, text=True)
    return result.stdout.strip() or package


def _elf_needs(bundle: Path) -> dict[Path, list[str]]:
    """{ELF file of the bundle: its DT_NEEDED names}, symlinks left out."""
    out = {}
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) != b"\x7fELF":
                    continue
            out[path] = elf_info.needed_libraries(path.read_bytes())
    return out


def drop_newer_system_libraries(bundle: Path) -> list[str]:
    """Remove the libraries PyInstaller copied from this machine whose symbol needs exceed the
    floor, the others built from the same Debian source, and then the copied libraries that
    only the removed ones needed; returns the names removed."""
    internal = bundle / "_internal"
    system = deb._system_paths()
    over = elf_info.bundle_over_floor(bundle, pins.FLOOR)
    copied: dict[str, str] = {}  # bundled file name → Debian source package of the machine's copy
    for path in sorted(internal.iterdir()):
        if path.is_file() and not path.is_symlink() and path.name in system:
            owner = deb._owning_package(system[path.name])
            if owner:
                copied[path.name] = _source_package(owner)
    sources = {copied[Path(rel).name] for rel in over
               if Path(rel).parent == Path("_internal") and Path(rel).name in copied}
    dropped = {name for name, source in copied.items() if source in sources}
    if dropped:
        needs = _elf_needs(bundle)
        wanted_by_dropped = {n for path, names in needs.items() if path.name in dropped for n in names}
        while True:
            kept_needs = {n for path, names in needs.items()
                          if path.name not in dropped or path.parent != internal for n in names}
            orphans = {name for name in copied if name not in dropped and name in wanted_by_dropped
                       and name not in kept_needs}
            if not orphans:
                break
            dropped |= orphans
            wanted_by_dropped |= {n for path, names in needs.items() if path.name in orphans for n in names}
    for name in sorted(dropped):
        (internal / name).unlink()
    for link in bundle.rglob("*"):
        if link.is_symlink() and not link.exists():
            link.unlink()  # pointed at a removed library
    return sorted(dropped)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="为 glibc 2.28 的系统（统信 UOS V20、银河麒麟 V10 等）打包")
    parser.add_argument("--cache", type=Path, default=toolchain.DEFAULT_CACHE, help="工具链缓存目录")
    parser.add_argument("--dist", type=Path, default=DIST, help="输出目录（默认 dist/glibc228）")
    parser.add_argument("--work", type=Path, default=WORK, help="PyInstaller 的工作目录（默认 build/glibc228）")
    parser.add_argument("--toolchain-only", action="store_true", help="只生成（或找到）缓存的工具链")
    parser.add_argument("--cached-only", action="store_true", help="工具链未缓存时不编译，直接退出（退出码 3）")
    parser.add_argument("--no-archive", action="store_true", help="不生成 tar.xz")
    parser.add_argument("--no-deb", action="store_true", help="不生成 .deb")
    parser.add_argument("--lock", action="store_true", help="按 packaging/constraints.txt 重写 requirements.txt")
    args = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        raise SystemExit("glibc 2.28 版只能在 Linux（x86-64）上生成")
    if args.lock:
        toolchain.write_lock(lock.pins())
        return 0
    drift = lock_drift()
    if drift:
        say("requirements.txt 与 packaging/constraints.txt 不一致：\n  " + "\n  ".join(drift)
            + "\n请运行：python packaging/glibc228/bundle.py --lock")
        return 1

    started = time.monotonic()
    tc = toolchain.toolchain(args.cache)
    if not tc.is_ready() and args.cached_only:
        say(f"没有缓存的工具链：{tc.root}")
        return 3
    tc = toolchain.ensure(args.cache)
    say(f"== 工具链：{tc.root}")
    if args.toolchain_only:
        return 0

    host = _host_build()
    host.run_pyinstaller(str(tc.python), args.dist, args.work)
    bundle = args.dist / "composer"
    dropped = drop_newer_system_libraries(bundle)
    if dropped:
        say("   不带本机（构建机）上需要更新 glibc 的系统库，改用目标系统自带的：" + "、".join(dropped))
    bad = elf_info.bundle_over_floor(bundle, pins.FLOOR)
    if bad:
        say(toolchain.floor_report(bad))
        return 1
    say(f"== 符号检查：所有 ELF 文件 ≤ GLIBC_{pins.GLIBC_FLOOR}、GLIBCXX_3.4.25、CXXABI_1.3.11")
    say(f"== 检查：{host.check_bundle(bundle / 'composer')}")
    archive = None
    if not args.no_archive:
        say("== 压缩包")
        archive = measure.make_archive(bundle, args.dist / f"nianbao-composer-{__version__}-linux-x86_64-glibc2.28.tar.xz")
    lines = measure.size_lines(bundle, archive)
    lines += host.build_linux_packages(with_deb=not args.no_deb, bundle=bundle, dist=args.dist, work=args.work,
                                       libc_floor=pins.GLIBC_FLOOR)
    say("== 结果（glibc 2.28 版）")
    say(f"程序：{bundle / 'composer'}")
    for line in lines:
        say(line)
    say(f"用时 {time.monotonic() - started:.0f} 秒；冒烟测试：python packaging/smoke_test.py --reuse --bundle {bundle}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
