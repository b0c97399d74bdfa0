"""The glibc 2.28 build (packaging/glibc228/): its pinned inputs, the .deb's libc floor, and —
slow, over the cached toolchain — the real bundle: built, scanned, smoke-tested."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import deb
import elf_info
import lock
import pytest

GLIBC228 = Path(__file__).resolve().parents[2] / "packaging" / "glibc228"
if str(GLIBC228) not in sys.path:
    sys.path.insert(0, str(GLIBC228))

import bundle  # noqa: E402
import pins  # noqa: E402
import toolchain  # noqa: E402

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the glibc build is Linux's")

# manylinux tags by their glibc version (the legacy aliases of PEP 600).
_LEGACY = {"manylinux1": (2, 5), "manylinux2010": (2, 12), "manylinux2014": (2, 17)}


def _platform_glibc(tag: str) -> tuple[int, int] | None:
    m = re.fullmatch(r"manylinux_(\d+)_(\d+)_x86_64", tag)
    if m:
        return int(m[1]), int(m[2])
    return _LEGACY.get(tag.removesuffix("_x86_64"))


def test_requirements_are_the_constraints_with_qt_for_python_before_6_10():
    assert bundle.lock_drift() == [], "run python packaging/glibc228/bundle.py --lock"
    locked = toolchain.locked_requirements()
    assert set(locked) == set(lock.pins())
    qt = tuple(int(p) for p in locked["pyside6-essentials"][0].split("."))
    assert qt < (6, 10) and locked["shiboken6"][0] == locked["pyside6-essentials"][0]


def test_every_wheel_is_hash_pinned_and_needs_at_most_glibc_2_28():
    lines = [line for line in toolchain.REQUIREMENTS.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert len(lines) == len(toolchain.locked_requirements())  # every line is name==version --hash=sha256:…
    for line in lines:
        wheel = line.split("#", 1)[1].strip()
        assert wheel.endswith(".whl"), line
        platforms = wheel.removesuffix(".whl").split("-")[-1].split(".")
        if platforms == ["any"]:
            continue
        floors = [_platform_glibc(p) for p in platforms]
        assert all(f is not None for f in floors), wheel
        assert min(f for f in floors if f) <= (2, 28), wheel


def test_the_bootloader_source_is_the_locked_pyinstaller():
    assert toolchain.locked_requirements()["pyinstaller"][0] == pins.PYINSTALLER_VERSION
    assert pins.PYINSTALLER_SDIST == f"pyinstaller-{pins.PYINSTALLER_VERSION}.tar.gz"
    for _version, files in pins.DEBIAN_SOURCES.values():
        assert all(re.fullmatch(r"[0-9a-f]{64}", sha) for sha in files.values())


def test_the_cache_key_follows_the_pinned_inputs(tmp_path, monkeypatch):
    key = toolchain.cache_key()
    assert key == toolchain.cache_key()
    assert toolchain.toolchain(tmp_path).root == tmp_path / f"toolchain-{key}"
    changed = tmp_path / "requirements.txt"
    changed.write_text(toolchain.REQUIREMENTS.read_text(encoding="utf-8").replace("==", "== ", 1), encoding="utf-8")
    monkeypatch.setattr(toolchain, "REQUIREMENTS", changed)
    assert toolchain.cache_key() != key


def test_the_debian_mirror_comes_from_the_machines_apt_sources():
    if not any(Path("/etc/apt").glob("sources.list*")):
        pytest.skip("no apt configuration on this machine")
    uri, _keyring = toolchain.debian_mirror()
    assert re.match(r"https?://", uri)


# Standard modules whose C part the 2.28 interpreter leaves out (pins.DISABLED_MODULES).
_MISSING_THERE = {"ssl", "bz2", "lzma", "sqlite3", "tkinter", "readline", "curses", "dbm", "crypt", "nis", "spwd",
                  "ossaudiodev"}


def _imports_missing_there(source: Path) -> list[str]:
    import ast

    found = []
    for path in sorted(source.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level
                     else [])
            found += [f"{path.relative_to(source)}: {n}" for n in names if n.split(".")[0] in _MISSING_THERE]
    return found


def test_composer_imports_no_module_the_glibc_228_python_lacks(tmp_path):
    assert _MISSING_THERE <= {m.lstrip("_") for m in pins.DISABLED_MODULES}
    assert _imports_missing_there(Path(__file__).resolve().parents[2] / "composer") == []
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_text("import os\ndef f():\n    import lzma\n    from sqlite3 import dbapi2\n")
    assert _imports_missing_there(tmp_path) == ["pkg/a.py: lzma", "pkg/a.py: sqlite3"]


def _copy_system_library(name: str, into: Path) -> Path:
    found = deb._system_paths().get(name)
    if not found:
        pytest.skip(f"{name} is not installed")
    into.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(found, into / name)
    return into / name


def test_deb_declares_the_libc_floor(tmp_path):
    lib = _copy_system_library("libz.so.1", tmp_path / "bundle")
    need = elf_info.glibc_requirement(lib.read_bytes())
    assert need and elf_info.parse_version(need)[1] <= (2, 28)  # zlib asks little of glibc
    assert deb.system_depends(tmp_path / "bundle", need, libc_floor="2.28")[0] == "libc6 (>= 2.28)"
    assert deb.system_depends(tmp_path / "bundle", need)[0] == f"libc6 (>= {need.removeprefix('GLIBC_')})"


def test_deb_refuses_a_floor_below_what_the_bundle_needs(tmp_path):
    (tmp_path / "bundle").mkdir()
    shutil.copyfile("/bin/ls", tmp_path / "bundle" / "ls")
    need = elf_info.glibc_requirement(Path("/bin/ls").read_bytes())
    assert need and elf_info.parse_version(need)[1] > (2, 28)
    with pytest.raises(ValueError):
        deb.system_depends(tmp_path / "bundle", need, libc_floor="2.28")


def test_deb_accepts_the_old_name_of_libgcc_for_old_systems(tmp_path, monkeypatch):
    if "libgcc_s.so.1" not in deb._system_paths():
        pytest.skip("libgcc_s.so.1 is not installed")
    (tmp_path / "bundle").mkdir()
    monkeypatch.setattr(deb, "external_libraries", lambda _bundle: {"libgcc_s.so.1"})
    old = deb.system_depends(tmp_path / "bundle", "GLIBC_2.17", libc_floor="2.28")
    new = deb.system_depends(tmp_path / "bundle", "GLIBC_2.17")
    owner = new[1]
    assert owner in deb.OLD_NAMES  # Debian 11+ calls it libgcc-s1; Debian 10 (UOS V20) libgcc1
    assert old == ["libc6 (>= 2.28)", f"{owner} | {deb.OLD_NAMES[owner]}"]


def test_a_system_library_newer_than_the_floor_is_left_out_with_its_siblings(tmp_path, monkeypatch):
    """libX11 of this machine (Debian 12) needs glibc 2.33+; libX11-xcb comes from the same source."""
    internal = tmp_path / "composer" / "_internal"
    x11 = _copy_system_library("libX11.so.6", internal)
    _copy_system_library("libX11-xcb.so.1", internal)
    _copy_system_library("libz.so.1", internal)
    (internal / "sub").mkdir()
    (internal / "sub" / "libX11.so.6").symlink_to(x11)
    if not elf_info.over_floor(x11.read_bytes(), pins.FLOOR):
        pytest.skip("this machine's libX11 is old enough to stay")
    assert bundle.drop_newer_system_libraries(tmp_path / "composer") == ["libX11-xcb.so.1", "libX11.so.6"]
    assert sorted(p.name for p in internal.rglob("*")) == ["libz.so.1", "sub"]


def test_libraries_only_the_left_out_ones_needed_go_too(tmp_path):
    """libxcb goes with libX11 (only it needed libxcb here), and libXau with libxcb; where
    libxcb-shm stays and needs libxcb, libxcb stays too."""
    alone, shared = tmp_path / "alone" / "_internal", tmp_path / "shared" / "_internal"
    for internal in (alone, shared):
        x11 = _copy_system_library("libX11.so.6", internal)
        _copy_system_library("libxcb.so.1", internal)
        _copy_system_library("libXau.so.6", internal)
    _copy_system_library("libxcb-shm.so.0", shared)
    if not elf_info.over_floor(x11.read_bytes(), pins.FLOOR):
        pytest.skip("this machine's libX11 is old enough to stay")
    assert bundle.drop_newer_system_libraries(alone.parent) == ["libX11.so.6", "libXau.so.6", "libxcb.so.1"]
    assert bundle.drop_newer_system_libraries(shared.parent) == ["libX11.so.6"]
    assert sorted(p.name for p in shared.iterdir()) == ["libXau.so.6", "libxcb-shm.so.0", "libxcb.so.1"]


def test_the_gate_names_each_file_and_symbol_over_the_floor(tmp_path):
    """This machine's /bin/ls (glibc 2.36) fails the 2.28 gate; the report says which symbol."""
    (tmp_path / "bin").mkdir()
    shutil.copyfile("/bin/ls", tmp_path / "bin" / "ls")
    shutil.copyfile(deb._system_paths().get("libz.so.1", "/bin/ls"), tmp_path / "libz.so.1")
    bad = elf_info.bundle_over_floor(tmp_path, pins.FLOOR)
    assert "bin/ls" in bad and "libz.so.1" not in bad
    report = toolchain.floor_report(bad)
    symbol, version = bad["bin/ls"][0]
    assert f"bin/ls：{symbol}@{version}" in report
    assert elf_info.parse_version(version)[1] > pins.FLOOR["GLIBC"]


