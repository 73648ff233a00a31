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

On a fractional scale (125 %, 150 %) an item's edges and text fall between device pixels: its
picture is painted at the same fraction of a pixel as the view paints it there, and kept and drawn
again in device pixels (its one colour filled as the item's own rectangle is, in the view's
coordinates).  An item scrolled by a fraction of a device pixel is painted directly and pictured
again; one with an icon (the findings' dots: an icon's pixmap is chosen by the device's scale) or
the keyboard focus is painted directly.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QBitmap, QColor, QImage, QPainter, QPalette, QRegion, QTransform
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
        return sum(picture[3].width() * picture[3].height() for _, _, picture in self._pictures.values()
                   if picture is not None and picture[3] is not None)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index, paint_directly: Callable,
              place: object, content: object) -> None:
        """Paint the item at ``index`` as ``paint_directly(painter, option, index)`` would; its
        picture is kept under ``place`` with ``content``, what it shows."""
        rect = option.rect
        x, y, width, height = rect.getRect()
        look = (width, height, option.state, option.features)   # (flags: one object per value)
        if self._most is None:
            kept = self._pictures.get(place)
        else:
            place = (place, look)
            kept = self._recent(place)
        if kept is None or kept[1] != look or not (kept[0] is content or kept[0] == content):
            self._pictures[place] = (content, look, None)   # seen once: painted directly
            paint_directly(painter, option, index)
            return
        picture = kept[2]
        if picture is None:                                 # seen again unchanged: its picture is made
            picture = _made(painter, option, index, paint_directly)
            if picture is None:
                paint_directly(painter, option, index)
                return
            self._pictures[place] = (content, look, picture)
        colour, left, top, part, phase = picture
        if phase is None:
            painter.fillRect(rect, colour)
            if part is not None:
                painter.drawImage(x + left, y + top, part)
        elif not _drawn_on_device(painter, rect, picture):   # (moved by a fraction of a pixel)
            self._pictures[place] = (content, look, None)
            paint_directly(painter, option, index)

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


# the item's colour; where the rest goes (logical pixels; device pixels from the item's first
# whole device pixel when painted on a fractional scale) and what it is; on a fractional scale,
# the fraction of a device pixel the item starts at (None on a whole scale)
Picture = tuple[QColor, int, int, "QImage | None", "tuple[float, float] | None"]


def _made(painter: QPainter, option: QStyleOptionViewItem, index, paint_directly: Callable) -> Picture | None:
    """The item's picture (None when it is better painted directly)."""
    if option.rect.width() <= 0 or option.rect.height() <= 0 or option.state & QStyle.StateFlag.State_Selected:
        return None   # (a selected item's translucent shade blends as the view's surface does)
    scale = painter.device().devicePixelRatio()
    if scale == int(scale):
        return _painted(option, index, paint_directly, int(scale))
    if option.state & QStyle.StateFlag.State_HasFocus or index.data(Qt.ItemDataRole.DecorationRole) is not None:
        return None
    return _painted_on_device(painter, option, index, paint_directly)


