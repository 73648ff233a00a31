"""core.fill_progress: which identities the clerk is still filling in, and the cell changed last
(Qt-free; the editor's grid follows it)."""

from govreport_gui.core.checks import check_report
from govreport_gui.core.document import Document
from govreport_gui.core.drafting import new_report
from govreport_gui.core.edits import replace_report, set_cells
from govreport_gui.core.findings import Severity
from govreport_gui.core.forms import CellKey, get_form
from govreport_gui.core.recalc import inputs_of

FORM = get_form("2021")
T3 = FORM.tables["三"]
NATURAL, TOTAL = T3.cols[0], T3.cols[-1]
NEW, CARRIED_IN, DISCLOSED, PARTLY = T3.rows[:4]
INPUT_ROWS = [r for r in T3.rows if not T3.cell(CellKey("三", r, NATURAL)).computed]


def balance(document, col):
    return next(f for f in document.findings if f.cells and f.rule == FORM.balances[0].rule
                and CellKey("三", NEW, col) in f.cells)


def typed(document, row, value, col=NATURAL):
    document.apply(set_cells(document.report, {CellKey("三", row, col): value}, "填写"))


def test_a_balance_adds_up_its_inputs_through_the_totals():
    natural = next(b for b in FORM.balances if b.scope.startswith(f"“{NATURAL}”"))
    cells = inputs_of(FORM, [k for _, k in (*natural.lhs, *natural.rhs)])
    assert set(cells) == {CellKey("三", r, NATURAL) for r in INPUT_ROWS}
    total = next(b for b in FORM.balances if b.scope.startswith(f"“{TOTAL}”"))
    assert len(inputs_of(FORM, [k for _, k in (*total.lhs, *total.rhs)])) == len(INPUT_ROWS) * (len(T3.cols) - 1)


def test_filling_is_a_todo_until_every_cell_is_filled():
    document = Document(new_report("2021", 2025))
    for row, value in ((NEW, 1500), (DISCLOSED, 30), (PARTLY, 17)):
        typed(document, row, value)
    finding = balance(document, NATURAL)
    assert finding.todo and "正在填写" in finding.message and f"还有{len(INPUT_ROWS) - 3}个单元格空白" in finding.message
    for row in INPUT_ROWS:
        if document.report.get(CellKey("三", row, NATURAL)) is None:
            typed(document, row, 0)
    finding = balance(document, NATURAL)
    assert not finding.todo and finding.severity is Severity.ERROR and "相差1453" in finding.message
    assert finding.mark == CellKey("三", INPUT_ROWS[-1], NATURAL)
    assert balance(document, TOTAL).todo          # the other columns still blank


def test_leaving_the_table_judges_and_says_which_cells():
    document = Document(new_report("2021", 2025))
    heard = []
    document.listen(heard.append)
    typed(document, NEW, 1500)
    typed(document, DISCLOSED, 30)
    assert balance(document, NATURAL).todo
    assert not document.leave_table("四")          # another table: nothing of 三 judged
    assert document.leave_table("三")
    assert not balance(document, NATURAL).todo
    assert CellKey("三", NEW, NATURAL) in heard[-1].cells and not heard[-1].everything
    assert not document.leave_table("三")          # nothing left in progress: no notice
    # a blank filled again: in progress again
    typed(document, PARTLY, 17)
    assert balance(document, NATURAL).todo


def test_a_correction_or_an_opened_report_is_judged_at_once():
    report = new_report("2021", 2025)
    report.set(CellKey("三", NEW, NATURAL), 10)
    report.set(CellKey("三", DISCLOSED, NATURAL), 3)
    document = Document(report)
    assert not balance(document, NATURAL).todo and balance(document, NATURAL).mark is None
    typed(document, DISCLOSED, 4)                   # a figure already there, corrected
    finding = balance(document, NATURAL)
    assert not finding.todo and finding.mark == CellKey("三", DISCLOSED, NATURAL)
    # an import replaces everything: nothing in progress, nothing changed last
    typed(document, PARTLY, 1)
    assert balance(document, NATURAL).todo
    document.apply(replace_report(document.report, report, "导入"))
    assert not balance(document, NATURAL).todo and balance(document, NATURAL).mark is None


def test_without_progress_every_identity_is_judged():
    document = Document(new_report("2021", 2025))
    typed(document, NEW, 1500)
    typed(document, DISCLOSED, 30)
    assert balance(document, NATURAL).todo
    judged = [f for f in check_report(document.report) if f.rule == FORM.balances[0].rule]
    assert judged and all(not f.todo and f.severity is Severity.ERROR and f.mark is None for f in judged)
