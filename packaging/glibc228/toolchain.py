"""The toolchain of the glibc 2.28 build, made once and cached outside the repository:

    zig cc (PyPI: ziglang) → static zlib and libffi → CPython 3.11 (Debian's source, compiled
    against glibc 2.28, with only the modules in pins.REQUIRED_MODULES) → the wheels of
    requirements.txt installed into it offline → PyInstaller's bootloader compiled the same way.

Everything lives in <cache>/toolchain-<key>/, where <key> is a hash of pins.py, requirements.txt
and this file; a finished toolchain has a DONE file (with the time each step took). Downloads are
kept in <cache>/downloads/ and checked against their sha256 on every use.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pins  # noqa: E402

REQUIREMENTS = HERE / "requirements.txt"
DEFAULT_CACHE = Path(os.environ.get("COMPOSER_GLIBC228_CACHE", Path.home() / ".cache" / "composer-glibc228"))
NICE = ["nice", "-n", "10"]
JOBS = "-j2"  # the machine is shared: two cores at most


def say(message: str) -> None:
    print(message, flush=True)


def cache_key() -> str:
    """A hash of every input of the toolchain: the pins, the wheel lock and this builder."""
    digest = hashlib.sha256()
    for path in (HERE / "pins.py", REQUIREMENTS, Path(__file__).resolve()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Toolchain:
    root: Path

    @property
    def python(self) -> Path:
        return self.root / "python" / "bin" / "python3.11"

    @property
    def done(self) -> Path:
        return self.root / "DONE"

    def is_ready(self) -> bool:
        return self.done.is_file() and self.python.is_file()

    def timings(self) -> dict[str, float]:
        return json.loads(self.done.read_text(encoding="utf-8"))["seconds"] if self.done.is_file() else {}


def toolchain(cache: Path = DEFAULT_CACHE) -> Toolchain:
    return Toolchain(cache / f"toolchain-{cache_key()}")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _verified(path: Path, expected: str) -> bool:
    return path.is_file() and sha256_of(path) == expected


def _require(path: Path, expected: str) -> Path:
    got = sha256_of(path) if path.is_file() else "（文件不存在）"
    if got != expected:
        raise SystemExit(f"{path.name} 的 sha256 与 pins.py 不符：应为 {expected}，实际 {got}")
    return path


def _run(command: list[str], log: Path | None = None, **kwargs) -> None:
    """Run a build command; on failure stop with the tail of its log."""
    if log is None:
        subprocess.run(command, check=True, **kwargs)
        return
    with log.open("ab") as out:
        result = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, **kwargs)
    if result.returncode != 0:
        tail = log.read_bytes()[-4000:].decode("utf-8", "replace")
        raise SystemExit(f"命令失败（退出码 {result.returncode}）：{' '.join(command)}\n日志 {log} 的末尾：\n{tail}")


# --- downloads -------------------------------------------------------------------------------------

def pip_download(args: list[str], dest: Path) -> None:
    """The system's pip (the interpreter running this script), downloading only."""
    dest.mkdir(parents=True, exist_ok=True)
    _run([sys.executable, "-m", "pip", "download", "-q", "--disable-pip-version-check", "-d", str(dest), *args])


def platform_args() -> list[str]:
    out = ["--only-binary=:all:", "--python-version", "3.11", "--implementation", "cp",
           "--abi", "cp311", "--abi", "abi3", "--abi", "none"]
    for platform in pins.WHEEL_PLATFORMS:
        out += ["--platform", platform]
    return out


def fetch_zig(downloads: Path) -> Path:
    wheel = downloads / pins.ZIG_WHEEL
    if not _verified(wheel, pins.ZIG_SHA256):
        say(f"   下载 ziglang {pins.ZIG_VERSION}（PyPI）")
        pip_download(["--no-deps", "--only-binary=:all:", "--platform", "manylinux_2_12_x86_64",
                      f"ziglang=={pins.ZIG_VERSION}"], downloads)
    return _require(wheel, pins.ZIG_SHA256)


def fetch_pyinstaller_sdist(downloads: Path) -> Path:
    sdist = downloads / pins.PYINSTALLER_SDIST
    if not _verified(sdist, pins.PYINSTALLER_SHA256):
        say(f"   下载 PyInstaller {pins.PYINSTALLER_VERSION} 的源码包（PyPI）")
        pip_download(["--no-deps", "--no-binary=:all:", f"pyinstaller=={pins.PYINSTALLER_VERSION}"], downloads)
    return _require(sdist, pins.PYINSTALLER_SHA256)


