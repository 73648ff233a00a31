"""The exported workbook: official layout, validation, live formulas, round trip."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport_gui.core import recalculate
from govreport_gui.core.checks import check_report
from govreport_gui.core.errors import WriteError
from govreport_gui.core.forms import CellKey, Kind, Role, get_form
from govreport_gui.core.report import SECTION_KEYS, TEXT_METADATA, Metadata, Report
from govreport_gui.core.serialize import load_file, report_to_json
from govreport_gui.io.registry import read_report, write_report
from govreport_gui.io.workbook.excel_import import MARKER_NAME
from govreport_gui.io.write.excel_export import META_SHEET, cell_positions, sum_formula, write_xlsx

from .builders import filled_report, soffice_convert

VERSIONS = ("2019", "2021")


def table_sheet(wb, form, table_id):
    heading = next(s.heading for s in form.sections if s.table == table_id)
    return wb[heading]


def assert_same_report(a: Report, b: Report):
    assert report_to_json(a) == report_to_json(b)
    assert a.meta == b.meta
    assert {k: v for k, v in a.sections.items() if v} == {k: v for k, v in b.sections.items() if v}


@pytest.mark.parametrize("version", VERSIONS)
def test_layout_follows_the_declared_grid(tmp_path, version):
    report = filled_report(version)
    path = tmp_path / "out.xlsx"
    assert write_xlsx(path, report, None) == []
    wb = openpyxl.load_workbook(path)
    form = report.form
    assert wb.sheetnames[0] == META_SHEET
    assert wb.defined_names[MARKER_NAME].attr_text == f'"{version}"'
    for table in form.tables.values():
        ws = table_sheet(wb, form, table.id)
        merges = {str(m) for m in ws.merged_cells.ranges}
        top = 3
        for g in table.grid:
            cell = ws.cell(row=top + g.row, column=1 + g.col)
            if g.text:
                assert cell.value == g.text
            if g.rowspan > 1 or g.colspan > 1:
                ref = f"{cell.coordinate}:{ws.cell(row=top + g.row + g.rowspan - 1, column=g.col + g.colspan).coordinate}"
                assert ref in merges
            if g.role is Role.INPUT:
                value = cell.value
                assert (Decimal(repr(value)) if isinstance(value, float) else value) == report.values.get(g.key)
                assert cell.protection.locked is False
            if g.role is Role.COMPUTED:
                assert isinstance(cell.value, str) and cell.value.startswith("=SUM(")
                assert cell.protection.locked is True
        assert ws.protection.sheet is True


def test_validation_per_kind(tmp_path):
    report = filled_report("2019")
    path = tmp_path / "out.xlsx"
    write_xlsx(path, report, None)
    wb = openpyxl.load_workbook(path)
    form = report.form
    ws = table_sheet(wb, form, "二")
    pos = cell_positions(form.tables["二"])
    rules = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in ws[rng.coord] if ":" in rng.coord else [[ws[rng.coord]]]:
                for cell in row:
                    rules[(cell.row, cell.column)] = (dv.type, dv.operator, dv.formula1)
    for spec in form.tables["二"].cells:
        expected = {Kind.COUNT: ("whole", "greaterThanOrEqual", "0"),
                    Kind.SIGNED: ("whole", "between", "-999999999"),
                    Kind.MONEY: ("decimal", "greaterThanOrEqual", "0")}[spec.kind]
        assert rules[pos[spec.key]] == expected, spec.key


def test_sum_formula_joins_runs():
    assert sum_formula([(4, 4), (5, 4), (6, 4), (9, 4)]) == "=SUM(D4:D6,D9)"
    assert sum_formula([(4, 4), (4, 5), (4, 6)]) == "=SUM(D4:F4)"


def test_balance_row_formulas(tmp_path):
    report = filled_report("2021")
    path = tmp_path / "out.xlsx"
    write_xlsx(path, report, None)
    wb = openpyxl.load_workbook(path)
    form = report.form
    ws = table_sheet(wb, form, "三")
    pos = cell_positions(form.tables["三"])
    check_row = 3 + form.tables["三"].n_rows
    assert "勾稽核对" in ws.cell(row=check_row, column=1).value
    for rule in form.balances:
        col = pos[rule.lhs[0][1]][1]
        formula = ws.cell(row=check_row, column=col).value
        for _, key in (*rule.lhs, *rule.rhs):
            assert ws.cell(row=pos[key][0], column=pos[key][1]).coordinate in formula


@pytest.mark.parametrize("version", VERSIONS)
def test_libreoffice_recalculates_totals_and_balance(tmp_path, version, soffice):
    report = filled_report(version, seed=21)
    form = report.form
    # Unbalance one column of 三 by 4, to see the check row show it.
    key = CellKey("三", form.tables["三"].rows[0], "科研机构")
    report.set(key, (report.get(key) or 0) + 4)
    path = tmp_path / "out.xlsx"
    write_xlsx(path, report, None)
    recalculated = soffice_convert(path, "xlsx", tmp_path / "lo")
    wb = openpyxl.load_workbook(recalculated, data_only=True)
    computed = recalculate(form, report.values)
    for table in form.tables.values():
        ws = table_sheet(wb, form, table.id)
        for k, (r, c) in cell_positions(table).items():
            if form.cell(k).computed:
                assert ws.cell(row=r, column=c).value == computed[k], k
    ws = table_sheet(wb, form, "三")
    check_row = 3 + form.tables["三"].n_rows
    pos = cell_positions(form.tables["三"])
    diffs = {rule.scope: ws.cell(row=check_row, column=pos[rule.lhs[0][1]][1]).value for rule in form.balances}
    assert diffs["“科研机构”列"] == 4 and diffs["“总计”列"] == 4
    assert all(v == 0 for s, v in diffs.items() if s not in ("“科研机构”列", "“总计”列"))
    # Read back after LibreOffice saved it (cached values now present): same report, totals agree.
    result = read_report(recalculated)
    assert report_to_json(result.report) == report_to_json(report)
    assert result.report.printed == {k: computed[k] for k in form.computed_keys()}
    assert not [f for f in check_report(result.report) if f.rule in {t.rule for t in form.totals}]


def test_sample_round_trip(tmp_path, sample_path):
    loaded = load_file(sample_path)
    path = tmp_path / "sample.xlsx"
    write_report(path, loaded.report, loaded.previous)
    result = read_report(path)
    assert_same_report(result.report, loaded.report)
    assert result.notes == []
    assert result.report.printed == {}


def test_prose_that_looks_like_a_formula_and_very_long_prose(tmp_path):
    report = filled_report("2021")
    report.sections["一"] = "=SUM(A1)这不是公式"
    report.sections["五"] = "问题与改进。" * 12000   # 72 000 characters: beyond one cell
    report.meta.postcode = "010000"
    report.meta.phone = "  0791-1234567 "
    path = tmp_path / "out.xlsx"
    write_xlsx(path, report, None)
    result = read_report(path)
    assert_same_report(result.report, report)


def test_control_characters_are_dropped_with_a_note(tmp_path):
    report = filled_report("2021")
    report.sections["一"] = "第一段\x0b第二段\x07。"
    notes = write_xlsx(tmp_path / "out.xlsx", report, None)
    assert any(n.startswith(f"{META_SHEET}!B") and "控制字符" in n for n in notes), notes
    assert read_report(tmp_path / "out.xlsx").report.sections["一"] == "第一段\n第二段。"


def test_output_open_elsewhere_gives_a_clear_message(tmp_path):
    target = tmp_path / "占用.xlsx"
    target.mkdir()  # a directory in the way behaves like a locked file: the replace fails
    with pytest.raises(WriteError) as info:
        write_xlsx(target, filled_report("2021"), None)
    assert "占用.xlsx" in str(info.value)


# ---------------------------------------------------------------------------------------------
# Round trip of random reports

_TEXT = st.text(st.one_of(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp")),
                          st.sampled_from("\n\r\t =一、（）“”\u3000")), max_size=40)


@st.composite
def reports(draw, version):
    form = get_form(version)
    meta = Metadata(year=draw(st.integers(2019, 2030)),
                    **{name: draw(_TEXT) for name in TEXT_METADATA})
    report = Report(version, meta)
    for section in SECTION_KEYS:
        report.sections[section] = draw(_TEXT)
    for key in form.input_keys():
        kind = form.cell(key).kind
        if draw(st.booleans()):
            continue
        if kind is Kind.MONEY:
            report.set(key, Decimal(draw(st.integers(0, 10**11))) / Decimal(10) ** draw(st.integers(0, 4)))
        elif kind is Kind.SIGNED:
            report.set(key, draw(st.integers(-10**6, 10**6)))
        else:
            report.set(key, draw(st.integers(0, 10**9)))
    return report


@pytest.mark.parametrize("version", VERSIONS)
def test_random_reports_round_trip(tmp_path, version):
    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(reports(version))
    def check(report):
        path = tmp_path / "rt.xlsx"
        write_xlsx(path, report, None)
        result = read_report(path)
        assert_same_report(result.report, report)
        assert result.report.printed == {}

    check()
