"""The constraints file pins every package of a bundle, satisfies pyproject, and build.py enforces it."""

from __future__ import annotations

from importlib import metadata

import lock
from packaging.requirements import Requirement


def test_every_declared_dependency_is_pinned_within_its_range():
    pins = lock.pins()
    for text in lock.requirements("package"):
        req = Requirement(text)
        name = lock._normal(req.name)
        assert name in pins, f"{req.name} is not in constraints.txt: run python packaging/lock.py"
        assert req.specifier.contains(pins[name], prereleases=True), (req, pins[name])


def test_a_differing_environment_is_named(tmp_path):
    jinja = metadata.version("jinja2")
    path = tmp_path / "constraints.txt"
    path.write_text(f"Jinja2==0.0.1\nMarkupSafe=={metadata.version('markupsafe')}\nno-such-package==1.0\n")
    wrong = lock.mismatches(path)
    assert wrong == [f"jinja2：锁定 0.0.1，实际 {jinja}", "no-such-package：锁定 1.0，实际 未安装"]
