"""A bar chart drawn with QPainter: this year beside last year, or the units of a consolidation.

It paints a ``core.year_charts.BarChart`` and nothing else: the figures come from there.  Bars
side by side (one per series) or stacked; the value over each bar where it fits; the category under
the mouse highlighted and named in a tooltip (a unit's full name when its label is cut or left out);
``render_image``/``save_png`` paint the same picture at any size for a slide.  Imported only when a
chart is first shown (start-up never pays for it).

PySide6-Essentials has no QtCharts, and a plotting library would add tens of megabytes to the
installer for a few bar charts: QPainter draws them in a few hundred lines, in the application's
own (Chinese) font.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..core.records import record
from ..core.values import format_value
from ..core.year_charts import BarChart, Figure

YEAR_COLOURS = ("#2f6fd0", "#a7b1bf")   # this year, last year
GROUP_COLOURS = ("#2f6fd0", "#56a468", "#e3a21a", "#d9534f", "#8e6cc0", "#3fb0c9", "#9aa3ad", "#c46fa0")
AXIS, GRID, TEXT, NOTE, HOVER = "#6b7280", "#e3e7ed", "#1f2937", "#6b7280", "#eef3fb"
MARGIN, GAP = 12.0, 6.0
EXPORT_SIZE = QSize(1280, 720)   # a 16:9 slide, painted at twice the resolution


@record
class Bar:
    """One painted bar: which category and series, where, and the figure it stands for."""

    category: int
    series: int
    rect: QRectF
    value: Figure


@record
class _Frame:
    """Where the parts of the chart go in a rectangle."""

    title: QRectF
    title_lines: list[str]  # the title (with its unit) as painted, wrapped to the chart's width
    note: QRectF
    note_lines: list[str]
    legend: list[QPointF]  # where each series' key goes (top-left), in as many lines as it takes
    plot: QRectF
    top: float            # the figure at the top of the axis
    step: float           # between two grid lines
    labels: bool          # the category labels fit under the bars


def chart_font(base: QFont) -> QFont:
    """``base`` with a Chinese font behind it when its own family has no Chinese characters (a
    picture exported on a machine whose UI font is Latin still shows the labels)."""
    font = QFont(base)
    if QFontDatabase.WritingSystem.SimplifiedChinese not in QFontDatabase.writingSystems(font.family()):
        chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
        if chinese:
            font.setFamilies([font.family(), chinese[0]])
    return font


def nice_scale(largest: float) -> tuple[float, float]:
    """The axis' top and step: 1, 2 or 5 times a power of ten, four or five steps, whole numbers."""
    if largest <= 0:
        return 1.0, 1.0
    raw = largest / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(step, 1.0)
    return step * math.ceil(largest / step), step


def colours(chart: BarChart) -> list[QColor]:
    palette = GROUP_COLOURS if chart.stacked or len(chart.series) > len(YEAR_COLOURS) else YEAR_COLOURS
    return [QColor(palette[i % len(palette)]) for i in range(len(chart.series))]


