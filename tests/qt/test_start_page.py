"""The start page: shown when the editor starts without a file or the last report is closed; its
actions (新建报告, 从上年报告新建, 打开, 最近使用) each lead to the editor on a report."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from qt_helpers import SAMPLE

from govreport_gui.core.findings import Severity
from govreport_gui.qt.app import create_window
from govreport_gui.qt.dialogs import NewReportAnswer
from govreport_gui.qt.start_page import MISSING


@pytest.fixture
def started(qtbot):
    """started(argv=[]) → the application's window as ``govreport [FILE]`` opens it, shown."""
    def start(argv=()):
        window = create_window(list(argv), offer_recovery=False)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window
    return start


def editor_shown(window) -> bool:
    return not window.start_page_shown() and window.central.currentWidget() is window.editor_area


def test_without_a_file_the_start_page_shows_not_an_empty_report(qtbot, started):
    window = started()
    assert window.start_page_shown() and window.start_page.isVisible()
    assert not window.tabs.isVisible() and not window.findings_dock.isVisible()
    assert not window.sections_bar.isVisible()
    actions = {a.text(): a for a in window.file_menu.actions()}
    assert not actions["保存"].isEnabled() and not actions["关闭"].isEnabled()
    assert not actions["导出为 Word 文档…"].isEnabled()
    assert actions["新建…"].isEnabled() and actions["打开…"].isEnabled()
    assert window.windowTitle() == "年报编制助手"
    texts = [window.start_page.recent.item(i).text() for i in range(window.start_page.recent.count())]
    assert texts == ["还没有最近使用的报告。新建一份，或打开已有的报告文件。"]


def test_with_nothing_to_open_the_keyboard_starts_on_new_report(qtbot, started):
    """No recent file: 新建报告 has the focus (Enter starts it), the list is no Tab stop and its
    line is never its current item (given the focus, the list framed the line as if it could open);
    the line is greyed from the first paint and never selectable or enabled once the window is up."""
    window = started()
    page = window.start_page
    qtbot.waitUntil(page.buttons["new"].hasFocus)
    line = page.recent.item(0)
    assert page.recent.currentRow() == -1 and not page.recent.hasFocus()
    from PySide6.QtCore import Qt
    qtbot.waitUntil(lambda: line.flags() == Qt.ItemFlag.NoItemFlags)   # set just after the first paint
    assert page.recent.focusPolicy() == Qt.FocusPolicy.NoFocus and page.recent.currentRow() == -1
    disabled = page.recent.palette().color(page.recent.palette().ColorGroup.Disabled, page.recent.palette().ColorRole.Text)
    assert line.foreground().color() == disabled


def test_the_readme_command_opens_the_sample_directly(qtbot, started):
    window = started([str(SAMPLE)])
    assert editor_shown(window) and window.flows.path == SAMPLE
    assert window.findings_dock.isVisible() and window.sections_bar.isVisible()


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_new_report_opens_the_editor_on_an_empty_report_of_the_chosen_version(qtbot, started, fake_dialogs, version):
    window = started()
    fake_dialogs.answers["new_report"].append(NewReportAnswer("某某区财政局", 2025, version))
    qtbot.mouseClick(window.start_page.buttons["new"], Qt.MouseButton.LeftButton)
    assert editor_shown(window) and window.tabs.isVisible() and window.findings_dock.isVisible()
    report = window.session.report
    assert (report.form_version, report.meta.year, report.meta.agency) == (version, 2025, "某某区财政局")
    assert report.values == {}
    qtbot.waitUntil(lambda: window.session.document.checked)
    assert window.findings.counts()[Severity.ERROR] == 0
    assert window.findings.todo_count() > 0  # the outline to fill in, as a to-do list


def test_a_cancelled_new_report_stays_on_the_start_page(qtbot, started, fake_dialogs):
    window = started()
    qtbot.mouseClick(window.start_page.buttons["new"], Qt.MouseButton.LeftButton)  # the dialog answers 取消
    assert window.start_page_shown()


