"""Rows and columns hidden inside a ledger sheet (by hand, by a filter, in a collapsed group): every
reader says which they are; the count counts hidden rows like any other and names them for the
clerk to check (a hidden row that repeats a visible one too); a hidden column is read only when no
visible column holds that field, and the count says so."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import openpyxl
import pytest
from support import require_libreoffice

from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.core.ledger.hidden import HIDDEN_MARK
from govreport_gui.core.ledger.sheet import LedgerSheet, RowRef, rows_text
from govreport_gui.core.ledger.summary import summary_lines
from govreport_gui.io.workbook import ledger_read
from govreport_gui.io.workbook.ledger_read import read_ledgers

from .ledger_builders import NEW, Style, expected_3, ledger_rows, random_apps
from .ledger_files import ods_rows, to_xls, write_html, write_ods, write_spreadsheetml, write_xlsx, xml_cell
from .test_count import table_3

YEAR = 2025
HEADER = ("序号", "申请人姓名", "申请人类型", "收到日期", "办结日期", "处理结果")


def entry(n: int, applicant="公民", received=dt.date(2025, 3, 1), result="予以公开") -> tuple:
    return (n, f"申请人{n}", applicant, received, received + dt.timedelta(days=9), result)


def count(paths, year=YEAR):
    return count_ledgers(read_ledgers(paths), get_form("2021"), year)


def hide(path: Path, sheet: str, rows=(), columns=(), grouped=(), filtered: str | None = None) -> Path:
    """Hide rows (by hand), column letters, groups of rows (collapsed outline), or set a filter."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    for r in rows:
        ws.row_dimensions[r].hidden = True
    for first, last in grouped:
        ws.row_dimensions.group(first, last, hidden=True)
    for letter in columns:
        ws.column_dimensions[letter].hidden = True
    if filtered:
        ws.auto_filter.ref = filtered
    wb.save(path)
    return path


# --- counting -------------------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["by hand", "filter", "group"])
@pytest.mark.parametrize("seed", range(3))
def test_hidden_rows_are_counted_and_named(tmp_path, how, seed):
    rng = random.Random(900 + seed)
    apps = random_apps(rng, YEAR, 50)
    rows, where = ledger_rows(apps, Style.random(rng, "2021"))
    path = write_xlsx(tmp_path / "台账.xlsx", {"2025年": rows})
    chosen = sorted(rng.sample(range(len(apps)), 8))
    spreadsheet_rows = [where[i] for i in chosen]
    if how == "group":
        first = where[chosen[0]]
        spreadsheet_rows = list(range(first, min(first + 4, where[len(apps) - 1] + 1)))
        hide(path, "2025年", grouped=[(spreadsheet_rows[0], spreadsheet_rows[-1])])
    else:
        hide(path, "2025年", rows=spreadsheet_rows, filtered="A1:H200" if how == "filter" else None)
    counted = count([path])
    assert counted.complete and table_3(counted) == dict(expected_3(apps, YEAR, "2021"))   # counted like any row
    of_year = {where[i] for i, a in enumerate(apps)
               if a.received <= dt.date(YEAR, 12, 31) and (a.done is None or a.done >= dt.date(YEAR, 1, 1))}
    named = [RowRef("台账.xlsx", "2025年", r) for r in spreadsheet_rows if r in of_year]
    assert counted.hidden_rows == named
    if named:
        (note,) = counted.to_check
        assert note.startswith(f"{rows_text(named, limit=20)}是隐藏的行") and "请在 Excel/WPS 中取消隐藏" in note
        assert summary_lines(counted)[0] == f"请核对：{note}"
    else:
        assert counted.to_check == []


def test_a_ledger_filtered_to_the_year_says_nothing_of_the_other_years_hidden():
    rows = [HEADER, entry(1), entry(2, received=dt.date(2024, 2, 1)), entry(3, received=dt.date(2026, 1, 5)), entry(4)]
    sheet = LedgerSheet("台账.xlsx", "总表", rows, hidden_rows=frozenset({2, 3}))   # (rows 3 and 4: other years)
    counted = count_ledgers([sheet], get_form("2021"), YEAR)
    assert counted.hidden_rows == [] and counted.to_check == []
    assert table_3(counted)[(NEW, "自然人")] == 2


