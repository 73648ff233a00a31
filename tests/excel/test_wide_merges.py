"""Workbooks made by opening a published web page in an office suite are read whole.

The whole page is on one sheet and every label and figure is in a wide merged cell (headers
G:M, N:T, U:AA above figures in the same merges, row labels merged A:F, band labels merged down);
the table locator judges positions on the logical grid (``SheetGrid``: a merged range is one
cell, empty spacer columns/rows do not count).  Sheets are built here with openpyxl in several
styles, and by LibreOffice itself from an HTML page of the official tables (Calc's HTML import
merges every cell over the columns of all the page's tables).
"""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from govreport_gui.core import recalculate
from govreport_gui.core.forms import CellKey, get_form
from govreport_gui.io.locate.sheet_grid import MAX_COLS, MAX_MERGES, MAX_ROWS, SheetGrid
from govreport_gui.io.published.tables import PublishedTable, read_tables
from govreport_gui.io.registry import read_report

from .builders import filled_report, rewrite_zip, soffice_convert, zip_parts
from .wide_merges import STYLES, Style, web_page_html, web_sheet, word_grids

VERSIONS = ("2019", "2021")


def expected(source, style: Style) -> dict:
    """The figures a reader must find: all of them (a zero the page left blank reads as blank)."""
    return {k: v for k, v in source.values.items() if not (style.blank_zeros and v == 0)}


def assert_read_whole(result, source, style: Style = Style()) -> None:
    assert result.report.form_version == source.form_version
    assert result.report.values == expected(source, style)
    computed = recalculate(source.form, source.values)
    assert result.report.printed == {k: computed[k] for k in result.report.printed}
    assert len(result.report.printed) >= len(source.form.computed_keys()) - 10   # blank zero totals aside
    texts = [str(n) for n in result.notes]
    assert not [t for t in texts if "没有找到" in t or "未读取" in t or "格式版本" in t], texts


@pytest.mark.parametrize("style_name", list(STYLES))
@pytest.mark.parametrize("version", VERSIONS)
def test_page_pasted_with_wide_merges_is_read_whole(tmp_path, version, style_name):
    style = STYLES[style_name]
    source = filled_report(version, seed=3)
    path = tmp_path / "page.xlsx"
    web_sheet(source, style).save(path)
    result = read_report(path)
    assert_read_whole(result, source, style)
    assert result.report.meta.year == source.meta.year
    assert result.report.meta.agency == source.meta.agency


def test_the_sheets_really_are_wide_merges(tmp_path):
    """The corpus is what the issue describes: 二's headers in G:M, N:T, U:AA, row labels in A:F."""
    source = filled_report("2021", seed=3)
    ws = web_sheet(source, STYLES["G:M N:T U:AA"]).active
    ranges = {str(r) for r in ws.merged_cells.ranges}
    header_row = next(c.row for c in ws["G"] if c.value == "本年制发件数")
    assert {f"G{header_row}:M{header_row}", f"N{header_row}:T{header_row}", f"U{header_row}:AA{header_row}",
            f"A{header_row}:F{header_row}"} <= ranges
    assert any(r.min_row < r.max_row and r.min_col == 1 for r in ws.merged_cells.ranges)   # a band label


@pytest.mark.parametrize("version", VERSIONS)
def test_notes_name_what_was_not_read(tmp_path, version):
    """A figure the page wrote as words and a row whose label is not the format's: each note
    names the cell; the rest is read."""
    form = get_form(version)
    source = filled_report(version, seed=8)
    wb = web_sheet(source, STYLES["uneven widths"])
    ws = wb.active
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    second_row = form.tables["二"].rows[1]
    renamed = cells[second_row]
    renamed.value = "地方性法规"
    disclosed = form.tables["三"].rows[2]
    label = cells[disclosed]
    figure = next(c for c in ws[label.row] if c.column > label.column and c.value is not None)
    figure.value = "若干"
    path = tmp_path / "page.xlsx"
    wb.save(path)
    result = read_report(path)
    texts = [str(n) for n in result.notes]
    assert any(f"{ws.title}!{figure.coordinate}" in t and "若干" in t and "未读取" in t for t in texts), texts
    assert any(f"{ws.title}!{renamed.coordinate}" in t and "地方性法规" in t for t in texts), texts
    unread = {k for k in source.values if k.table == "二" and k.row == second_row}
    unread.add(CellKey("三", disclosed, form.tables["三"].cols[0]))
    want = {k: v for k, v in source.values.items() if k not in unread}
    assert {k: v for k, v in result.report.values.items() if k not in unread} == want
    assert result.report.form_version == version


