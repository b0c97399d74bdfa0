"""The packaging scripts live in packaging/ (not a package: the name would shadow PyPI's
`packaging`); put that folder on sys.path so the tests import them by module name."""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
for folder in (PACKAGING, PACKAGING / "windows"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
