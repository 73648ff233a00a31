"""The 同比图 under tables 三 and 四: built when first shown, its bars the figures of the tables
(read from the chart's data and measured on the rendered picture), following edits, exported to
PNG, remembered; and the editor's start does not import it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage
from qt_helpers import SAMPLE, key3, type_into

from govreport_gui.core.year_charts import table_charts
from govreport_gui.qt.bar_chart import YEAR_COLOURS, render_charts

SHOTS = Path(os.environ.get("GOVREPORT_SHOTS", "/tmp"))


def _charts_shown(qtbot, make_window, loaded, table_id="三"):
    window = make_window(loaded.report, loaded.previous)
    qtbot.waitUntil(lambda: all(p.built for p in window.pages))
    page = window.page_for_table(table_id)
    window.tabs.setCurrentWidget(page)
    toggle = next(t for t in window.year_view().charts if t.table_id == table_id)
    assert toggle.panel is None, "no chart is built before it is asked for"
    toggle.button.click()
    qtbot.waitUntil(lambda: toggle.panel is not None and toggle.panel.isVisible())
    return window, toggle.panel


def _measured_heights(image: QImage, bars, colour: QColor, scale: float = 2.0) -> list[int]:
    """Each bar's height on the picture: the run of ``colour`` up its centre column from its foot."""
    out = []
    for bar in bars:
        x, y = int(bar.rect.center().x() * scale), int(bar.rect.bottom() * scale) - 2
        n = 0
        while y - n > 0 and _close(image.pixelColor(x, y - n), colour):
            n += 1
        out.append(n)
    return out


