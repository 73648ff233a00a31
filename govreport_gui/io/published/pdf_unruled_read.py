"""The figures of a statistical table printed without rules, read from where its words stand —
only when its rows and columns can be told with certainty; otherwise nothing is read (the clerk
gets ``pdf_unruled``'s note).

A table printed from a web page whose borders were lost, or from Word with its borders removed,
still has its words where the cells were: row labels at the left, figures under their column
headers.  Read against the format's own grid of that table (``core.forms``):

* every data row's official label is found once, wrapped over lines or not, the labels in the
  format's order from top to bottom; each line of figures lies within the height of one label
  (a figure wrapped in a narrow column, ``1069`` over ``8``, lies within none: nothing is read);
* every column header above the figures is found, left to right in the format's order (a
  header over several columns — ``行政复议``, ``未经复议直接起诉`` — over its own columns);
* a row with a figure in every column gives each figure its column by order; a row with blanks
  gives each figure the column whose figures (in the full rows), or else whose header, it stands
  under — one column and only one, else nothing is read;
* nothing else lies among the figures (a word that is no figure beside them, a figure beside no
  label).

What is read becomes the table of the format's own layout with the figures as printed, and is
read and checked like a ruled one (printed totals compared with the recomputed ones).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ...core.forms import FORMS, Layout, Role, TableSpec
from ...core.forms.spec import GridCell
from ...core.values import BLANK_MARKS, normalise_text
from ..locate.labels import canonical_label

#: Words of one line differ this share of their height in their vertical centres at most.
SAME_LINE = 0.35
#: Pieces a label may be printed in (wrapped lines, letter-spaced words).
MAX_PIECES = 6
#: A figure stands under a header when one of its edges or its centre is this share of the
#: distance to the next column's header from the header's.
UNDER = 0.3
#: Points between the characters of one word.
WORD_GAP = 1.5
#: Share of their height two pieces of a figure may stand apart (columns stand wider apart).
FIGURE_GAP = 0.25
#: … and a figure and its unit (元, 万元).
UNIT_GAP = 0.6

_FIGURE = re.compile(r"^[+\-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:万?元)?$|^[+\-]?\d+(?:\.\d+)?(?:万?元)?$")
_MARKS = frozenset(normalise_text(m) for m in BLANK_MARKS) - {"", "n/a", "N/A"}


@dataclass(frozen=True)
class Word:
    text: str            # normalised
    x0: float
    x1: float
    top: float
    bottom: float
    page: int

    @property
    def size(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def figure(self) -> bool:
        return bool(_FIGURE.match(self.text)) or self.text in _MARKS


@dataclass(frozen=True)
class Place:
    """Where a label is printed: the words it is made of (a label the page breaks: on two pages)."""
    words: tuple[Word, ...]

    @property
    def page(self) -> int:
        return self.words[0].page

    @property
    def end_page(self) -> int:
        return self.words[-1].page

    @property
    def top(self) -> float:
        return min(w.top for w in self.words if w.page == self.page)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words if w.page == self.end_page)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    def beside(self, w: Word) -> bool:
        """``w`` stands within the height of the label's words on its page."""
        mine = [v for v in self.words if v.page == w.page]
        return bool(mine) and min(v.top for v in mine) - 0.15 * w.size <= w.cy <= max(v.bottom for v in mine) + 0.15 * w.size


def words_of(chars_by_page: dict[int, list[dict]], tidy: Callable[[str], str]) -> list[Word]:
    """The words of the characters, top to bottom, each page after the other."""
    from pdfplumber.utils import extract_words

    out = []
    for page, chars in sorted(chars_by_page.items()):
        for w in extract_words(chars, x_tolerance=WORD_GAP, y_tolerance=2):
            text = normalise_text(tidy(w["text"]))
            if text:
                out.append(Word(text, w["x0"], w["x1"], w["top"], w["bottom"], page))
    out.sort(key=lambda w: (w.page, w.top, w.x0))
    return _figures_joined(out)


