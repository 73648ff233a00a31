"""A 1366×768 screen (the taskbar leaves 1366×728), also at 125 % and 150 % scaling: every tab of the
editor looked at in the window's picture — 表四's header and figures both in view without
scrolling, no table or tab scrolling sideways, the window as small as the screen."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget
from qt_helpers import SAMPLE, filled
from small_screen import problems

from govreport_gui.core.forms import CellKey
from govreport_gui.core.serialize import save_native
from govreport_gui.qt.main_window import MainWindow, window_size

SCREEN = (1366, 728)
SIZES = {f"{int(scale * 100)}%": (int(SCREEN[0] / scale), int(SCREEN[1] / scale)) for scale in (1, 1.25, 1.5)}
# the size the window first opens at on that screen (a margin left around it): the clerk's usual view
FIRST_WINDOW = window_size(QSize(*SCREEN))


def big_figures(version: str):
    """Every input cell filled, 表四's with four digits (a city's figures)."""
    report = filled(version)
    for spec in report.form.tables["四"].cells:
        if not spec.computed:
            report.set(spec.key, 1000 + len(spec.key.col))
    return report


@pytest.mark.parametrize("size", [*SIZES.values(), FIRST_WINDOW], ids=[*SIZES.keys(), "first-window"])
@pytest.mark.parametrize("version", ["2021", "2019"])
def test_every_tab_fits_a_small_screen(qtbot, fake_dialogs, tmp_path, size, version):
    from PySide6.QtWidgets import QApplication

    from govreport_gui.core.document import Document
    window = MainWindow(Document(big_figures(version)))
    qtbot.addWidget(window)
    assert problems(window, QApplication.instance(), *size, shots=tmp_path) == []


def test_a_figure_wider_than_its_narrowed_column_widens_it(qtbot, fake_dialogs):
    from PySide6.QtWidgets import QApplication

    from govreport_gui.core.document import Document
    report = big_figures("2021")
    window = MainWindow(Document(report))
    qtbot.addWidget(window)
    assert problems(window, QApplication.instance(), *SIZES["125%"]) == []
    grid = window.page_for_table("四").grid
    spec = next(c for c in report.form.tables["四"].cells if not c.computed)
    column = grid.model().index_of(spec.key).column()
    before = grid.columnWidth(column)
    _set(window, spec.key, 123456789)
    text = grid.model().index_of(spec.key).data()
    assert grid.columnWidth(column) > before
    assert grid.fontMetrics().horizontalAdvance(text) < grid.columnWidth(column)


def _set(window, key: CellKey, value: int) -> None:
    from govreport_gui.core.edits import set_cells
    window.session.push(set_cells(window.session.report, {key: value}, "填写"))


@pytest.mark.parametrize("scale", ["1.25", "1.5"])
def test_the_scaled_screen_itself(tmp_path, scale):
    """The same looked at on a screen scaled by Qt (QT_SCALE_FACTOR: fonts, lines and pictures at
    that scale), in a process of its own."""
    path = tmp_path / "报告.govreport"
    save_native(path, big_figures("2021"))
    size = SIZES[f"{int(float(scale) * 100)}%"]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale,
               GOVREPORT_DATA_DIR=str(tmp_path / "appdata"), PYTHONPATH=os.pathsep.join(sys.path))
    child = Path(__file__).with_name("small_screen.py")
    done = subprocess.run([sys.executable, str(child), *map(str, size), str(path)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []



def _zh_cn_faces() -> bool:
    """Whether fontconfig has a face for Simplified Chinese (a zh_CN desktop's fonts can be tried)."""
    if shutil.which("fc-list") is None:
        return False
    listed = subprocess.run(["fc-list", ":lang=zh-cn", "family"], capture_output=True, text=True)
    return bool(listed.stdout.strip())


@pytest.mark.skipif(not _zh_cn_faces(), reason="没有简体中文字体（fc-list :lang=zh-cn 为空）：无法模拟中文桌面的字体")
@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_a_zh_cn_desktops_fonts(tmp_path, size):
    """On a zh_CN Linux desktop (统信UOS, 银河麒麟) fontconfig draws Latin letters and figures from
    the Chinese face too, whose widest glyph is three times a Latin one's: with 上年数 and the 同比图
    shown, every tab still fits and 表四 does not scroll sideways (it did by 5–12 px at 150 %)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FC_LANG="zh-cn",
               GOVREPORT_DATA_DIR=str(tmp_path / "appdata"), PYTHONPATH=os.pathsep.join(sys.path))
    child = Path(__file__).with_name("small_screen.py")
    done = subprocess.run([sys.executable, str(child), *map(str, size), str(SAMPLE), "--previous-and-charts"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []

def test_the_sample_fits_too(qtbot, fake_dialogs):
    from PySide6.QtWidgets import QApplication

    from govreport_gui.core.document import Document
    from govreport_gui.core.serialize import load_file
    loaded = load_file(SAMPLE)
    window = MainWindow(Document(loaded.report, loaded.previous))
    qtbot.addWidget(window)
    assert problems(window, QApplication.instance(), *SIZES["150%"]) == []


def test_tabs_share_a_narrow_bar_fairly(qtbot, fake_dialogs):
    """The short tab names stay whole; only the long ones are cut, to the same width."""
    from PySide6.QtWidgets import QApplication, QTabBar

    from govreport_gui.core.document import Document
    from govreport_gui.qt.section_tabs import fair_cap
    assert fair_cap([50, 100, 300, 400], 1000) == 0
    assert fair_cap([50, 100, 300, 400], 550) == 200
    window = MainWindow(Document(big_figures("2021")))
    qtbot.addWidget(window)
    problems(window, QApplication.instance(), *SIZES["150%"])
    bar = window.tabs.tabBar()
    widths = [bar.tabRect(i).width() for i in range(bar.count())]
    natural = [QTabBar.tabSizeHint(bar, i).width() for i in range(bar.count())]
    assert sum(natural) > bar.width()                         # they do not fit as they are …
    assert widths[:2] == natural[:2]                          # … 基本信息, 一、总体情况 whole
    assert len({w for w, n in zip(widths, natural) if w < n}) == 1   # the cut ones equally wide
    window.resize(*SCREEN)   # a wider window again: every name whole (the bar is not held to its narrow size)
    for _ in range(6):
        QApplication.instance().processEvents()
    assert [bar.tabRect(i).width() for i in range(bar.count())] == natural


def test_tabs_whole_after_the_start_page(qtbot, fake_dialogs):
    """From the start page (the tabs hidden) to a report on a 1366×768 screen: every name whole,
    also when a tab grows afterwards (a badge)."""
    from PySide6.QtWidgets import QApplication, QTabBar
    window = MainWindow(start_page=True)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    assert window.flows.new_from_previous(SAMPLE)
    for _ in range(6):
        QApplication.instance().processEvents()
    bar = window.tabs.tabBar()
    bar.resize(200, bar.height())   # laid out narrow once (while hidden, or before the window had its size) …
    bar.setTabText(1, bar.tabText(1) + "（待填写 6）")   # … and a tab grows afterwards (as a badge does)
    window.resize(SCREEN[0] - 1, SCREEN[1])
    for _ in range(6):
        QApplication.instance().processEvents()
    natural = [QTabBar.tabSizeHint(bar, i).width() for i in range(bar.count())]
    assert sum(natural) < window.width()
    assert [bar.tabRect(i).width() for i in range(bar.count())] == natural


def test_windows_and_dialogs_open_no_larger_than_the_screen(qtbot, fake_dialogs, monkeypatch):
    """汇总 (1100×720), its charts, the guide and the main window on 1366×768 at 150 % (the free
    area 910×485): each opens inside it, title bar counted."""
    from PySide6.QtCore import QSize

    from govreport_gui.qt import screen_fit
    from govreport_gui.qt.consolidate_charts import UnitsChartWindow
    from govreport_gui.qt.consolidate_dialog import ConsolidateDialog
    from govreport_gui.qt.help_window import HelpWindow
    free = QSize(*SIZES["150%"])
    monkeypatch.setattr(screen_fit, "free_area", lambda widget: free)
    opened = [MainWindow(), ConsolidateDialog(fake_dialogs), UnitsChartWindow(fake_dialogs), HelpWindow(None)]
    for widget in opened:
        qtbot.addWidget(widget)
        size = widget.size()
        assert size.width() <= free.width() - screen_fit.MARGIN[0], type(widget).__name__
        assert size.height() <= free.height() - screen_fit.MARGIN[1], type(widget).__name__
    assert screen_fit.fitted((1100, 720), QSize(2560, 1400)) == (1100, 720)


def test_from_the_start_page_to_last_years_report_on_a_150_percent_screen(qtbot, fake_dialogs):
    """The start page, then 从上年报告新建 (the bar saying what was carried over, the findings panel
    shown again): the window stays as small as the screen, 表四 in view."""
    from PySide6.QtWidgets import QApplication
    width, height = SIZES["150%"]
    window = MainWindow(start_page=True)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    QApplication.instance().processEvents()
    assert (window.width(), window.height()) == (width, height)
    assert window.flows.new_from_previous(SAMPLE)
    assert window.interpretations.isVisible()
    assert problems(window, QApplication.instance(), width, height) == []
    from PySide6.QtWidgets import QLabel
    line = window.interpretations.line
    three_lines = QLabel("国\n国\n国")
    three_lines.setFont(line.font())
    assert line.height() < three_lines.sizeHint().height()                 # two lines at most …
    assert window.interpretations.details_button.isVisible()                # … the rest under 详情


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_with_last_years_figures_and_the_charts_shown(qtbot, fake_dialogs, size):
    """视图→显示上年数 and the 同比图 under 三 and 四 on: 表四 keeps its header and figures in view
    (its page scrolls to the charts), nothing scrolls sideways, the window as small as the screen."""
    from PySide6.QtWidgets import QApplication

    from govreport_gui import preferences
    from govreport_gui.core.document import Document
    from govreport_gui.core.serialize import load_file
    preferences.set_flag(preferences.SHOW_PREVIOUS, True)
    preferences.set_flag(preferences.SHOW_YEAR_CHARTS, True)
    loaded = load_file(SAMPLE)
    window = MainWindow(Document(loaded.report, loaded.previous))
    qtbot.addWidget(window)
    assert problems(window, QApplication.instance(), *size) == []
    page = window.page_for_table("四")
    assert window.previous_action.isChecked() and page.grid.itemDelegate() is not None
    assert any(type(w).__name__ == "YearChartPanel" and not w.isHidden() for w in page.findChildren(QWidget))


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_the_page_follows_the_current_cell_when_it_scrolls_for_the_charts(qtbot, fake_dialogs, size):
    """With the 同比图 open under 三, a small screen shows 表三 whole in a page that scrolls (one
    scroll bar): going to its last row brings that row into view, going back up brings the first."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QScrollArea

    from govreport_gui import preferences
    from govreport_gui.core.document import Document
    from govreport_gui.core.serialize import load_file
    preferences.set_flag(preferences.SHOW_YEAR_CHARTS, True)
    loaded = load_file(SAMPLE)
    window = MainWindow(Document(loaded.report, loaded.previous))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    page = window.page_for_table("三")
    window.tabs.setCurrentWidget(page)
    for _ in range(6):
        QApplication.processEvents()
    grid, scroller = page.grid, page.findChild(QScrollArea)
    assert scroller.verticalScrollBar().maximum() > 0 and grid.verticalScrollBar().maximum() == 0
    model = grid.model()
    editable = [model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                if model.index(r, c).flags() & Qt.ItemFlag.ItemIsEditable]
    for index in (editable[-1], editable[0]):
        grid.setCurrentIndex(index)
        QApplication.processEvents()
        cell = grid.visualRect(index)
        top = grid.viewport().mapTo(scroller.viewport(), cell.topLeft()).y()
        assert 0 <= top and top + cell.height() <= scroller.viewport().height(), (index.row(), top)


def test_the_consolidation_keeps_its_reasons_in_view(qtbot, fake_dialogs):
    """汇总 on 1366×768 at 150 % (opened at 870×425): 问题及原因 — why a unit was left out — in view
    without scrolling sideways; 文件 and 机关名称 give up width (elided, whole in their tooltips)."""
    from PySide6.QtWidgets import QApplication

    from govreport_gui.qt.consolidate_dialog import COLUMN_WIDTHS, FILE_COLUMN, REASON_LEAST, ConsolidateDialog
    dialog = ConsolidateDialog(fake_dialogs)
    qtbot.addWidget(dialog)
    dialog.resize(870, 425)
    dialog.show()
    QApplication.instance().processEvents()
    table = dialog.table
    last = table.model().columnCount() - 1
    assert table.horizontalScrollBar().maximum() == 0
    assert table.columnWidth(last) >= REASON_LEAST
    assert table.columnViewportPosition(last) + table.columnWidth(last) <= table.viewport().width()
    dialog.resize(1100, 720)   # a large screen: the names whole
    QApplication.instance().processEvents()
    assert table.columnWidth(FILE_COLUMN) == COLUMN_WIDTHS[FILE_COLUMN]


def _text_room(edit) -> int:
    """The width a line field shows its text in (its frame and Qt's margins left out)."""
    from PySide6.QtWidgets import QStyle, QStyleOptionFrame
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    contents = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    return contents.width() - margins.left() - margins.right() - 2 * 2   # (QLineEdit's own 2 px a side)


@pytest.mark.parametrize("size", [(910, 512), SIZES["125%"], FIRST_WINDOW], ids=["910", "125%", "first-window"])
def test_the_contact_fields_show_their_whole_text(qtbot, fake_dialogs, size):
    """基本信息 on a small screen: the sample's 网站 “临川区人民政府门户网站（www.lc.qinghe.example.gov.cn）”
    lost its end at a 910 px window (and at 125 %): the fields' column kept three sevenths of the page
    whatever its texts. The fields are now as wide as their texts; where that leaves the 前言 too
    narrow, it goes under them. Nothing scrolls sideways."""
    from PySide6.QtWidgets import QApplication

    from govreport_gui.core.document import Document
    from govreport_gui.core.serialize import load_file
    from govreport_gui.qt.meta_tab import PREAMBLE_LEAST
    loaded = load_file(SAMPLE)
    window = MainWindow(Document(loaded.report, loaded.previous))
    qtbot.addWidget(window)
    assert problems(window, QApplication.instance(), *size) == []
    window.tabs.setCurrentWidget(window.meta_tab)
    for _ in range(6):
        QApplication.instance().processEvents()
    tab = window.meta_tab
    for name, edit in tab.fields.items():
        assert edit.fontMetrics().horizontalAdvance(edit.text()) <= _text_room(edit), (name, edit.text(), edit.width())
    preamble = tab.preamble.edit
    assert preamble.isVisible() and preamble.width() >= PREAMBLE_LEAST - 40


@pytest.mark.parametrize("size", [*SIZES.values(), FIRST_WINDOW, window_size(QSize(*SIZES["125%"]))],
                         ids=[*SIZES.keys(), "first-window", "first-window-125%"])
def test_each_row_is_as_tall_as_its_painted_text(qtbot, fake_dialogs, size):
    """表三 narrowed to a 1366×768 screen: “2.其他法律行政法规禁止公开” and the like are painted on one
    line, but their rows were two lines tall — the heights were measured 4 px narrower than the
    item delegate paints the text (3 px in from each side, the style's focus-frame margin and 1).
    Each label's row is now as many lines tall as the label is painted on."""
    from PySide6.QtCore import QRect
    from PySide6.QtCore import Qt as QtNs
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

    from govreport_gui.core.document import Document
    from govreport_gui.core.serialize import load_file
    from govreport_gui.qt import grid_sizes
    loaded = load_file(SAMPLE)
    window = MainWindow(Document(loaded.report, loaded.previous))
    qtbot.addWidget(window)
    problems(window, QApplication.instance(), *size)
    too_tall = []
    for table_id in ("二", "三", "四"):
        page = window.page_for_table(table_id)
        window.tabs.setCurrentWidget(page)
        QApplication.instance().processEvents()
        grid, model = page.grid, page.grid.model()
        margin = grid.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, grid) + 1
        assert grid_sizes.PAINTED_MARGINS == 2 * margin
        for g in model.spec.grid:
            if not g.text or g.key is not None or g.rowspan != 1:
                continue
            option = QStyleOptionViewItem()
            grid.itemDelegate().initStyleOption(option, model.index(g.row, g.col))
            fm = QFontMetrics(option.font)
            room = QRect(0, 0, grid.visualRect(model.index(g.row, g.col)).width() - 2 * margin, 10_000)
            painted = fm.boundingRect(room, int(QtNs.TextFlag.TextWordWrap), g.text).height()
            if grid.rowHeight(g.row) > painted + grid_sizes.PADDING and not any(
                    o.row == g.row and o.rowspan == 1 and o is not g and o.text for o in model.spec.grid):
                too_tall.append((table_id, g.text, grid.rowHeight(g.row), painted))
    assert too_tall == []
