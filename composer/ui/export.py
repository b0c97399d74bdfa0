"""Export through the render core, in a worker thread (``worker.run_task``) behind a progress dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from ..errors import OutputError, RenderFailed
from ..fileio import os_error_message
from ..report import Report
from .worker import Task, run_task

FORMATS = {
    ".docx": ("Word 文档", "Word 文档 (*.docx)"),
    ".html": ("网页", "网页 (*.html)"),
    ".pdf": ("PDF", "PDF 文件 (*.pdf)"),
}


def render_to(report: Report, out_path: Path) -> Path:
    """Render ``report`` (a copy: the clerk may keep editing) to ``out_path``; RenderFailed in Chinese."""
    try:
        from ..render import render
    except ImportError as err:
        raise RenderFailed("导出功能不可用：本程序缺少排版组件，请重新安装年报编制器") from err
    try:
        render(report, out_path)
    except OSError as err:
        raise OutputError(f"无法写入“{out_path}”（{os_error_message(err)}）") from err
    return out_path


def start_export(parent: QWidget, report: Report, out_path: Path, on_done, on_failed) -> Task:
    """Run the export; a progress dialog with 取消 shows while it runs."""
    label = FORMATS.get(out_path.suffix.lower(), ("文件",))[0]
    return run_task(parent, "导出", f"正在生成{label}，请稍候…", lambda: render_to(report, out_path),
                    on_done, on_failed)