_FIGURE_PIECE = re.compile(r"^[+\-]?[\d.,]+$")


def _figures_joined(words: list[Word]) -> list[Word]:
    """Pieces of one figure printed a little apart are one word: each character placed by
    itself, the producer's advance wider than the font's (``2.`` and ``5``); the unit in
    another font than the figure (``5.5`` and ``万元``)."""
    out: list[Word] = []
    for w in words:
        last = out[-1] if out else None
        if last is not None and _same_line(last, w) and _one_figure(last, w):
            out[-1] = Word(last.text + w.text, last.x0, w.x1, min(last.top, w.top), max(last.bottom, w.bottom), w.page)
        else:
            out.append(w)
    return out


def _one_figure(a: Word, b: Word) -> bool:
    gap = b.x0 - a.x1
    if not (0 <= gap and _FIGURE_PIECE.match(a.text) and _FIGURE.match(a.text + b.text)):
        return False
    unit = b.text in ("元", "万元")
    return gap <= (UNIT_GAP if unit else FIGURE_GAP) * a.size and bool(unit or _FIGURE_PIECE.match(b.text))


# ---------------------------------------------------------------------------------------------
# Labels as printed: one word, or pieces on one line or wrapped onto the next ones


def _same_line(a: Word, b: Word) -> bool:
    return a.page == b.page and abs(a.cy - b.cy) <= SAME_LINE * min(a.size, b.size)


def _follows(seq: tuple[Word, ...], w: Word, ends: dict[int, tuple[float, float]]) -> bool:
    """``w`` continues the text ``seq`` ends with: right after it on its line, or on the next line
    under the last line's words (when the page breaks it: from the page's last line to the next
    page's first; ``ends``: the top of each page's first words, the bottom of its last)."""
    last = seq[-1]
    if w in seq:
        return False
    if w.page == last.page + 1:
        return (last.bottom >= ends[last.page][1] - SAME_LINE * last.size and w.top <= ends[w.page][0] + SAME_LINE * w.size
                and w.x0 < last.x1 + last.size and w.x1 > last.x0 - last.size)
    if w.page != last.page:
        return False
    if _same_line(last, w):
        return 0 <= w.x0 - last.x1 <= 1.5 * last.size
    line = [v for v in seq if _same_line(v, last)]
    x0, x1 = min(v.x0 for v in line), max(v.x1 for v in line)
    return -0.2 * last.size <= w.top - last.bottom <= last.size and w.x0 < x1 and w.x1 > x0


def places(words: Sequence[Word], label: str) -> list[Place]:
    """Every place the label is printed among ``words`` (not figures)."""
    want = canonical_label(label)
    found: list[Place] = []
    ends: dict[int, tuple[float, float]] = {}
    for w in words:
        top, bottom = ends.get(w.page, (w.top, w.bottom))
        ends[w.page] = min(top, w.top), max(bottom, w.bottom)

    def extend(seq: tuple[Word, ...]) -> None:
        text = canonical_label("".join(w.text for w in seq))
        if text == want:
            if not any(set(p.words) == set(seq) for p in found):   # the same words reached twice
                found.append(Place(seq))
        elif want.startswith(text) and len(seq) < MAX_PIECES:
            for w in words:
                if w.page > seq[-1].page + 1:
                    break
                if _piece(w) and _follows(seq, w, ends):
                    extend((*seq, w))

    for w in words:
        if _piece(w) and want.startswith(canonical_label(w.text)):
            extend((w,))
    return found


def _piece(w: Word) -> bool:
    """A word that can be a piece of a label: no figure, and something of a label (a quotation
    mark alone, which labels are compared without, is none)."""
    return not w.figure and bool(canonical_label(w.text))


# ---------------------------------------------------------------------------------------------
# The format's table: its data rows, and the header cells above their figures


@dataclass(frozen=True)
class _Row:
    label: str | None            # None: 四's row of figures, which has no label
    cells: tuple[GridCell, ...]  # the value cells, left to right
    headers: tuple[GridCell, ...]  # each value cell's lowest header cell above it
    groups: tuple[GridCell, ...]   # the header cells above several of the row's value columns