def test_a_merge_over_the_whole_sheet_width_is_bounded(tmp_path):
    """Hostile merges (a title merged over all 16 384 columns, a range over the whole sheet, many
    merges) are clipped to the area read and do not change what is read."""
    source = filled_report("2021", seed=2)
    path = tmp_path / "page.xlsx"
    web_sheet(source, STYLES["G:M N:T U:AA"]).save(path)
    parts = zip_parts(path)
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    hostile = '<mergeCell ref="A1:XFD1"/>' + "".join(f'<mergeCell ref="AC{r}:XFD{r}"/>' for r in range(1, 3000))
    xml = xml.replace('<mergeCell ref="A1:AA1"/>', hostile, 1)
    assert 'ref="A1:XFD1"' in xml
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    rewrite_zip(path, parts)
    result = read_report(path)
    assert result.report.values == source.values


def test_logical_grid_of_a_sheet():
    sheet = SheetGrid("S")
    sheet.cells.update({(0, 0): "信息内容", (0, 6): "a", (0, 13): "b", (0, 21): "c", (1, 0): "规章", (1, 6): 1})
    for left, right in ((0, 5), (6, 12), (13, 19), (21, 27)):
        sheet.add_merge(0, left, 0, right)
        sheet.add_merge(1, left, 2, right)        # the figure row twice as tall
    # U is an empty spacer column between the merges; each merge is one logical column.
    assert sheet.col_steps(6, 13, 0, 1) == 1
    assert sheet.col_steps(6, 21, 0, 1) == 2
    assert sheet.col_steps(0, 21, 1, 1) == 3      # the figure row's empty merges count too
    assert sheet.next_columns(1, 0, 3) == [6, 13, 21]
    assert sheet.cell_right(1, 0) == 5 and sheet.cell_bottom(1, 6) == 2
    assert sheet.covered(2, 6) and sheet.covered(0, 7) and not sheet.covered(0, 6) and not sheet.covered(0, 20)
    sheet.cells[(3, 0)] = "x"
    assert sheet.row_steps(0, 3) == 2             # row 2 is inside the tall merges: no logical row
    # Without merges only empty columns collapse: never more than the physical distance.
    plain = SheetGrid("P", {(0, 1): "a", (0, 4): "b", (1, 2): 3})
    assert plain.col_steps(1, 4, 0, 1) == 2 and plain.col_steps(1, 4, 0, 0) == 1
    assert plain.columns_from(0, 2, 5, 0, 1) == [2, 4]


def test_hostile_merges_are_clipped_and_counted():
    sheet = SheetGrid("S", {(0, 0): "a", (5, 3): 1})
    assert sheet.add_merge(0, 0, 10**6, 16383)            # clipped to the area read
    assert sheet.merges[-1] == (0, 0, MAX_ROWS - 1, MAX_COLS - 1)
    assert not sheet.add_merge(4, 4, 4, 4) and not sheet.add_merge(5, 9, 4, 9)   # one slot / upside down
    for r in range(MAX_MERGES):
        sheet.add_merge(r % MAX_ROWS, 1, r % MAX_ROWS, 2)
    assert len(sheet.merges) == MAX_MERGES and not sheet.add_merge(1, 1, 1, 3)
    assert sheet.col_steps(0, 3, 0, MAX_ROWS - 1) <= 3
    assert sheet.row_steps(0, MAX_ROWS - 1) <= MAX_ROWS - 1


