"""帮助: one page per rule (what it checks, why, how to fix — written in the rule registry), the
colour legend, the keys, and 打开日志文件夹. F1 on a finding or a cell opens the rule's page."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QTextBrowser, QVBoxLayout

from .. import palette
from ..rules import ERROR, RULES

KEYS = (
    ("Ctrl+S", "保存"), ("Ctrl+O", "打开"), ("Ctrl+P", "打印"), ("Ctrl+Z / Ctrl+Y", "撤销 / 重做"),
    ("Ctrl+F / Ctrl+H", "查找 / 替换（正文和标题）"), ("F2 或直接输入", "编辑单元格"),
    ("Enter / Tab", "确认并移到下方 / 右侧的单元格"), ("Delete", "清除选中的单元格"),
    ("Ctrl+C / Ctrl+V", "复制 / 粘贴（可直接粘贴 Excel、WPS 中复制的整张表，含行标题）"),
    ("F9", "自动计算合计"), ("Ctrl+滚轮、Ctrl+= / Ctrl+-、Ctrl+0", "放大 / 缩小 / 恢复表格和正文"),
    ("F1", "选中一条检查结果或单元格时，查看规则说明"), ("右键", "单元格菜单：复制、粘贴、清除、自动计算合计、显示上年数"),
)


def legend_html() -> str:
    rows = []
    for state, meaning in (("error", "错误：勾稽关系不符或数值不合规，必须改正"),
                           ("warning", "提醒：可能有问题，请核对；确认无误可写明理由后忽略"),
                           ("blank", "空白：尚未填写（不会当作 0），没有发生的请填 0")):
        shade = palette.SEVERITY_SHADES[state]
        rows.append(f"<tr><td style='background:{shade.fill}; color:{shade.text}; padding:4px 12px'>"
                    f"{shade.name}</td><td style='padding:4px'>{html.escape(meaning)}</td></tr>")
    return "<table cellspacing='2'>" + "".join(rows) + "</table>"


def rule_html(rule_id: str) -> str:
    rule = RULES[rule_id]
    kind = "错误" if rule.severity == ERROR else "提醒"
    shade = palette.SEVERITY_SHADES["error" if rule.severity == ERROR else "warning"]
    return (f"<h2>{html.escape(rule.name)}</h2>"
            f"<p><span style='background:{shade.fill}; color:{shade.text}'>&nbsp;{kind}&nbsp;</span>　规则编号 {rule.id}</p>"
            f"<h3>检查什么</h3><p>{html.escape(rule.checks)}</p>"
            f"<h3>为什么</h3><p>{html.escape(rule.why)}</p>"
            f"<h3>怎样改正</h3><p>{html.escape(rule.fix)}</p>")


def overview_html() -> str:
    keys = "".join(f"<tr><td style='padding:2px 10px'><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>"
                   for k, v in KEYS)
    return ("<h2>使用说明</h2><p>每输入一个数字，程序就重新检查勾稽关系；问题列在右侧（或下方）的“检查结果”中，"
            "双击一条结果跳到报告中的位置，选中后按 F1 查看说明。</p>"
            f"<h3>单元格颜色</h3>{legend_html()}<h3>常用按键</h3><table>{keys}</table>")


class HelpDialog(QDialog):
    """A list of pages at the left (使用说明, then every rule), the page at the right."""

    def __init__(self, parent=None, on_open_logs=None):
        super().__init__(parent)
        self.setWindowTitle("帮助")
        self.setObjectName("help")
        self.pages = QListWidget()
        self.pages.setObjectName("help-pages")
        self.pages.setMaximumWidth(220)
        self.text = QTextBrowser()
        self.text.setObjectName("help-text")
        self.text.setOpenExternalLinks(False)
        item = QListWidgetItem("使用说明")
        item.setData(Qt.ItemDataRole.UserRole, "")
        self.pages.addItem(item)
        for rule in RULES.values():
            item = QListWidgetItem(rule.name)
            item.setData(Qt.ItemDataRole.UserRole, rule.id)
            self.pages.addItem(item)
        self.pages.currentItemChanged.connect(self._show)
        body = QHBoxLayout()
        body.addWidget(self.pages)
        body.addWidget(self.text, 1)
        buttons = QHBoxLayout()
        if on_open_logs is not None:
            logs = QPushButton("打开日志文件夹")
            logs.clicked.connect(on_open_logs)
            buttons.addWidget(logs)
        buttons.addStretch(1)
        close = QPushButton("关闭")
        close.clicked.connect(self.close)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.resize(760, 480)

    def show_rule(self, rule_id: str | None) -> None:
        for i in range(self.pages.count()):
            if self.pages.item(i).data(Qt.ItemDataRole.UserRole) == (rule_id if rule_id in RULES else ""):
                self.pages.setCurrentRow(i)
                break
        self._show()

    def _show(self, *_args) -> None:
        item = self.pages.currentItem()
        rule_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else ""
        self.text.setHtml(rule_html(rule_id) if rule_id else overview_html())

    def current_rule(self) -> str:
        item = self.pages.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else ""
