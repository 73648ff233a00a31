"""Formulas without a cached value (files written by programs that never calculated).

The sheets are written by openpyxl, then the formula cells are replaced in the sheet XML by hand
(openpyxl writes neither shared formulas nor cached error values).  A formula is recomputed only
when every cell it uses can be; otherwise the cell is left blank with a note that says why and
what to do — never a number made up by counting an unreadable cell as 0.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from govreport_gui.core import recalculate
from govreport_gui.core.forms import CellKey, get_form
from govreport_gui.io.import_preview import build_preview
from govreport_gui.io.notes import kind_of
from govreport_gui.io.registry import read_report
from govreport_gui.io.workbook.excel_formula import CannotEvaluate, SheetEvaluator

from .builders import balance, filled_report, official, save, set_cells

FORM = get_form("2021")
TWO = "xl/worksheets/sheet1.xml"     # 表二
THREE = "xl/worksheets/sheet2.xml"   # 表三
ROW_B7 = FORM.tables["二"].rows[1]   # 表二 row 7: 行政规范性文件
B7 = CellKey("二", ROW_B7, "本年制发件数")
B6 = CellKey("二", FORM.tables["二"].rows[0], "本年制发件数")


def _notes_about(result, ref):
    return [n for n in result.notes if ref in n]


# ---------------------------------------------------------------------------------------------
# Shared formulas


def test_shared_formula_cells_are_recomputed_from_the_first_cell(tmp_path):
    """表三 row 二 written as one shared formula D6:I6 (=SUM(D45:D46) moved along the row): the
    file has the text only in D6; E6…I6 are recomputed too, and so are formulas using them."""
    source = filled_report("2021", seed=6)
    table = FORM.tables["三"]
    carried_in, published = table.rows[1], table.rows[2]
    cols = table.cols[:-1]
    for i, col in enumerate(cols):
        source.set(CellKey("三", carried_in, col), 3 + 2 * i)
    source.set(CellKey("三", published, "自然人"), 5 + 1)   # D7 = E6 + 1
    balance(source)
    wb = official(source)
    ws = wb["表三"]
    letters = "DEFGHI"
    for i, letter in enumerate(letters):           # the figures the shared formula adds up
        ws[f"{letter}45"] = 3 + 2 * i - 1
        ws[f"{letter}46"] = 1
    path = save(wb, tmp_path / "shared.xlsx")
    cells = {"D6": '<f t="shared" ref="D6:I6" si="0">SUM(D45:D46)</f>'}
    cells.update({f"{letter}6": '<f t="shared" si="0"/>' for letter in letters[1:]})
    cells["D7"] = "<f>E6+1</f>"
    cells["J6"] = "<f>SUM(D6:I6)</f>"               # the printed total, also without a value
    set_cells(path, THREE, cells)

    result = read_report(path)
    values = result.report.values
    for i, col in enumerate(cols):
        assert values[CellKey("三", carried_in, col)] == 3 + 2 * i, col
    assert values[CellKey("三", published, "自然人")] == 6
    total = CellKey("三", carried_in, "总计")
    assert result.report.printed[total] == recalculate(FORM, source.values)[total] == sum(3 + 2 * i for i in range(6))
    assert any("表三!E6" in n and "=SUM(E45:E46)" in n and "重新计算为5" in n for n in result.notes), result.notes
    assert not [n for n in result.notes if kind_of(n) == "problem"], result.notes


# ---------------------------------------------------------------------------------------------
# Cells that cannot be recomputed: nothing made up


Z30_CASES = {
    "other sheet": ("<f>表四!A5</f>", "其他工作表“表四”"),
    "shared cell whose group is unknown": ('<f t="shared" si="7"/>', "读不到它的公式内容"),
    "unsupported function": ("<f>VLOOKUP(1,A1:A2,1)</f>", "函数 VLOOKUP"),
    "circular": ("<f>B7*1</f>", "循环引用"),
    "error value": ('<c r="Z30" t="e"><v>#DIV/0!</v></c>', "错误值 #DIV/0!"),
    "text": ('<c r="Z30" t="inlineStr"><is><t>待填</t></is></c>', "是文字“待填”"),
}


@pytest.mark.parametrize("case", list(Z30_CASES))
def test_a_formula_using_a_cell_that_cannot_be_evaluated_is_not_recomputed(tmp_path, case):
    """=B6+Z30 where Z30 cannot be evaluated: not B6+0, but blank with a note naming the cell."""
    z30, reason = Z30_CASES[case]
    source = filled_report("2021", seed=6)
    assert source.values.get(B7) is None and source.values[B6] == 5
    wb = official(source)
    wb["表二"]["B7"] = 0
    wb["表二"]["Z30"] = 0
    path = save(wb, tmp_path / "a.xlsx")
    set_cells(path, TWO, {"B7": "<f>B6+Z30</f>", "Z30": z30})

    result = read_report(path)
    assert B7 not in result.report.values
    assert result.report.values[B6] == 5
    notes = _notes_about(result, "表二!B7")
    assert len(notes) == 1, result.notes
    note = notes[0]
    assert kind_of(note) == "problem"
    assert "行政规范性文件" in note and "=B6+Z30" in note and "Z30" in note.split("=B6+Z30", 1)[1]
    assert reason in note and "无法重新计算" in note
    assert "F9" in note and "手工填写" in note          # says what to do
    assert "重新计算为" not in note
    preview = build_preview(result)
    assert note in preview.problems and preview.needs_attention


def test_numbers_stored_as_text_in_a_summed_range_are_not_guessed(tmp_path):
    """Excel's SUM leaves “12件” out; the clerk meant 12: the result is not certain either way."""
    source = filled_report("2021", seed=6)
    wb = official(source)
    wb["表二"]["B7"] = 0
    wb["表二"]["Z30"] = "12件"
    path = save(wb, tmp_path / "a.xlsx")
    set_cells(path, TWO, {"B7": "<f>SUM(B6,Z30)</f>"})
    result = read_report(path)
    assert B7 not in result.report.values
    assert any("表二!B7" in n and "以文字形式保存的数字“12件”" in n for n in result.notes), result.notes


