"""A ledger kept as a table in a Word document (.docx: some offices keep their 登记台账 in Word or WPS
文字): each table of the document a sheet, read through the report reader's Word path — the same
package guards (zip bombs, entities), text Word does not show left out, merged cells (``gridSpan``,
``vMerge``) laid out as a spreadsheet would merge them: the text in the top-left cell, the range in
``merges`` (a header over two rows, a date merged down over a day's applications); a row whose
every cell's text is struck through (``w:strike``) is marked struck (``core.ledger.void``).

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
    struck_rows: set[int] = field(default_factory=set)   # every cell's text struck through
    hidden_rows: set[int] = field(default_factory=set)   # (text Word hides is left out when read: none)
    hidden_columns: set[int] = field(default_factory=set)


def read_tables(path: Path, data: bytes, max_cols: int, max_merges: int) -> list[WordTable]:
    """The tables of the Word document ``data`` (read from ``path``) that hold any text."""
    from ..published.word_import import document_tables, open_docx_body
    out = []
    for grid, tbl in document_tables(open_docx_body(data, path.name)):
        table = WordTable(truncated=grid.truncated, struck_rows=struck_rows(tbl, grid.n_rows))
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


def struck_rows(tbl, n_rows: int) -> set[int]:
    """The rows (0-based, below ``n_rows``) of a ``w:tbl`` whose every cell with text has all its
    text in struck-through runs (``w:strike``/``w:dstrike``): an entry the clerk crossed out."""
    from ..published.word_import import W
    out = set()
    for r, tr in enumerate(tbl.iterchildren(f"{W}tr")):
        if r >= n_rows:
            break
        cells = [c for tc in tr.iter(f"{W}tc") if _row_of(tc, W) is tr and (c := _struck_cell(tc, W)) is not None]
        if cells and all(cells):
            out.add(r)
    return out


def _row_of(tc, w: str):
    """The ``w:tr`` a cell belongs to (a cell in a content control too; not a nested table's row's)."""
    parent = tc.getparent()
    while parent is not None and parent.tag != f"{w}tr":
        parent = parent.getparent()
    return parent


def _struck_cell(tc, w: str) -> bool | None:
    """Whether all the text of a cell is struck through; None for a cell without text."""
    runs = [(run, "".join(t.text or "" for t in run.iter(f"{w}t"))) for run in tc.iter(f"{w}r")]
    runs = [(run, text) for run, text in runs if text.strip()]
    if not runs:
        return None
    return all(_struck_run(run, w) for run, _ in runs)


def _struck_run(run, w: str) -> bool:
    for tag in ("strike", "dstrike"):
        mark = run.find(f"{w}rPr/{w}{tag}")
        if mark is not None and mark.get(f"{w}val", "true") not in ("false", "0", "off"):
            return True
    return False
