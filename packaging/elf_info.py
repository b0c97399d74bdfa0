"""What ELF files need: their libraries (DT_NEEDED), the symbol versions they import
(GLIBC_2.28, GLIBCXX_3.4.25 …) and which symbol asks for which version.

A pure-Python reader of the dynamic, dynamic-symbol and version sections, so the figures come
from the files themselves, on any machine, without binutils. `bundle_over_floor` is the gate of
builds for old systems: every imported symbol newer than the floor, per file.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

_SHT_GNU_VERNEED = 0x6FFFFFFE
_SHT_GNU_VERSYM = 0x6FFFFFFF
_SHT_DYNAMIC = 6
_SHT_DYNSYM = 11
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


def _needed_version_indexes(data: bytes, order: str, headers: list[tuple]) -> dict[int, str]:
    """{version index (vna_other) → name} of every version an ELF image needs from its libraries."""
    found: dict[int, str] = {}
    for _name, sh_type, _flags, _addr, offset, _size, link, info, _align, _entsize in headers:
        if sh_type != _SHT_GNU_VERNEED:
            continue
        strtab_offset = headers[link][4]
        entry = offset
        for _ in range(info):  # sh_info = number of Verneed entries
            _version, count, _file, aux, next_entry = struct.unpack_from(order + "HHIII", data, entry)
            aux_at = entry + aux
            for _ in range(count):
                _hash, _flags, other, name, next_aux = struct.unpack_from(order + "IHHII", data, aux_at)
                found[other] = _string(data, strtab_offset + name)
                if not next_aux:
                    break
                aux_at += next_aux
            if not next_entry:
                break
            entry += next_entry
    return found


def required_versions(data: bytes) -> set[str]:
    """Every symbol version (GLIBC_2.34, GLIBCXX_3.4.29, …) that an ELF image needs from its libraries."""
    if data[:4] != _ELF_MAGIC:
        return set()
    order, _bits, headers = _sections(data)
    return set(_needed_version_indexes(data, order, headers).values())


def versioned_imports(data: bytes) -> set[tuple[str, str]]:
    """(symbol, version) of every undefined dynamic symbol bound to a needed version:
    {('memcpy', 'GLIBC_2.14'), ('_ZSt28__throw_bad_array_new_lengthv', 'GLIBCXX_3.4.29'), …}."""
    if data[:4] != _ELF_MAGIC:
        return set()
    order, bits, headers = _sections(data)
    needed = _needed_version_indexes(data, order, headers)
    symbol = order + ("IBBHQQ" if bits == 64 else "IIIBBH")
    size = struct.calcsize(symbol)
    found: set[tuple[str, str]] = set()
    for _name, sh_type, _flags, _addr, offset, _size, link, _info, _align, _entsize in headers:
        if sh_type != _SHT_GNU_VERSYM:
            continue
        dynsym = headers[link]  # .gnu.version runs parallel to the symbol table it links to
        if dynsym[1] != _SHT_DYNSYM:
            continue
        strtab = headers[dynsym[6]][4]
        for index in range(dynsym[5] // size):
            fields = struct.unpack_from(symbol, data, dynsym[4] + index * size)
            name, shndx = fields[0], (fields[3] if bits == 64 else fields[5])
            version, = struct.unpack_from(order + "H", data, offset + index * 2)
            if shndx == 0 and (version & 0x7FFF) in needed:
                found.add((_string(data, strtab + name), needed[version & 0x7FFF]))
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


_VERSION_NAME = re.compile(r"([A-Z]+)_(\d+(?:\.\d+)*)")


def parse_version(name: str) -> tuple[str, tuple[int, ...]] | None:
    """'GLIBCXX_3.4.25' → ('GLIBCXX', (3, 4, 25)); None for names without a number (GLIBC_PRIVATE)."""
    match = _VERSION_NAME.fullmatch(name)
    return (match[1], tuple(int(p) for p in match[2].split("."))) if match else None


def over_floor(data: bytes, floor: dict[str, tuple[int, ...]]) -> list[tuple[str, str]]:
    """The (symbol, version) imports of an ELF image newer than `floor` ({'GLIBC': (2, 28), …});
    a version named in no symbol is reported with the symbol '?'. GLIBC_PRIVATE always counts:
    it ties a file to one build of glibc."""
    versions = required_versions(data)
    bad = set()
    for name in versions:
        parsed = parse_version(name)
        if name == "GLIBC_PRIVATE" or (parsed and parsed[0] in floor and parsed[1] > floor[parsed[0]]):
            bad.add(name)
    if not bad:
        return []
    found = sorted((s, v) for s, v in versioned_imports(data) if v in bad)
    named = {v for _s, v in found}
    return found + [("?", v) for v in sorted(bad - named)]


def bundle_over_floor(root: Path, floor: dict[str, tuple[int, ...]]) -> dict[str, list[tuple[str, str]]]:
    """{file relative to root: its imports newer than `floor`} over every ELF file under root
    (files within the floor are left out, so an empty dict means the whole folder passes)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as handle:
            if handle.read(4) != _ELF_MAGIC:
                continue
        bad = over_floor(path.read_bytes(), floor)
        if bad:
            found[str(path.relative_to(root))] = bad
    return found
