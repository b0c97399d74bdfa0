"""The pinned inputs of the glibc 2.28 build: each fetched by toolchain.py from a registry
(PyPI with pip, Debian with apt-get source) and checked against the sha256 written here.

Changing anything here (or in requirements.txt, or in toolchain.py) changes the cache key, so
the next build compiles a new toolchain instead of reusing an old one.
"""

from __future__ import annotations

# The target: x86_64 glibc 2.28 (Debian 10 / UOS V20) and the libstdc++ of GCC 8 (its newest
# symbol versions are GLIBCXX_3.4.25 and CXXABI_1.3.11; libgcc_s of GCC 8 stops at GCC_7.0.0).
ZIG_TARGET = "x86_64-linux-gnu.2.28"
GLIBC_FLOOR = "2.28"
FLOOR: dict[str, tuple[int, ...]] = {
    "GLIBC": (2, 28),
    "GLIBCXX": (3, 4, 25),
    "CXXABI": (1, 3, 11),
    "GCC": (7, 0, 0),
}

# zig cc, a clang that links against the stubs of an exact glibc version (PyPI: ziglang).
ZIG_VERSION = "0.13.0"
ZIG_WHEEL = "ziglang-0.13.0-py3-none-manylinux_2_12_x86_64.manylinux2010_x86_64.musllinux_1_1_x86_64.whl"
ZIG_SHA256 = "3ce0c9f16547e5d61b32e0d226926e9a2552ef4b91fccf7ab5ea1a623a77824b"

# Debian 12 (bookworm) source packages: {package: (version, {file: sha256})}.
DEBIAN_SUITE = "bookworm"
DEBIAN_SOURCES: dict[str, tuple[str, dict[str, str]]] = {
    "python3.11": ("3.11.2-6+deb12u8", {
        "python3.11_3.11.2.orig.tar.gz": "2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849",
        "python3.11_3.11.2-6+deb12u8.debian.tar.xz":
            "ece2d63c70ac0b7a401fbe6b51b0103be997c294a01a3865549be1862794ba97",
    }),
    "zlib": ("1:1.2.13.dfsg-1", {
        "zlib_1.2.13.dfsg.orig.tar.bz2": "71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1",
    }),
    "libffi": ("3.4.4-1", {
        "libffi_3.4.4.orig.tar.gz": "d66c56ad259a82cf2a9dfc408b32bf5da52371500b84745f7fb8b645712df676",
    }),
}
# Debian's patches of python3.11 applied on top of upstream 3.11.2: the series from this one on
# (security and crash fixes). The ones before it change Debian's file layout and are left out.
PYTHON_FIRST_PATCH = "CVE-2024-0450.patch"

# PyInstaller's source distribution, for its bootloader (the same version as the wheel that
# requirements.txt pins, which is the version of packaging/constraints.txt).
PYINSTALLER_VERSION = "6.22.3"
PYINSTALLER_SDIST = "pyinstaller-6.22.3.tar.gz"
PYINSTALLER_SHA256 = "05eb2f5615503e72939a7224d68b4aff572c6b0438ee4a17d0a4b481f399362d"

# Qt for Python: the last release with manylinux_2_28 wheels (6.10 and later need glibc 2.34).
PYSIDE6_VERSION = "6.9.3"

# Wheel platforms accepted for the custom Python (every manylinux tag up to 2.28).
WHEEL_PLATFORMS = ("manylinux_2_28_x86_64", "manylinux_2_27_x86_64", "manylinux_2_26_x86_64",
                   "manylinux_2_24_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64",
                   "manylinux2010_x86_64", "manylinux1_x86_64")

# Extension modules the program and PyInstaller need; the build fails when one is missing.
REQUIRED_MODULES = ("zlib", "pyexpat", "_elementtree", "_ctypes", "_decimal", "_json", "_pickle", "_socket",
                    "select", "unicodedata", "_multibytecodec", "_codecs_cn", "_md5", "_sha1", "_sha256",
                    "_sha512", "_sha3", "_blake2", "math", "_datetime", "binascii", "_struct", "array",
                    "_posixsubprocess", "fcntl", "mmap", "_csv", "_random", "_bisect", "_heapq", "_queue",
                    "_contextvars", "_opcode", "_statistics", "_typing", "_zoneinfo")
# Left out on purpose (configure's py_cv_module_<name>=n/a): unused by the program, or needing
# libraries that would have to be built for 2.28 as well (OpenSSL, bzip2, xz, sqlite, Tk, ncurses).
DISABLED_MODULES = ("_ssl", "_hashlib", "_bz2", "_lzma", "_sqlite3", "_tkinter", "readline", "_curses",
                    "_curses_panel", "_dbm", "_gdbm", "_uuid", "nis", "_crypt", "ossaudiodev", "spwd")
