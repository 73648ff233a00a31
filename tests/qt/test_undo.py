"""Undo/redo of every kind of change, back to the clean state and forward again."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QTextCursor
from qt_helpers import type_into

from govreport_gui.core.forms import CellKey, get_form
from govreport_gui.core.forms.common import CARRIED_IN, NEW
from govreport_gui.core.serialize import save_json


def test_undo_and_redo_each_kind_of_change(qtbot, make_window, sample, tmp_path, fake_dialogs):
    original = sample.copy()
    window = make_window(sample)
    session, stack = window.session, window.session.undo_stack
    report = session.report
    t3 = get_form("2021").tables["三"]
    natural, business = t3.cols[0], t3.cols[1]
    p3 = window.page_for_table("三")
    window.tabs.setCurrentWidget(p3)
    view = p3.grid

    # 1. a cell
    type_into(qtbot, view, CellKey("三", NEW, natural), "300")
    # 2. a paste
    index = p3.model.index_of(CellKey("三", CARRIED_IN, natural))
    view.setCurrentIndex(index)
    view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.paste("11\t12\n")
    # 3. a clear
    index = p3.model.index_of(CellKey("三", NEW, business))
    view.setCurrentIndex(index)
    view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    # 4. a metadata field, typed into the 基本信息 tab
    window.tabs.setCurrentWidget(window.meta_tab)
    agency = window.meta_tab.fields["agency"]
    agency.setFocus()
    agency.selectAll()
    qtbot.keyClicks(agency, "XYZ")
    qtbot.keyClick(agency, Qt.Key.Key_Return)
    assert report.meta.agency == "XYZ"
    # 5. prose, committed when the editor loses focus
    p1 = window.page_for_section("一")
    window.tabs.setCurrentWidget(p1)
    p1.prose.edit.setFocus()
    p1.prose.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(p1.prose.edit, " abc")
    p1.prose.commit()
    assert report.sections["一"].endswith(" abc")
    edited_text = report.section_text("一")
    # 6. an import (one step, whatever it changes)
    other = original.copy()
    other.meta.agency = "别的单位"
    other.values.clear()
    path = tmp_path / "other.json"
    save_json(path, other)
    assert window.flows.import_into(path)
    assert report.meta.agency == "别的单位" and not report.values

    texts = [stack.text(i) for i in range(stack.count())]
    assert texts == ["修改表三“一、本年新收政府信息公开申请数量”/“自然人”", "粘贴 2 个单元格", "清除 1 个单元格",
                     "修改“机关名称”", "修改“一、总体情况”正文", "导入“other.json”"]
    assert window.isWindowModified()
    assert window.undo_action.text() == "撤销 导入“other.json”"

    for _ in texts:
        window.undo_action.trigger()
    assert report == original
    assert stack.isClean() and not window.isWindowModified()
    assert p1.prose.text() == original.section_text("一")
    assert agency.text() == original.meta.agency

    for _ in texts:
        window.redo_action.trigger()
    assert report.meta.agency == "别的单位" and not report.values
    stack.undo()  # back before the import: every earlier edit is there
    assert report.get(CellKey("三", NEW, natural)) == 300
    assert report.get(CellKey("三", CARRIED_IN, business)) == 12
    assert report.get(CellKey("三", NEW, business)) is None
    assert report.meta.agency == "XYZ" and report.section_text("一") == edited_text


def test_ctrl_z_in_a_prose_editor_commits_then_undoes_the_document(qtbot, make_window, sample):
    window = make_window(sample)
    p5 = window.page_for_section("五")
    window.tabs.setCurrentWidget(p5)
    window.activateWindow()
    edit = p5.prose.edit
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.moveCursor(QTextCursor.MoveOperation.End)
    before = window.session.report.section_text("五")
    qtbot.keyClicks(edit, "xyz")
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # the typing was committed as one step and that step undone
    assert window.session.report.section_text("五") == before
    assert edit.toPlainText() == before
    assert window.session.undo_stack.canRedo()
    qtbot.keyClick(edit, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.session.report.section_text("五").endswith("xyz")
