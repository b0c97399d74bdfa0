"""Project files (report + program state) and recovery copies, without Qt."""

import json

import pytest

from composer.errors import ReportFileError
from composer.project import (
    STATE_KEY,
    Project,
    ProjectState,
    clear_recovery,
    load_project,
    read_recovery,
    recovery_dir,
    recovery_slots,
    save_project,
    write_recovery,
)
from composer.report import Report, load_report


def report() -> Report:
    r = Report(year=2025, organ="测试乡人民政府")
    r.cells["tables.requests.new.natural"] = 3
    r.sections["other"] = "未收取信息处理费。"
    return r


def test_round_trip_keeps_report_and_dismissed_warnings(tmp_path):
    path = tmp_path / "a.nianbao"
    state = ProjectState(dismissed={"V.BLANK|tables.active.coercion|": "本乡无此职能"})
    save_project(Project(report(), state), path)
    obj = json.loads(path.read_text(encoding="utf-8"))
    assert obj[STATE_KEY]["dismissed"] == state.dismissed
    back = load_project(path)
    assert back.report.to_json() == report().to_json()
    assert back.state.dismissed == state.dismissed
    # a project file is still report JSON for every other reader
    assert load_report(path).to_json() == report().to_json()
    assert not list(tmp_path.glob("*.tmp"))


def test_plain_report_json_is_a_project_with_empty_state(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(report().dumps(), encoding="utf-8")
    assert load_project(path).state.dismissed == {}


@pytest.mark.parametrize("state", ['"x"', '{"dismissed": ["a"]}', '{"dismissed": {"k": 1}}'])
def test_bad_state_is_a_chinese_error(tmp_path, state):
    obj = report().to_json()
    text = json.dumps(obj, ensure_ascii=False)[:-1] + f', "{STATE_KEY}": {state}}}'
    path = tmp_path / "bad.nianbao"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReportFileError) as err:
        load_project(path)
    assert STATE_KEY in err.value.message and err.value.source == str(path)


def test_corrupt_project_is_refused(tmp_path):
    path = tmp_path / "x.nianbao"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ReportFileError, match="JSON"):
        load_project(path)


def test_recovery_write_read_clear(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPOSER_DATA_DIR", str(tmp_path / "data"))
    from composer.logs import default_data_dir

    base = default_data_dir()
    assert base == tmp_path / "data"
    rdir = recovery_dir(base)
    assert recovery_slots(rdir) == []
    write_recovery(rdir, 2, Project(report()), tmp_path / "src.nianbao")
    write_recovery(rdir, 5, Project(Report(year=2024)), None)
    assert set(recovery_slots(rdir)) == {2, 5}
    rec = read_recovery(rdir, 2)
    assert rec.source == str(tmp_path / "src.nianbao") and rec.saved_at > 0
    assert rec.project.report.cells["tables.requests.new.natural"] == 3
    assert read_recovery(rdir, 5).source is None
    clear_recovery(rdir, 2)
    clear_recovery(rdir, 2)  # clearing twice is fine
    assert recovery_slots(rdir) == [5]


def test_data_dir_default_without_env(monkeypatch, tmp_path):
    from composer.logs import default_data_dir

    monkeypatch.delenv("COMPOSER_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr("sys.platform", "linux")
    assert default_data_dir() == tmp_path / "composer" / "composer"


def test_partition_keeps_errors_whatever_the_state_says():
    from composer.rules import check
    from tests.factories import sample_report

    report = sample_report("xingfu-2023")
    report.cells["tables.requests.new.natural"] = 2  # an error besides the blank warning
    findings = check(report)
    keys = {f.key: "理由" for f in findings}  # a hand-edited file "dismissing" everything
    active, dismissed = ProjectState(dismissed=keys).partition(findings)
    assert {f.severity for f in active} == {"error"}
    assert dismissed and {f.severity for f in dismissed} == {"warning"}