@pytest.mark.parametrize("version", VERSIONS)
def test_word_tables_with_wide_spans_are_read_whole(version):
    """Word (and web-page, PDF) tables come as grids of cells spanning grid columns; PublishedTable
    records them as merged ranges and they are read on the same logical grid."""
    source = filled_report(version, seed=6)
    grids = word_grids(source, widths=(5, 8, 3))
    sheet = PublishedTable(1, grids[0])
    assert any(right - left >= 4 for _, left, _, right in sheet.merges)
    read = read_tables(grids)
    assert read.located.form.version == version
    got = {k: v for k, v in read.values.items() if v is not None and k in source.form.input_keys()}
    assert got == {k: v for k, v in source.values.items() if v != 0}


@pytest.mark.parametrize("units", [False, True])
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_web_page_converted_by_libreoffice_calc(tmp_path, soffice, version, fmt, units):
    """An HTML page of the official tables (rowspan/colspan), opened by LibreOffice Calc and saved
    as a workbook: Calc merges every cell over the page's common columns."""
    source = filled_report(version, seed=4 + units)
    page = tmp_path / f"report{version}.html"
    page.write_text(web_page_html(source, units=units, blank_zeros=True), encoding="utf-8")
    converted = soffice_convert(page, fmt, tmp_path / "out", infilter="HTML (StarCalc)")
    if fmt == "xlsx":   # the conversion is the layout the issue describes: wide merged cells
        with zipfile.ZipFile(converted) as zf:
            assert zf.read("xl/worksheets/sheet1.xml").count(b"<mergeCell ") > 50
        ws = openpyxl.load_workbook(converted).active
        assert any(r.max_col - r.min_col >= 4 and r.min_col > 1 for r in ws.merged_cells.ranges)
    result = read_report(converted)
    assert_read_whole(result, source, Style(blank_zeros=True))
    assert result.kind == fmt


def test_metadata_beside_its_label_across_merges_and_spacers(tmp_path):
    """``电话`` merged A:D, an empty spacer column, the number merged F:K: read as its value."""
    source = filled_report("2021", seed=3)
    wb = web_sheet(source, STYLES["spacer columns"])
    ws = wb.active
    row = ws.max_row + 2
    ws.cell(row, 1, "电话")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    ws.cell(row, 6, "0123-45678901")
    ws.merge_cells(start_row=row, start_column=6, end_row=row, end_column=11)
    wb.save(tmp_path / "page.xlsx")
    result = read_report(tmp_path / "page.xlsx")
    assert result.report.meta.phone == "0123-45678901"
    assert result.report.values == source.values


def test_xls_merged_ranges_read_from_their_records_and_a_damaged_one_is_harmless(tmp_path, soffice):
    """.xls merged ranges come from the sheet's MERGEDCELLS records (read here, bounded: xlrd's
    own formatting pass keeps every blank cell and can take gigabytes on a damaged file); a record
    whose count claims more ranges than it holds is read as far as it goes."""
    source = filled_report("2019", seed=12)
    path = tmp_path / "page.xlsx"
    web_sheet(source, STYLES["spacer columns"]).save(path)
    xls = soffice_convert(path, "xls", tmp_path / "lo")
    from govreport_gui.io.workbook.excel_import import _load_xls
    merges = set(_load_xls(xls)[0].merges)
    want = {(r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1)
            for r in openpyxl.load_workbook(path).active.merged_cells.ranges}
    assert merges == want
    data = bytearray(xls.read_bytes())
    at = data.find(b"\xe5\x00")
    while at >= 0 and int.from_bytes(data[at + 2:at + 4], "little") < 10:
        at = data.find(b"\xe5\x00", at + 1)
    assert at > 0
    data[at + 4:at + 6] = b"\xff\xff"             # the count: 65 535 ranges
    xls.write_bytes(bytes(data))
    result = read_report(xls)
    assert result.report.values == source.values
