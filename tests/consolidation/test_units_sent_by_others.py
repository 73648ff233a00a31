"""The 汇总 on unit files as a 政务公开办 receives them: the county's own report sent among its units',
one unit's name written in traditional characters, a printed total that disagrees, an output folder
that is not there."""

import json
from pathlib import Path

from consolidation_units import NEW, unit

from govreport_gui.cli import main
from govreport_gui.core import CellKey
from govreport_gui.core.consolidate import DUPLICATE, GOVERNMENT_REPORT, HAS_ERRORS, merge_units
from govreport_gui.core.serialize import load_file, save_json, save_native
from govreport_gui.io.consolidation_io import collect_files, read_units
from govreport_gui.io.registry import write_report

NATURAL = CellKey("三", NEW, "自然人")


def _county_set(folder: Path) -> dict[str, Path]:
    """Two units of 云川县 and the county's own report, compiled from them (its figures their sum)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {"town": folder / "城关镇.govreport", "dept": folder / "教育局.json",
             "county": folder / "云川县人民政府2024年年报.docx"}
    save_native(files["town"], unit("云川县城关镇人民政府", 10))
    save_json(files["dept"], unit("云川县教育局", 20))
    county = unit("云川县人民政府", 30)
    county.set(CellKey("三", NEW, "商业企业"), 2)
    county.set(CellKey("三", "（一）予以公开", "商业企业"), 2)
    write_report(files["county"], county, None)
    return files


def _units(folder: Path):
    return read_units(collect_files([folder]).files).units


def test_the_county_s_own_report_among_its_units_is_left_out_and_says_why(tmp_path, capsys):
    files = _county_set(tmp_path / "报送")
    out = tmp_path / "汇总.govreport"
    rc = main(["merge", str(tmp_path / "报送"), "-o", str(out), "--agency", "云川县人民政府"])
    text = capsys.readouterr().out
    assert rc == 1   # written, one unit left out
    assert load_file(out).report.get(NATURAL) == 10 + 20   # not 60: the county's figures hold its units' already
    line = next(ln for ln in text.split("\n1.")[-1].splitlines() if files["county"].name in ln)
    assert line.lstrip().startswith("3. [未计入]") or "[未计入]" in line
    assert "云川县人民政府本身的报告" in text and "算两次" in text and "只有本级的数字" in text


def test_the_county_s_own_report_counts_when_the_clerk_says_it_holds_only_its_own_figures(tmp_path, capsys):
    files = _county_set(tmp_path / "报送")
    out = tmp_path / "汇总.json"
    rc = main(["merge", str(tmp_path / "报送"), "-o", str(out), "--include", str(files["county"])])
    assert rc == 0
    assert load_file(out).report.get(NATURAL) == 10 + 20 + 30
    assert "已选择计入，请核实其中只有本级的数字" in capsys.readouterr().out


def test_a_government_is_no_summary_of_units_not_its_own(tmp_path):
    """A township's government, a county with one unit of its own only, another county's units."""
    folder = tmp_path / "报送"
    folder.mkdir()
    save_native(folder / "a.govreport", unit("云川县城关镇人民政府", 10))
    save_native(folder / "b.govreport", unit("云川县人民政府", 11))
    save_native(folder / "c.govreport", unit("云川县人民政府办公室", 12))
    save_native(folder / "d.govreport", unit("青石县教育局", 13))
    save_native(folder / "e.govreport", unit("青石县人民政府", 14))
    result = merge_units(_units(folder), "2021", 2024)
    assert len(result.included) == 5 - 1   # 云川县人民政府: 城关镇 and 办公室 are its own
    left_out = [u.agency for u in result.excluded]
    assert left_out == ["云川县人民政府"]
    assert GOVERNMENT_REPORT in {p.code for u in result.excluded for p in u.problems}


def test_one_unit_named_in_traditional_characters_is_the_same_unit(tmp_path):
    folder = tmp_path / "报送"
    folder.mkdir()
    save_native(folder / "1_西塘镇.govreport", unit("云川县西塘镇人民政府", 10))
    save_json(folder / "2_西塘镇（网页版）.json", unit("雲川縣西塘鎮人民政府", 12))
    result = merge_units(_units(folder), "2021", 2024)
    assert result.report.get(NATURAL) == 10
    second = result.units[1]
    assert not second.include and DUPLICATE in {p.code for p in second.problems}


def test_a_printed_total_that_disagrees_is_named_in_the_unit_s_problem(tmp_path, capsys):
    path = tmp_path / "杏花乡.json"
    save_json(path, unit("云川县杏花乡人民政府", 10))
    doc = json.loads(path.read_text(encoding="utf-8"))
    printed = next(c for c in doc["cells"] if c["row"] == NEW and c["col"] == "总计")
    assert printed["computed"] and printed["value"] == 11
    printed["value"] = 12   # the total as the unit printed it: its cells give 11
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "汇总.json"
    assert main(["merge", str(path), "-o", str(out)]) == 0   # counted: its cells are summed, the total recomputed
    text = capsys.readouterr().out
    assert "杏花乡.json" in text and "文件所列合计为12，按各项重新计算为11" in text
    assert load_file(out).report.get(NATURAL) == 10
    unit_read = read_units([path]).units[0]
    merge_units([unit_read], "2021", 2024)
    problem = next(p for p in unit_read.problems if p.code == HAS_ERRORS)
    assert "表三“一、本年新收政府信息公开申请数量”/“总计”" in problem.message and "勾稽不平" not in problem.message


def test_merge_says_the_output_folder_is_missing_before_reading_any_unit(tmp_path, capsys, monkeypatch):
    files = _county_set(tmp_path / "报送")

    def no_reading(*args, **kwargs):
        raise AssertionError("units read although nothing can be written")
    monkeypatch.setattr("govreport_gui.io.consolidation_io.read_units", no_reading)
    for extra in ([], ["--report-xlsx", str(tmp_path / "没有的文件夹" / "清单.xlsx")]):
        out = tmp_path / ("没有的文件夹" if not extra else "") / "汇总.docx"
        assert main(["merge", str(files["town"]), "-o", str(out), *extra]) == 2
        err = capsys.readouterr().err
        assert "没有的文件夹" in err and "不存在" in err and "Traceback" not in err
