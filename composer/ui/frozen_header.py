"""Freeze panes for a grid: its header rows (and label columns) stay in sight while the body scrolls.

Each pane is a read-only table view laid over the grid's viewport. It shares the grid's model
and selection model but shows only the frozen rows and/or columns, so at scroll position zero
it covers exactly the same cells of the grid, pixel for pixel; when the grid scrolls, the body
slides underneath it. The grid itself stays the one editable view (see ``GridView.scrollTo``,
which keeps the current cell out from under the panes).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QTableView


class FrozenPane(QTableView):
    """The first ``rows`` rows (0 = all) × the first ``cols`` columns (0 = all) of ``body``."""

    def __init__(self, body: QTableView, rows: int, cols: int, name: str):
        super().__init__(body)  # a child of the grid widget: above its viewport, beside its scroll bars
        self.body = body
        self.rows = rows
        self.cols = cols
        self.setObjectName(name)
        self.setModel(body.model())
        self.setSelectionModel(body.selectionModel())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys always go to the grid
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAutoScroll(False)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(body.horizontalScrollMode())
        self.setVerticalScrollMode(body.verticalScrollMode())
        self.setSelectionMode(body.selectionMode())
        self.setWordWrap(body.wordWrap())
        self.setTextElideMode(body.textElideMode())
        self.setPalette(body.palette())
        self.pressed.connect(lambda _index: body.setFocus(Qt.FocusReason.MouseFocusReason))

        body.horizontalHeader().sectionResized.connect(self._column_resized)
        body.verticalHeader().sectionResized.connect(self._row_resized)
        # A pane scrolls along the axis it does not freeze, always to the grid's position.
        if rows:
            body.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)
            self.horizontalScrollBar().rangeChanged.connect(self._follow_scroll)
        if cols:
            body.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
            self.verticalScrollBar().rangeChanged.connect(self._follow_scroll)
        body.model().modelReset.connect(self.refresh)
        self.refresh()

    # ------------------------------------------------------------ keeping in step with the grid

    def refresh(self) -> None:
        """Rows, columns, spans and sizes as the grid has them now (after building or a reset)."""
        model = self.model()
        for r in range(model.rowCount()):
            self.setRowHidden(r, bool(self.rows) and r >= self.rows)
            self.setRowHeight(r, self.body.rowHeight(r))
        for c in range(model.columnCount()):
            self.setColumnHidden(c, bool(self.cols) and c >= self.cols)
            self.setColumnWidth(c, self.body.columnWidth(c))
        self.clearSpans()
        for cell in model.layout.cells:  # type: ignore[attr-defined]  # the grid's GridModel
            if (cell.rowspan > 1 or cell.colspan > 1) and self._shows(cell.row, cell.col):
                rowspan = min(cell.rowspan, self.rows - cell.row) if self.rows else cell.rowspan
                colspan = min(cell.colspan, self.cols - cell.col) if self.cols else cell.colspan
                self.setSpan(cell.row, cell.col, rowspan, colspan)
        self.place()

    def _shows(self, row: int, col: int) -> bool:
        return (not self.rows or row < self.rows) and (not self.cols or col < self.cols)

    def _column_resized(self, col: int, _old: int, new: int) -> None:
        self.setColumnWidth(col, new)
        if self.cols and col < self.cols:
            self.place()

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        self.setRowHeight(row, new)
        if self.rows and row < self.rows:
            self.place()

    def _follow_scroll(self, *_range) -> None:
        if self.rows:
            self.horizontalScrollBar().setValue(self.body.horizontalScrollBar().value())
        if self.cols:
            self.verticalScrollBar().setValue(self.body.verticalScrollBar().value())

    def place(self) -> None:
        """Cover the frozen part of the grid's viewport: never its frame or scroll bars."""
        area = self.body.viewport().geometry()
        width, height = area.width(), area.height()
        if self.cols:
            width = min(width, sum(self.body.columnWidth(c) for c in range(self.cols)))
        if self.rows:
            height = min(height, sum(self.body.rowHeight(r) for r in range(self.rows)))
        self.setGeometry(area.x(), area.y(), width, height)
        self._follow_scroll()

    # ------------------------------------------------------------ input belongs to the grid

    def wheelEvent(self, event):
        # The wheel scrolls the grid (the pane follows it), wherever the pointer is.
        QCoreApplication.sendEvent(self.body.viewport(), event)


def _free_edge(n: int, extent: int, spans) -> int:
    """``n`` lines can be frozen when some remain to scroll and no printed cell straddles the edge."""
    if not n or n >= extent or any(start < n < start + length for start, length in spans):
        return 0
    return n


def frozen_rows(layout) -> int:
    """The header rows."""
    return _free_edge(layout.header_rows, layout.n_rows, ((c.row, c.rowspan) for c in layout.cells))


def frozen_columns(layout) -> int:
    """The label columns (table 二's full-width titles straddle them: nothing is frozen there)."""
    return _free_edge(layout.label_cols, layout.n_cols, ((c.col, c.colspan) for c in layout.cells))


def freeze(body: QTableView, rows: int, cols: int) -> list[FrozenPane]:
    """The panes for ``rows`` header rows and ``cols`` label columns, stacked corner-most on top."""
    name = body.objectName()
    panes = []
    if cols:
        panes.append(FrozenPane(body, 0, cols, f"{name}-labels"))
    if rows:
        panes.append(FrozenPane(body, rows, 0, f"{name}-header"))
    if rows and cols:
        panes.append(FrozenPane(body, rows, cols, f"{name}-corner"))
    for pane in panes:
        pane.raise_()
        pane.show()
    return panes
