"""The window the editor first paints is drawn by the application's style alone: no widget of it
holds a style sheet (a style sheet makes Qt draw the widget through its style-sheet style, parsed
and matched at every polish: work of the first paint), and it looks as the style sheets made it."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget
from qt_helpers import SAMPLE

from govreport_gui.qt.app import create_window
from govreport_gui.qt.grey_text import COUNT, HINT
from govreport_gui.qt.interpretation_bar import LOOK
from govreport_gui.qt.section_tabs import BAR_MARGIN


def _widgets(window) -> list[QWidget]:
    return [window, *window.findChildren(QWidget)]


def test_the_window_first_painted_holds_no_style_sheet(qtbot):
    window = create_window([str(SAMPLE)], offer_recovery=False)   # built as the editor starts, not yet shown
    qtbot.addWidget(window)
    assert [(w.metaObject().className(), w.objectName()) for w in _widgets(window) if w.styleSheet()] == []
    assert not any(w.style().metaObject().className() == "QStyleSheetStyle" for w in _widgets(window))
    # the grey of the hints and of the count, said by the palette
    text = QPalette.ColorRole.WindowText
    assert window.meta_tab.form_info.palette().color(text) == QColor(HINT)
    assert window.meta_tab.preamble.counter.palette().color(text) == QColor(COUNT)


def test_the_section_bar_is_flat_around_the_tabs(qtbot):
    window = create_window([str(SAMPLE)], offer_recovery=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    bar, tabs = window.sections_bar, window.tabs.tabBar()
    assert (tabs.x(), tabs.y()) == (BAR_MARGIN, BAR_MARGIN)
    assert bar.height() == tabs.height() + 2 * BAR_MARGIN
    # no panel (the style's gradient and lines): around the tabs, the window's own background
    picture = window.grab(bar.geometry()).toImage()
    background = window.palette().color(QPalette.ColorRole.Window).rgb()
    ratio = picture.width() / bar.width()   # (the grab is in device pixels)
    below_tabs = {picture.pixel(int(x * ratio), int((bar.height() - 1) * ratio)) for x in range(bar.width())}
    right_of_tabs = {picture.pixel(int(x * ratio), int(y * ratio))
                     for x in range(tabs.x() + tabs.width() + 1, bar.width()) for y in range(bar.height())}
    assert below_tabs == {background} and right_of_tabs == {background}


def test_the_interpretation_bar_has_its_look_once_shown(qtbot, make_window):
    window = make_window()
    bar = window.interpretations
    assert bar.isHidden() and not bar.styleSheet()
    bar.show_notes("粘贴时作了 1 处解读", ["“12件”按 12 读取"])
    assert bar.isVisible() and bar.styleSheet() == LOOK
    bar.dismiss()
    bar.show_notes("粘贴时作了 1 处解读", ["“12件”按 12 读取"])
    assert bar.styleSheet() == LOOK