def test_a_hidden_row_that_repeats_a_visible_one_is_named_with_it():
    rows = [("某某局依申请公开登记台账",), HEADER, entry(1), entry(2, "企业"), entry(3), entry(4, "企业"),
            entry(5, "律所")]
    rows[5] = (4,) + rows[3][1:]   # row 6 repeats row 4 (申请人2), its serial number aside
    sheet = LedgerSheet("台账.xlsx", "2025年", rows, hidden_rows=frozenset({5, 6}))
    counted = count_ledgers([sheet], get_form("2021"), YEAR)
    assert table_3(counted)[(NEW, "商业企业")] == 2 and counted.hidden_rows == [RowRef("台账.xlsx", "2025年", 6),
                                                                              RowRef("台账.xlsx", "2025年", 7)]
    (note,) = counted.to_check
    assert "第6–7行是隐藏的行" in note and "其中第6行与第4行内容相同" in note and "第7行与" not in note
    assert counted.hidden_repeats == [(RowRef("台账.xlsx", "2025年", 6), RowRef("台账.xlsx", "2025年", 4))]


def test_one_hidden_row_is_named_as_one():
    rows = [HEADER, entry(1), entry(2), (3,) + entry(1)[1:]]   # row 4 repeats row 2
    counted = count_ledgers([LedgerSheet("台账.xlsx", "S", rows, hidden_rows=frozenset({3}))], get_form("2021"), YEAR)
    assert counted.to_check == ["台账.xlsx“S”第4行是隐藏的行（手动隐藏、筛选或分组折叠），已和其他行一样计入。"
                                "第4行与第2行内容相同（序号除外），可能是重复登记后隐藏而未删除。"
                                "请在 Excel/WPS 中取消隐藏（或清除筛选）后核对该行：如是已撤回、重复登记等不应计入的行，"
                                "请从台账中删除后重新读取。"]


def test_a_hidden_row_left_out_says_it_is_hidden():
    rows = [HEADER, entry(1), entry(2, applicant="个体户"), entry(3, result="已处理")]
    sheet = LedgerSheet("台账.xlsx", "S", rows, hidden_rows=frozenset({2}))
    counted = count_ledgers([sheet], get_form("2021"), YEAR)
    assert [(lo.ref.row, lo.why.endswith(HIDDEN_MARK)) for lo in counted.left_out] == [(3, True), (4, False)]
    assert counted.hidden_rows == [] and counted.to_check == []


def test_a_hidden_helper_column_gives_way_to_the_visible_one():
    rows = [("申请人类型", "收到日期", "办结日期", "处理结果", "办理结果"),
            ("公民", dt.date(2025, 3, 1), dt.date(2025, 3, 9), 1, "予以公开"),
            ("企业", dt.date(2025, 3, 2), dt.date(2025, 3, 9), 2, "信息不存在")]
    hidden = LedgerSheet("台账.xlsx", "S", rows, hidden_columns=frozenset({3}))
    counted = count_ledgers([hidden], get_form("2021"), YEAR)
    assert counted.complete and counted.hidden_columns == [] and counted.to_check == []
    assert "另有隐藏的“处理结果”列，处理结果按“办理结果”列读取" in counted.notes[0]
    shown = count_ledgers([LedgerSheet("台账.xlsx", "S", rows)], get_form("2021"), YEAR)
    assert not shown.complete   # visible, the better-named column wins (its codes are no results)


def test_a_field_only_in_a_hidden_column_is_read_and_said():
    rows = [("申请人类型", "收到日期", "办结日期", "备注", "处理结果"),
            ("公民", dt.date(2025, 3, 1), dt.date(2025, 3, 9), None, "予以公开")]
    counted = count_ledgers([LedgerSheet("台账.xlsx", "S", rows, hidden_columns=frozenset({3, 4}))], get_form("2021"), YEAR)
    assert counted.complete and counted.hidden_columns == ["处理结果"]
    (note,) = counted.to_check
    assert note.startswith("台账.xlsx“S”：处理结果按隐藏的“处理结果”列（E列）读取") and "取消隐藏该列" in note


# --- every reader says which rows and columns are hidden -------------------------------------------

ROWS = [("2025年依申请公开登记台账",), HEADER] + [entry(n) for n in range(1, 9)]
HIDDEN_ROWS = {3, 4, 8}   # 0-based: spreadsheet rows 4, 5 and 9
HIDDEN_COLUMNS = {1}      # B: the applicant's name


def assert_hidden(sheet: LedgerSheet, columns=True) -> None:
    assert sheet.hidden_rows == HIDDEN_ROWS
    assert sheet.hidden_columns == (HIDDEN_COLUMNS if columns else frozenset())
    assert sheet.rows[3][0] in (2, "2") and len(sheet.rows) == len(ROWS)   # read like the others


def hidden_xlsx(tmp_path) -> Path:
    path = write_xlsx(tmp_path / "台账.xlsx", {"2025年": ROWS})
    return hide(path, "2025年", rows=[4, 5], grouped=[(9, 9)], columns=["B"])


