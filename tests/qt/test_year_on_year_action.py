"""编辑 → 插入同比情况: last year's comparisons written at the cursor of 一, checked quietly, one undo
step; without last year's report the clerk is told how to give it."""

from govreport_gui.core.checks import check_report
from govreport_gui.core.drafting import year_on_year


def _cursor_at_end_of(window, qtbot, section: str):
    page = window.page_for_section(section)
    window.tabs.setCurrentWidget(page)
    edit = page.prose.edit
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    cursor = edit.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    edit.setTextCursor(cursor)
    return edit


def test_insert_year_on_year_at_the_cursor(qtbot, make_window, fake_dialogs, sample_loaded):
    window = make_window(sample_loaded.report, sample_loaded.previous)
    _cursor_at_end_of(window, qtbot, "一")
    before = window.session.report.sections["一"]
    assert window.insert_year_on_year()
    after = window.session.report.sections["一"]
    added = after[len(before):]
    assert after.startswith(before)
    assert added == year_on_year(window.session.report, window.session.document.previous)
    assert "新收政府信息公开申请220件，较上年增加" in added     # 220 in the sample's table 三
    findings = check_report(window.session.report, window.session.document.previous)
    assert not [f for f in findings if f.rule in ("prose.figure", "prose.change")]
    window.session.undo_stack.undo()
    assert window.session.report.sections["一"] == before


def test_insert_year_on_year_needs_last_years_report(qtbot, make_window, fake_dialogs, sample):
    window = make_window(sample)
    _cursor_at_end_of(window, qtbot, "一")
    before = window.session.report.sections["一"]
    assert not window.insert_year_on_year()
    kind, message = fake_dialogs.shown[-1][:2]
    assert kind == "info" and "上年" in message and "导入上一年度" in message
    assert window.session.report.sections["一"] == before


def test_the_edit_menus_action_inserts_it(qtbot, make_window, fake_dialogs, sample_loaded):
    from PySide6.QtGui import QAction
    window = make_window(sample_loaded.report, sample_loaded.previous)
    [action] = [a for a in window.findChildren(QAction) if "同比" in a.text()]
    assert action.isEnabled()
    _cursor_at_end_of(window, qtbot, "一")
    before = window.session.report.sections["一"]
    action.trigger()
    assert window.session.report.sections["一"] != before
    assert "较上年" in window.session.report.sections["一"][len(before):]
