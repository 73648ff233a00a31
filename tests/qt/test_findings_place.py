"""Findings that show their place: a prose finding selects its sentence in the editor (scrolled
into view), a table finding scrolls all its cells into view, and panel items are never cut off."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem
from qt_helpers import blank, filled

from govreport_gui.core.edits import SetSection


def click_finding(qtbot, window, finding):
    panel = window.findings
    item = panel.item_for(finding)
    assert item is not None, finding
    panel.list.scrollToItem(item)
    rect = panel.list.visualItemRect(item)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_clicking_a_prose_finding_selects_its_sentence_and_shows_it(qtbot, make_window):
    report = blank("2021")  # a 2024 report
    sentence = "2023年，我局共主动公开政府信息120条。"
    filler = "\n".join(f"第{i}段：本年度围绕重点领域推进政府信息公开工作，持续优化平台功能。" for i in range(80))
    report.sections["一"] = filler + "\n" + sentence + "\n" + filler
    window = make_window(report)
    window.resize(1100, 700)
    [finding] = [f for f in window.session.document.findings if f.rule == "prose.year" and f.section == "一"]
    assert finding.quote == sentence
    click_finding(qtbot, window, finding)
    page = window.page_for_section("一")
    assert window.tabs.currentWidget() is page
    edit = page.prose.edit
    qtbot.waitUntil(edit.hasFocus)
    assert edit.textCursor().selectedText() == sentence
    assert edit.viewport().rect().contains(edit.cursorRect())
    start = edit.textCursor()
    start.setPosition(edit.textCursor().selectionEnd())
    assert edit.viewport().rect().contains(edit.cursorRect(start))  # the sentence's end is in view too


def test_clicking_a_table_finding_scrolls_all_its_cells_into_view(qtbot, make_window):
    window = make_window(filled("2021"))  # every column of 三 out of balance
    window.resize(1200, 1000)
    page = window.page_for_table("三")
    window.tabs.setCurrentWidget(page)
    view = page.grid
    qtbot.waitUntil(lambda: view.viewport().height() > 800)
    assert view.verticalScrollBar().maximum() > 0  # the table is taller than its place
    view.verticalScrollBar().setValue(0)
    finding = next(f for f in window.session.document.findings if f.rule == "三.balance")
    rows = {k.row for k in finding.cells}
    assert len(rows) == 4  # 一 … 四: from the top of the table to its foot
    click_finding(qtbot, window, finding)
    viewport = view.viewport().rect()
    for key in finding.cells:
        rect = view.visualRect(view.model().index_of(key))
        assert viewport.contains(rect), (key, rect, viewport)
    selected = {view.model().key_at(i) for i in view.selectionModel().selectedIndexes()}
    assert selected == set(finding.cells)


def test_a_table_finding_too_tall_for_the_window_says_so(qtbot, make_window):
    window = make_window(filled("2021"))
    window.resize(1200, 600)
    page = window.page_for_table("三")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: 0 < page.grid.viewport().height() < 600)
    finding = next(f for f in window.session.document.findings if f.rule == "三.balance")
    click_finding(qtbot, window, finding)
    view = page.grid
    first = view.visualRect(view.model().index_of(finding.cells[0]))
    assert view.viewport().rect().contains(first)
    assert "滚动" in window.statusBar().currentMessage()


def wrapped_height(panel, item) -> tuple[int, int]:
    """(the height of the item's text area, the height its text needs laid out in lines at that
    area's width, as the style paints it)."""
    view = panel.list
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    QStyledItemDelegate().initStyleOption(option, view.indexFromItem(item))
    option.rect = view.visualItemRect(item)
    area = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    layout = QTextLayout(item.text(), view.font())
    wrap = QTextOption()
    wrap.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(wrap)
    layout.beginLayout()
    height = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(area.width() - 2 * margin)
        line.setPosition(QPointF(0, height))
        height += line.height()
    layout.endLayout()
    return area.height(), math.ceil(height)


def test_panel_items_are_as_tall_as_their_wrapped_text(qtbot, make_window):
    report = filled("2021")
    window = make_window(report)
    window.session.push(SetSection("一", "", "2023年，我局共主动公开政府信息" + "、".join(["规章删改情况"] * 12) + "。", "正文"))
    panel = window.findings
    for width, height in ((420, 1000), (260, 1000), (300, 560), (420, 560)):
        window.resize(1200, height)
        window.resizeDocks([window.findings_dock], [width], Qt.Orientation.Horizontal)
        qtbot.wait(50)
        items = [panel.list.item(i) for i in range(panel.list.count())]
        panel.list.grab().save(f"/tmp/panel-{width}-{height}.png")
        assert any(len(i.text()) > 80 for i in items)
        line = QFontMetrics(panel.list.font()).height()
        for item in items:
            rect = panel.list.visualItemRect(item)
            assert rect.right() < panel.list.viewport().width() - panel.list.spacing(), (width, height, rect)  # not cut on the right
            height, need = wrapped_height(panel, item)
            assert height >= need, (width, height, item.text(), height, need)
            assert height <= need + line, (width, height, item.text(), height, need)  # no empty gap under it
    assert panel.list.verticalScrollBar().maximum() > 0  # (also laid out again when the scroll bar came)