def fetch_wheels(dest: Path) -> list[Path]:
    """The wheels of requirements.txt for CPython 3.11 on manylinux ≤ 2.28, hashes checked by pip."""
    say("   下载 wheel（PyPI，manylinux ≤ 2.28，按 requirements.txt 的 sha256 校验）")
    pip_download([*platform_args(), "--no-deps", "--require-hashes", "-r", str(REQUIREMENTS)], dest)
    wheels = sorted(dest.glob("*.whl"))
    if len(wheels) != len(locked_requirements()):
        raise SystemExit(f"下载到 {len(wheels)} 个 wheel，requirements.txt 锁定了 {len(locked_requirements())} 个")
    return wheels


def debian_mirror() -> tuple[str, str | None]:
    """(URI, keyring) of the machine's own apt source for Debian's `pins.DEBIAN_SUITE` main."""
    entries: list[dict[str, str]] = []
    for path in sorted(Path("/etc/apt/sources.list.d").glob("*.sources")):
        for stanza in re.split(r"\n\s*\n", path.read_text(encoding="utf-8", errors="replace")):
            fields = dict(re.findall(r"^([A-Za-z-]+):\s*(.+)$", stanza, re.MULTILINE))
            entries.append({k.lower(): v.strip() for k, v in fields.items()})
    lists = [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*.list"))]
    for path in lists:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if path.is_file() else []:
            m = re.match(r"^(deb(?:-src)?)\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)\s+(.+)$", line.strip())
            if m:
                options = dict(o.split("=", 1) for o in (m[2] or "").split() if "=" in o)
                entries.append({"types": m[1], "uris": m[3], "suites": m[4], "components": m[5],
                                "signed-by": options.get("signed-by", "")})
    for entry in entries:
        if (pins.DEBIAN_SUITE in entry.get("suites", "").split() and "main" in entry.get("components", "").split()
                and entry.get("uris")):
            keyring = entry.get("signed-by") or None
            return entry["uris"].split()[0], keyring
    raise SystemExit(f"apt 的软件源里没有 Debian {pins.DEBIAN_SUITE} main，无法取得源码包")


def fetch_debian_sources(downloads: Path) -> dict[str, Path]:
    """Every file of pins.DEBIAN_SOURCES, by apt-get source with a private source list (deb-src of
    the machine's own Debian mirror); the system's apt configuration is left alone."""
    wanted = {name: sha for _v, files in pins.DEBIAN_SOURCES.values() for name, sha in files.items()}
    if all(_verified(downloads / name, sha) for name, sha in wanted.items()):
        return {name: downloads / name for name in wanted}
    uri, keyring = debian_mirror()
    apt = downloads / "apt"
    for sub in ("lists/partial", "cache/archives/partial", "parts"):
        (apt / sub).mkdir(parents=True, exist_ok=True)
    signed = f"[signed-by={keyring}] " if keyring else ""
    (apt / "sources.list").write_text(f"deb-src {signed}{uri} {pins.DEBIAN_SUITE} main\n", encoding="utf-8")
    options = ["-o", f"Dir::Etc::SourceList={apt / 'sources.list'}", "-o", f"Dir::Etc::SourceParts={apt / 'parts'}",
               "-o", f"Dir::State::Lists={apt / 'lists'}", "-o", f"Dir::Cache={apt / 'cache'}",
               "-o", "Debug::NoLocking=1"]
    if os.geteuid() == 0:
        options += ["-o", "APT::Sandbox::User=root"]
    say(f"   apt-get source（Debian {pins.DEBIAN_SUITE}）：{', '.join(pins.DEBIAN_SOURCES)}")
    _run(["apt-get", "-qq", *options, "update"])
    packages = [f"{name}={version}" for name, (version, _files) in pins.DEBIAN_SOURCES.items()]
    _run(["apt-get", "-qq", *options, "source", "--download-only", *packages], cwd=downloads)
    return {name: _require(downloads / name, sha) for name, sha in wanted.items()}


# --- requirements lock ---------------------------------------------------------------------------

_LOCK_LINE = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+)\s+--hash=sha256:([0-9a-f]{64})")


