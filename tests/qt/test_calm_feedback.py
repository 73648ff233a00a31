"""Feedback that waits for the clerk (#20): an identity of 表三 whose cells are still being typed in
is 待填写, not an error, until every cell it adds up is filled or the clerk leaves the table; an
imbalance is then marked on the cell changed last.  Nothing an export would call an error is
hidden: the pre-export check and the command line judge every identity."""

from __future__ import annotations

from qt_helpers import blank, type_into

from govreport_gui.core.checks import check_report
from govreport_gui.core.findings import Severity
from govreport_gui.core.forms import CellKey, get_form
from govreport_gui.core.rules import declared
from govreport_gui.qt.table_model import BACKGROUND, SEVERITY_BRUSHES, TOOLTIP

T3 = get_form("2021").tables["三"]
NATURAL, TOTAL = T3.cols[0], T3.cols[-1]
NEW, CARRIED_IN, DISCLOSED, PARTLY = T3.rows[:4]
BALANCE = next(r.id for r in declared(get_form("2021")) if r.id.endswith("balance"))


def page(window, table):
    p = window.page_for_table(table)
    window.tabs.setCurrentWidget(p)
    return p


def balance_findings(window, col: str):
    return [f for f in window.session.document.findings if f.rule == BALANCE and f.cells
            and all(k.col == col for k in f.cells if k.row == NEW)]


def tinted(model, key) -> bool:
    return model.data(model.index_of(key), BACKGROUND) is SEVERITY_BRUSHES[Severity.ERROR]


def type_two_result_rows(qtbot, window):
    """The issue's clerk: 一 of 自然人, then two result rows — 1500 against 47."""
    p3 = page(window, "三")
    for row, text in ((NEW, "1500"), (DISCLOSED, "30"), (PARTLY, "17")):
        type_into(qtbot, p3.grid, CellKey("三", row, NATURAL), text)
    return p3


def test_half_filled_table_shows_no_error_until_complete(qtbot, make_window):
    window = make_window(blank("2021"))
    p3 = type_two_result_rows(qtbot, window)
    [natural] = balance_findings(window, NATURAL)
    assert natural.todo and "正在填写" in natural.message and "相差" not in natural.message
    assert not any(tinted(p3.model, k) for k in p3.model._pos)           # no red anywhere
    tooltip = p3.model.data(p3.model.index_of(CellKey("三", NEW, NATURAL)), TOOLTIP)
    assert "【待填写】" in tooltip and "【错误】" not in tooltip
    assert window.status_counts.text().startswith("错误 0")
    assert all("【错误】" not in (p3.model.data(p3.model.index_of(k), TOOLTIP) or "") for k in p3.model._pos)
    # the clerk fills the rest of the column (0 where nothing happened): judged at once, and the
    # imbalance is marked on the cell typed last, the 总计 column still being filled
    rest = [r for r in T3.rows if r not in (NEW, DISCLOSED, PARTLY) and T3.has(CellKey("三", r, NATURAL))
            and not T3.cell(CellKey("三", r, NATURAL)).computed]
    for row in rest:
        type_into(qtbot, p3.grid, CellKey("三", row, NATURAL), "0")
    [natural] = balance_findings(window, NATURAL)
    assert natural.severity is Severity.ERROR and not natural.todo and "相差1453" in natural.message
    last = CellKey("三", rest[-1], NATURAL)
    assert natural.mark == last and natural.cells[0] == last and tinted(p3.model, last)
    assert not tinted(p3.model, CellKey("三", NEW, NATURAL))
    [total] = balance_findings(window, TOTAL)
    assert total.todo


def test_leaving_the_table_judges_what_was_being_filled(qtbot, make_window):
    window = make_window(blank("2021"))
    p3 = type_two_result_rows(qtbot, window)
    p3.notes_toggle.setChecked(True)
    p3.prose.edit.setFocus()                      # the clerk moves on to the notes under the table
    qtbot.waitUntil(lambda: not balance_findings(window, NATURAL)[0].todo)
    [natural] = balance_findings(window, NATURAL)
    assert "相差1453" in natural.message and natural.mark == CellKey("三", PARTLY, NATURAL)
    assert tinted(p3.model, CellKey("三", PARTLY, NATURAL))
    assert "错误 2" in window.status_counts.text()   # the 自然人 and the 总计 columns


def test_another_tab_judges_the_table_left_behind(qtbot, make_window):
    window = make_window(blank("2021"))
    type_two_result_rows(qtbot, window)
    assert balance_findings(window, NATURAL)[0].todo
    window.tabs.setCurrentWidget(window.page_for_table("四"))
    [natural] = balance_findings(window, NATURAL)
    assert not natural.todo and natural.severity is Severity.ERROR
    assert window.tab_error_count(window.tabs.indexOf(window.page_for_table("三"))) == 2


def test_the_findings_panel_beside_the_grid_is_not_leaving(qtbot, make_window):
    window = make_window(blank("2021"))
    type_two_result_rows(qtbot, window)
    window.findings.list.setFocus()
    qtbot.wait(20)
    assert balance_findings(window, NATURAL)[0].todo


def test_mark_lands_on_the_changed_cell(qtbot, make_window, sample):
    window = make_window(sample)
    p3 = page(window, "三")
    key = CellKey("三", DISCLOSED, NATURAL)
    before = window.session.report.get(key)
    assert not balance_findings(window, NATURAL)              # the sample balances
    type_into(qtbot, p3.grid, key, str(before + 10))
    [natural] = balance_findings(window, NATURAL)
    [total] = balance_findings(window, TOTAL)
    for finding in (natural, total):
        assert finding.severity is Severity.ERROR and not finding.todo and "相差10" in finding.message
        assert finding.mark == key and finding.cells[0] == key
        assert key.name() in finding.message                     # the cell changed, named
        assert CellKey("三", NEW, finding.cells[1].col) in finding.cells   # and the others involved
    assert tinted(p3.model, key)
    for other in (CellKey("三", NEW, NATURAL), CellKey("三", CARRIED_IN, NATURAL), CellKey("三", NEW, TOTAL)):
        assert not tinted(p3.model, other)
    assert "相差10" in p3.model.data(p3.model.index_of(key), TOOLTIP)
    window.go_to_finding(natural)                              # the panel's jump: to the changed cell
    assert p3.model.key_at(p3.grid.currentIndex()) == key


def test_nothing_an_export_calls_an_error_is_hidden(qtbot, make_window, fake_dialogs):
    window = make_window(blank("2021"))
    type_two_result_rows(qtbot, window)
    report = window.session.report
    judged = [f for f in check_report(report) if f.rule == BALANCE and f.severity is Severity.ERROR and not f.todo]
    assert len(judged) == 2                                     # the command line's check sees them
    from govreport_gui.core.export_check import export_problems
    window.session.leave_table()                                # what the export does first
    errors = [p for p in export_problems(report, window.session.document.findings) if p.group == "error"]
    assert sum(1 for p in errors if "相差1453" in p.text) == 2


def test_undo_of_the_last_figure_moves_the_mark(qtbot, make_window, sample):
    window = make_window(sample)
    p3 = page(window, "三")
    first, second = CellKey("三", DISCLOSED, NATURAL), CellKey("三", NEW, NATURAL)
    type_into(qtbot, p3.grid, first, str(window.session.report.get(first) + 10))
    type_into(qtbot, p3.grid, second, str(window.session.report.get(second) + 3))
    assert balance_findings(window, NATURAL)[0].mark == second
    window.session.undo_stack.undo()
    [natural] = balance_findings(window, NATURAL)
    assert "相差10" in natural.message and natural.mark == second   # the undo changed it last
