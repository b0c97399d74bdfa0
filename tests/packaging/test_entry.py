"""The packaged program's entry: one executable for the window and the command line."""

from __future__ import annotations

import sys

import entry
import pytest

from composer import __version__


@pytest.mark.parametrize("argv, cli", [
    ([], False),
    (["报告.nianbao"], False),
    (["/home/x/report.json"], False),
    (["check", "a.json"], True),
    (["carry-forward", "a.docx", "-o", "b.json"], True),
    (["--version"], True),
    (["-h"], True),
])
def test_which_arguments_are_the_command_line(argv, cli):
    assert entry._wants_cli(argv) is cli


def test_runs_the_command_line(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["composer", "--version"])
    with pytest.raises(SystemExit) as stop:
        entry.run()
    assert stop.value.code in (0, None)
    assert __version__ in capsys.readouterr().out


def test_checks_a_file_through_the_entry(monkeypatch, capsys, tmp_path):
    report = tmp_path / "r.json"
    report.write_text("{ 这不是 JSON", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["composer", "check", str(report)])
    assert entry.run() == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and any("\u4e00" <= ch <= "\u9fff" for ch in err)


def test_null_streams_replace_missing_ones(monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    entry._null_streams()
    print("写到空设备", file=sys.stderr)
    print("写到空设备")
    assert sys.stdout is not None and sys.stderr is not None
    sys.stdout.close()
    sys.stderr.close()


@pytest.mark.parametrize("before, after", [
    ({}, {}),
    ({"QT_IM_MODULE": "ibus"}, {"QT_IM_MODULE": "ibus"}),
    ({"QT_IM_MODULE": "compose"}, {"QT_IM_MODULE": "compose"}),
    ({"QT_IM_MODULE": "fcitx"}, {"QT_IM_MODULE": "ibus"}),
    ({"QT_IM_MODULE": "fcitx5", "XMODIFIERS": "@im=fcitx"}, {"QT_IM_MODULE": "ibus", "XMODIFIERS": "@im=fcitx"}),
    ({"QT_IM_MODULES": "wayland;fcitx"}, {"QT_IM_MODULES": "wayland;fcitx;ibus"}),
    ({"QT_IM_MODULES": "fcitx;ibus"}, {"QT_IM_MODULES": "fcitx;ibus"}),
])
def test_fcitx_desktops_get_the_ibus_plugin_the_bundle_has(before, after):
    environ = dict(before)
    entry.input_method_fallback(environ)
    assert environ == after


def test_every_input_method_named_is_one_the_bundle_carries():
    import bundle_filter

    carried = bundle_filter.KEPT_PLUGINS["linux"]["platforminputcontexts"]
    for name in entry.BUNDLED_INPUT_METHODS:
        if name != "none":
            assert any(name in plugin for plugin in carried), name