def _rows(spec: TableSpec) -> list[_Row]:
    grid = spec.grid
    rows = []
    for r in sorted({g.row for g in grid if g.role in (Role.INPUT, Role.COMPUTED)}):
        cells = tuple(sorted((g for g in grid if g.row == r and g.role in (Role.INPUT, Role.COMPUTED)), key=lambda g: g.col))
        labels = [g for g in grid if g.row == r and g.role is Role.LABEL]
        label = max(labels, key=lambda g: g.col).text if labels else None
        above = [g for g in grid if g.role is Role.HEADER and g.row + g.rowspan <= r]
        headers: list[GridCell] = []
        groups: set[GridCell] = set()
        for cell in cells:
            over = [g for g in above if g.col <= cell.col and cell.col + cell.colspan <= g.col + g.colspan]
            nearest = max(over, key=lambda g: g.row)
            block = [g for g in over if g.row > max((c.row for c in grid if c.role is Role.CAPTION and c.row < r), default=-1)]
            headers.append(nearest)
            groups.update(g for g in block if g is not nearest and g.colspan > cell.colspan)
        rows.append(_Row(label, cells, tuple(headers), tuple(sorted(groups, key=lambda g: (g.row, g.col)))))
    return rows


# ---------------------------------------------------------------------------------------------
# Reading one table


class _Unsure(Exception):
    """The table cannot be read with certainty."""


def _figure_lines(words: Iterable[Word]) -> list[list[Word]]:
    """The figures in lines, each left to right; a figure wrapped in a narrow column (``1069``
    over ``8``, alone on their lines, one right under the other, centred on a line of other
    figures) is one figure of that line again."""
    lines: list[list[Word]] = []
    for w in sorted((w for w in words if w.figure), key=lambda w: (w.page, w.cy)):
        if lines and _same_line(lines[-1][0], w):
            lines[-1].append(w)
        else:
            lines.append([w])
    for i in range(len(lines) - 2):
        upper, row, lower = lines[i:i + 3]
        joined = _wrapped(upper, row, lower)
        if joined is not None:
            lines[i:i + 3] = [[], [*row, joined], []]
    return [sorted(line, key=lambda w: w.x0) for line in lines if line]


def _wrapped(upper: list[Word], row: list[Word], lower: list[Word]) -> Word | None:
    if len(upper) != 1 or len(lower) != 1 or len(row) < 2:
        return None
    a, b = upper[0], lower[0]
    centre = (a.top + b.bottom) / 2
    stacked = 0 <= b.top - a.bottom <= 0.3 * a.size and b.x0 < a.x1 and b.x1 > a.x0 and b.x1 - b.x0 <= a.x1 - a.x0
    beside = all(w.x1 < a.x0 or w.x0 > a.x1 for w in row)
    if not (stacked and beside and a.page == b.page == row[0].page and abs(centre - row[0].cy) <= SAME_LINE * a.size):
        return None
    return Word(a.text + b.text, a.x0, a.x1, a.top, b.bottom, a.page)


def _labelled(rows: list[_Row], words: list[Word]) -> dict[int, Place]:
    """Each labelled row's one place, in the format's order top to bottom."""
    found: dict[int, Place] = {}
    for i, row in enumerate(rows):
        if row.label is None:
            continue
        at = places(words, row.label)
        if len(at) != 1:
            raise _Unsure(f"{row.label}: {len(at)}")
        found[i] = at[0]
    order = [found[i] for i in sorted(found)]
    if any((b.page, b.top) <= (a.page, a.top) for a, b in zip(order, order[1:])):
        raise _Unsure("labels out of order")
    return found


