import errno
import os
import stat

from composer.fileio import atomic_write_bytes, os_error_message


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
