"""Files shipped beside the code (demo report, icon, translations): from the source tree or a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        return Path(sys._MEIPASS) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(name: str) -> Path:
    return resources_dir() / name


def demo_report():  # -> Report (imported here only when asked for: the report module is not needed to find files)
    """The example report (帮助 → 示例报告): 幸福乡's, or an empty 2025 report if it cannot be read."""
    from ..errors import ComposerError
    from ..report import Report, load_report

    path = resource_path("demo-report.json")
    if path.is_file():
        try:
            return load_report(path)
        except ComposerError:
            pass
    return Report(year=2025)
