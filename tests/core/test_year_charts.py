"""The 同比 charts' data (core.year_charts): every bar is a figure of the tables, this year's and
last year's, in both versions and across the change of version; the units of a consolidation."""

from report_builders import balanced, fill_every_cell, t3, t4

from govreport_gui.core import CellKey
from govreport_gui.core.recalc import all_values
from govreport_gui.core.year_charts import (
    has_charts,
    short_label,
    table_charts,
)

NEW = "一、本年新收政府信息公开申请数量"
APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")


def _figure(report, row, col="总计", table="三"):
    return all_values(report.form, report.values).get(CellKey(table, row, col)) or 0


def test_only_tables_three_and_four_have_charts():
    form = balanced().form
    assert [t for t in form.tables if has_charts(form, t)] == ["三", "四"]
    assert table_charts(balanced(), None, "二") == ()


def test_results_by_group_are_the_sums_of_their_rows_this_year_and_last():
    this, last = fill_every_cell("2021"), balanced("2021", 2021)
    outcomes, applicants = table_charts(this, last, "三")
    assert outcomes.categories == ("（一）予以公开", "（二）部分公开", "（三）不予公开", "（四）无法提供", "（五）不予处理",
                                   "（六）其他处理")
    assert [s.name for s in outcomes.series] == [f"{this.meta.year}年", "2021年"]
    t3_spec = this.form.table("三")
    for i, group in enumerate(t3_spec.outcomes()):
        assert outcomes.value(i, 0) == sum(_figure(this, row) for row in group.rows)
        assert outcomes.value(i, 1) == sum(_figure(last, row) for row in group.rows)
    assert outcomes.value(0, 1) == 4 and outcomes.value(3, 1) == 2   # 予以公开 3+1, 无法提供 2
    assert applicants.categories == APPLICANTS
    assert list(applicants.series[0].values) == [_figure(this, NEW, c) for c in APPLICANTS]
    assert list(applicants.series[1].values) == [5, 1, 0, 0, 0, 0]
    assert "2021年6件" in outcomes.note


def test_across_the_change_of_version_the_other_handling_group_compares_whole():
    last = balanced("2019", 2020)
    t3(last, "（六）其他处理", 2, 1, 0, 0, 0, 0)
    this = balanced("2021", 2021)
    this.set(CellKey("三", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "自然人"), 1)
    outcomes, _ = table_charts(this, last, "三")
    i = outcomes.categories.index("（六）其他处理")
    assert outcomes.value(i, 0) == 1 and outcomes.value(i, 1) == 3


def test_table_four_by_case_kind_and_by_result():
    this, last = balanced("2021", 2024), balanced("2021", 2023)
    t4(this, "复议后起诉", 0, 2, 1, 0)
    kinds, results = table_charts(this, last, "四")
    assert kinds.categories == ("行政复议", "行政诉讼：未经复议直接起诉", "行政诉讼：复议后起诉")
    assert kinds.series[0].values == (2, 0, 3) and kinds.series[1].values == (2, 0, 0)
    assert results.categories == ("结果维持", "结果纠正", "其他结果", "尚未审结")
    assert results.series[0].values == (1, 2, 1, 1)


def test_without_last_year_one_series():
    outcomes, applicants = table_charts(balanced(), None, "三")
    assert len(outcomes.series) == len(applicants.series) == 1


def test_short_labels():
    assert short_label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == "（二）部分公开"
    assert short_label("本年收费金额（单位：万元）") == "本年收费金额"
    assert short_label(NEW) == NEW