def test_xlsx_fast_pass_and_openpyxl(tmp_path):
    path = hidden_xlsx(tmp_path)
    (fast,) = ledger_read._read_xlsx(path)
    (slow,) = ledger_read._read_xlsx_openpyxl(path)
    assert_hidden(fast)
    assert_hidden(slow)
    counted = count([path])
    assert counted.hidden_rows == [RowRef("台账.xlsx", "2025年", r) for r in (4, 5, 9)]


def test_xlsx_rows_of_height_zero_are_hidden(tmp_path):
    import zipfile
    path = write_xlsx(tmp_path / "a.xlsx", {"S": ROWS})
    out = tmp_path / "b.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                for r in (4, 5, 9):
                    data = data.replace(f'<row r="{r}"'.encode(), f'<row r="{r}" ht="0" customHeight="1"'.encode())
                data = data.replace(b"<sheetData>", b'<cols><col min="2" max="2" width="0" customWidth="1"/></cols><sheetData>')
            dst.writestr(item, data)
    (sheet,) = read_ledgers([out])
    assert_hidden(sheet)


def test_xls_and_ods_saved_by_libreoffice(tmp_path):
    require_libreoffice()
    import shutil
    import subprocess
    src = hidden_xlsx(tmp_path)
    (sheet,) = read_ledgers([to_xls(src, tmp_path / "xls")])
    assert_hidden(sheet)
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([exe, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "ods",
                    "--outdir", str(tmp_path / "ods"), str(src)], check=True, capture_output=True, timeout=180)
    (sheet,) = read_ledgers([tmp_path / "ods" / "台账.ods"])
    assert_hidden(sheet)


def test_ods_collapsed_and_filtered_rows_and_columns(tmp_path):
    def row(values, visibility="", repeat=1):
        cells = ods_rows([values])[len("<table:table-row>"):]
        attrs = (f' table:visibility="{visibility}"' if visibility else "") + (
            f' table:number-rows-repeated="{repeat}"' if repeat > 1 else "")
        return f"<table:table-row{attrs}>" + cells
    columns = ('<table:table-column/><table:table-column table:visibility="collapse"/>'
               '<table:table-column table:number-columns-repeated="4"/>')
    body = (columns + "".join(row(v) for v in ROWS[:3]) + row(ROWS[3], "collapse", 2)
            + "".join(row(v) for v in ROWS[5:8]) + row(ROWS[8], "filter") + row(ROWS[9]))
    (sheet,) = read_ledgers([write_ods(tmp_path / "台账.ods", {"2025年": body})])
    assert sheet.rows[4] == sheet.rows[3]   # (the repeated row)
    assert sheet.hidden_rows == HIDDEN_ROWS and sheet.hidden_columns == HIDDEN_COLUMNS


def test_spreadsheetml_hidden_rows_and_columns(tmp_path):
    def row(values, hidden=False):
        return ('<Row ss:Hidden="1">' if hidden else "<Row>") + "".join(xml_cell(v) for v in values) + "</Row>"
    table = ('<Column ss:Width="30"/><Column ss:Hidden="1"/><Column ss:Index="4" ss:Hidden="1" ss:Span="1"/>'
             + "".join(row(v, i in HIDDEN_ROWS) for i, v in enumerate(ROWS)))
    (sheet,) = read_ledgers([write_spreadsheetml(tmp_path / "台账.xml", {"2025年": table})])
    assert sheet.hidden_rows == HIDDEN_ROWS and sheet.hidden_columns == {1, 3, 4}


def test_html_rows_hidden_by_their_style(tmp_path):
    from xml.sax.saxutils import escape

    from .ledger_files import as_text
    hidden = '<tr style="height:0;display: none">'
    rows = "".join((hidden if i in HIDDEN_ROWS else "<tr>")
                   + "".join(f"<td>{escape(as_text(v))}</td>" for v in values) + "</tr>" for i, values in enumerate(ROWS))
    (sheet,) = read_ledgers([write_html(tmp_path / "台账.xls", [rows])])
    assert_hidden(sheet, columns=False)
    assert count([tmp_path / "台账.xls"]).hidden_rows == [RowRef("台账.xls", "", r) for r in (4, 5, 9)]


def test_a_text_ledger_has_nothing_hidden(tmp_path):
    from .ledger_files import write_text
    (sheet,) = read_ledgers([write_text(tmp_path / "台账.csv", ROWS, "utf-8")])
    assert sheet.hidden_rows == frozenset() and sheet.hidden_columns == frozenset()
