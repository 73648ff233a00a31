"""A sheet as plain data: the non-empty cells of a bounded area, by (row, col) from 0.

The Excel readers (.xlsx through openpyxl, .xls through xlrd) turn every worksheet into a
``SheetGrid``; the table locator works on grids only, so it does not care which library read the
file (a Word, web-page or PDF table is turned into a grid too: ``published.tables.PublishedTable``).

**Physical and logical grid.**  ``cells`` are kept at their physical positions (spreadsheet rows
and columns; a merged cell's value in its top-left slot).  A reader that knows the merged ranges
records them in ``merges`` (``add_merge``; (top, left, bottom, right), inclusive, from 0).  Table
positions are judged on the *logical* grid instead of on raw column numbers:

* a merged range is one cell (a label merged A:F and the figure merged G:M are neighbours);
* a column (row) counts only where a cell starts: the top-left slot of a non-empty cell or of a
  merged range.  Empty spacer columns between merged cells, and the slots a merge covers, do not
  count;
* columns are counted among the rows in question (``col_steps(a, b, top, bottom)``), so a table
  whose column boundaries are not another table's (a web page opened in an office suite puts all
  tables on one sheet, each merged to its own widths) is judged on its own columns; rows are
  counted over the whole sheet (``row_steps``).

``col_steps``/``row_steps`` say how many logical columns/rows lie from one position to another
(never more than the physical distance, so a layout without merges is judged as before);
``next_columns`` gives the logical cells right of a cell (``cell_right``/``cell_bottom``: where a
merged cell ends).  A grid without ``merges`` works too: then only empty columns collapse.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ...core.ledger.sheet import column_letter  # (the readers and locators take it from here)

#: Rows and columns read from a sheet.  A report table is a few dozen rows; a sheet with 100 000
#: rows is answered quickly by reading only its beginning (and saying so).
MAX_ROWS = 3000
MAX_COLS = 120
MAX_SHEETS = 60
MAX_CELLS = 250_000   # cells parsed per sheet (a very wide sheet stops before MAX_ROWS)
MAX_MERGES = 20_000   # merged ranges recorded per sheet (more: the rest are ignored)


def cell_ref(row: int, col: int) -> str:
    return f"{column_letter(col)}{row + 1}"


@dataclass
class SheetGrid:
    name: str
    cells: dict[tuple[int, int], object] = field(default_factory=dict)  # non-empty values only
    truncated: bool = False          # the sheet has rows/columns beyond the area read
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)   # "=SUM(A1:B1)", where known
    has_formulas: bool = False       # the sheet has formula cells (cached values may be missing)
    hidden: bool = False             # a hidden sheet (read after the visible ones)
    #: Merged ranges (top, left, bottom, right), inclusive, from 0, clipped to the area read.
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    _logical: _Logical | None = field(default=None, init=False, repr=False, compare=False)

    def get(self, row: int, col: int) -> object:
        """The cell's value; None for an empty cell or one holding only white space."""
        value = self.cells.get((row, col))
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def raw(self, row: int, col: int) -> object:
        """The cell's value as stored, white space included."""
        return self.cells.get((row, col))

    def ref(self, row: int, col: int) -> str:
        """``Sheet1!C5`` — how a note names a cell."""
        return f"{self.name}!{cell_ref(row, col)}"

    def area(self, top: int, left: int, bottom: int, right: int) -> str:
        """``Sheet1!A3:J27`` — how a note names a range of cells."""
        return f"{self.ref(top, left)}:{cell_ref(bottom, right)}"

    @property
    def n_rows(self) -> int:
        return max((r for r, _ in self.cells), default=-1) + 1

    def text_cells(self):
        for pos, value in self.cells.items():
            if isinstance(value, str) and value.strip():
                yield pos, value

    # -- the logical grid (see the module docstring) ---------------------------------------------

    def add_merge(self, top: int, left: int, bottom: int, right: int) -> bool:
        """Record a merged range (inclusive, from 0), clipped to ``MAX_ROWS`` × ``MAX_COLS``.
        Returns False when it is not recorded (one slot, outside the area, or too many merges)."""
        bottom, right = min(bottom, MAX_ROWS - 1), min(right, MAX_COLS - 1)
        if top < 0 or left < 0 or top > bottom or left > right or (top, left) == (bottom, right):
            return False
        if len(self.merges) >= MAX_MERGES:
            return False
        self.merges.append((top, left, bottom, right))
        return True

    def logical(self) -> _Logical:
        """The logical grid of this sheet (built on first use, rebuilt when cells or merges change)."""
        stamp = (len(self.cells), len(self.merges))
        if self._logical is None or self._logical.stamp != stamp:
            self._logical = _Logical(self, stamp)
        return self._logical

    def cell_right(self, row: int, col: int) -> int:
        """The last physical column of the cell at (row, col): its merge's right edge, else col."""
        return self.logical().span(row, col)[1]

    def cell_bottom(self, row: int, col: int) -> int:
        """The last physical row of the cell at (row, col): its merge's bottom edge, else row."""
        return self.logical().span(row, col)[0]

    def covered(self, row: int, col: int) -> bool:
        """Whether (row, col) lies inside a merged range without being its top-left slot."""
        return self.logical().covered(row, col)

    def col_steps(self, a: int, b: int, top: int, bottom: int) -> int:
        """Logical columns from physical column ``a`` to ``b`` (a < b; 0 when b <= a), counted
        among the rows ``top``..``bottom``: the columns in (a, b] where a cell of those rows starts."""
        if b <= a:
            return 0
        starts = self.logical().band(top, bottom)
        return bisect_right(starts, b) - bisect_right(starts, a)

    def row_steps(self, a: int, b: int) -> int:
        """Logical rows from physical row ``a`` down to ``b`` (0 when b <= a): the rows in (a, b]
        where some cell starts."""
        if b <= a:
            return 0
        rows = self.logical().rows
        return bisect_right(rows, b) - bisect_right(rows, a)

    def next_columns(self, row: int, col: int, n: int, top: int | None = None, bottom: int | None = None) -> list[int]:
        """The physical columns of the next ``n`` logical cells right of the cell at (row, col)
        (right of its merge), counted among the rows ``top``..``bottom`` (default: that row)."""
        return self.columns_from(row, self.cell_right(row, col) + 1, n, top, bottom)

    def columns_from(self, row: int, col: int, n: int, top: int | None = None, bottom: int | None = None) -> list[int]:
        """The physical columns of the first ``n`` logical cells of row ``row`` from column ``col``
        on (``col`` included), counted among the rows ``top``..``bottom`` (default: that row)."""
        starts = self.logical().band(row if top is None else top, row if bottom is None else bottom)
        i = bisect_left(starts, col)
        return starts[i:i + n]