class BarChartView(QWidget):
    hovered = Signal(int)   # the category under the mouse (-1: none)

    def __init__(self, chart: BarChart | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(chart_font(self.font()))
        self.setMouseTracking(True)
        self.setMinimumSize(240, 220)   # (two side by side under 表四 on a 1366×768 screen at 150 %)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.chart: BarChart | None = chart
        self.hovered_category = -1
        self._font_scale = 1.0   # text grows on a large picture (a slide): ``picture_scale``

    def sizeHint(self) -> QSize:  # noqa: N802 - a Qt override
        return QSize(640, 320)

    def set_chart(self, chart: BarChart | None) -> None:
        self.chart = chart
        self.hovered_category = -1
        self.update()

    # -- geometry -------------------------------------------------------------------------------

    def _small(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(self.font().pointSizeF() * 0.85, 6.0) * self._font_scale)
        return font

    def _frame(self, rect: QRectF) -> _Frame:
        chart = self.chart
        assert chart is not None
        fm, small = QFontMetricsF(self._title_font()), QFontMetricsF(self._small())
        y, width = rect.top() + MARGIN, rect.width() - 2 * MARGIN
        title_lines = wrap_phrases(fm, self.heading(), width, 2)
        title = QRectF(rect.left() + MARGIN, y, width, fm.height() * len(title_lines))
        y += title.height()
        note_lines = wrap_phrases(small, chart.note, width, 2) if chart.note else []
        note = QRectF(title.left(), y, width, small.height() * len(note_lines))
        y += note.height() + GAP
        legend, y = self._legend(small, title.left(), title.right(), y)
        top, step = nice_scale(float(chart.largest()))
        axis = max(small.horizontalAdvance(format_value(int(top))), small.horizontalAdvance("0")) + 2 * GAP
        band = (rect.width() - 2 * MARGIN - axis) / max(len(chart.categories), 1)
        labels = band >= small.horizontalAdvance("国国国")   # two lines of three: a name to read
        bottom = rect.bottom() - MARGIN - (2 * small.height() + GAP if labels else GAP)
        plot = QRectF(rect.left() + MARGIN + axis, y + small.height(), band * len(chart.categories),
                      max(bottom - y - small.height(), 10.0))
        return _Frame(title, title_lines, note, note_lines, legend, plot, top, step, labels)

    def _legend(self, fm: QFontMetricsF, left: float, right: float, y: float) -> tuple[list[QPointF], float]:
        """The series' keys from left to right, wrapping to a new line at ``right``; the y under them."""
        assert self.chart is not None
        places, x = [], left
        for series in self.chart.series:
            width = fm.height() * 0.6 + 4 + fm.horizontalAdvance(series.name) + 3 * GAP
            if x > left and x + width > right:
                x, y = left, y + fm.height()
            places.append(QPointF(x, y))
            x += width
        return places, y + fm.height() + GAP

    def heading(self) -> str:
        """The chart's title as painted: its name and unit."""
        assert self.chart is not None
        return f"{self.chart.title}（单位：{self.chart.unit}）"

    def heading_lines(self) -> list[str]:
        """The title's lines as painted in the widget (wrapped rather than cut at its right edge)."""
        return self._frame(QRectF(self.rect())).title_lines if self.chart is not None else []

    def _title_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(self.font().pointSizeF() * 1.1 * self._font_scale)
        return font

    def bars(self, rect: QRectF | None = None, picture: bool = False) -> list[Bar]:
        """Every bar as painted in ``rect`` (default: the widget; ``picture``: as ``render_charts``
        paints it there): the chart's data, placed."""
        if self.chart is None or not self.chart.categories:
            return []
        rect = rect if rect is not None else QRectF(self.rect())
        shown, self._font_scale = self._font_scale, picture_scale(rect) if picture else 1.0
        try:
            return self._bars(self._frame(rect))
        finally:
            self._font_scale = shown

    def _bars(self, frame: _Frame) -> list[Bar]:
        chart, plot = self.chart, frame.plot
        assert chart is not None
        band = plot.width() / len(chart.categories)
        n = 1 if chart.stacked else len(chart.series)
        width = min(band * 0.7 / n, 48.0 * self._font_scale)
        out = []
        for c in range(len(chart.categories)):
            left = plot.left() + c * band + (band - width * n) / 2
            base = plot.bottom()
            for s in range(len(chart.series)):
                value = chart.value(c, s)
                height = 0.0 if value is None else plot.height() * float(value) / frame.top
                x = left if chart.stacked else left + s * width
                bottom = base if chart.stacked else plot.bottom()
                out.append(Bar(c, s, QRectF(x, bottom - height, width, height), value))
                if chart.stacked:
                    base -= height
        return out

    def category_at(self, pos: QPointF) -> int:
        """The category whose band holds ``pos`` (-1: outside the bars)."""
        if self.chart is None or not self.chart.categories:
            return -1
        plot = self._frame(QRectF(self.rect())).plot
        if not (plot.left() <= pos.x() < plot.right()) or pos.y() > self.height() - MARGIN:
            return -1
        return int((pos.x() - plot.left()) / (plot.width() / len(self.chart.categories)))

    def describe(self, category: int) -> str:
        """What the tooltip says about a category: its full name and every figure."""
        chart = self.chart
        assert chart is not None
        lines = [chart.detail(category)]
        for s, series in enumerate(chart.series):
            value = chart.value(category, s)
            if chart.stacked and not value:
                continue   # a stack names its parts, not the groups it has none of
            lines.append(f"{series.name}：" + ("无对应数字" if value is None else f"{format_value(value)}{chart.unit}"))
        if chart.stacked:
            lines.append(f"合计：{format_value(chart.category_total(category))}{chart.unit}")
        return "\n".join(lines)

    # -- painting -------------------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802 - a Qt override
        painter = QPainter(self)
        self.paint(painter, QRectF(self.rect()))
        painter.end()

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(rect, QColor("white"))
        if self.chart is None or not self.chart.categories:
            painter.setPen(QColor(NOTE))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "没有可显示的数字")
            return
        frame = self._frame(rect)
        self._paint_heading(painter, frame)
        self._paint_axis(painter, frame)
        bars = self._bars(frame)
        self._paint_hover(painter, frame)
        self._paint_bars(painter, bars)
        self._paint_categories(painter, frame)

    def _paint_heading(self, painter: QPainter, frame: _Frame) -> None:
        chart = self.chart
        assert chart is not None
        painter.setFont(self._title_font())
        painter.setPen(QColor(TEXT))
        _paint_lines(painter, frame.title, frame.title_lines)
        small = self._small()
        painter.setFont(small)
        painter.setPen(QColor(NOTE))
        _paint_lines(painter, frame.note, frame.note_lines)
        fm = QFontMetricsF(small)
        for colour, series, place in zip(colours(chart), chart.series, frame.legend):
            box = QRectF(place.x(), place.y() + fm.height() * 0.2, fm.height() * 0.6, fm.height() * 0.6)
            painter.fillRect(box, colour)
            painter.setPen(QColor(TEXT))
            painter.drawText(QPointF(box.right() + 4, place.y() + fm.ascent()), series.name)

    def _paint_axis(self, painter: QPainter, frame: _Frame) -> None:
        plot, fm = frame.plot, QFontMetricsF(self._small())
        labels = dict(self.axis_labels(frame))
        steps = round(frame.top / frame.step)
        for i in range(steps + 1):
            y = plot.bottom() - plot.height() * i / steps
            painter.setPen(QPen(QColor(GRID if i else AXIS), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            text = labels.get(y)
            if text is not None:
                painter.setPen(QColor(NOTE))
                painter.drawText(QPointF(plot.left() - GAP - fm.horizontalAdvance(text), y + fm.ascent() / 2 - 1), text)

    def axis_labels(self, frame: _Frame | None = None) -> list[tuple[float, str]]:
        """The figures written beside the grid lines, at their heights: every line's, or every
        second's (third's …) where the chart is too low for each to have a line of its own (a small
        screen: they were written over each other)."""
        frame = frame or self._frame(QRectF(self.rect()))
        plot, steps = frame.plot, round(frame.top / frame.step)
        every = max(1, math.ceil(QFontMetricsF(self._small()).height() / (plot.height() / steps)))
        return [(plot.bottom() - plot.height() * i / steps, format_value(int(frame.step * i)))
                for i in range(0, steps + 1, every)]

    def _paint_hover(self, painter: QPainter, frame: _Frame) -> None:
        if self.hovered_category < 0 or self.chart is None:
            return
        band = frame.plot.width() / len(self.chart.categories)
        painter.fillRect(QRectF(frame.plot.left() + self.hovered_category * band, frame.plot.top(), band,
                                frame.plot.height()), QColor(HOVER))

    def _paint_bars(self, painter: QPainter, bars: list[Bar]) -> None:
        chart = self.chart
        assert chart is not None
        palette = colours(chart)
        fm = QFontMetricsF(self._small())
        painter.setFont(self._small())
        if chart.stacked:
            self._paint_stack_totals(painter, bars, fm)
        for bar in bars:
            if bar.value is None:   # no figure to compare: a dash on the axis, never a bar of 0
                painter.setPen(QPen(QColor(NOTE), 1, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(bar.rect.left(), bar.rect.bottom() - 1), QPointF(bar.rect.right(), bar.rect.bottom() - 1))
                continue
            painter.fillRect(bar.rect, palette[bar.series])
            text = format_value(bar.value)
            if chart.stacked:
                if bar.value and bar.rect.height() >= fm.height() and bar.rect.width() >= fm.horizontalAdvance(text) + 2:
                    painter.setPen(QColor("white"))
                    painter.drawText(bar.rect, Qt.AlignmentFlag.AlignCenter, text)
            elif bar.rect.width() + 2 * GAP >= fm.horizontalAdvance(text):
                painter.setPen(QColor(TEXT))
                painter.drawText(QRectF(bar.rect.center().x() - 40, bar.rect.top() - fm.height(), 80, fm.height()),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)

    def _paint_stack_totals(self, painter: QPainter, bars: list[Bar], fm: QFontMetricsF) -> None:
        """The total over each stack, where it fits."""
        assert self.chart is not None
        painter.setPen(QColor(TEXT))
        for c in range(len(self.chart.categories)):
            stack = [b for b in bars if b.category == c]
            text = format_value(self.chart.category_total(c))
            if stack and stack[0].rect.width() + 2 * GAP >= fm.horizontalAdvance(text):
                top = min(b.rect.top() for b in stack)
                painter.drawText(QRectF(stack[0].rect.center().x() - 40, top - fm.height(), 80, fm.height()),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)

    def _paint_categories(self, painter: QPainter, frame: _Frame) -> None:
        chart = self.chart
        assert chart is not None
        plot, fm = frame.plot, QFontMetricsF(self._small())
        painter.setPen(QColor(TEXT))
        if not frame.labels:
            painter.setPen(QColor(NOTE))
            painter.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), fm.height()),
                             Qt.AlignmentFlag.AlignCenter, "（单位较多，名称见鼠标所指处）")
            return
        band = plot.width() / len(chart.categories)
        for c, name in enumerate(chart.categories):
            lines = wrap(fm, name, band - 4, 2)
            for i, line in enumerate(lines):
                painter.drawText(QRectF(plot.left() + c * band, plot.bottom() + 3 + i * fm.height(), band, fm.height()),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, line)

    # -- the mouse ------------------------------------------------------------------------------

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - a Qt override
        category = self.category_at(event.position())
        if category != self.hovered_category:
            self.hovered_category = category
            self.hovered.emit(category)
            self.update()
        if category >= 0:
            QToolTip.showText(event.globalPosition().toPoint(), self.describe(category), self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802 - a Qt override
        if self.hovered_category >= 0:
            self.hovered_category = -1
            self.hovered.emit(-1)
            self.update()
        super().leaveEvent(event)

    # -- pictures -------------------------------------------------------------------------------

    def render_image(self, size: QSize = EXPORT_SIZE, scale: float = 2.0) -> QImage:
        """The chart painted on a white picture of ``size`` (logical pixels) at ``scale``× resolution."""
        return render_charts([self], size, scale)

    def save_png(self, path: str | Path, size: QSize = EXPORT_SIZE) -> bool:
        return self.render_image(size).save(str(path), "PNG")


def render_charts(views: list[BarChartView], size: QSize = EXPORT_SIZE, scale: float = 2.0,
                  vertical: bool = False) -> QImage:
    """The charts of ``views`` side by side (``vertical``: one above the other) on one white picture
    of ``size`` (logical pixels) at ``scale``× resolution — for a slide: no mouse highlight."""
    image = QImage(int(size.width() * scale), int(size.height() * scale), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(QColor("white"))
    painter = QPainter(image)
    n = max(len(views), 1)
    width, height = (size.width(), size.height() / n) if vertical else (size.width() / n, size.height())
    for i, view in enumerate(views):
        place = QRectF(0, i * height, width, height) if vertical else QRectF(i * width, 0, width, height)
        hovered, view.hovered_category = view.hovered_category, -1
        shown, view._font_scale = view._font_scale, picture_scale(place)
        try:
            view.paint(painter, place)
        finally:
            view.hovered_category, view._font_scale = hovered, shown
    painter.end()
    return image


def picture_scale(rect: QRectF) -> float:
    """How much larger the text is on a picture of a chart this large than on the screen."""
    return min(max(rect.height() / 300, 1.0), 2.0)


def _paint_lines(painter: QPainter, rect: QRectF, lines: list[str]) -> None:
    """``lines`` one under the other in ``rect``, left-aligned, each its share of the height."""
    height = rect.height() / max(len(lines), 1)
    for i, line in enumerate(lines):
        painter.drawText(QRectF(rect.left(), rect.top() + i * height, rect.width(), height),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)


def wrap_phrases(fm: QFontMetricsF, text: str, width: float, max_lines: int) -> list[str]:
    """``text`` in lines of at most ``width``, broken before a bracket or after a comma where it can
    (``一、本年新收…数量`` / ``（按申请人类型）（单位：件）``) so a bracketed part stays whole, else
    anywhere (``wrap``); the last line cut with “…” only when ``max_lines`` are not enough."""
    phrases, phrase = [], ""
    for ch in text:
        if ch == "（" and phrase:
            phrases.append(phrase)
            phrase = ""
        phrase += ch
        if ch in "，；。":
            phrases.append(phrase)
            phrase = ""
    phrases += [phrase] if phrase else []
    lines: list[str] = []
    for part in phrases:
        if lines and fm.horizontalAdvance(lines[-1] + part) <= width:
            lines[-1] += part
        else:
            lines += wrap(fm, part, width, max_lines)
    if len(lines) > max_lines:
        return lines[:max_lines - 1] + [fm.elidedText("".join(lines[max_lines - 1:]), Qt.TextElideMode.ElideRight, width)]
    return lines


def wrap(fm: QFontMetricsF, text: str, width: float, max_lines: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` (any character may end a line, as Chinese
    does), the last cut with “…” when it does not fit in ``max_lines``."""
    lines, line = [], ""
    for ch in text:
        if line and fm.horizontalAdvance(line + ch) > width:
            lines.append(line)
            line = ""
        line += ch
    lines.append(line)
    if len(lines) > max_lines:
        rest = "".join(lines[max_lines - 1:])
        lines = lines[:max_lines - 1] + [fm.elidedText(rest, Qt.TextElideMode.ElideRight, width)]
    return lines