def test_a_formula_referring_to_another_sheet_says_so(tmp_path):
    source = filled_report("2021", seed=6)
    wb = official(source)
    wb["表二"]["B7"] = 0
    path = save(wb, tmp_path / "a.xlsx")
    set_cells(path, TWO, {"B7": "<f>Sheet2!B4</f>"})
    result = read_report(path)
    assert B7 not in result.report.values
    [note] = _notes_about(result, "表二!B7")
    assert "=Sheet2!B4" in note and "其他工作表“Sheet2”" in note and "F9" in note


def test_references_to_the_own_sheet_by_name_and_labels_in_summed_ranges(tmp_path):
    """``表二!B6`` inside 表二 is a cell of the same sheet; SUM over a range that includes a label
    leaves the label out, as Excel does."""
    source = filled_report("2021", seed=6)
    wb = official(source)
    wb["表二"]["B7"] = 0
    wb["表二"]["C7"] = 0
    path = save(wb, tmp_path / "a.xlsx")
    set_cells(path, TWO, {"B7": "<f>表二!B6+1</f>", "C7": "<f>SUM(A6:B6)*2</f>"})
    result = read_report(path)
    assert result.report.values[B7] == 6
    assert result.report.values[CellKey("二", ROW_B7, "本年废止件数")] == 10


def test_formula_cells_below_the_last_value_and_cells_without_an_address(tmp_path):
    """Z200 holds only a formula (no row below the tables has a value); a program may leave out a
    cell's address (``<c>`` without ``r``: the cell after the previous one)."""
    source = filled_report("2021", seed=6)
    wb = official(source)
    wb["表二"]["B7"] = 0
    wb["表二"]["Z200"] = 0
    path = save(wb, tmp_path / "a.xlsx")
    set_cells(path, TWO, {"B7": "<c><f>B6+Z200</f></c>", "Z200": "<f>2*3</f>"})
    result = read_report(path)
    assert result.report.values[B7] == 11
    assert any("表二!B7" in n and "重新计算为11" in n for n in result.notes), result.notes


