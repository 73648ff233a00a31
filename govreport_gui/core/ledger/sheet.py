"""A ledger sheet as plain data, and where a row of it is (for the clerk: file, sheet, row number)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class LedgerSheet:
    """The rows of one sheet (or text file), as the reader found them: ``rows[i]`` is spreadsheet row
    ``i + 1``; values are str, int, float, date/datetime or None.  ``merges``: merged ranges
    (top, left, bottom, right), 0-based and inclusive, where the reader knows them (for headers
    written over two rows)."""

    source: str                      # the file's name
    name: str                        # the sheet's name ("" for a text file)
    rows: list[tuple] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden: bool = False
    truncated: bool = False          # the sheet has more rows than were read
    # Rows and columns hidden inside the sheet (by hand, by a filter, in a collapsed outline):
    # 0-based like ``rows``.  Their values are read like any other; the count says which rows were.
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()
    # Rows whose every filled cell is struck through (a cancelled entry, ``core.ledger.void``).
    struck_rows: frozenset[int] = frozenset()
    # How the file was read when it was converted first (an old .doc/.wps by LibreOffice), for the notes.
    converted: str = ""


@dataclass(frozen=True, order=True)
class RowRef:
    """One row of a ledger: file, sheet and the row number the clerk sees (from 1)."""

    source: str
    sheet: str
    row: int

    def where(self) -> str:
        """``台账.xlsx“2025年”第12行``."""
        return f"{place(self.source, self.sheet)}第{self.row}行"


def column_letter(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA (the column as the clerk sees it)."""
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def place(source: str, sheet: str) -> str:
    return f"{source}“{sheet}”" if sheet else source


def rows_text(refs, limit: int = 0) -> str:
    """``台账.xlsx“2025年”第3、5、7–9行；台账2.csv 第2行`` — rows grouped by file and sheet, runs of
    consecutive rows joined.  ``limit``: at most that many runs per sheet, then how many more rows."""
    return "；".join(rows_by_place(refs, limit))


def rows_by_place(refs, limit: int = 0) -> list[str]:
    """``rows_text``'s parts: one ``台账.xlsx“2025年”第3、5、7–9行`` per file and sheet."""
    by_place: dict[tuple[str, str], list[int]] = {}
    for ref in refs:
        by_place.setdefault((ref.source, ref.sheet), []).append(ref.row)
    parts = []
    for (source, sheet), rows in by_place.items():
        runs = row_runs(sorted(set(rows)))
        shown = runs if not limit or len(runs) <= limit else runs[:limit]
        text = f"{place(source, sheet)}第" + "、".join(f"{a}" if a == b else f"{a}–{b}" for a, b in shown) + "行"
        if len(shown) < len(runs):
            text += f"等（另有{sum(b - a + 1 for a, b in runs[len(shown):])}行）"
        parts.append(text)
    return parts


def row_runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as runs: [3, 5, 6, 7] → [(3, 3), (5, 7)]."""
    runs: list[tuple[int, int]] = []
    for r in rows:
        if runs and r == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    return runs