#: Row slots of merged ranges entered into the per-row column starts (a file of huge overlapping
#: merges must not take long): beyond it a merge counts in its top row only.
_MERGE_SLOTS = MAX_CELLS


class _Logical:
    """Where cells start, per row, for ``SheetGrid``'s logical-grid questions."""

    def __init__(self, sheet: SheetGrid, stamp: tuple[int, int]):
        self.stamp = stamp
        self._span: dict[tuple[int, int], tuple[int, int]] = {}       # top-left -> (bottom, right)
        self._covered: set[tuple[int, int]] = set()
        starts: dict[int, set[int]] = {}
        budget = _MERGE_SLOTS
        for top, left, bottom, right in sheet.merges:
            if (top, left) in self._span:
                continue
            self._span[(top, left)] = (bottom, right)
            rows = range(top, bottom + 1) if bottom - top < budget else range(top, top + 1)
            budget = max(0, budget - len(rows))
            for r in rows:
                starts.setdefault(r, set()).add(left)
            if (bottom - top + 1) * (right - left + 1) <= _MERGE_SLOTS - len(self._covered):
                self._covered.update((r, c) for r in range(top, bottom + 1) for c in range(left, right + 1))
        self._covered.difference_update(self._span)
        for (r, c) in sheet.cells:
            if sheet.get(r, c) is not None and (r, c) not in self._covered:
                starts.setdefault(r, set()).add(c)
        self._starts = {r: sorted(cols) for r, cols in starts.items()}
        self._row_keys = sorted(self._starts)
        tops = {r for r, c in sheet.cells if sheet.get(r, c) is not None and (r, c) not in self._covered}
        self.rows = sorted(tops | {top for top, _ in self._span})
        self._bands: dict[tuple[int, int], list[int]] = {}

    def span(self, row: int, col: int) -> tuple[int, int]:
        return self._span.get((row, col), (row, col))

    def covered(self, row: int, col: int) -> bool:
        return (row, col) in self._covered

    def band(self, top: int, bottom: int) -> list[int]:
        """Sorted columns where a cell starts in rows ``top``..``bottom``."""
        key = (top, bottom)
        found = self._bands.get(key)
        if found is None:
            i, j = bisect_left(self._row_keys, top), bisect_right(self._row_keys, bottom)
            cols: set[int] = set()
            for r in self._row_keys[i:j]:
                cols.update(self._starts[r])
            found = sorted(cols)
            if len(self._bands) > 4096:
                self._bands.clear()
            self._bands[key] = found
        return found
