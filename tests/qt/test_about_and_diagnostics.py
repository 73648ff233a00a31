"""帮助 → 关于 shows where the log is; 帮助 → 导出诊断信息 writes a zip of the log and the versions,
with the report's content only when the clerk ticks it; a file the editor cannot open leaves its
name and traceback in that log."""

from __future__ import annotations

import zipfile

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from qt_helpers import blank, key3, type_into

from govreport_gui import logs
from govreport_gui.core.forms import get_form
from govreport_gui.core.serialize import load_json_bytes
from govreport_gui.qt.about_dialog import AboutDialog, DiagnosticsDialog

AGENCY = "某某县人民政府办公室"   # blank()'s agency


@pytest.fixture
def log_file():
    """The editor's log set up as at start (in this test's data folder)."""
    path = logs.setup("编辑器")
    yield path
    logs.stop()


def trigger(window, text: str) -> None:
    """The menu entry ``text`` chosen (not QAction.menu(): under PySide6 6.9 a dead wrapper)."""
    [action] = [a for a in window.findChildren(QAction) if a.text() == text]
    action.trigger()


def shown(qtbot, window, kind):
    qtbot.waitUntil(lambda: window.findChild(kind) is not None and window.findChild(kind).isVisible())
    return window.findChild(kind)


def test_about_shows_where_the_log_is(qtbot, make_window, log_file, tmp_path):
    window = make_window(blank("2021"))
    trigger(window, "关于年报编制助手")
    about = shown(qtbot, window, AboutDialog)
    assert about.log_label.text() == str(log_file)
    assert log_file.is_relative_to(tmp_path / "appdata")   # the user's data folder (this test's)
    texts = [label.text() for label in about.findChildren(type(about.log_label))]
    assert any("本机" in t for t in texts) and any(get_form("2021").name in t for t in texts)
    about.close()


def word_package_without_its_document(path):
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                    'officedocument.wordprocessingml.document.main+xml"/></Types>')
        zf.writestr("word/document.xml", "<w:document/>")


def half_a_workbook(path):
    """A real .xlsx cut in the middle, as a copy interrupted or a damaged USB stick leaves it."""
    import openpyxl
    book = openpyxl.Workbook()
    book.active["A1"] = "三、收到和处理政府信息公开申请情况"
    book.save(path)
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])


@pytest.mark.parametrize("name, make, met", [
    ("去年报告.docx", word_package_without_its_document, 'KeyError: "There is no item named \'_rels/.rels\''),   # no package relations
    ("去年报告.docx", lambda path: path.write_bytes(b"PK\x03\x04" + b"\x07" * 300), "zipfile.BadZipFile"),  # refused on sight
    ("去年报表.xlsx", half_a_workbook, "zipfile.BadZipFile"),
])
def test_a_file_the_editor_cannot_open_leaves_its_name_and_traceback_in_the_log(make_window, fake_dialogs,
                                                                                 log_file, tmp_path, name, make, met):
    window = make_window(blank("2021"))
    broken = tmp_path / name
    make(broken)
    assert not window.flows.open_file(broken)
    assert [kind for kind, *_ in fake_dialogs.shown] == ["error"]   # the clerk reads one message
    assert "Traceback" not in fake_dialogs.shown[0][1] + fake_dialogs.shown[0][2]
    text = log_file.read_text(encoding="utf-8")
    assert text.count(f"未能读取 {broken}") == 1 and "Traceback (most recent call last)" in text
    assert met in text   # what the reader met, though the clerk's message does not say it


