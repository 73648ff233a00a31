"""A figure typed inside a located table but not under its column (e.g. in column C or D of a
header merged across B:D, the row left unmerged) is not read — which column was meant is a
guess — but the clerk is told, once per table, where it is and what to do."""

from __future__ import annotations

import openpyxl

from govreport_gui.core.forms import CellKey
from govreport_gui.io.notes import kind_of
from govreport_gui.io.registry import read_report

from .builders import filled_report, official, save

STRAY = "表二中以下数字不在官方表格的栏目位置上"


def _stray_notes(result) -> list[str]:
    return [n for n in result.notes if STRAY in n]


def test_figure_beside_a_merged_header_is_noted(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet"
    rows = [
        ["某某局2022年政府信息公开工作年度报告"], [],
        ["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可", None, 7],
        ["第二十条第（六）项"], ["信息内容", "本年处理决定数量"], ["行政处罚", None, None, 8],
        ["行政强制", 9],
    ]
    for row in rows:
        ws.append(row)
    ws.merge_cells("B4:D4")
    ws.merge_cells("B7:D7")
    result = read_report(save(wb, tmp_path / "mid.xlsx"))
    values = result.report.values
    assert values.get(CellKey("二", "行政强制", "本年处理决定数量")) == 9
    assert not values.get(CellKey("二", "行政许可", "本年处理决定数量"))   # not guessed
    notes = _stray_notes(result)
    assert len(notes) == 1, result.notes
    assert kind_of(notes[0]) == "unplaced"
    assert "Sheet!C5（行政许可）“7”" in notes[0] and "Sheet!D8（行政处罚）“8”" in notes[0], notes
    assert "请在导入后核对并填写" in notes[0]


def test_at_most_five_cells_are_named(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["第二十条第（一）项"])
    ws.append(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
    ws.append(["规章", 1, 2, 3, 11, 12, 13])
    ws.append(["行政规范性文件", 4, 5, 6, 14, 15, 16])
    result = read_report(save(wb, tmp_path / "many.xlsx"))
    notes = _stray_notes(result)
    assert len(notes) == 1 and notes[0].count("“") == 5 and "等 6 处" in notes[0], notes
    assert result.report.values.get(CellKey("二", "规章", "现行有效件数")) == 3


def test_official_layouts_get_no_stray_note(tmp_path):
    for version in ("2019", "2021"):
        report = filled_report(version, seed=3)
        for kwargs in ({}, {"merged": False}, {"one_sheet": True}, {"totals": "formulas"},
                       {"one_sheet": True, "side_by_side": True}):
            result = read_report(save(official(report, **kwargs), tmp_path / f"{version}.xlsx"))
            assert [n for n in result.notes if "不在官方表格的栏目位置上" in n] == [], (version, kwargs)
