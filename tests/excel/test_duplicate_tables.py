"""A workbook holding a table twice: the most complete copy is read (ties: the first), and the clerk is told about the others."""

from __future__ import annotations

import pytest

from govreport_gui.core.forms import CellKey, get_form
from govreport_gui.io.import_preview import DUPLICATES_TITLE, build_preview
from govreport_gui.io.notes import kind_of
from govreport_gui.io.registry import read_report

from .builders import filled_report, official, plain_list, save, variant

FORM = get_form("2021")
THREE = FORM.tables["三"]
NEW = CellKey("三", THREE.rows[0], "自然人")   # 表三!D5 in the builder's layout


def _duplicate_notes(result):
    return [n for n in result.notes if "出现了" in n]


def _three_values(report):
    return {k: v for k, v in report.values.items() if k.table == "三"}


def test_a_copied_sheet_with_the_same_figures(tmp_path):
    source = filled_report("2021", seed=8)
    wb = official(source)
    wb.copy_worksheet(wb["表三"]).title = "表三 (2)"
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert _three_values(result.report) == _three_values(source)
    [note] = _duplicate_notes(result)
    assert note.startswith("表三在文件中出现了2份")
    assert "表三!A5:J" in note and "（已读取）" in note and "表三 (2)!A5:J" in note
    assert "数字相同" in note and kind_of(note) == "info"
    preview = build_preview(result)
    assert note in preview.other and not preview.duplicates


def test_a_copy_with_different_figures_is_a_warning_in_the_preview(tmp_path):
    source = filled_report("2021", seed=8)
    wb = official(source)
    copy = wb.copy_worksheet(wb["表三"])
    copy.title = "Sheet1 (2)"
    copy["D5"] = source.values[NEW] + 7
    copy["E6"] = "12件" if source.values.get(CellKey("三", THREE.rows[1], "商业企业")) != 12 else "13件"
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert result.report.values[NEW] == source.values[NEW]          # the first copy was read
    [note] = _duplicate_notes(result)
    assert kind_of(note) == "duplicate"
    assert "表三!A5:" in note and "Sheet1 (2)!A5:" in note and "2 个数字不同" in note
    assert f"表三!D5 为{source.values[NEW]}" in note and f"Sheet1 (2)!D5 为{source.values[NEW] + 7}" in note
    assert "已读取最完整的一份" in note and "重新导入" in note
    preview = build_preview(result)
    assert preview.duplicates == [note] and preview.needs_attention
    assert dict(preview.groups())[DUPLICATES_TITLE] == [note]


def test_the_first_sheet_is_read_even_when_it_is_the_copy(tmp_path):
    source = filled_report("2021", seed=8)
    wb = official(source)
    copy = wb.copy_worksheet(wb["表三"])
    copy.title = "旧表三"
    copy["D5"] = source.values[NEW] + 1
    wb.move_sheet(copy, offset=-(len(wb.sheetnames) - 1))
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert result.report.values[NEW] == source.values[NEW] + 1
    [note] = _duplicate_notes(result)
    assert "旧表三!A5:J" in note.split("（已读取）")[0] and "1 个数字不同" in note


def test_the_same_table_twice_on_one_sheet(tmp_path):
    """表三 pasted a second time below the first, with one figure changed."""
    source = filled_report("2021", seed=9)
    wb = official(source)
    ws = wb["表三"]
    height = ws.max_row
    for row in ws.iter_rows(min_row=1, max_row=height):
        for cell in row:
            if cell.value is not None:
                ws.cell(row=cell.row + height + 3, column=cell.column, value=cell.value)
    below = ws.cell(row=5 + height + 3, column=4)
    below.value = (below.value or 0) + 1
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert _three_values(result.report) == _three_values(source)
    [note] = _duplicate_notes(result)
    assert f"表三!A{5 + height + 3}:" in note and "1 个数字不同" in note and kind_of(note) == "duplicate"


def test_a_hidden_older_copy_is_reported(tmp_path):
    source = filled_report("2021", seed=8)
    wb = official(source)
    copy = wb.copy_worksheet(wb["表二"])
    copy.title = "上年表二"
    copy.sheet_state = "hidden"
    copy["C6"] = 99
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    [note] = _duplicate_notes(result)
    assert note.startswith("表二在文件中出现了2份") and "上年表二!" in note and kind_of(note) == "duplicate"


@pytest.mark.parametrize("first", [False, True])
def test_a_label_mentioned_elsewhere_is_no_copy(tmp_path, first):
    """One row label with a number on another sheet (a note, a summary) is not a second table —
    wherever that sheet is, the table's figure is read and the differing mention is pointed out."""
    source = filled_report("2021", seed=8)
    wb = official(source)
    ws = wb.create_sheet("说明")
    ws["A1"] = "行政许可"
    ws["B1"] = 3
    if first:
        wb.move_sheet(ws, offset=-(len(wb.sheetnames) - 1))
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert not _duplicate_notes(result)
    assert result.report.values.get(LICENCE) == source.values.get(LICENCE) != 3
    [note] = [n for n in result.notes if n.startswith("说明!B1")]
    assert "不同" in note and "已读取 表二!" in note and "请核对" in note


LICENCE = CellKey("二", "行政许可", "本年处理决定数量")
PENALTY = CellKey("二", "行政处罚", "本年处理决定数量")


