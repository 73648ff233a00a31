"""The 汇总 dialog's window keeps moving while many units come in: the unit list answers a cell's
roles in one call and measures its row numbers only when they gain a digit, with what it shows
unchanged."""

from __future__ import annotations

from consolidation_units import unit
from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan, QPoint, Qt
from PySide6.QtWidgets import QHeaderView

from govreport_gui.core.consolidate import assess_units, unit_from_report, unit_unreadable
from govreport_gui.qt.consolidate_dialog import ConsolidateDialog, UnitListModel

ALL_ROLES = [*range(0, 14), int(Qt.ItemDataRole.UserRole)]


def some_units():
    """Counted, counted with a problem, left out (another year, a duplicate, the clerk's choice),
    unreadable."""
    units = [unit_from_report("甲.govreport", unit("甲局", 10), path="/units/甲.govreport"),
             unit_from_report("乙.govreport", unit("乙局", 11, year=2023)),
             unit_from_report("甲副本.govreport", unit("甲局", 10)),
             unit_from_report("丙.govreport", unit("", 12)),
             unit_from_report("丁.govreport", unit("丁局", 13)),
             unit_unreadable("坏.xlsx", "不是有效的Excel文件")]
    units[4].choice, units[4].choice_reason = False, "已撤销"
    assess_units(units, 2024, "2021")
    return units


def test_each_role_answered_in_one_call_is_what_data_answers(qtbot):
    model = UnitListModel()
    model.set_units(some_units())
    answered = 0
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            for role in ALL_ROLES:
                role_data = QModelRoleData(role)
                model.multiData(index, QModelRoleDataSpan(role_data))
                assert role_data.data() == model.data(index, role), (row, col, role)
                answered += role_data.data() is not None
    assert answered > 6 * 9 * 3   # text, tooltip and more for every cell


def test_painting_the_list_asks_once_per_cell(qtbot, fake, monkeypatch):
    dialog = make(qtbot, fake, 1000)
    asked = []
    monkeypatch.setattr(UnitListModel, "data", lambda self, index, role=0: asked.append(role))
    picture = dialog.table.viewport().grab()
    assert not picture.isNull()
    assert asked == []


def test_row_numbers_are_as_wide_as_qt_measures_them(qtbot, fake):
    dialog = make(qtbot, fake, 1000)
    units = some_units()
    plain = QHeaderView(Qt.Orientation.Vertical)
    plain.setModel(dialog.model)
    widths = []
    for count in (6, 9, 10, 99, 100, 1000, 1001):
        dialog.model.append_units([units[i % len(units)] for i in range(count - dialog.model.rowCount())])
        assert dialog.table.verticalHeader().sizeHint() == plain.sizeHint(), count
        widths.append(plain.sizeHint().width())
    assert widths[0] < widths[2] < widths[4] < widths[5]   # one digit more, wider


def test_a_row_number_selects_its_row_and_is_highlighted(qtbot, fake):
    from PySide6.QtTest import QTest
    dialog = make(qtbot, fake, 1000)
    header = dialog.table.verticalHeader()
    assert header.sectionsClickable() and header.highlightSections()
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, header.sectionViewportPosition(2) + 5))
    assert [i.row() for i in dialog.table.selectionModel().selectedRows()] == [2]
    assert dialog.grab().save("/tmp/pause/units.png")


def make(qtbot, fake, here_up_to: int) -> ConsolidateDialog:
    """A dialog listing ``some_units``, summing more than ``here_up_to`` of them in the background."""
    d = ConsolidateDialog(fake, agency="某某区人民政府")
    d.sum_here_up_to = here_up_to
    qtbot.addWidget(d)
    d.show()
    d.units[:] = some_units()
    d.model.set_units(d.units)
    summed(qtbot, d, d.recompute)
    return d


def summed(qtbot, d: ConsolidateDialog, *changes) -> None:
    """Make the ``changes`` (callables) one after the other and wait until the sum is shown."""
    if d.sum_here_up_to >= len(d.units):
        for change in changes:
            change()
        return
    with qtbot.waitSignal(d.summed, timeout=20000):
        for change in changes:
            change()
            assert d.summing and not d.ok_button.isEnabled()   # the window's thread goes on meanwhile
    assert not d.summing and d.ok_button.isEnabled()


def shown(d: ConsolidateDialog) -> tuple:
    """What the clerk sees of the sum: the figures, the year and version, each unit's state and
    problems, the summary."""
    c = d.consolidation
    assert c is not None
    return (dict(c.report.values), c.report.meta.year, c.report.form_version, c.report.meta.agency,
            [(u.include, u.choice, u.choice_reason, u.status_text(), u.problem_text()) for u in d.units],
            d.summary.text(), d.year.value(), d.version.currentData(),
            [d.model.index(r, 0).data() for r in range(d.model.rowCount())])


def choose_version(d: ConsolidateDialog, version: str) -> None:
    d.version.setCurrentIndex(d.version.findData(version))
    d.version.activated.emit(d.version.currentIndex())


def set_agency(d: ConsolidateDialog, agency: str) -> None:
    d.agency.setText(agency)
    d.agency.editingFinished.emit()


STEPS = [lambda d: d.set_included(4, True), lambda d: d.set_included(0, False, "已合并"),
         lambda d: d.year.setValue(2023), lambda d: choose_version(d, "2019"),
         lambda d: set_agency(d, "某某市人民政府"), lambda d: d.set_included(1, True, "确属本年度")]


def test_a_change_summed_in_the_background_is_the_one_summed_at_once(qtbot, fake):
    here, background = make(qtbot, fake, 1000), make(qtbot, fake, 0)
    assert shown(background) == shown(here)
    for step in STEPS:
        for d in (here, background):
            summed(qtbot, d, lambda d=d: step(d))
        assert shown(background) == shown(here)
    assert shown(here)[1:3] == (2023, "2019")
    assert [u.include for u in here.units] == [False, True, False, False, False, False]   # 2023 alone


def test_changes_made_while_summing_are_summed_after_it(qtbot, fake):
    here, background = make(qtbot, fake, 1000), make(qtbot, fake, 0)
    for d in (here, background):
        summed(qtbot, d, *(lambda d=d, step=step: step(d) for step in STEPS))
    assert shown(background) == shown(here)


def test_closing_while_summing_stops_it(qtbot, fake):
    d = make(qtbot, fake, 0)
    d.year.setValue(2023)
    assert d.summing
    d.close()
    assert not d.summing


def test_a_sum_that_fails_in_the_background_is_made_on_the_window_thread(qtbot, fake, monkeypatch):
    from govreport_gui.qt import consolidate_reading

    def fails(*args, **kwargs):
        raise RuntimeError("a bug")
    here, background = make(qtbot, fake, 1000), make(qtbot, fake, 0)
    monkeypatch.setattr(consolidate_reading, "prepare", fails)
    for d in (here, background):
        summed(qtbot, d, lambda d=d: d.year.setValue(2023))
    assert shown(background) == shown(here)
    assert shown(here)[1] == 2023
