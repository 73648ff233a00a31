"""The file dialogs start where the work is: the open report's folder, else the folder last used for
that kind of file, else 文档 (asserted on the folder each dialog was given)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from qt_helpers import SAMPLE

from govreport_gui import preferences
from govreport_gui.qt import work_folders
from govreport_gui.qt.consolidate_dialog import ConsolidateDialog


@pytest.fixture
def folders(tmp_path):
    """Three folders of the clerk's work, each holding a copy of the sample (last year's report)."""
    made = {}
    for name in ("今年", "去年", "各单位"):
        made[name] = tmp_path / name
        made[name].mkdir()
        shutil.copy(SAMPLE, made[name] / SAMPLE.name)
    return made


def started_in(fake, title: str) -> Path:
    """The folder the last dialog titled ``title`` started in (a save dialog's suggestion's folder)."""
    given = [folder for t, folder in fake.folders if t == title][-1]
    path = Path(given)
    return path if path.is_dir() else path.parent


def test_without_a_report_or_memory_the_dialogs_start_in_documents(make_window, fake_dialogs):
    window = make_window()
    window.show_start_page()
    window.flows.open_file()
    window.flows.new_from_previous()
    documents = work_folders.documents_folder()
    assert started_in(fake_dialogs, "打开年度报告") == documents
    assert started_in(fake_dialogs, "选择上一年度的报告") == documents


def test_the_open_reports_folder_comes_first(make_window, fake_dialogs, folders):
    window = make_window()
    preferences.set_last_folder(work_folders.EXPORT, str(folders["各单位"]))   # a memory, overruled
    assert window.flows.open_file(folders["今年"] / SAMPLE.name)
    window.flows.export(".docx")
    window.flows.export_check_list()
    window.flows.save_as()
    window.flows.import_previous()
    title = next(t for t, _ in fake_dialogs.filters if t.startswith("导出") and "Word" in t)
    assert started_in(fake_dialogs, title) == folders["今年"]
    assert Path([f for t, f in fake_dialogs.folders if t == title][-1]).suffix == ".docx"   # the suggested name kept
    assert started_in(fake_dialogs, "导出校验清单") == folders["今年"]
    assert [f for t, f in fake_dialogs.folders if t == "保存年度报告"] == [str(folders["今年"] / SAMPLE.name)]
    assert started_in(fake_dialogs, "导入上一年度报告") == folders["今年"]


def test_new_from_last_year_remembers_where_last_years_file_was(make_window, fake_dialogs, folders):
    window = make_window()
    window.show_start_page()
    fake_dialogs.answers["open_file"].append(str(folders["去年"] / SAMPLE.name))
    assert window.flows.new_from_previous()
    # the new report belongs beside last year's: its save dialog starts there
    window.flows.save_as()
    assert started_in(fake_dialogs, "保存年度报告") == folders["去年"]
    window.flows.close_report()
    assert window.start_page_shown()
    window.flows.new_from_previous()   # another day, no report open: where last year's file was
    assert started_in(fake_dialogs, "选择上一年度的报告") == folders["去年"]
    window.flows.open_file()   # another kind of file: its own memory (none yet)
    assert started_in(fake_dialogs, "打开年度报告") == work_folders.documents_folder()


def test_a_remembered_folder_that_is_gone_is_passed_over(make_window, fake_dialogs, folders):
    window = make_window()
    window.show_start_page()
    gone = folders["去年"] / "已删除"
    preferences.set_last_folder(work_folders.PREVIOUS, str(gone))
    window.flows.new_from_previous()
    assert started_in(fake_dialogs, "选择上一年度的报告") == work_folders.documents_folder()


def test_the_consolidation_remembers_the_units_folder(qtbot, fake_dialogs, folders):
    dialog = ConsolidateDialog(fake_dialogs)
    qtbot.addWidget(dialog)
    fake_dialogs.answers["choose_folder"].append(str(folders["各单位"]))
    dialog._ask_folder()
    dialog._ask_files()
    assert [f for t, f in fake_dialogs.folders] == [str(work_folders.documents_folder()), str(folders["各单位"])]
    assert preferences.last_folder(work_folders.UNITS) == str(folders["各单位"])


def test_ledger_and_diagnostics_start_in_the_reports_folder(make_window, fake_dialogs, folders):
    from govreport_gui.qt import ledger_flow
    from govreport_gui.qt.about_dialog import DiagnosticsDialog
    window = make_window()
    assert window.flows.open_file(folders["今年"] / SAMPLE.name)
    ledger_flow.fill_from_ledgers(window)
    ledger_flow.export_template(window)
    DiagnosticsDialog(window, window._open_reports).export()
    assert started_in(fake_dialogs, "选择依申请公开登记台账（可多选，数字相加）") == folders["今年"]
    assert started_in(fake_dialogs, "导出申请台账模板") == folders["今年"]
    assert started_in(fake_dialogs, "导出诊断信息") == folders["今年"]


def test_the_programs_own_folder_is_passed_over(make_window, fake_dialogs, folders):
    """Last year's report opened from the bundled sample (in the installed program's folder, which
    the clerk cannot write to): the save and export dialogs start in the folder last used, else 文档."""
    from govreport_gui.resources import resources_dir

    window = make_window()
    preferences.set_last_folder(work_folders.EXPORT, str(folders["各单位"]))
    assert window.flows.open_file(resources_dir() / SAMPLE.name)
    window.flows.export(".docx")
    window.flows.save_as()
    title = next(t for t, _ in fake_dialogs.filters if t.startswith("导出") and "Word" in t)
    assert started_in(fake_dialogs, title) == folders["各单位"]
    assert started_in(fake_dialogs, "保存年度报告") == work_folders.documents_folder()


def test_a_folder_that_cannot_be_written_is_passed_over(folders, monkeypatch):
    """(The operating system's answer stood in for: the tests may run as root, who writes anywhere.)"""
    locked = folders["去年"]
    real_access = os.access
    monkeypatch.setattr(work_folders.os, "access",
                        lambda path, mode: Path(path) != locked and real_access(path, mode))
    preferences.set_last_folder(work_folders.LEDGER, str(locked))
    assert work_folders.start_folder(None, work_folders.LEDGER) == work_folders.documents_folder()
    preferences.set_last_folder(work_folders.LEDGER, str(folders["今年"]))
    assert work_folders.start_folder(None, work_folders.LEDGER) == folders["今年"]
