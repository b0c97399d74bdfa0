"""The shape of the code: no import circles, a Qt-free core, a CLI that never loads Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "composer"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, name: str) -> set[str]:
    """Every composer module ``path`` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("composer"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("composer"):
                continue
            found.add(target)
            for alias in node.names:  # "from . import schema" names a module
                found.add(f"{target}.{alias.name}")
    return found


def import_graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {t for t in _imports(path, name) if t in modules and t != name}
            for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_graph_sees_imports_inside_functions():
    graph = import_graph()
    assert "composer.importers" in graph["composer.opening"]  # imported inside open_any
    assert "composer.rules.registry" in graph["composer.rules"]


def test_no_module_imports_one_that_imports_it_back():
    assert _cycles(import_graph()) == []


def test_the_core_imports_no_qt():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "ui" in path.relative_to(PACKAGE).parts[:1]:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.startswith(("PySide6", "shiboken6")) for n in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_cli_check_never_loads_pyside(tmp_path):
    sample = ROOT / "tests" / "fixtures" / "samples"
    code = ("import sys\n"
            "from composer.__main__ import main\n"
            f"code = main(['check', {str(sample / 'xingfu-2023.docx')!r}, {str(sample / 'huashu-2023.expected.json')!r}])\n"
            "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
            "print('LOADED', loaded)\n"
            "sys.exit(code)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                          env={"COMPOSER_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin",
                               "PYTHONPATH": str(ROOT)}, timeout=120)
    assert "LOADED []" in proc.stdout, proc.stdout + proc.stderr
    assert proc.returncode in (0, 1), proc.stderr
