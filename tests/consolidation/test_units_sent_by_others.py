"""The 汇总 on unit files as a 政务公开办 receives them: the county's own report sent among its units',
one unit's name written in traditional characters, a printed total that disagrees, an output folder
that is not there."""

import json
from pathlib import Path

import pytest
from consolidation_units import NEW, unit

from govreport_gui.cli import main
from govreport_gui.core import CellKey
from govreport_gui.core.consolidate import DUPLICATE, GOVERNMENT_REPORT, HAS_ERRORS, merge_units
from govreport_gui.core.errors import ReadError
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


def test_a_unit_named_without_its_place_is_the_unit_named_with_it(tmp_path):
    """A revised copy whose title left out the county; 教育局 alone is none of two counties' 教育局."""
    folder = tmp_path / "报送"
    folder.mkdir()
    save_native(folder / "1_城关镇.govreport", unit("云川县城关镇人民政府", 10))
    save_native(folder / "2_城关镇（修改稿）.govreport", unit("城关镇人民政府", 11))
    save_native(folder / "3_教育局.govreport", unit("云川县教育局", 12))
    save_native(folder / "4_教育局.govreport", unit("青石县教育局", 13))
    save_native(folder / "5_教育局.govreport", unit("教育局", 14))
    result = merge_units(_units(folder), "2021", 2024)
    assert [u.name for u in result.excluded] == ["2_城关镇（修改稿）.govreport"]
    problem = next(p for p in result.excluded[0].problems if p.code == DUPLICATE)
    assert "云川县城关镇人民政府" in problem.message and "机关名称写作“城关镇人民政府”" in problem.message
    assert result.report.get(NATURAL) == 10 + 12 + 13 + 14


def test_two_townships_with_the_same_few_figures_are_both_counted_and_named(tmp_path):
    from govreport_gui.core import Report
    from govreport_gui.core.report import Metadata
    folder = tmp_path / "报送"
    folder.mkdir()
    for name in ("青石镇", "白沙镇", "柳林乡"):
        town = Report("2021", Metadata(agency=f"云川县{name}人民政府", year=2024))
        town.set(CellKey("二", "行政处罚", "本年处理决定数量"), 2)   # and nothing else, as many townships
        save_native(folder / f"{name}.govreport", town)
    copy = unit("云川县北岗乡人民政府", 10)   # many figures alike: a copy, whatever its name
    save_native(folder / "北岗乡.govreport", copy)
    copy.meta.agency = "云川县东坝镇人民政府"
    save_native(folder / "东坝镇.govreport", copy)
    result = merge_units(_units(folder), "2021", 2024)
    assert result.report.get(CellKey("二", "行政处罚", "本年处理决定数量")) == 2 * 3
    assert [u.name for u in result.excluded] == ["北岗乡.govreport"]   # the later one of the folder (东 < 北)
    named = [u for u in result.included if any("完全相同" in p.message and "已计入，请核实" in p.message
                                              for p in u.problems)]
    assert len(named) == 2


