"""Beside a table counted from the ledger, the rows the current cell counts: shown for a counted cell
(one line per sheet, copyable), saying when the figure was changed by hand since, hidden for a cell
not counted and after the fill is undone; nothing of it made while it has never shown (memory)."""

from __future__ import annotations

import datetime as dt

import openpyxl
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QWidget

from govreport_gui.core import CellKey, Report
from govreport_gui.core.edits import set_cells
from govreport_gui.qt.ledger_rows_panel import LedgerRowsPanel

NEW = "一、本年新收政府信息公开申请数量"
DISCLOSED = "（一）予以公开"


def ledger(tmp_path):
    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "上半年"
    second = wb.create_sheet("下半年")
    first.append(["申请人类型", "收到日期", "答复日期", "处理结果"])
    second.append(["申请人类型", "收到日期", "答复日期", "处理结果"])
    for day in (6, 7, 8):
        first.append(["公民", dt.datetime(2025, 1, day), dt.datetime(2025, 1, 20), "同意公开"])
    second.append(["企业", dt.datetime(2025, 8, 1), dt.datetime(2025, 8, 9), "信息不存在"])
    second.append(["公民", dt.datetime(2025, 9, 1), dt.datetime(2025, 9, 9), "同意公开"])
    path = tmp_path / "台账.xlsx"
    wb.save(path)
    return path


def go_to(page, key):
    index = page.model.index_of(key)
    page.grid.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_the_rows_of_the_current_cell_beside_the_table(qtbot, make_window, fake_dialogs, tmp_path):
    window = make_window(Report.new("2021", 2025, "某某县交通运输局"))
    fake_dialogs.answers["open_files"].append([str(ledger(tmp_path))])
    fake_dialogs.answers["ledger_preview"].append(lambda dialog: dialog.assignments())
    next(a for a in window.file_menu.actions() if a.text() == "从申请台账填写表三/表四…").trigger()
    window.tabs.setCurrentWidget(page := window.page_for_table("三"))
    panel = page.findChild(LedgerRowsPanel)
    go_to(page, CellKey("三", DISCLOSED, "自然人"))
    assert panel.isVisible() and panel.made
    assert "由登记台账计数 4 件" in panel.title.text()
    assert panel.rows.toPlainText() == "台账.xlsx“上半年”第2–4行\n台账.xlsx“下半年”第3行"
    page.grab().save(str(tmp_path / "panel.png"))

    go_to(page, CellKey("三", NEW, "法律服务机构"))   # counted, none in the ledger
    assert panel.isVisible() and panel.rows.toPlainText() == "台账中没有这一类申请。"

    key = CellKey("三", DISCLOSED, "自然人")
    go_to(page, key)
    window.session.push(set_cells(window.session.report, {key: 5}, "改"))   # changed by hand
    assert "现填写为 5，与台账计数不同" in panel.title.text()

    window.session.undo_stack.undo()
    assert panel.isVisible() and panel.title.text().endswith("由登记台账计数 4 件。")
    window.session.undo_stack.undo()   # the fill itself: the report keeps no ledger record
    assert not panel.isVisible()


def test_a_report_opened_with_its_ledger_shows_the_rows_of_the_first_cell(qtbot, make_window, tmp_path):
    """The table's first cell is current when its page is first shown: its rows are beside it at once
    (the panel waited for the clerk to move to another cell)."""
    from govreport_gui.core.forms import get_form
    from govreport_gui.core.ledger.apply import fill_from_ledger
    from govreport_gui.core.ledger.count import count_ledgers
    from govreport_gui.io.workbook.ledger_read import read_ledgers
    report = Report.new("2021", 2025, "某某县交通运输局")
    fill_from_ledger(report, count_ledgers(read_ledgers([ledger(tmp_path)]), get_form("2021"), 2025)).apply(report)
    window = make_window(report)
    window.tabs.setCurrentWidget(page := window.page_for_table("三"))
    panel = page.findChild(LedgerRowsPanel)
    assert page.model.key_at(page.grid.currentIndex()) == CellKey("三", NEW, "自然人")
    assert panel.isVisible() and "由登记台账计数 4 件" in panel.title.text()


def test_no_panel_shows_without_a_ledger(qtbot, make_window):
    window = make_window(Report.new("2021", 2025, "某某县交通运输局"))
    window.tabs.setCurrentWidget(page := window.page_for_table("三"))
    go_to(page, CellKey("三", NEW, "自然人"))
    panel = page.findChild(LedgerRowsPanel)
    assert panel is not None and not panel.isVisible()
    # never shown: nothing of it made (a text field and a style sheet each, held for nothing)
    assert not panel.made and not panel.findChildren(QWidget) and not panel.styleSheet()
    other = window.page_for_table("二")   # a table not counted from ledgers has no panel
    other.ensure_built()
    assert other.findChild(LedgerRowsPanel) is None
