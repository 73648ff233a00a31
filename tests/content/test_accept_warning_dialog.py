"""The 确认警告 dialog: a reason is required; usual reasons can be picked and edited."""

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from govreport_gui.core import CellKey
from govreport_gui.core.edits import accept_warning
from govreport_gui.core.findings import Finding, Severity
from govreport_gui.qt.accept_warning_dialog import AcceptWarningDialog

FINDING = Finding(Severity.WARNING, "yoy.change", (CellKey("二", "行政规范性文件", "现行有效件数"),),
                  "表二“行政规范性文件”“现行有效件数”上年为120，本年为20，降至上年的16.7%。变化异常，请核实是否填错；"
                  "如属实，可确认此警告并写明原因。")


def test_reason_is_required_and_suggestions_fill_it(qtbot):
    d = AcceptWarningDialog(None, FINDING)
    qtbot.addWidget(d)
    d.show()
    ok = d.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(d.reason, "   ")
    assert not ok.isEnabled()
    index = d.suggestions.findData("本年开展规范性文件集中清理，现行有效件数相应变化。")
    assert index > 0
    d.suggestions.activated.emit(index)
    assert d.reason_text() == "本年开展规范性文件集中清理，现行有效件数相应变化。"
    d.reason.moveCursor(d.reason.textCursor().MoveOperation.End)
    d.reason.insertPlainText("共废止100件。")  # (QTest.keyClicks cannot type Chinese)
    assert ok.isEnabled()
    edit = accept_warning(FINDING, d.reason_text())
    assert edit.entry.reason.endswith("共废止100件。") and edit.entry.cells == FINDING.cells
    out = Path(__file__).resolve().parents[2] / "build" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    assert d.grab().save(str(out / "accept_warning_dialog.png"))


def test_no_suggestions_for_other_rules(qtbot):
    d = AcceptWarningDialog(None, Finding(Severity.WARNING, "二.regulations_level", (), "规章……"))
    qtbot.addWidget(d)
    assert d.suggestions.count() == 1 and d.suggestions.isHidden()


def test_reasons_declared_with_a_format_rule_are_offered(qtbot):
    from govreport_gui.core.forms import FORMS
    stock = next(r for r in FORMS["2021"].cross_year if r.reasons)
    d = AcceptWarningDialog(None, Finding(Severity.WARNING, stock.rule, (stock.target,), "现行有效件数……"))
    qtbot.addWidget(d)
    assert [d.suggestions.itemData(i) for i in range(1, d.suggestions.count())] == list(stock.reasons)