def test_cells_of_an_array_formula_are_not_read_as_blank_silently(tmp_path):
    """An array formula over B7:C7: C7 has no formula element of its own and no value."""
    source = filled_report("2021", seed=6)
    wb = official(source)
    wb["表二"]["B7"] = 0
    path = save(wb, tmp_path / "a.xlsx")
    set_cells(path, TWO, {"B7": '<f t="array" ref="B7:C7">B6:C6*2</f>', "C7": '<c r="C7"/>'})
    result = read_report(path)
    assert B7 not in result.report.values
    assert CellKey("二", ROW_B7, "本年废止件数") not in result.report.values
    for ref in ("表二!B7", "表二!C7"):
        [note] = _notes_about(result, ref)
        assert kind_of(note) == "problem" and "读不到这个公式的内容" in note and "F9" in note


def test_a_total_that_cannot_be_recomputed_is_recomputed_by_the_program(tmp_path):
    source = filled_report("2021", seed=6)
    wb = official(source)
    path = save(wb, tmp_path / "a.xlsx")
    set_cells(path, THREE, {"J5": "<f>表四!A5+D5</f>"})
    result = read_report(path)
    total = CellKey("三", FORM.tables["三"].rows[0], "总计")
    assert total not in result.report.printed
    [note] = _notes_about(result, "表三!J5")
    assert kind_of(note) == "formula" and "其他工作表“表四”" in note and "合计由本程序" in note
    assert recalculate(FORM, result.report.values)[total] == recalculate(FORM, source.values)[total]


# ---------------------------------------------------------------------------------------------
# The evaluator on its own


def _sheet(cells: dict[tuple[int, int], object], formulas: dict[tuple[int, int], str]) -> SheetEvaluator:
    return SheetEvaluator("表二", lambda r, c: cells.get((r, c)), lambda r, c: formulas.get((r, c)))


def test_evaluator_results_are_exact_and_blank_is_zero():
    ev = _sheet({(0, 0): 0.1, (0, 1): 0.2}, {(0, 3): "=A1+B1"})
    assert ev.formula_value("=D1*10+C1") == 3
    assert ev.formula_value("=A1+B1") == Decimal("0.3")


@pytest.mark.parametrize("formula,reason", [
    ("=1/(A1-A1)", "除数为0"),
    ("=" + "(" * 500 + "1" + ")" * 500, "嵌套"),
    ("=" + "-" * 500 + "1", "嵌套"),
    ("=A1>1", "不能计算的写法"),
    ("=A1:A3", "SUM 之外"),
    ("=[1]Sheet1!A1", "其他工作簿"),
    ("='Sheet 2'!A1", "其他工作表“Sheet 2”"),
    ("=SUM(A1:A3", "括号不配对"),
    ("=Total", "不能计算的写法"),
])
def test_evaluator_refuses_what_it_cannot_compute(formula, reason):
    ev = _sheet({(0, 0): 1}, {})
    with pytest.raises(CannotEvaluate) as exc:
        ev.formula_value(formula)
    assert reason in exc.value.reason


def test_evaluator_long_chains_and_cycles_end_in_a_reason():
    chain = {(r, 0): f"=A{r + 2}+1" for r in range(200)}           # A1 = A2+1, A2 = A3+1, …
    ev = _sheet({}, chain)
    with pytest.raises(CannotEvaluate) as exc:
        ev.formula_value(chain[(0, 0)], at=(0, 0))
    assert "引用过深" in ev.explain(exc.value, chain[(0, 0)], (0, 0))
    short = _sheet({(5, 0): 7}, {(r, 0): f"=A{r + 2}+1" for r in range(5)})
    assert short.formula_value("=A2+1", at=(0, 0)) == 12
    cycle = _sheet({}, {(0, 0): "=B1", (0, 1): "=C1", (0, 2): "=A1*2"})
    with pytest.raises(CannotEvaluate) as exc:
        cycle.formula_value("=B1", at=(0, 0))
    assert "循环引用" in exc.value.reason


