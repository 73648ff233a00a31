"""Prose editors (plain text, paste drops formatting, counts) and the 基本信息 tab."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from qt_helpers import blank

from govreport_gui.core.findings import Severity
from govreport_gui.qt import clipboard
from govreport_gui.qt.prose import clean_pasted_text


def test_prose_tabs_exist_for_every_section_with_the_official_headings(make_window):
    window = make_window(blank("2021"))
    from govreport_gui.core.forms import get_form
    headings = [s.heading for s in get_form("2021").sections]
    assert window.tabs.tabText(0) == "基本信息"
    assert [window.tabs.tabText(i) for i in range(1, window.tabs.count())] == headings
    for page in window.pages:
        assert page.prose is not None  # main text for 一/五/六, optional notes under 二/三/四
        assert (page.grid is None) == (page.table_id is None)


def test_pasting_formatted_text_keeps_only_the_text(qtbot, make_window):
    window = make_window(blank("2021"))
    p1 = window.page_for_section("一")
    window.tabs.setCurrentWidget(p1)
    edit = p1.prose.edit
    mime = QMimeData()
    mime.setHtml("<p><b>加粗</b>的<span style='color:red'>文字</span></p>")
    mime.setText("加粗的文字\r\n第二段\u00a0内容\u200b")
    edit.setFocus()
    edit.insertFromMimeData(mime)
    assert edit.toPlainText() == "加粗的文字\n第二段 内容"
    assert p1.prose.counter.text() == "10 字 · 2 段"
    assert window.session.report.section_text("一") == ""  # not committed yet
    p1.prose.commit()
    assert window.session.report.section_text("一") == "加粗的文字\n第二段 内容"
    assert window.session.undo_stack.undoText() == "修改“一、总体情况”正文"


def test_prose_is_committed_when_the_editor_loses_focus_or_after_a_pause(qtbot, make_window, monkeypatch):
    window = make_window(blank("2021"))
    p6 = window.page_for_section("六")
    window.tabs.setCurrentWidget(p6)
    edit = p6.prose.edit
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClicks(edit, "abc")
    window.meta_tab.fields["agency"].setFocus()  # focus leaves the editor
    qtbot.waitUntil(lambda: window.session.report.section_text("六") == "abc")
    p6.prose._timer.setInterval(50)
    edit.moveCursor(QTextCursor.MoveOperation.End)
    edit.insertPlainText("d")
    qtbot.waitUntil(lambda: window.session.report.section_text("六") == "abcd", timeout=2000)
    assert window.session.undo_stack.count() == 2


def test_clean_pasted_text():
    assert clean_pasted_text("a\r\nb\rc\u2029d\u000be") == "a\nb\nc\nd\ne"


def test_metadata_fields_year_and_title(qtbot, make_window):
    window = make_window(blank("2021"))
    meta = window.meta_tab
    meta.fields["agency"].setFocus()
    meta.fields["agency"].selectAll()
    qtbot.keyClicks(meta.fields["agency"], "ABC")
    qtbot.keyClick(meta.fields["agency"], Qt.Key.Key_Tab)
    assert window.session.report.meta.agency == "ABC"
    assert "ABC 2024年度" in window.windowTitle()
    meta.year.setValue(2018)
    meta.year.editingFinished.emit()
    assert window.session.report.meta.year == 2018
    # the format check speaks up, and the 基本信息 tab carries the badge for it
    assert any(f.rule == "meta.format_year" and f.severity is Severity.WARNING
               for f in window.session.document.findings)
    assert not window.tabs.tabIcon(0).isNull()
    window.session.undo_stack.undo()
    assert meta.year.value() == 2024
    assert window.tabs.tabIcon(0).isNull()


def test_clipboard_blocks():
    assert clipboard.parse_block("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert clipboard.parse_block("1,234") == [["1,234"]]
    assert clipboard.parse_block("12, 5, 7") == [["12", "5", "7"]]
    assert clipboard.parse_block("3 4　5") == [["3", "4", "5"]]
    assert clipboard.parse_block("1\n2\n3\n\n") == [["1"], ["2"], ["3"]]
    assert clipboard.parse_block("12件、3件") == [["12件", "3件"]]
    assert clipboard.parse_block("a\t\tb") == [["a", "", "b"]]
    assert clipboard.parse_block("") == []
    assert clipboard.to_tsv([["1", "a\tb"], ["", "3"]]) == "1\ta b\n\t3\n"


def test_a_warning_is_accepted_with_a_reason_from_the_panel(qtbot, make_window, sample, fake_dialogs):
    report = sample.copy()
    report.meta.year = 2018  # a 2021-format report on 2018: a warning
    window = make_window(report)
    [warning] = [f for f in window.session.document.findings if f.rule == "meta.format_year"]
    panel = window.findings
    item = panel.item_for(warning)
    panel.list.setCurrentItem(item)
    assert panel.accept_button.isEnabled()
    fake_dialogs.answers["accept_reason"].append("经核实，格式无误。")
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    [accepted] = [f for f in window.session.document.findings if f.rule == "meta.format_year"]
    assert accepted.accepted_reason == "经核实，格式无误。" and not accepted.is_open
    assert window.session.undo_stack.count() == 1
    assert "已确认" in panel.item_for(accepted).text()
    window.session.undo_stack.undo()
    assert [f for f in window.session.document.findings if f.rule == "meta.format_year"][0].is_open
    window.session.undo_stack.redo()
    # a confirmed warning can be opened again: the same button says 取消确认
    [accepted] = [f for f in window.session.document.findings if f.rule == "meta.format_year"]
    panel.list.setCurrentItem(panel.item_for(accepted))
    assert panel.accept_button.text() == "取消确认" and panel.accept_button.isEnabled()
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    [reopened] = [f for f in window.session.document.findings if f.rule == "meta.format_year"]
    assert reopened.is_open and window.session.report.accepted == []
    assert window.session.undo_stack.count() == 2
    window.session.undo_stack.undo()
    assert not [f for f in window.session.document.findings if f.rule == "meta.format_year"][0].is_open
    # errors cannot be accepted
    error_items = [panel.list.item(i) for i in range(panel.list.count())
                   if getattr(panel.list.item(i).data(Qt.ItemDataRole.UserRole + 10), "severity", None)
                   is Severity.ERROR]
    for item in error_items:
        panel.list.setCurrentItem(item)
        assert not panel.accept_button.isEnabled()


def test_html_table_blocks():
    html = ("<html><body><table><tr><td>一、本年新收</td><td>12件</td><td colspan=2>3</td><td>4</td></tr>"
            "<tr><th>a<br>b</th><td>&nbsp;5&nbsp;</td></tr></table><table><tr><td>x</td></tr></table>")
    assert clipboard.parse_html_table(html) == [["一、本年新收", "12件", "3", "", "4"], ["a b", "5"]]
    assert clipboard.parse_html_table("<p>no table</p>") == []


def test_prose_placeholders_follow_the_format_version(qtbot, make_window, fake_dialogs):
    window = make_window(blank("2021", 2025))
    five = window.page_for_section("五").prose.edit
    six = window.page_for_section("六").prose.edit
    assert "上年度问题整改情况" in five.placeholderText() and "信息处理费" in six.placeholderText()
    # 2021 requires content in 五 and 六: “无。” there would itself be warned about
    assert "无。" not in five.placeholderText() and "无。" not in six.placeholderText()
    # 2019 does not ask for 整改 or 信息处理费: switching versions changes the hints too
    fake_dialogs.answers["ask_yes_no"].append(True)
    window.flows.change_version("2019")
    assert window.session.report.form_version == "2019"
    assert "整改" not in five.placeholderText() and "信息处理费" not in six.placeholderText()
    assert "存在的主要问题" in five.placeholderText()
    assert "无。" in six.placeholderText()  # 2019 requires nothing there