def test_open_goes_through_the_file_chooser(qtbot, started, fake_dialogs):
    window = started()
    fake_dialogs.answers["open_file"].append(str(SAMPLE))
    qtbot.mouseClick(window.start_page.buttons["open"], Qt.MouseButton.LeftButton)
    assert fake_dialogs.asked[-1] == ("open_file", "打开年度报告")
    assert editor_shown(window) and window.flows.path == SAMPLE


def test_from_last_years_report(qtbot, started, fake_dialogs):
    window = started()
    fake_dialogs.answers["open_file"].append(str(SAMPLE))
    qtbot.mouseClick(window.start_page.buttons["from_previous"], Qt.MouseButton.LeftButton)
    assert editor_shown(window)
    assert window.session.report.meta.year == 2025 and window.session.document.previous is not None


def test_close_returns_to_the_start_page_and_recent_files_open_by_double_click_and_enter(
        qtbot, started, fake_dialogs, tmp_path):
    copy = tmp_path / "临川区2024年度报告.govreport"
    shutil.copy(SAMPLE, copy)
    window = started([str(copy)])
    assert editor_shown(window)
    close = next(a for a in window.file_menu.actions() if a.text() == "关闭")
    close.trigger()
    assert window.start_page_shown() and not window.findings_dock.isVisible()
    assert not window.isWindowModified() and window.flows.path is None

    recent = window.start_page.recent
    assert window.start_page.recent_paths() == [str(copy.resolve())]
    text = recent.item(0).text()
    assert text.startswith(copy.name) and "青禾市临川区人民政府办公室" in text and "2024年度" in text
    assert "保存于" in text
    rect = recent.visualItemRect(recent.item(0))
    qtbot.mouseClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor_shown(window) and window.flows.path == copy.resolve()

    close.trigger()
    assert window.start_page_shown()
    recent.setFocus()
    recent.setCurrentRow(0)
    qtbot.keyClick(recent, Qt.Key.Key_Return)
    assert editor_shown(window) and window.flows.path == copy.resolve()


def test_closing_a_modified_report_asks_first(qtbot, started, fake_dialogs, tmp_path):
    window = started([str(SAMPLE)])
    window.meta_tab.fields["phone"].setText("12345")
    window.meta_tab.commit()
    assert window.isWindowModified()
    fake_dialogs.answers["ask_save_changes"].append("cancel")
    assert not window.flows.close_report()
    assert editor_shown(window) and window.session.report.meta.phone == "12345"
    fake_dialogs.answers["ask_save_changes"].append("discard")
    assert window.flows.close_report() and window.start_page_shown()


def test_a_recent_file_moved_away_is_greyed_with_a_word_and_not_opened(qtbot, started, fake_dialogs, tmp_path):
    gone = tmp_path / "已删除.govreport"
    shutil.copy(SAMPLE, gone)
    window = started([str(gone)])
    window.flows.close_report()
    gone.unlink()
    window.flows.recent_changed.emit()
    recent = window.start_page.recent
    item = recent.item(0)
    assert MISSING in item.text() and not item.flags() & Qt.ItemFlag.ItemIsSelectable
    assert item.foreground().color().name() == "#999999"
    rect = recent.visualItemRect(item)
    qtbot.mouseDClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.start_page_shown() and not [s for s in fake_dialogs.shown if s[0] == "error"]
    menu_action = window.recent_menu.actions()[0]
    assert not menu_action.isEnabled()


def test_when_every_recent_file_is_gone_the_keyboard_starts_on_new_report(qtbot, started, tmp_path):
    """最近使用 lists only files moved away: Enter there would open nothing, so 新建报告 has the focus."""
    gone = tmp_path / "已删除.govreport"
    shutil.copy(SAMPLE, gone)
    window = started([str(gone)])
    gone.unlink()
    window.flows.close_report()
    page = window.start_page
    assert page.recent_paths() == [str(gone.resolve())] and MISSING in page.recent.item(0).text()
    assert page.openable_paths() == []
    qtbot.waitUntil(page.buttons["new"].hasFocus)
    assert not page.recent.hasFocus()