@pytest.mark.parametrize("cells,formula", [
    ({}, "=1E-999999999"),              # was read as 1E-999999999 and then refused as “应为整数”
    ({}, "=1E+20"),
    ({}, "=1E+10*1E+10"),
    ({}, "=1/1E-15/1E-15"),
    ({(0, 0): "1E+30"}, "=A1+1"),       # numeric text
    ({(0, 0): Decimal("1E+30")}, "=A1"),
])
def test_evaluator_refuses_numbers_no_report_holds(cells, formula):
    """Beyond ±1E15 (or a non-zero figure below 1E-15): “超出范围”, before any int() of it (a file's
    ``=9E+999999`` took 28 s, ``=1E+99999999999`` tens of GB — those are in the hostile set)."""
    ev = _sheet(cells, {})
    with pytest.raises(CannotEvaluate) as exc:
        ev.formula_value(formula)
    assert "超出范围" in exc.value.reason
    assert _sheet({}, {}).formula_value("=999999999999999+0.5") == Decimal("999999999999999.5")


def test_a_tiny_number_gets_one_note_saying_what_to_do(tmp_path):
    source = filled_report("2021", seed=6)
    wb = official(source)
    wb["表二"]["B7"] = 0
    path = save(wb, tmp_path / "tiny.xlsx")
    set_cells(path, TWO, {"B7": "<f>1E-999999999</f>"})
    result = read_report(path)
    assert B7 not in result.report.values
    [note] = _notes_about(result, "表二!B7")
    assert "超出范围" in note and "F9" in note and kind_of(note) == "problem"


def test_a_very_long_shared_formula_is_not_moved_to_every_cell(tmp_path, monkeypatch):
    """The length limit comes before moving a shared formula to a cell (moving tokenises the
    whole text: a 10 KB file with ``$A$1+`` × 200 000 over a table took minutes)."""
    from openpyxl.formula import translate

    from govreport_gui.io.workbook.excel_formula import SharedFormulas

    def no_translator(*_a, **_k):
        raise AssertionError("a formula too long to compute was moved")
    shared = SharedFormulas()
    shared.add_first("0", 4, 3, "$A$1+" * 200_000 + "1")
    shared.add_other("0", 5, 3)
    monkeypatch.setattr(translate.Translator, "__init__", no_translator)
    formula = shared.formula(5, 3)
    with pytest.raises(CannotEvaluate) as exc:
        _sheet({}, {}).formula_value(formula, at=(5, 3))
    assert "过长" in exc.value.reason


def test_a_formula_that_shows_blank_is_blank_without_a_note(tmp_path):
    """``=IF(B6=0,"",B6)`` saved by Excel as ``t="str"`` with an empty ``<v>``: a blank on purpose,
    not a result the file lacks (no “按 F9” note); a formula saved without any result still is."""
    source = filled_report("2021", seed=6)
    wb = official(source)
    wb["表二"]["B7"] = 0
    wb["表二"]["C7"] = 0
    path = save(wb, tmp_path / "blank.xlsx")
    set_cells(path, TWO, {"B7": '<c r="B7" t="str"><f>IF(B6=0,"",B6)</f><v></v></c>',
                          "C7": '<c r="C7" t="str"><f>IF(B6=0,"",B6)</f></c>'})
    result = read_report(path)
    assert B7 not in result.report.values
    assert not _notes_about(result, "表二!B7")
    [note] = _notes_about(result, "表二!C7")
    assert "F9" in note and kind_of(note) == "problem"
