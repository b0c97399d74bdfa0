"""Every question and message the window asks or shows, in one place (tests patch these)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from ..filetypes import dialog_filter

APP_TITLE = "年报编制器"

OPEN_FILTER = dialog_filter()
SAVE_FILTER = "年报项目 (*.nianbao);;报告 JSON (*.json)"


def warn(parent: QWidget | None, text: str, title: str = APP_TITLE) -> None:
    QMessageBox.warning(parent, title, text)


def info(parent: QWidget | None, text: str, title: str = APP_TITLE) -> None:
    QMessageBox.information(parent, title, text)


def ask_save_changes(parent: QWidget | None, name: str) -> str:
    """"save" | "discard" | "cancel"."""
    box = QMessageBox(QMessageBox.Icon.Question, APP_TITLE, f"“{name}”有尚未保存的修改，是否保存？",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    box.button(QMessageBox.StandardButton.Save).setText("保存")
    box.button(QMessageBox.StandardButton.Discard).setText("不保存")
    box.button(QMessageBox.StandardButton.Cancel).setText("取消")
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    return {QMessageBox.StandardButton.Save: "save",
            QMessageBox.StandardButton.Discard: "discard"}.get(QMessageBox.StandardButton(answer), "cancel")


def ask_restore(parent: QWidget | None, source: str | None, saved_at: float) -> bool:
    when = datetime.fromtimestamp(saved_at).strftime("%Y-%m-%d %H:%M:%S") if saved_at else "未知时间"
    what = f"“{Path(source).name}”" if source else "未保存的新报告"
    box = QMessageBox(QMessageBox.Icon.Question, APP_TITLE,
                      f"年报编制器上次没有正常关闭。\n找到 {what} 的自动恢复副本（{when}）。\n是否恢复？",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.button(QMessageBox.StandardButton.Yes).setText("恢复")
    box.button(QMessageBox.StandardButton.No).setText("放弃")
    return box.exec() == QMessageBox.StandardButton.Yes


def ask_reason(parent: QWidget | None, message: str) -> str | None:
    text, ok = QInputDialog.getMultiLineText(parent, "忽略提醒", f"{message}\n\n请写明忽略的理由：")
    text = text.strip()
    return text if ok and text else None


def ask_export_with_errors(parent: QWidget | None, errors: int) -> bool:
    answer = QMessageBox.question(parent, APP_TITLE, f"报告中还有 {errors} 个错误（勾稽关系不符或数值不合规）。\n仍要导出吗？",
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def ask_open_result(parent: QWidget | None, path: Path) -> bool:
    box = QMessageBox(QMessageBox.Icon.Information, APP_TITLE, f"已导出：\n{path}",
                      QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close, parent)
    box.button(QMessageBox.StandardButton.Open).setText("打开文件")
    box.button(QMessageBox.StandardButton.Close).setText("关闭")
    return box.exec() == QMessageBox.StandardButton.Open


def open_file_name(parent: QWidget | None, title: str, directory: str = "") -> str | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, directory, OPEN_FILTER)
    return name or None


def save_file_name(parent: QWidget | None, title: str, suggested: str, file_filter: str) -> str | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return name or None


def ask_start_draft(parent: QWidget | None, name: str, year: int) -> bool:
    """An earlier year's report was opened: start this year's draft from it (True) or just open it."""
    box = QMessageBox(QMessageBox.Icon.Question, APP_TITLE,
                      f"“{name}”是 {year} 年度的报告。\n\n要以它为上年报告，新建 {year + 1} 年度的草稿吗？"
                      f"（上年结转数自动带入，正文沿用供修改）\n\n选“打开原报告”则查看或修改 {year} 年度的报告本身。",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.button(QMessageBox.StandardButton.Yes).setText(f"新建 {year + 1} 年度草稿")
    box.button(QMessageBox.StandardButton.No).setText("打开原报告")
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box.exec() == QMessageBox.StandardButton.Yes