def _row_figures(rows: list[_Row], labels: dict[int, Place], lines: list[list[Word]]) -> dict[int, list[Word]]:
    """The line of figures of each row: within its label's height, right of it; every line of
    figures belongs to one row, no row has two."""
    out: dict[int, list[Word]] = {}
    unlabelled = [i for i, row in enumerate(rows) if row.label is None]
    for line in lines:
        w = line[0]
        mine = [i for i, p in labels.items() if p.beside(w)]
        if not mine and unlabelled and not labels:
            mine = unlabelled
        if len(mine) != 1 or mine[0] in out:
            raise _Unsure(f"figures {[x.text for x in line]}")
        if mine[0] in labels and line[0].x0 <= labels[mine[0]].x1:
            raise _Unsure("figure left of its label")
        out[mine[0]] = line
    return out


def _key(w: Word | Place) -> tuple[int, float]:
    return w.page, w.top


def _zone(words: list[Word], start: tuple[int, float], end: tuple[int, float]) -> list[Word]:
    return [w for w in words if start <= _key(w) and (w.page, w.bottom) <= end and not w.figure]


def _anchors(block: list[_Row], zone: list[Word]) -> _Columns:
    """The header above each value column of the block, found in the zone above its rows, left to
    right in the format's order; the headers over several columns over their own columns."""
    headers = block[0].headers
    anchors: list[Place | None] = [None] * len(headers)
    for text in dict.fromkeys(h.text for h in headers):
        at = sorted(places(zone, text), key=lambda p: p.cx)
        under = [j for j, h in enumerate(headers) if h.text == text]   # the columns it heads
        if len(at) != len(under):
            raise _Unsure(f"header {text}: {len(at)}")
        for j, place in zip(under, at):
            anchors[j] = place
    found = [a for a in anchors if a is not None]
    if any(b.cx <= a.cx for a, b in zip(found, found[1:])):
        raise _Unsure("headers out of order")
    columns = _Columns(found, [c.colspan for c in block[0].cells])
    _check_groups(block[0], columns, zone, len(set(h.text for h in headers)) < len(headers))
    return columns


@dataclass(frozen=True)
class _Columns:
    """The headers of a block's value columns, left to right, and how many grid columns of the
    format each value column spans (2019 二's ``本年增/减`` spans two)."""
    anchors: list[Place]
    spans: list[int]

    def bounds(self, j: int) -> tuple[float, float]:
        """Where column ``j`` lies, its header centred over it: toward each neighbour's header in
        the share of their spans (a table's grid columns are as wide as each other)."""
        a, s = self.anchors, self.spans
        if len(a) == 1:
            return float("-inf"), float("inf")
        k = j + 1 if j + 1 < len(a) else j - 1
        unit = abs(a[k].cx - a[j].cx) / ((s[j] + s[k]) / 2)   # one grid column's width
        left = a[j].cx - (a[j].cx - a[j - 1].cx) * s[j] / (s[j - 1] + s[j]) if j else a[j].cx - s[j] * unit / 2
        last = len(a) - 1
        right = a[j].cx + (a[j + 1].cx - a[j].cx) * s[j] / (s[j] + s[j + 1]) if j < last else a[j].cx + s[j] * unit / 2
        return left, right


def _check_groups(row: _Row, columns: _Columns, zone: list[Word], needed: bool) -> None:
    """Each header over several columns stands over them (not found: only a doubt when the
    columns' own headers repeat, as 四's three groups of 结果维持 … 总计 do)."""
    cols = [(c.col, c.col + c.colspan) for c in row.cells]
    for group in row.groups:
        covered = [j for j, (a, b) in enumerate(cols) if group.col <= a and b <= group.col + group.colspan]
        at = places(zone, group.text)
        if not at:
            if needed:
                raise _Unsure(f"group {group.text}")
            continue
        left, right = columns.bounds(covered[0])[0], columns.bounds(covered[-1])[1]
        if not any(left <= p.cx <= right for p in at):
            raise _Unsure(f"group {group.text} elsewhere")