def normal_name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_requirements(path: Path = REQUIREMENTS) -> dict[str, tuple[str, str]]:
    """{normalised name: (version, sha256)} of requirements.txt."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _LOCK_LINE.match(line.strip())
        if m:
            out[normal_name(m[1])] = (m[2], m[3])
    return out


def wanted_pins(constraints: dict[str, str]) -> dict[str, str]:
    """The versions of the 2.28 build: those of packaging/constraints.txt, with Qt for Python at
    pins.PYSIDE6_VERSION (the newest whose wheels need no more than glibc 2.28)."""
    out = dict(constraints)
    for name in ("pyside6-essentials", "shiboken6"):
        out[name] = pins.PYSIDE6_VERSION
    return out


def write_lock(constraints: dict[str, str]) -> None:
    """Write requirements.txt: every pin of `wanted_pins`, with the sha256 of the wheel that pip
    picks for CPython 3.11 on manylinux ≤ 2.28."""
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, version in sorted(wanted_pins(constraints).items()):
            dest = Path(tmp) / name
            pip_download([*platform_args(), "--no-deps", f"{name}=={version}"], dest)
            wheel, = dest.glob("*.whl")
            lines.append(f"{name}=={version} --hash=sha256:{sha256_of(wheel)}  # {wheel.name}")
    REQUIREMENTS.write_text("# The wheels of the glibc 2.28 build (CPython 3.11, manylinux <= 2.28), written by\n"
                            "# python packaging/glibc228/bundle.py --lock from packaging/constraints.txt.\n"
                            + "\n".join(lines) + "\n", encoding="utf-8")
    say(f"写入 {REQUIREMENTS}（{len(lines)} 个）")


# --- building --------------------------------------------------------------------------------------

def _zcc(root: Path, zig: Path) -> Path:
    """A `cc` for configure scripts: zig cc for the target, with GNU ld's -h<soname> (which
    zig's driver rejects) spelled -soname."""
    wrapper = root / "bin" / "zcc"
    wrapper.parent.mkdir(parents=True, exist_ok=True)
    cache = root / "zig-cache"
    wrapper.write_text(
        "#!/bin/sh\n"
        f"export ZIG_GLOBAL_CACHE_DIR='{cache}' ZIG_LOCAL_CACHE_DIR='{cache}'\n"
        'for a in "$@"; do\n  shift\n  case "$a" in\n'
        '    -Wl,-h*) set -- "$@" "-Wl,-soname,${a#-Wl,-h}" ;;\n'
        '    *) set -- "$@" "$a" ;;\n  esac\ndone\n'
        f"exec '{zig}' cc -target {pins.ZIG_TARGET} \"$@\"\n", encoding="utf-8")
    wrapper.chmod(0o755)
    return wrapper


def _build_env(root: Path) -> dict[str, str]:
    deps = root / "deps"
    env = dict(os.environ)
    # Nothing of the build machine's own libraries may be found: only what is built here.
    env.update({"PKG_CONFIG_LIBDIR": str(deps / "lib" / "pkgconfig"), "PKG_CONFIG_PATH": "",
                "CC": str(root / "bin" / "zcc"), "AR": "ar", "RANLIB": "ranlib"})
    return env


def _unpack(archive: Path, into: Path) -> Path:
    before = set(into.iterdir()) if into.exists() else set()
    into.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="tar")
    new = [p for p in into.iterdir() if p not in before and p.is_dir()]
    if len(new) != 1:
        raise SystemExit(f"{archive.name} 解开后不是一个目录：{new}")
    return new[0]


def build_zlib(root: Path, source: Path, log: Path) -> None:
    src = _unpack(source, root / "work")
    env = {**_build_env(root), "CFLAGS": "-O2 -fPIC"}
    _run([*NICE, "./configure", "--static", f"--prefix={root / 'deps'}"], log, cwd=src, env=env)
    _run([*NICE, "make", JOBS, "libz.a"], log, cwd=src, env=env)
    _run(["make", "install"], log, cwd=src, env=env)


def build_libffi(root: Path, source: Path, log: Path) -> None:
    src = _unpack(source, root / "work")
    env = {**_build_env(root), "CFLAGS": "-O2 -fPIC"}
    # Static trampolines (tramp.c) do not compile with clang 18; ctypes does not need them.
    _run([*NICE, "./configure", f"--prefix={root / 'deps'}", "--disable-shared", "--enable-static", "--with-pic",
          "--disable-docs", "--disable-multi-os-directory", "--disable-exec-static-tramp"], log, cwd=src, env=env)
    _run([*NICE, "make", JOBS], log, cwd=src, env=env)
    _run(["make", "install"], log, cwd=src, env=env)


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if text.count(old) != 1:
        raise SystemExit(f"{path.name} 里找不到（或不止一处）要修改的文本：{old[:60]!r}")
    path.write_text(text.replace(old, new), encoding="utf-8")


