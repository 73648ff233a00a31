"""The editor's ledger flows, driven like a clerk: 文件→从申请台账填写表三/表四… through the real preview
dialog (an unclear value assigned once, remembered), applied as one undoable edit, each cell telling
its ledger rows; a file without a ledger changes nothing; 导出申请台账模板…."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from govreport_gui.core import CellKey, Report
from govreport_gui.core.forms.ledger_words import Field
from govreport_gui.core.ledger import memory
from govreport_gui.qt import dialogs
from govreport_gui.qt.ledger_dialog import DO_NOT_COUNT, LedgerDialog

NEW = "一、本年新收政府信息公开申请数量"
DISCLOSED = "（一）予以公开"
OUT = "四、结转下年度继续办理"
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)


def ledger_file(tmp_path, rows=None):
    rows = rows or [
        ("某某县交通运输局依申请公开登记台账",),
        ("序号", "申请人类型", "收到日期", "答复日期", "处理结果"),
        (1, "公民", dt.datetime(2025, 1, 6), dt.datetime(2025, 1, 20), "同意公开"),
        (2, "公民", dt.datetime(2025, 3, 2), dt.datetime(2025, 3, 9), "同意公开"),
        (3, "个体户", dt.datetime(2025, 4, 2), dt.datetime(2025, 4, 9), "同意公开"),
        (4, "企业", dt.datetime(2025, 12, 20), None, "办理中"),
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2025年"
    for row in rows:
        ws.append(list(row))
    path = tmp_path / "台账.xlsx"
    wb.save(path)
    return path


def report_2025() -> Report:
    report = Report.new("2021", 2025, "某某县交通运输局")
    report.set(CellKey("三", NEW, "其他"), 7)
    return report


def action(window, text):
    return next(a for a in window.file_menu.actions() if a.text() == text)


def test_fill_through_the_real_dialog_assigns_once_and_undoes(qtbot, make_window, fake_dialogs, tmp_path):
    window = make_window(report_2025())
    fake_dialogs.answers["open_files"].append([str(ledger_file(tmp_path))])
    seen = {}

    def drive(dialog: LedgerDialog):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        seen["before"] = (len(dialog.count.left_out), dialog.tabs.tabText(2))
        combo = dialog.unclear_combo("个体户")
        combo.setCurrentIndex(combo.findText("商业企业"))   # the clerk's choice: recounts at once
        seen["after"] = (len(dialog.count.left_out), dialog.tabs.tabText(2))
        seen["figure"] = dialog.figure_tables["三"].item(0, 1).text()
        qtbot.mouseClick(dialog.fill_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == dialog.DialogCode.Accepted
        return dialog.assignments()

    fake_dialogs.answers["ledger_preview"].append(drive)
    action(window, "从申请台账填写表三/表四…").trigger()
    assert seen == {"before": (1, "需要归类的值（1）"), "after": (0, "需要归类的值（0）"), "figure": "2"}
    report = window.session.report
    assert report.get(CellKey("三", NEW, "自然人")) == 2 and report.get(CellKey("三", NEW, "商业企业")) == 2
    assert report.get(CellKey("三", NEW, "其他")) == 0 and report.get(CellKey("三", OUT, "商业企业")) == 1
    assert report.get(CellKey("三", DISCLOSED, "商业企业")) == 1
    assert memory.load("某某县交通运输局") == {Field.APPLICANT: {"个体户": "商业企业"}}
    # the drill-down beside the cell
    page = window.page_for_table("三")
    page.ensure_built()
    model = page.model
    tip = model.data(model.index_of(CellKey("三", DISCLOSED, "自然人")), TOOLTIP)
    assert "由登记台账计数：2件（台账.xlsx“2025年”第3–4行）" in tip
    # one undo step
    stack = window.session.undo_stack
    assert stack.undoText() == "从登记台账填写表三"
    stack.undo()
    assert report.get(CellKey("三", NEW, "其他")) == 7 and report.get(CellKey("三", NEW, "自然人")) is None
    assert report.ledger is None
    stack.redo()
    assert report.get(CellKey("三", NEW, "自然人")) == 2 and report.ledger is not None


def test_the_next_ledger_uses_the_remembered_assignment(qtbot, make_window, fake_dialogs, tmp_path):
    memory.remember("某某县交通运输局", {(Field.APPLICANT, "个体户"): ("个体户", "商业企业")})
    window = make_window(report_2025())
    fake_dialogs.answers["open_files"].append([str(ledger_file(tmp_path))])
    fake_dialogs.answers["ledger_preview"].append(lambda dialog: (dialog.count.left_out, {})[1])
    action(window, "从申请台账填写表三/表四…").trigger()
    assert window.session.report.get(CellKey("三", NEW, "商业企业")) == 2


def test_cancel_or_a_file_without_a_ledger_changes_nothing(qtbot, make_window, fake_dialogs, tmp_path):
    window = make_window(report_2025())
    before = window.session.report.copy()
    fake_dialogs.answers["open_files"].append([str(ledger_file(tmp_path))])
    fake_dialogs.answers["ledger_preview"].append(None)                     # 取消
    action(window, "从申请台账填写表三/表四…").trigger()
    not_a_ledger = tmp_path / "名单.csv"
    not_a_ledger.write_text("姓名,电话\n张三,1\n", encoding="utf-8")
    fake_dialogs.answers["open_files"].append([str(not_a_ledger)])
    action(window, "从申请台账填写表三/表四…").trigger()
    assert window.session.report.values == before.values and window.session.report.ledger is None
    assert window.session.undo_stack.count() == 0
    (error,) = fake_dialogs.texts("error")
    assert "没有找到可以计数的登记台账" in error and "当前报告没有改变" in error


def test_a_report_without_a_year_is_not_counted(qtbot, make_window, fake_dialogs):
    window = make_window(Report.new("2021", 0, "某局"))
    action(window, "从申请台账填写表三/表四…").trigger()
    assert "报告年度" in fake_dialogs.texts("warning")[0]
    assert ("open_files", "选择依申请公开登记台账（可多选，数字相加）") not in fake_dialogs.asked


def test_the_qt_dialog_layer_runs_the_dialog_modally(qtbot, tmp_path):
    """``QtDialogs.ledger_preview`` shows the real dialog and returns the assignments on 填写."""
    from govreport_gui.core.forms import get_form
    from govreport_gui.io.workbook.ledger_read import read_ledgers
    sheets = read_ledgers([ledger_file(tmp_path)])

    def click_fill():
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, LedgerDialog) and w.isVisible())
        combo = dialog.unclear_combo("个体户")
        combo.setCurrentIndex(combo.findText(DO_NOT_COUNT))
        dialog.fill_button.click()

    QTimer.singleShot(200, click_fill)
    answer = dialogs.QtDialogs().ledger_preview(None, sheets, get_form("2021"), 2025)
    assert answer == {(Field.APPLICANT, "个体户"): ("个体户", "")}


def test_the_preview_shows_counts_rows_left_out_and_notes(qtbot, tmp_path):
    from govreport_gui.core.forms import get_form
    from govreport_gui.io.workbook.ledger_read import read_ledgers
    dialog = LedgerDialog(read_ledgers([ledger_file(tmp_path)]), get_form("2021"), 2025)
    qtbot.addWidget(dialog)
    table = dialog.figure_tables["三"]
    assert table.rowCount() == 25 and table.columnCount() == 7
    rows = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    assert rows[:3] == [NEW, "二、上年结转政府信息公开申请数量", DISCLOSED]   # rows standing alone as they are
    # a group's leaves under their group's label: 1. 2. 3. begin again under each group
    assert rows[4] == "（三）不予公开　1.属于国家秘密" and rows[12] == "（四）无法提供　1.本机关不掌握相关政府信息"
    assert rows[-1] == OUT
    assert table.item(0, 0).text() == "2" and "第3–4行" in table.item(0, 0).toolTip()
    assert table.item(0, 6).text() == "3"   # 总计, recomputed
    left = dialog.left_out_view
    assert left.rowCount() == 1 and left.item(0, 0).text() == "台账.xlsx“2025年”第5行" and left.item(0, 2).text() == "个体户"
    assert "表头在第2行" in dialog.notes.toPlainText()
    assert dialog.fill_button.text() == "填写表三"


def test_the_preview_says_which_hidden_rows_were_counted(qtbot, tmp_path):
    from govreport_gui.core.forms import get_form
    from govreport_gui.io.workbook.ledger_read import read_ledgers
    rows = [("序号", "申请人类型", "收到日期", "答复日期", "处理结果")] + [
        (n, "公民", dt.datetime(2025, 3, n), dt.datetime(2025, 3, n + 5), "同意公开") for n in range(1, 7)]
    rows[5] = (5,) + rows[2][1:]   # row 6 repeats row 3
    path = ledger_file(tmp_path, rows)
    wb = openpyxl.load_workbook(path)
    for r in (4, 6):
        wb.active.row_dimensions[r].hidden = True
    wb.save(path)
    dialog = LedgerDialog(read_ledgers([path]), get_form("2021"), 2025)
    qtbot.addWidget(dialog)
    summary = dialog.summary.text()
    assert "台账中有 2 行是隐藏的" in summary and "其中 1 行与未隐藏的行内容相同" in summary and "取消隐藏后核对" in summary
    assert dialog.tabs.tabText(3) == "读取说明（请核对 1 处）"
    first = dialog.notes.toPlainText().splitlines()[0]
    assert first.startswith("请核对：台账.xlsx“2025年”第4、6行是隐藏的行") and "第6行与第3行内容相同" in first
    assert dialog.figure_tables["三"].item(0, 0).text() == "6"   # counted like the others


def test_the_preview_says_what_to_do_with_the_rows_left_out(qtbot, tmp_path):
    """While a value waits to be assigned, the summary sends the clerk to 需要归类的值; once every
    value is assigned, the rows still left out (an answer dated before the application) can only be
    corrected in the ledger, and the summary says so instead of pointing at an empty tab."""
    from govreport_gui.core.forms import get_form
    from govreport_gui.io.workbook.ledger_read import read_ledgers
    rows = [("序号", "申请人类型", "收到日期", "答复日期", "处理结果"),
            (1, "公民", dt.datetime(2025, 3, 9), dt.datetime(2025, 3, 2), "同意公开"),
            (2, "个体户", dt.datetime(2025, 4, 2), dt.datetime(2025, 4, 9), "同意公开")]
    dialog = LedgerDialog(read_ledgers([ledger_file(tmp_path, rows)]), get_form("2021"), 2025)
    qtbot.addWidget(dialog)
    before = dialog.summary.text()
    assert "有 2 行未计入" in before and "“需要归类的值”中逐一归入" in before and "改正后重新读取" not in before
    combo = dialog.unclear_combo("个体户")
    combo.setCurrentIndex(combo.findText("商业企业"))
    after = dialog.summary.text()
    assert "有 1 行未计入" in after and "需要归类的值" not in after and "台账中写错的，改正后重新读取" in after
    assert dialog.tabs.tabText(2) == "需要归类的值（0）"


def test_export_the_ledger_template(qtbot, make_window, fake_dialogs, tmp_path):
    window = make_window(report_2025())
    target = tmp_path / "模板"
    fake_dialogs.answers["save_file"].append(str(target))
    action(window, "导出申请台账模板…").trigger()
    wb = openpyxl.load_workbook(tmp_path / "模板.xlsx")
    assert "依申请公开登记台账" in wb.sheetnames and wb["依申请公开登记台账"].data_validations.dataValidation
    assert "已导出申请台账模板" in fake_dialogs.texts("info")[0]


@pytest.mark.parametrize("shown", [False, True])
def test_the_template_is_offered_on_the_start_page_too(qtbot, make_window, shown):
    window = make_window(report_2025() if shown else None)
    assert action(window, "导出申请台账模板…").isEnabled()


def test_a_ledger_named_with_html_characters_is_named_as_it_is(qtbot, tmp_path):
    """The summary is rich text: a file name holding & or < is shown as written, not read as markup."""
    from govreport_gui.core.forms import get_form
    from govreport_gui.io.workbook.ledger_read import read_ledgers
    path = ledger_file(tmp_path).rename(tmp_path / "交通&运输<2025>台账.xlsx")
    dialog = LedgerDialog(read_ledgers([path]), get_form("2021"), 2025)
    qtbot.addWidget(dialog)
    from PySide6.QtGui import QTextDocument
    shown = QTextDocument()
    shown.setHtml(dialog.summary.text())
    assert "交通&运输<2025>台账.xlsx" in shown.toPlainText()
