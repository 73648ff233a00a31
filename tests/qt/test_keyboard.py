"""The grid's keyboard like a protected sheet: Enter, Tab and the arrows go from input cell to
input cell (never a caption, header, label or total), and no typed digit is ever lost."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication
from qt_helpers import blank

from govreport_gui.core.forms import CellKey, Role, get_form

VERSIONS = ["2019", "2021"]
TABLES = ["二", "三"]


def open_table(window, qtbot, table):
    page = window.page_for_table(table)
    window.tabs.setCurrentWidget(page)
    view = page.grid
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    return view


def put(view, row, col):
    index = view.model().index(row, col)
    view.setCurrentIndex(index)
    view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def here(view):
    current = view.currentIndex()
    return view.model().owner(current.row(), current.column())


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    """A key press on whatever has the keyboard focus (the grid, or the cell editor typing opened)."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def type_text(qtbot, text):
    for ch in text:
        qtbot.keyClick(QApplication.focusWidget(), ch)


def inputs(version, table):
    grid = get_form(version).tables[table].grid
    return sorted((g for g in grid if g.role is Role.INPUT), key=lambda g: (g.row, g.col))


def key(version, table, row_start, col):
    spec = get_form(version).tables[table]
    return next(c.key for c in spec.cells if c.key.row.startswith(row_start) and c.key.col == col)


def test_enter_after_the_last_figure_of_a_block_then_typing_lands_in_the_next_block(qtbot, make_window):
    """The reported case: Enter on 现行有效件数 (2021, 二), then 1300 — typed into 行政许可, not lost."""
    window = make_window(blank("2021"))
    view = open_table(window, qtbot, "二")
    t2 = get_form("2021").tables["二"]
    in_force = t2.cols[2]
    start = view.model().index_of(CellKey("二", t2.rows[1], in_force))
    put(view, start.row(), start.column())
    type_text(qtbot, "5")
    press(qtbot, Qt.Key.Key_Return)
    assert here(view).role is Role.INPUT
    assert here(view).key.row == t2.rows[2]  # 行政许可: the band row 第二十条第（五）项 and its header skipped
    type_text(qtbot, "1300")
    press(qtbot, Qt.Key.Key_Return)
    report = window.session.report
    assert report.get(CellKey("二", t2.rows[1], in_force)) == 5
    assert report.get(here_key := CellKey("二", t2.rows[2], t2.cols[3])) == 1300, here_key
    assert here(view).role is Role.INPUT


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("table", TABLES)
def test_tab_walks_every_input_cell_in_reading_order_and_wraps(qtbot, make_window, version, table):
    window = make_window(blank(version))
    view = open_table(window, qtbot, table)
    order = inputs(version, table)
    put(view, order[0].row, order[0].col)
    typed = {}
    for i, cell in enumerate(order):
        assert here(view) == cell, (i, cell)
        text = str(10 + i)
        type_text(qtbot, text)
        typed[cell.key] = int(text)
        press(qtbot, Qt.Key.Key_Tab)
        assert here(view).role is Role.INPUT
    assert here(view) == order[0]  # past the last input cell: back to the first
    assert "回到第一个" in window.statusBar().currentMessage()
    report = window.session.report
    assert {k: report.get(k) for k in typed} == typed
    # Shift+Tab goes back in reading order (and wraps the other way)
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert here(view) == order[-1]
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert here(view) == order[-2]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("table", TABLES)
def test_enter_walks_down_the_columns_and_never_loses_a_digit(qtbot, make_window, version, table):
    window = make_window(blank(version))
    view = open_table(window, qtbot, table)
    order = inputs(version, table)
    put(view, order[0].row, order[0].col)
    typed, visited = {}, []
    columns = sorted({g.col for g in order})
    stops = sum(1 for c in columns for g in order if g.col <= c < g.col + g.colspan)
    for i in range(stops):
        cell = here(view)
        assert cell.role is Role.INPUT, (i, cell)
        visited.append(cell)
        type_text(qtbot, str(i + 1))
        typed[cell.key] = i + 1
        press(qtbot, Qt.Key.Key_Return)
    assert here(view) == order[0]  # after the foot of the last column: the first input cell again
    report = window.session.report
    assert {k: report.get(k) for k in typed} == typed
    assert set(visited) == set(order)
    # down each column in turn, top to bottom
    rows_in_column = [g.row for g in visited[:sum(1 for g in order if g.col <= columns[0] < g.col + g.colspan)]]
    assert rows_in_column == sorted(rows_in_column)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # Shift+Enter goes back up
    assert here(view) == visited[-1]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("table", TABLES)
