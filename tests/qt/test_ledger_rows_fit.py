"""The rows the ledger preview could not place are read without scrolling sideways: at the width a
clerk's window has (1100 px) and on a large monitor every column of 未计入的行 is inside the list,
the long 原因 and 值 wrap, and each cell's whole text is its tooltip."""

from __future__ import annotations

import datetime as dt
import os

import openpyxl
import pytest
from PySide6.QtWidgets import QApplication

from govreport_gui.core.forms import get_form
from govreport_gui.io.workbook.ledger_read import read_ledgers
from govreport_gui.qt.ledger_dialog import LedgerDialog

LONG_ANSWER = ("经与相关业务科室会商，该申请所涉事项需进一步核实历年档案并征求属地乡镇意见，"
               "已电话告知申请人待核实完毕后另行书面答复，申请人表示理解")


def _ledger(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2025年依申请公开登记"
    ws.append(["序号", "申请人类型", "收到日期", "办理状态", "答复日期", "答复结果"])
    ws.append([1, "公民", dt.datetime(2025, 2, 3), "已办结", dt.datetime(2025, 2, 10), "同意公开"])
    ws.append([2, "个体工商户（经营部）", dt.datetime(2025, 3, 3), "已办结", dt.datetime(2025, 3, 9), LONG_ANSWER])
    ws.append([3, "公民", dt.datetime(2025, 4, 3), "已办结", None, None])
    ws.append([4, "企业", dt.datetime(2025, 5, 3), "已办结", dt.datetime(2025, 5, 9), LONG_ANSWER + "。" + LONG_ANSWER])
    path = tmp_path / "某某县人民政府办公室2025年政府信息公开申请登记台账（汇总终稿）.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("width", [1100, 1440])
def test_every_column_of_the_rows_left_out_is_inside_the_list(qtbot, tmp_path, width):
    dialog = LedgerDialog(read_ledgers([_ledger(tmp_path)]), get_form("2021"), 2025)
    qtbot.addWidget(dialog)
    dialog.resize(width, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    view = dialog.left_out_view
    assert view.rowCount() == 3
    header, inside = view.horizontalHeader(), view.viewport().width()
    for c in range(view.columnCount()):
        left = header.sectionViewportPosition(c)
        assert left >= 0 and left + header.sectionSize(c) <= inside, (c, left, header.sectionSize(c), inside)
        assert header.sectionSize(c) >= 80   # each readable, none squeezed away
    assert view.horizontalScrollBar().maximum() == 0
    value = view.item(2, 2)
    assert value.text().startswith(LONG_ANSWER[:30]) and value.toolTip() == value.text()
    if out := os.environ.get("LEDGER_ROWS_PNG"):
        dialog.grab().save(f"{out}/left_out_{width}.png")
    assert view.rowHeight(2) >= 2 * view.fontMetrics().height()   # wrapped, not cut to one line
