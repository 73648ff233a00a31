"""Findings about a 基本信息 field are shown on the 基本信息 tab — placed by the field they name
(``Finding.meta``), whatever rule made them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from govreport_gui.core.findings import Severity


def _meta_findings(window):
    return [f for f in window.session.document.findings if f.is_open and f.meta is not None]


def test_template_text_in_a_contact_field_flags_the_meta_tab(qtbot, make_window, sample):
    window = make_window(sample)
    index = window.tabs.indexOf(window.meta_tab)
    qtbot.waitUntil(lambda: window.status_counts.text() != "正在检查…")
    assert _meta_findings(window) == []
    assert "警告" not in window.tabs.tabToolTip(index)

    # the clerk types a template leftover into 电话 (a prose.template finding, not a meta.* rule)
    window.tabs.setCurrentWidget(window.meta_tab)
    edit = window.meta_tab.fields["phone"]
    edit.clear()
    qtbot.keyClicks(edit, "0798-XXXXXXX")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.session.report.meta.phone == "0798-XXXXXXX"
    [finding] = _meta_findings(window)
    assert finding.rule == "prose.template" and finding.meta == "phone"
    assert finding.severity is Severity.WARNING
    assert "本页有 1 个警告" in window.tabs.tabToolTip(index)

    # a missing year (meta.year) is counted there too
    window.meta_tab.year.setValue(0)
    window.meta_tab.year.editingFinished.emit()
    assert window.session.report.meta.year == 0
    assert {f.rule for f in _meta_findings(window)} == {"prose.template", "meta.year"}
    assert "本页有 2 个警告" in window.tabs.tabToolTip(index)

    # correcting the field takes its warning off the tab
    edit.clear()
    qtbot.keyClicks(edit, "0798-1234567")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.session.report.meta.phone == "0798-1234567"
    assert "prose.template" not in {f.rule for f in _meta_findings(window)}


def test_clicking_a_field_finding_puts_the_cursor_in_that_field(qtbot, make_window, sample):
    from govreport_gui.core.edits import SetMeta
    window = make_window(sample)
    meta = window.session.report.meta
    window.session.push(SetMeta("phone", meta.phone, "0798-XXXXXXX", "改电话"))
    window.tabs.setCurrentIndex(window.tabs.count() - 1)  # somewhere else
    [finding] = _meta_findings(window)
    item = window.findings.item_for(finding)
    window.findings.list.scrollToItem(item)
    qtbot.mouseClick(window.findings.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.findings.list.visualItemRect(item).center())
    assert window.tabs.currentWidget() is window.meta_tab
    qtbot.waitUntil(lambda: window.meta_tab.fields["phone"].hasFocus())
