"""A table view that looks like the printed table and edits like a spreadsheet.

Spans come from the layout; typing starts editing; Enter moves down, Tab right; Delete
clears to blank; Ctrl+C / Ctrl+V copy and paste rectangular blocks as TSV. A paste is
checked whole before anything changes: one bad cell refuses it with the reason.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
)

from .. import palette, schema
from ..errors import InputError
from ..values import parse_value
from .commands import set_values
from .frozen_header import freeze, frozen_columns, frozen_rows
from .grid_model import GridModel
from .roles import PREVIOUS_ROLE
from .tsv import parse_tsv, to_tsv

MAX_PASTE_PROBLEMS = 5


class CellDelegate(QStyledItemDelegate):
    """Value cells: a plain line editor; last year's value in small grey when asked for."""

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return editor

    def eventFilter(self, editor, event):
        # Commit at once on Enter/Tab (Qt would queue it): the checks repaint in the same turn.
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QLineEdit):
            hints = {Qt.Key.Key_Return: QAbstractItemDelegate.EndEditHint.SubmitModelCache,
                     Qt.Key.Key_Enter: QAbstractItemDelegate.EndEditHint.SubmitModelCache,
                     Qt.Key.Key_Tab: QAbstractItemDelegate.EndEditHint.EditNextItem,
                     Qt.Key.Key_Backtab: QAbstractItemDelegate.EndEditHint.EditPreviousItem}
            hint = hints.get(event.key())
            if hint is not None:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, hint)
                return True
        return super().eventFilter(editor, event)

    def paint(self, painter, option, index):
        super().paint(painter, option, index)
        model = index.model()
        if getattr(model, "show_previous", False):
            prev = index.data(PREVIOUS_ROLE)
            if prev is not None and model.cell_at(index) and model.cell_at(index).role == "value":
                painter.save()
                font = painter.font()
                font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
                painter.setFont(font)
                painter.setPen(QColor(palette.MUTED_TEXT))
                rect = option.rect.adjusted(2, 1, -3, -1)
                painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                                 f"上年{prev or '空'}")
                painter.restore()


