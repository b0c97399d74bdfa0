"""批量检查 from the core: every file of a folder, statuses, findings equal to a direct check,
unreadable files listed (never stopping the batch), cancel, and the process pool."""

from __future__ import annotations

import pytest

from composer.county.batch import STATUS_FIX, STATUS_OK, STATUS_UNREADABLE, check_folder, check_paths, find_files
from composer.errors import ComposerError
from composer.opening import open_any
from composer.rules import check, count
from tests.county.folder import BROKEN, UNREADABLE, make_folder


def test_find_files_takes_reports_in_subfolders_and_skips_lock_files(tmp_path):
    make_folder(tmp_path)
    found = [p.relative_to(tmp_path).as_posix() for p in find_files(tmp_path)]
    assert found == ["东区/幸福乡-有错.json", "东区/幸福乡.json", "西区/坏文件.docx", "西区/桦树镇.docx",
                     "西区/桦树镇.json", "青山口乡.json"]


def test_folder_check_matches_a_direct_check_of_each_file(tmp_path):
    units = make_folder(tmp_path, docx=False)
    seen = []
    result = check_folder(tmp_path, workers=1, progress=lambda done, total, unit: seen.append((done, total)))
    assert [u.relative for u in result.units] == ["东区/幸福乡-有错.json", "东区/幸福乡.json", "西区/坏文件.docx",
                                                  "西区/桦树镇.json", "青山口乡.json"]
    assert seen == [(i, 5) for i in range(1, 6)]
    assert not result.cancelled and result.total == 5
    by_rel = {u.relative: u for u in result.units}
    for rel, report in units.items():
        unit = by_rel[rel]
        assert unit.findings == check(report)
        assert (unit.errors, unit.warnings) == count(check(report))
        assert unit.unit == report.organ and unit.year == report.year
    assert by_rel[BROKEN].status == STATUS_FIX
    assert {f.rule for f in by_rel[BROKEN].findings if f.severity == "error"} == {"T3.ROW", "T3.BALANCE", "T4.SUM"}
    assert by_rel["东区/幸福乡.json"].status == STATUS_OK
    assert by_rel["东区/幸福乡.json"].region == ("东区",)
    assert by_rel["青山口乡.json"].region == ()
    bad = by_rel[UNREADABLE]
    assert bad.status == STATUS_UNREADABLE and bad.report is None
    assert bad.error and bad.status_text == f"无法读取：{bad.error}"
    assert result.counts() == {STATUS_OK: 3, STATUS_FIX: 1, STATUS_UNREADABLE: 1}


def test_unreadable_reason_is_the_importers(tmp_path):
    make_folder(tmp_path, docx=False)
    unit = next(u for u in check_folder(tmp_path, workers=1).units if u.relative == UNREADABLE)
    with pytest.raises(ComposerError) as err:
        open_any(tmp_path / UNREADABLE)
    assert unit.error == err.value.message


def test_previous_given_for_all_replaces_what_a_file_holds(tmp_path):
    units = make_folder(tmp_path, docx=False)
    last = units["青山口乡.json"]
    result = check_paths([tmp_path / "东区/幸福乡.json"], previous=last, workers=1)
    [unit] = result.units
    assert unit.report is not None and unit.report.previous is last
    this = units["东区/幸福乡.json"]
    this.previous = last
    assert unit.findings == check(this)


def test_cancel_stops_the_batch_and_keeps_what_was_checked(tmp_path):
    make_folder(tmp_path, docx=False)
    checked = []
    result = check_folder(tmp_path, workers=1, progress=lambda d, t, u: checked.append(u),
                          cancel=lambda: len(checked) >= 2)
    assert result.cancelled and len(result.units) == 2 and result.total == 5


def test_not_a_folder_is_a_typed_error(tmp_path):
    with pytest.raises(ComposerError):
        check_folder(tmp_path / "missing")


@pytest.mark.slow
def test_process_pool_gives_the_same_results_as_one_process(tmp_path, monkeypatch):
    from composer.county import batch

    make_folder(tmp_path)
    for i in range(6):  # copies: results must come back in path order whatever worker checked them
        (tmp_path / "东区" / f"副本{i}.json").write_bytes((tmp_path / "东区/幸福乡.json").read_bytes())
    one = check_folder(tmp_path, workers=1)

    def not_here(*args, **kwargs):
        raise AssertionError("checked in the calling process, not in a worker")

    monkeypatch.setattr(batch, "check_file", not_here)  # the workers import their own, unpatched
    pool = check_folder(tmp_path, workers=2)
    assert [u.relative for u in pool.units] == [u.relative for u in one.units]
    assert [(u.status_text, u.findings, u.notes) for u in pool.units] == \
        [(u.status_text, u.findings, u.notes) for u in one.units]
    docx = next(u for u in pool.units if u.relative == "西区/桦树镇.docx")
    assert docx.report is not None and docx.unit == "临江市桦树镇人民政府"


@pytest.mark.slow
def test_a_stalled_pool_is_given_up_and_the_rest_read_one_by_one(tmp_path, monkeypatch, caplog):
    from composer.county import batch

    make_folder(tmp_path)
    one = check_folder(tmp_path, workers=1)
    monkeypatch.setattr(batch, "STALL_SECONDS", 0)  # in this process only
    monkeypatch.setattr(batch, "FILE_SECONDS", 0)
    monkeypatch.setattr(batch, "wait", lambda futures, timeout, return_when: (set(), set(futures)))  # never answers
    given_up = check_folder(tmp_path, workers=2)
    assert [(u.relative, u.status_text, u.findings) for u in given_up.units] == \
        [(u.relative, u.status_text, u.findings) for u in one.units]
    assert not given_up.cancelled
    assert any("stalled" in r.getMessage() for r in caplog.records), [r.getMessage() for r in caplog.records]
