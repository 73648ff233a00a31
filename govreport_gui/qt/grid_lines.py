"""A table's grid lines equally thick on a screen scaled by a fraction (125 %, 150 %).

QTableView draws each grid line one logical pixel wide: 1.5 device pixels at 150 %, which the
painter, drawing without antialiasing, makes one pixel or two depending on where the line falls —
表三's columns ruled alternately thin and thick, the merged cells' edges unlike their neighbours'.
``even_lines`` draws every line again over Qt's, from the same first device pixel and as many
whole device pixels wide as cover Qt's widest (two at 125 %, 150 %), so that they are all alike.
On a screen scaled by a whole number (100 %, 200 %) Qt's lines are already alike and are left alone.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter


def uneven(ratio: float) -> bool:
    """Whether Qt draws grid lines of unequal widths at the device pixel ratio ``ratio``."""
    return not float(ratio).is_integer()


def even_lines(view, spans, colour: str, region) -> None:
    """Draw the right and bottom line of each cell of ``spans`` (every cell of ``view``'s table
    once, with its row and column spans: ``GridCell``s) that lies in ``region`` (viewport pixels)."""
    ratio = view.devicePixelRatioF()
    pixels = math.ceil(ratio)   # device pixels: as wide as Qt's widest line here
    bounds = region.boundingRect()
    painter = QPainter(view.viewport())
    painter.setClipRegion(region)
    brush = QColor(colour)
    for g in spans:
        left = view.columnViewportPosition(g.col)
        top = view.rowViewportPosition(g.row)
        last_col, last_row = g.col + g.colspan - 1, g.row + g.rowspan - 1
        right = view.columnViewportPosition(last_col) + view.columnWidth(last_col) - 1   # Qt's line
        bottom = view.rowViewportPosition(last_row) + view.rowHeight(last_row) - 1
        if right < bounds.left() or left > bounds.right() or bottom < bounds.top() or top > bounds.bottom():
            continue
        x, y = _device_start(right, ratio), _device_start(bottom, ratio)
        painter.fillRect(QRectF(x, top, pixels / ratio, bottom + 1 - top), brush)
        painter.fillRect(QRectF(left, y, right + 1 - left, pixels / ratio), brush)
    painter.end()


def _device_start(position: int, ratio: float) -> float:
    """Where the device pixel holding the first of logical pixel ``position`` begins, in logical pixels."""
    return math.floor(position * ratio) / ratio