def _close(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 40


def test_bars_are_the_figures_of_the_table(qtbot, make_window, sample_loaded):
    window, panel = _charts_shown(qtbot, make_window, sample_loaded)
    report, previous = sample_loaded.report, sample_loaded.previous
    assert panel.charts == list(table_charts(report, previous, "三"))
    outcomes = panel.views[0]
    assert outcomes.chart.series[0].values == (86, 22, 20, 60, 22, 8)   # this year, by result group
    assert outcomes.chart.series[1].values == (81, 17, 13, 48, 14, 6)   # 2023
    bars = outcomes.bars()
    for bar in bars:   # one scale: every bar's height is its figure times the same factor
        assert abs(bar.rect.height() - bars[0].rect.height() * bar.value / bars[0].value) < 0.5
    image = render_charts([outcomes])
    image.save(str(SHOTS / "yoy_outcomes.png"))
    this_year = [b for b in outcomes.bars(_export_rect(), picture=True) if b.series == 0]
    heights = _measured_heights(image, this_year, QColor(YEAR_COLOURS[0]))
    figures = [b.value for b in this_year]
    assert sorted(range(6), key=heights.__getitem__) == sorted(range(6), key=figures.__getitem__)
    assert heights[0] > 4 * heights[-1] > 0    # 86 against 8
    window.grab().save(str(SHOTS / "yoy_panel_three.png"))


def _export_rect():
    from PySide6.QtCore import QRectF

    from govreport_gui.qt.bar_chart import EXPORT_SIZE
    return QRectF(0, 0, EXPORT_SIZE.width(), EXPORT_SIZE.height())


def test_the_chart_follows_an_edit_and_names_the_bar_under_the_mouse(qtbot, make_window, sample_loaded):
    window, panel = _charts_shown(qtbot, make_window, sample_loaded)
    grid = window.page_for_table("三").grid
    type_into(qtbot, grid, key3("2021", "（一）", "自然人"), "90")   # 予以公开 86 → 104
    qtbot.waitUntil(lambda: panel.views[0].chart.value(0, 0) == 104)
    view = panel.views[0]
    bar = view.bars()[0]
    qtbot.mouseMove(view, bar.rect.center().toPoint())
    qtbot.waitUntil(lambda: view.hovered_category == 0)
    assert view.describe(0) == "（一）予以公开\n2024年：104件\n2023年：81件"
    assert view.category_at(QPointF(1, 1)) == -1


def test_table_four_and_the_png_for_a_slide(qtbot, make_window, sample_loaded, fake_dialogs, tmp_path):
    window, panel = _charts_shown(qtbot, make_window, sample_loaded, "四")
    kinds, results = panel.charts
    assert kinds.series[0].values == (5, 3, 2) and kinds.series[1].values == (2, 1, 0)
    target = tmp_path / "同比图"
    fake_dialogs.answers["save_file"].append(str(target))
    assert panel.export_png()
    image = QImage(str(target) + ".png")
    assert not image.isNull() and (image.width(), image.height()) == (2560, 1440)
    blue = sum(1 for x in range(0, 2560, 8) for y in range(0, 1440, 8)
               if _close(image.pixelColor(x, y), QColor(YEAR_COLOURS[0])))
    assert blue > 100, "the bars are on the picture"
    assert fake_dialogs.filters[-1][1].startswith("PNG")


def test_shown_charts_are_remembered_for_both_tables(qtbot, make_window, sample_loaded):
    window, _panel = _charts_shown(qtbot, make_window, sample_loaded)
    four = next(t for t in window.year_view().charts if t.table_id == "四")
    assert four.button.isChecked() and four.panel is None   # shown too, built when its page is
    window.close()
    again = make_window(sample_loaded.report, sample_loaded.previous)
    qtbot.waitUntil(lambda: all(p.built for p in again.pages))
    assert all(t.button.isChecked() for t in again.year_view().charts)


def test_without_last_year_the_chart_shows_this_year_and_says_why(qtbot, make_window, sample_loaded):
    from govreport_gui.core.serialize import Loaded
    _window, panel = _charts_shown(qtbot, make_window, Loaded(sample_loaded.report, None))
    assert all(len(c.series) == 1 for c in panel.charts)
    assert panel.caption.text().startswith("尚未载入上年报告")


STARTUP = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from govreport_gui.qt.app import create_window, ensure_app
app = ensure_app()
window = create_window([sys.argv[1]], offer_recovery=False)
window.show()
while not all(p.built for p in window.pages):
    app.processEvents()
for page in window.pages:
    window.tabs.setCurrentWidget(page); app.processEvents()
names = ("govreport_gui.qt.bar_chart", "govreport_gui.qt.year_panel", "govreport_gui.qt.previous_figures",
         "govreport_gui.qt.consolidate_charts")
print(" ".join(n for n in names if n in sys.modules))
"""


def test_the_editor_imports_no_chart_until_one_is_shown(tmp_path):
    env = dict(os.environ, GOVREPORT_DATA_DIR=str(tmp_path), PYTHONPATH=os.pathsep.join(
        [str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, "-c", STARTUP, str(SAMPLE)], capture_output=True, text=True, env=env,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"imported with every page shown and nothing asked for: {out.stdout}"


def test_chinese_renders_in_the_chart_font(qtbot):
    from PySide6.QtGui import QFontDatabase

    from govreport_gui.qt.bar_chart import BarChartView
    view = BarChartView()
    qtbot.addWidget(view)
    families = [view.font().family(), *view.font().families()]
    assert any(QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(f) for f in families)


def test_a_narrow_window_wraps_the_titles_rather_than_cutting_them(qtbot, make_window, sample_loaded):
    """At 910×512 with 上年数 and 同比图 shown two charts share less than 600 px: a title longer than
    its chart (“按结果（行政复议、行政诉讼合计）（单位：件）”, “一、本年新收…（按申请人）”) goes on a second
    line — whole, every line inside the chart and painted — instead of losing its end at the edge."""
    from PySide6.QtGui import QFontMetricsF

    from govreport_gui.qt.bar_chart import MARGIN
    window = make_window(sample_loaded.report, sample_loaded.previous)
    window.resize(910, 512)
    qtbot.waitUntil(lambda: all(p.built for p in window.pages))
    window.year_view().set_shown(True)   # 视图→显示上年数
    wrapped = 0
    for table_id in ("三", "四"):
        page = window.page_for_table(table_id)
        window.tabs.setCurrentWidget(page)
        toggle = next(t for t in window.year_view().charts if t.table_id == table_id)
        if not toggle.button.isChecked():
            toggle.button.click()
        qtbot.waitUntil(lambda t=toggle: t.panel is not None and t.panel.isVisible())
        qtbot.wait(50)
        for view in toggle.panel.views:
            chart, lines = view.chart, view.heading_lines()
            assert "".join(lines) == f"{chart.title}（单位：{chart.unit}）", lines
            fm = QFontMetricsF(view._title_font())
            assert all(fm.horizontalAdvance(line) <= view.width() - 2 * MARGIN for line in lines), lines
            picture = view.grab().toImage()
            for i in range(len(lines)):   # each line painted: dark pixels in its band
                band = range(int(MARGIN + i * fm.height()) + 2, int(MARGIN + (i + 1) * fm.height()) - 2)
                assert any(QColor(picture.pixel(x, y)).lightness() < 100
                           for y in band for x in range(int(MARGIN), picture.width() // 2)), (chart.title, i)
            wrapped += len(lines) > 1
        window.grab().save(str(SHOTS / f"yoy_910_{table_id}.png"))
    assert wrapped >= 2, "at this width two titles need a second line"


def test_a_low_chart_writes_its_scale_without_overlapping(qtbot, sample_loaded):
    """汇总图表 on 1366×768 at 150 %: the chart of the total against last year is low, and its
    figures 0, 100, 200, 300 were written over each other beside grid lines 15 px apart. Where the
    lines are closer than a line of text, every second (third …) is labelled; a taller chart labels
    each, as before."""
    from PySide6.QtGui import QFontMetricsF

    from govreport_gui.core.values import format_value
    from govreport_gui.qt.bar_chart import BarChartView, nice_scale
    chart = table_charts(sample_loaded.report, sample_loaded.previous, "三")[1]   # 0 … 200 by 50
    view = BarChartView(chart)
    view.setMinimumHeight(120)   # (as in the 汇总 window)
    qtbot.addWidget(view)
    view.show()
    height = QFontMetricsF(view._small()).height()
    top, step = nice_scale(float(chart.largest()))
    every_line = [format_value(int(step * i)) for i in range(round(top / step) + 1)]
    for size in ((840, 150), (840, 420)):
        view.resize(*size)
        labels = view.axis_labels()
        texts = [text for _, text in labels]
        assert texts[0] == "0" and len(texts) >= 2 and set(texts) <= set(every_line)
        gaps = [lower - upper for (lower, _), (upper, _) in zip(labels, labels[1:])]
        assert min(gaps) >= height, (size, labels)
    assert texts == every_line, "a tall chart labels every line"
