"""Typing into the grid of a report with a wrong printed total: the error stays until the figures
agree with it, and 撤销 brings everything back exactly."""

from __future__ import annotations

from qt_helpers import findings_with, type_into
from report_builders import balanced

from govreport_gui.core import recalculate
from govreport_gui.core.forms import CellKey

NATURAL = CellKey("三", "（一）予以公开", "自然人")     # 3 in the balanced report
ROW_TOTAL = CellKey("三", "（一）予以公开", "总计")     # 4 recomputed


def test_the_printed_total_error_stays_until_the_figures_agree(qtbot, make_window):
    report = balanced("2021")
    report.printed[ROW_TOTAL] = recalculate(report.form, report.values)[ROW_TOTAL] + 2   # printed 6
    window = make_window(report)
    p3 = window.page_for_table("三")
    window.tabs.setCurrentWidget(p3)
    qtbot.waitUntil(lambda: findings_with(window, "三.row_total") != [])

    type_into(qtbot, p3.grid, NATURAL, "4")                      # 5: still not the printed 6
    assert window.session.report.get(NATURAL) == 4
    [f] = findings_with(window, "三.row_total")
    assert "文件所列合计为6，按各项重新计算为5" in f.message
    assert window.session.report.printed[ROW_TOTAL] == 6

    type_into(qtbot, p3.grid, NATURAL, "5")                      # 6: agrees, the error goes
    assert findings_with(window, "三.row_total") == []
    assert ROW_TOTAL not in window.session.report.printed

    window.session.undo_stack.undo()
    window.session.undo_stack.undo()
    assert window.session.report.get(NATURAL) == 3
    assert window.session.report.printed == {ROW_TOTAL: 6}
    [f] = findings_with(window, "三.row_total")
    assert "文件所列合计为6，按各项重新计算为4" in f.message


def test_the_clerk_can_take_the_recomputed_total_from_the_panel(qtbot, make_window):
    from PySide6.QtCore import Qt
    report = balanced("2021")
    report.printed[ROW_TOTAL] = 6                                  # recomputed: 4
    window = make_window(report)
    panel = window.findings
    assert not panel.dismiss_button.isHidden()
    [finding] = findings_with(window, "三.row_total")
    assert not panel.dismiss_button.isEnabled()
    item = panel.item_for(finding)
    panel.list.scrollToItem(item)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=panel.list.visualItemRect(item).center())
    assert panel.dismiss_button.isEnabled() and not panel.accept_button.isEnabled()
    qtbot.mouseClick(panel.dismiss_button, Qt.MouseButton.LeftButton)
    assert findings_with(window, "三.row_total") == []
    assert ROW_TOTAL not in window.session.report.printed
    assert window.session.undo_stack.undoText().startswith("采用重新计算的合计")
    window.session.undo_stack.undo()
    assert window.session.report.printed == {ROW_TOTAL: 6}
    assert findings_with(window, "三.row_total") != []


def test_the_recomputed_total_button_is_hidden_when_no_total_was_printed(qtbot, make_window):
    window = make_window(balanced("2021"))
    assert window.findings.dismiss_button.isHidden()
