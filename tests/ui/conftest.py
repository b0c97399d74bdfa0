import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from composer import schema
from composer.project import Project, ProjectState, save_project
from composer.report import Report


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Each test gets its own recovery and settings folder."""
    d = tmp_path / "appdata"
    monkeypatch.setenv("COMPOSER_DATA_DIR", str(d))
    return d


def consistent_report(year: int = 2025) -> Report:
    """Every cell filled, all sums right: 3 natural-person requests, all granted."""
    r = Report(year=year, organ="测试乡人民政府", title=f"{year}年测试乡人民政府信息公开工作年度报告")
    for path in schema.CELL_PATHS:
        r.cells[path] = 0
    for row in ("new", "results.granted", "results.total"):
        for col in ("natural", "total"):
            r.cells[schema.requests_path(row, col)] = 3
    r.sections["overview"] = f"{year}年，我乡共收到政府信息公开申请3件，均已按时答复。"
    r.sections["problems"] = "信息公开的及时性还需提高，下一步将加强培训。"
    r.sections["other"] = "本年度未收取信息处理费。"
    return r


@pytest.fixture
def report_file(tmp_path) -> Path:
    path = tmp_path / "测试报告.nianbao"
    save_project(Project(consistent_report(), ProjectState()), path)
    return path


class Messages:
    """Collects what the window would have shown in message boxes."""

    def __init__(self):
        self.warnings: list[str] = []
        self.infos: list[str] = []


@pytest.fixture
def messages(monkeypatch) -> Messages:
    from composer.ui import dialogs

    box = Messages()
    monkeypatch.setattr(dialogs, "warn", lambda parent, text, title="": box.warnings.append(text))
    monkeypatch.setattr(dialogs, "info", lambda parent, text, title="": box.infos.append(text))
    return box


@pytest.fixture
def window(qtbot, report_file, messages, monkeypatch):
    """The real main window on a consistent report, shown and active."""
    from composer.ui import dialogs
    from composer.ui.app import create_main_window

    # pytest-qt closes the window before fixtures are torn down: answer its prompt up front
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: "discard")
    monkeypatch.setattr(dialogs, "ask_start_draft", lambda parent, name, year: False)
    w = create_main_window(str(report_file))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    return w
