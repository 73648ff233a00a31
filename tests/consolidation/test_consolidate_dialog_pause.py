"""The 汇总 dialog's window keeps moving while many units come in: the unit list answers a cell's
roles in one call and measures its row numbers only when they gain a digit, with what it shows
unchanged."""

from __future__ import annotations

import pytest
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


@pytest.fixture
def dialog(qtbot, fake):
    d = ConsolidateDialog(fake, agency="某某区人民政府")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    yield d
    d._wait_for_thread()


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


def test_painting_the_list_asks_once_per_cell(qtbot, dialog, monkeypatch):
    dialog.units[:] = some_units()
    dialog.model.set_units(dialog.units)
    asked = []
    monkeypatch.setattr(UnitListModel, "data", lambda self, index, role=0: asked.append(role))
    picture = dialog.table.viewport().grab()
    assert not picture.isNull()
    assert asked == []


def test_row_numbers_are_as_wide_as_qt_measures_them(qtbot, dialog):
    units = some_units()
    plain = QHeaderView(Qt.Orientation.Vertical)
    plain.setModel(dialog.model)
    widths = []
    for count in (6, 9, 10, 99, 100, 1000, 1001):
        dialog.model.append_units([units[i % len(units)] for i in range(count - dialog.model.rowCount())])
        assert dialog.table.verticalHeader().sizeHint() == plain.sizeHint(), count
        widths.append(plain.sizeHint().width())
    assert widths[0] < widths[2] < widths[4] < widths[5]   # one digit more, wider


def test_a_row_number_selects_its_row_and_is_highlighted(qtbot, dialog, tmp_path):
    from PySide6.QtTest import QTest
    dialog.units[:] = some_units()
    dialog.model.set_units(dialog.units)
    header = dialog.table.verticalHeader()
    assert header.sectionsClickable() and header.highlightSections()
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, header.sectionViewportPosition(2) + 5))
    assert [i.row() for i in dialog.table.selectionModel().selectedRows()] == [2]
    assert dialog.grab().save("/tmp/pause/units.png")
