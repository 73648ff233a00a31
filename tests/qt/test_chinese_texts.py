"""Every menu, action and dialog text the clerk reads is Chinese: a walk of all menus and actions
of the main window (a report open, and on the start page) and of every widget of the main window
and of the program's own dialogs fails on an English word.  Allowed: the names of file kinds and
office programs (Word, Excel, PDF, JSON, WPS …), the names on the keys (F1, Ctrl), file suffixes
(.docx), file paths and the version line of the 关于 box (Python, Qt)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QWidget,
)
from qt_helpers import SAMPLE

from govreport_gui.core.serialize import load_file

FILE_TYPE_NAMES = {"Word", "Excel", "PDF", "JSON", "WPS", "CSV", "RTF", "HTML", "MHTML", "OpenDocument",
                   "LibreOffice", "Office", "Unicode", "UTF",
                   # the names printed on the keys
                   "F1", "F2", "Ctrl", "Shift", "Alt", "Tab", "Delete", "Enter", "Esc"}
ABOUT_BOX = {"Python", "Qt"}   # the versions 关于 lists for support
_SUFFIX = re.compile(r"[\w*-]*\.[A-Za-z0-9]{2,9}\b")   # a file name or a suffix
_PATH = re.compile(r"\S*[/\\]\S*")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def english_words(text: str, allowed=FILE_TYPE_NAMES) -> set[str]:
    """The ASCII words of ``text`` that are not allowed (mnemonics, suffixes and paths set aside)."""
    text = re.sub(r"\(&[A-Za-z]\)|&(?=[^&])", "", text)
    text = re.sub(r"<[^>]+>", "", text)             # rich text markup
    text = _PATH.sub("", _SUFFIX.sub("", text))
    return {w for w in _WORD.findall(text) if w not in allowed}


def test_the_check_sees_english_and_lets_file_types_pass():
    assert english_words("导出为报告 JSON…") == set()
    assert english_words("Export as JSON…") == {"Export", "as"}
    assert english_words("文件(&F)") == set() and english_words("打开 report.govreport") == set()
    assert english_words("保存到“/home/clerk/年报.docx”") == set()


def action_texts(menu: QMenu, skip: set[int]) -> list[str]:
    """The texts of ``menu`` and its submenus (found as its children: ``QAction.menu()`` leaves dead
    wrappers under PySide6 6.9)."""
    submenus = {id(sub.menuAction()): sub for sub in menu.findChildren(QMenu)}
    texts = [menu.title()]
    for action in menu.actions():
        if action.isSeparator():
            continue
        sub = submenus.get(id(action))
        if sub is not None:
            texts += [sub.title()] if id(sub) in skip else action_texts(sub, skip)
            continue
        texts += [action.text(), action.toolTip() if action.toolTip() != action.text().replace("&", "") else "",
                  action.statusTip()]
    return texts


def widget_texts(root: QWidget) -> list[str]:
    texts = [root.windowTitle()]
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        elif isinstance(w, QTabBar):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        if w.toolTip():
            texts.append(w.toolTip())
    return [t for t in texts if t]


def assert_chinese(texts: list[str], allowed=FILE_TYPE_NAMES) -> None:
    found = {t: english_words(t, allowed) for t in texts}
    assert {t: w for t, w in found.items() if w} == {}


def menu_texts(window) -> list[str]:
    skip = {id(window.recent_menu)}   # the recent files are file paths
    texts = []
    for menu in window.menuBar().findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly):
        texts += action_texts(menu, skip)
    return texts


def test_every_menu_and_action_is_chinese(make_window, sample):
    window = make_window(sample)
    texts = menu_texts(window)
    assert "导出为数据文件（JSON）…" in texts and "使用指南" in texts
    assert len(texts) > 25
    assert_chinese(texts)
    window.flows.close_report()        # the start page: same menus, and its own texts
    assert_chinese(menu_texts(window) + widget_texts(window))


def test_every_text_of_the_main_window_is_chinese(make_window, sample):
    window = make_window(sample)
    for page in window.pages:
        page.ensure_built()
    assert_chinese(widget_texts(window))


def _dialogs(window, tmp_path):
    from govreport_gui.core.export_check import export_problems
    from govreport_gui.core.findings import Finding, Severity
    from govreport_gui.core.rules import YEAR
    from govreport_gui.io.registry import read_report
    from govreport_gui.io.workbook.ledger_read import read_ledgers
    from govreport_gui.qt import dialogs
    from govreport_gui.qt.about_dialog import AboutDialog, DiagnosticsDialog
    from govreport_gui.qt.accept_warning_dialog import AcceptWarningDialog
    from govreport_gui.qt.busy import BusyDialog
    from govreport_gui.qt.consolidate_dialog import ConsolidateDialog
    from govreport_gui.qt.export_check_dialog import ExportCheckDialog
    from govreport_gui.qt.help_window import HelpWindow
    from govreport_gui.qt.import_preview_dialog import ImportPreviewDialog
    from govreport_gui.qt.ledger_dialog import LedgerDialog
    from govreport_gui.qt.new_report_dialog import NewReportDialog
    document = window.session.document
    warning = Finding(Severity.WARNING, YEAR.id, (), "报告年度与格式版本不符")
    report = document.report.copy()
    report.meta.date = ""
    yield AboutDialog(window, "当前报告", lambda: None), ABOUT_BOX
    yield DiagnosticsDialog(window, lambda: None), ABOUT_BOX
    yield AcceptWarningDialog(window, warning), set()
    yield BusyDialog(window, "正在读取…"), set()
    yield ConsolidateDialog(dialogs, window), set()
    yield ExportCheckDialog(window, "Word 文档", export_problems(report, document.findings)), set()
    yield HelpWindow(window), set()
    yield ImportPreviewDialog(read_report(SAMPLE), SAMPLE, window), set()
    yield NewReportDialog(window, 2025, "某某局"), set()
    yield LedgerDialog(read_ledgers([ledger(tmp_path)]), report.form, report.meta.year, parent=window), set()


def ledger(tmp_path):
    import datetime as dt

    import openpyxl
    wb = openpyxl.Workbook()
    wb.active.append(["申请人类型", "收到日期", "答复日期", "处理结果"])
    wb.active.append(["公民", dt.datetime(2024, 3, 1), dt.datetime(2024, 3, 9), "同意公开"])
    wb.active.append(["个体户", dt.datetime(2024, 4, 1), dt.datetime(2024, 4, 9), "同意公开"])
    wb.save(tmp_path / "台账.xlsx")
    return tmp_path / "台账.xlsx"


def test_every_dialog_of_the_program_is_chinese(make_window, tmp_path):
    from govreport_gui.qt.app import ensure_app
    ensure_app()   # Qt's own buttons (关闭, 确定 …) in Chinese, as the program installs them
    loaded = load_file(SAMPLE)
    window = make_window(loaded.report, loaded.previous)
    seen = set()
    for dialog, allowed in _dialogs(window, tmp_path):
        assert isinstance(dialog, QDialog)
        seen.add(type(dialog).__name__)
        assert_chinese(widget_texts(dialog), FILE_TYPE_NAMES | allowed)
        dialog.deleteLater()
    assert len(seen) == 10


@pytest.mark.parametrize("text", ["Save", "Cancel", "Open", "Look in:", "File name:", "Files of type:"])
def test_qts_own_buttons_and_file_dialog_speak_chinese(qapp, text):
    from PySide6.QtCore import QCoreApplication

    from govreport_gui.qt.app import ensure_app
    ensure_app()
    contexts = ("QPlatformTheme", "QFileDialog", "QDialogButtonBox")
    translated = [QCoreApplication.translate(c, text) for c in contexts]
    assert any(t != text and not english_words(t) for t in translated), translated
