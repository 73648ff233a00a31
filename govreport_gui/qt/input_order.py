"""Where the keyboard goes in a table: from input cell to input cell, like a protected sheet.

Enter, Tab and the arrows skip block captions, headers, labels and totals; a merged input cell is
one stop.  Which cells are inputs comes from the table's declaration (``TableSpec.grid``, role
``INPUT``); this module knows nothing of Qt, positions are the grid's (row, column).
"""

from __future__ import annotations

from ..core.forms import GridCell, Role, TableSpec


def _covers_col(g: GridCell, col: int) -> bool:
    return g.col <= col < g.col + g.colspan


def _covers_row(g: GridCell, row: int) -> bool:
    return g.row <= row < g.row + g.rowspan


class InputOrder:
    """The input cells of one table in reading order (top to bottom, left to right)."""

    def __init__(self, spec: TableSpec) -> None:
        self.inputs: tuple[GridCell, ...] = tuple(sorted((g for g in spec.grid if g.role is Role.INPUT),
                                                         key=lambda g: (g.row, g.col)))
        self._columns = sorted({c for g in self.inputs for c in range(g.col, g.col + g.colspan)})

    def first(self) -> GridCell | None:
        return self.inputs[0] if self.inputs else None

    def last(self) -> GridCell | None:
        return self.inputs[-1] if self.inputs else None

    def after(self, g: GridCell) -> GridCell | None:
        """The next input cell in reading order after ``g`` (None at the end)."""
        return next((i for i in self.inputs if (i.row, i.col) > (g.row, g.col)), None)

    def before(self, g: GridCell) -> GridCell | None:
        """The previous input cell in reading order before ``g`` (None at the start)."""
        return next((i for i in reversed(self.inputs) if (i.row, i.col) < (g.row, g.col)), None)

    def below(self, g: GridCell, col: int) -> GridCell | None:
        """The nearest input cell under ``g`` that covers column ``col``."""
        bottom = g.row + g.rowspan - 1
        return next((i for i in self.inputs if i.row > bottom and _covers_col(i, col)), None)

    def above(self, g: GridCell, col: int) -> GridCell | None:
        return next((i for i in reversed(self.inputs) if i.row + i.rowspan - 1 < g.row and _covers_col(i, col)), None)

    def right_of(self, g: GridCell) -> GridCell | None:
        """The nearest input cell right of ``g`` on its (first) row."""
        right = g.col + g.colspan - 1
        return next((i for i in self.inputs if _covers_row(i, g.row) and i.col > right), None)

    def left_of(self, g: GridCell) -> GridCell | None:
        return next((i for i in reversed(self.inputs) if _covers_row(i, g.row) and i.col + i.colspan - 1 < g.col), None)

    def column_top(self, col: int) -> GridCell | None:
        return next((i for i in self.inputs if _covers_col(i, col)), None)

    def column_bottom(self, col: int) -> GridCell | None:
        return next((i for i in reversed(self.inputs) if _covers_col(i, col)), None)

    def next_column(self, col: int, step: int) -> int | None:
        """The next column (``step`` +1 / -1) holding input cells, None past the last / first."""
        later = [c for c in self._columns if (c - col) * step > 0]
        return (min(later) if step > 0 else max(later)) if later else None

    def nearest(self, g: GridCell) -> GridCell | None:
        """Where typing on the non-input cell ``g`` goes: under a header, the first input cell of
        its columns; elsewhere (a label, a caption, the note, a total) the next input cell in
        reading order, or the last one when none follows."""
        if g.role is Role.HEADER:
            bottom = g.row + g.rowspan - 1
            under = [i for i in self.inputs if i.row > bottom
                     and any(_covers_col(i, c) for c in range(g.col, g.col + g.colspan))]
            if under:
                return min(under, key=lambda i: (i.row, i.col))
        if g.role is Role.LABEL:
            beside = self.right_of(g)
            if beside is not None:
                return beside
        return self.after(g) or self.last()
