"""Project files (report + program state) and recovery copies, without Qt."""

import json
from decimal import Decimal

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


# ---------------------------------------------------------------- recovery copies found at start


def _copy_with(rdir, slot: int, saved_at_text: str, organ: str = "测试乡人民政府", version: int = 1):
    """A recovery copy whose metadata says ``saved_at_text`` (JSON as written, e.g. Infinity)."""
    from composer.project import recovery_path

    obj = report().to_json()
    obj["organ"] = organ
    obj["version"] = version
    text = json.dumps(obj, ensure_ascii=False)[:-1]
    text += f', "{STATE_KEY}": {{"dismissed": {{}}, "recovery": {{"source": null, "saved_at": {saved_at_text}}}}}}}'
    path = recovery_path(rdir, slot)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("saved_at", ["1e20", "Infinity", "-Infinity", "NaN", "253402300800", "-86400",
                                      "\"昨天\"", "null", "1e400"])
def test_an_implausible_saved_time_does_not_cost_the_copy(tmp_path, saved_at):
    rdir = recovery_dir(tmp_path)
    _copy_with(rdir, 1, saved_at)
    rec = read_recovery(rdir, 1)
    assert rec.saved_at == 0.0 and rec.project.report.organ == "测试乡人民政府"
    from datetime import datetime

    from composer.project import leftovers

    found = leftovers(rdir)
    assert len(found) == 1 and found[0][0].recovery is not None
    datetime.fromtimestamp(found[0][0].recovery.saved_at)  # what the dialog shows: no error
    for _, held in found:
        held.release()


def test_copies_are_offered_by_their_saved_time_not_the_file_time(tmp_path):
    import os
    import time

    from composer.project import leftovers

    rdir = recovery_dir(tmp_path)
    now = time.time()
    future = _copy_with(rdir, 1, "32503680000", organ="未来时间的副本")  # year 3000
    older = _copy_with(rdir, 2, repr(now - 3600), organ="一小时前")
    newer = _copy_with(rdir, 3, repr(now - 60), organ="一分钟前")
    for i, path in enumerate((newer, older, future)):  # file times in the opposite order
        os.utime(path, (now - 1000 + i * 100, now - 1000 + i * 100))
    assert recovery_slots(rdir) == [3, 2, 1]
    found = leftovers(rdir)
    assert [lo.recovery.project.report.organ for lo, _ in found] == ["一分钟前", "一小时前", "未来时间的副本"]
    for _, held in found:
        held.release()


def test_unreadable_and_newer_copies_are_kept_and_reported(tmp_path):
    from composer.project import KEPT_DIR, leftovers, recovery_path

    rdir = recovery_dir(tmp_path)
    _copy_with(rdir, 1, "1", version=99)  # a newer program's copy
    recovery_path(rdir, 2).write_text("{broken", encoding="utf-8")
    write_recovery(rdir, 3, Project(report()), None)
    found = leftovers(rdir)
    by_slot = {lo.slot: lo for lo, _ in found}
    assert by_slot[3].recovery is not None
    assert by_slot[1].recovery is None and "更新版本" in by_slot[1].problem
    assert recovery_path(rdir, 1).is_file()  # left where the newer program finds it
    assert by_slot[2].recovery is None and by_slot[2].kept_at is not None
    assert by_slot[2].kept_at.parent == rdir / KEPT_DIR and by_slot[2].kept_at.read_text() == "{broken"
    assert str(by_slot[2].kept_at) in by_slot[2].problem
    for _, held in found:
        held.release()
    # started again: the newer copy is reported again, the set-aside one is not offered again
    again = leftovers(rdir)
    assert sorted(lo.slot for lo, _ in again) == [1, 3]
    for _, held in again:
        held.release()


def test_a_slot_held_by_a_running_window_is_neither_claimed_nor_offered(tmp_path):
    from composer.project import claim_slot, leftovers

    rdir = recovery_dir(tmp_path)
    first = claim_slot(rdir)
    assert first is not None and first.number == 1
    write_recovery(rdir, first.number, Project(report()), None)
    second = claim_slot(rdir)
    assert second is not None and second.number == 2
    assert leftovers(rdir) == []  # slot 1 is held by the running "window"
    first.release()
    found = leftovers(rdir, skip=second.number)
    assert [lo.slot for lo, _ in found] == [1]
    for _, held in found:
        held.release()
    second.release()


def test_unknown_report_keys_survive_a_save(tmp_path):
    path = tmp_path / "r.nianbao"
    obj = report().to_json()
    obj["x-portal"] = {"id": 17, "ratio": 0.25, "tags": ["年报", 2025]}
    obj["note"] = "由其他工具加入"
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    loaded = load_project(path)
    assert loaded.report.extra == {"x-portal": {"id": 17, "ratio": Decimal("0.25"), "tags": ["年报", 2025]},
                                   "note": "由其他工具加入"}
    save_project(loaded, path)
    back = json.loads(path.read_text(encoding="utf-8"))
    assert back["x-portal"] == {"id": 17, "ratio": 0.25, "tags": ["年报", 2025]} and back["note"] == "由其他工具加入"
    assert STATE_KEY in back and load_project(path).report.to_json() == loaded.report.to_json()
