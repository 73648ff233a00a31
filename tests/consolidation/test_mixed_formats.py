"""Units in our own file, an Excel workbook and (when the Word writer exists) a Word report,
consolidated together; a workbook that is not a report is named, not dropped silently."""



from consolidation_units import FEES, NEW, unit

from govreport_gui.core import CellKey
from govreport_gui.core.consolidate import merge_units
from govreport_gui.core.serialize import save_native
from govreport_gui.io.consolidation_io import collect_files, read_units
from govreport_gui.io.registry import writable_suffixes, write_report


def test_native_excel_and_word_units(tmp_path):
    save_native(tmp_path / "甲镇.govreport", unit("甲镇人民政府", 10, fees="1.5"))
    write_report(tmp_path / "乙街道.xlsx", unit("乙街道办事处", 20, fees="2.25"))
    write_report(tmp_path / "丙局2019版.xlsx", unit("丙局", 7, version="2019", year=2024))
    expected_new = 10 + 20 + 7
    expected_units = {"甲镇.govreport", "乙街道.xlsx", "丙局2019版.xlsx"}
    if ".docx" in writable_suffixes():
        write_report(tmp_path / "丁乡.docx", unit("丁乡人民政府", 30, fees="4"))
        expected_new += 30
        expected_units.add("丁乡.docx")
    from openpyxl import Workbook
    wb = Workbook()
    wb.active["A1"] = "会议签到表"
    wb.save(tmp_path / "签到表.xlsx")

    units = read_units(collect_files([tmp_path]).files).units
    result = merge_units(units)
    assert {u.name for u in result.included} == expected_units
    kinds = {u.name: u.kind for u in units}
    assert kinds["乙街道.xlsx"] == "xlsx"
    not_a_report = next(u for u in units if u.name == "签到表.xlsx")
    assert not not_a_report.include and not_a_report.problem_text().startswith("无法读取")
    assert result.report.get(CellKey("三", NEW, "自然人")) == expected_new
    parts = {c.unit.name: c.value for c in result.breakdown(CellKey("三", NEW, "自然人"))}
    assert parts["乙街道.xlsx"] == 20 and parts["丙局2019版.xlsx"] == 7
    assert result.breakdown(FEES)[0].value >= 2
    old = next(u for u in units if u.name == "丙局2019版.xlsx")
    assert any(p.code == "other_version" for p in old.problems)