def test_arrows_never_leave_the_input_cells(qtbot, make_window, version, table):
    window = make_window(blank(version))
    view = open_table(window, qtbot, table)
    arrows = (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Left, Qt.Key.Key_Right,
              Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp)
    order = inputs(version, table)
    for cell in order:
        for arrow in arrows:
            put(view, cell.row, cell.col)
            press(qtbot, arrow)
            assert here(view).role is Role.INPUT, (cell.key, arrow)
    # Right from the first cell reaches every input cell in reading order
    put(view, order[0].row, order[0].col)
    seen = [here(view)]
    for _ in order[1:]:
        press(qtbot, Qt.Key.Key_Right)
        seen.append(here(view))
    assert seen == order


def test_down_keeps_its_column_through_a_merged_cell(qtbot, make_window):
    window = make_window(blank("2021"))
    view = open_table(window, qtbot, "二")
    t2 = get_form("2021").tables["二"]
    start = view.model().index_of(CellKey("二", t2.rows[1], t2.cols[2]))  # 行政规范性文件 / 现行有效件数
    put(view, start.row(), start.column())
    press(qtbot, Qt.Key.Key_Down)
    assert here(view).key.row == t2.rows[2]  # 行政许可 (merged over three columns)
    press(qtbot, Qt.Key.Key_Up)
    assert here(view).key == CellKey("二", t2.rows[1], t2.cols[2])  # back in the column it came down


def test_tab_along_a_row_then_enter_starts_the_next_row(qtbot, make_window):
    window = make_window(blank("2021"))
    view = open_table(window, qtbot, "三")
    t3 = get_form("2021").tables["三"]
    order = inputs("2021", "三")
    first_row = [g for g in order if g.row == order[0].row]
    put(view, first_row[0].row, first_row[0].col)
    for i, _ in enumerate(first_row):
        type_text(qtbot, str(i + 1))
        press(qtbot, Qt.Key.Key_Tab if i < len(first_row) - 1 else Qt.Key.Key_Return)
    assert here(view).col == first_row[0].col and here(view).row > first_row[0].row
    report = window.session.report
    assert [report.get(g.key) for g in first_row] == list(range(1, len(first_row) + 1))
    assert here(view).key.row == t3.rows[1]


@pytest.mark.parametrize("version", VERSIONS)
def test_typing_on_a_header_or_band_goes_to_the_nearest_input_cell(qtbot, make_window, version):
    window = make_window(blank(version))
    view = open_table(window, qtbot, "二")
    grid = get_form(version).tables["二"].grid
    header = next(g for g in grid if g.role is Role.HEADER and g.col == 3)
    put(view, header.row, header.col)
    type_text(qtbot, "42")
    press(qtbot, Qt.Key.Key_Return)
    below = min((g for g in grid if g.role is Role.INPUT and g.row > header.row and g.col <= 3 < g.col + g.colspan),
                key=lambda g: g.row)
    assert window.session.report.get(below.key) == 42
    assert "不是填写格" in window.statusBar().currentMessage()
    band = [g for g in grid if g.role is Role.CAPTION][1]
    put(view, band.row, band.col)
    type_text(qtbot, "7")
    press(qtbot, Qt.Key.Key_Return)
    after = min((g for g in grid if g.role is Role.INPUT and g.row > band.row), key=lambda g: (g.row, g.col))
    assert window.session.report.get(after.key) == 7


