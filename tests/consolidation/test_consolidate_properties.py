"""Properties of the sum: every cell (inputs and totals) equals the sum of its drill-down, and the
sum of balanced units balances."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from govreport_gui.core import CellKey, Report
from govreport_gui.core.checks import check_report
from govreport_gui.core.consolidate import merge_units, unit_from_report
from govreport_gui.core.findings import Severity
from govreport_gui.core.forms import get_form
from govreport_gui.core.recalc import all_values
from govreport_gui.core.report import Metadata

FORM = get_form("2021")
T3 = FORM.tables["三"]


@st.composite
def balanced_unit(draw, i: int = 0):
    r = Report("2021", Metadata(agency=f"单位{draw(st.integers(0, 10**6))}", year=2024))
    results = list(T3.rows[2:-2])
    for col in T3.cols[:-1]:
        new = draw(st.integers(0, 40))
        carried = draw(st.integers(0, 5))
        forward = draw(st.integers(0, new + carried))
        r.set(CellKey("三", T3.rows[0], col), new)
        r.set(CellKey("三", T3.rows[1], col), carried)
        r.set(CellKey("三", T3.rows[-1], col), forward)
        left = new + carried - forward
        while left:
            row = draw(st.sampled_from(results))
            step = draw(st.integers(1, left))
            key = CellKey("三", row, col)
            r.set(key, (r.get(key) or 0) + step)
            left -= step
    for spec in FORM.tables["二"].cells:
        if spec.kind.value == "money":
            r.set(spec.key, Decimal(draw(st.integers(0, 10**6))) / 100)
        elif draw(st.booleans()):
            r.set(spec.key, draw(st.integers(0, 500)))
    for spec in FORM.tables["四"].cells:
        if not spec.computed:
            r.set(spec.key, draw(st.integers(0, 3)))
    return r


@settings(max_examples=25, deadline=None)
@given(st.lists(balanced_unit(), min_size=1, max_size=6, unique_by=lambda r: r.meta.agency))
def test_every_cell_is_the_sum_of_its_drill_down(reports):
    units = [unit_from_report(f"{i}.json", r) for i, r in enumerate(reports)]
    result = merge_units(units)
    counted = [u.report for u in result.included]
    values = all_values(FORM, result.report.values)
    for spec in FORM.all_cells():
        expected = sum((all_values(FORM, r.values).get(spec.key) or 0 for r in counted), 0)
        assert (values.get(spec.key) or 0) == expected
        assert sum((c.value for c in result.breakdown(spec.key)), 0) == expected
    assert [f for f in check_report(result.report) if f.severity is Severity.ERROR] == []
    money = [spec.key for spec in FORM.all_cells() if spec.kind.value == "money"]
    assert all(isinstance(result.report.get(k), Decimal) for k in money if result.report.get(k) is not None)
