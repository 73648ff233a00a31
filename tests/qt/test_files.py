"""File flows through the window: save/close/reopen, failed saves, prompts, new, open, import, export."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from qt_helpers import SAMPLE, type_into

from govreport_gui.core.forms import CellKey, get_form
from govreport_gui.core.forms.common import NEW
from govreport_gui.core.serialize import load_file, save_json
from govreport_gui.qt.dialogs import NewReportAnswer
from govreport_gui.qt.main_window import MainWindow
from govreport_gui.qt.new_report_dialog import NewReportDialog

NATURAL = get_form("2021").tables["三"].cols[0]
KEY = CellKey("三", NEW, NATURAL)


def edit_everything(qtbot, window):
    p3 = window.page_for_table("三")
    window.tabs.setCurrentWidget(p3)
    type_into(qtbot, p3.grid, KEY, "4321")
    p6 = window.page_for_section("六")
    p6.prose.edit.setPlainText("第一段\n第二段")
    p6.prose.commit()
    agency = window.meta_tab.fields["agency"]
    agency.setText("新机关名称")
    agency.editingFinished.emit()


def test_save_close_reopen_loses_nothing(qtbot, make_window, sample_loaded, tmp_path, fake_dialogs):
    window = make_window(sample_loaded.report, sample_loaded.previous)
    edit_everything(qtbot, window)
    assert window.isWindowModified() and "新机关名称" in window.windowTitle()
    fake_dialogs.answers["save_file"].append(str(tmp_path / "年报"))
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    path = tmp_path / "年报.govreport"
    assert path.exists() and window.flows.path == path
    assert not window.isWindowModified() and "年报.govreport" in window.windowTitle()
    edited = window.session.report.copy()
    assert window.close()
    assert fake_dialogs.asked == [("save_file", "保存年度报告")]  # no "save changes?" prompt

    again = MainWindow()
    qtbot.addWidget(again)
    assert again.flows.open_file(path)
    assert again.session.report == edited
    assert again.session.document.previous == sample_loaded.previous
    assert again.page_for_section("六").prose.text() == "第一段\n第二段"
    assert again.meta_tab.fields["agency"].text() == "新机关名称"
    assert not again.isWindowModified()
    assert again.flows.recent.paths()[0] == str(path.resolve())
    assert [a.text() for a in again.recent_menu.actions()][0] == str(path.resolve())


def test_a_failed_save_keeps_the_document_open_and_modified(qtbot, make_window, sample, tmp_path, fake_dialogs):
    window = make_window(sample)
    edit_everything(qtbot, window)
    fake_dialogs.answers["save_file"].append(str(tmp_path / "no-such-folder" / "x.govreport"))
    assert not window.flows.save()
    [(kind, text, _)] = fake_dialogs.shown
    assert kind == "error" and "文件夹不存在" in text and "没有丢失" in text
    assert window.isWindowModified() and window.flows.path is None
    assert window.session.report.get(KEY) == 4321

    # a target that cannot be replaced (here: a folder of that name): message, nothing lost
    target = tmp_path / "占用.govreport"
    target.mkdir()
    window.flows.path = target
    assert not window.flows.save()
    assert fake_dialogs.shown[-1][0] == "error" and "占用.govreport" in fake_dialogs.shown[-1][1]
    assert window.isWindowModified() and target.is_dir()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("answer,closes,saved", [("cancel", False, False), ("discard", True, False),
                                                 ("save", True, True)])
def test_closing_with_unsaved_changes_asks(qtbot, make_window, sample, tmp_path, fake_dialogs, answer, closes, saved):
    window = make_window(sample)
    edit_everything(qtbot, window)
    fake_dialogs.answers["ask_save_changes"].append(answer)
    fake_dialogs.answers["save_file"].append(str(tmp_path / "out.govreport"))
    assert window.close() is closes
    assert fake_dialogs.asked[0][0] == "ask_save_changes" and "未保存的修改" in fake_dialogs.asked[0][1]
    assert (tmp_path / "out.govreport").exists() is saved
    if not closes:
        assert window.isVisible() and window.session.report.get(KEY) == 4321
        fake_dialogs.answers["ask_save_changes"].append("discard")


def test_new_report_follows_the_answers(qtbot, make_window, fake_dialogs):
    window = make_window()
    fake_dialogs.answers["new_report"].append(NewReportAnswer("某某镇人民政府", 2020, "2019"))
    assert window.flows.new_report()
    report = window.session.report
    assert (report.form_version, report.meta.year, report.meta.agency) == ("2019", 2020, "某某镇人民政府")
    # the grids follow the 2019 declaration: （六）其他处理 is one row there
    assert window.page_for_table("三").model.rowCount() == get_form("2019").tables["三"].n_rows
    assert window.page_for_table("二").model.rowCount() == get_form("2019").tables["二"].n_rows
    assert "某某镇人民政府 2020年度" in window.windowTitle()
    assert not window.isWindowModified()


def test_new_report_dialog_version_follows_the_year(qtbot):
    dialog = NewReportDialog(None, 2024, "某局")
    qtbot.addWidget(dialog)
    assert dialog.answer() == NewReportAnswer("某局", 2024, "2021")
    dialog.year.setValue(2020)
    assert dialog.answer().version == "2019"
    dialog.year.setValue(2021)
    assert dialog.answer().version == "2021"
    dialog.version.setCurrentIndex(dialog.version.findData("2019"))
    dialog.version.activated.emit(dialog.version.currentIndex())  # the clerk chose it
    dialog.year.setValue(2023)
    assert dialog.answer().version == "2019"


def test_opening_an_unreadable_file_says_why_and_keeps_the_document(qtbot, make_window, sample, tmp_path,
                                                                     fake_dialogs):
    window = make_window(sample)
    before = window.session.report.copy()
    bad = tmp_path / "坏文件.xlsx"
    bad.write_text("这不是表格", "utf-8")
    assert not window.flows.open_file(bad)
    [(kind, text, _)] = fake_dialogs.shown
    assert kind == "error" and "坏文件.xlsx" in text
    assert window.session.report == before


def test_import_shows_the_preview_and_replaces_content_as_one_undo_step(qtbot, make_window, sample, tmp_path,
                                                                        fake_dialogs, monkeypatch):
    from govreport_gui.io import registry
    other = sample.copy()
    other.values[KEY] = 1
    path = tmp_path / "上年.json"
    save_json(path, other)
    real = registry.read_report

    def reader_with_notes(p):
        result = real(p)
        result.notes = ["“１２”按12读取"]
        return result
    monkeypatch.setattr(registry, "read_report", reader_with_notes)
    window = make_window(sample)
    before = window.session.report.copy()

    # 取消 in the preview: nothing changes
    fake_dialogs.answers["confirm_import"].append(False)
    assert not window.flows.import_into(path)
    assert window.session.report == before and window.session.undo_stack.count() == 0

    assert window.flows.import_into(path)
    assert fake_dialogs.previews[-1].notes == ["“１２”按12读取"]
    assert window.session.report.get(KEY) == 1
    assert window.session.undo_stack.count() == 1
    window.undo_action.trigger()
    assert window.session.report == before


def test_import_of_an_unreadable_file_changes_nothing(qtbot, make_window, sample, tmp_path, fake_dialogs):
    window = make_window(sample)
    before = window.session.report.copy()
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    assert not window.flows.import_into(bad)
    assert fake_dialogs.shown[-1][0] == "error"
    assert window.session.report == before and window.session.undo_stack.count() == 0


def test_consolidated_report_opens_as_a_new_unsaved_document(qtbot, make_window, sample, fake_dialogs):
    window = make_window()
    fake_dialogs.answers["consolidate"].append(sample)
    assert window.flows.consolidate()
    assert window.session.report == sample and window.isWindowModified() and window.flows.path is None


def test_a_dropped_file_is_opened(qtbot, make_window, tmp_path):
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SAMPLE))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.session.report.meta.year == 2024
    assert window.flows.path == SAMPLE


def test_command_line_file_is_opened(qtbot):
    from govreport_gui.qt.app import create_window
    window = create_window([str(SAMPLE)])
    qtbot.addWidget(window)
    assert window.flows.path == SAMPLE and window.session.report.meta.year == 2024


def test_export_goes_through_the_registry(qtbot, make_window, sample, tmp_path, fake_dialogs):
    window = make_window(sample)
    fake_dialogs.answers["save_file"].append(str(tmp_path / "导出"))
    assert window.flows.export(".json")
    exported = load_file(tmp_path / "导出.json").report
    exported.printed.clear()  # report JSON carries totals; they equal the recomputed ones
    assert exported == window.session.report
    # a writer that fails: the message is shown, nothing else changes
    fake_dialogs.answers["save_file"].append(str(tmp_path / "missing" / "x.json"))
    assert not window.flows.export(".json")
    assert fake_dialogs.shown[-1][0] == "error"


def test_changing_the_format_version_is_one_undo_step(qtbot, make_window, sample, fake_dialogs):
    window = make_window(sample)
    before = window.session.report.copy()
    combo = window.meta_tab.version
    combo.setCurrentIndex(combo.findData("2019"))
    combo.activated.emit(combo.currentIndex())
    assert "将被移除" in fake_dialogs.asked[-1][1]
    report = window.session.report
    assert report.form_version == "2019"
    assert report.get(KEY) == before.get(KEY)  # 三 is shared by both versions
    assert window.page_for_table("三").model.rowCount() == get_form("2019").tables["三"].n_rows
    grid = window.page_for_table("三").grid
    assert grid.rowSpan(5, 0) == sum(1 for leaf in get_form("2019").tables["三"].rows[2:-1])
    window.undo_action.trigger()
    assert window.session.report == before
    assert grid.rowSpan(5, 0) == sum(1 for leaf in get_form("2021").tables["三"].rows[2:-1])


def test_each_change_is_announced_once_after_a_command_line_start(qtbot):
    from govreport_gui.qt.app import create_window
    window = create_window([str(SAMPLE)])
    qtbot.addWidget(window)
    seen = []
    window.session.changed.connect(seen.append)
    window.session.report  # noqa: B018
    from govreport_gui.core.edits import SetMeta
    window.session.push(SetMeta("phone", window.session.report.meta.phone, "1", "改电话"))
    assert len(seen) == 1


def test_new_report_from_last_years_file_carries_figures(qtbot, make_window, fake_dialogs, sample):
    from govreport_gui.core.forms.common import CARRIED_IN, CARRIED_OUT
    window = make_window()
    fake_dialogs.answers["open_file"].append(str(SAMPLE))
    assert window.flows.new_from_previous()
    report = window.session.report
    assert report.meta.year == 2025 and report.meta.agency == sample.meta.agency
    assert window.session.document.previous == sample
    assert report.get(CellKey("三", CARRIED_IN, NATURAL)) == sample.get(CellKey("三", CARRIED_OUT, NATURAL))
    assert window.isWindowModified() and window.flows.path is None
    [(kind, intro, items)] = [s for s in fake_dialogs.shown if s[0] == "notes"]
    assert "已结转" in items and "2025年度" in intro


def test_import_previous_year_fills_carried_cells_as_one_undo_step(qtbot, make_window, fake_dialogs, sample):
    from qt_helpers import blank

    from govreport_gui.core.forms.common import CARRIED_IN, CARRIED_OUT
    window = make_window(blank("2021", 2025))
    fake_dialogs.answers["ask_yes_no"].append(True)
    assert window.flows.import_previous(SAMPLE)
    key = CellKey("三", CARRIED_IN, NATURAL)
    assert window.session.report.get(key) == sample.get(CellKey("三", CARRIED_OUT, NATURAL))
    assert window.session.document.previous == sample
    assert "已载入" in window.meta_tab.previous_info.text()
    assert window.session.undo_stack.count() == 1
    window.session.undo_stack.undo()
    assert window.session.report.get(key) is None and window.session.document.previous is None


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_export_word_and_excel_from_the_menu(qtbot, make_window, sample, tmp_path, fake_dialogs, suffix):
    from govreport_gui.io.registry import read_report, writable_suffixes
    if suffix not in writable_suffixes():
        pytest.skip(f"no {suffix} writer in this checkout")
    window = make_window(sample)
    fake_dialogs.answers["save_file"].append(str(tmp_path / "年报"))
    assert window.flows.export(suffix)
    back = read_report(tmp_path / f"年报{suffix}").report
    keys = get_form("2021").input_keys()
    # a printed document shows a blank cell as 0
    assert {k: back.get(k) or 0 for k in keys} == {k: window.session.report.get(k) or 0 for k in keys}
    assert "已导出" in window.statusBar().currentMessage()


def test_a_broken_reader_or_writer_gives_a_message_not_a_traceback(qtbot, make_window, sample, tmp_path,
                                                                    fake_dialogs, monkeypatch):
    from govreport_gui.io import registry

    def broken(*args, **kwargs):
        raise SyntaxError("broken module")
    window = make_window(sample)
    before = window.session.report.copy()
    monkeypatch.setattr(registry, "read_report", broken)
    assert not window.flows.import_into(SAMPLE)
    assert fake_dialogs.shown[-1][0] == "error" and "意外错误" in fake_dialogs.shown[-1][1]
    monkeypatch.setattr(registry, "write_report", broken)
    fake_dialogs.answers["save_file"].append(str(tmp_path / "x.json"))
    assert not window.flows.export(".json")
    assert fake_dialogs.shown[-1][0] == "error" and "意外错误" in fake_dialogs.shown[-1][1]
    assert window.session.report == before


def test_unexpected_errors_are_shown_in_chinese_and_the_work_autosaved(qtbot, make_window, sample, fake_dialogs,
                                                                       monkeypatch, capsys):
    import sys

    from govreport_gui.core.edits import SetMeta
    from govreport_gui.qt.app import install_excepthook
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    window = make_window(sample)
    window.session.push(SetMeta("phone", sample.meta.phone, "1", "改电话"))
    install_excepthook(window)
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    kind, text, details = fake_dialogs.shown[-1]
    assert kind == "error" and "意外错误" in text and "已自动保存" in text and "boom" in details
    assert window.flows.recovery.path.exists()
    assert "RuntimeError" in capsys.readouterr().err


def test_the_export_menu_lists_every_writer_of_the_registry(make_window):
    from govreport_gui.io.registry import writer_kinds
    window = make_window()
    file_menu = window.file_menu   # (not QAction.menu(): under PySide6 6.9 it leaves a dead wrapper)
    texts = [a.text() for a in file_menu.actions()]
    for entry in writer_kinds():
        if entry.kind != "native":
            assert any(t.startswith("导出为") and t.endswith(f"{entry.export_name}…") for t in texts)
    assert "导出为 Word 文档…" in texts


def test_qt_standard_buttons_are_in_chinese(qapp):
    from PySide6.QtWidgets import QDialogButtonBox

    from govreport_gui.qt.app import ensure_app
    ensure_app()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert sorted(b.text() for b in box.buttons()) == sorted(["确定", "取消"])


def test_shutdown_twice_is_harmless(qtbot, make_window):
    window = make_window()
    window.flows.shutdown()
    window.flows.shutdown()


def test_file_choosers_list_the_types_the_registry_reads_and_writes(qtbot, make_window, sample, fake_dialogs):
    from govreport_gui.core.serialize import NATIVE_SUFFIX
    from govreport_gui.io.registry import KINDS, kind_for_suffix, open_filter, save_filter
    first = open_filter().split(";;")[0]
    for entry in KINDS:
        assert entry.suffixes, entry   # a kind must name its suffixes
        for suffix in entry.suffixes:
            assert (f"*{suffix}" in first) == (entry.reader is not None)
    assert open_filter().endswith(";;所有文件 (*)") and f"(*{NATIVE_SUFFIX})" in open_filter().split(";;")[1]
    window = make_window(sample)
    window.flows.open_file()
    window.flows.import_into()
    window.flows.import_previous()
    window.flows.new_from_previous()
    window.flows.save_as()
    window.flows.export(".docx")
    assert fake_dialogs.filters == [("打开年度报告", open_filter()), ("导入报告内容", open_filter()),
                                    ("导入上一年度报告", open_filter()), ("选择上一年度的报告", open_filter()),
                                    ("保存年度报告", save_filter(NATIVE_SUFFIX)),
                                    ("导出 Word 文档", save_filter(".docx"))]
    assert save_filter(".docx", ".xlsx") == (f"{kind_for_suffix('.docx').export_name} (*.docx);;"
                                             f"{kind_for_suffix('.xlsx').export_name} (*.xlsx)")
    assert save_filter(".pdf") == "PDF（网上发布用） (*.pdf)"


@pytest.mark.parametrize("day, year", [((2026, 2, 1), 2025), ((2026, 10, 8), 2026)])
def test_new_report_offers_the_year_being_reported(qtbot, make_window, fake_dialogs, monkeypatch, day, year):
    from datetime import date

    from govreport_gui.core import periods

    class Today(date):
        @classmethod
        def today(cls):
            return cls(*day)
    monkeypatch.setattr(periods, "date", Today)
    window = make_window()
    window.flows.new_report()
    assert fake_dialogs.asked[-1] == ("new_report", str(year))


def test_changing_the_format_version_lists_what_moved_and_what_was_lost(qtbot, make_window, sample, fake_dialogs):
    window = make_window(sample)
    assert window.flows.change_version("2019")
    question = fake_dialogs.asked[-1][1]
    assert "最接近的栏目" in question and "将被移除" in question
    [(kind, intro, items)] = [s for s in fake_dialogs.shown if s[0] == "notes"]
    assert "已改用2019版格式" in intro
    assert "本年废止件数" in items and "已相加计入" in items
    # and back: the one 2019 row （六）其他处理 goes to 2021's 3.其他, for the clerk to check
    fake_dialogs.shown.clear()
    assert window.flows.change_version("2021")
    [(kind, intro, items)] = [s for s in fake_dialogs.shown if s[0] == "notes"]
    assert "3.其他" in items and "请移到第1、2行" in items
    assert not [f for f in window.session.document.findings if f.rule.endswith("balance")]


def test_the_real_dialogs_and_the_test_fake_follow_one_protocol():
    import inspect

    from fake_dialogs import FakeDialogs

    from govreport_gui.qt.dialog_types import Dialogs
    from govreport_gui.qt.dialogs import QtDialogs
    names = [n for n, v in vars(Dialogs).items() if callable(v) and not n.startswith("_")]
    assert len(names) >= 15
    for name in names:
        want = list(inspect.signature(getattr(Dialogs, name)).parameters)
        for impl in (QtDialogs, FakeDialogs):
            assert list(inspect.signature(getattr(impl, name)).parameters) == want, (impl.__name__, name)


def test_a_document_an_office_suite_converts_is_read_behind_the_please_wait_dialog(qtbot, make_window, sample,
                                                                                    fake_dialogs, tmp_path):
    import subprocess

    from support import require_libreoffice

    from govreport_gui.io.registry import write_report
    soffice = require_libreoffice()
    docx = tmp_path / "去年.docx"
    write_report(docx, sample)
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'p').resolve().as_uri()}", "--headless",
                    "--convert-to", "odt", "--outdir", str(tmp_path), str(docx)], capture_output=True, timeout=180)
    window = make_window()
    assert window.flows.open_file(tmp_path / "去年.odt")
    assert ("busy", "正在读取“去年.odt”…") in fake_dialogs.asked
    got = {k: v for k, v in window.session.report.values.items() if v}
    assert got == {k: v for k, v in sample.values.items() if v}


def test_the_save_question_names_a_report_never_saved_by_its_agency_and_year(qtbot, make_window, fake_dialogs):
    window = make_window()
    fake_dialogs.answers["new_report"].append(NewReportAnswer("某某镇人民政府", 2025, "2021"))
    assert window.flows.new_report() and window.flows.path is None
    edit_everything(qtbot, window)
    fake_dialogs.answers["ask_save_changes"].append("cancel")
    assert window.close() is False
    [text] = [text for kind, text in fake_dialogs.asked if kind == "ask_save_changes"]
    agency = window.session.report.meta.agency   # (as edited: the question follows the report)
    assert agency and f"“{agency}2025年度报告”有未保存的修改" in text
    assert "未命名" not in text
    fake_dialogs.answers["ask_save_changes"].append("discard")
