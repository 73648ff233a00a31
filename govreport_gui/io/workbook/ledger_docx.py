"""A ledger kept as a table in a Word document (.docx: some offices keep their 登记台账 in Word or WPS
文字): each table of the document a sheet, read through the report reader's Word path — the same
package guards (zip bombs, entities), text Word does not show left out, merged cells (``gridSpan``,
``vMerge``) laid out as a spreadsheet would merge them: the text in the top-left cell, the range in
``merges`` (a header over two rows, a date merged down over a day's applications).

A table of a Word document holds at most ``sheet_grid.MAX_ROWS`` rows (the report reader's limit); a
longer one is marked ``truncated`` and the count says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class WordTable:
    rows: list[tuple] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    truncated: bool = False


def read_tables(path: Path, data: bytes, max_cols: int, max_merges: int) -> list[WordTable]:
    """The tables of the Word document ``data`` (read from ``path``) that hold any text."""
    from ..published.word_import import document_grids, open_docx_body
    out = []
    for grid in document_grids(open_docx_body(data, path.name)):
        table = WordTable(truncated=grid.truncated)
        slots: list[dict[int, str]] = [{} for _ in range(grid.n_rows)]
        for cell in grid.cells:
            if cell.col < max_cols and cell.text.strip():
                slots[cell.row][cell.col] = cell.text.strip()
            if (cell.colspan > 1 or cell.rowspan > 1) and len(table.merges) < max_merges:
                table.merges.append((cell.row, cell.col, cell.row + cell.rowspan - 1,
                                     min(cell.col + cell.colspan - 1, max_cols - 1)))
        table.rows = [tuple(row.get(c) for c in range(max(row) + 1)) if row else () for row in slots]
        if any(table.rows):
            out.append(table)
    return out
