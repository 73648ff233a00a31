"""After a refused value ("'abc'不是数字") the cell stays current and its editor open, the text
selected: what the clerk types next replaces it (#20) — with Enter and with Tab, and through the
real message box, which takes the keyboard while it is shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from qt_helpers import blank

from govreport_gui.core.forms import CellKey, get_form
from govreport_gui.qt import dialogs

T3 = get_form("2021").tables["三"]
KEY = CellKey("三", T3.rows[0], T3.cols[0])


def start_typing(qtbot, window, text):
    p3 = window.page_for_table("三")
    window.tabs.setCurrentWidget(p3)
    index = p3.model.index_of(KEY)
    p3.grid.setCurrentIndex(index)
    p3.grid.setFocus()
    qtbot.keyClick(p3.grid, text[0])
    editor = p3.grid.indexWidget(index)
    qtbot.keyClicks(editor, text[1:])
    return p3, index, editor


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Tab], ids=["Enter", "Tab"])
def test_the_refused_cell_stays_current_and_typing_goes_on(qtbot, make_window, fake_dialogs, key):
    window = make_window(blank("2021"))
    p3, index, editor = start_typing(qtbot, window, "abc")
    qtbot.keyClick(editor, key)
    assert any("不是数字" in t for t in fake_dialogs.texts("warning"))
    assert p3.grid.currentIndex() == index                     # not moved down / on
    assert p3.grid.indexWidget(index) is editor and editor.selectedText() == "abc"
    qtbot.keyClicks(editor, "12")                              # typing replaces the refused text
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.session.report.get(KEY) == 12
    assert p3.grid.indexWidget(index) is None                  # accepted: the editor closed


def test_through_the_real_message_box(qtbot, make_window):
    window = make_window(blank("2021"))
    shown = []

    def close_box():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append(box.text())
            box.accept()
    timer = QTimer()
    timer.timeout.connect(close_box)
    timer.start(30)
    previous = dialogs.set_implementation(dialogs.QtDialogs())
    try:
        p3, index, editor = start_typing(qtbot, window, "abc")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    finally:
        dialogs.set_implementation(previous)
        timer.stop()
    assert len(shown) == 1 and "不是数字" in shown[0]          # one box, not one per focus change
    assert QApplication.focusWidget() is p3.grid.indexWidget(index)
    qtbot.keyClicks(QApplication.focusWidget(), "7")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.session.report.get(KEY) == 7