def _columns(line: list[Word], n: int, full: list[list[Word]], columns: _Columns) -> list[int]:
    """The column of each figure of a row: by order in a full row; under the full rows' figures,
    or else under the headers, in a row with blanks.  Each figure stands within its column's
    stretch of the header (halfway to the next headers): a column the format has not (a 小计 beside
    the official ones) leaves a figure outside, or two in one stretch."""
    if len(line) > n:
        raise _Unsure("more figures than columns")
    out = list(range(n)) if len(line) == n else [_column(f, n, full, columns.anchors) for f in line]
    if any(b <= a for a, b in zip(out, out[1:])):
        raise _Unsure("columns out of order")
    for f, j in zip(line, out):
        left, right = columns.bounds(j)
        if not left <= f.cx <= right:
            raise _Unsure(f"figure {f.text} outside its column")
    return out


def _column(f: Word, n: int, full: list[list[Word]], anchors: list[Place]) -> int:
    if full:
        spans = [(min(r[j].x0 for r in full), max(r[j].x1 for r in full)) for j in range(n)]
        mine = [j for j, (a, b) in enumerate(spans) if f.x0 < b and f.x1 > a]
    else:
        mine = [j for j in range(n) if _under(f, anchors, j)]
    if len(mine) != 1:
        raise _Unsure(f"figure {f.text} under {len(mine)} columns")
    return mine[0]


def _under(f: Word, anchors: list[Place], j: int) -> bool:
    a = anchors[j]
    near = [abs(b.cx - a.cx) for k, b in enumerate(anchors) if k != j]
    room = UNDER * min(near) if near else float("inf")
    return min(abs(f.x0 - a.x0), abs(f.cx - a.cx), abs(f.x1 - a.x1)) <= room


def _alone(line: list[Word], label: Place | None, words: list[Word]) -> None:
    """No word that is no figure stands among the row's figures (a unit, a note, another cell)."""
    left = label.x1 if label else min(w.x0 for w in line)
    if any(not w.figure and _same_line(w, line[0]) and w.x0 > left for w in words):
        raise _Unsure("words among the figures")


def read_table(spec: TableSpec, words: list[Word]) -> dict[GridCell, str]:
    """The printed text of every value cell of ``spec`` (blank: ""), or ``_Unsure``."""
    rows = _rows(spec)
    labels = _labelled(rows, words)
    figures = _row_figures(rows, labels, _figure_lines(words))
    if spec.layout is Layout.COLUMN_GROUPS and len(figures) != 1:
        raise _Unsure("no row of figures")
    out: dict[GridCell, str] = {}
    start = (min(w.page for w in words), float("-inf"))
    for block in _blocks(rows):
        first = rows.index(block[0])
        end = _key(labels[first]) if first in labels else _key(figures[first][0])
        anchors = _anchors(block, _zone(words, start, end))
        lines = [(rows.index(r), figures.get(rows.index(r))) for r in block]
        n = len(block[0].cells)
        full = [line for _, line in lines if line and len(line) == n]
        for i, line in lines:
            for cell in rows[i].cells:
                out[cell] = ""
            if line:
                _alone(line, labels.get(i), words)
                for f, j in zip(line, _columns(line, n, full, anchors)):
                    out[rows[i].cells[j]] = f.text
        last = block[-1]
        start = (labels[rows.index(last)].end_page, labels[rows.index(last)].bottom) if rows.index(last) in labels else end
    return out


def _blocks(rows: list[_Row]) -> list[list[_Row]]:
    """Consecutive rows under the same headers."""
    out: list[list[_Row]] = []
    for row in rows:
        if out and out[-1][0].headers == row.headers:
            out[-1].append(row)
        else:
            out.append([row])
    return out


def read_unruled(words: list[Word]) -> tuple[TableSpec, dict[GridCell, str]] | None:
    """The one table of the format the words are, with its figures; None when no table, or more
    than one, reads with certainty."""
    read: list[tuple[TableSpec, dict[GridCell, str]]] = []
    for form in FORMS.values():
        for spec in form.tables.values():
            try:
                read.append((spec, read_table(spec, words)))
            except _Unsure:
                continue
    if not read or len({spec.id for spec, _ in read}) > 1:
        return None
    return max(read, key=lambda r: len(r[1]))
