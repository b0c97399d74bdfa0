"""A table view that looks like the printed table and edits like a spreadsheet.

Spans come from the layout; typing starts editing; Enter moves down, Tab right; Delete
clears to blank; Ctrl+C / Ctrl+V copy and paste rectangular blocks as TSV. A paste is
checked whole before anything changes: one bad cell refuses it with the reason.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, QItemSelectionModel, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QTableView,
)

from .. import palette, schema
from ..errors import InputError
from ..label_paste import match_by_labels
from ..values import parse_value
from .commands import set_values
from .frozen_header import freeze, frozen_columns, frozen_rows
from .grid_model import GridModel
from .roles import PATH_ROLE, PREVIOUS_ROLE
from .tsv import parse_tsv, to_tsv

MAX_PASTE_PROBLEMS = 5
MAX_FROZEN_SHARE = 0.4  # a frozen header may cover at most this share of the grid's height


class CellDelegate(QStyledItemDelegate):
    """Value cells: a plain line editor that commits on Enter/Tab. Painting is Qt's own (no Python per cell)."""

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



PREVIOUS_FONT_SHARE = 0.85  # last year's figure: smaller than this year's, still readable at 100 %


class PreviousDelegate(CellDelegate):
    """While 显示上年数 is on: this year's value at the top, "上年 N" in grey at the bottom of the cell."""

    def paint(self, painter, option, index):
        super().paint(painter, option, index)
        prev = index.data(PREVIOUS_ROLE)
        if prev is None or index.data(PATH_ROLE) is None:
            return
        painter.save()
        font = QFont(option.font)
        font.setPointSizeF(max(7.0, font.pointSizeF() * PREVIOUS_FONT_SHARE))
        painter.setFont(font)
        painter.setPen(QColor(palette.MUTED_TEXT))
        rect = option.rect.adjusted(3, 1, -4, -2)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                         f"上年 {prev or '空'}")
        painter.restore()


