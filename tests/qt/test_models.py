"""qtmodeltester on every table model of both versions, empty and filled; model ↔ grid facts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from qt_helpers import blank, filled

from govreport_gui.core.document import Document
from govreport_gui.core.forms import FORMS, Role
from govreport_gui.qt.commands import Session
from govreport_gui.qt.table_model import COMPUTED_COLOUR, TableModel

CASES = [(v, t) for v in sorted(FORMS) for t in ("二", "三", "四")]


@pytest.mark.parametrize("version,table", CASES)
@pytest.mark.parametrize("make", [blank, filled], ids=["empty", "filled"])
def test_qtmodeltester(qtmodeltester, version, table, make):
    session = Session(Document(make(version)))
    model = TableModel(session, table)
    qtmodeltester.check(model, force_py=False)
    # and after an edit went through the session (dataChanged over the whole table)
    key = next(c.key for c in model.spec.cells if not c.computed)
    assert model.setData(model.index_of(key), "7")
    assert session.report.get(key) == 7
    qtmodeltester.check(model, force_py=False)


@pytest.mark.parametrize("version,table", CASES)
def test_model_follows_the_grid_declaration(version, table):
    session = Session(Document(filled(version)))
    model = TableModel(session, table)
    spec = FORMS[version].tables[table]
    assert (model.rowCount(), model.columnCount()) == (spec.n_rows, spec.n_cols)
    for g in spec.grid:
        index = model.index(g.row, g.col)
        flags = model.flags(index)
        assert bool(flags & Qt.ItemFlag.ItemIsEditable) == (g.role is Role.INPUT)
        if g.key is None:
            assert model.data(index) == g.text
        else:
            shown = format(session.document.value(g.key))
            assert model.data(index, Qt.ItemDataRole.EditRole) == shown
            unit = "万元" if g.key.col == "采购总金额" and shown else ""  # 2019 money header has no unit
            assert model.data(index) == shown + unit
        if g.role is Role.COMPUTED:
            if model.severity_at(g.key) is None:
                assert model.data(index, Qt.ItemDataRole.BackgroundRole).color() == COMPUTED_COLOUR
            assert "合计" in model.data(index, Qt.ItemDataRole.ToolTipRole)
            assert not model.setData(index, "5")


def test_computed_cell_cannot_be_set_and_bad_text_changes_nothing(qtbot):
    session = Session(Document(blank("2021")))
    model = TableModel(session, "三")
    key = next(c.key for c in model.spec.cells if not c.computed)
    with qtbot.waitSignal(model.problem) as blocker:
        assert not model.setData(model.index_of(key), "十二")
    assert "不是数字" in blocker.args[0]
    assert session.report.get(key) is None
    assert session.undo_stack.count() == 0


def test_an_edit_signals_the_edited_cell_the_moved_totals_and_the_changed_flags():
    from govreport_gui.core.forms import CellKey
    from govreport_gui.core.forms.common import NEW, RESULTS_TOTAL
    report = blank("2021")
    natural, total = report.form.tables["三"].cols[0], report.form.tables["三"].cols[-1]
    report.set(CellKey("三", report.form.tables["三"].rows[2], natural), 1)  # a result typed: 5 received is an imbalance
    key = CellKey("三", NEW, natural)
    report.set(key, 5)
    session = Session(Document(report))
    model = TableModel(session, "三")
    # opened so: the imbalance is flagged on every cell of the equation, 一/二/（七）/四
    assert model.severity_at(CellKey("三", RESULTS_TOTAL, natural)) is not None
    ranges = []
    model.dataChanged.connect(lambda a, b, roles=(): ranges.append((a.row(), a.column(), b.row(), b.column())))
    assert model.setData(model.index_of(key), "3")
    changed = set()
    for r0, c0, r1, c1 in ranges:
        assert 0 <= r0 <= r1 < model.rowCount() and 0 <= c0 <= c1 < model.columnCount()
        changed |= {model.key_at(model.index(r, c)) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    # the cell, its row total, and the balance flags that moved from （七）总计 to the cell changed
    assert key in changed and CellKey("三", NEW, total) in changed
    assert CellKey("三", RESULTS_TOTAL, natural) in changed
    assert model.severity_at(CellKey("三", RESULTS_TOTAL, natural)) is None and model.severity_at(key) is not None
    assert len(changed) < 20  # not the whole table
    # cells that did not move are not repainted
    assert CellKey("三", model.spec.rows[5], model.spec.cols[2]) not in changed