@pytest.mark.parametrize("version", VERSIONS)
def test_typing_on_table_three_note_label_or_total(qtbot, make_window, version):
    window = make_window(blank(version))
    view = open_table(window, qtbot, "三")
    spec = get_form(version).tables["三"]
    note = next(g for g in spec.grid if g.role is Role.NOTE)
    put(view, note.row, note.col)
    type_text(qtbot, "3")
    press(qtbot, Qt.Key.Key_Tab)
    first = inputs(version, "三")[0]
    assert window.session.report.get(first.key) == 3
    label = next(g for g in spec.grid if g.role is Role.LABEL and g.row > first.row + 2)
    put(view, label.row, label.col)
    type_text(qtbot, "9")
    press(qtbot, Qt.Key.Key_Tab)
    beside = min((g for g in inputs(version, "三") if g.row == label.row), key=lambda g: g.col)
    assert window.session.report.get(beside.key) == 9
    total = next(g for g in spec.grid if g.role is Role.COMPUTED)
    put(view, total.row, total.col)
    before = window.session.undo_stack.count()
    type_text(qtbot, "5")
    assert window.session.undo_stack.count() == before
    assert "合计单元格" in window.statusBar().currentMessage()
    assert here(view) == total  # nothing moved: the status bar said why


def selected_keys(view):
    model = view.model()
    return {model.key_at(i) for i in view.selectionModel().selectedIndexes()}


@pytest.mark.parametrize("version", VERSIONS)
def test_a_pasted_block_is_selected_whole(qtbot, make_window, version):
    from PySide6.QtGui import QGuiApplication
    window = make_window(blank(version))
    view = open_table(window, qtbot, "三")
    order = inputs(version, "三")
    top = order[0]
    put(view, top.row, top.col)
    QGuiApplication.clipboard().setText("1\t2\t3\n4\t5\t6\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    block = [g for g in order if g.row in (top.row, top.row + 1) and top.col <= g.col < top.col + 3]
    assert [window.session.report.get(g.key) for g in block] == [1, 2, 3, 4, 5, 6]
    assert selected_keys(view) == {g.key for g in block}
    assert here(view) == top
    # in 二: two lines pasted onto a merged figure with another one under it (2021: 行政处罚, 行政强制)
    view2 = open_table(window, qtbot, "二")
    cells = inputs(version, "二")
    merged = next((g for g in cells if g.colspan > 1 and any((i.row, i.col) == (g.row + 1, g.col) for i in cells)), None)
    assert (merged is not None) == (version == "2021")
    if merged is not None:
        put(view2, merged.row, merged.col)
        QGuiApplication.clipboard().setText("8\n9\n")
        qtbot.keyClick(view2, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert merged.key in selected_keys(view2)
        assert window.session.report.get(merged.key) == 8
        assert len({view2.model().owner(i.row(), i.column()) for i in view2.selectionModel().selectedIndexes()}) == 2


def test_f2_and_an_input_method_on_a_header_edit_the_nearest_input_cell(qtbot, make_window):
    from PySide6.QtGui import QInputMethodEvent
    window = make_window(blank("2021"))
    view = open_table(window, qtbot, "二")
    grid = get_form("2021").tables["二"].grid
    header = next(g for g in grid if g.role is Role.HEADER and g.col == 2)
    below = min((g for g in grid if g.role is Role.INPUT and g.row > header.row and g.col == 2), key=lambda g: g.row)
    put(view, header.row, header.col)
    press(qtbot, Qt.Key.Key_F2)
    assert here(view) == below and view.indexWidget(view.currentIndex()) is not None
    press(qtbot, Qt.Key.Key_Escape)
    # a Chinese input method commits “１２” (full width) on the header: typed into the cell below
    put(view, header.row, header.col)
    view.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString("１２")
    QApplication.sendEvent(view, event)
    editor = view.indexWidget(view.currentIndex())
    assert here(view) == below and editor is not None
    press(qtbot, Qt.Key.Key_Return)
    assert window.session.report.get(below.key) == 12
    # and on an input cell itself (Qt's view opened the editor and dropped the text)
    put(view, below.row, below.col)
    event = QInputMethodEvent("", [])
    event.setCommitString("３０")
    QApplication.sendEvent(view, event)
    press(qtbot, Qt.Key.Key_Return)
    assert window.session.report.get(below.key) == 30
