"""视图→显示上年数: last year's figure and the change under every figure of 二/三/四, in the same
version and across the 2020 → 2021 change of version; off, the grid paints as before; the setting
is remembered; what is copied or exported never carries it."""

from __future__ import annotations

from PySide6.QtCore import QRect
from qt_helpers import key3
from report_builders import balanced, t3

from govreport_gui.core import CellKey
from govreport_gui.qt.previous_figures import PriorDelegate
from govreport_gui.qt.year_view import NO_PREVIOUS

NEW = "一、本年新收政府信息公开申请数量"
OTHER_LEAVES = ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他")


def _ready(qtbot, make_window, report, previous):
    window = make_window(report, previous)
    qtbot.waitUntil(lambda: all(p.built for p in window.pages))
    return window


def _grid(window, key: CellKey):
    page = window.page_for_table(key.table)
    window.tabs.setCurrentWidget(page)
    return page.grid


def _line_under(grid, key: CellKey) -> tuple[str, str]:
    """What the grid paints under the figure of ``key`` (left: last year's, right: the change)."""
    delegate = grid.itemDelegate()
    assert isinstance(delegate, PriorDelegate)
    prior = delegate._source.prior(key)
    return delegate.texts(key, prior, 400) if prior is not None else ("", "")


def _tooltip(grid, key: CellKey) -> str | None:
    return grid.itemDelegate().explain(grid.model().index_of(key))