def _painted(option: QStyleOptionViewItem, index, paint_directly: Callable, scale: int) -> Picture:
    """The item painted as its view paints it, kept as its one colour and the part that differs."""
    width, height = option.rect.width(), option.rect.height()
    picture = QImage(width * scale, height * scale, QImage.Format.Format_RGB32)
    picture.setDevicePixelRatio(scale)
    picture.fill(option.palette.color(QPalette.ColorRole.Base))   # the view's background under it
    painter = QPainter(picture)
    moved = QStyleOptionViewItem(option)
    moved.rect = QRect(0, 0, width, height)
    _paint_item(painter, moved, index, paint_directly)
    colour, part = _one_colour_and_rest(picture)
    if part.isEmpty():
        return colour, 0, 0, None, None
    left, top = part.left() // scale, part.top() // scale                # in whole logical pixels
    right, bottom = -(-(part.right() + 1) // scale), -(-(part.bottom() + 1) // scale)
    kept = picture.copy(left * scale, top * scale, (right - left) * scale, (bottom - top) * scale)
    kept.setDevicePixelRatio(scale)
    return colour, left, top, kept, None


def _painted_on_device(painter: QPainter, option: QStyleOptionViewItem, index, paint_directly: Callable) -> Picture | None:
    """The item painted as its view paints it on a fractional scale: at the same fraction of a
    device pixel, kept in device pixels — those its rectangle fills (Qt rounds a filled
    rectangle's edges to the nearest pixel edge), as its one colour and the part that differs."""
    device = painter.deviceTransform()
    if device.isRotating() or not device.isAffine():
        return None
    x0, y0, x1, y1 = _on_device(device, option.rect)
    if min(x0, y0) < 0:
        return None
    first_x, first_y = math.floor(x0), math.floor(y0)
    picture = QImage(math.ceil(x1) - first_x, math.ceil(y1) - first_y, QImage.Format.Format_RGB32)
    picture.fill(option.palette.color(QPalette.ColorRole.Base))
    on_picture = QPainter(picture)
    on_picture.setWorldTransform(device * QTransform.fromTranslate(-first_x, -first_y))
    _paint_item(on_picture, option, index, paint_directly)
    left, top = _round(x0) - first_x, _round(y0) - first_y
    filled = picture.copy(left, top, _round(x1) - first_x - left, _round(y1) - first_y - top)
    colour, part = _one_colour_and_rest(filled)
    rest = None if part.isEmpty() else filled.copy(part)
    return colour, left + part.left(), top + part.top(), rest, (x0 - first_x, y0 - first_y)


def _drawn_on_device(painter: QPainter, rect: QRect, picture: Picture) -> bool:
    """Draw a picture made by ``_painted_on_device`` for an item at ``rect``; False when the item
    now starts at another fraction of a device pixel (not drawn)."""
    colour, left, top, part, phase = picture
    device = painter.deviceTransform()
    x0, y0, _, _ = _on_device(device, rect)
    first_x, first_y = math.floor(x0), math.floor(y0)
    if (x0 - first_x, y0 - first_y) != phase or device.isRotating() or not device.isAffine():
        return False
    painter.fillRect(rect, colour)
    if part is not None:
        painter.save()
        painter.setWorldTransform(device.inverted()[0], True)   # (drawn in device pixels)
        painter.drawImage(first_x + left, first_y + top, part)
        painter.restore()
    return True


def _on_device(device: QTransform, rect: QRect) -> tuple[float, float, float, float]:
    """The edges of ``rect`` in device pixels, as the painter maps them."""
    return (rect.x() * device.m11() + device.dx(), rect.y() * device.m22() + device.dy(),
            (rect.x() + rect.width()) * device.m11() + device.dx(), (rect.y() + rect.height()) * device.m22() + device.dy())


def _round(edge: float) -> int:
    """A filled rectangle's edge as Qt rounds it to a pixel edge (``qRound``)."""
    return int(edge + 0.5)


def _paint_item(painter: QPainter, option: QStyleOptionViewItem, index, paint_directly: Callable) -> None:
    """What the view paints in the item's rectangle: the style's row panel, then the delegate."""
    view = option.widget
    view.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewRow, option, painter, view)
    paint_directly(painter, option, index)
    painter.end()


def _one_colour_and_rest(picture: QImage) -> tuple[QColor, QRect]:
    """The picture's colour (its first pixel's) and the rectangle of the pixels of other colours."""
    corner = picture.pixel(0, 0)
    # (the mask is set where the colour is; as a bitmap, where it is not: the region of the rest)
    differs = QRegion(QBitmap.fromImage(picture.createMaskFromColor(corner, Qt.MaskMode.MaskInColor)))
    return QColor.fromRgb(corner), differs.boundingRect()
