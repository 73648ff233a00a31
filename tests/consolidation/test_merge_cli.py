"""``govreport merge`` end to end: unit list printed, problems named, report and unit list written."""


from consolidation_units import NEW
from openpyxl import load_workbook
from test_consolidate import write_set

from govreport_gui.cli import main
from govreport_gui.core import CellKey
from govreport_gui.core.serialize import load_file


def test_merge_folder_writes_report_and_unit_list(tmp_path, capsys):
    files = write_set(tmp_path / "in")
    out = tmp_path / "汇总.govreport"
    listing = tmp_path / "单位清单.xlsx"
    rc = main(["merge", str(tmp_path / "in"), "-o", str(out), "--agency", "某某区人民政府",
               "--report-xlsx", str(listing)])
    captured = capsys.readouterr()
    assert rc == 1  # written, but units were left out
    report = load_file(out).report
    assert report.get(CellKey("三", NEW, "自然人")) == 65
    assert report.meta.agency == "某某区人民政府" and report.meta.year == 2024
    text = captured.out
    assert "共8个文件，计入4个，未计入4个" in text
    for path in files.values():
        assert path.name in text
    assert "无法读取" in text and "同一单位同一年度" in text and "2023年度" in text and "2019版" in text
    assert "Traceback" not in captured.err
    wb = load_workbook(listing)
    ws = wb["单位清单"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    header = next(r for r in rows if r[0] == "序号")
    data = rows[rows.index(header) + 1:]
    assert len(data) == 8
    by_file = {r[1]: r for r in data}
    broken = by_file["丁局.xlsx"]
    assert broken[header.index("是否计入")] == "未计入"
    assert "无法读取" in broken[header.index("问题及原因")]
    assert by_file["甲镇.govreport"][header.index("是否计入")] == "计入"
    assert "各单位校验结果" in wb.sheetnames


def test_merge_exclude_and_include(tmp_path, capsys):
    files = write_set(tmp_path / "in")
    out = tmp_path / "out.json"
    rc = main(["merge", str(files["a"]), str(files["b"]), str(files["old"]), "-o", str(out),
               "--exclude", str(files["b"]), "--include", str(files["old"]), "--year", "2024"])
    assert rc == 1
    report = load_file(out).report
    assert report.get(CellKey("三", NEW, "自然人")) == 10 + 40
    assert "已选择不计入" in capsys.readouterr().out


def test_merge_clean_set_exits_0(tmp_path, capsys):
    files = write_set(tmp_path / "in")
    out = tmp_path / "out.govreport"
    assert main(["merge", str(files["a"]), str(files["b"]), "-o", str(out)]) == 0
    assert load_file(out).report.get(CellKey("三", NEW, "自然人")) == 30


def test_merge_nothing_readable_exits_2_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "x.govreport"
    bad.write_text("{broken", encoding="utf-8")
    out = tmp_path / "out.govreport"
    assert main(["merge", str(bad), "-o", str(out)]) == 2
    assert not out.exists()
    captured = capsys.readouterr()
    assert "没有可计入的单位" in captured.err and "Traceback" not in captured.err


def test_merge_missing_input_is_named(tmp_path, capsys):
    assert main(["merge", str(tmp_path / "nope"), "-o", str(tmp_path / "o.json")]) == 2
    assert "找不到" in capsys.readouterr().err


def test_unit_list_rejects_other_suffix(tmp_path, capsys):
    files = write_set(tmp_path / "in")
    rc = main(["merge", str(files["a"]), "-o", str(tmp_path / "o.json"), "--report-xlsx", str(tmp_path / "l.csv")])
    assert rc == 2
    assert "只能导出为 Excel" in capsys.readouterr().err


def test_merge_checks_output_suffixes_before_reading(tmp_path, capsys):
    files = write_set(tmp_path / "in")
    assert main(["merge", str(files["a"]), "-o", str(tmp_path / "o.txt")]) == 2
    assert "不能输出为“.txt”" in capsys.readouterr().err
    assert not (tmp_path / "o.txt").exists()


def test_merge_of_units_without_any_year_asks_for_it_and_writes_nothing(tmp_path, capsys):
    from report_builders import balanced

    from govreport_gui.core.serialize import save_native
    from govreport_gui.merge_cli import main as merge_main
    unit = balanced("2021")
    unit.meta.year = 0
    save_native(tmp_path / "u.govreport", unit)
    out = tmp_path / "sum.govreport"
    assert merge_main([str(tmp_path / "u.govreport"), "-o", str(out)]) == 2
    assert "--year" in capsys.readouterr().err and not out.exists()