def _ink_under(qtbot, grid, key: CellKey) -> int:
    """Pixels unlike the cell's background in the band under the figure, on its left half (where
    last year's figure goes; this year's is on the right)."""
    index = grid.model().index_of(key)
    grid.scrollTo(index)
    qtbot.wait(20)
    image = grid.viewport().grab().toImage()
    rect: QRect = grid.visualRect(index)
    ground = image.pixelColor(rect.left() + 2, rect.top() + 2)

    def unlike(colour) -> bool:
        return abs(colour.red() - ground.red()) + abs(colour.green() - ground.green()) \
            + abs(colour.blue() - ground.blue()) > 90
    band = range(rect.bottom() - 11, rect.bottom() - 1)
    return sum(1 for y in band for x in range(rect.left() + 3, rect.left() + rect.width() // 2)
               if unlike(image.pixelColor(x, y)))


def test_same_version_shows_last_years_figure_and_the_change(qtbot, make_window, sample_loaded):
    window = _ready(qtbot, make_window, sample_loaded.report, sample_loaded.previous)
    key = CellKey("三", NEW, "自然人")
    grid = _grid(window, key)
    plain, height = grid.itemDelegate(), grid.rowHeight(grid.model().index_of(key).row())
    assert _ink_under(qtbot, grid, key) == 0
    window.previous_action.trigger()
    assert _line_under(grid, key) == ("160", "+26 +16%")
    assert _line_under(grid, CellKey("三", NEW, "总计")) == ("184", "+36 +20%")
    assert _tooltip(grid, key) == "2023年：160，本年较2023年+26（+16%）。"
    assert grid.rowHeight(grid.model().index_of(key).row()) > height
    assert _ink_under(qtbot, grid, key) > 20, "last year's figure is painted under this year's"
    fees = CellKey("二", "行政事业性收费", "本年收费金额（单位：万元）")
    assert _line_under(_grid(window, fees), fees) == ("230.5", "−15.14 −6.6%")
    review = CellKey("四", "行政复议", "总计")
    assert _line_under(_grid(window, review), review) == ("2", "+3")   # base under 10: no percentage

    window.previous_action.trigger()
    grid = _grid(window, key)
    assert grid.itemDelegate() is plain and not isinstance(plain, PriorDelegate)
    assert grid.rowHeight(grid.model().index_of(key).row()) == height
    assert _ink_under(qtbot, grid, key) == 0


def test_the_2019_version_against_itself(qtbot, make_window):
    last, this = balanced("2019", 2019), balanced("2019", 2020)
    this.set(CellKey("二", "行政许可", "本年增/减"), 4)
    window = _ready(qtbot, make_window, this, last)
    window.previous_action.trigger()
    signed = CellKey("二", "行政许可", "本年增/减")
    assert _line_under(_grid(window, signed), signed) == ("-3", "+7")   # a signed figure: no percentage
    money = CellKey("二", "政府集中采购", "采购总金额")
    assert _line_under(_grid(window, money), money) == ("2009.54", "持平")
    other = CellKey("三", "（六）其他处理", "自然人")
    assert _line_under(_grid(window, other), other) == ("0", "")


def _2020_and_2021():
    last = balanced("2019", 2020)
    t3(last, "（六）其他处理", 2, 1, 0, 0, 0, 0)
    t3(last, NEW, 7, 2, 0, 0, 0, 0)
    last.set(CellKey("二", "行政处罚", "处理决定数量"), 55)
    this = balanced("2021", 2021)
    this.set(CellKey("二", "行政处罚", "本年处理决定数量"), 61)
    this.set(CellKey("三", OTHER_LEAVES[0], "自然人"), 1)
    return this, last


def test_across_the_change_of_version_the_correspondence_decides(qtbot, make_window):
    this, last = _2020_and_2021()
    window = _ready(qtbot, make_window, this, last)
    window.previous_action.trigger()
    assert "2019版格式" in window.statusBar().currentMessage()
    same = CellKey("三", NEW, "自然人")
    grid = _grid(window, same)
    assert _line_under(grid, same) == ("7", "−2")
    judged = CellKey("三", "3.其他", "自然人")
    assert _line_under(grid, judged) == ("≈2", "")   # placed by judgment: the figure, no change
    assert "不是同一栏目" in _tooltip(grid, judged)
    for leaf in OTHER_LEAVES[:2]:
        none = CellKey("三", leaf, "自然人")
        assert _line_under(grid, none) == ("", "")   # no counterpart: nothing, never a wrong figure
        assert _tooltip(grid, none).startswith("2020年没有对应的数字：")
    assert _ink_under(qtbot, grid, CellKey("三", OTHER_LEAVES[0], "自然人")) == 0
    assert _ink_under(qtbot, grid, judged) > 10
    renamed = CellKey("二", "行政处罚", "本年处理决定数量")   # 处理决定数量: the same figure, relabelled
    assert _line_under(_grid(window, renamed), renamed) == ("55", "+6 +11%")
    in_force = CellKey("二", "行政规范性文件", "现行有效件数")
    assert _line_under(_grid(window, in_force), in_force) == ("", "")


def test_without_last_years_report_it_says_how_to_load_one(qtbot, make_window):
    window = _ready(qtbot, make_window, balanced("2021", 2024), None)
    window.previous_action.trigger()
    assert window.statusBar().currentMessage() == NO_PREVIOUS
    key = CellKey("三", NEW, "自然人")
    grid = _grid(window, key)
    assert grid.itemDelegate()._source.prior(key) is None
    assert _ink_under(qtbot, grid, key) == 0
    window.session.set_previous(balanced("2021", 2023), "载入上年报告")   # loaded later: shown at once
    assert _line_under(grid, key) == ("5", "持平")


def test_typing_with_the_figures_shown_updates_the_change(qtbot, make_window, sample_loaded):
    from qt_helpers import type_into
    window = _ready(qtbot, make_window, sample_loaded.report, sample_loaded.previous)
    window.previous_action.trigger()
    key = key3("2021", "（一）", "自然人")
    grid = _grid(window, key)
    type_into(qtbot, grid, key, "90")
    qtbot.waitUntil(lambda: window.session.report.get(key) == 90)
    assert _line_under(grid, key) == ("70", "+20 +29%")


def test_the_setting_is_remembered_and_copies_carry_no_last_year(qtbot, make_window, sample_loaded):
    window = _ready(qtbot, make_window, sample_loaded.report, sample_loaded.previous)
    key = CellKey("三", NEW, "自然人")
    grid = _grid(window, key)
    grid.setCurrentIndex(grid.model().index_of(key))
    copied = grid.selection_text()
    window.previous_action.trigger()
    assert grid.selection_text() == copied == "186\n"
    assert grid.model().index_of(key).data() == "186"
    window.close()

    again = _ready(qtbot, make_window, sample_loaded.report, sample_loaded.previous)
    assert again.previous_action.isChecked()
    assert isinstance(_grid(again, key).itemDelegate(), PriorDelegate)
    again.previous_action.trigger()
    third = _ready(qtbot, make_window, sample_loaded.report, sample_loaded.previous)
    assert not third.previous_action.isChecked()
    assert not isinstance(_grid(third, key).itemDelegate(), PriorDelegate)
