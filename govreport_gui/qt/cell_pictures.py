"""Each grid cell's picture as last painted, drawn again while nothing it shows has changed.

Painting a cell lays its text out (shaping Chinese text, wrapping it) and runs the grid's style
sheet: most of a grid's repaint.  A cell is drawn once into a pixmap — filled first with what is
under it in the view, so that a translucent selection blends as it does there — and that pixmap is
drawn again until the cell changes: ``TableModel.painted`` hands out a new dictionary of roles
whenever a cell's text, font or colours change, and the picture is kept with the dictionary it was
painted from, its size and its state (selected, current, under the mouse, window active).  The
picture holds what a ``QTableView`` paints in a cell's rectangle: the view's background, the
style's row panel (under a style sheet it draws the translucent selection too), then the delegate.

On a fractional scale (125 %, 150 %) a cell's edges fall between device pixels and a picture
drawn there would not match the direct painting: cells are then painted directly, as without it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect
from PySide6.QtGui import QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem


class CellPictures:
    def __init__(self) -> None:
        self._pictures: dict[tuple[int, int], tuple[object, tuple[int, int, int], QPixmap]] = {}

    def forget(self) -> None:
        """Drop every picture (the view was hidden, restyled or moved to another screen)."""
        self._pictures.clear()

    def __len__(self) -> int:
        return len(self._pictures)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index, paint_directly: Callable) -> None:
        """Paint the cell at ``index`` as ``paint_directly(painter, option, index)`` would."""
        row, col = index.row(), index.column()
        roles = index.model().painted(row, col)
        rect = option.rect
        look = (rect.width(), rect.height(), option.state.value)
        kept = self._pictures.get((row, col))
        if kept is not None and kept[0] is roles and kept[1] == look:
            painter.drawPixmap(rect.topLeft(), kept[2])
            return
        scale = painter.device().devicePixelRatio()
        if scale != int(scale) or look[0] <= 0 or look[1] <= 0:
            paint_directly(painter, option, index)
            return
        picture = QPixmap(look[0] * int(scale), look[1] * int(scale))
        picture.setDevicePixelRatio(scale)
        picture.fill(option.palette.color(QPalette.ColorRole.Base))   # the view's background under the cell
        on_picture = QPainter(picture)
        moved = QStyleOptionViewItem(option)
        moved.rect = QRect(0, 0, look[0], look[1])
        view = option.widget
        view.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewRow, moved, on_picture, view)
        paint_directly(on_picture, moved, index)
        on_picture.end()
        self._pictures[(row, col)] = (roles, look, picture)
        painter.drawPixmap(rect.topLeft(), picture)