def test_a_summary_table_before_the_official_one_is_not_read(tmp_path):
    """A small summary (事项 | 数量) on a 说明 sheet placed first must not beat the full 表二."""
    source = filled_report("2021", seed=8)
    source.values[LICENCE], source.values[PENALTY] = 7, 8
    wb = official(source)
    ws = wb.create_sheet("说明")
    ws.append(["事项", "数量（件）"])
    ws.append(["行政许可", 512])
    ws.append(["行政处罚", 33])
    wb.move_sheet(ws, offset=-(len(wb.sheetnames) - 1))
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert result.report.values[LICENCE] == 7 and result.report.values[PENALTY] == 8
    two = {k: v for k, v in result.report.values.items() if k.table == "二"}
    assert two == {k: v for k, v in source.values.items() if k.table == "二"}
    [note] = _duplicate_notes(result)
    assert note.startswith("表二在文件中出现了2份") and kind_of(note) == "duplicate"
    assert "说明!A2:B3" in note and "2 个数字不同" in note
    assert "为7（已读取）" in note and "说明!B2 为512" in note
    assert note.split("（已读取）")[0].endswith(note.split("已读取最完整的一份（")[1].split("）")[0])


def test_a_partial_first_copy_is_not_mixed_with_the_full_table(tmp_path):
    """The first rows of 表三, with other figures, on a sheet before the full 表三: every figure of
    表三 comes from the full table, none from the partial copy, and the note says so."""
    source = filled_report("2021", seed=8)
    wb = official(source)
    part = wb.create_sheet("摘要")
    for row in wb["表三"].iter_rows(min_row=1, max_row=7):
        for cell in row:
            if cell.value is not None:
                value = cell.value + 100 if isinstance(cell.value, int) else cell.value
                part.cell(row=cell.row, column=cell.column, value=value)
    wb.move_sheet(part, offset=-(len(wb.sheetnames) - 1))
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert _three_values(result.report) == _three_values(source)
    [note] = _duplicate_notes(result)
    assert kind_of(note) == "duplicate" and "表三!A5:J" in note and "摘要!A5:" in note
    assert f"表三!D5 为{source.values[NEW]}（已读取）" in note and f"摘要!D5 为{source.values[NEW] + 100}" in note
    assert "已读取最完整的一份（表三!A5:J" in note and "只在" not in note


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("layout", ["sheets", "one_sheet", "side_by_side", "variant", "plain"])
def test_no_duplicate_note_for_a_single_copy(tmp_path, version, layout):
    source = filled_report(version, seed=3)
    if layout == "plain":
        wb = plain_list(source)
    else:
        kwargs = {"one_sheet": {"one_sheet": True}, "side_by_side": {"one_sheet": True, "side_by_side": True},
                  "variant": {"label": variant}}.get(layout, {})
        wb = official(source, **kwargs)
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert not _duplicate_notes(result), result.notes


def test_the_preview_dialog_shows_differing_copies_first_and_open(qtbot, tmp_path):
    from govreport_gui.qt.import_preview_dialog import ImportPreviewDialog

    source = filled_report("2021", seed=8)
    wb = official(source)
    wb.copy_worksheet(wb["表三"])["D5"] = source.values[NEW] + 7
    path = save(wb, tmp_path / "a.xlsx")
    dialog = ImportPreviewDialog(read_report(path), path)
    qtbot.addWidget(dialog)
    dialog.show()
    branch = dialog.tree.topLevelItem(0)
    assert branch.text(0) == f"{DUPLICATES_TITLE}（1）"
    assert branch.isExpanded() and branch.foreground(0).color().name() == "#b00000"
    assert "表三 Copy!D5" in branch.child(0).text(0)
    assert "需要核对" in dialog.summary.text()


def test_two_copies_of_table_four_side_by_side(tmp_path):
    """表四 pasted again to the right of itself with one figure changed: two copies, each named by
    its own area, and no header of the right copy read as a figure of the left one."""
    source = filled_report("2021", seed=8)
    wb = official(source)
    ws = wb["表四"]
    height, width = ws.max_row, ws.max_column
    for row in ws.iter_rows(min_row=1, max_row=height):
        for cell in row:
            if cell.value is not None:
                ws.cell(row=cell.row, column=cell.column + width + 2, value=cell.value)
    ws.cell(row=5, column=width + 3).value += 1
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    four = {k: v for k, v in result.report.values.items() if k.table == "四"}
    assert four == {k: v for k, v in source.values.items() if k.table == "四"}
    [note] = [n for n in result.notes if "表四" in n]
    assert note.startswith("表四在文件中出现了2份：表四!A2:O5（已读取）、表四!R2:AF5；"), note
    assert "1 个数字不同" in note and "表四!R5 为" in note


@pytest.mark.parametrize("at", ["H1", "F2", "E9"])
def test_a_summary_on_the_same_sheet_does_not_fill_the_table(tmp_path, at):
    """The same summary beside or above 表二 on its own sheet: the table's figures are read, the
    summary is the other copy (named by its own cells)."""
    source = filled_report("2021", seed=8)
    source.values[LICENCE], source.values[PENALTY] = 7, 8
    wb = official(source)
    ws = wb["表二"]
    col, row = at[0], int(at[1:])
    right = chr(ord(col) + 1)
    for i, (label, value) in enumerate((("事项", "数量（件）"), ("行政许可", 512), ("行政处罚", 33))):
        ws[f"{col}{row + i}"], ws[f"{right}{row + i}"] = label, value
    result = read_report(save(wb, tmp_path / "a.xlsx"))
    assert result.report.values[LICENCE] == 7 and result.report.values[PENALTY] == 8
    [note] = _duplicate_notes(result)
    assert f"（已读取）、表二!{col}{row + 1}:{right}{row + 2}；" in note and "2 个数字不同" in note
