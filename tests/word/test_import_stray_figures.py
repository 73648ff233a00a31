"""Word: a figure in a located table that is not under its column (2021 表二's value cells left
unmerged and the figure typed in the third column) is not read, and the clerk is told."""

from __future__ import annotations

from report_builders import fill_every_cell

from govreport_gui.core.forms import CellKey
from govreport_gui.io.notes import kind_of
from govreport_gui.io.registry import read_report

from .docx_builders import build, official_rows

TITLE = ["某某局2021年政府信息公开工作年度报告"]
HEADING = "二、主动公开政府信息情况"


def _stray(result) -> list[str]:
    return [n for n in result.notes if "不在官方表格的栏目位置上" in n]


def test_unmerged_value_cell_typed_in_another_column_is_noted(tmp_path):
    report = fill_every_cell("2021")
    rows, spans = official_rows(report, "二")
    moved = {}
    for r, row in enumerate(rows):
        if row[0] in ("行政许可", "行政处罚"):
            moved[row[0]] = row[1]
            row[1], row[2] = None, row[1]
    spans = [s for s in spans if rows[s[0]][0] not in moved]   # those rows unmerged
    result = read_report(build(tmp_path / "a.docx", TITLE, [], [(HEADING, [], (rows, spans))]))
    assert not result.report.values.get(CellKey("二", "行政许可", "本年处理决定数量"))
    assert result.report.values.get(CellKey("二", "行政强制", "本年处理决定数量")) == \
        report.values[CellKey("二", "行政强制", "本年处理决定数量")]
    notes = _stray(result)
    assert len(notes) == 1 and kind_of(notes[0]) == "unplaced", result.notes
    assert f"第3列（行政许可）“{moved['行政许可']}”" in notes[0], notes
    assert f"第3列（行政处罚）“{moved['行政处罚']}”" in notes[0], notes
    assert "!" not in notes[0]


def test_official_table_gets_no_stray_note(tmp_path):
    for version in ("2019", "2021"):
        report = fill_every_cell(version)
        parts = []
        for table_id, heading in (("二", HEADING), ("三", "三、收到和处理政府信息公开申请情况"),
                                  ("四", "四、政府信息公开行政复议、行政诉讼情况")):
            parts.append((heading, [], official_rows(report, table_id)))
        result = read_report(build(tmp_path / f"{version}.docx", [f"某某局{version}年政府信息公开工作年度报告"], [], parts))
        assert _stray(result) == [], (version, result.notes)
