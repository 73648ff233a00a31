"""Workbooks in the layouts clerks use are read exactly."""

from __future__ import annotations

import re
from decimal import Decimal

import openpyxl
import pytest

from govreport_gui.core import recalculate
from govreport_gui.core.checks import check_report
from govreport_gui.core.forms import CellKey, get_form
from govreport_gui.io.registry import read_report

from .builders import as_clerk_types, filled_report, official, plain_list, rewrite_zip, save, set_cached_values, variant, zip_parts

VERSIONS = ("2019", "2021")


def assert_same_values(imported, source):
    assert imported.form_version == source.form_version
    assert imported.values == source.values


@pytest.mark.parametrize("version", VERSIONS)
def test_official_layout_each_table_on_its_own_sheet(tmp_path, version):
    source = filled_report(version)
    result = read_report(save(official(source), tmp_path / "a.xlsx"))
    assert_same_values(result.report, source)
    assert result.kind == "xlsx"
    # Totals typed in the file are kept as printed, and agree with the recomputed ones.
    computed = recalculate(source.form, source.values)
    assert result.report.printed == {k: computed[k] for k in source.form.computed_keys()}
    assert not [f for f in check_report(result.report) if f.rule in {t.rule for t in source.form.totals}]
    assert result.report.meta.year == source.meta.year
    assert result.report.meta.agency == source.meta.agency


@pytest.mark.parametrize("version", VERSIONS)
def test_all_tables_on_one_sheet_shifted_without_merges(tmp_path, version):
    source = filled_report(version, seed=7)
    wb = official(source, one_sheet=True, origin=(9, 4), merged=False, title=False)
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert_same_values(result.report, source)
    assert result.notes == []


def test_tables_side_by_side_on_one_sheet(tmp_path):
    source = filled_report("2021", seed=11)
    wb = official(source, one_sheet=True, side_by_side=True)
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert_same_values(result.report, source)


@pytest.mark.parametrize("version", VERSIONS)
def test_label_variants_and_line_breaks(tmp_path, version):
    source = filled_report(version, seed=5)
    wb = official(source, label=variant)
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert_same_values(result.report, source)
    assert [n for n in result.notes if "标签" in n] == []


@pytest.mark.parametrize("version", VERSIONS)
def test_plain_list_of_label_value_rows(tmp_path, version):
    source = filled_report(version, seed=3)
    result = read_report(save(plain_list(source, label=variant), tmp_path / "a.xlsx"))
    assert_same_values(result.report, source)


def test_row_label_followed_by_its_single_value(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["行政许可", 12], ["行政处罚", "3件"], ["行政事业性收费", "399539300元"],
                ["行政复议", "结果维持", 2], ["行政复议", "尚未审结", 1]):
        ws.append(row)
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    v = result.report.values
    assert result.report.form_version == "2021"
    assert v[CellKey("二", "行政许可", "本年处理决定数量")] == 12
    assert v[CellKey("二", "行政处罚", "本年处理决定数量")] == 3
    assert v[CellKey("二", "行政事业性收费", "本年收费金额（单位：万元）")] == Decimal("39953.93")
    assert v[CellKey("四", "行政复议", "结果维持")] == 2
    assert v[CellKey("四", "行政复议", "尚未审结")] == 1
    assert any(n.startswith("Sheet!B2：") and "“3件”按3读取" in n for n in result.notes), result.notes
    assert any("Sheet!B3：" in n and "39953.93" in n for n in result.notes), result.notes


@pytest.mark.parametrize("version", VERSIONS)
def test_numbers_typed_as_text(tmp_path, version):
    source = filled_report(version, seed=9)
    wb = official(source, number=as_clerk_types)
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert_same_values(result.report, source)
    conversions = [n for n in result.notes if "读取" in n]
    assert conversions and all(re.match(r"^(年报|表[二三四])![A-Z]+\d+：", n) for n in conversions), conversions