class GridView(QTableView):
    problem = Signal(str)  # a refused paste or entry: the Chinese reason
    zoom_requested = Signal(int)  # Ctrl+wheel: +1 larger, -1 smaller

    def __init__(self, model: GridModel, name: str, parent=None):
        super().__init__(parent)
        self.frozen_rows = self.frozen_cols = 0  # set for real once the grid is built
        self.panes = []
        self.setObjectName(name)
        self.setModel(model)
        self._plain_delegate = CellDelegate(self)
        self._previous_delegate = PreviousDelegate(self)
        self.setItemDelegate(self._plain_delegate)
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
        self.header_rows = frozen_rows(model.layout)
        self.frozen_rows = self.header_rows
        self.frozen_cols = frozen_columns(model.layout)
        self.panes = freeze(self, self.frozen_rows, self.frozen_cols)
        # Columns: widened into the room there is; the clerk can drag an edge (double-click: back).
        self.zoom = 1.0
        self._base_font = QFont(self.font())
        self._base: tuple[list[int], int] = ([], 0)
        self.user_widths: dict[int, int] = {}
        self._laying_out = False
        header = self.horizontalHeader()
        header.show()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setFixedHeight(max(6, self.fontMetrics().height() // 2))
        header.setToolTip("拖动这里的分隔线可以调整列宽；双击分隔线恢复")
        header.setHighlightSections(False)
        header.setSectionsClickable(False)
        header.sectionResized.connect(self._column_dragged)
        header.sectionHandleDoubleClicked.connect(self._reset_column)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.context_actions: list = []  # the window's actions shown in the right-click menu

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
        """Base column widths (at zoom 100 %); the grid widens them into the room it has, then fits
        the row heights so that every label shows whole."""
        self._base = (list(label_widths), value_width)
        self.user_widths.clear()
        self.relayout()

    def base_width(self, col: int) -> int:
        labels, value = self._base
        return round((labels[col] if col < len(labels) else value) * self.zoom)

    def relayout(self) -> None:
        """Column widths that use the width the grid has (never narrower than the base), then row heights."""
        layout = self.grid.layout
        if not self._base[0] and not self._base[1]:
            return
        self._laying_out = True
        try:
            widths = [self.user_widths.get(c) or self.base_width(c) for c in range(layout.n_cols)]
            room = self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width() - 1
            free = [c for c in range(layout.n_cols) if c not in self.user_widths]
            extra = room - sum(widths)
            if extra > 0 and free:
                # value columns may grow to 2½×, label columns to 2×: spread the room in proportion
                caps = {c: self.base_width(c) * (2.5 if c >= layout.label_cols else 2.0) for c in free}
                for _ in range(3):
                    growing = [c for c in free if widths[c] < caps[c]]
                    if not growing or extra <= 0:
                        break
                    # label columns weigh double: a label on one line saves a row's height
                    weight = {c: widths[c] * (2 if c < layout.label_cols else 1) for c in growing}
                    total = sum(weight.values())
                    given = 0
                    for c in growing:
                        add = min(int(extra * weight[c] / total), int(caps[c] - widths[c]))
                        widths[c] += add
                        given += add
                    extra -= given
                    if given == 0:
                        break
            for c, w in enumerate(widths):
                if self.columnWidth(c) != w:
                    self.setColumnWidth(c, w)
            self._fit_rows()
        finally:
            self._laying_out = False
        self._update_freeze()

    def set_show_previous(self, on: bool) -> None:
        """显示上年数: taller body rows with last year's figure under this year's."""
        self.setItemDelegate(self._previous_delegate if on else self._plain_delegate)
        self.grid.set_show_previous(on)
        self.relayout()

    def _fit_rows(self) -> None:
        layout = self.grid.layout
        fm = QFontMetrics(self.font())
        base = fm.height() + 6
        heights = [base] * layout.n_rows
        if self.grid.show_previous:
            small = QFontMetrics(QFont(self.font().family(), max(7, round(self.font().pointSizeF()
                                                                          * PREVIOUS_FONT_SHARE))))
            for cell in layout.cells:
                if cell.role == "value":
                    heights[cell.row] = max(heights[cell.row], fm.height() + small.height() + 4)
        # Cells spanning several rows need the rows' sum; fit single rows first, then stretch.
        for pass_multi in (False, True):
            for cell in layout.cells:
                if not cell.text or (cell.rowspan > 1) != pass_multi:
                    continue
                width = sum(self.columnWidth(c) for c in range(cell.col, cell.col + cell.colspan)) - 8
                need = fm.boundingRect(QRect(0, 0, max(width, 10), 10000),
                                       int(Qt.TextFlag.TextWordWrap), cell.text).height() + 6
                rows = range(cell.row, cell.row + cell.rowspan)
                have = sum(heights[r] for r in rows)
                if need > have:
                    extra = need - have
                    for i, r in enumerate(rows):
                        heights[r] += extra // cell.rowspan + (1 if i < extra % cell.rowspan else 0)
        for r, h in enumerate(heights):
            if self.rowHeight(r) != h:
                self.setRowHeight(r, h)

    def _column_dragged(self, col: int, _old: int, new: int) -> None:
        if not self._laying_out:  # the clerk dragged a column edge: keep that width, refit the rows
            self.user_widths[col] = new
            self._laying_out = True
            try:
                self._fit_rows()
            finally:
                self._laying_out = False
            self._update_freeze()

    def _reset_column(self, col: int) -> None:
        self.user_widths.pop(col, None)
        self.relayout()

    def set_zoom(self, factor: float) -> None:
        self.zoom = factor
        font = QFont(self._base_font)
        font.setPointSizeF(self._base_font.pointSizeF() * factor)
        self.setFont(font)
        for pane in self.panes:
            pane.setFont(font)
        self.relayout()

    # ------------------------------------------------------------ freeze panes

    def frozen_height(self) -> int:
        return sum(self.rowHeight(r) for r in range(self.frozen_rows))

    def _update_freeze(self) -> None:
        """Freeze the header rows only while they leave most of the grid to the body: on a short
        screen a tall header scrolls away with the body instead of hiding it."""
        if not self.header_rows:
            return
        header = sum(self.rowHeight(r) for r in range(self.header_rows))
        freeze_rows = header <= self.viewport().height() * MAX_FROZEN_SHARE
        self.frozen_rows = self.header_rows if freeze_rows else 0
        for pane in self.panes:
            if pane.rows:
                pane.setVisible(freeze_rows)

    def frozen_width(self) -> int:
        return sum(self.columnWidth(c) for c in range(self.frozen_cols))

    def updateGeometries(self) -> None:
        super().updateGeometries()
        for pane in self.panes:
            pane.place()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.relayout()
        else:
            self._update_freeze()
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
        by_labels = match_by_labels(self.grid.layout, block) if len(block) > 1 or len(block[0]) > 1 else None
        problems: list[str] = []
        if by_labels is not None:
            # a table copied with its row labels (Excel, WPS): each line goes to the row it names
            targets = [(cell.row, cell.col, raw) for cell, raw in by_labels.targets]
            problems = list(by_labels.problems)
        elif len(block) == 1 and len(block[0]) == 1 and len(selected) > 1:
            # one value onto a selection: fill it, as spreadsheets do
            targets = [(c.row, c.col, block[0][0]) for c in selected]
        else:
            for i, line in enumerate(block):
                for j, text_ in enumerate(line):
                    targets.append((current.row() + i, current.column() + j, text_))
        values: dict[str, object] = {}
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

    # ------------------------------------------------------------ right-click menu, wheel, selection sum

    def contextMenuEvent(self, event):
        index = self.indexAt(event.pos())
        if index.isValid() and not self.selectionModel().isSelected(index):
            self.setCurrentIndex(index)
        menu = QMenu(self)
        menu.setObjectName("grid-menu")
        editable = bool(self._selected_value_cells())

        def item(text: str, keys, slot):
            action = menu.addAction(text)
            action.setShortcut(QKeySequence(keys))  # shown beside the text; the keys act in keyPressEvent
            action.triggered.connect(lambda _=False: slot())
            return action

        item("复制", QKeySequence.StandardKey.Copy, self.copy_selection)
        item("粘贴", QKeySequence.StandardKey.Paste, self.paste).setEnabled(bool(QGuiApplication.clipboard().text()))
        item("清除", Qt.Key.Key_Delete, self.clear_selection).setEnabled(editable)
        if self.context_actions:
            menu.addSeparator()
            for action in self.context_actions:
                menu.addAction(action) if action is not None else menu.addSeparator()
        self.context_menu = menu  # tests read it
        menu.popup(event.globalPos())

    def wheelEvent(self, event):
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom_requested.emit(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def selection_stats(self) -> tuple[int, int, object] | None:
        """(cells selected, cells with a number, their sum) — as Excel's status bar; None for one cell."""
        cells = [c for c in self._selected_value_cells()] if len(self.selectedIndexes()) > 1 else []
        if len(cells) < 2:
            return None
        numbers = [v for v in (self.grid.doc.report.cells.get(c.path) for c in cells)
                   if isinstance(v, (int, Decimal)) and not isinstance(v, bool)]
        return len(cells), len(numbers), sum(numbers, start=0)

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
