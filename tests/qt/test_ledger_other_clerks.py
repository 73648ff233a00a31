"""The ledger preview for ledgers the first styles did not cover: rows cancelled by the clerk are named
(not said to be hidden), and the persons of a ledger that only names its applicants are one question
whose answer counts them all."""

from __future__ import annotations

from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.sheet import LedgerSheet
from govreport_gui.qt.ledger_dialog import LedgerDialog

HEADER = ("序号", "申请人姓名或名称", "收到日期", "答复日期", "处理结果", "备注")


def rows(*entries):
    return [HEADER] + [(i, name, "2024-06-01", "2024-06-03", "同意公开", remark) for i, (name, remark) in enumerate(entries, 1)]


def test_cancelled_rows_are_named_in_the_summary(qtbot):
    sheet = LedgerSheet("台账.xlsx", "登记", rows(("某某律师事务所", None), ("某某置业有限公司", "作废")), struck_rows=frozenset({1}))
    dialog = LedgerDialog([sheet], get_form("2021"), 2024)
    qtbot.addWidget(dialog)
    summary = dialog.summary.text()
    assert "有 2 行有删除线或注明作废，按已作废未计入" in summary and "取消隐藏" not in summary
    assert dialog.tabs.tabText(3) == "读取说明（请核对 1 处）"
    assert dialog.notes.toPlainText().startswith("请核对：台账.xlsx“登记”第2行整行有删除线；台账.xlsx“登记”第3行注明作废")
    assert dialog.count.placed == 0


def test_the_persons_named_in_one_column_are_one_question(qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("GOVREPORT_DATA_DIR", str(tmp_path))
    sheet = LedgerSheet("台账.xlsx", "登记", rows(("张某", None), ("某某律师事务所", None), ("李晓明", None)))
    dialog = LedgerDialog([sheet], get_form("2021"), 2024)
    qtbot.addWidget(dialog)
    assert dialog.count.placed == 1 and dialog.tabs.tabText(2) == "需要归类的值（1）"
    combo = dialog.unclear_combo("姓名像个人的申请人（如张某、李晓明）")
    combo.setCurrentText("自然人")
    assert dialog.count.placed == 3 and dialog.count.complete
    assert dialog.figure_tables["三"].item(0, 0).text() == "2"   # 自然人, 一、本年新收
