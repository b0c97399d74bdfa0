"""The constraints file a bundle is built from: every package of a build, pinned.

    python packaging/lock.py            # resolve composer[package] afresh in a temporary venv, write constraints.txt
    python packaging/lock.py --check    # exit 1, naming them, when installed versions differ from it

``build.py`` refuses to build from an environment that differs from ``constraints.txt``,
so two bundles of one commit hold the same code. Install a matching environment with
``pip install -c packaging/constraints.txt -e ".[package]"`` (as .ci/run does).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import tomllib
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CONSTRAINTS = HERE / "constraints.txt"
_PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;#]+)")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path = CONSTRAINTS) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _PIN.match(line.strip())
        if m:
            out[_normal(m.group(1))] = m.group(2)
    return out


def mismatches(path: Path = CONSTRAINTS) -> list[str]:
    """Pinned packages that are missing or at another version in this interpreter's environment."""
    installed = {_normal(d.metadata["Name"]): d.version for d in metadata.distributions()}
    out = []
    for name, version in sorted(pins(path).items()):
        have = installed.get(name)
        if have != version:
            out.append(f"{name}：锁定 {version}，实际 {have or '未安装'}")
    return out


def requirements(*extras: str) -> list[str]:
    """composer's declared dependencies and those of ``extras``, from pyproject.toml (resolving
    these, not the project itself, keeps the lock independent of the work tree's other files)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    out = list(project["dependencies"])
    for extra in extras:
        out += project["optional-dependencies"][extra]
    return out


def write_lock() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        py = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
        subprocess.run([str(py), "-m", "pip", "install", "-q", *requirements("package")], check=True)
        frozen = subprocess.run([str(py), "-m", "pip", "freeze", "--all"],
                                check=True, capture_output=True, text=True).stdout
    keep = [line for line in frozen.splitlines() if _PIN.match(line) and not line.startswith(("pip==", "setuptools=="))]
    CONSTRAINTS.write_text("# Every package of a bundle build, pinned: written by python packaging/lock.py\n"
                           f"# (Python {sys.version_info.major}.{sys.version_info.minor}); build.py refuses an "
                           "environment that differs.\n" + "\n".join(sorted(keep, key=str.lower)) + "\n",
                           encoding="utf-8")
    print(f"wrote {CONSTRAINTS.relative_to(ROOT)} ({len(keep)} packages)")


def main() -> int:
    parser = argparse.ArgumentParser(description="锁定打包所用的全部依赖版本")
    parser.add_argument("--check", action="store_true", help="只检查当前环境是否与锁定版本一致")
    args = parser.parse_args()
    if not args.check:
        write_lock()
        return 0
    wrong = mismatches()
    for line in wrong:
        print(line)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
