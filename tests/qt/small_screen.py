"""What does not fit on a small screen: the editor's window at a given size, every tab looked at.

Used by test_small_screen in the test process (scale 1, the logical sizes of 1366×768 at
100/125/150 %) and run as a child under QT_SCALE_FACTOR or a zh_CN desktop's fonts
(``python small_screen.py W H FILE [--previous-and-charts]``: prints the problems as JSON), so
that the pictures are those of a scaled screen.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage


def problems(window, app, width: int, height: int, shots=None) -> list[str]:
    """Resize ``window`` to ``width``×``height``, show every tab and list what is cut off: a window
    that cannot be made that small, a table scrolling sideways, 表四's header or figures outside its
    viewport or not painted in the window's picture (saved into the folder ``shots`` if given)."""
    found = []
    window.resize(width, height)
    window.show()
    _settle(app)
    if window.width() > width or window.height() > height:
        found.append(f"窗口不能缩小到 {width}×{height}（最小 {window.width()}×{window.height()}）")
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        _settle(app)
        picture = window.grab().toImage()
        if shots is not None:
            picture.save(f"{shots}/tab{i}-{width}x{height}.png")
        page = window.tabs.currentWidget()
        scrollers = _scrollers(page)
        for scroller in scrollers:
            if scroller.horizontalScrollBar().maximum() > 0:
                found.append(f"{window.tabs.tabText(i)}：横向滚动 {scroller.horizontalScrollBar().maximum()}px")
        found += _scrolling_inside_scrolling(window.tabs.tabText(i), scrollers)
        if getattr(page, "table_id", None) == "四":
            found += _table_visible(window, page.grid, picture)
    return found


def _settle(app) -> None:
    for _ in range(6):
        app.processEvents()


def _scrollers(page):
    from PySide6.QtWidgets import QAbstractScrollArea, QPlainTextEdit, QTextEdit
    return [s for s in page.findChildren(QAbstractScrollArea)
            if s.isVisible() and not isinstance(s, (QPlainTextEdit, QTextEdit))]


def _scrolling_inside_scrolling(tab: str, scrollers) -> list[str]:
    """A part that scrolls up and down inside a page that scrolls up and down too (the wheel moves
    one or the other depending on where the mouse is)."""
    rolling = [s for s in scrollers if s.verticalScrollBar().maximum() > 0]
    return [f"{tab}：{type(inner).__name__} 在上下滚动的页面内也上下滚动"
            for inner in rolling for outer in rolling if inner is not outer and outer.isAncestorOf(inner)]


def _table_visible(window, grid, picture: QImage) -> list[str]:
    """Every row and column of the grid inside its viewport, none scrolled, and each header and
    figure painted in the window's picture (dark pixels: its text; a blank cell inside the picture)."""
    found = []
    viewport = grid.viewport()
    if grid.verticalScrollBar().maximum() > 0:
        found.append(f"表四：上下滚动 {grid.verticalScrollBar().maximum()}px")
    rows, cols = grid.model().rowCount(), grid.model().columnCount()
    bottom = grid.rowViewportPosition(rows - 1) + grid.rowHeight(rows - 1)
    right = grid.columnViewportPosition(cols - 1) + grid.columnWidth(cols - 1)
    if grid.rowViewportPosition(0) < 0 or bottom > viewport.height():
        found.append(f"表四：行在 0–{bottom}px，可见 {viewport.height()}px")
    if grid.columnViewportPosition(0) < 0 or right > viewport.width():
        found.append(f"表四：列在 0–{right}px，可见 {viewport.width()}px")
    ratio = picture.width() / window.width()
    for g in grid.model().spec.grid:   # every header and every figure, spans as one
        if g.text or g.key is not None:
            cell = grid.visualRect(grid.model().index(g.row, g.col))
            top_left = viewport.mapTo(window, cell.topLeft())
            area = QRect(top_left * ratio, cell.size() * ratio)
            blank = g.key is not None and not grid.model().index(g.row, g.col).data()
            if not picture.rect().contains(area) or not (blank or _painted(picture, area)):
                found.append(f"表四：“{g.text or g.key.name()}”不在窗口的画面中")
    return found


def _painted(picture: QImage, rect: QRect) -> bool:
    """Whether ``rect`` lies inside the picture and holds dark pixels (text: the rules are grey)."""
    if not picture.rect().contains(rect):
        return False
    for y in range(rect.top(), rect.bottom()):
        for x in range(rect.left(), rect.right()):
            if QColor(picture.pixel(QPoint(x, y))).lightness() < 100:
                return True
    return False


def main() -> None:
    from govreport_gui.qt.app import create_window, ensure_app
    width, height, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    if "--previous-and-charts" in sys.argv[4:]:   # 视图→显示上年数 and the 同比图 on
        from govreport_gui import preferences
        preferences.set_flag(preferences.SHOW_PREVIOUS, True)
        preferences.set_flag(preferences.SHOW_YEAR_CHARTS, True)
    app = ensure_app()
    window = create_window([path], offer_recovery=False)
    print(json.dumps(problems(window, app, width, height), ensure_ascii=False))
    window.flows.shutdown()


if __name__ == "__main__":
    main()
