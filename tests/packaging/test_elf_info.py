"""The pure-Python ELF reader, checked against binutils' readelf on real files of this machine."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from elf_info import (
    bundle_glibc,
    bundle_over_floor,
    glibc_requirement,
    needed_libraries,
    over_floor,
    parse_version,
    required_versions,
    versioned_imports,
)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files are Linux's")


def _real_elf_files() -> list[Path]:
    candidates = [Path(sys.executable).resolve(), Path("/bin/ls")]
    libdir = sysconfig.get_config_var("LIBDIR")
    if libdir:
        candidates += sorted(Path(libdir).glob("libpython3*.so*"))[:1]
    import _ctypes
    candidates.append(Path(_ctypes.__file__))
    return [p for p in candidates if p.is_file()]


@pytest.mark.skipif(shutil.which("readelf") is None, reason="readelf (binutils) is not installed")
@pytest.mark.parametrize("path", _real_elf_files(), ids=lambda p: p.name)
def test_agrees_with_readelf(path):
    dynamic = subprocess.run(["readelf", "-dW", str(path)], capture_output=True, text=True, check=True).stdout
    assert needed_libraries(path.read_bytes()) == re.findall(r"\(NEEDED\).*\[(.+?)\]", dynamic)
    versions = subprocess.run(["readelf", "-VW", str(path)], capture_output=True, text=True, check=True).stdout
    section = versions.split(".gnu.version_r", 1)[1] if ".gnu.version_r" in versions else ""
    assert required_versions(path.read_bytes()) == set(re.findall(r"Name: (\S+)\s+Flags", section))


def test_glibc_requirement_of_a_real_program():
    need = glibc_requirement(Path("/bin/ls").read_bytes())
    assert need is not None and re.fullmatch(r"GLIBC_2\.\d+", need)


def test_files_that_are_not_elf():
    assert needed_libraries(b"#!/bin/sh\n") == []
    assert required_versions(b"PK\x03\x04") == set()
    assert glibc_requirement(b"") is None


def test_bundle_glibc_takes_the_newest_over_a_folder(tmp_path):
    shutil.copyfile("/bin/ls", tmp_path / "ls")
    (tmp_path / "sub").mkdir()
    shutil.copyfile(Path(sys.executable).resolve(), tmp_path / "sub" / "python")
    (tmp_path / "notes.txt").write_text("not a binary")
    (tmp_path / "link").symlink_to(tmp_path / "ls")
    overall, per_file = bundle_glibc(tmp_path)
    assert set(per_file) == {"ls", "sub/python"}
    newest = max(per_file.values(), key=lambda v: tuple(int(p) for p in v.split("_")[1].split(".")))
    assert overall == newest


@pytest.mark.skipif(shutil.which("readelf") is None, reason="readelf (binutils) is not installed")
@pytest.mark.parametrize("path", _real_elf_files(), ids=lambda p: p.name)
def test_versioned_imports_agree_with_readelf(path):
    symbols = subprocess.run(["readelf", "-W", "--dyn-syms", str(path)], capture_output=True, text=True,
                             check=True).stdout
    # Undefined symbols with a version: "... UND memcpy@GLIBC_2.14 (3)"
    expected = set(re.findall(r"\sUND\s+([^@\s]+)@([A-Za-z0-9_.]+)(?:\s+\(\d+\))?$", symbols, re.MULTILINE))
    assert versioned_imports(path.read_bytes()) == expected
    assert {version for _symbol, version in expected} <= required_versions(path.read_bytes())


def test_parse_version():
    assert parse_version("GLIBCXX_3.4.25") == ("GLIBCXX", (3, 4, 25))
    assert parse_version("GLIBC_2.2.5") == ("GLIBC", (2, 2, 5))
    assert parse_version("GLIBC_PRIVATE") is None


def test_over_floor_names_the_symbols_newer_than_the_floor():
    data = Path("/bin/ls").read_bytes()
    newest = glibc_requirement(data)
    assert newest is not None
    newest_key = parse_version(newest)[1]
    assert over_floor(data, {"GLIBC": newest_key}) == []
    below = (newest_key[0], newest_key[1] - 1)
    found = over_floor(data, {"GLIBC": below})
    assert found and all(parse_version(v)[1] > below for _s, v in found)
    assert all(s != "?" for s, _v in found)  # each version is named by the symbol that asks for it
    assert (max((v for _s, v in found), key=lambda v: parse_version(v)[1])) == newest
    assert over_floor(data, {"GLIBCXX": (3, 4)}) == []  # a family the file does not use


def test_over_floor_of_a_cpp_library_checks_glibcxx_separately():
    import PySide6

    core = next(iter(sorted(Path(PySide6.__file__).parent.glob("Qt/lib/libQt6Core.so.6*"))), None)
    if core is None:
        pytest.skip("PySide6 has no libQt6Core here")
    data = core.read_bytes()
    glibcxx = [v for v in required_versions(data) if v.startswith("GLIBCXX_")]
    assert glibcxx
    newest = max(parse_version(v)[1] for v in glibcxx)
    assert over_floor(data, {"GLIBCXX": newest}) == []
    found = over_floor(data, {"GLIBCXX": (3, 4)})
    assert {v for _s, v in found} == {v for v in glibcxx if parse_version(v)[1] > (3, 4)}


def test_glibc_private_always_counts(tmp_path):
    libc = Path("/lib/x86_64-linux-gnu/libc.so.6")
    if not libc.is_file() or "GLIBC_PRIVATE" not in required_versions(libc.read_bytes()):
        pytest.skip("no libc.so.6 that imports GLIBC_PRIVATE here")
    found = over_floor(libc.read_bytes(), {"GLIBC": (99, 0)})
    assert found and {v for _s, v in found} == {"GLIBC_PRIVATE"}


def test_bundle_over_floor_lists_only_files_that_fail(tmp_path):
    shutil.copyfile("/bin/ls", tmp_path / "ls")
    (tmp_path / "notes.txt").write_text("not a binary")
    need = parse_version(glibc_requirement(Path("/bin/ls").read_bytes()))[1]
    assert bundle_over_floor(tmp_path, {"GLIBC": need}) == {}
    failing = bundle_over_floor(tmp_path, {"GLIBC": (2, 2, 5)})
    assert list(failing) == ["ls"] and failing["ls"]
