"""Legacy .xls (real files, converted by LibreOffice), the command line, and prefill from last year."""

from __future__ import annotations

import json

import pytest

from govreport_gui import cli
from govreport_gui.core import recalculate
from govreport_gui.core.carryover import carry_over
from govreport_gui.core.forms import CellKey
from govreport_gui.core.serialize import load_file, report_to_json
from govreport_gui.io.registry import read_report
from govreport_gui.io.write.excel_export import write_xlsx

from .builders import as_clerk_types, filled_report, official, save, soffice_convert, variant


@pytest.mark.parametrize("version", ("2019", "2021"))
def test_xls_saved_by_libreoffice(tmp_path, soffice, version):
    source = filled_report(version, seed=31)
    xlsx = save(official(source, label=variant, totals="formulas"), tmp_path / "src.xlsx")
    xls = soffice_convert(xlsx, "xls", tmp_path / "lo")
    result = read_report(xls)
    assert result.kind == "xls"
    assert result.report.values == source.values
    # LibreOffice calculated the formulas when it saved: the totals come back as printed values.
    computed = recalculate(source.form, source.values)
    assert result.report.printed == {k: computed[k] for k in source.form.computed_keys()}


def test_xls_with_numbers_typed_as_text(tmp_path, soffice):
    source = filled_report("2021", seed=37)
    xlsx = save(official(source, number=as_clerk_types), tmp_path / "src.xlsx")
    result = read_report(soffice_convert(xlsx, "xls", tmp_path / "lo"))
    assert result.report.values == source.values
    assert any(n.startswith("表二!") and "读取" in n for n in result.notes), result.notes


def test_our_export_through_xls(tmp_path, soffice):
    source = filled_report("2021", seed=32)
    path = tmp_path / "导出.xlsx"
    write_xlsx(path, source, None)
    xls = soffice_convert(path, "xls", tmp_path / "lo")
    result = read_report(xls)
    assert result.report.values == source.values
    assert result.report.meta.agency == source.meta.agency


def test_cli_check_and_dump_xlsx_and_xls(tmp_path, soffice, capsys):
    source = filled_report("2021", seed=33)
    xlsx = save(official(source), tmp_path / "报告.xlsx")
    xls = soffice_convert(xlsx, "xls", tmp_path / "lo")
    assert cli.main(["check", str(xlsx)]) in (0, 1)
    out = capsys.readouterr().out
    assert "个错误" in out
    assert cli.main(["dump", str(xls)]) == 0
    dumped = json.loads(capsys.readouterr().out)
    assert dumped == json.loads(json.dumps(report_to_json(source), ensure_ascii=False, default=str))


def test_cli_check_reports_a_wrong_printed_total(tmp_path, capsys):
    source = filled_report("2021", seed=34)
    wb = official(source)
    ws = wb["表四"]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "行政复议":
                total = ws.cell(row=cell.row + 3, column=cell.column + 4)
                total.value = (total.value or 0) + 1
    path = save(wb, tmp_path / "错.xlsx")
    assert cli.main(["check", str(path)]) == 1
    assert "文件所列合计为" in capsys.readouterr().out


def test_cli_unreadable_xlsx(tmp_path, capsys):
    path = tmp_path / "坏.xlsx"
    path.write_bytes(b"PK\x03\x04 broken")
    assert cli.main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "坏.xlsx" in err and "损坏" in err


def test_cli_export_xlsx_and_back(tmp_path, sample_path, capsys):
    out = tmp_path / "样例.xlsx"
    assert cli.main(["export", str(sample_path), "-o", str(out)]) == 0
    assert report_to_json(read_report(out).report) == report_to_json(load_file(sample_path).report)


# ---------------------------------------------------------------------------------------------
# Prefill from last year's Excel file


def test_new_from_last_years_xlsx(tmp_path, capsys):
    last = filled_report("2021", seed=35, year=2023)
    rows = last.form.tables["三"].rows
    for key_row in (rows[0], rows[-1]):  # 5 more received and 5 more carried forward: still balanced
        key = CellKey("三", key_row, "自然人")
        last.set(key, (last.get(key) or 0) + 5)
    last.sections["一"] = "去年的总体情况原文。"
    path = tmp_path / "2023年报.xlsx"
    write_xlsx(path, last, None)   # a workbook with its prose on the 基本信息 sheet
    out = tmp_path / "2024.govreport"
    assert cli.main(["new", "--previous", str(path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "已结转" in err
    loaded = load_file(out)
    new = loaded.report
    assert new.meta.year == 2024 and new.form_version == "2021"
    assert new.meta.agency == last.meta.agency
    assert loaded.previous is not None and loaded.previous.values == last.values
    table = new.form.tables["三"]
    for col in table.cols[:-1]:
        carried = new.values.get(CellKey("三", table.rows[1], col)) or 0
        assert carried == (last.values.get(CellKey("三", table.rows[-1], col)) or 0)
    assert any(v for k, v in new.values.items() if k.row == table.rows[1])  # something did carry
    assert loaded.previous.sections["一"] == "去年的总体情况原文。"   # kept for reference
    # last year's prose is not copied (a new report may start from the standard outline)
    assert not any("去年的总体情况原文" in text for text in new.sections.values())


def test_new_2021_report_from_a_2020_report_in_the_2019_format(tmp_path, capsys):
    last = filled_report("2019", seed=36, year=2020)
    path = save(official(last, label=variant), tmp_path / "2020年报.xlsx")
    imported = read_report(path).report
    assert imported.form_version == "2019" and imported.meta.year == 2020
    expected = carry_over(imported)
    out = tmp_path / "2021.govreport"
    assert cli.main(["new", "--previous", str(path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "2019版格式" in err and "未结转" in err
    new = load_file(out).report
    assert new.form_version == "2021" and new.meta.year == 2021
    assert new.values == expected.report.values
    carried_in = new.form.tables["三"].rows[1]
    carried_out = last.form.tables["三"].rows[-1]
    for col in new.form.tables["三"].cols[:-1]:
        assert (new.values.get(CellKey("三", carried_in, col)) or 0) == (last.values.get(CellKey("三", carried_out, col)) or 0)
