"""The documentation tells the truth: generated pages are current, the rule recipe works."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from composer.rules import RULES

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs"))

import make_docs  # noqa: E402


def test_generated_pages_are_current():
    for name, page in make_docs.PAGES.items():
        committed = (ROOT / "docs" / name).read_text(encoding="utf-8")
        assert committed == page(), f"docs/{name} is stale: run python docs/make_docs.py"


def test_every_rule_explains_itself_in_chinese():
    assert len(RULES) >= 14
    for rule in RULES.values():
        assert re.fullmatch(r"[TVXFSN]\d?\.[A-Z]+", rule.id), rule.id
        for text in (rule.name, rule.checks, rule.why, rule.fix):
            assert re.search(r"[\u4e00-\u9fff]", text), (rule.id, text)


def test_docs_name_no_place_outside_the_repository():
    for page in [*(ROOT / "docs").glob("*.md"), ROOT / "README.md", ROOT / "CONTRIBUTING.md"]:
        text = page.read_text(encoding="utf-8").replace("../shared/real-world", "")  # the optional corpus
        assert "../shared" not in text and "/work/" not in text, page


def test_the_add_a_rule_recipe_works_as_written(tmp_path):
    """Follow docs/extending.md on a copy of the package: one new module, nothing else touched,
    and the CLI reports the new rule."""
    recipe = (ROOT / "docs" / "extending.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", recipe, re.S).group(1)
    code = "\n".join(line[3:] if line.startswith("   ") else line for line in code.splitlines())
    shutil.copytree(ROOT / "composer", tmp_path / "composer", ignore=shutil.ignore_patterns("__pycache__"))
    module = tmp_path / "composer" / "rules" / "preamble.py"
    module.write_text("from __future__ import annotations\n\nfrom ..report import Report\n" + code, encoding="utf-8")
    report = json.loads((ROOT / "tests" / "fixtures" / "samples" / "xingfu-2023.expected.json").read_text("utf-8"))
    report["preamble"] = ""
    path = tmp_path / "r.json"
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "composer", "check", str(path), "--json"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(tmp_path), "COMPOSER_DATA_DIR": str(tmp_path / "data"),
                               "PATH": "/usr/bin:/bin"})
    findings = json.loads(proc.stdout)["findings"]
    assert [f["message"] for f in findings if f["rule"] == "S.PREAMBLE"] == ["前言：内容为空"], proc.stderr
