"""The grid's cells with last year's figure under this year's (视图→显示上年数).

``PriorDelegate`` is the grid's own delegate (same editor, same keys) with a painting of its own:
the figure at the top of the cell as usual, and under it, in small grey text, last year's figure
on the left (``≈5`` when the other version's closest cell holds it) and the change on the right
(``+12 +7%``; the percentage dropped first when the cell is narrow).  A cell without a counterpart
last year shows nothing there; its tooltip says why.  Installed only while the setting is on.
Like the plain one it draws a cell from its kept picture (``CellPictures``) while the cell and last
year's figure are the same.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem, QToolTip

from ..core.year_compare import Prior, prior_explained, prior_text, year_change
from .grid_view import CellDelegate

PRIOR_COLOUR = QColor("#7b8494")
CHANGE_COLOUR = QColor("#5c6675")
SCALE = 0.82   # the small text against the grid's font
INSET = 3


def small_font(font: QFont) -> QFont:
    small = QFont(font)
    small.setBold(False)
    small.setPointSizeF(max(font.pointSizeF() * SCALE, 6.0))
    return small


def value_room(grid) -> int:
    """How much taller a row holding figures is made for the line under them."""
    return QFontMetrics(small_font(grid.font())).height() + 1


class PriorDelegate(CellDelegate):
    def __init__(self, view, source) -> None:
        """``source``: ``prior(key)``, ``value(key)``, ``kind(key)``, ``last_name()`` (the ``YearView``)."""
        super().__init__(view)
        self._source = source
        self._small = small_font(view.font())
        self._fm = QFontMetrics(self._small)

    def _prior_at(self, index) -> tuple[object, Prior] | None:
        model = index.model()
        g = model.grid_cell(index.row(), index.column()) if model is not None else None
        if g is None or g.key is None:
            return None
        prior = self._source.prior(g.key)
        return (g.key, prior) if prior is not None else None

    def paint(self, painter, option, index) -> None:
        found = self._prior_at(index)
        if found is None:
            super().paint(painter, option, index)
            return
        # drawn from its kept picture while the cell and last year's figure are the same
        place = (index.row(), index.column())
        self.pictures.paint(painter, option, index, self._paint_with_prior, place,
                            (index.model().painted(*place), found[1]))

    def _paint_with_prior(self, painter, option, index) -> None:
        found = self._prior_at(index)
        if found is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.displayAlignment = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        self._paint_prior(painter, opt.rect, *found)

    def texts(self, key, prior: Prior, width: int) -> tuple[str, str]:
        """What the line under a figure says, left and right, cut to ``width`` pixels."""
        left = prior_text(prior)
        change = year_change(self._source.value(key), prior, self._source.kind(key))
        right = change.short() if change is not None else ""
        fits = self._fm.horizontalAdvance
        if left and right and fits(left) + fits(right) + 2 * INSET > width:
            right = change.short(percent=False) if change is not None else ""
            if fits(left) + fits(right) + 2 * INSET > width:
                right = ""
        return left, right

    def _paint_prior(self, painter, rect: QRect, key, prior: Prior) -> None:
        line = QRect(rect.left() + INSET, rect.bottom() - self._fm.height(), rect.width() - 2 * INSET, self._fm.height())
        left, right = self.texts(key, prior, line.width())
        if not (left or right):
            return
        painter.save()
        painter.setFont(self._small)
        painter.setPen(PRIOR_COLOUR)
        painter.drawText(line, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), left)
        painter.setPen(CHANGE_COLOUR)
        painter.drawText(line, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), right)
        painter.restore()

    def explain(self, index) -> str | None:
        """The tooltip line about last year's figure of the cell at ``index``."""
        found = self._prior_at(index)
        if found is None:
            return None
        key, prior = found
        change = year_change(self._source.value(key), prior, self._source.kind(key))
        return prior_explained(prior, change, self._source.last_name())

    def helpEvent(self, event, view, option, index) -> bool:  # noqa: N802 - a Qt override
        if event.type() == QEvent.Type.ToolTip:
            line = self.explain(index)
            if line:
                own = index.data(Qt.ItemDataRole.ToolTipRole)
                QToolTip.showText(event.globalPos(), f"{own}\n{line}" if own else line, view)
                return True
        return super().helpEvent(event, view, option, index)
