"""A total printed by an imported file is kept (for the check) while it disagrees, but no export
ever writes it: every format writes the recomputed totals.  Verified by reading the files back."""

from decimal import Decimal

import pytest
from report_builders import balanced

from govreport_gui.core import CellKey, recalculate
from govreport_gui.io.registry import read_report, write_report

WRONG = {
    CellKey("三", "（一）予以公开", "总计"): 40,
    CellKey("三", "（七）总计", "自然人"): 99,
    CellKey("三", "（七）总计", "总计"): 7,
    CellKey("四", "行政复议", "总计"): 12,
}


@pytest.fixture
def report():
    r = balanced("2021")
    computed = recalculate(r.form, r.values)
    assert all(computed[k] != v for k, v in WRONG.items())
    r.printed.update(WRONG)
    return r


@pytest.mark.parametrize("suffix", [".json", ".docx"])
def test_exports_write_the_recomputed_totals_not_the_printed_ones(tmp_path, report, suffix):
    path = tmp_path / f"out{suffix}"
    write_report(path, report)
    back = read_report(path).report
    computed = recalculate(report.form, report.values)
    totals_read = {k: v for k, v in back.printed.items() if k in WRONG}
    assert set(totals_read) == set(WRONG)                       # the reader found those totals …
    assert all(Decimal(v or 0) == Decimal(computed[k]) for k, v in totals_read.items())   # … recomputed
    assert report.printed == WRONG                               # exporting changed nothing


def test_the_workbook_holds_formulas_in_the_total_cells(tmp_path, report):
    """(Reading our own workbook back does not evaluate its formulas, so look at the cells.)"""
    from openpyxl import load_workbook

    from govreport_gui.io.write.excel_export import cell_positions
    path = tmp_path / "out.xlsx"
    write_report(path, report)
    wb = load_workbook(path)
    for table_id in ("三", "四"):
        table = report.form.tables[table_id]
        ws = next(ws for ws in wb.worksheets if ws.title.startswith(table_id + "、"))
        positions = cell_positions(table)
        for key in WRONG:
            if key.table == table_id:
                value = ws.cell(*positions[key]).value
                assert isinstance(value, str) and value.startswith("="), (key, value)