def prepare_python_source(root: Path, orig: Path, debian: Path) -> Path:
    src = _unpack(orig, root / "work")
    patches = root / "work" / "debian-python"
    patches.mkdir(parents=True, exist_ok=True)
    with tarfile.open(debian) as tar:
        tar.extractall(patches, filter="tar")
    series = (patches / "debian/patches/series").read_text(encoding="utf-8").split()
    if pins.PYTHON_FIRST_PATCH not in series:
        raise SystemExit(f"Debian 的补丁列表里没有 {pins.PYTHON_FIRST_PATCH}")
    for name in series[series.index(pins.PYTHON_FIRST_PATCH):]:
        with (patches / "debian/patches" / name).open("rb") as patch:
            _run(["patch", "-p1", "-s", "--no-backup-if-mismatch"], None, cwd=src, stdin=patch)
    setup = src / "setup.py"
    # setup.py adds the build machine's /usr/include, /usr/local and multiarch folders, whose
    # headers (glibc 2.36's among them) must not mix with zig's glibc 2.28 ones.
    _replace_once(setup, "system_lib_dirs = ['/lib64', '/usr/lib64', '/lib', '/usr/lib']", "system_lib_dirs = []")
    _replace_once(setup, "system_include_dirs = ['/usr/include']", "system_include_dirs = []")
    _replace_once(setup, "        self.add_multiarch_paths()\n", "        pass\n")
    _replace_once(setup, "            add_dir_to_list(self.compiler.library_dirs, '/usr/local/lib')\n"
                         "            add_dir_to_list(self.compiler.include_dirs, '/usr/local/include')\n",
                  "            pass\n")
    # Debian's CVE-2026-4224 fix includes an internal header in pyexpat.c, which Debian builds
    # into the interpreter; built as a shared module it needs Py_BUILD_CORE_MODULE (as in 3.12).
    pyexpat = src / "Modules" / "pyexpat.c"
    text = pyexpat.read_text(encoding="utf-8")
    if '#include "pycore_ceval.h"' in text and "Py_BUILD_CORE_MODULE" not in text:
        pyexpat.write_text("#ifndef Py_BUILD_CORE_BUILTIN\n#  define Py_BUILD_CORE_MODULE 1\n#endif\n" + text,
                           encoding="utf-8")
    return src


def build_python(root: Path, src: Path, log: Path) -> None:
    prefix, deps = root / "python", root / "deps"
    env = _build_env(root)
    disabled = [f"py_cv_module_{name}=n/a" for name in pins.DISABLED_MODULES]
    _run([*NICE, "./configure", f"CC={root / 'bin' / 'zcc'}", "CXX=/bin/false", "AR=ar", "RANLIB=ranlib",
          "CFLAGS=-O2", f"CPPFLAGS=-I{deps / 'include'}", f"LDFLAGS=-L{deps / 'lib'} -Wl,-rpath,{prefix / 'lib'}",
          f"--prefix={prefix}", "--enable-shared", "--with-ensurepip=install", "--without-readline",
          "--disable-test-modules", *disabled], log, cwd=src, env=env)
    _run([*NICE, "make", JOBS], log, cwd=src, env=env)
    _run([*NICE, "make", "install"], log, cwd=src, env=env)
    python = prefix / "bin" / "python3.11"
    probe = "import importlib, sys\nmissing = []\nfor m in sys.argv[1:]:\n    try:\n        importlib.import_module(m)\n" \
            "    except ImportError:\n        missing.append(m)\nprint(' '.join(missing))\n"
    missing = subprocess.run([str(python), "-c", probe, *pins.REQUIRED_MODULES], capture_output=True, text=True,
                             check=True).stdout.split()
    if missing:
        raise SystemExit("编译出的 Python 缺少这些模块：" + "、".join(missing) + f"（见 {log}）")


def install_wheels(root: Path, wheels: list[Path], log: Path) -> None:
    _run([str(root / "python" / "bin" / "python3.11"), "-m", "pip", "install", "-q", "--no-index", "--no-deps",
          "--disable-pip-version-check", *map(str, wheels)], log)


def build_bootloader(root: Path, sdist: Path, log: Path) -> None:
    """PyInstaller's bootloader (run, run_d) from its sdist with zig cc, replacing the one the
    wheel brought (which was built against a newer glibc by PyInstaller's maintainers)."""
    python = root / "python" / "bin" / "python3.11"
    src = _unpack(sdist, root / "work")
    env = _build_env(root)
    _run([*NICE, str(python), "./waf", "--static-zlib", "all"], log, cwd=src / "bootloader", env=env)
    built = src / "PyInstaller" / "bootloader" / "Linux-64bit-intel"
    installed = subprocess.run([str(python), "-c", "import PyInstaller, os; print(os.path.dirname(PyInstaller.__file__))"],
                               capture_output=True, text=True, check=True).stdout.strip()
    target = Path(installed) / "bootloader" / "Linux-64bit-intel"
    for name in ("run", "run_d"):
        shutil.copy2(built / name, target / name)