def test_blank_marks_and_money_units(tmp_path):
    source = filled_report("2019", seed=2)
    wb = official(source)
    ws = wb["表二"]
    # Find the cells by their labels in the sheet the builder made and overwrite them.
    cells = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value in ("行政处罚", "政府集中采购", "规章"):
                cells[cell.value] = cell
    punish = cells["行政处罚"]
    ws.cell(row=punish.row, column=punish.column + 1, value="/")
    ws.cell(row=punish.row, column=punish.column + 2, value="—")
    ws.cell(row=punish.row, column=punish.column + 3, value="无")
    buy = cells["政府集中采购"]
    ws.cell(row=buy.row, column=buy.column + 2, value="399539300元")
    rule = cells["规章"]
    ws.cell(row=rule.row, column=rule.column + 1, value="-")
    ws.cell(row=rule.row, column=rule.column + 2, value="12abc")
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    v = result.report.values
    for col in ("上一年项目数量", "本年增/减", "处理决定数量"):
        assert CellKey("二", "行政处罚", col) not in v
    assert v[CellKey("二", "政府集中采购", "采购总金额")] == Decimal("39953.93")
    assert CellKey("二", "规章", "本年新公开数量") not in v
    ref = f"{openpyxl.utils.get_column_letter(rule.column + 2)}{rule.row}"
    assert any(n.startswith(f"表二!{ref}：") and "“12abc”不是数字" in n for n in result.notes), result.notes
    assert any("“/”按空白" in n for n in result.notes)


def test_money_header_in_yuan_converts_numeric_cells(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["第二十条第（八）项"])
    ws.append(["信息内容", "本年收费金额（元）"])
    ws.append(["行政事业性收费", 1234500])
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert result.report.values[CellKey("二", "行政事业性收费", "本年收费金额（单位：万元）")] == Decimal("123.45")
    assert any("Sheet!B3" in n and "123.45万元" in n for n in result.notes), result.notes


@pytest.mark.parametrize("typed,expected", [("1234500", "123.45"), ("1,234,500", "123.45"),
                                            ("１２３４５００", "123.45"), ("12万元", "12")])
def test_money_header_in_yuan_converts_text_cells_too(tmp_path, typed, expected):
    """WPS often stores numbers as text: a bare number under a 元 header is 元, not 万元."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["第二十条第（八）项"])
    ws.append(["信息内容", "本年收费金额（元）"])
    ws.append(["行政事业性收费", typed])
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert result.report.values[CellKey("二", "行政事业性收费", "本年收费金额（单位：万元）")] == Decimal(expected)


def test_formulas_with_cached_values_and_a_wrong_printed_total(tmp_path):
    source = filled_report("2021", seed=4)
    path = save(official(source, totals="formulas"), tmp_path / "a.xlsx")
    form = source.form
    computed = recalculate(form, source.values)
    table = form.tables["三"]
    # As saved by Excel: every formula has its cached value; one printed total is wrong.
    wb = openpyxl.load_workbook(path)
    ws = wb["表三"]
    cached = {}
    wrong = CellKey("三", table.rows[-2], "自然人")
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("=SUM"):
                key = _key_at(form, ws, cell)
                cached[cell.coordinate] = computed[key] + (5 if key == wrong else 0)
    set_cached_values(path, "xl/worksheets/sheet2.xml", cached)
    result = read_report(path)
    assert_same_values(result.report, source)
    assert result.report.printed[wrong] == computed[wrong] + 5
    messages = [f.message for f in check_report(result.report) if f.rule == "三.result_total"]
    assert len(messages) == 1 and "文件所列合计为" in messages[0] and "相差5" in messages[0]


def _key_at(form, ws, cell):
    """The CellKey of a cell in the builder's layout (table at row 2 after its heading)."""
    table = form.tables["三"]
    for g in table.grid:
        if g.key and (2 + g.row, 1 + g.col) == (cell.row, cell.column):
            return g.key
    raise AssertionError(cell.coordinate)


def test_formulas_without_cached_values_are_recomputed(tmp_path):
    source = filled_report("2021", seed=6)
    wb = official(source, totals="formulas")
    ws = wb["表二"]
    # An input written as a formula by a program (no cached value): =2+3 and =B7*2.
    ws["B7"] = "=2+3"
    ws["C7"] = "=B7*2"
    ws["D7"] = "=VLOOKUP(1,A1:A2,1)"   # cannot be recomputed here
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    v = result.report.values
    row = get_form("2021").tables["二"].rows[1]
    assert v[CellKey("二", row, "本年制发件数")] == 5
    assert v[CellKey("二", row, "本年废止件数")] == 10
    assert CellKey("二", row, "现行有效件数") not in v
    assert any("表二!B7" in n and "重新计算为5" in n for n in result.notes), result.notes
    assert any("表二!D7" in n and "无法重新计算" in n for n in result.notes), result.notes
    # Totals without cached values: recomputed from their formulas, they agree with the core.
    computed = recalculate(source.form, source.values)
    for key in source.form.computed_keys():
        if key.table == "三":
            assert result.report.printed[key] == computed[key]
    assert any("没有保存计算结果" in n for n in result.notes)


def test_version_recognised_from_labels(tmp_path):
    for version in VERSIONS:
        result = read_report(save(official(filled_report(version), title=False), tmp_path / f"{version}.xlsx"))
        assert result.report.form_version == version
        assert not any("不能区分格式版本" in n for n in result.notes)


