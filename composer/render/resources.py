"""Where the rendering files live: beside the package in a checkout, under sys._MEIPASS when frozen."""

from __future__ import annotations

import sys
from pathlib import Path


def _roots() -> list[Path]:
    roots = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        roots.append(Path(frozen))
    roots.append(Path(__file__).resolve().parents[2])  # the checkout: composer/render/ → repo root
    return roots


def resource(*parts: str) -> Path:
    """The first existing ``root/parts`` (the checkout's path if none exists, for the message)."""
    candidates = [root.joinpath(*parts) for root in _roots()]
    return next((p for p in candidates if p.exists()), candidates[-1])


def default_template_path() -> Path:
    return resource("templates", "report.docx")


def html_template_path() -> Path:
    return resource("templates", "report.html.j2")


def fontconfig_path() -> Path:
    return resource("resources", "fontconfig", "fonts.conf")