def _run(command: list[str], timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


@pytest.mark.slow
def test_the_glibc_228_bundle_builds_passes_the_gate_and_the_smoke_test(tmp_path):
    tc = toolchain.toolchain()
    if not tc.is_ready():
        pytest.skip(f"no cached glibc 2.28 toolchain at {tc.root} (building it takes several minutes: "
                    "python packaging/glibc228/bundle.py --toolchain-only)")
    dist = tmp_path / "dist"
    build = _run([sys.executable, str(GLIBC228 / "bundle.py"), "--cached-only", "--no-archive",
                  "--dist", str(dist), "--work", str(tmp_path / "work")], timeout=1800)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    app = dist / "composer"
    # The gate, again, from outside: nothing in the bundle needs more than glibc 2.28 / GCC 8.
    assert elf_info.bundle_over_floor(app, pins.FLOOR) == {}
    newest, per_file = elf_info.bundle_glibc(app)
    assert newest and elf_info.parse_version(newest)[1] <= (2, 28)
    assert any(name.startswith("_internal/libpython3.11") for name in per_file)
    package, = dist.glob("*.deb")
    depends = _run(["dpkg-deb", "-f", str(package), "Depends"], timeout=60).stdout
    assert "libc6 (>= 2.28)" in depends.split(", ")
    smoke = _run([sys.executable, str(GLIBC228.parent / "smoke_test.py"), "--reuse", "--bundle", str(app)],
                 timeout=900)
    assert smoke.returncode == 0, smoke.stdout[-4000:] + smoke.stderr[-2000:]
