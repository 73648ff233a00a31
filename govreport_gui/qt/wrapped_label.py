"""A label whose text wraps, that lays its text out once for each width it is asked about.

Qt's QLabel answers ``heightForWidth`` by laying its whole text out again at every call, and the
layouts of a page ask a wrapped label the same few widths over and over while the window is
shown: before the editor's first paint, the four wrapped labels of 基本信息 and the findings panel
were laid out 63 times for 15 different widths (about 4 M instructions, a tenth of the paint).
``WrappedLabel`` keeps each answer until what it depends on changes: its text, margin, indent or
wrapping, or anything Qt tells the widget of as a change (its font, style, contents margins).
Its alignment and text format are set before it is laid out, as for every label here.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


class WrappedLabel(QLabel):
    def __init__(self, text: str = "", parent=None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._heights: dict[int, int] = {}
        self._heights_of: tuple = ()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - a Qt override
        of = (self.text(), self.margin(), self.indent(), self.wordWrap())
        if of != self._heights_of:
            self._heights, self._heights_of = {}, of
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def changeEvent(self, event) -> None:  # noqa: N802 - a Qt override
        self._heights = {}   # (the font, the style, the contents margins…: the heights may differ)
        super().changeEvent(event)
