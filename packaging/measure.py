"""Sizes of a built bundle: unpacked, and as the archive one would hand out (tar.xz / zip)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

TARGET_UNPACKED_MB = 120
TARGET_ARCHIVE_MB = 50
TARGET_START_S = 1.0


def tree_size(root: Path) -> int:
    """Bytes of every file under root (symlinks counted as links, as an archive stores them)."""
    return sum(p.lstat().st_size for p in root.rglob("*") if p.is_symlink() or p.is_file())


def make_archive(bundle: Path, target: Path) -> Path:
    """Pack the bundle folder (as `composer/…`) into target (.tar.xz or .zip); returns target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.suffix == ".zip":
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(bundle.rglob("*")):
                if path.is_file():
                    archive.write(path, Path(bundle.name) / path.relative_to(bundle))
        return target
    if shutil.which("tar") and shutil.which("xz"):  # multithreaded xz: 2–3× faster than lzma
        with target.open("wb") as out:
            tar = subprocess.Popen(["tar", "-C", str(bundle.parent), "-cf", "-", bundle.name],
                                   stdout=subprocess.PIPE)
            subprocess.run(["xz", "-T0", "-6", "-c"], stdin=tar.stdout, stdout=out, check=True)
            if tar.wait() != 0:
                raise RuntimeError("tar 打包失败")
        return target
    with tarfile.open(target, "w:xz") as archive:
        archive.add(bundle, arcname=bundle.name)
    return target


def mb(size: int) -> float:
    return size / 1_000_000


def verdict(value: float, target: float) -> str:
    return "达标" if value <= target else "超出目标"


def size_lines(bundle: Path, archive: Path | None) -> list[str]:
    unpacked = mb(tree_size(bundle))
    lines = [f"解包后大小：{unpacked:.1f} MB（目标 ≤ {TARGET_UNPACKED_MB} MB，{verdict(unpacked, TARGET_UNPACKED_MB)}）"]
    if archive is not None:
        packed = mb(archive.stat().st_size)
        lines.append(f"压缩包 {archive.name}：{packed:.1f} MB（目标 ≤ {TARGET_ARCHIVE_MB} MB，"
                     f"{verdict(packed, TARGET_ARCHIVE_MB)}）")
    return lines


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "dist/composer")
    print("\n".join(size_lines(folder, None)))
