"""A sheet as plain data: the non-empty cells of a bounded area, by (row, col) from 0.

The Excel readers (.xlsx through openpyxl, .xls through xlrd) turn every worksheet into a
``SheetGrid``; the table locator works on grids only, so it does not care which library read the
file (a Word table can be turned into a grid too).
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Rows and columns read from a sheet.  A report table is a few dozen rows; a sheet with 100 000
#: rows is answered quickly by reading only its beginning (and saying so).
MAX_ROWS = 3000
MAX_COLS = 120
MAX_SHEETS = 60
MAX_CELLS = 250_000   # cells parsed per sheet (a very wide sheet stops before MAX_ROWS)


def column_letter(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


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
