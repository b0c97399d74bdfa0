"""The Debian package of composer (also for UOS and Kylin): the bundle under /opt/composer, the
command /usr/bin/composer, a desktop entry, icons and the MIME type of project files (.nianbao).

Desktop, MIME and icon caches are refreshed by the triggers of the system's own packages
(desktop-file-utils, shared-mime-info, hicolor-icon-theme), so no maintainer scripts are needed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import elf_info

PACKAGE = "nianbao-composer"
INSTALL_DIR = "opt/composer"
COMMAND = "usr/bin/composer"
HERE = Path(__file__).resolve().parent
LINUX = HERE / "linux"
RESOURCES = HERE.parent / "resources"


def debian_version(version: str) -> str:
    """A Python version as a Debian one: '0.2.0rc1' → '0.2.0~rc1' (sorts before 0.2.0)."""
    match = re.fullmatch(r"(\d+(?:\.\d+)*)(?:\.?(a|b|rc|dev)(\d*))?", version.strip())
    if not match:
        raise ValueError(f"版本号格式不对：{version!r}")
    base, tag, number = match.groups()
    return base if not tag else f"{base}~{tag}{number}"


def control_text(version: str, architecture: str, installed_kb: int, depends: list[str]) -> str:
    template = (LINUX / "control.in").read_text(encoding="utf-8")
    return template.format(package=PACKAGE, version=debian_version(version), architecture=architecture,
                           installed_size=installed_kb, depends=", ".join(depends))


def external_libraries(bundle: Path) -> set[str]:
    """Libraries that ELF files of the bundle link to and that the bundle does not hold itself."""
    inside = {p.name for p in bundle.rglob("*") if p.is_file() or p.is_symlink()}
    outside: set[str] = set()
    for path in bundle.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as handle:
            if handle.read(4) != b"\x7fELF":
                continue
        outside.update(n for n in elf_info.needed_libraries(path.read_bytes()) if n not in inside)
    return outside


def _system_paths() -> dict[str, str]:
    """soname → path of the machine's own libraries (ldconfig's cache, x86-64 entries)."""
    out = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    paths: dict[str, str] = {}
    for line in out.splitlines()[1:]:
        name, _, rest = line.strip().partition(" (")
        if "x86-64" in rest and "=>" in rest:
            paths.setdefault(name, rest.split("=>", 1)[1].strip())
    return paths


def _owning_package(path: str) -> str | None:
    """The Debian package that installed `path` (trying the /usr form of merged-/usr systems)."""
    candidates = [path, os.path.realpath(path)]
    candidates += ["/usr" + c for c in candidates if not c.startswith("/usr/")]
    for candidate in candidates:
        result = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True)
        if result.returncode == 0:
            return result.stdout.split(":", 1)[0].split(",")[0].strip()
    return None


# The GCC release that brought each libstdc++ symbol version (for a versioned Depends).
GCC_OF_GLIBCXX = {"3.4.25": "8", "3.4.26": "9", "3.4.28": "10", "3.4.29": "11", "3.4.30": "12", "3.4.31": "13",
                  "3.4.32": "13.2", "3.4.33": "14"}


def glibcxx_requirement(bundle: Path) -> str | None:
    """The highest GLIBCXX_ version any ELF file of the bundle needs ('3.4.29'), or None."""
    found = set()
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink() and path.open("rb").read(4) == b"\x7fELF":
            found |= {v.removeprefix("GLIBCXX_") for v in elf_info.required_versions(path.read_bytes())
                      if v.startswith("GLIBCXX_3")}
    return max(found, key=lambda v: tuple(int(p) for p in v.split("."))) if found else None


# Packages renamed since Debian 10 (UOS V20): for a build with an old libc floor, Depends: names
# both, so apt on the old system finds the old name and on a new one the new name.
OLD_NAMES = {"libgcc-s1": "libgcc1"}


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split(".") if p.isdigit())


def system_depends(bundle: Path, glibc: str | None, libc_floor: str | None = None) -> list[str]:
    """Depends: of the package: the build machine's packages of every library the bundle uses
    from the system, libc6 at least as new as the newest GLIBC_ symbol version it needs and
    libstdc++6 from the GCC that provides its newest GLIBCXX_ version.

    With `libc_floor` ('2.28': a build for older systems) libc6 is declared at that floor, which
    the bundle must not exceed (ValueError), and renamed packages accept their old names too."""
    paths = _system_paths()
    packages: set[str] = set()
    missing = []
    for name in sorted(external_libraries(bundle)):
        owner = _owning_package(paths[name]) if name in paths else None
        if owner is None:
            missing.append(name)
        elif owner != "libc6":
            packages.add(owner)
    if missing:
        raise RuntimeError("打包机器上找不到这些系统库所属的软件包：" + "、".join(missing))
    need = glibc.removeprefix("GLIBC_") if glibc else None
    if libc_floor and need and _version_key(need) > _version_key(libc_floor):
        raise ValueError(f"打包结果需要 glibc {need}，高于声明的 {libc_floor}")
    libc = f"libc6 (>= {libc_floor or need})" if (libc_floor or need) else "libc6"
    gcc = GCC_OF_GLIBCXX.get(glibcxx_requirement(bundle) or "")
    out = [libc]
    for name in sorted(packages):
        entry = f"{name} (>= {gcc})" if name == "libstdc++6" and gcc else name
        if libc_floor and name in OLD_NAMES:
            entry += f" | {OLD_NAMES[name]}"
        out.append(entry)
    return out


def _install(source: Path, target: Path, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def stage(bundle: Path, root: Path) -> None:
    """Lay out the package's files under `root` (the bundle is copied, symlinks kept)."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(bundle, root / INSTALL_DIR, symlinks=True)
    link = root / COMMAND
    link.parent.mkdir(parents=True)
    link.symlink_to("/" + INSTALL_DIR + "/composer")
    share = root / "usr/share"
    _install(LINUX / f"{PACKAGE}.desktop", share / "applications" / f"{PACKAGE}.desktop")
    _install(LINUX / f"{PACKAGE}.xml", share / "mime/packages" / f"{PACKAGE}.xml")
    icons = share / "icons/hicolor"
    _install(RESOURCES / "icon.png", icons / "256x256/apps" / f"{PACKAGE}.png")
    _install(RESOURCES / "icon.svg", icons / "scalable/apps" / f"{PACKAGE}.svg")
    _install(RESOURCES / "icon.png", icons / "256x256/mimetypes/application-x-nianbao.png")
    _install(RESOURCES / "icon.svg", icons / "scalable/mimetypes/application-x-nianbao.svg")
    for directory in [root, *[p for p in root.rglob("*") if p.is_dir() and not p.is_symlink()]]:
        directory.chmod(0o755)


def _size_kb(root: Path) -> int:
    total = sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir() or p.is_symlink())
    return (total + 1023) // 1024


def build_deb(bundle: Path, out_dir: Path, version: str, depends: list[str],
              work: Path, architecture: str = "amd64") -> Path:
    """Build out_dir/nianbao-composer_<version>_<arch>.deb from the one-folder bundle."""
    root = work / "deb-root"
    stage(bundle, root)
    (root / "DEBIAN").mkdir(mode=0o755)
    control = control_text(version, architecture, _size_kb(root), depends)
    (root / "DEBIAN/control").write_text(control, encoding="utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{PACKAGE}_{debian_version(version)}_{architecture}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(target)],
                   check=True, stdout=subprocess.DEVNULL)
    return target