def test_version_by_year_when_labels_do_not_tell(tmp_path):
    """Only table 四 (identical in both versions): the title's year decides."""
    for year, version in ((2020, "2019"), (2023, "2021")):
        report = filled_report(version, year=year)
        wb = official(report)
        del wb["表二"], wb["表三"]
        ws = wb["表四"]
        ws["A1"] = f"某某镇人民政府{year}年政府信息公开工作年度报告"
        result = read_report(save(wb, tmp_path / f"{year}.xlsx"))
        assert result.report.form_version == version
        assert result.report.meta.year == year
        assert result.report.meta.agency == "某某镇人民政府"
        assert any("不能区分格式版本" in n for n in result.notes)
        assert any("没有找到表二、表三" in n for n in result.notes)
        assert {k for k in result.report.values} == {k for k in report.values if k.table == "四"}


def _relabel(wb, sheet: str, official: str, printed: str) -> str:
    for row in wb[sheet].iter_rows():
        for cell in row:
            if cell.value == official:
                cell.value = printed
                return cell.coordinate
    raise AssertionError(official)


def test_unknown_label_inside_a_table_is_reported(tmp_path):
    """A row label nothing like the official one of its place: its figures are not read, and
    the note names the cell, the label and the row it might be."""
    source = filled_report("2021")
    wb = official(source)
    where = _relabel(wb, "表三", "2.重复申请", "本单位自拟的统计事项")
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert any(n.startswith(f"表三!{where}：") and "不是2021版格式的标签" in n and "“2.重复申请”" in n
               and "该行数字未读取" in n for n in result.notes), result.notes
    assert CellKey("三", "2.重复申请", "自然人") not in result.report.values


def test_label_written_otherwise_is_read_with_a_note(tmp_path):
    """A row label worded otherwise in the place of an official row, and like it, is read as that
    row, and the note says what was read as what."""
    source = filled_report("2021")
    wb = official(source)
    where = _relabel(wb, "表三", "2.重复申请", "2.重复申请的事项（自拟）")
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert any(n.startswith(f"表三!{where}：") and "“2.重复申请的事项（自拟）”" in n and "按“2.重复申请”读取" in n
               for n in result.notes), result.notes
    assert not any("请改为" in n for n in result.notes), result.notes
    assert_same_values(result.report, source)


def test_wps_wrong_dimension_is_ignored(tmp_path):
    source = filled_report("2021", seed=8)
    path = save(official(source), tmp_path / "a.xlsx")
    parts = zip_parts(path)
    for name in list(parts):
        if name.startswith("xl/worksheets/sheet"):
            parts[name] = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', parts[name])
    rewrite_zip(path, parts)
    assert_same_values(read_report(path).report, source)


