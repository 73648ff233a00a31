"""The declared correspondence between the 2019 and 2021 versions, and conversion by it: every
figure is kept, moved, summed, placed by judgment or named as dropped; totals stay balanced."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_builders import balanced, fill_every_cell, t3

from govreport_gui.core import CellKey, Report, Severity, check_report
from govreport_gui.core.forms import FORMS, VERSION_MAPS, Fidelity, Kind, get_form, same_cell, version_map
from govreport_gui.core.forms.correspondence import _check
from govreport_gui.core.forms.spec import Move, VersionMap
from govreport_gui.core.recalc import all_values
from govreport_gui.core.report import Metadata, convert_values

NEW = "一、本年新收政府信息公开申请数量"
CARRIED = "二、上年结转政府信息公开申请数量"
TOTAL_ROW = "（七）总计"
FORWARD = "四、结转下年度继续办理"
OTHER = "（六）其他处理"
LEAF1 = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
LEAF2 = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
LEAF3 = "3.其他"
APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
PAIRS = [("2019", "2021"), ("2021", "2019")]


# --- the declaration ------------------------------------------------------------------------


@pytest.mark.parametrize("source,target", PAIRS)
def test_every_input_cell_has_exactly_one_declared_fate(source, target):
    """A cell both versions have is kept; every other input cell of the source is the source of
    exactly one move — nothing is left to chance when a version changes."""
    assert (source, target) in VERSION_MAPS
    src, dst = get_form(source), get_form(target)
    moved = [k for m in version_map(source, target).moves for k in m.sources]
    assert len(moved) == len(set(moved))
    others = {k for k in src.input_keys() if not same_cell(src, dst, k)}
    assert set(moved) == others
    targets = [m.target for m in version_map(source, target).moves if m.target is not None]
    assert len(targets) == len(set(targets))
    assert not any(src.has(t) for t in targets)


def test_what_differs_between_the_versions_is_tables_2_and_the_other_handling_row():
    a, b = get_form("2019"), get_form("2021")
    differing = {(k.table, k.row) for k in (*a.input_keys(), *b.input_keys())
                 if not same_cell(a, b, k)}
    assert {t for t, _ in differing} == {"二", "三"}
    assert {r for t, r in differing if t == "三"} == {OTHER, LEAF1, LEAF2, LEAF3}


def test_other_handling_goes_to_3_other_and_back_as_a_sum():
    to_2021 = {m.sources: m for m in version_map("2019", "2021").moves}
    for col in APPLICANTS:
        move = to_2021[(CellKey("三", OTHER, col),)]
        assert move.target == CellKey("三", LEAF3, col) and move.fidelity is Fidelity.JUDGED
    to_2019 = {m.target: m for m in version_map("2021", "2019").moves}
    for col in APPLICANTS:
        move = to_2019[CellKey("三", OTHER, col)]
        assert move.sources == tuple(CellKey("三", leaf, col) for leaf in (LEAF1, LEAF2, LEAF3))
        assert move.fidelity is Fidelity.SUMMED


def test_decisions_are_the_same_figure_and_stocks_have_no_counterpart():
    moves = {m.sources[0]: m for m in version_map("2019", "2021").moves}
    decisions = moves[CellKey("二", "行政许可", "处理决定数量")]
    assert decisions.target == CellKey("二", "行政许可", "本年处理决定数量") and decisions.fidelity is Fidelity.SAME
    assert moves[CellKey("二", "其他对外管理服务事项", "处理决定数量")].fidelity is Fidelity.NONE
    # Across the versions only the 三 carry-over relation survives
    assert moves[CellKey("二", "规范性文件", "对外公开总数量")].target is None
    back = {m.sources[0]: m for m in version_map("2021", "2019").moves}
    assert back[CellKey("二", "行政规范性文件", "现行有效件数")].target is None
    assert back[CellKey("二", "行政规范性文件", "本年制发件数")].target == CellKey("二", "规范性文件", "本年新制作数量")


def test_a_move_into_a_total_or_across_kinds_is_refused_at_declaration():
    src, dst = get_form("2021"), get_form("2019")
    into_total = VersionMap("2021", "2019", (Move((CellKey("三", LEAF1, "自然人"),), CellKey("三", OTHER, "总计"),
                                                  Fidelity.SAME, "x"),))
    with pytest.raises(ValueError):
        _check(into_total, src, dst)
    money_to_count = VersionMap("2021", "2019", (Move((CellKey("二", "行政事业性收费", "本年收费金额（单位：万元）"),),
                                                      CellKey("二", "行政事业性收费", "上一年项目数量"),
                                                      Fidelity.JUDGED, "x"),))
    with pytest.raises(ValueError):
        _check(money_to_count, src, dst)


def test_same_version_and_undeclared_pairs(monkeypatch):
    assert version_map("2021", "2021").moves == ()
    monkeypatch.delitem(VERSION_MAPS, ("2019", "2021"))
    fallback = version_map("2019", "2021")
    assert all(m.fidelity is Fidelity.NONE for m in fallback.moves)
    assert CellKey("三", OTHER, "自然人") in {k for m in fallback.moves for k in m.sources}


# --- conversion -----------------------------------------------------------------------------


@st.composite
def balanced_report(draw, version: str) -> Report:
    """Any valid report: 三 balanced per column, 二 and 四 any (blank or not)."""
    form = get_form(version)
    table = form.table("三")
    r = Report(version, Metadata(agency="某某市生态环境局", year=form.first_year + 1))
    results = [row for row in table.rows if row not in (NEW, CARRIED, TOTAL_ROW, FORWARD)]
    figure = st.one_of(st.none(), st.just(0), st.integers(0, 30))
    for col in table.cols[:-1]:
        decided = 0
        for row in results:
            v = draw(figure)
            if v is not None:
                r.set(CellKey("三", row, col), v)
                decided += v
        forward = draw(st.integers(0, 20))
        carried = draw(st.integers(0, decided + forward))
        r.set(CellKey("三", CARRIED, col), carried)
        r.set(CellKey("三", FORWARD, col), forward)
        r.set(CellKey("三", NEW, col), decided + forward - carried)
    for spec in (*form.table("二").cells, *form.table("四").cells):
        if spec.computed or not draw(st.booleans()):
            continue
        if spec.kind is Kind.MONEY:
            r.set(spec.key, Decimal(draw(st.integers(0, 10**8))) / 100)
        elif spec.kind is Kind.SIGNED:
            r.set(spec.key, draw(st.integers(-50, 50)))
        else:
            r.set(spec.key, draw(st.integers(0, 500)))
    return r


def _errors(report: Report) -> list[str]:
    return [f.message for f in check_report(report) if f.severity is Severity.ERROR]


def _check_conversion(report: Report, target: str) -> None:
    assert _errors(report) == [], "the generated report is valid"
    new, conversion = report.convert(target)
    assert new.form_version == target
    assert _errors(new) == []
    before, after = all_values(report.form, report.values), all_values(new.form, new.values)
    for col in (*APPLICANTS, "总计"):
        for row in (NEW, CARRIED, TOTAL_ROW, FORWARD):
            assert (after[CellKey("三", row, col)] or 0) == (before[CellKey("三", row, col)] or 0), (row, col)
    for key in get_form(target).table("四").cells:
        assert after.get(key.key) == before.get(key.key)
    # no figure disappears silently: each non-blank input is kept, moved or named as dropped
    src, dst = report.form, new.form
    moved = {k for m in conversion.moved for k, v in m.sources if v is not None}
    dropped = {k for k, _ in conversion.dropped}
    kept = {k for k in report.values if same_cell(src, dst, k)}
    assert kept | moved | dropped == set(report.values)
    assert not (kept & moved or kept & dropped or moved & dropped)


@settings(max_examples=60, deadline=None)
@given(balanced_report("2019"))
def test_2019_to_2021_keeps_every_total_balanced_and_the_grand_totals(report):
    _check_conversion(report, "2021")
    new, _ = report.convert("2021")
    for col in APPLICANTS:
        assert new.get(CellKey("三", LEAF3, col)) == report.get(CellKey("三", OTHER, col))
        assert new.get(CellKey("三", LEAF1, col)) is None and new.get(CellKey("三", LEAF2, col)) is None


@settings(max_examples=60, deadline=None)
@given(balanced_report("2021"))
def test_2021_to_2019_keeps_every_total_balanced_and_the_grand_totals(report):
    _check_conversion(report, "2019")
    new, _ = report.convert("2019")
    for col in APPLICANTS:
        parts = [report.get(CellKey("三", leaf, col)) for leaf in (LEAF1, LEAF2, LEAF3)]
        expected = None if all(p is None for p in parts) else sum(p or 0 for p in parts)
        assert new.get(CellKey("三", OTHER, col)) == expected


@settings(max_examples=40, deadline=None)
@given(balanced_report("2021"))
def test_round_trip_2021_2019_2021_loses_only_what_is_declared(report):
    """What a round trip through the 2019 version loses: the split of （六） (all of it lands in
    3.其他) and the 2021 cells of 二 without a 2019 counterpart (本年废止件数, 现行有效件数,
    本年收费金额).  Everything else comes back as it was; every total of 三 and 四 is unchanged."""
    via, _ = report.convert("2019")
    back, _ = via.convert("2021")
    lost_in_2 = {CellKey("二", row, col) for row in ("规章", "行政规范性文件") for col in ("本年废止件数", "现行有效件数")}
    lost_in_2.add(CellKey("二", "行政事业性收费", "本年收费金额（单位：万元）"))
    split = {CellKey("三", leaf, col) for leaf in (LEAF1, LEAF2, LEAF3) for col in APPLICANTS}
    for key in get_form("2021").input_keys():
        if key in lost_in_2:
            assert back.get(key) is None
        elif key not in split:
            assert back.get(key) == report.get(key), key
    for col in APPLICANTS:
        parts = [report.get(CellKey("三", leaf, col)) for leaf in (LEAF1, LEAF2, LEAF3)]
        if any(p is not None for p in parts):
            assert back.get(CellKey("三", LEAF3, col)) == sum(p or 0 for p in parts)
        assert back.get(CellKey("三", LEAF1, col)) is None and back.get(CellKey("三", LEAF2, col)) is None
    before, after = all_values(report.form, report.values), all_values(back.form, back.values)
    for key, v in before.items():
        if key.table in "三四" and key.row not in (LEAF1, LEAF2, LEAF3):
            assert (after.get(key) or 0) == (v or 0), key


def test_round_trip_2019_2021_2019_keeps_table_3_exactly():
    report = fill_every_cell("2019")
    back, _ = report.convert("2021")[0].convert("2019")
    for key in get_form("2019").input_keys():
        if key.table in "三四":
            assert back.get(key) == report.get(key)
    # 二: what has a counterpart comes back, the rest is gone
    assert back.get(CellKey("二", "行政许可", "处理决定数量")) == report.get(CellKey("二", "行政许可", "处理决定数量"))
    assert back.get(CellKey("二", "规范性文件", "本年新制作数量")) == report.get(CellKey("二", "规范性文件", "本年新制作数量"))
    assert back.get(CellKey("二", "政府集中采购", "采购总金额")) is None


def test_the_judgment_is_a_note_naming_the_cells():
    r = balanced("2019", 2020)
    t3(r, NEW, 8, 2, 0, 0, 0, 0)
    t3(r, OTHER, 3, 1, 0, 0, 0, 0)
    assert _errors(r) == []
    new, conversion = r.convert("2021")
    assert new.get(CellKey("三", LEAF3, "自然人")) == 3 and new.get(CellKey("三", LEAF3, "商业企业")) == 1
    assert conversion.needs_review and [m.value for m in conversion.judged] == [3, 1]
    notes = conversion.notes()
    first = notes[0]   # the judgment comes first
    assert "（六）其他处理" in first and "“3.其他”" in first and "自然人3、商业企业1" in first
    assert "第1、2行" in first   # what the clerk should do
    # the figures without a counterpart are named with their values
    assert any("“政府集中采购”/“采购总金额”=2009.54" in n for n in notes)
    # the renamed decisions are named too
    assert any("“处理决定数量”40→“本年处理决定数量”" in n for n in notes)
    # Conversion.dropped: only the figures without a counterpart
    dropped = conversion.dropped
    assert dict(dropped)[CellKey("二", "政府集中采购", "采购总金额")] == Decimal("2009.54")
    assert CellKey("三", OTHER, "自然人") not in dict(dropped)
    assert CellKey("二", "行政许可", "处理决定数量") not in dict(dropped)


def test_the_sum_is_a_note_and_zeros_are_not_mentioned():
    r = balanced("2021", 2024)
    t3(r, NEW, 9, 1, 0, 0, 0, 0)
    t3(r, LEAF1, 2, 0, 0, 0, 0, 0)
    t3(r, LEAF2, 1, 0, 0, 0, 0, 0)
    t3(r, LEAF3, 1, 0, 0, 0, 0, 0)
    new, conversion = r.convert("2019")
    assert new.get(CellKey("三", OTHER, "自然人")) == 4 and new.get(CellKey("三", OTHER, "商业企业")) == 0
    summed = next(n for n in conversion.notes() if "三行" in n)
    assert "自然人2+1+1=4" in summed and "商业企业" not in summed
    # summing loses no figure: the only judgment is 本年制发件数 → 本年新制作数量 (2 here) …
    assert [m.move.target for m in conversion.judged] == [CellKey("二", "规范性文件", "本年新制作数量")]
    r.set(CellKey("二", "行政规范性文件", "本年制发件数"), 0)
    assert not r.convert("2019")[1].judged   # … and a 0 needs no check


def test_a_2019_report_with_only_zero_other_handling_has_no_judgment_note():
    r = balanced("2019", 2020)
    t3(r, OTHER, 0, 0, 0, 0, 0, 0)
    r.set(CellKey("二", "规范性文件", "本年新制作数量"), 0)
    _, conversion = r.convert("2021")
    assert not conversion.judged
    assert not any("其他处理" in n for n in conversion.notes())


def test_convert_values_to_the_same_version_keeps_everything():
    r = fill_every_cell("2021")
    conversion = convert_values(r.values, r.form, r.form)
    assert conversion.values == r.values and not conversion.moved and not conversion.dropped
    assert conversion.notes() == []
    assert set(FORMS) == {"2019", "2021"}


def test_a_forgotten_cell_is_refused_at_declaration_and_named_if_it_ever_slips_through(monkeypatch):
    full = VERSION_MAPS[("2019", "2021")]
    gap = VersionMap("2019", "2021", tuple(m for m in full.moves if not any(k.table == "三" for k in m.sources)))
    with pytest.raises(ValueError, match="nothing declared"):
        _check(gap, get_form("2019"), get_form("2021"))
    # had such a declaration been accepted, the figure is still named, not lost without a word
    monkeypatch.setitem(VERSION_MAPS, ("2019", "2021"), gap)
    r = balanced("2019", 2020)
    t3(r, NEW, 8, 2, 0, 0, 0, 0)
    t3(r, OTHER, 4, 0, 0, 0, 0, 0)
    _, conversion = r.convert("2021")
    assert (CellKey("三", OTHER, "自然人"), 4) in conversion.lost
    assert any("“（六）其他处理”/“自然人”=4" in n for n in conversion.notes())


@pytest.mark.parametrize("source,target", PAIRS)
def test_a_printed_total_that_disagrees_is_still_an_error_after_conversion(source, target):
    r = balanced(source, 2024 if source == "2021" else 2020)
    key = CellKey("三", TOTAL_ROW, "自然人")
    computed = all_values(r.form, r.values)[key]
    r.printed[key] = computed + 99
    r.printed[CellKey("三", NEW, "总计")] = all_values(r.form, r.values)[CellKey("三", NEW, "总计")]  # agrees
    assert [f.rule for f in check_report(r) if f.severity is Severity.ERROR and f.cells[0] == key]
    new, _ = r.convert(target)
    assert new.printed == {key: computed + 99}
    assert [f for f in check_report(new) if f.severity is Severity.ERROR and f.cells and f.cells[0] == key]
