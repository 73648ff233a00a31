"""How wide a table's columns are and how tall its rows, from the declared grid and the font.

A column is as wide as its content: a label as its text (within limits), a column of figures as its
header on lines of up to seven characters.  When the table is wider than the room on the screen
(表四's fifteen columns on a 1366×768 screen, or at 125 %/150 % scaling) the columns are narrowed
toward the least they need — a header wraps onto more lines (two characters at least), a figure
keeps room for three digits or the widest one it holds — so that the figures and their headers are
seen together without scrolling sideways.  The rows then grow to the wrapped text.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from ..core.forms import Role
from .fonts import bold_font

PADDING = 10              # pixels around a cell's text
PAINTED_MARGINS = 6       # of a cell's width, what its text is not painted in: 3 px a side (the
#                           style's focus-frame margin and 1, as Qt's item delegate paints it)
TIGHT_PADDING = 6         # around a figure or a header in a narrowed column
HEADER_LINE_CHARS = 7     # a header up to this many characters stays on one line
VALUE_MIN_WIDTH_CHARS = 6.6
FIGURE_ROOM = "888"       # a narrowed column keeps room for three digits (more when it holds more)
HEADER_LEAST_CHARS = 2    # … and for two characters of its header on a line
LABEL_LEAST_CHARS = 6     # a long row label wraps onto lines of six characters at the least


def natural_widths(spec, fm: QFontMetrics) -> list[int]:
    """Label columns as wide as their labels (within limits), value columns fit their headers."""
    em = fm.horizontalAdvance("国")
    widths = [0] * spec.n_cols
    has_label = [False] * spec.n_cols
    for g in spec.grid:
        if g.colspan != 1:
            continue
        if g.role is Role.LABEL:
            has_label[g.col] = True
            limit = 5 * em if g.rowspan > 1 else 17 * em
            widths[g.col] = max(widths[g.col], min(fm.horizontalAdvance(g.text), limit) + PADDING)
        elif g.role is Role.HEADER:
            widths[g.col] = max(widths[g.col], min(fm.horizontalAdvance(g.text), HEADER_LINE_CHARS * em) + PADDING)
    value_width = int(VALUE_MIN_WIDTH_CHARS * em)
    for c in range(spec.n_cols):
        widths[c] = max(widths[c], 4 * em if has_label[c] else value_width)
    if spec.n_cols <= 4:  # a narrow table (二) gets equal columns, as in the official template
        widths = [max(widths)] * spec.n_cols
    return widths


class FigureMetrics:
    """How wide a figure is drawn at the widest: its digits in the bold face (a total's), Chinese in
    it (万元) as bold Chinese is drawn (``fonts.bold_font``: measured in the bold face, it would make
    the font engine read that face's glyphs — megabytes held for nothing)."""

    def __init__(self, font) -> None:
        bold = type(font)(font)
        bold.setBold(True)
        self._latin, self._chinese = QFontMetrics(bold), QFontMetrics(bold_font(font))

    def horizontalAdvance(self, text: str) -> int:  # noqa: N802 - QFontMetrics' name
        other = "".join(ch for ch in text if not ch.isascii())
        latin = self._latin.horizontalAdvance("".join(ch for ch in text if ch.isascii()))
        return latin + (self._chinese.horizontalAdvance(other) if other else 0)


def least_widths(spec, fm: QFontMetrics, figures: dict[int, list[str]], natural: list[int],
                 figure_fm: FigureMetrics | None = None) -> list[int]:
    """The least each column may be narrowed to: its figures (``figures``: the texts shown in each
    column, measured with ``figure_fm``, else ``fm``) and a few characters of its header or label on
    a line; never more than ``natural``."""
    em = fm.horizontalAdvance("国")
    measure = figure_fm or fm
    least = [0] * spec.n_cols
    for g in spec.grid:
        if g.colspan == 1 and g.role is Role.LABEL:
            chars = LABEL_LEAST_CHARS if g.rowspan == 1 else HEADER_LEAST_CHARS
            least[g.col] = max(least[g.col], min(fm.horizontalAdvance(g.text), chars * em) + TIGHT_PADDING)
    for c in range(spec.n_cols):
        texts = [FIGURE_ROOM, *figures.get(c, ())]
        widest = max(measure.horizontalAdvance(t) for t in texts)
        least[c] = max(least[c], widest + TIGHT_PADDING, HEADER_LEAST_CHARS * em + PADDING)
    return [min(lo, hi) for lo, hi in zip(least, natural)]


def fit(natural: list[int], least: list[int], room: int) -> list[int]:
    """``natural`` widths, narrowed toward ``least`` in proportion to what each can give, so that
    they add up to ``room`` at most (to ``least`` when even that is too wide)."""
    total = sum(natural)
    if room <= 0 or total <= room:
        return list(natural)
    slack = total - sum(least)
    if slack <= 0 or sum(least) >= room:
        return list(least)
    keep = (room - sum(least)) / slack
    widths = [lo + int((hi - lo) * keep) for lo, hi in zip(least, natural)]
    return widths


def balance(spec, fm: QFontMetrics, widths: list[int], least: list[int]) -> list[int]:
    """Narrowed columns made as narrow as their wrapped header needs, its lines of even length
    (“结果/维持”, not “结果维/持”), but never below ``least``."""
    balanced = list(widths)
    for g in spec.grid:
        if g.role is not Role.HEADER or g.colspan != 1 or not g.text:
            continue
        per_char = fm.horizontalAdvance(g.text) / len(g.text)
        fits = max(1, int((widths[g.col] - PADDING) / per_char))
        if fits >= len(g.text):
            continue
        lines = -(-len(g.text) // fits)
        need = int(-(-len(g.text) // lines) * per_char) + PADDING + 1
        balanced[g.col] = max(least[g.col], min(balanced[g.col], need))
    return balanced


def row_heights(spec, widths: list[int], font, value_room: int = 0) -> list[int]:
    """Each row as tall as its text wrapped in ``widths`` as it is painted there (a cell spanning
    rows shares out what it needs more); rows holding figures ``value_room`` pixels taller."""
    fm_plain, fm_bold = QFontMetrics(font), QFontMetrics(bold_font(font))
    heights = [fm_plain.height() + PADDING - 2] * spec.n_rows
    tall: list[tuple[int, int, int]] = []
    for g in spec.grid:
        if not g.text:
            continue
        width = sum(widths[g.col:g.col + g.colspan]) - PAINTED_MARGINS   # (wrapped where painted)
        fm = fm_bold if g.role in (Role.HEADER, Role.CAPTION) else fm_plain
        need = fm.boundingRect(QRect(0, 0, max(width, 20), 10000),
                               int(Qt.TextFlag.TextWordWrap), g.text).height() + PADDING
        if g.rowspan == 1:
            heights[g.row] = max(heights[g.row], need)
        else:
            tall.append((g.row, g.rowspan, need))
    for row, span, need in tall:
        have = sum(heights[row:row + span])
        if need > have:
            extra = need - have
            for r in range(row, row + span):
                heights[r] += extra // span + (1 if r - row < extra % span else 0)
    if value_room:
        for r in {g.row for g in spec.grid if g.key is not None}:
            heights[r] += value_room
    return heights
