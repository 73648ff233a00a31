"""What a paste, a typed value or an import interpreted stays in view above the pages until the
clerk closes it (#20): the status bar moved on within seconds (已自动保存) and cut the line off."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from qt_helpers import blank, type_into

from govreport_gui.core.forms import CellKey, get_form
from govreport_gui.core.serialize import save_json

T3 = get_form("2021").tables["三"]
NEW, CARRIED_IN = T3.rows[:2]


def page3(window):
    p3 = window.page_for_table("三")
    window.tabs.setCurrentWidget(p3)
    return p3


def test_a_paste_lists_each_interpretation_until_closed(qtbot, make_window, tmp_path):
    window = make_window(blank("2021"))
    p3 = page3(window)
    p3.grid.setCurrentIndex(p3.model.index_of(CellKey("三", NEW, T3.cols[0])))
    QGuiApplication.clipboard().setText("12件\t１２\t1,234\r\n/\t—\t3\r\n")
    qtbot.keyClick(p3.grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    bar = window.interpretations
    notes = bar.notes()
    assert bar.isVisible() and len(notes) >= 4
    for text in ("12件", "１２", "1,234", "—"):
        assert sum(1 for n in notes if f"“{text}”" in n or text in n) == 1, text
    assert bar.line.text().startswith(f"粘贴时作了 {len(notes)} 处解读：") and notes[0] in bar.line.text()
    assert "见表格上方" in window.statusBar().currentMessage()
    # 详情: the whole list
    assert bar.details_button.isVisible()
    qtbot.mouseClick(bar.details_button, Qt.MouseButton.LeftButton)
    assert bar.details.isVisible() and all(n in bar.details.toPlainText() for n in notes)
    # the autosave's message does not take it away
    window.flows.recovery.autosave()
    assert bar.isVisible() and bar.notes() == notes
    qtbot.wait(50)
    window.grab().save(str(tmp_path / "bar.png"))   # (looked at: the bar over the table, 详情 open)
    qtbot.mouseClick(bar.close_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible() and bar.notes() == []


def test_values_typed_one_after_another_add_up(qtbot, make_window):
    window = make_window(blank("2021"))
    p3 = page3(window)
    type_into(qtbot, p3.grid, CellKey("三", NEW, T3.cols[0]), "12件")
    type_into(qtbot, p3.grid, CellKey("三", CARRIED_IN, T3.cols[0]), "１２")
    notes = window.interpretations.notes()
    assert len(notes) == 2 and "12件" in notes[0] and "１２" in notes[1]
    assert CellKey("三", NEW, T3.cols[0]).name() in notes[0]        # which cell, named


def test_an_import_keeps_what_it_interpreted_in_view(qtbot, make_window, sample, tmp_path, fake_dialogs, monkeypatch):
    from govreport_gui.io import registry
    path = tmp_path / "上年.json"
    save_json(path, sample)
    real = registry.read_report

    def reader_with_notes(p):
        result = real(p)
        result.notes = ["“１２”按12读取", "“—”按空白（0）读取", "“12件”按12读取"]
        return result
    monkeypatch.setattr(registry, "read_report", reader_with_notes)
    window = make_window(blank("2021"))
    assert window.flows.import_into(path)
    bar = window.interpretations
    assert bar.isVisible() and bar.notes() == ["“１２”按12读取", "“—”按空白（0）读取", "“12件”按12读取"]
    assert "上年.json" in bar.line.text()
    # another report opened: what this one's import read is no longer shown
    fake_dialogs.answers["new_report"].append(None)
    window.flows._set_document(type(window.session.document)(blank("2021")), None, False)
    assert not bar.isVisible()
