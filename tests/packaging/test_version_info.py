"""The Windows version resource text and the version numbers derived from composer.__version__."""

from __future__ import annotations

import ast
import functools

import pytest
from version_info import CODEPAGE, LANGUAGE, version_info_text, version_tuple

from composer import __version__

CONSTRUCTORS = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
                "VarFileInfo", "VarStruct")


@pytest.mark.parametrize("version, numbers", [
    ("0.1.0", (0, 1, 0, 0)),
    ("1.2", (1, 2, 0, 0)),
    ("2.0.3.4", (2, 0, 3, 4)),
    ("0.2.0rc1", (0, 2, 0, 0)),
    ("1.0.0.dev3", (1, 0, 0, 0)),
])
def test_version_tuple(version, numbers):
    assert version_tuple(version) == numbers


@pytest.mark.parametrize("version", ["", "v1.0", "abc", "70000.1"])
def test_bad_versions_are_refused_in_chinese(version):
    with pytest.raises(ValueError, match="版本号"):
        version_tuple(version)


def _call(name, *args, **kwargs):
    return name, args, kwargs


def _evaluate(text: str):
    """Evaluate the text as PyInstaller does (an expression over its versioninfo classes),
    with each class recording its arguments."""
    tree = ast.parse(text, mode="eval")
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call)}
    assert called <= set(CONSTRUCTORS)
    names = {name: functools.partial(_call, name) for name in CONSTRUCTORS}
    return eval(compile(tree, "<version>", "eval"), {"__builtins__": {}}, names)


def _find(node, name):
    if isinstance(node, tuple) and len(node) == 3 and node[0] == name:
        yield node
    if isinstance(node, (tuple, list)):
        for child in node:
            yield from _find(child, name)
    elif isinstance(node, dict):
        for child in node.values():
            yield from _find(child, name)


def test_version_resource_names_the_program_in_chinese():
    resource = _evaluate(version_info_text(__version__))
    fixed = next(_find(resource, "FixedFileInfo"))[2]
    assert fixed["filevers"] == fixed["prodvers"] == version_tuple(__version__)
    strings = {args[0]: args[1] for _name, args, _kw in _find(resource, "StringStruct")}
    assert strings["ProductName"] == "年报编制器"
    assert strings["OriginalFilename"] == "composer.exe"
    assert strings["ProductVersion"] == __version__
    assert strings["FileVersion"] == ".".join(map(str, version_tuple(__version__)))
    table = next(_find(resource, "StringTable"))[1][0]
    assert table == f"{LANGUAGE:04X}{CODEPAGE:04X}" == "080404B0"
    translation = next(_find(resource, "VarStruct"))[1]
    assert translation == ("Translation", [LANGUAGE, CODEPAGE])
