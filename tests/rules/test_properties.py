"""Properties of the error rules over random reports (hypothesis)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from composer import schema
from composer.rules import ERROR, check
from tests.factories import consistent_reports

CHECKED = [c.path for c in schema.CELLS if c.table in ("requests", "review")]


@given(consistent_reports())
@settings(max_examples=200, deadline=None)
def test_consistent_reports_have_no_errors(report):
    assert [f for f in check(report) if f.severity == ERROR] == []


@given(consistent_reports(), st.sampled_from(CHECKED), st.integers(1, 40), st.booleans())
@settings(max_examples=400, deadline=None)
def test_any_single_cell_change_is_an_error_naming_that_cell(report, path, delta, up):
    old = report.cells[path]
    new = old + delta if up or old < delta else old - delta
    report.cells[path] = new
    errors = [f for f in check(report) if f.severity == ERROR]
    assert errors, (path, old, new)
    assert any(path in f.cells for f in errors)
    assert all(f.rule in ("T3.ROW", "T3.RESULTS", "T3.BALANCE", "T4.SUM") for f in errors)