def test_xlsm_is_read_and_macros_are_not_kept(tmp_path):
    source = filled_report("2021", seed=12)
    path = save(official(source), tmp_path / "a.xlsx")
    parts = zip_parts(path)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    parts["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 not a real macro project"
    xlsm = tmp_path / "a.xlsm"
    rewrite_zip(xlsm, parts)
    result = read_report(xlsm)
    assert_same_values(result.report, source)
    assert "工作簿含有宏（VBA），宏没有运行，只读取了单元格内容。" in result.notes


def test_figures_from_a_hidden_sheet_are_pointed_out(tmp_path):
    source = filled_report("2021", seed=16)
    wb = official(source)
    wb["表四"].sheet_state = "hidden"
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert_same_values(result.report, source)
    assert any("隐藏的工作表“表四”" in n for n in result.notes)


def test_wps_xlsx_named_xls_is_read_by_content(tmp_path):
    source = filled_report("2019", seed=13)
    path = save(official(source), tmp_path / "a.xls")
    result = read_report(path)
    assert result.kind == "xlsx"
    assert_same_values(result.report, source)


def test_version_from_where_the_figures_are_when_labels_tie(tmp_path):
    """Only 三 (identical labels but for （六）其他处理): a data row in 2019, a group in 2021."""
    source = filled_report("2019", seed=14)
    other = CellKey("三", "（六）其他处理", "自然人")
    source.set(other, 9)
    wb = official(source, title=False)
    del wb["表二"], wb["表四"]
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert result.report.form_version == "2019"
    assert result.report.values[other] == 9
    assert {k for k in result.report.values} == {k for k in source.values if k.table == "三"}


def test_numbers_on_a_group_label_row_are_reported(tmp_path):
    source = filled_report("2021", seed=15)
    wb = official(source)
    ws = wb["表三"]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "（六）其他处理":
                group_row = cell.row
    # A clerk used to the 2019 layout adds a row of figures for the group itself.
    ws.insert_rows(group_row)
    ws.cell(row=group_row, column=2, value="（六）其他处理")
    ws.cell(row=group_row, column=4, value=3)
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert result.report.form_version == "2021"
    assert any(n.startswith(f"表三!B{group_row}：“（六）其他处理”在2021版格式中是分组标题") for n in result.notes), \
        result.notes


def test_a_row_label_that_reads_as_a_column_label_is_reported(tmp_path):
    """“3.其他” written without its number reads as the column “其他”: not placed, and said so."""
    source = filled_report("2021", seed=17)
    wb = official(source)
    ws = wb["表三"]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "3.其他":
                cell.value = "其他"
                where = cell.coordinate
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    [note] = [n for n in result.notes if n.startswith(f"表三!{where}：")]
    assert note.startswith(f"表三!{where}：表三中的“其他”在2021版格式中是列标题，不是行标签"), note
    assert "“3.其他”" in note and "请改为格式中的行标签后重新导入" in note


@pytest.mark.parametrize("typed, col, expected", [
    ("1,234", "上一年项目数量", 1234),
    ("１２", "上一年项目数量", 12),
    ("12件", "上一年项目数量", 12),
    ("12 项", "处理决定数量", 12),
    ("+3", "本年增/减", 3),
    ("-12", "本年增/减", -12),
    ("－12", "本年增/减", -12),
    (12.0, "处理决定数量", 12),
    ("—", "处理决定数量", None),
    ("无", "处理决定数量", None),
    ("-", "处理决定数量", None),
    ("\u3000", "处理决定数量", None),
])
def test_each_way_clerks_type_a_count(tmp_path, typed, col, expected):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["第二十条第（五）项"])
    ws.append(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"])
    row = ["行政许可", None, None, None]
    row[1 + ["上一年项目数量", "本年增/减", "处理决定数量"].index(col)] = typed
    ws.append(row)
    ws.append(["第二十条第（九）项"])
    ws.append(["信息内容", "采购项目数量", "采购总金额"])
    ws.append(["政府集中采购", 1, "2009.54万元"])
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert result.report.form_version == "2019"
    assert result.report.values.get(CellKey("二", "行政许可", col)) == expected
    assert result.report.values[CellKey("二", "政府集中采购", "采购总金额")] == Decimal("2009.54")


@pytest.mark.parametrize("version", VERSIONS)
def test_random_layouts(tmp_path, version):
    """Any mix of position, merges, one sheet or several, label variants and typed numbers."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(seed=st.integers(0, 10**6), row=st.integers(1, 40), col=st.integers(1, 12), merged=st.booleans(),
           one_sheet=st.booleans(), side=st.booleans(), variants=st.booleans(), text=st.booleans(),
           title=st.booleans())
    def check(seed, row, col, merged, one_sheet, side, variants, text, title):
        source = filled_report(version, seed=seed)
        wb = official(source, one_sheet=one_sheet, origin=(row, col), merged=merged, title=title,
                      label=variant if variants else (lambda t: t), number=as_clerk_types if text else None,
                      side_by_side=side)
        result = read_report(save(wb, tmp_path / "r.xlsx"))
        assert_same_values(result.report, source)
        assert not [n for n in result.notes if n.kind in ("unplaced", "problem")], result.notes

    check()


def test_metadata_in_label_value_cells_and_a_two_line_title(tmp_path):
    source = filled_report("2021", seed=19, year=2023)
    wb = official(source, title=False)
    ws = wb["表二"]
    ws.insert_rows(1, 6)
    ws["A1"] = "某某区人民政府办公室2023年"
    ws["A2"] = "政府信息公开工作年度报告"
    ws["A3"] = "电话：0791-1234567"
    ws["A4"] = "电子邮箱"
    ws["B4"] = "gk@example.gov.cn"
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    meta = result.report.meta
    assert (meta.agency, meta.year) == ("某某区人民政府办公室", 2023)
    assert meta.phone == "0791-1234567" and meta.email == "gk@example.gov.cn"
    assert_same_values(result.report, source)


def test_a_row_without_its_column_headers_says_what_to_do(tmp_path):
    source = filled_report("2021", seed=3)
    wb = official(source)
    ws = wb["表二"]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value in ("本年制发件数", "本年废止件数", "现行有效件数"):
                cell.value = "件数"
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    [note] = [n for n in result.notes if "找到表二的行“规章”" in n]
    assert "没有找到对应的数字" in note and "列标题是否与官方格式一致" in note and "手工填写" in note
    assert not any(k.row == "规章" for k in result.report.values)