class GridView(QTableView):
    problem = Signal(str)  # a refused paste or entry: the Chinese reason

    def __init__(self, model: GridModel, name: str, parent=None):
        super().__init__(parent)
        self.frozen_rows = self.frozen_cols = 0  # set for real once the grid is built
        self.panes = []
        self.setObjectName(name)
        self.setModel(model)
        self.setItemDelegate(CellDelegate(self))
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setTabKeyNavigation(False)  # Tab is ours: move right, as in a spreadsheet
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#3d6fb6"))
        self.setPalette(palette)
        self.setStyleSheet("QTableView { gridline-color: #7a7a7a; }")
        model.rejected.connect(self.problem)
        model.modelReset.connect(self._apply_spans)
        self._apply_spans()
        # Excel-like freeze panes: header rows on top, label columns at the left stay in sight.
        self.frozen_rows = frozen_rows(model.layout)
        self.frozen_cols = frozen_columns(model.layout)
        self.panes = freeze(self, self.frozen_rows, self.frozen_cols)

    @property
    def grid(self) -> GridModel:
        return self.model()  # type: ignore[return-value]

    # ------------------------------------------------------------ look

    def _apply_spans(self) -> None:
        self.clearSpans()
        for cell in self.grid.layout.cells:
            if cell.rowspan > 1 or cell.colspan > 1:
                self.setSpan(cell.row, cell.col, cell.rowspan, cell.colspan)

    def fit(self, label_widths: list[int], value_width: int) -> None:
        """Column widths as given, then row heights so that every label shows whole."""
        layout = self.grid.layout
        for c in range(layout.n_cols):
            self.setColumnWidth(c, label_widths[c] if c < len(label_widths) else value_width)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        fm = QFontMetrics(self.font())
        base = fm.height() + 10
        heights = [base] * layout.n_rows
        # Cells spanning several rows need the rows' sum; fit single rows first, then stretch.
        for pass_multi in (False, True):
            for cell in layout.cells:
                if not cell.text or (cell.rowspan > 1) != pass_multi:
                    continue
                width = sum(self.columnWidth(c) for c in range(cell.col, cell.col + cell.colspan)) - 8
                need = fm.boundingRect(QRect(0, 0, max(width, 10), 10000),
                                       int(Qt.TextFlag.TextWordWrap), cell.text).height() + 8
                rows = range(cell.row, cell.row + cell.rowspan)
                have = sum(heights[r] for r in rows)
                if need > have:
                    extra = need - have
                    for i, r in enumerate(rows):
                        heights[r] += extra // cell.rowspan + (1 if i < extra % cell.rowspan else 0)
        for r, h in enumerate(heights):
            self.setRowHeight(r, h)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def full_width(self) -> int:
        return sum(self.columnWidth(c) for c in range(self.grid.columnCount())) + 2 * self.frameWidth()

    # ------------------------------------------------------------ freeze panes

    def frozen_height(self) -> int:
        return sum(self.rowHeight(r) for r in range(self.frozen_rows))

    def frozen_width(self) -> int:
        return sum(self.columnWidth(c) for c in range(self.frozen_cols))

    def updateGeometries(self) -> None:
        super().updateGeometries()
        for pane in self.panes:
            pane.place()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        for pane in self.panes:
            pane.place()

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        """As Qt scrolls, but a frozen cell never scrolls the body and a body cell lands beside the panes."""
        if not index.isValid():
            return
        vbar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        v, h = vbar.value(), hbar.value()
        super().scrollTo(index, hint)
        rect = self.visualRect(index)
        if index.row() < self.frozen_rows:
            vbar.setValue(v)  # already in sight in the header pane
        elif self.frozen_rows:
            vbar.setValue(vbar.value() + self._shift(rect.top(), rect.height(), self.frozen_height(),
                                                     self.viewport().height(), hint))
        if index.column() < self.frozen_cols:
            hbar.setValue(h)
        elif self.frozen_cols:
            hbar.setValue(hbar.value() + self._shift(rect.left(), rect.width(), self.frozen_width(),
                                                     self.viewport().width(), hint))

    @staticmethod
    def _shift(start: int, size: int, frozen: int, extent: int, hint) -> int:
        """How far to scroll so that a cell at ``start`` shows in the free part [frozen, extent)."""
        free = extent - frozen
        if hint == QAbstractItemView.ScrollHint.PositionAtCenter and size < free:
            return start - (frozen + (free - size) // 2)
        if hint == QAbstractItemView.ScrollHint.PositionAtTop or start < frozen or size >= free:
            return start - frozen
        return 0

    # ------------------------------------------------------------ moving

    def moveCursor(self, action, modifiers):
        """Page Up/Down by the part of the grid that scrolls: the frozen header covers the rest."""
        paging = {QAbstractItemView.CursorAction.MovePageDown: 1, QAbstractItemView.CursorAction.MovePageUp: -1}
        current = self.currentIndex()
        if action not in paging or not self.frozen_rows or not current.isValid() \
                or current.row() < self.frozen_rows:
            return super().moveCursor(action, modifiers)
        step, free = paging[action], self.viewport().height() - self.frozen_height()
        row, travelled = current.row(), 0
        while self.frozen_rows <= row + step < self.grid.rowCount():
            travelled += self.rowHeight(row + step)
            if travelled > free and row != current.row():
                break
            row += step
        return self.grid.index(row, current.column())

    def _value_at(self, row: int, col: int):
        cell = self.grid.cover.get((row, col))
        return cell if cell is not None and cell.role == "value" else None

    def _step(self, drow: int, dcol: int) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        cell = self.grid.cover.get((current.row(), current.column()))
        if cell is None:
            return
        r, c = current.row(), current.column()
        if dcol > 0:
            c = cell.col + cell.colspan - 1
        if drow > 0:
            r = cell.row + cell.rowspan - 1
        while True:
            r, c = r + drow, c + dcol
            if not (0 <= r < self.grid.rowCount() and 0 <= c < self.grid.columnCount()):
                return
            target = self._value_at(r, c)
            if target is not None and target is not cell:
                self.setCurrentIndex(self.grid.index(target.row, target.col))
                return

    def closeEditor(self, editor, hint):
        # Enter commits and moves down, Tab commits and moves right — without opening the next editor.
        # A refused value keeps the cell current, so the clerk retypes it in place.
        if self.grid.last_rejected:
            self.grid.last_rejected = False
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        elif hint == QAbstractItemDelegate.EndEditHint.EditNextItem:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self._step(0, 1)
        elif hint == QAbstractItemDelegate.EndEditHint.EditPreviousItem:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self._step(0, -1)
        elif hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self._step(1, 0)
        else:
            super().closeEditor(editor, hint)

    def event(self, event):
        # Tab would otherwise move focus out of the table.
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.keyPressEvent(event)
            return True
        return super().event(event)

    def keyPressEvent(self, event):
        key = event.key()
        if self.state() == QAbstractItemView.State.EditingState and key in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            # the editor's own Enter/Tab, passed up: the delegate closes the editor and we move then
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != QAbstractItemView.State.EditingState:
            self.clear_selection()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._step(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1, 0)
        elif key == Qt.Key.Key_Tab:
            self._step(0, 1)
        elif key == Qt.Key.Key_Backtab:
            self._step(0, -1)
        else:
            super().keyPressEvent(event)

    # ------------------------------------------------------------ clipboard and clearing

    def _selected_value_cells(self) -> list:
        cells = []
        seen = set()
        for index in self.selectedIndexes() or [self.currentIndex()]:
            cell = self.grid.cell_at(index)
            if cell is not None and cell.role == "value" and cell.path not in seen:
                seen.add(cell.path)
                cells.append(cell)
        return cells

    def clear_selection(self) -> None:
        cells = self._selected_value_cells()
        if cells:
            set_values(self.grid.doc, {c.path: None for c in cells},
                       "清除 1 个单元格" if len(cells) == 1 else f"清除 {len(cells)} 个单元格")

    def copy_selection(self) -> None:
        indexes = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        if not indexes:
            return
        rows = [i.row() for i in indexes]
        cols = [i.column() for i in indexes]
        block = []
        for r in range(min(rows), max(rows) + 1):
            line = []
            for c in range(min(cols), max(cols) + 1):
                cell = self.grid.cover.get((r, c))
                top = cell is not None and (cell.row, cell.col) == (r, c)
                line.append(self.grid.index(r, c).data() or "" if top else "")
            block.append(line)
        QGuiApplication.clipboard().setText(to_tsv(block))

    def paste(self, text: str | None = None) -> bool:
        """Paste a TSV block at the current cell; all of it or (with a message) none of it."""
        if text is None:
            text = QGuiApplication.clipboard().text()
        current = self.currentIndex()
        if not current.isValid() or not text:
            return False
        block = parse_tsv(text)
        targets: list[tuple[int, int, str]] = []
        selected = self._selected_value_cells()
        if len(block) == 1 and len(block[0]) == 1 and len(selected) > 1:
            # one value onto a selection: fill it, as spreadsheets do
            targets = [(c.row, c.col, block[0][0]) for c in selected]
        else:
            for i, line in enumerate(block):
                for j, text_ in enumerate(line):
                    targets.append((current.row() + i, current.column() + j, text_))
        values: dict[str, object] = {}
        problems: list[str] = []
        for r, c, raw in targets:
            cell = self._value_at(r, c)
            if cell is None or (cell.row, cell.col) != (r, c):
                if raw.strip():
                    where = "表格之外" if not (0 <= r < self.grid.rowCount() and 0 <= c < self.grid.columnCount()) \
                        else "不可填写的位置"
                    problems.append(f"“{raw.strip()[:20]}”落在{where}")
                continue
            try:
                values[cell.path] = parse_value(raw, schema.value_kind(cell.path))
            except InputError as err:
                problems.append(f"{schema.cell_name(cell.path)}：{err.message}")
        if problems:
            more = f"\n……共 {len(problems)} 处" if len(problems) > MAX_PASTE_PROBLEMS else ""
            self.problem.emit("没有粘贴，因为：\n" + "\n".join(problems[:MAX_PASTE_PROBLEMS]) + more)
            return False
        if not values:
            return False
        set_values(self.grid.doc, values, f"粘贴 {len(values)} 个单元格")
        # select what was pasted so the clerk sees where it went
        rows = [self.grid.pos_of[p][0] for p in values]
        cols = [self.grid.pos_of[p][1] for p in values]
        sel = self.selectionModel()
        sel.select(self._rect_selection(min(rows), min(cols), max(rows), max(cols)),
                   QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return True

    def _rect_selection(self, r0: int, c0: int, r1: int, c1: int):
        from PySide6.QtCore import QItemSelection
        return QItemSelection(self.grid.index(r0, c0), self.grid.index(r1, c1))

    def focus_path(self, path: str) -> bool:
        index = self.grid.index_of(path)
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