def test_an_archive_an_ofd_and_a_picture_say_what_they_are_and_what_to_do(tmp_path):
    import zipfile

    from govreport_gui.io.registry import read_report
    folder = tmp_path / "报送"
    folder.mkdir()
    save_native(folder / "甲.govreport", unit("云川县甲局", 10))
    member = zipfile.ZipInfo("公安局年报.docx")
    member.filename = "公安局年报.docx".encode("gbk").decode("cp437")   # as a Chinese Windows names it
    with zipfile.ZipFile(folder / "公安局.zip", "w") as z:
        z.writestr(member, b"x")
    with zipfile.ZipFile(folder / "民政局.ofd", "w") as z:
        z.writestr("OFD.xml", "<ofd:OFD/>")
    (folder / "审计局.rar").write_bytes(b"Rar!\x1a\x07\x01\x00" + bytes(40))
    (folder / "盖章页.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(40))
    found = collect_files([folder])
    assert sorted(p.name for p in found.files) == ["公安局.zip", "审计局.rar", "民政局.ofd", "甲.govreport"]
    assert any("盖章页.jpg" in line for line in found.skipped)
    result = merge_units(read_units(found.files).units, "2021", 2024)
    why = {u.name: u.problem_text() for u in result.excluded}
    assert "压缩包（内有公安局年报.docx）" in why["公安局.zip"] and "请先解压" in why["公安局.zip"]
    assert "压缩包" in why["审计局.rar"] and "请先解压" in why["审计局.rar"]
    assert "OFD 版式文件" in why["民政局.ofd"] and "另存为 PDF" in why["民政局.ofd"]
    with pytest.raises(ReadError) as refused:
        read_report(folder / "盖章页.jpg")
    assert "是图片" in str(refused.value) and "带文字的 PDF" in str(refused.value)


def test_a_workbook_whose_figures_are_formulas_saved_without_results_is_not_summed_as_zeros(tmp_path, capsys):
    """A unit's template filled by formulas into a sheet of its own, saved by a program that keeps no
    results: the figures are unknown, not 0."""
    from openpyxl import load_workbook
    folder = tmp_path / "报送"
    folder.mkdir()
    save_native(folder / "甲.govreport", unit("云川县甲局", 10))
    book = folder / "水利局.xlsx"
    write_report(book, unit("云川县水利局", 20), None)
    wb = load_workbook(book)
    sheet = next(ws for ws in wb.worksheets if any(c.value == "自然人" for row in ws.iter_rows() for c in row))
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == 20)   # 一、本年新收 / 自然人
    wb.create_sheet("明细")["A1"] = 20
    cell.value = "=明细!A1"
    del wb.defined_names["GovReport_Format"]   # another program's workbook, laid out as the template
    wb.save(book)
    out = tmp_path / "汇总.json"
    assert main(["merge", str(folder), "-o", str(out)]) == 1
    text = capsys.readouterr().out
    assert load_file(out).report.get(NATURAL) == 10   # not 10 + 0
    assert "水利局.xlsx" in text and "处数字读不出" in text and "引用了其他工作表“明细”" in text
    # the clerk counts it all the same: its blank adds nothing, and its 表三 no longer balances
    assert main(["merge", str(folder), "-o", str(out), "--include", str(book)]) == 1
    assert load_file(out).report.get(NATURAL) == 10
    assert load_file(out).report.get(CellKey("三", "（一）予以公开", "自然人")) == 10 + 20
    assert "已选择计入" in capsys.readouterr().out


def test_a_unit_s_ledger_sent_instead_of_its_report_says_what_it_is_and_what_to_do(tmp_path):
    from openpyxl import Workbook
    folder = tmp_path / "报送"
    folder.mkdir()
    save_native(folder / "甲.govreport", unit("云川县甲局", 10))
    wb = Workbook()
    ws = wb.active
    ws.append(["云川县档案馆2024年政府信息公开申请登记表"])
    ws.append(["序号", "申请人姓名或名称", "申请人类型", "收到日期", "申请内容", "答复日期", "处理结果"])
    for i in range(1, 4):
        ws.append([i, f"申请人{i}", "自然人", f"2024-0{i}-1{i}", "某项目的批复文件", f"2024-0{i + 1}-0{i}", "予以公开"])
    wb.save(folder / "档案馆.xlsx")
    result = merge_units(_units(folder), "2021", 2024)
    ledger = next(u for u in result.units if u.name == "档案馆.xlsx")
    assert not ledger.readable and not ledger.include
    assert "是依申请公开登记台账，不是年度报告" in ledger.problem_text() and "从申请台账填写" in ledger.problem_text()
    assert result.report.get(NATURAL) == 10


def test_the_editor_s_hint_for_a_ledger_opened_as_a_report_is_the_same_finding(tmp_path):
    from openpyxl import Workbook

    from govreport_gui.core.forms import get_form
    from govreport_gui.qt.ledger_flow import ledger_hint
    wb = Workbook()
    wb.active.append(["序号", "申请人类型", "收到日期", "答复日期", "处理结果"])
    wb.active.append([1, "自然人", "2024-03-01", "2024-03-15", "予以公开"])
    wb.save(tmp_path / "台账.xlsx")
    save_native(tmp_path / "甲.govreport", unit("云川县甲局", 10))
    form = get_form("2021")
    assert "看起来是依申请公开登记台账" in ledger_hint(tmp_path / "台账.xlsx", form)
    assert ledger_hint(tmp_path / "甲.govreport", form) == ""
