"""从上年报告新建 in the editor carries the words too: the notes list what was carried and every
sentence whose year changed (before → after); the 基本信息 tab shows the 前言 with the year moved,
the contact fields and the 落款机关, the 落款日期 empty — and the pre-export check asks for it."""

from __future__ import annotations

from qt_helpers import SAMPLE

from govreport_gui.core.export_check import export_problems


def test_new_from_last_years_report_carries_and_lists_the_words(qtbot, make_window, fake_dialogs, sample):
    window = make_window()
    fake_dialogs.answers["open_file"].append(str(SAMPLE))
    assert window.flows.new_from_previous()
    [(_, intro, items)] = [s for s in fake_dialogs.shown if s[0] == "notes"]
    assert "前言、联系方式、落款机关" in intro and "改前→改后" in intro and "落款日期请在导出前填写" in intro
    lines = items.split("\n")
    [changed] = [line for line in lines if line.startswith("年份已改：")]
    assert changed == ("年份已改：前言：“报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。”"
                       "→“报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。”")
    meta = window.session.report.meta
    assert meta.preamble == sample.meta.preamble.replace("2024年1月1日起至2024年12月31日", "2025年1月1日起至2025年12月31日")
    window.tabs.setCurrentWidget(window.meta_tab)
    tab = window.meta_tab
    assert tab.preamble.text() == meta.preamble
    assert tab.fields["issuing_organ"].text() == sample.meta.issuing_organ
    assert tab.fields["phone"].text() == sample.meta.phone and tab.fields["date"].text() == ""
    problems = export_problems(window.session.report, window.session.document.findings)
    assert [p.meta for p in problems if p.group == "date"] == ["date"]   # the organ carried, the date asked for


def test_import_last_years_report_fills_the_empty_words_too_as_one_undo_step(qtbot, make_window, fake_dialogs,
                                                                            sample):
    from qt_helpers import blank
    report = blank("2021", 2025)
    report.meta.phone = "0571-1111111"            # typed already: never overwritten
    window = make_window(report)
    fake_dialogs.answers["ask_yes_no"].append(True)
    assert window.flows.import_previous(SAMPLE)
    [question] = [a for a in fake_dialogs.asked if a[0] == "ask_yes_no"]
    text = str(question)
    assert "前言（表示报告年度的年份已改为2025年）" in text and "落款机关" in text and "电话" not in text
    meta = window.session.report.meta
    assert "统计期限自2025年1月1日起至2025年12月31日止" in meta.preamble
    assert (meta.issuing_organ, meta.phone, meta.email) == (sample.meta.issuing_organ, "0571-1111111", sample.meta.email)
    assert meta.date == ""
    [(_, _, notes)] = [s for s in fake_dialogs.shown if s[0] == "notes"]
    assert notes.startswith("年份已改：前言：“报告中所列数据的统计期限自2024年1月1日")
    assert window.session.undo_stack.count() == 1
    window.session.undo_stack.undo()
    assert (window.session.report.meta.preamble, window.session.report.meta.issuing_organ) == ("", "")


def test_import_last_years_report_not_filled_when_the_clerk_says_no(qtbot, make_window, fake_dialogs):
    from qt_helpers import blank
    window = make_window(blank("2021", 2025))
    fake_dialogs.answers["ask_yes_no"].append(False)
    assert window.flows.import_previous(SAMPLE)
    assert window.session.report.meta.preamble == "" and window.session.document.previous is not None
