"""Units in the other format version are converted by the declared correspondence: the sum of
balanced units balances, the conversion is named per unit (core, ``govreport merge``, the unit
list), and when a sum does not balance the unit causing it is named."""

from consolidation_units import NEW, unit
from openpyxl import load_workbook

from govreport_gui.cli import main
from govreport_gui.core import CellKey, check_report
from govreport_gui.core.consolidate import OTHER_VERSION, merge_units, unit_from_report
from govreport_gui.core.findings import Severity
from govreport_gui.core.forms import VERSION_MAPS
from govreport_gui.core.serialize import load_file, save_native

OTHER = "（六）其他处理"
LEAF1 = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
LEAF3 = "3.其他"


def _errors(report) -> list[str]:
    return [f.message for f in check_report(report) if f.severity is Severity.ERROR]


def unit_2019_with_other_handling(agency: str = "庚局", other: int = 4):
    """A balanced 2019 unit with ``other`` applications of 自然人 in （六）其他处理."""
    r = unit(agency, 5, version="2019")
    r.set(CellKey("三", NEW, "自然人"), 5 + other)
    r.set(CellKey("三", OTHER, "自然人"), other)
    r.set(CellKey("三", OTHER, "商业企业"), 0)
    assert _errors(r) == []
    return r


def unit_2021_with_other_handling(agency: str, new: int, first: int, third: int):
    r = unit(agency, new)
    r.set(CellKey("三", NEW, "自然人"), new + first + third)
    r.set(CellKey("三", LEAF1, "自然人"), first)
    r.set(CellKey("三", LEAF3, "自然人"), third)
    assert _errors(r) == []
    return r


def mixed_units():
    return [unit_from_report("甲镇.govreport", unit("甲镇人民政府", 10)),
            unit_from_report("乙街道.govreport", unit_2021_with_other_handling("乙街道办事处", 20, 2, 1)),
            unit_from_report("庚局.govreport", unit_2019_with_other_handling())]


def test_a_2019_unit_in_a_2021_sum_balances_and_its_other_handling_is_counted():
    units = mixed_units()
    result = merge_units(units)
    r = result.report
    assert r.form_version == "2021" and len(result.included) == 3
    assert _errors(r) == []
    assert r.get(CellKey("三", LEAF3, "自然人")) == 1 + 4     # 乙's 3.其他 + 庚局's （六）
    assert r.get(CellKey("三", LEAF1, "自然人")) == 2
    parts = {c.unit.name: c.value for c in result.breakdown(CellKey("三", LEAF3, "自然人"))}
    assert parts == {"乙街道.govreport": 1, "庚局.govreport": 4}
    old = units[2]
    assert [u.name for u in result.converted_units] == ["庚局.govreport"]
    problem = next(p for p in old.problems if p.code == OTHER_VERSION)
    assert not problem.excludes
    assert "（六）其他处理" in problem.message and "“3.其他”：自然人4" in problem.message
    note = next(w for w in result.warnings if "其他版本" in w)
    assert "庚局（2019版）" in note and "已按2021版格式转换" in note and "请核实" in note
    assert result.imbalance_causes() == []


def test_2021_units_in_a_2019_sum_add_their_three_rows_into_other_handling():
    units = [unit_from_report("乙.govreport", unit_2021_with_other_handling("乙街道办事处", 20, 2, 1)),
             unit_from_report("庚.govreport", unit_2019_with_other_handling())]
    result = merge_units(units, form_version="2019", year=2024)
    assert _errors(result.report) == []
    assert result.report.get(CellKey("三", OTHER, "自然人")) == 2 + 1 + 4
    text = units[0].problem_text()
    assert "已按2019版格式转换" in text and "自然人2+0+1=3" in text


def test_merge_command_names_the_conversion_and_the_unit_list_shows_it(tmp_path, capsys):
    folder = tmp_path / "报送"
    folder.mkdir()
    for u in mixed_units():
        save_native(folder / u.name, u.report)
    out = tmp_path / "汇总.govreport"
    listing = tmp_path / "单位清单.xlsx"
    rc = main(["merge", str(folder), "-o", str(out), "--agency", "某某区人民政府", "--report-xlsx", str(listing)])
    captured = capsys.readouterr()
    assert rc == 0, captured.out   # README: every unit counted, no error in the sum
    summed = load_file(out).report
    assert _errors(summed) == [] and summed.get(CellKey("三", LEAF3, "自然人")) == 5
    text = captured.out
    assert "【注意】有1个单位使用其他版本格式" in text and "庚局（2019版）" in text
    assert "庚局.govreport" in text and "“3.其他”：自然人4" in text
    assert "校验错误" not in text
    ws = load_workbook(listing)["单位清单"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    header = next(r for r in rows if r[0] == "序号")
    by_file = {r[1]: r for r in rows[rows.index(header) + 1:]}
    old = by_file["庚局.govreport"]
    assert old[header.index("格式版本")] == "2019版（已转换为2021版）"
    assert "“3.其他”：自然人4" in old[header.index("问题及原因")]
    assert by_file["甲镇.govreport"][header.index("格式版本")] == "2021版"
    notes = [r[0] for r in rows[:rows.index(header)] if r[0]]
    assert any("注意：" in str(n) and "庚局（2019版）" in str(n) for n in notes)


def test_an_unbalanced_sum_names_the_unit_that_causes_it(tmp_path, capsys):
    bad = unit("乙街道办事处", 20)
    bad.set(CellKey("三", "（一）予以公开", "自然人"), 3)
    save_native(tmp_path / "甲.govreport", unit("甲镇人民政府", 10))
    save_native(tmp_path / "乙.govreport", bad)
    save_native(tmp_path / "庚.govreport", unit_2019_with_other_handling())
    rc = main(["merge", str(tmp_path), "-o", str(tmp_path / "sum.json")])
    text = capsys.readouterr().out
    assert rc == 1
    assert "原因在以下单位" in text
    cause = next(line for line in text.splitlines() if "本身的报告有校验错误" in line)
    assert "乙街道办事处" in cause and "“自然人”列" in cause
    assert "庚局" not in cause and "甲镇" not in cause


def test_a_conversion_that_unbalances_is_named_as_the_cause(tmp_path, capsys, monkeypatch):
    """Without a declared correspondence (here: removed) the 2019 （六） has no counterpart: the
    cause of the imbalance is the conversion of that unit, and the figures it could not carry."""
    monkeypatch.delitem(VERSION_MAPS, ("2019", "2021"))
    save_native(tmp_path / "甲.govreport", unit("甲镇人民政府", 10))
    save_native(tmp_path / "庚.govreport", unit_2019_with_other_handling(other=4))
    rc = main(["merge", str(tmp_path), "-o", str(tmp_path / "sum.json")])
    text = capsys.readouterr().out
    assert rc == 1
    cause = next(line for line in text.splitlines() if "转换后不平衡" in line)
    assert "庚局" in cause and "本身平衡" in cause and "表三“（六）其他处理”/“自然人”=4" in cause
