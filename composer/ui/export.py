"""Export through the render core in a worker thread, behind a busy dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..errors import ComposerError
from ..fileio import os_error_message
from ..report import Report

FORMATS = {
    ".docx": ("Word 文档", "Word 文档 (*.docx)"),
    ".html": ("网页", "网页 (*.html)"),
    ".pdf": ("PDF", "PDF 文件 (*.pdf)"),
}


class RenderThread(QThread):
    failed = Signal(str)
    succeeded = Signal(str)

    def __init__(self, report: Report, out_path: Path, parent=None):
        super().__init__(parent)
        self.report = report  # a copy: the clerk may keep editing while this runs
        self.out_path = out_path

    def run(self) -> None:
        try:
            from ..render import render
        except ImportError:
            self.failed.emit("导出功能不可用：本程序缺少排版组件，请重新安装年报编制器")
            return
        try:
            render(self.report, self.out_path)
        except ComposerError as err:
            self.failed.emit(str(err))
        except OSError as err:
            self.failed.emit(f"无法写入“{self.out_path}”（{os_error_message(err)}）")
        except Exception as err:  # noqa: BLE001 - a renderer bug must not kill the window
            self.failed.emit(f"导出失败：{type(err).__name__}：{err}")
        else:
            self.succeeded.emit(str(self.out_path))


def start_export(parent: QWidget, report: Report, out_path: Path, on_done, on_failed) -> RenderThread:
    """Run the export; a busy dialog shows while it runs (it cannot be cancelled midway)."""
    label = FORMATS.get(out_path.suffix.lower(), ("文件",))[0]
    dialog = QProgressDialog(f"正在生成{label}，请稍候…", "", 0, 0, parent)
    dialog.setWindowTitle("导出")
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)  # quick exports finish before it shows
    dialog.setValue(0)
    thread = RenderThread(report, out_path, parent)

    def finish(callback, arg):
        dialog.reset()
        dialog.close()
        dialog.deleteLater()
        callback(arg)

    thread.succeeded.connect(lambda p: finish(on_done, Path(p)))
    thread.failed.connect(lambda msg: finish(on_failed, msg))
    thread.finished.connect(thread.deleteLater)
    thread.start()
    return thread
