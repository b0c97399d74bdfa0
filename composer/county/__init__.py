"""The county office's desk: checking a folder of units' reports, the 问题清单 to send back,
the region's 汇总, and this year against last year — Qt-free, shared by the CLI and the window.

Modules: ``batch`` (parallel folder check), ``issue_list`` (问题清单 as xlsx/csv/html),
``summary`` (汇总), ``compare`` (与上年对比), ``metrics`` (公开率, 纠错率: defined once),
``charts`` (inline SVG bar charts), ``tables_html`` and ``xlsx`` (shared output helpers).
"""