def check_floor(paths: list[Path]) -> None:
    """Stop when a built file needs more than the floor (the same gate the bundle passes)."""
    sys.path.insert(0, str(HERE.parent))
    import elf_info

    bad: dict[str, list[tuple[str, str]]] = {}
    for path in paths:
        found = elf_info.bundle_over_floor(path, pins.FLOOR) if path.is_dir() else (
            {path.name: elf_info.over_floor(path.read_bytes(), pins.FLOOR)} if path.is_file() else {})
        bad.update({f"{path}/{k}" if path.is_dir() else str(path): v for k, v in found.items() if v})
    if bad:
        raise SystemExit(floor_report(bad))


def floor_report(bad: dict[str, list[tuple[str, str]]]) -> str:
    lines = [f"这些文件需要比 glibc {pins.GLIBC_FLOOR} / GCC 8 更新的符号版本："]
    for name, symbols in sorted(bad.items()):
        shown = ", ".join(f"{s}@{v}" for s, v in symbols[:6])
        lines.append(f"  {name}：{shown}{' 等' if len(symbols) > 6 else ''}")
    return "\n".join(lines)


def ensure(cache: Path = DEFAULT_CACHE, build: bool = True) -> Toolchain:
    """The cached toolchain for the current pins; builds it when missing (unless build=False)."""
    tc = toolchain(cache)
    if tc.is_ready():
        return tc
    if not build:
        raise SystemExit(f"没有缓存的工具链 {tc.root}")
    say(f"== 工具链（glibc {pins.GLIBC_FLOOR}）：{tc.root}")
    if tc.root.exists():
        shutil.rmtree(tc.root)
    tc.root.mkdir(parents=True)
    downloads = cache / "downloads"
    logs = tc.root / "logs"
    logs.mkdir()
    seconds: dict[str, float] = {}

    def step(name: str, action) -> object:
        started = time.monotonic()
        say(f"-- {name}")
        out = action()
        seconds[name] = round(time.monotonic() - started, 1)
        say(f"   用时 {seconds[name]:.0f} 秒")
        return out

    zig_wheel = step("下载 zig", lambda: fetch_zig(downloads))
    sources = step("下载 Debian 源码包", lambda: fetch_debian_sources(downloads))
    sdist = step("下载 PyInstaller 源码包", lambda: fetch_pyinstaller_sdist(downloads))
    wheels = step("下载 wheel", lambda: fetch_wheels(tc.root / "wheels"))

    def unpack_zig() -> None:
        with zipfile.ZipFile(zig_wheel) as wheel:
            wheel.extractall(tc.root / "zig")
        zig = tc.root / "zig" / "ziglang" / "zig"
        zig.chmod(0o755)
        _zcc(tc.root, zig)

    step("解开 zig", unpack_zig)
    src = {name: path for name, path in sources.items()}
    step("zlib", lambda: build_zlib(tc.root, src["zlib_1.2.13.dfsg.orig.tar.bz2"], logs / "zlib.log"))
    step("libffi", lambda: build_libffi(tc.root, src["libffi_3.4.4.orig.tar.gz"], logs / "libffi.log"))
    python_src = prepare_python_source(tc.root, src["python3.11_3.11.2.orig.tar.gz"],
                                       src["python3.11_3.11.2-6+deb12u8.debian.tar.xz"])
    step("CPython 3.11", lambda: build_python(tc.root, python_src, logs / "python.log"))
    step("安装 wheel", lambda: install_wheels(tc.root, wheels, logs / "wheels.log"))
    step("PyInstaller 引导程序", lambda: build_bootloader(tc.root, sdist, logs / "bootloader.log"))
    python = tc.root / "python"
    check_floor([python / "bin" / "python3.11", *sorted((python / "lib").glob("libpython3*.so*")),
                 python / "lib" / "python3.11" / "lib-dynload"])
    shutil.rmtree(tc.root / "work")  # sources and objects: ~0.7 GB, not needed any more
    tc.done.write_text(json.dumps({"key": cache_key(), "seconds": seconds}, ensure_ascii=False, indent=1),
                       encoding="utf-8")
    for other in cache.glob("toolchain-*"):
        if other != tc.root and other.is_dir():
            shutil.rmtree(other)  # toolchains of older pins
    say(f"   工具链完成，共 {sum(seconds.values()):.0f} 秒")
    return tc
