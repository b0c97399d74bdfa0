"""Saving: atomic replacement that respects links, modes and long names, and cleans up after kills."""

import errno
import os
import stat
import subprocess
import sys

import pytest

from composer.fileio import atomic_write_bytes, clean_stale_temps, is_temp_name, os_error_message, temp_name


def test_written_files_are_ordinary_files_not_owner_only(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write_bytes(tmp_path / "r.docx", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.docx").stat().st_mode) == 0o644


def test_os_errors_are_told_in_chinese():
    assert "Word 或 WPS" in os_error_message(PermissionError(errno.EACCES, "Permission denied"))
    assert os_error_message(OSError(errno.ENOSPC, "No space left on device")) == "磁盘空间不足"
    assert os_error_message(OSError(errno.EIO, "I/O error")) == f"系统错误 {errno.EIO}"


# ---------------------------------------------------------------- saving real clerks' files



def test_a_symbolic_link_is_written_through_and_stays_a_link(tmp_path):
    real = tmp_path / "store" / "报告.nianbao"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "桌面上的报告.nianbao"
    link.symlink_to(real)
    atomic_write_bytes(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == b"new"
    assert not [p for p in real.parent.iterdir() if is_temp_name(p.name)]


def test_hard_links_stay_linked(tmp_path):
    a = tmp_path / "a.nianbao"
    a.write_bytes(b"old")
    b = tmp_path / "b.nianbao"
    os.link(a, b)
    atomic_write_bytes(a, b"new content")
    assert b.read_bytes() == b"new content" and os.stat(a).st_ino == os.stat(b).st_ino


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_the_files_mode_is_kept(tmp_path, mode):
    path = tmp_path / "r.nianbao"
    path.write_bytes(b"old")
    os.chmod(path, mode)
    atomic_write_bytes(path, b"new")
    assert stat.S_IMODE(path.stat().st_mode) == mode and path.read_bytes() == b"new"


def test_a_read_only_file_is_not_made_writable(tmp_path):
    path = tmp_path / "r.nianbao"
    path.write_bytes(b"old")
    os.chmod(path, 0o444)
    if os.access(path, os.W_OK):  # root may write anything: the mode must survive the save
        atomic_write_bytes(path, b"new")
        assert path.read_bytes() == b"new"
    else:
        with pytest.raises(PermissionError):
            atomic_write_bytes(path, b"new")
        assert path.read_bytes() == b"old"
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_refused_write_to_a_read_only_file_is_refused_for_every_user(tmp_path, monkeypatch):
    path = tmp_path / "r.nianbao"
    path.write_bytes(b"old")
    os.chmod(path, 0o444)
    monkeypatch.setattr(os, "access", lambda p, m: False)  # as an ordinary user sees it
    with pytest.raises(PermissionError) as err:
        atomic_write_bytes(path, b"new")
    assert path.read_bytes() == b"old" and "没有权限" in os_error_message(err.value)


def test_a_name_at_the_file_systems_limit_can_be_saved(tmp_path):
    name = "某" * 82 + ".nianbao"  # 246 + 8 = 254 bytes in UTF-8
    assert len(name.encode()) <= 255
    atomic_write_bytes(tmp_path / name, b"x")
    assert (tmp_path / name).read_bytes() == b"x"
    assert len(temp_name().encode()) < 40


def test_temporary_files_of_a_killed_save_are_removed_and_live_ones_kept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    mine = temp_name()
    stale = mine.replace(f"-{os.getpid()}-", f"-{dead_pid}-")
    (tmp_path / stale).write_bytes(b"half")
    (tmp_path / mine).write_bytes(b"being written")  # this process is alive: not touched
    other_host = ".~nb0000-1-abcdef.tmp" if not mine.startswith(".~nb0000") else ".~nb0001-1-abcdef.tmp"
    (tmp_path / other_host).write_bytes(b"someone else's")
    (tmp_path / "notes.tmp").write_bytes(b"not ours")
    assert clean_stale_temps(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine, other_host, "notes.tmp"])
    old = 3 * 24 * 3600
    st = (tmp_path / other_host).stat()
    os.utime(tmp_path / other_host, (st.st_atime - old, st.st_mtime - old))
    assert clean_stale_temps(tmp_path) == 1 and not (tmp_path / other_host).exists()


def test_the_next_save_in_a_folder_cleans_what_a_killed_one_left(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    left = temp_name().replace(f"-{os.getpid()}-", f"-{int(dead.stdout)}-")
    (tmp_path / left).write_bytes(b"x" * 1000)
    atomic_write_bytes(tmp_path / "r.nianbao", b"saved")
    assert [p.name for p in tmp_path.iterdir()] == ["r.nianbao"]


def test_an_earlier_versions_leftover_is_removed_when_old(tmp_path):
    target = tmp_path / "报告.nianbao"
    old = tmp_path / ".报告.nianbao.k2j4_x9a.tmp"  # what mkstemp named it
    recent = tmp_path / ".报告.nianbao.abcdefgh.tmp"
    for p in (old, recent):
        p.write_bytes(b"16 MB once")
    os.utime(old, (0, 1_700_000_000))
    atomic_write_bytes(target, b"saved")
    assert not old.exists() and recent.exists() and target.read_bytes() == b"saved"


def _dead_pid() -> int:
    return int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True).stdout)


def _redo_file(folder, target_name: str, data: bytes, *, cut: int = 0):
    import hashlib
    import json

    from composer.fileio import REDO_SUFFIX

    name = temp_name(REDO_SUFFIX).replace(f"-{os.getpid()}-", f"-{_dead_pid()}-")
    header = json.dumps({"target": target_name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
    body = header.encode() + b"\n" + data
    (folder / name).write_bytes(body[: len(body) - cut])
    return folder / name


def test_a_hard_linked_rewrite_cut_short_is_finished_at_the_next_start(tmp_path):
    a, b = tmp_path / "a.nianbao", tmp_path / "b.nianbao"
    a.write_bytes(b"old version " * 100)
    os.link(a, b)
    new = b"new version " * 120
    redo = _redo_file(tmp_path, "a.nianbao", new)
    with open(a, "r+b") as fh:  # killed in the middle of the rewrite
        fh.write(new[:500])
    assert clean_stale_temps(tmp_path) == 1
    assert a.read_bytes() == new and b.read_bytes() == new and not redo.exists()


def test_a_redo_file_cut_short_leaves_the_old_version(tmp_path):
    a, b = tmp_path / "a.nianbao", tmp_path / "b.nianbao"
    a.write_bytes(b"old version")
    os.link(a, b)
    redo = _redo_file(tmp_path, "a.nianbao", b"new version " * 50, cut=7)
    assert clean_stale_temps(tmp_path) == 1
    assert a.read_bytes() == b"old version" and not redo.exists()


def test_a_new_save_finishes_an_interrupted_one_first_and_is_not_undone_by_it(tmp_path):
    a, b = tmp_path / "a.nianbao", tmp_path / "b.nianbao"
    a.write_bytes(b"old")
    os.link(a, b)
    _redo_file(tmp_path, "a.nianbao", b"interrupted save")
    atomic_write_bytes(a, b"the newest save")
    assert clean_stale_temps(tmp_path) == 0
    assert a.read_bytes() == b"the newest save" == b.read_bytes()
