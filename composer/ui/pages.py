"""The pages of the report as the clerk knows it: 基本信息, then sections 一 … 六."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .. import schema
from ..titles import build_title
from .commands import set_values
from .document import Document
from .editors import FieldEdit, ProseEdit
from .grid_model import GridModel
from .grid_view import GridView

# Column widths in logical pixels: label columns first, then every value column. Chosen so that
# table 三 (702 px) fits beside the navigation even at 150 % scaling of a 1366×768 screen (911 px
# logical); long row labels wrap onto more lines instead of being cut.
GRID_WIDTHS = {
    "active": ([230], 150),
    "requests": ([40, 96, 160], 58),
    "review": ([], 48),
}
SECTION_HINTS = {
    "overview": "主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障（含考核、社会评议和责任追究结果）",
    "problems": "存在的主要问题及改进情况，包括上年度问题的改进情况",
    "other": "须写明信息处理费：发出收费通知的件数和总金额，实际收取的总金额（国办函〔2020〕109号）；"
             "可写人大代表建议和政协提案办理结果公开、年度政务公开工作要点落实、工作创新等",
}


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    font.setBold(True)
    label.setFont(font)
    return label


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555555;")
    return label


class InfoPage(QScrollArea):
    """基本信息: organ, year, title, preamble, signature and date, 信息处理费 figures."""

    def __init__(self, doc: Document, on_problem, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(heading("基本信息"))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fields: dict[str, QWidget] = {}

        def field(path: str, placeholder: str = "") -> FieldEdit:
            edit = FieldEdit(doc, path, on_problem=on_problem)
            edit.setPlaceholderText(placeholder)
            self.fields[path] = edit
            return edit

        form.addRow(schema.FIELDS["organ"] + "：", field("organ", "如：长春市南关区幸福乡人民政府"))
        form.addRow(schema.FIELDS["year"] + "：", field("year", "如：2025"))
        title_row = QHBoxLayout()
        title_row.addWidget(field("title", "如：2025年幸福乡人民政府信息公开工作年度报告"), 1)
        make_title = QPushButton("按机关和年度生成")
        make_title.clicked.connect(self._make_title)
        title_row.addWidget(make_title)
        form.addRow(schema.FIELDS["title"] + "：", title_row)
        preamble = ProseEdit(doc, "preamble")
        preamble.setPlaceholderText("法律依据、统计期限、咨询联系方式等")
        preamble.setMinimumHeight(110)
        self.fields["preamble"] = preamble
        form.addRow(schema.FIELDS["preamble"] + "：", preamble)
        form.addRow(schema.FIELDS["signature.organ"] + "：", field("signature.organ"))
        form.addRow(schema.FIELDS["signature.date"] + "：", field("signature.date", "如：2026-01-20"))
        layout.addLayout(form)
        fees = QGroupBox("信息处理费（写入第六部分）")
        fee_form = QFormLayout(fees)
        for key, label, _ in schema.FEE_NOTICES:
            fee_form.addRow(label + "：", field(f"fee_notices.{key}", "未填写"))
        fee_form.addRow(hint("三项都不填，表示在第六部分用文字说明信息处理费情况。"))
        layout.addWidget(fees)
        layout.addStretch(1)
        self.setWidget(body)

    def _make_title(self) -> None:
        r = self.doc.report
        if r.year is None or not r.organ.strip():
            self.fields["organ"].setFocus()
            return
        set_values(self.doc, {"title": build_title(r.organ, r.year)}, "生成标题")


class SectionPage(QWidget):
    """One of 一 … 六: its prose, and for 二, 三, 四 the official table."""

    def __init__(self, doc: Document, section: schema.Section, parent=None):
        super().__init__(parent)
        self.section = section
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 4, 2)
        layout.setSpacing(4)
        self.prose = ProseEdit(doc, section.path)
        self.grid: GridView | None = None
        if section.table is None:
            layout.addWidget(heading(section.heading))
            if section.key in SECTION_HINTS:
                layout.addWidget(hint(SECTION_HINTS[section.key]))
            layout.addWidget(self.prose, 1)
            return
        # The table needs the height: its heading and the optional text before it share one line.
        self.prose.setPlaceholderText("（可选）表格前的说明文字")
        self.prose.setToolTip("表格前的说明文字（可选），印在表格上方")
        self.prose.setFixedHeight(self.prose.fontMetrics().height() + 12)
        top = QHBoxLayout()
        top.addWidget(heading(section.heading))
        top.addWidget(self.prose, 1)
        layout.addLayout(top)
        model = GridModel(doc, section.table, self)
        self.grid = GridView(model, f"grid-{section.table}", self)
        labels, value = GRID_WIDTHS[section.table]
        self.grid.fit(labels, value)
        layout.addWidget(self.grid, 1)
