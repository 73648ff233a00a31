"""The editor's import preview of a saved web page: where each table was found, then the import
applied to the open report as one undoable edit."""

from __future__ import annotations

from published_corpus import mhtml_bytes, published_page

from govreport_gui.core.report import Report
from govreport_gui.io.import_preview import import_edit
from govreport_gui.io.registry import read_report


def test_preview_dialog_of_a_saved_page_then_import(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    from govreport_gui.qt.import_preview_dialog import ImportPreviewDialog

    text, expected = published_page("cms", "2021", seed=41)
    path = tmp_path / "年报.mht"
    path.write_bytes(mhtml_bytes(text, "base64"))
    result = read_report(path)
    dialog = ImportPreviewDialog(result, path)
    qtbot.addWidget(dialog)
    dialog.show()
    titles = dialog.branch_titles()
    assert any(t.startswith("三、收到和处理政府信息公开申请情况 — 表三（网页中的第2个表格）：读取") for t in titles), titles
    assert "网页（单个文件）" in dialog.summary.text() and expected.meta.agency in dialog.summary.text()
    dialog.grab().save(str(tmp_path / "web-preview.png"))
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    current = Report("2021")
    edit = import_edit(current, result, path)
    edit.apply(current)
    assert current.meta.agency == expected.meta.agency and current.sections["五"] == expected.sections["五"]
    assert all((current.values.get(k) or 0) == (expected.values.get(k) or 0) for k in expected.form.input_keys())
    edit.revert(current)
    assert current.meta.agency == "" and not any(current.values.values())
