"""This year's draft from last year's report (spec §5).

The draft keeps what stays the same (organ, signature organ, the title with the year
moved on, preamble and narrative as a draft to rework) and starts every number afresh —
except 上年结转, which is last year's 结转下年度 column by column. Nothing in the prose
is rewritten: the rules mark each mention of last year's year (N.YEAR) and each number
that no longer matches the tables (N.NUMBER) for the clerk to review. Last year's whole
report stays under ``previous`` for comparison and the cross-year checks.
"""

from __future__ import annotations

import re

from .. import schema
from ..errors import NoReportYear
from ..report import Report
from ..titles import build_title


def _next_year_title(title: str, year: int) -> str:
    return re.sub(rf"(?<!\d){year}(?=\s*年)", str(year + 1), title)


def carry_forward(last: Report) -> Report:
    """This year's draft; NoReportYear if last year's report does not say which year it is."""
    if last.year is None:
        raise NoReportYear("上年报告没有年度，无法确定草稿是哪一年的；请先在上年报告的基本信息中填写年度")
    previous = last.copy()
    previous.previous = None  # last year's own "previous" is not kept (spec §6)
    draft = Report(
        year=last.year + 1,
        organ=last.organ,
        title=_next_year_title(last.title, last.year) if last.title.strip() else build_title(last.organ, last.year + 1),
        preamble=last.preamble,
        sections=dict(last.sections),
        signature_organ=last.signature_organ,
        signature_date="",
        fee_notices=None,
        previous=previous,
    )
    for column in schema.REQUESTS_COLUMNS:
        draft.cells[schema.requests_path("carried_over", column.key)] = \
            last.cells[schema.requests_path("carried_forward", column.key)]
    return draft
