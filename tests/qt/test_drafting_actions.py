"""Drafting help in the editor: the outline of a new report, 插入数据摘要, 导出校验清单."""

from docx import Document as DocxDocument

from govreport_gui.core.drafting import outline
from govreport_gui.qt.dialogs import NewReportAnswer


def test_new_report_starts_with_the_standard_outline(qtbot, make_window, fake_dialogs):
    window = make_window()
    fake_dialogs.answers["new_report"].append(NewReportAnswer("某某区民政局", 2025, "2021"))
    assert window.flows.new_report()
    assert window.session.report.sections == outline("2021")
    page = window.page_for_section("五")
    window.tabs.setCurrentWidget(page)
    assert page.prose.text() == outline("2021")["五"]


def test_insert_data_summary_at_the_cursor_is_one_undo_step(qtbot, make_window, fake_dialogs, sample_loaded):
    window = make_window(sample_loaded.report, sample_loaded.previous)
    page = window.page_for_section("一")
    window.tabs.setCurrentWidget(page)
    edit = page.prose.edit
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    cursor = edit.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    edit.setTextCursor(cursor)
    before = window.session.report.sections["一"]
    assert window.insert_data_summary()
    after = window.session.report.sections["一"]
    assert after.startswith(before) and len(after) > len(before)
    added = after[len(before):]
    assert "220" in added                    # 本年新收 from table 三
    assert window.session.undo_stack.undoText()
    window.session.undo_stack.undo()
    assert window.session.report.sections["一"] == before


def test_insert_data_summary_needs_a_prose_cursor(qtbot, make_window, fake_dialogs, sample):
    window = make_window(sample)
    window.tabs.setCurrentWidget(window.page_for_table("三"))
    window.page_for_table("三").grid.setFocus()
    assert not window.insert_data_summary()
    assert fake_dialogs.shown[-1][0] == "info" and "光标" in fake_dialogs.shown[-1][1]


def test_export_check_list(qtbot, make_window, fake_dialogs, sample_loaded, tmp_path):
    window = make_window(sample_loaded.report, sample_loaded.previous)
    out = tmp_path / "清单.docx"
    fake_dialogs.answers["save_file"].append(str(out))
    assert window.flows.export_check_list()
    text = "\n".join(p.text for p in DocxDocument(str(out)).paragraphs)
    assert "青禾市临川区人民政府办公室" in text
    fake_dialogs.answers["save_file"].append(str(tmp_path / "nope" / "x.xlsx"))
    assert not window.flows.export_check_list()
    assert fake_dialogs.shown[-1][0] == "error"
