"""The pre-export check (导出前检查) of Word and PDF export, driven through the real dialog: its
list, 返回修改 (to the first problem, or the one double-clicked), 仍然导出, 落款日期填入今天; and the
plain good news of a clean export."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from govreport_gui.core.drafting import new_report
from govreport_gui.core.export_check import official_date
from govreport_gui.io.registry import read_report
from govreport_gui.qt.export_check_dialog import ExportCheckDialog


class OnDialog:
    """Runs ``action(dialog)`` once the export check dialog is shown (it is modal: the test's
    own code does not run while it is open)."""

    def __init__(self, action) -> None:
        self.action, self.seen, self.errors = action, [], []
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(20)

    def _tick(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ExportCheckDialog) and dialog.isVisible() and dialog not in self.seen:
            self.seen.append(dialog)
            try:
                self.action(dialog)
            except BaseException as exc:  # noqa: BLE001 - re-raised by the test; a modal left open would hang it
                self.errors.append(exc)
                dialog.reject()

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def on_dialog():
    made = []

    def install(action):
        made.append(OnDialog(action))
        return made[-1]
    yield install
    for watcher in made:
        watcher.stop()
        assert not watcher.errors, watcher.errors


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def draft() -> object:
    report = new_report("2021", 2025, "某某局")
    report.meta.issuing_organ = "某某局"
    return report


def test_back_to_editing_goes_to_the_first_problem(qtbot, make_window, fake_dialogs, on_dialog):
    window = make_window(draft())
    listed, intro = [], []
    watcher = on_dialog(lambda d: (listed.extend(d.items()), intro.append(d.intro.text()), click(qtbot, d.back_button)))
    assert not window.flows.export(".docx")
    assert watcher.seen, "the check was shown"
    assert not [a for a in fake_dialogs.asked if a[0] == "save_file"]  # no file chooser
    assert listed[0].group == "placeholder" and listed[-1].group == "date"
    assert "13 处正文尚未填写" in intro[0] and "灰色提示文字不会写进文档" in intro[0]
    page = window.page_for_section(listed[0].finding.section)
    assert window.tabs.currentWidget() is page
    assert listed[0].finding.quote == ""  # the opening overview of 一: its prompt, line 0
    assert page.prose.edit.prompts[0].line == 0 and "（请在此" not in page.prose.edit.toPlainText()
    qtbot.waitUntil(lambda: page.prose.edit.hasFocus())
    assert page.prose.edit.textCursor().blockNumber() == 0  # where typing fills the part


def test_export_anyway_writes_the_document_as_it_is(qtbot, make_window, fake_dialogs, on_dialog, tmp_path):
    window = make_window(draft())
    fake_dialogs.answers["save_file"].append(str(tmp_path / "草稿.docx"))
    on_dialog(lambda d: click(qtbot, d.export_button))
    assert window.flows.export(".docx")
    assert (tmp_path / "草稿.docx").exists()
    back = read_report(tmp_path / "草稿.docx").report
    # written as it was, the clerk chose so: the sub-headings are text, the prompts never are
    assert back.sections["一"].splitlines() == draft().sections["一"].splitlines()[1:]
    hints = [t.hint for topics in back.form.outline.values() for t in topics]
    assert not any(h in text for h in hints for text in back.sections.values())
    assert "请在此" not in "".join(back.sections.values())
    assert "已导出" in window.statusBar().currentMessage()


def test_the_empty_date_is_filled_with_today_in_the_official_form(qtbot, make_window, fake_dialogs, on_dialog,
                                                                   tmp_path):
    window = make_window(draft())
    after = []

    def fill_then_export(dialog):
        assert dialog.fill_date.isVisible()
        click(qtbot, dialog.fill_date)
        after.extend(p.group for p in dialog.items())
        assert not dialog.fill_date.isVisible()
        click(qtbot, dialog.export_button)
    on_dialog(fill_then_export)
    fake_dialogs.answers["save_file"].append(str(tmp_path / "年报.docx"))
    assert window.flows.export(".docx")
    today = official_date(dt.date.today())
    assert window.session.report.meta.date == today
    assert "date" not in after
    import docx
    texts = [p.text for p in docx.Document(str(tmp_path / "年报.docx")).paragraphs]
    assert texts[-2:] == ["某某局", today]
    window.undo_action.trigger()
    assert window.session.report.meta.date == ""


def test_enter_on_a_problem_goes_to_that_problem(qtbot, make_window, fake_dialogs, on_dialog):
    window = make_window(draft())

    def open_the_date(dialog):
        tree = dialog.tree
        item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                    if "落款日期为空" in tree.topLevelItem(i).text(0))
        tree.setCurrentItem(item)
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    on_dialog(open_the_date)
    assert not window.flows.export(".pdf")  # PDF is checked the same way, before anything is made
    assert window.tabs.currentWidget() is window.meta_tab
    qtbot.waitUntil(lambda: window.meta_tab.fields["date"].hasFocus())


def test_a_clean_export_says_so_plainly_with_the_real_count(qtbot, make_window, sample, fake_dialogs, on_dialog,
                                                            tmp_path):
    watcher = on_dialog(lambda d: click(qtbot, d.back_button))
    window = make_window(sample)
    fake_dialogs.answers["save_file"].append(str(tmp_path / "年报.docx"))
    assert window.flows.export(".docx")
    assert not watcher.seen  # nothing to check: no dialog
    figures = sum(len(t.cells) for t in sample.form.tables.values())
    [(kind, text, _)] = [s for s in fake_dialogs.shown if s[0] in ("info", "notes")]
    assert kind == "info"
    assert text == f"已导出“年报.docx”，{figures} 个数字已逐一读回核对无误。"
    assert "请注意" not in text and "一致" not in text
    assert f"{figures} 个数字已逐一读回核对无误" in window.statusBar().currentMessage()


def test_an_empty_issuing_organ_is_filled_with_the_agency_and_printed_above_the_date(qtbot, make_window, fake_dialogs,
                                                                                    on_dialog, tmp_path):
    report = new_report("2021", 2025, "某某县人民政府办公室")
    for key, text in report.sections.items():  # every part written: only the 落款 is missing
        report.sections[key] = "\n".join(line + "已按要求完成。" if line else "本年工作总体平稳。" for line in text.split("\n"))
    window = make_window(report)
    listed = []

    def fill_both_then_export(dialog):
        listed.extend(p.meta for p in dialog.items())
        assert dialog.fill_organ.isVisible() and "某某县人民政府办公室" in dialog.fill_organ.text()
        click(qtbot, dialog.fill_organ)
        assert not dialog.fill_organ.isVisible() and dialog.fill_date.isVisible()
        click(qtbot, dialog.fill_date)
        click(qtbot, dialog.export_button)
    on_dialog(fill_both_then_export)
    fake_dialogs.answers["save_file"].append(str(tmp_path / "年报.docx"))
    assert window.flows.export(".docx")
    assert listed[-2:] == ["issuing_organ", "date"]
    today = official_date(dt.date.today())
    meta = window.session.report.meta
    assert (meta.issuing_organ, meta.date) == ("某某县人民政府办公室", today)
    back = read_report(tmp_path / "年报.docx").report
    assert (back.meta.issuing_organ, back.meta.date) == ("某某县人民政府办公室", today)
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert (window.session.report.meta.issuing_organ, window.session.report.meta.date) == ("", "")
