"""图表 of the 汇总 dialog: one bar per counted unit, sortable, the unit under the mouse named; the
total against last year's when the units' files carry last year's report; a PNG for a slide."""

import os
from pathlib import Path

from consolidation_units import unit
from PySide6.QtGui import QImage

from govreport_gui.core.consolidate import unit_from_report
from govreport_gui.qt.consolidate_charts import NO_PREVIOUS
from govreport_gui.qt.consolidate_dialog import ConsolidateDialog

SHOTS = Path(os.environ.get("GOVREPORT_SHOTS", "/tmp"))


def _dialog(qtbot, fake, units):
    d = ConsolidateDialog(fake, agency="某某区人民政府")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.units = units
    d.model.set_units(units)
    d.recompute()
    return d


def _units(previous: bool = False):
    reports = [unit("甲镇人民政府", 12), unit("乙街道办事处", 3), unit("丙区教育局", 30), unit("丁区民政局", 7)]
    lasts = [unit(r.meta.agency, n, year=2023) for r, n in zip(reports, (20, 2, 30, 9))] if previous else [None] * 4
    return [unit_from_report(f"{r.meta.agency}.govreport", r, previous=p) for r, p in zip(reports, lasts)]


def test_units_side_by_side_sorted_and_named_under_the_mouse(qtbot, fake):
    d = _dialog(qtbot, fake, _units())
    assert d.charts is None, "built when first asked for"
    d.charts_button.click()
    window = d.charts
    qtbot.waitExposed(window)
    view = window.units_view
    assert view.chart.categories == ("丙区教育局", "甲镇人民政府", "丁区民政局", "乙街道办事处")
    assert view.chart.series[0].values == (31, 13, 8, 4)
    window.order.setCurrentIndex(window.order.findData("list"))
    assert view.chart.categories == ("甲镇人民政府", "乙街道办事处", "丙区教育局", "丁区民政局")
    window.measure.setCurrentIndex(window.measure.findData("results"))
    assert view.chart.stacked and view.chart.category_total(2) == 32   # （七）总计 of 丙区教育局: 30+1+1

    def pointing_at_the_second_unit() -> bool:   # (moved again while the window may still be laid out)
        bar = next(b for b in view.bars() if b.category == 1 and b.value)
        qtbot.mouseMove(view, bar.rect.center().toPoint())
        return view.hovered_category == 1
    qtbot.waitUntil(pointing_at_the_second_unit)
    assert window.pointed.text().startswith("乙街道办事处（乙街道办事处.govreport）")
    assert not window.total_view.isVisible() and window.total_note.text() == NO_PREVIOUS
    window.grab().save(str(SHOTS / "yoy_units.png"))


def test_leaving_a_unit_out_follows_in_the_chart(qtbot, fake):
    d = _dialog(qtbot, fake, _units())
    d.show_charts()
    d.set_included(2, False)
    assert "丙区教育局" not in d.charts.units_view.chart.categories


def test_total_against_last_year_and_the_png(qtbot, fake, tmp_path):
    d = _dialog(qtbot, fake, _units(previous=True))
    d.show_charts()
    total = d.charts.total_view
    assert total.isVisible()
    assert total.chart.series[0].name == "2024年" and total.chart.series[1].name == "2023年"
    assert total.chart.series[0].values[0] == 13 + 4 + 31 + 8 and total.chart.series[1].values[0] == 21 + 3 + 31 + 10
    d.charts.grab().save(str(SHOTS / "yoy_units_total.png"))
    fake.answers["save_file"].append(str(tmp_path / "汇总.png"))
    assert d.charts.export_png()
    image = QImage(str(tmp_path / "汇总.png"))
    assert not image.isNull() and image.width() == 2560 and image.height() == 2400
