"""Each item's picture as last painted in a view, drawn again while nothing it shows has changed.

Painting an item lays its text out (shaping Chinese text, wrapping it), through the style sheet
if any: most of a grid's or the findings list's repaint.  An item is drawn once into a pixmap —
filled first with what is under it in the view, so that a translucent selection blends as it does
there — and that pixmap is drawn again until the item changes.  The picture is kept with what the
item showed (``content``: for a grid cell, the dictionary ``TableModel.painted`` makes anew whenever
the cell's text, font or colours change; for a finding, its text), its size, its state (selected,
current, under the mouse, window active) and its features (an alternate row).  The picture holds
what ``QTableView`` and ``QListView`` paint in an item's rectangle: the view's background, the
style's row panel (the alternate row's colour; under a style sheet the translucent selection
too), then the delegate.  Only the part that is not of one colour is kept (a figure's digits, a
label's lines), with that colour to fill the rest: a cell's text covers a fraction of its area.
Making a picture costs more than painting directly, so it is made the second time an item is
painted unchanged: what changes at every edit (the edited figure, its totals, the findings that
quote them) is painted directly, as before.

On a fractional scale (125 %, 150 %) a cell's edges fall between device pixels and a picture
drawn there would not match the direct painting: cells are then painted directly, as without it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QBitmap, QColor, QImage, QPainter, QPalette, QRegion
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

# what changes how every item looks without its model changing: the pictures are painted again
LOOK_CHANGES = frozenset({QEvent.Type.StyleChange, QEvent.Type.PaletteChange, QEvent.Type.FontChange,
                          QEvent.Type.DevicePixelRatioChange, QEvent.Type.ScreenChangeInternal,
                          QEvent.Type.EnabledChange, QEvent.Type.LayoutDirectionChange})


class CellPictures:
    def __init__(self, most: int | None = None) -> None:
        """``most``: how many pictures are kept, those painted least recently given up first, one
        for each look of a place (the findings list: an item as wide as the list, or narrower by
        the scroll bar that comes and goes with the number of findings); None: one per place, as
        a grid's cells are few and fixed."""
        self._pictures: dict[object, tuple[object, tuple, Picture | None]] = {}
        self._most = most

    def forget(self) -> None:
        """Drop every picture (the view was hidden, restyled or moved to another screen)."""
        self._pictures.clear()

    def __len__(self) -> int:
        """How many pictures are kept."""
        return sum(1 for _, _, picture in self._pictures.values() if picture is not None)

    def pixels(self) -> int:
        """How many pixels the kept pictures hold."""
        return sum(picture[2].width() * picture[2].height() for _, _, picture in self._pictures.values()
                   if picture is not None and picture[2] is not None)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index, paint_directly: Callable,
              place: object, content: object) -> None:
        """Paint the item at ``index`` as ``paint_directly(painter, option, index)`` would; its
        picture is kept under ``place`` with ``content``, what it shows."""
        rect = option.rect
        look = (rect.width(), rect.height(), option.state, option.features)   # (flags: one object per value)
        if self._most is None:
            kept = self._pictures.get(place)
        else:
            place = (place, look)
            kept = self._recent(place)
        if kept is None or kept[1] != look or not (kept[0] is content or kept[0] == content):
            self._pictures[place] = (content, look, None)   # seen once: painted directly
            paint_directly(painter, option, index)
            return
        if kept[2] is None:                                 # seen again unchanged: its picture is made
            scale = painter.device().devicePixelRatio()
            if scale != int(scale) or look[0] <= 0 or look[1] <= 0:
                paint_directly(painter, option, index)
                return
            kept = self._pictures[place] = (content, look, _painted(option, index, paint_directly, int(scale)))
        colour, offset, part = kept[2]
        painter.fillRect(rect, colour)
        if part is not None:
            painter.drawImage(rect.x() + offset.x(), rect.y() + offset.y(), part)

    def keep_only(self, contents: set) -> None:
        """Give up the pictures of what is no longer shown (``contents``: all that is)."""
        for place in [p for p, kept in self._pictures.items() if kept[0] not in contents]:
            del self._pictures[place]

    def _recent(self, place: object) -> tuple | None:
        """What is kept under ``place``, now the most recently painted; when ``place`` is new and
        ``most`` are kept, the least recently painted is given up for it (the findings list: each
        edit lists a few new texts, and those still listed keep their pictures)."""
        kept = self._pictures.pop(place, None)
        if kept is not None:
            self._pictures[place] = kept
        elif len(self._pictures) >= self._most:
            del self._pictures[next(iter(self._pictures))]
        return kept


Picture = tuple[QColor, QPoint, "QImage | None"]   # the item's colour, and where the rest goes: what it is


def _painted(option: QStyleOptionViewItem, index, paint_directly: Callable, scale: int) -> Picture:
    """The item painted as its view paints it, kept as its one colour and the part that differs."""
    width, height = option.rect.width(), option.rect.height()
    picture = QImage(width * scale, height * scale, QImage.Format.Format_RGB32)
    picture.setDevicePixelRatio(scale)
    picture.fill(option.palette.color(QPalette.ColorRole.Base))   # the view's background under it
    painter = QPainter(picture)
    moved = QStyleOptionViewItem(option)
    moved.rect = QRect(0, 0, width, height)
    view = option.widget
    view.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewRow, moved, painter, view)
    paint_directly(painter, moved, index)
    painter.end()
    corner = picture.pixel(0, 0)
    # (the mask is set where the colour is; as a bitmap, where it is not: the region of the rest)
    differs = QRegion(QBitmap.fromImage(picture.createMaskFromColor(corner, Qt.MaskMode.MaskInColor)))
    part = differs.boundingRect()
    if part.isEmpty():
        return QColor.fromRgb(corner), QPoint(), None
    left, top = part.left() // scale, part.top() // scale                # in whole logical pixels
    right, bottom = -(-(part.right() + 1) // scale), -(-(part.bottom() + 1) // scale)
    kept = picture.copy(left * scale, top * scale, (right - left) * scale, (bottom - top) * scale)
    kept.setDevicePixelRatio(scale)
    return QColor.fromRgb(corner), QPoint(left, top), kept
