"""`govreport export FILE -o OUT.docx` and `govreport check|dump FILE.docx` through the registry."""

from __future__ import annotations

import json

from govreport_gui.cli import main
from govreport_gui.core.serialize import load_file

from .docx_builders import build, official_rows


def test_export_then_check_and_dump(tmp_path, sample_path, capsys):
    out = tmp_path / "report.docx"
    assert main(["export", str(sample_path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "复核" in err and "一致" in err and out.exists()
    assert main(["check", str(out)]) == 0
    assert "共 0 个错误" in capsys.readouterr().out
    assert main(["dump", str(out)]) == 0
    dumped = json.loads(capsys.readouterr().out)
    original = load_file(sample_path).report
    assert dumped["agency"] == original.meta.agency and dumped["format"] == "2021"
    cells = {(c["table"], c["row"], c["col"]): c["value"] for c in dumped["cells"]}
    for key, value in original.values.items():
        assert cells[key] == (str(value) if key.table == "二" and "万元" in key.col else value)


def test_check_reports_a_wrong_printed_total(tmp_path, capsys):
    from report_builders import balanced

    from govreport_gui.core.forms import CellKey

    report = balanced("2021")
    rows, spans = official_rows(report, "四")
    spec = report.form.tables["四"]
    g = spec.grid_cell_of(CellKey("四", "行政复议", "总计"))
    rows[g.row][g.col] = "5"          # recomputed: 2
    path = build(tmp_path / "r.docx", ["某某县交通运输局2024年政府信息公开工作年度报告"], [],
                 [("四、政府信息公开行政复议、行政诉讼情况", [], (rows, spans))])
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "行政复议" in out and "5" in out


def test_export_to_a_folder_fails_cleanly(tmp_path, sample_path, capsys):
    folder = tmp_path / "x.docx"
    folder.mkdir()
    assert main(["export", str(sample_path), "-o", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "文件夹" in err and "Traceback" not in err
