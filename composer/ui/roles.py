"""Item-data roles shared by the grids, the findings panel and the tests."""

from PySide6.QtCore import Qt

PATH_ROLE = Qt.ItemDataRole.UserRole + 1  # report-JSON path of an editable cell / a finding's first cell
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 2  # "error" | "warning" | "blank" (cells); "error" | "warning" (findings)
FINDING_ROLE = Qt.ItemDataRole.UserRole + 3  # the Finding object (findings panel)
PREVIOUS_ROLE = Qt.ItemDataRole.UserRole + 4  # last year's value as text, "" if none
DISMISSED_ROLE = Qt.ItemDataRole.UserRole + 5  # the reason a warning was dismissed, or None
