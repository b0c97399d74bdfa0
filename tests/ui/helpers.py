"""Finding cells and findings in the real window by report path, as a clerk sees them."""

from PySide6.QtWidgets import QAbstractItemView, QTableView

from composer.ui.roles import FINDING_ROLE, PATH_ROLE, SEVERITY_ROLE


def grid(window, table: str) -> QTableView:
    view = window.findChild(QTableView, f"grid-{table}")
    assert view is not None
    return view


def index_of(view: QTableView, path: str):
    model = view.model()
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            index = model.index(r, c)
            if index.data(PATH_ROLE) == path:
                return index
    raise AssertionError(f"no cell for {path}")


def severity(view: QTableView, path: str):
    return index_of(view, path).data(SEVERITY_ROLE)


def findings_view(window) -> QAbstractItemView:
    view = window.findChild(QAbstractItemView, "findings")
    assert view is not None
    return view


def findings(window):
    """Every finding's row in the panel, in the panel's order (blank cells inside their table's group)."""
    from composer.ui.findings_panel import GROUP_ROLE

    view = findings_view(window)
    model = view.model()
    out = []
    for r in range(model.rowCount()):
        top = model.index(r, 0)
        if top.data(GROUP_ROLE) is not None:
            out.extend(model.index(k, 0, top) for k in range(model.rowCount(top)))
        else:
            out.append(top)
    return out


def top_lines(window) -> list[str]:
    """What the panel shows without expanding anything."""
    model = findings_view(window).model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def finding_rows(window, rule: str):
    return [i for i in findings(window) if i.data(FINDING_ROLE).rule == rule]
