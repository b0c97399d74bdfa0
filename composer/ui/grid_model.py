"""One official table as a Qt item model, built from ``schema.layout`` (never a label list of its own).

Label and header cells are read-only text; value cells show the report's value and the
state the rules give them (error / warning / blank), with a tooltip naming the rule, the
numbers and the expected value, and last year's value when the report has one.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from .. import palette, schema
from ..errors import InputError
from ..rules import ERROR
from ..values import format_value, parse_value
from . import texts
from .commands import set_values
from .document import Document
from .roles import PATH_ROLE, PREVIOUS_ROLE, SEVERITY_ROLE

# The core's palette as Qt colours (composer/palette.py decides what each state looks like).
COLOURS = {state: QColor(s.fill) for state, s in palette.SEVERITY_SHADES.items()} | {
    "label": QColor(palette.LABEL_FILL),
    "header": QColor(palette.HEADER_FILL),
}
TEXT_COLOURS = {state: QColor(palette.SEVERITY_SHADES[state].text) for state in ("error", "warning")}
BRUSHES = {state: QBrush(colour) for state, colour in COLOURS.items()}
TEXT_BRUSHES = {state: QBrush(colour) for state, colour in TEXT_COLOURS.items()}

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ROLES = frozenset({_DISPLAY, _EDIT, _BACKGROUND, _FOREGROUND, _ALIGNMENT, _FONT, _TOOLTIP,
                    int(PATH_ROLE), int(SEVERITY_ROLE), int(PREVIOUS_ROLE)})
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_TOP_CENTRE = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
TALL_SPAN = 8  # a label over more rows than this would be centred out of sight


def cell_severity(findings) -> str | None:
    if not findings:
        return None
    if any(f.severity == ERROR for f in findings):
        return "error"
    if all(f.rule == "V.BLANK" for f in findings):
        return "blank"
    return "warning"


class GridModel(QAbstractTableModel):
    rejected = Signal(str)  # a typed value was refused: the Chinese reason

    def __init__(self, doc: Document, table: str, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.layout = schema.layout(table)
        self.table = table
        self.show_previous = False
        self.last_rejected = False  # the last typed value was refused (the view then stays put)
        self._top: dict[tuple[int, int], schema.LayoutCell] = {}  # top-left of each printed cell
        self.cover: dict[tuple[int, int], schema.LayoutCell] = {}  # every grid position → its cell
        self.pos_of: dict[str, tuple[int, int]] = {}
        for cell in self.layout.cells:
            self._top[(cell.row, cell.col)] = cell
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    self.cover[(r, c)] = cell
            if cell.path:
                self.pos_of[cell.path] = (cell.row, cell.col)
        self._bold = QFont()
        self._bold.setBold(True)
        self._label_data = self._build_label_data()
        self._looks: dict[str, tuple] = {p: self._look(p) for p in self.pos_of}
        doc.checked.connect(self._on_checked)
        doc.reset.connect(self._on_reset)

    # ------------------------------------------------------------ structure

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.layout.n_rows

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.layout.n_cols

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        return None  # the printed table carries its own headers; the thin strip is for resizing columns

    def cell_at(self, index) -> schema.LayoutCell | None:
        return self._top.get((index.row(), index.column()))

    def index_of(self, path: str) -> QModelIndex:
        pos = self.pos_of.get(path)
        return self.index(*pos) if pos else QModelIndex()

    def flags(self, index):
        cell = self.cell_at(index)
        if cell is None:
            return Qt.ItemFlag.NoItemFlags
        if cell.role == "value":
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # ------------------------------------------------------------ data

    def previous_text(self, path: str) -> str | None:
        prev = self.doc.report.previous
        return None if prev is None else format_value(prev.cells.get(path))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # Called for every role of every cell painted: roles nobody answers are refused first, labels
        # come from a table built once, brushes are shared — the edit path stays short.
        if role not in _ROLES:
            return None
        key = (index.row(), index.column())
        fixed = self._label_data.get(key)
        if fixed is not None:
            return fixed.get(role)
        cell = self._top.get(key)
        if cell is None:
            return None
        path = cell.path or ""
        if role == _DISPLAY or role == _EDIT:
            return format_value(self.doc.report.cells[path])
        if role == _BACKGROUND:
            return BRUSHES.get(cell_severity(self.doc.by_cell.get(path)) or "")
        if role == _FOREGROUND:
            return TEXT_BRUSHES.get(cell_severity(self.doc.by_cell.get(path)) or "")
        if role == _ALIGNMENT:
            return _TOP_CENTRE if self.show_previous else _CENTRE  # last year's figure under this year's
        if role == PATH_ROLE:
            return path
        findings = self.doc.by_cell.get(path)
        if role == SEVERITY_ROLE:
            return cell_severity(findings)
        if role == _TOOLTIP:
            return texts.cell_tooltip(path, findings or [], self.previous_text(path))
        if role == PREVIOUS_ROLE:
            return self.previous_text(path) or ""
        return None

    def _build_label_data(self) -> dict[tuple[int, int], dict[int, object]]:
        """What label, header and title cells answer, role by role (they never change)."""
        out: dict[tuple[int, int], dict[int, object]] = {}
        for cell in self.layout.cells:
            if cell.role == "value":
                continue
            left = cell.role == "label" and cell.colspan * cell.rowspan == 1 or cell.role == "title"
            tall = cell.rowspan > TALL_SPAN  # (三、本年度办理结果): its text at the top, where its rows start
            roles: dict[int, object] = {
                _DISPLAY: cell.text,
                _BACKGROUND: BRUSHES["label" if cell.role == "label" else "header"],
                _ALIGNMENT: _LEFT if left else _TOP_CENTRE if tall else _CENTRE,
            }
            if cell.role in ("title", "header"):
                roles[_FONT] = self._bold
            if cell.text:
                roles[_TOOLTIP] = cell.text
            out[(cell.row, cell.col)] = roles
        return out

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        cell = self.cell_at(index)
        if cell is None or cell.path is None or role != Qt.ItemDataRole.EditRole:
            return False
        path = cell.path
        try:
            parsed = parse_value(str(value), schema.value_kind(path))
        except InputError as err:
            self.last_rejected = True
            self.rejected.emit(f"{schema.cell_name(path)}：{err.message}")
            return False
        self.last_rejected = False
        set_values(self.doc, {path: parsed}, f"填写 {schema.cell_name(path)}")
        return True

    # ------------------------------------------------------------ keeping the view in step

    def _look(self, path: str) -> tuple:
        """What a value cell shows: its text and its colour (a tooltip is built when asked for)."""
        return self.doc.report.cells[path], cell_severity(self.doc.by_cell.get(path))

    def _on_checked(self) -> None:
        """Repaint the cells whose value or colour the last check changed (the document says which
        paths to look at; a finding that changed its wording only does not repaint its cells)."""
        changed = []
        looks = self._looks
        for p in self.doc.dirty:
            if p in self.pos_of:
                look = self._look(p)
                if looks.get(p) != look:
                    looks[p] = look
                    changed.append(self.pos_of[p])
        if not changed:
            return
        if len(changed) > 40:  # a large change (auto-sum, a paste): one signal for the box
            rows = [r for r, _ in changed]
            cols = [c for _, c in changed]
            self.dataChanged.emit(self.index(min(rows), min(cols)), self.index(max(rows), max(cols)))
            return
        for r, c in changed:  # few cells: repaint exactly those, not the box around a row and a column
            index = self.index(r, c)
            self.dataChanged.emit(index, index)

    def _on_reset(self) -> None:
        self.beginResetModel()
        self._looks = {p: self._look(p) for p in self.pos_of}
        self.endResetModel()

    def set_show_previous(self, on: bool) -> None:
        if on == self.show_previous:
            return
        self.show_previous = on
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