def export_diagnostics(qtbot, window, fake_dialogs, target, tick: bool | None):
    trigger(window, "导出诊断信息…")
    dialog = shown(qtbot, window, DiagnosticsDialog)
    assert not dialog.include_report.isChecked()   # the report's content stays out unless ticked
    if tick:
        qtbot.mouseClick(dialog.include_report, Qt.MouseButton.LeftButton)
    fake_dialogs.answers["save_file"].append(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return dialog


def test_diagnostics_hold_the_log_and_versions_but_not_the_report_unless_ticked(qtbot, make_window, fake_dialogs,
                                                                                  log_file, tmp_path):
    window = make_window(blank("2021"))
    logs.logging.getLogger("govreport_gui.test").warning("一条记录")
    target = tmp_path / "诊断.zip"
    export_diagnostics(qtbot, window, fake_dialogs, target, tick=False)
    with zipfile.ZipFile(target) as zf:
        assert sorted(zf.namelist()) == ["logs/govreport.log", "versions.txt"]
        versions = zf.read("versions.txt").decode("utf-8")
        contents = versions + zf.read("logs/govreport.log").decode("utf-8")
    for name in ("年报编制助手: ", "Python: ", "Qt: ", "PySide6: ", "操作系统: ", "openpyxl: ", "python-docx: "):
        assert name in versions, versions
    assert "一条记录" in contents and AGENCY not in contents
    assert fake_dialogs.shown[-1][0] == "info" and str(target) in fake_dialogs.shown[-1][1]


def test_ticked_the_zip_holds_the_open_report_as_typed(qtbot, make_window, fake_dialogs, log_file, tmp_path):
    window = make_window(blank("2021"))
    page = window.page_for_table("三")
    window.tabs.setCurrentWidget(page)
    key = key3("2021", "一、本年新收", "自然人")
    type_into(qtbot, page.grid, key, "17")
    target = tmp_path / "诊断"
    export_diagnostics(qtbot, window, fake_dialogs, target, tick=True)
    with zipfile.ZipFile(tmp_path / "诊断.zip") as zf:   # .zip added to the name chosen
        assert "report.govreport" in zf.namelist()
        loaded = load_json_bytes(zf.read("report.govreport"))
    assert loaded.report.meta.agency == AGENCY and loaded.report.get(key) == 17


def test_without_an_open_report_there_is_nothing_to_tick(qtbot, make_window, fake_dialogs, log_file, tmp_path):
    window = make_window(None)
    window.show_start_page()
    trigger(window, "导出诊断信息…")
    dialog = shown(qtbot, window, DiagnosticsDialog)
    assert not dialog.include_report.isEnabled()
    fake_dialogs.answers["save_file"].append(None)   # 取消 in the file chooser: nothing written
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and not list(tmp_path.glob("*.zip"))
    dialog.reject()


def test_the_zip_names_files_without_their_folders_unless_ticked(qtbot, make_window, fake_dialogs, log_file, tmp_path):
    """The log on the machine keeps the full path; the zip leaves the machine, and a folder's name
    (a person, 内部资料) is not the support's business unless the clerk ticks the report's content."""
    folder = tmp_path / "张三的文件" / "内部资料"
    folder.mkdir(parents=True)
    window = make_window(blank("2021"))
    half_a_workbook(folder / "去年报表.xlsx")
    assert not window.flows.open_file(folder / "去年报表.xlsx")
    assert f"未能读取 {folder / '去年报表.xlsx'}" in log_file.read_text(encoding="utf-8")

    def zipped_log(tick: bool) -> str:
        target = tmp_path / f"诊断{int(tick)}.zip"
        export_diagnostics(qtbot, window, fake_dialogs, target, tick=tick)
        with zipfile.ZipFile(target) as zf:
            return zf.read("logs/govreport.log").decode("utf-8")

    reduced = zipped_log(tick=False)
    assert "未能读取 去年报表.xlsx：" in reduced and "zipfile.BadZipFile" in reduced
    assert "张三的文件" not in reduced and "内部资料" not in reduced and str(tmp_path) not in reduced
    assert 'File "govreport_gui/io/registry.py", line' in reduced   # the program's own files: where in it
    assert f"未能读取 {folder / '去年报表.xlsx'}" in zipped_log(tick=True)
