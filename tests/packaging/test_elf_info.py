"""The pure-Python ELF reader, checked against binutils' readelf on real files of this machine."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from elf_info import bundle_glibc, glibc_requirement, needed_libraries, required_versions

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
