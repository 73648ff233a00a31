"""The import preview: its content (no Qt) and the dialog (pytest-qt)."""

from __future__ import annotations

import pytest

from govreport_gui.core.document import Document
from govreport_gui.core.forms import CellKey
from govreport_gui.core.serialize import report_to_json
from govreport_gui.io.import_preview import build_preview, import_edit
from govreport_gui.io.notes import kind_of
from govreport_gui.io.registry import read_report

from .builders import as_clerk_types, balance, filled_report, official, save


@pytest.fixture
def messy(tmp_path):
    """A 2021 workbook with text numbers, an unknown row label (nothing like the official label of
    its place) and one wrong printed total."""
    source = filled_report("2021", seed=41)
    for col in source.form.tables["三"].cols[:-1]:   # the renamed row holds nothing: only the
        source.set(CellKey("三", "2.重复申请", col), None)  # wrong total disagrees
    balance(source)
    wb = official(source, number=as_clerk_types)
    ws = wb["表三"]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "2.重复申请":
                cell.value = "自拟的统计事项"
            if cell.value == "（七）总计":
                total = ws.cell(row=cell.row, column=4)
                total.value = int(total.value) + 2
    return source, save(wb, tmp_path / "下级单位.xlsx")


def test_preview_content(messy):
    source, path = messy
    result = read_report(path)
    preview = build_preview(result, path)
    assert preview.source == "Excel 工作簿“下级单位.xlsx”"
    assert preview.version.startswith("2021版格式")
    assert ("机关名称", source.meta.agency) in preview.metadata
    assert [t.table for t in preview.tables] == ["二", "三", "四"]
    assert preview.n_figures == len(result.report.values)
    three = preview.tables[1]
    # The renamed row's total is not placed; every other total of 三 was read as printed.
    assert three.printed == len([k for k in source.form.computed_keys() if k.table == "三"]) - 1
    assert any("自拟的统计事项" in u for u in preview.unplaced)
    assert preview.conversions and all(kind_of(n) == "conversion" for n in result.notes if n in preview.conversions)
    assert len(preview.printed_mismatches) == 1 and "相差2" in preview.printed_mismatches[0]
    assert preview.needs_attention
    text = "\n".join(preview.lines())
    assert "文件所列合计与重新计算不一致（1）" in text and "未能放置的标签" in text and "转换" in text


def test_import_is_one_undo_step(messy):
    _, path = messy
    current = filled_report("2019", seed=1)
    doc = Document(current.copy())
    before = report_to_json(doc.report)
    result = read_report(path)
    edit = import_edit(doc.report, result, path)
    assert edit.text == "导入“下级单位.xlsx”"
    doc.apply(edit)
    assert report_to_json(doc.report) == report_to_json(result.report)
    doc.revert(edit)
    assert report_to_json(doc.report) == before


def test_dialog_shows_the_preview_and_imports_on_confirm(qtbot, messy, tmp_path):
    from PySide6.QtCore import Qt

    from govreport_gui.qt.import_preview_dialog import ImportPreviewDialog

    _, path = messy
    result = read_report(path)
    dialog = ImportPreviewDialog(result, path)
    qtbot.addWidget(dialog)
    dialog.show()
    titles = dialog.branch_titles()
    assert titles[0] == "文件所列合计与重新计算不一致（1）"
    assert any(t.startswith("未能放置的标签") for t in titles)
    assert any(t.startswith("三、收到和处理政府信息公开申请情况 — 表三：读取") for t in titles)
    assert dialog.tree.topLevelItem(0).isExpanded()
    assert "下级单位.xlsx" in dialog.summary.text()
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0).child(0))
    assert "文件所列合计为" in dialog.detail.toPlainText()  # the full sentence, not clipped
    dialog.grab().save(str(tmp_path / "preview.png"))
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted


def test_dialog_cancel(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    from govreport_gui.qt.import_preview_dialog import ImportPreviewDialog

    path = save(official(filled_report("2019")), tmp_path / "2020.xlsx")
    dialog = ImportPreviewDialog(read_report(path), path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.cancel_button.text() == "取消" and dialog.import_button.text() == "导入"
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)


def test_prefill_preview_lists_what_carries(qtbot, tmp_path):
    from govreport_gui.core.carryover import carry_over
    from govreport_gui.qt.import_preview_dialog import ImportPreviewDialog

    path = save(official(filled_report("2019", year=2020)), tmp_path / "2020.xlsx")
    result = read_report(path)
    carried = carry_over(result.report)
    preview = build_preview(result, path, carried)
    assert preview.carried == carried.carried and preview.carried
    assert any("2019版格式" in line for line in preview.not_carried)
    dialog = ImportPreviewDialog(result, path, verb="结转", carried=carried)
    qtbot.addWidget(dialog)
    assert dialog.import_button.text() == "结转"
    assert any(t.startswith("结转到本年报告的内容") for t in dialog.branch_titles())
