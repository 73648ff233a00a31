"""Last year's figure beside this year's (core.year_compare): the same version, and across the
2020 → 2021 change of version, where the declared correspondence decides what is shown."""

from decimal import Decimal

import pytest
from report_builders import balanced, fill_every_cell, t3

from govreport_gui.core import CellKey
from govreport_gui.core.forms import Fidelity, Kind, get_form
from govreport_gui.core.recalc import all_values
from govreport_gui.core.year_compare import (
    Prior,
    comparison_caveat,
    prior_explained,
    prior_figures,
    prior_text,
    year_change,
)

NEW = "一、本年新收政府信息公开申请数量"
RESULTS = "（七）总计"
OTHER_2019 = "（六）其他处理"
OTHER_LEAVES = ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他")


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_same_version_every_cell_is_last_years_own(version):
    last = fill_every_cell(version)
    this = balanced(version, last.meta.year + 1)
    priors = prior_figures(this.form, last)
    expected = all_values(last.form, last.values)
    assert set(priors) == set(this.form.cell_specs())   # every input and total cell
    for key, prior in priors.items():
        assert prior.fidelity is Fidelity.SAME and prior.value == (expected.get(key) or 0), key.name()


def test_blank_last_year_is_zero_and_a_figure_is_never_invented():
    last = balanced("2021", 2023)
    this = balanced("2021", 2024)
    key = CellKey("三", "1.属于国家秘密", "自然人")
    assert last.get(key) is None
    assert prior_figures(this.form, last)[key] == Prior(0, Fidelity.SAME)


def _2020_report():
    last = balanced("2019", 2020)
    t3(last, OTHER_2019, 2, 1, 0, 0, 0, 0)
    t3(last, NEW, 7, 2, 0, 0, 0, 0)   # 一 + 二 = 结果 + 四 again: 2 + 1 more results
    last.set(CellKey("二", "行政处罚", "处理决定数量"), 55)
    last.set(CellKey("二", "规范性文件", "本年新制作数量"), 4)
    return last


def test_2020_to_2021_same_cells_and_the_same_figure_under_another_label():
    last, this = _2020_report(), balanced("2021", 2021)
    priors = prior_figures(this.form, last)
    assert priors[CellKey("三", NEW, "自然人")] == Prior(7, Fidelity.SAME)
    assert priors[CellKey("三", NEW, "总计")] == Prior(9, Fidelity.SAME)
    assert priors[CellKey("三", RESULTS, "总计")].value == 9 and priors[CellKey("三", RESULTS, "总计")].exact
    assert priors[CellKey("四", "行政复议", "总计")] == Prior(2, Fidelity.SAME)
    decisions = priors[CellKey("二", "行政处罚", "本年处理决定数量")]   # 处理决定数量 is the same figure
    assert decisions.value == 55 and decisions.fidelity is Fidelity.SAME and decisions.exact


def test_2020_to_2021_judged_cells_show_the_figure_as_approximate_and_no_change():
    last, this = _2020_report(), balanced("2021", 2021)
    priors = prior_figures(this.form, last)
    other = priors[CellKey("三", "3.其他", "自然人")]
    assert other.value == 2 and other.fidelity is Fidelity.JUDGED and not other.exact
    assert prior_text(other) == "≈2"
    assert year_change(5, other, Kind.COUNT) is None
    row_total = priors[CellKey("三", "3.其他", "总计")]   # a total of judged figures is judged too
    assert row_total.value == 3 and row_total.fidelity is Fidelity.JUDGED
    made = priors[CellKey("二", "行政规范性文件", "本年制发件数")]
    assert made.value == 4 and made.fidelity is Fidelity.JUDGED
    assert "含义相近" in prior_explained(made, None)


