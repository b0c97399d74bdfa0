"""What ELF files need: their libraries (DT_NEEDED) and the highest GLIBC_x.y symbol version.

A pure-Python reader of the dynamic and version-needs sections, so the figures come from the
files themselves, on any machine, without binutils.
"""

from __future__ import annotations

import struct
from pathlib import Path

_SHT_GNU_VERNEED = 0x6FFFFFFE
_SHT_DYNAMIC = 6
_DT_NEEDED = 1
_ELF_MAGIC = b"\x7fELF"


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.removeprefix("GLIBC_").split(".") if part.isdigit())


def _sections(data: bytes) -> tuple[str, int, list[tuple]]:
    """(byte order, word size in bits, section headers) of an ELF image."""
    bits = {1: 32, 2: 64}.get(data[4])
    order = {1: "<", 2: ">"}.get(data[5])
    if data[:4] != _ELF_MAGIC or bits is None or order is None:
        raise ValueError("不是有效的 ELF 文件")
    if bits == 64:
        shoff, = struct.unpack_from(order + "Q", data, 0x28)
        shentsize, shnum = struct.unpack_from(order + "HH", data, 0x3A)
        section = order + "IIQQQQIIQQ"
    else:
        shoff, = struct.unpack_from(order + "I", data, 0x20)
        shentsize, shnum = struct.unpack_from(order + "HH", data, 0x2E)
        section = order + "IIIIIIIIII"
    return order, bits, [struct.unpack_from(section, data, shoff + i * shentsize) for i in range(shnum)]


def _string(data: bytes, offset: int) -> str:
    return data[offset:data.index(b"\0", offset)].decode("ascii", "replace")


def needed_libraries(data: bytes) -> list[str]:
    """The libraries an ELF image links to directly (DT_NEEDED), in order; [] for a non-ELF file."""
    if data[:4] != _ELF_MAGIC:
        return []
    order, bits, headers = _sections(data)
    entry = order + ("qQ" if bits == 64 else "iI")
    size = struct.calcsize(entry)
    names = []
    for _name, sh_type, _flags, _addr, offset, length, link, _info, _align, _entsize in headers:
        if sh_type != _SHT_DYNAMIC:
            continue
        strtab = headers[link][4]
        for at in range(offset, offset + length, size):
            tag, value = struct.unpack_from(entry, data, at)
            if tag == 0:
                break
            if tag == _DT_NEEDED:
                names.append(_string(data, strtab + value))
    return names


def required_versions(data: bytes) -> set[str]:
    """Every symbol version (GLIBC_2.34, GLIBCXX_3.4.29, …) that an ELF image needs from its libraries."""
    if data[:4] != _ELF_MAGIC:
        return set()
    order, _bits, headers = _sections(data)
    found: set[str] = set()
    for _name, sh_type, _flags, _addr, offset, _size, link, info, _align, _entsize in headers:
        if sh_type != _SHT_GNU_VERNEED:
            continue
        strtab_offset = headers[link][4]
        entry = offset
        for _ in range(info):  # sh_info = number of Verneed entries
            _version, count, _file, aux, next_entry = struct.unpack_from(order + "HHIII", data, entry)
            aux_at = entry + aux
            for _ in range(count):
                _hash, _flags, _other, name, next_aux = struct.unpack_from(order + "IHHII", data, aux_at)
                found.add(_string(data, strtab_offset + name))
                if not next_aux:
                    break
                aux_at += next_aux
            if not next_entry:
                break
            entry += next_entry
    return found


def glibc_requirement(data: bytes) -> str | None:
    """The highest GLIBC_x.y an ELF image needs ('GLIBC_2.34'), or None."""
    versions = [v for v in required_versions(data) if v.startswith("GLIBC_") and _version_key(v)]
    return max(versions, key=_version_key) if versions else None


def bundle_glibc(root: Path) -> tuple[str | None, dict[str, str]]:
    """(highest GLIBC_ version, {file relative to root: its own highest}) over every ELF under root."""
    per_file: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as handle:
            if handle.read(4) != _ELF_MAGIC:
                continue
        need = glibc_requirement(path.read_bytes())
        if need:
            per_file[str(path.relative_to(root))] = need
    overall = max(per_file.values(), key=_version_key) if per_file else None
    return overall, per_file
