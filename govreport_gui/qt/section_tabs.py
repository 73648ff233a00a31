"""The section tabs: a tab bar across the whole window top, over a stack of pages.

A ``QTabWidget`` would put its tab bar over the central area only, beside the findings panel, where
the long official headings (“四、政府信息公开行政复议、行政诉讼情况”) are cut to a few characters.
This widget keeps the ``QTabWidget`` methods the window uses; its bar goes into a tool bar row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QStackedWidget, QTabBar, QToolBar, QWidget

from .qt_ints import ELIDE_RIGHT

if TYPE_CHECKING:  # naming QIcon creates its enums (start-up time); the badges come after the first paint
    from PySide6.QtGui import QIcon


ROW_MARGIN = 8   # pixels of the tool bar row the tabs cannot use (its padding and frame)
BAR_MARGIN = 2   # pixels between the tabs and the edges of the row they sit in


class SectionBar(QToolBar):
    """The row across the window's top the tabs sit in: flat (no panel, no frame: the window's
    background), the tabs ``BAR_MARGIN`` pixels from its edges.  Said by a style sheet before
    (``QToolBar { border: none; spacing: 0; padding: 0 2px }``), which drew the same pixels through
    Qt's style-sheet style: the sheet parsed and matched against the bar and the tabs at every
    polish, about 4 M instructions of the window's first paint."""

    def __init__(self, title: str) -> None:
        super().__init__(title)
        self._keep_flat()

    def _keep_flat(self) -> None:
        self.layout().setContentsMargins(BAR_MARGIN, BAR_MARGIN, BAR_MARGIN, BAR_MARGIN)
        self.layout().setSpacing(0)

    def changeEvent(self, event) -> None:  # noqa: N802 - a Qt override
        super().changeEvent(event)   # (a new style sets the style's margins again)
        if event.type() == QEvent.Type.StyleChange:
            self._keep_flat()

    def paintEvent(self, event) -> None:  # noqa: N802 - a Qt override
        """Nothing: no panel (the style's gradient and lines), the window's background shows."""


class FairTabBar(QTabBar):
    """When the tabs are wider than the row they sit in, they share it fairly: the short names
    (基本信息, 一、总体情况) stay whole and only the long ones are cut, all to the same width (Qt
    alone cut the short ones to “基…”, “一…” on a 1366×768 screen at 150 %)."""

    def __init__(self) -> None:
        super().__init__()
        self._room = 0   # the width of the row the bar sits in (0: not known yet)
        self._cut_long_names()

    def _cut_long_names(self) -> None:
        """A name longer than its tab ends in “…” (set again, Qt lays the tabs out again, with the
        new hints).  Set through the property, as an int: see ``qt_ints``."""
        self.setProperty("elideMode", ELIDE_RIGHT)

    def follow(self, row: QWidget) -> None:
        """Share the width of ``row`` (the tool bar the tabs are in), following its resizing."""
        row.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - a Qt override
        if event.type() == QEvent.Type.Resize and event.size().width() != self._room:
            self._room = event.size().width() - ROW_MARGIN
            self._cut_long_names()   # (Qt lays the tabs out again, with the new hints)
        return False

    def tabSizeHint(self, index: int):  # noqa: N802 - a Qt override
        hint = super().tabSizeHint(index)
        if self._room > 0:
            cap = fair_cap([super(FairTabBar, self).tabSizeHint(i).width() for i in range(self.count())], self._room)
            if cap and hint.width() > cap:
                hint.setWidth(cap)
        return hint


def fair_cap(widths: list[int], room: int) -> int:
    """The largest width W such that the tabs' widths, each cut to W, add up to ``room`` at most
    (0 when they fit as they are)."""
    if sum(widths) <= room or not widths:
        return 0
    ordered = sorted(widths)
    left = room
    for i, width in enumerate(ordered):
        share = left // (len(ordered) - i)
        if width > share:
            return max(share, 1)
        left -= width
    return 0


class SectionTabs(QStackedWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = FairTabBar()
        self.bar.setDocumentMode(True)
        self.bar.setExpanding(False)
        self.bar.setUsesScrollButtons(True)
        self.bar.setDrawBase(False)
        self.bar.currentChanged.connect(self._bar_changed)
        self.currentChanged.connect(self._stack_changed)

    def tabBar(self) -> QTabBar:  # noqa: N802 - the QTabWidget name
        return self.bar

    def addTab(self, page: QWidget, text: str) -> int:  # noqa: N802
        index = self.addWidget(page)
        self.bar.insertTab(index, text)
        return index

    def _bar_changed(self, index: int) -> None:
        if index >= 0 and index != self.currentIndex():
            self.setCurrentIndex(index)

    def _stack_changed(self, index: int) -> None:
        if index >= 0 and index != self.bar.currentIndex():
            self.bar.setCurrentIndex(index)

    def setTabText(self, index: int, text: str) -> None:  # noqa: N802
        if self.bar.tabText(index) != text:   # (each new text lays every tab out again)
            self.bar.setTabText(index, text)

    def tabText(self, index: int) -> str:  # noqa: N802
        return self.bar.tabText(index)

    def setTabIcon(self, index: int, icon: QIcon) -> None:  # noqa: N802
        self.bar.setTabIcon(index, icon)

    def tabIcon(self, index: int) -> QIcon:  # noqa: N802
        return self.bar.tabIcon(index)

    def setTabToolTip(self, index: int, text: str) -> None:  # noqa: N802
        self.bar.setTabToolTip(index, text)

    def tabToolTip(self, index: int) -> str:  # noqa: N802
        return self.bar.tabToolTip(index)
