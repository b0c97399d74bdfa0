"""Document and slot locks, and the check before saving (composer.doclock), without Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from composer.doclock import (
    FileLock,
    FileStamp,
    LockOwner,
    changed_since,
    check_before_save,
    document_owner,
    lock_document,
    lock_file_for,
    read_owner,
    valid_timestamp,
)
from composer.errors import ChangedOnDisk, DocumentLocked, SaveRefused
from composer.fileio import host_name
from composer.project import Project, load_project, save_project, save_project_checked
from composer.report import Report

ROOT = Path(__file__).resolve().parents[1]


def dead_pid() -> int:
    return int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True).stdout)


def project(organ: str) -> Project:
    return Project(Report(year=2025, organ=organ))


def test_lock_file_names_user_machine_process_and_time(tmp_path):
    doc = tmp_path / "报告.nianbao"
    lock = lock_document(doc)
    assert isinstance(lock, FileLock)
    assert lock.path == tmp_path / ".~lock.报告.nianbao#"
    obj = json.loads(lock.path.read_text(encoding="utf-8"))
    assert obj["pid"] == os.getpid() and obj["host"] == host_name() and obj["user"]
    assert abs(obj["time"] - time.time()) < 60
    lock.release()
    assert not lock.path.exists()


def test_a_second_window_of_the_same_program_is_told_who_has_it(tmp_path):
    doc = tmp_path / "r.nianbao"
    first = lock_document(doc)
    assert isinstance(first, FileLock)
    second = lock_document(doc)
    assert isinstance(second, LockOwner) and second.pid == os.getpid()
    assert "于" in second.describe()
    first.release()
    assert isinstance(lock_document(doc), FileLock)


def test_a_stale_lock_of_a_dead_process_is_taken_over(tmp_path):
    doc = tmp_path / "r.nianbao"
    lock_file_for(doc).write_text(json.dumps({"user": "张三", "host": host_name(), "pid": dead_pid(),
                                              "time": time.time()}), encoding="utf-8")
    assert document_owner(doc) is None
    got = lock_document(doc)
    assert isinstance(got, FileLock) and read_owner(got.path).pid == os.getpid()


def test_a_lock_from_another_machine_is_respected(tmp_path):
    doc = tmp_path / "r.nianbao"
    lock_file_for(doc).write_text(json.dumps({"user": "李四", "host": "另一台电脑", "pid": 1,
                                              "time": time.time() - 3600}), encoding="utf-8")
    got = lock_document(doc)
    assert isinstance(got, LockOwner) and got.user == "李四" and "另一台电脑" in got.describe()
    with pytest.raises(DocumentLocked):
        check_before_save(doc, None)


def test_qt_lock_files_and_garbage_are_read_safely(tmp_path):
    qt = tmp_path / "a.lock"
    qt.write_text(f"{dead_pid()}\ncomposer\n{host_name()}\n", encoding="utf-8")
    owner = read_owner(qt)
    assert owner is not None and owner.is_stale()
    assert isinstance(FileLock.try_acquire(qt), FileLock)
    junk = tmp_path / "b.lock"
    junk.write_bytes(b"\xff\x00 not a lock")
    os.utime(junk, (time.time() - 60, time.time() - 60))
    assert isinstance(FileLock.try_acquire(junk), FileLock)


@pytest.mark.parametrize("value", [1e20, float("inf"), float("nan"), -5, 253402300800, "2025", None, True])
def test_implausible_times_are_not_times(value):
    assert valid_timestamp(value) is None


def test_a_long_name_gets_a_lock_file_within_the_limit(tmp_path):
    doc = tmp_path / ("某" * 82 + ".nianbao")
    lock = lock_document(doc)
    assert isinstance(lock, FileLock) and len(lock.path.name.encode()) <= 255
    assert lock_file_for(doc) != lock_file_for(tmp_path / ("某" * 81 + "乙.nianbao"))


def test_a_file_changed_on_disk_is_not_overwritten(tmp_path):
    doc = tmp_path / "r.nianbao"
    save_project(project("甲"), doc)
    stamp = FileStamp.of(doc)
    assert not changed_since(doc, stamp)
    os.utime(doc, None)  # touched, same content: not a change
    assert not changed_since(doc, stamp)
    save_project(project("乙（另一人保存）"), doc)
    assert changed_since(doc, stamp)
    with pytest.raises(ChangedOnDisk):
        save_project_checked(project("甲改"), doc, stamp)
    assert load_project(doc).report.organ == "乙（另一人保存）"


_HOLDER = textwrap.dedent("""
    import sys, time
    from composer.doclock import lock_document, FileLock, FileStamp
    from composer.project import load_project, save_project_checked
    path = sys.argv[1]
    lock = lock_document(path)
    assert isinstance(lock, FileLock), lock
    stamp = FileStamp.of(path)
    project = load_project(path)
    print("OPEN", flush=True)
    sys.stdin.readline()  # the other program saves meanwhile (or tries to)
    project.report.organ = "第一个程序的修改"
    try:
        save_project_checked(project, path, stamp, own_lock=lock)
        print("SAVED", flush=True)
    except Exception as err:
        print("REFUSED", type(err).__name__, flush=True)
""")


def test_two_programs_on_one_file_the_second_is_refused_and_nothing_is_lost(tmp_path):
    doc = tmp_path / "共同的报告.nianbao"
    save_project(project("原稿"), doc)
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    first = subprocess.Popen([sys.executable, "-c", _HOLDER, str(doc)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert first.stdout.readline().strip() == "OPEN", first.stderr.read()
        # the second program (this one) opens the same file: it is told who has it …
        owner = lock_document(doc)
        assert isinstance(owner, LockOwner) and owner.pid == first.pid
        stamp = FileStamp.of(doc)
        # … and its save is refused, not silently winning
        with pytest.raises(DocumentLocked) as err:
            save_project_checked(project("第二个程序的修改"), doc, stamp)
        assert "该文件已由" in err.value.message
        assert load_project(doc).report.organ == "原稿"
        out, _ = first.communicate("\n", timeout=60)
    finally:
        first.kill()
    assert out.strip() == "SAVED"
    assert load_project(doc).report.organ == "第一个程序的修改"
    assert not lock_file_for(doc).exists() or document_owner(doc) is None


def test_after_the_first_program_saved_the_second_cannot_overwrite_it(tmp_path):
    """The second opened read-only while the first had the lock; the first saved and quit: the
    second's old stamp now tells it the file changed."""
    doc = tmp_path / "r.nianbao"
    save_project(project("原稿"), doc)
    stamp_second = FileStamp.of(doc)
    first = lock_document(doc)
    assert isinstance(first, FileLock)
    save_project_checked(project("第一个"), doc, FileStamp.of(doc), own_lock=first)
    first.release()
    with pytest.raises(SaveRefused):
        save_project_checked(project("第二个"), doc, stamp_second)
    assert load_project(doc).report.organ == "第一个"


def test_a_lock_from_before_the_machine_started_is_stale_even_if_its_pid_runs_now(tmp_path):
    from composer.doclock import boot_time

    boot = boot_time()
    if boot is None:
        pytest.skip("this system does not tell when it started")
    doc = tmp_path / "r.nianbao"
    # a power cut: the lock names a process number that now belongs to a running program (pid 1)
    lock_file_for(doc).write_text(json.dumps({"user": "张三", "host": host_name(), "pid": 1,
                                              "time": boot - 3600}), encoding="utf-8")
    assert document_owner(doc) is None
    assert isinstance(lock_document(doc), FileLock)
