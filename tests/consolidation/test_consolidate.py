"""Consolidation: sums, drill-down and every kind of unit problem, on unit files built in code."""

from decimal import Decimal
from pathlib import Path

import pytest
from consolidation_units import CARRIED, FEES, IN_FORCE, LICENCES, NEW, OPEN, unit

from govreport_gui.core import CellKey
from govreport_gui.core.checks import check_report
from govreport_gui.core.consolidate import (
    DUPLICATE,
    OTHER_VERSION,
    OTHER_YEAR,
    SAME_CONTENT,
    UNREADABLE,
    assess_units,
    consolidate,
    default_year,
    merge_units,
    unit_from_report,
)
from govreport_gui.core.findings import Severity
from govreport_gui.core.serialize import save_json, save_native
from govreport_gui.io.consolidation_io import collect_files, read_units

TOTAL = "总计"


def write_set(folder: Path) -> dict[str, Path]:
    """Three good units (native, JSON, one in a sub-folder), a broken file, a duplicate of the
    first (same agency and year), a copy of the second under another name (same figures), one of
    the wrong year, and one in the 2019 version."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "乡镇").mkdir(exist_ok=True)
    files = {
        "a": folder / "甲镇.govreport",
        "b": folder / "乙街道.json",
        "c": folder / "乡镇" / "丙乡.govreport",
        "broken": folder / "丁局.xlsx",
        "dup": folder / "甲镇（修改稿）.govreport",
        "same": folder / "戊局.json",
        "old": folder / "己局.govreport",
        "v2019": folder / "庚局.json",
    }
    save_native(files["a"], unit("甲镇人民政府", 10, fees="1.5", in_force=10))
    save_json(files["b"], unit("乙街道办事处", 20, fees="2.25", in_force=5, review=2))
    save_native(files["c"], unit("丙乡人民政府", 30, fees="0", in_force=7))
    files["broken"].write_bytes(b"PK\x03\x04 this is not really a workbook")
    save_native(files["dup"], unit("甲镇人民政府", 99))
    same = unit("戊局", 20, fees="2.25", in_force=5, review=2)
    save_json(files["same"], same)
    save_native(files["old"], unit("己局", 40, year=2023))
    v19 = unit("庚局", 5, version="2019", year=2024)
    save_json(files["v2019"], v19)
    (folder / "说明.txt").write_text("各单位报送的年报", encoding="utf-8")
    (folder / "~$甲镇.xlsx").write_bytes(b"lock")
    return files


@pytest.fixture
def unit_set(tmp_path):
    files = write_set(tmp_path / "报送")
    found = collect_files([tmp_path / "报送"])
    units = read_units(found.files).units
    return files, found, units


def by_name(units, path: Path):
    return next(u for u in units if Path(u.path) == path)


def test_folder_walk_finds_every_unit_file_and_names_what_it_skips(unit_set):
    files, found, units = unit_set
    assert sorted(found.files) == sorted(files.values())
    assert any("说明.txt" in s for s in found.skipped)
    assert not any("~$" in str(f) for f in found.files)
    assert len(units) == len(files)


def test_sums_of_the_included_units(unit_set):
    files, _, units = unit_set
    result = merge_units(units, agency="某某区人民政府")
    assert result.report.meta.year == 2024 and result.report.form_version == "2021"
    included = {Path(u.path) for u in result.included}
    assert included == {files["a"], files["b"], files["c"], files["v2019"]}
    r = result.report
    # 自然人 of 一: 10 + 20 + 30 + 5 (the 2019 unit converts: 表三 exists in both versions)
    assert r.get(CellKey("三", NEW, "自然人")) == 65
    assert r.get(CellKey("三", CARRIED, "自然人")) == 4
    assert r.get(FEES) == Decimal("3.75") and isinstance(r.get(FEES), Decimal)
    # the 2019 unit's 行政许可 “处理决定数量” is the same figure as 2021's “本年处理决定数量”
    assert r.get(LICENCES) == 100 * 4
    assert r.get(CellKey("四", "行政复议", "结果维持")) == 1 + 2 + 1 + 1
    assert isinstance(r.get(CellKey("三", NEW, "自然人")), int)
    # the sum of balanced units balances
    assert [f for f in check_report(r) if f.severity is Severity.ERROR] == []


def test_consolidation_sentence_in_the_preamble(unit_set):
    _, _, units = unit_set
    result = merge_units(units, agency="某某区人民政府")
    assert "4个单位" in result.report.meta.preamble
    assert "汇总" in result.report.meta.preamble
    assert result.report.meta.agency == "某某区人民政府"


def test_drill_down_names_each_unit_and_its_figure(unit_set):
    files, _, units = unit_set
    result = merge_units(units)
    parts = {Path(c.unit.path): c.value for c in result.breakdown(CellKey("三", NEW, "自然人"))}
    assert parts == {files["a"]: 10, files["b"]: 20, files["c"]: 30, files["v2019"]: 5}
    # totals drill down too: each unit's recomputed 总计
    parts = {Path(c.unit.path): c.value for c in result.breakdown(CellKey("三", NEW, TOTAL))}
    assert parts == {files["a"]: 11, files["b"]: 21, files["c"]: 31, files["v2019"]: 6}
    assert sum(parts.values()) == 69
    text = result.breakdown_text(FEES)
    assert "甲镇人民政府：1.5" in text and "乙街道办事处：2.25" in text and "其余2个单位为0或空白" in text


def test_every_problem_is_named_with_its_reason(unit_set):
    files, _, units = unit_set
    result = merge_units(units)
    codes = {Path(u.path): {p.code for p in u.problems} for u in result.units}
    assert UNREADABLE in codes[files["broken"]]
    assert DUPLICATE in codes[files["dup"]]
    assert SAME_CONTENT in codes[files["same"]]
    assert OTHER_YEAR in codes[files["old"]]
    assert OTHER_VERSION in codes[files["v2019"]]
    assert codes[files["a"]] == set() and codes[files["b"]] == set()
    dup = by_name(units, files["dup"])
    assert "甲镇人民政府" in dup.problem_text() and "同一单位同一年度" in dup.problem_text()
    assert "2023年度" in by_name(units, files["old"]).problem_text()
    same = by_name(units, files["same"])
    assert "乙街道办事处" in same.problem_text() and "完全相同" in same.problem_text()
    broken = by_name(units, files["broken"])
    assert not broken.readable and "丁局.xlsx" in broken.problem_text()
    # nothing silently dropped: every unit is listed, counted or not
    lines = "\n".join(result.unit_lines())
    for path in files.values():
        assert path.name in lines
    assert len(result.included) + len(result.excluded) == len(files)


def test_other_version_says_what_was_dropped(unit_set):
    files, _, units = unit_set
    result = merge_units(units)
    v19 = by_name(units, files["v2019"])
    dropped = dict(v19.dropped)
    assert dropped[CellKey("二", "其他对外管理服务事项", "处理决定数量")] == 7
    assert dropped[CellKey("二", "政府集中采购", "采购总金额")] == Decimal("12.5")
    # figures with a counterpart are moved, not dropped
    assert CellKey("二", "行政许可", "处理决定数量") not in dropped
    assert v19.converted[LICENCES] == 100
    text = v19.problem_text()
    assert "2019版" in text and "其他对外管理服务事项" in text and "=7" in text
    assert "“处理决定数量”100→“本年处理决定数量”" in text
    assert any("其他版本" in w and "庚局（2019版）" in w for w in result.warnings)


def test_stock_cells_are_summed_with_a_warning(unit_set):
    _, _, units = unit_set
    result = merge_units(units)
    assert result.report.get(IN_FORCE) == 10 + 5 + 7
    assert any("现行有效件数" in w and "重复" in w for w in result.warnings)


def test_clerk_choice_overrides_the_default(unit_set):
    files, _, units = unit_set
    by_name(units, files["old"]).choice = True      # count the 2023 file anyway
    by_name(units, files["a"]).choice = False       # leave out 甲镇's first file …
    result = merge_units(units)
    included = {Path(u.path) for u in result.included}
    # … so its revised file is no longer a duplicate and is counted instead
    assert files["dup"] in included and files["a"] not in included and files["old"] in included
    assert "已选择不计入" in by_name(units, files["a"]).problem_text()
    assert result.report.get(CellKey("三", NEW, "自然人")) == 99 + 20 + 30 + 5 + 40


def test_year_and_version_default_from_the_units():
    units = [unit_from_report(f"{i}.json", unit(f"单位{i}", 3 + i, year=y, version=v))
             for i, (y, v) in enumerate([(2020, "2019"), (2020, "2019"), (2021, "2021")])]
    assert default_year(units) == 2020
    result = merge_units(units)
    assert result.report.form_version == "2019" and result.report.meta.year == 2020
    assert len(result.included) == 2


def test_explicit_version_converts_and_year_filters():
    units = [unit_from_report("a.json", unit("甲", 3, version="2019", year=2021)),
             unit_from_report("b.json", unit("乙", 4, version="2021", year=2021))]
    assess_units(units, 2021, "2021")
    result = consolidate(units, "2021", 2021, "丙县人民政府")
    assert result.report.get(CellKey("三", NEW, "自然人")) == 7
    assert len(result.included) == 2


def test_unbalanced_unit_is_counted_and_traced_by_drill_down():
    good = unit("甲", 10)
    bad = unit("乙", 10)
    bad.set(CellKey("三", OPEN, "自然人"), 3)  # 10+1 received, 3+1 decided, 0 carried out
    units = [unit_from_report("甲.json", good), unit_from_report("乙.json", bad)]
    result = merge_units(units)
    assert len(result.included) == 2
    assert any(p.code == "has_errors" for p in units[1].problems)
    errors = [f for f in check_report(result.report) if f.severity is Severity.ERROR]
    assert errors, "the imbalance of 乙 shows in the sum"
    assert [u.name for u in result.with_errors] == ["乙.json"]
    parts = {c.unit.name: c.value for c in result.breakdown(CellKey("三", OPEN, "自然人"))}
    assert parts == {"甲.json": 10, "乙.json": 3}


def test_empty_units_are_not_duplicates_of_each_other():
    from govreport_gui.core import Report
    from govreport_gui.core.report import Metadata
    units = [unit_from_report(f"{n}.json", Report("2021", Metadata(agency=n, year=2024))) for n in "甲乙"]
    result = merge_units(units)
    assert len(result.included) == 2
    assert all("没有任何数字" in u.problem_text() for u in units)


def test_cancel_stops_reading(tmp_path):
    """Cancelled after the first units came in (they come in batches, read in worker processes):
    reading stops, and what was read is returned, in the order of the files."""
    from worker_readers import troublesome
    for i in range(40):   # each takes a little time to read
        save_native(tmp_path / f"slow{i:02}.govreport", unit(f"单位{i:02}", 5 + i))
    files = collect_files([tmp_path]).files
    seen = []
    result = read_units(files, progress=lambda d, t, n: seen.append(d), cancelled=lambda: len(seen) >= 1,
                        read=troublesome)
    assert result.cancelled and 1 <= len(result.units) < len(files)
    order = [files.index(Path(u.path)) for u in result.units]
    assert order == sorted(order) and all(u.readable for u in result.units)


def test_folders_take_every_readable_kind_but_not_a_saved_pages_asset_folder(tmp_path):
    from govreport_gui.io.consolidation_io import collect_files
    for name in ("a.pdf", "b.html", "c.mht", "d.xlsx", "e.doc", "f.txt"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "b_files").mkdir()
    (tmp_path / "b_files" / "frame.htm").write_bytes(b"<html></html>")
    found = collect_files([tmp_path])
    assert sorted(p.name for p in found.files) == ["a.pdf", "b.html", "c.mht", "d.xlsx", "e.doc"]
    assert any("f.txt" in s for s in found.skipped)
