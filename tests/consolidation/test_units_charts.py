"""The data of the 汇总's charts (core.year_charts): the units counted, sorted, stacked by result
group, and their total against last year's over the units whose last year's report is known."""

from consolidation_units import unit

from govreport_gui.core import CellKey
from govreport_gui.core.recalc import all_values
from govreport_gui.core.year_charts import UnitFigures, sort_units, units_chart, units_total_chart

NEW = "一、本年新收政府信息公开申请数量"


def _figure(report, row):
    return all_values(report.form, report.values).get(CellKey("三", row, "总计")) or 0


def _units():
    reports = [unit("甲镇", 12), unit("乙街道", 3), unit("丙局", 30)]
    return [UnitFigures(r.meta.agency, f"{r.meta.agency}（文件）", r.values) for r in reports], reports


def test_units_chart_sorted_by_figure_name_or_list():
    units, reports = _units()
    form = reports[0].form
    by_value = units_chart(form, units, "received", "value")
    assert by_value.categories == ("丙局", "甲镇", "乙街道")
    assert by_value.series[0].values == (31, 13, 4)   # 自然人 + 1 商业企业
    assert units_chart(form, units, "received", "list").categories == ("甲镇", "乙街道", "丙局")
    assert units_chart(form, units, "received", "name").categories == tuple(sorted(("甲镇", "乙街道", "丙局")))
    assert by_value.details[0] == "丙局（文件）"


def test_units_results_are_stacked_by_group_and_sum_to_the_results_total():
    units, reports = _units()
    chart = units_chart(reports[0].form, units, "results", "list")
    assert chart.stacked and len(chart.series) == 6
    for i, report in enumerate(reports):
        assert chart.category_total(i) == _figure(report, "（七）总计")
    assert chart.largest() == max(_figure(r, "（七）总计") for r in reports)
    again = sort_units(chart, "value")
    assert [again.category_total(i) for i in range(3)] == sorted((chart.category_total(i) for i in range(3)),
                                                                 reverse=True)


def test_units_total_against_last_year_only_over_units_whose_last_year_is_known():
    units, reports = _units()
    assert units_total_chart(reports[0].form, units, 2024) is None
    last_a = unit("甲镇", 10, year=2023)
    last_b = unit("乙街道", 5, year=2020, version="2019")   # another version: compared by group
    known = [UnitFigures(u.name, u.detail, u.values, p) for u, p in zip(units, (last_a, last_b, None))]
    chart = units_total_chart(reports[0].form, known, 2024)
    assert chart.categories[0] == "本年新收申请" and chart.series[0].name == "2024年" and chart.series[1].name == "2023年"
    assert chart.series[0].values[0] == 13 + 4 and chart.series[1].values[0] == 11 + 6
    assert "3个单位中有上年报告的2个单位" in chart.note
