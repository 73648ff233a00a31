"""Qt's own dialogs in Chinese: the file dialog (labels, buttons, type list, column headers, the
files' kinds, sizes and dates) and message boxes show no English words."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QFileDialog, QLabel, QLineEdit, QMessageBox, QStyle, QTreeView

from govreport_gui.qt.app import ensure_app
from govreport_gui.qt.file_dialog import format_size, make_file_dialog

# GOVREPORT_SCREENSHOTS=docs/screenshots keeps the picture (the README shows it); else it is only looked at
SCREENSHOT_DIR = os.environ.get("GOVREPORT_SCREENSHOTS")
FILES = {"上年报告.json": 812, "汇总表.xlsx": 31232, "年度报告.docx": 2048, "网上发布.pdf": 3 * 1024 * 1024, "说明.txt": 12}
# names of programs, as the application itself names the kinds of file (Word 文档, Excel 工作簿)
PROGRAM_NAMES = {"Word", "Excel"}
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def latin_words(texts, allowed_strings) -> set[str]:
    words = set()
    for text in texts:
        for allowed in sorted(allowed_strings, key=len, reverse=True):
            text = text.replace(allowed, " ")
        words |= {w for w in LATIN_WORD.findall(text) if w not in PROGRAM_NAMES and w.lower() not in extensions()}
    return words


def extensions() -> set[str]:
    return {Path(name).suffix.lstrip(".").lower() for name in FILES} | {"kb", "mb"}


def visible_texts(dialog) -> list[str]:
    """Every text the dialog shows: labels, buttons (and their tool tips), combo box items, the
    line edits, the column headers and every cell of its views."""
    texts = [dialog.windowTitle()]
    texts += [w.text() for w in dialog.findChildren(QLabel) if w.isVisible()]
    for button in dialog.findChildren(QAbstractButton):
        if button.isVisible():
            texts += [button.text(), button.toolTip()]
    for combo in dialog.findChildren(QComboBox):
        if combo.isVisible():
            texts += [combo.itemText(i) for i in range(combo.count())]
    texts += [w.text() for w in dialog.findChildren(QLineEdit) if w.isVisible()]
    for view in dialog.findChildren(QAbstractItemView):
        if view.isVisible():
            texts += view_texts(view)
    return [t for t in texts if t]


def view_texts(view) -> list[str]:
    model, root = view.model(), view.rootIndex()
    out = []
    for column in range(model.columnCount(root)):
        if not (isinstance(view, QTreeView) and view.isColumnHidden(column)):
            out.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
    for row in range(model.rowCount(root)):
        out += [str(model.index(row, c, root).data() or "") for c in range(model.columnCount(root))]
    return out


@pytest.fixture
def folder(tmp_path) -> Path:
    where = tmp_path / "报告文件夹"
    where.mkdir()
    for name, size in FILES.items():
        (where / name).write_bytes(b"\0" * size)
    (where / "往年报告").mkdir()
    return where


def open_dialog(qtbot, folder, mode=QFileDialog.AcceptMode.AcceptOpen):
    ensure_app()
    dialog = make_file_dialog(None, "打开报告", str(folder), "报告文件 (*.json *.xlsx *.docx *.pdf);;所有文件 (*)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(mode)
    dialog.selectNameFilter("所有文件 (*)")
    dialog.resize(820, 460)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.findChild(QTreeView, "treeView")
    qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) == len(FILES) + 1)
    return dialog, view


@pytest.mark.parametrize("mode", [QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave])
def test_the_file_dialog_shows_no_english(qtbot, folder, mode):
    dialog, view = open_dialog(qtbot, folder, mode)
    texts = visible_texts(dialog)
    allowed = {str(folder), str(Path.home()), *FILES, Path.home().name}
    assert latin_words(texts, allowed) == set(), texts
    # Qt 6.9's dialog labels have no mnemonic (Look in:), 6.11's have one (&Look in:): both translated
    assert {"查找范围(&I)：", "查找范围："} & set(texts) and {"文件类型(&T)：", "文件类型："} & set(texts)
    assert {"取消", "名称", "大小", "修改日期", "文件夹"} <= set(texts)  # Qt's own catalogue still answers


def test_file_dialog_rows_in_chinese_form_and_not_cut(qtbot, folder, tmp_path):
    dialog, view = open_dialog(qtbot, folder)
    model, root = view.model(), view.rootIndex()
    rows = {model.index(r, 0, root).data(): [model.index(r, c, root).data() for c in range(4)] for r in range(model.rowCount(root))}
    assert rows["汇总表.xlsx"][1:3] == ["30.5 KB", "Excel 工作簿"]
    assert rows["年度报告.docx"][1:3] == ["2 KB", "Word 文档"]
    assert rows["网上发布.pdf"][1] == "3 MB"
    assert rows["说明.txt"][1] == "12 字节"
    assert rows["往年报告"][1:3] == ["", "文件夹"]
    assert all(re.fullmatch(r"\d{4}/\d{2}/\d{2} \d{2}:\d{2}", row[3]) for row in rows.values())
    shot = Path(SCREENSHOT_DIR or tmp_path) / "file-dialog.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(shot))
    fm = QFontMetrics(view.font())
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    for column in (1, 2, 3):  # wide enough for every text of the column (no “30....KiB”)
        widest = max(fm.horizontalAdvance(row[column] or "") for row in rows.values())
        assert view.header().sectionSize(column) >= widest + 4 * margin, (column, view.header().sectionSize(column), widest)


def test_sizes_read_like_explorer():
    assert [format_size(n) for n in (0, 1023, 1024, 31232, 1536 * 1024, 150 * 1024 * 1024)] == [
        "0 字节", "1023 字节", "1 KB", "30.5 KB", "1.5 MB", "150 MB"]


def test_a_message_box_with_every_button_shows_no_english(qtbot):
    ensure_app()
    box = QMessageBox(QMessageBox.Icon.Warning, "年报编制助手", "文件无法保存。", QMessageBox.StandardButton.NoButton)
    for button in (QMessageBox.StandardButton.Ok, QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes,
                   QMessageBox.StandardButton.No, QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard,
                   QMessageBox.StandardButton.Close, QMessageBox.StandardButton.Retry, QMessageBox.StandardButton.Help):
        box.addButton(button)
    box.setDetailedText("磁盘已满。")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    texts = visible_texts(box)
    buttons = [b.text() for b in box.findChildren(QAbstractButton) if b.isVisible()]
    assert len(buttons) == 10 and all(buttons), buttons  # nine standard buttons and 显示详情
    assert {"确定", "取消", "保存", "帮助"} <= set(buttons)
    assert latin_words(texts, set()) == set(), texts


def answer_file_dialog(qtbot, name: str | None):
    """When the file dialog opens: choose ``name`` in it (None: cancel), as a clerk would."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        answered.append(dialog.findChild(QTreeView, "treeView").model().__class__.__name__)
        if name is None:
            dialog.reject()
        else:
            dialog.selectFile(name)
            dialog.accept()
    answered: list[str] = []
    QTimer.singleShot(0, answer)
    return answered


def test_the_real_file_choosers_use_the_chinese_columns_and_return_the_choice(qtbot, folder, monkeypatch):
    from govreport_gui.qt.dialogs import QtDialogs
    ensure_app()
    real = QtDialogs()
    original = make_file_dialog

    def qt_dialog(*args):
        dialog = original(*args)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        return dialog
    monkeypatch.setattr("govreport_gui.qt.file_dialog.make_file_dialog", qt_dialog)
    answered = answer_file_dialog(qtbot, str(folder / "汇总表.xlsx"))
    assert real.open_file(None, "打开", "Excel 工作簿 (*.xlsx)", str(folder)) == str(folder / "汇总表.xlsx")
    assert answered == ["ChineseFileColumns"]
    answer_file_dialog(qtbot, str(folder / "新报告.docx"))
    assert real.save_file(None, "导出", "Word 文档 (*.docx)", str(folder / "新报告.docx")) == str(folder / "新报告.docx")
    answer_file_dialog(qtbot, None)
    assert real.open_files(None, "汇总", "报告文件 (*.json *.xlsx)", str(folder)) == []
