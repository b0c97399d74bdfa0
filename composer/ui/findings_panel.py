"""The findings panel: what needs reading first, then what is left to fill; double-click jumps to it.

Errors and real warnings are listed one per line, wrapped, on top. Blank cells — a to-do list,
not a problem to read — are one progress line per table ("表三还有 175 格未填") that expands to
the cells. Dismissed warnings (with their written reason) come last. A legend names the cell
colours. After an edit only the rows that changed are inserted, removed or repainted.

Warnings can be dismissed with a written reason (kept in the project file, reversible);
errors cannot.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QTextDocument, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .. import palette, schema
from ..rules import ERROR, Finding
from . import texts
from .document import Document
from .grid_model import COLOURS
from .roles import DISMISSED_ROLE, FINDING_ROLE, PATH_ROLE, SEVERITY_ROLE

BLANK_RULE = "V.BLANK"
GROUP_ROLE = Qt.ItemDataRole.UserRole + 20  # the table key of a "还有 N 格未填" line


def table_of(f: Finding) -> str:
    path = f.cells[0] if f.cells else ""
    return path.split(".")[1] if path.startswith("tables.") else ""


def table_name(table: str) -> str:
    return f"表{schema.layout(table).number}" if table else "其他"


@dataclass
class Row:
    """One line of the panel: a finding, or a group of blank cells with its children."""

    key: tuple
    finding: Finding | None = None
    dismissed: str | None = None  # the reason, for a dismissed warning
    table: str = ""  # groups only
    children: list[Row] = field(default_factory=list)
    parent: Row | None = None


def finding_key(f: Finding) -> tuple:
    return f.rule, f.cells, f.excerpt, f.occurrence


def build_rows(active: list[Finding], dismissed: list[tuple[Finding, str]]) -> list[Row]:
    """The panel's lines: errors and warnings in check()'s order, blank cells grouped per table, dismissed."""
    top: list[Row] = []
    groups: dict[str, Row] = {}
    for f in active:
        if f.rule == BLANK_RULE:
            table = table_of(f)
            group = groups.get(table)
            if group is None:
                group = groups[table] = Row(("group", table), table=table)
            group.children.append(Row(finding_key(f), f, parent=group))
        else:
            top.append(Row(finding_key(f), f))
    top.extend(groups[t] for t in sorted(groups, key=lambda t: (t == "", t != "active", t)))
    top.extend(Row(("dismissed", *finding_key(f)), f, reason) for f, reason in dismissed)
    return top


class FindingsModel(QAbstractItemModel):
    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.rows: list[Row] = self._build()
        doc.checked.connect(self.refresh)
        doc.reset.connect(self.reset)

    def _build(self) -> list[Row]:
        active, dismissed = self.doc.state.partition(self.doc.findings)
        return build_rows(active, [(f, self.doc.state.dismissed.get(f.key, "")) for f in dismissed])

    # ------------------------------------------------------------ keeping in step, by the smallest change

    def reset(self) -> None:
        self.beginResetModel()
        self.rows = self._build()
        self.endResetModel()

    def refresh(self) -> None:
        if not self.doc.findings_changed:
            return
        self._merge(QModelIndex(), self.rows, self._build())

    def _merge(self, parent: QModelIndex, old: list[Row], new: list[Row]) -> None:
        """Turn ``old`` into ``new`` in place: keep the common head and tail, replace the middle."""
        head = 0
        while head < len(old) and head < len(new) and old[head].key == new[head].key:
            head += 1
        tail = 0
        while tail < len(old) - head and tail < len(new) - head and old[-1 - tail].key == new[-1 - tail].key:
            tail += 1
        kept = list(range(head)) + list(range(len(old) - tail, len(old)))
        shift = len(new) - len(old)
        for i in kept:  # rows that stay: take the new content, repaint those that changed
            j = i if i < head else i + shift
            o, n = old[i], new[j]
            changed = o.finding != n.finding or o.dismissed != n.dismissed or len(o.children) != len(n.children)
            o.finding, o.dismissed = n.finding, n.dismissed
            index = self.index(i, 0, parent)
            if n.children or o.children:
                for child in n.children:
                    child.parent = o
                self._merge(index, o.children, n.children)
            if changed:
                self.dataChanged.emit(index, index)
        removed = len(old) - head - tail
        if removed:
            self.beginRemoveRows(parent, head, head + removed - 1)
            del old[head:head + removed]
            self.endRemoveRows()
        added = new[head:len(new) - tail]
        if added:
            owner = self._row(parent)
            for row in added:
                row.parent = owner
            self.beginInsertRows(parent, head, head + len(added) - 1)
            old[head:head] = added
            self.endInsertRows()

    # ------------------------------------------------------------ tree structure

    def _row(self, index: QModelIndex) -> Row | None:
        return index.internalPointer() if index.isValid() else None

    def _list(self, row: Row | None) -> list[Row]:
        return self.rows if row is None else row.children

    def index(self, r, c=0, parent=QModelIndex()):
        rows = self._list(self._row(parent))
        if c != 0 or not 0 <= r < len(rows):
            return QModelIndex()
        return self.createIndex(r, 0, rows[r])

    def parent(self, index=QModelIndex()):
        row = self._row(index)
        if row is None or row.parent is None:
            return QModelIndex()
        owner = row.parent
        return self.createIndex(self.rows.index(owner), 0, owner)

    def rowCount(self, parent=QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._list(self._row(parent)))

    def columnCount(self, parent=QModelIndex()) -> int:
        return 1

    def hasChildren(self, parent=QModelIndex()) -> bool:
        return self.rowCount(parent) > 0

    # ------------------------------------------------------------ what a line says

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self._row(index)
        if row is None:
            return None
        if row.finding is None:  # a group of blank cells (one finding per printed row)
            n = sum(len(child.finding.cells) for child in row.children if child.finding is not None)
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{table_name(row.table)}还有 {n} 格未填（展开查看）" if row.table else f"还有 {n} 处未填"
            if role == Qt.ItemDataRole.ToolTipRole:
                return "空白单元格不会当作 0；填写完整后，涉及它们的合计才会校验"
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(COLOURS["blank"])
            if role == SEVERITY_ROLE:
                return "blank"
            if role == GROUP_ROLE:
                return row.table
            if role == PATH_ROLE:
                return row.children[0].finding.cells[0] if row.children and row.children[0].finding else None
            if role == FINDING_ROLE and row.children:
                return row.children[0].finding
            return None
        f = row.finding
        reason = row.dismissed
        if role == Qt.ItemDataRole.DisplayRole:
            if row.parent is not None:  # blank cells of one printed row
                return f.message
            word = texts.SEVERITY_WORDS[f.severity]
            if reason is not None:
                return f"［已忽略］{f.message}　理由：{reason}"
            return f"【{word}】{f.message}"
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = texts.finding_line(f)
            if reason is not None:
                tip += f"\n已忽略，理由：{reason}"
            return tip + "\n按 F1 查看这条规则的说明"
        if role == SEVERITY_ROLE:
            return f.severity
        if role == FINDING_ROLE:
            return f
        if role == PATH_ROLE:
            return f.cells[0] if f.cells else None
        if role == DISMISSED_ROLE:
            return reason
        if role == Qt.ItemDataRole.ForegroundRole:
            if reason is not None:
                return QBrush(QColor(palette.MUTED_TEXT))
            if f.severity == ERROR:
                return QBrush(QColor(palette.SEVERITY_SHADES["error"].text))
            return None
        if role == Qt.ItemDataRole.BackgroundRole and reason is None and row.parent is None:
            return QBrush(COLOURS["error" if f.severity == ERROR else "warning"])
        return None

    def flags(self, index):
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else Qt.ItemFlag.NoItemFlags


def legend() -> QLabel:
    """What the cell colours mean, in the palette's own colours."""
    parts = []
    for state in ("error", "warning", "blank"):
        shade = palette.SEVERITY_SHADES[state]
        what = {"error": "错误", "warning": "提醒", "blank": "空白未填"}[state]
        parts.append(f"<span style='background:{shade.fill}; color:{shade.text}'>&nbsp;{what}&nbsp;</span>")
    label = QLabel("单元格颜色：" + "　".join(parts))
    label.setObjectName("colour-legend")
    label.setToolTip("表格中单元格的底色：红色是错误，黄色是提醒，浅蓝是还没有填写的空白格")
    return label


class WrapDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the panel's present width (QTreeView alone does not wrap)."""

    def __init__(self, view: QTreeView):
        super().__init__(view)
        self.view = view
        self._heights: dict[tuple[str, int], QSize] = {}  # (text, width) → size: rows move, texts stay

    def sizeHint(self, option, index):
        depth = 1 if index.parent().isValid() else 0
        width = max(40, self.view.viewport().width() - self.view.indentation() * (depth + 1) - 12)
        text = index.data() or ""
        key = (text, width)
        size = self._heights.get(key)
        if size is None:
            if len(self._heights) > 2000:
                self._heights.clear()
            base = super().sizeHint(option, index)
            rect = option.fontMetrics.boundingRect(QRect(0, 0, width, 10000), int(Qt.TextFlag.TextWordWrap), text)
            size = self._heights[key] = QSize(base.width(), max(base.height(), rect.height() + 6))
        return size


class CountsLine(QWidget):
    """The counts above the list: rich text painted here, so that new counts after an edit repaint
    this line only — a QLabel would lay the whole panel out anew each time."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._doc = QTextDocument(self)
        self._doc.setDocumentMargin(0)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.NoWrap)
        self._doc.setDefaultTextOption(option)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().height() + 6)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("检查结果　错误 00　提醒 00　未填 000 格"))

    def setText(self, html: str) -> None:
        self._doc.setDefaultFont(self.font())
        self._doc.setHtml(html)
        self.update()

    def text(self) -> str:
        return self._doc.toPlainText()

    def paintEvent(self, event):
        painter = QPainter(self)
        painter.translate(0, (self.height() - self._doc.size().height()) / 2)
        self._doc.drawContents(painter)


class FindingsPanel(QWidget):
    jump = Signal(object)  # Finding
    dismiss_requested = Signal(object)  # Finding
    restore_requested = Signal(object)  # Finding
    help_requested = Signal(str)  # a rule id

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.model = FindingsModel(doc, self)
        self.summary = CountsLine(self)
        self.summary.setObjectName("findings-summary")
        self.view = QTreeView(self)
        self.view.setObjectName("findings")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(False)
        self.view.setWordWrap(True)  # every finding reads whole, without hovering
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.view.setItemDelegate(WrapDelegate(self.view))
        self.view.header().sectionResized.connect(lambda *_: self.view.scheduleDelayedItemsLayout())
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setIndentation(14)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.details = QLabel(self)
        self.details.setObjectName("findings-details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.view.doubleClicked.connect(self._on_activated)
        self.view.activated.connect(self._on_activated)
        self.dismiss_button = QPushButton("忽略…", self)
        self.dismiss_button.setToolTip("写明理由后忽略选中的提醒；错误不能忽略")
        self.restore_button = QPushButton("恢复", self)
        self.restore_button.setToolTip("取消对选中提醒的忽略")
        self.help_button = QPushButton("说明", self)
        self.help_button.setToolTip("这条规则检查什么、为什么、怎样改正（F1）")
        self.dismiss_button.clicked.connect(lambda: self._request(self.dismiss_requested))
        self.restore_button.clicked.connect(lambda: self._request(self.restore_requested))
        self.help_button.clicked.connect(self._request_help)
        # Beside the pages: counts, buttons, the list, details, the legend — each on its own line, so the
        # panel stays narrow. Under the pages (set_compact): counts, legend and buttons share one line,
        # so that it stays low.
        self.legend = legend()
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        self._buttons.addWidget(self.help_button)
        self._buttons.addWidget(self.dismiss_button)
        self._buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addWidget(self.summary)
        layout.addLayout(self._buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.legend)
        self._layout = layout
        self.view.setMinimumHeight(self.view.fontMetrics().height() * 3)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        doc.checked.connect(self._on_checked)
        self._summary_text = ""
        self._update_summary()
        self._update_buttons()

    def set_compact(self, compact: bool) -> None:
        """Low layout for a panel under the pages: no details line (the list wraps and reads whole),
        the colour legend beside the counts."""
        self.details.setVisible(not compact)
        if compact and self._layout.indexOf(self.summary) >= 0:
            self._layout.removeWidget(self.summary)
            self._layout.removeWidget(self.legend)
            self._buttons.insertWidget(0, self.summary)
            self._buttons.insertSpacing(1, self.fontMetrics().horizontalAdvance("　　"))
            self._buttons.insertWidget(2, self.legend)

    def selected(self) -> Finding | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            return None
        if index.data(GROUP_ROLE) is not None:
            return None
        return index.data(FINDING_ROLE)

    def current_rule(self) -> str | None:
        index = self.view.currentIndex()
        f = index.data(FINDING_ROLE) if index.isValid() else None
        return f.rule if f is not None else None

    def _request(self, signal) -> None:
        f = self.selected()
        if f is not None:
            signal.emit(f)

    def _request_help(self) -> None:
        self.help_requested.emit(self.current_rule() or "")

    def _on_checked(self) -> None:
        if self.doc.findings_changed:
            self._update_summary()
            self._update_buttons()

    def _update_buttons(self) -> None:
        f = self.selected()
        if f is None:
            self.details.setText("双击一条结果，跳到报告中的位置；选中后按 F1 看说明。")
        else:
            reason = self.doc.state.dismissed.get(f.key) if self.doc.is_dismissed(f) else None
            self.details.setText(texts.finding_line(f) + (f"\n已忽略，理由：{reason}" if reason else ""))
        dismissed = f is not None and self.doc.is_dismissed(f)
        self.dismiss_button.setEnabled(f is not None and f.severity != ERROR and not dismissed)
        self.restore_button.setEnabled(dismissed)

    def _update_summary(self) -> None:
        errors, warnings, dismissed = self.doc.counts()
        blank_rows = [f for f in self.doc.active if f.rule == BLANK_RULE]
        blanks = sum(len(f.cells) for f in blank_rows)
        warnings -= len(blank_rows)
        err, warn = palette.SEVERITY_SHADES["error"].text, palette.SEVERITY_SHADES["warning"].text
        text = (f"<b>检查结果</b>　<b style='color:{err}'>错误 {errors}</b>　"
                f"<b style='color:{warn}'>提醒 {warnings}</b>")
        if blanks:
            text += f"　<span style='color:{palette.SEVERITY_SHADES['blank'].text}'>未填 {blanks} 格</span>"
        if dismissed:
            text += f"　<span style='color:{palette.MUTED_TEXT}'>已忽略 {dismissed}</span>"
        if text != self._summary_text:
            self._summary_text = text
            self.summary.setText(text)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.data(GROUP_ROLE) is not None:
            self.view.setExpanded(index, not self.view.isExpanded(index))
            return
        f = index.data(FINDING_ROLE)
        if f is not None:
            self.jump.emit(f)