def test_2020_to_2021_cells_without_a_counterpart_show_nothing_and_say_why():
    last, this = _2020_report(), balanced("2021", 2021)
    priors = prior_figures(this.form, last)
    for leaf in OTHER_LEAVES[:2]:
        for col in ("自然人", "总计"):
            prior = priors[CellKey("三", leaf, col)]
            assert prior.value is None and prior.fidelity is Fidelity.NONE and prior_text(prior) == ""
    for key in (CellKey("二", "行政规范性文件", "现行有效件数"), CellKey("二", "行政规范性文件", "本年废止件数"),
                CellKey("二", "行政事业性收费", "本年收费金额（单位：万元）")):
        prior = priors[key]
        assert prior.value is None and prior.why, key.name()
        assert prior_explained(prior, None).startswith("上年没有对应的数字：2019版")


def test_2021_report_before_a_2019_one_adds_the_three_rows():
    """The other direction (a report redone in the old format): summed rows are exact."""
    last = balanced("2021", 2021)
    for leaf, n in zip(OTHER_LEAVES, (1, 2, 4)):
        last.set(CellKey("三", leaf, "自然人"), n)
    this = balanced("2019", 2020)
    prior = prior_figures(this.form, last)[CellKey("三", OTHER_2019, "自然人")]
    assert prior == Prior(7, Fidelity.SUMMED, prior.why) and prior.exact
    assert year_change(9, prior, Kind.COUNT).text() == "+2"
    assert prior_figures(this.form, last)[CellKey("二", "行政许可", "上一年项目数量")].value is None


@pytest.mark.parametrize("this, last, text, short", [
    (186, 160, "+26（+16%）", "+26 +16%"),
    (97, 100, "−3（−3%）", "−3 −3%"),
    (107, 100, "+7（+7%）", "+7 +7%"),
    (12, 11, "+1（+9.1%）", "+1 +9.1%"),
    (5, 3, "+2", "+2"),              # a base under 10: no percentage
    (3, 0, "+3", "+3"),              # nothing last year: no percentage
    (40, 40, "持平", "持平"),
    (0, 0, "持平", ""),              # both years 0: nothing to say under the cell
    (None, 4, "−4", "−4"),           # blank this year counts as 0
])
def test_change_texts(this, last, text, short):
    change = year_change(this, Prior(last, Fidelity.SAME), Kind.COUNT)
    assert change.text() == text and change.short() == short


def test_money_change_is_exact_and_signed_changes_get_no_percentage():
    change = year_change(Decimal("215.36"), Prior(Decimal("230.5"), Fidelity.SAME), Kind.MONEY)
    assert change.diff == Decimal("-15.14") and change.text() == "−15.14（−6.6%）"
    assert year_change(-12, Prior(30, Fidelity.SAME), Kind.SIGNED).percent is None
    assert change.short(percent=False) == "−15.14"


def test_tooltip_line_and_caveats():
    prior = Prior(160, Fidelity.SAME)
    assert prior_explained(prior, year_change(186, prior, Kind.COUNT), "2023年") == "2023年：160，本年较2023年+26（+16%）。"
    assert prior_explained(prior, year_change(160, prior, Kind.COUNT)) == "上年：160，与上年持平。"
    this, last = balanced("2021", 2024), balanced("2021", 2022)
    assert "2022年度的，不是2023年度" in comparison_caveat(this, last)
    assert comparison_caveat(balanced("2021", 2024), balanced("2021", 2023)) == ""
    assert "2019版格式" in comparison_caveat(balanced("2021", 2021), balanced("2019", 2020))


def test_every_cell_of_either_version_has_a_declared_fate_against_the_other():
    for this_version, last_version in (("2021", "2019"), ("2019", "2021")):
        form = get_form(this_version)
        priors = prior_figures(form, fill_every_cell(last_version))
        assert set(priors) == set(form.cell_specs())
        for key, prior in priors.items():
            assert (prior.value is None) == (prior.fidelity is Fidelity.NONE), key.name()
            assert prior.fidelity is Fidelity.SAME or prior.why, key.name()
