"""Every row of an OpenDocument spreadsheet (.ods: what LibreOffice, and WPS on 统信UOS/麒麟 when asked,
save) in one streaming pass of the C XML parser (expat) over its ``content.xml`` — no new library.

The package passes ``safety.zip_safety.check_package`` first (zip bombs, encrypted parts, DTD and
entity declarations in any part); the parser refuses a DOCTYPE again on its own (``ledger_xlsx._parse``).
OpenDocument writes runs of equal rows and cells once with a count
(``table:number-rows-repeated``, ``table:number-columns-repeated``: a sheet's empty tail is one row
repeated a million times); a count is never expanded past the limits: an empty run only moves the
position, a run of values is copied up to ``max_cols`` columns and ``max_rows`` rows, and a gap of
more than ``max_blank_run`` empty rows ends the sheet, as in ``ledger_xlsx``.

What is read: each sheet's name and whether it is hidden (its table style's ``table:display="false"``),
each cell's value by its ``office:value-type`` (numbers, dates as dates, booleans, the text of its
paragraphs for text — annotations left out), the cached result of a formula, and merged ranges
(``table:number-columns-spanned`` / ``number-rows-spanned``) for headers written over two rows, and
the rows and columns hidden inside a sheet (``table:visibility`` ``collapse`` — hidden by hand or in
a closed group — or ``filter``).
"""

from __future__ import annotations

import datetime as _dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .ledger_xlsx import _attr, _parse

MAX_MERGES = 2_000


@dataclass
class ReadSheet:
    """One sheet as a streaming reader found it (also ``ledger_spreadsheetml``'s)."""

    name: str
    hidden: bool = False
    rows: list[tuple] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    truncated: bool = False
    hidden_rows: set[int] = field(default_factory=set)      # 0-based, like rows
    hidden_columns: set[int] = field(default_factory=set)


class ContentReader:
    """The sheets of one ``content.xml``, as its elements stream past."""

    def __init__(self, max_rows: int, max_cols: int, max_blank_run: int, max_sheets: int) -> None:
        self.max_rows, self.max_cols, self.max_blank_run, self.max_sheets = max_rows, max_cols, max_blank_run, max_sheets
        self.sheets: list[ReadSheet] = []
        self._hidden_styles: set[str] = set()
        self._style: str | None = None       # the table style being declared
        self._sheet: ReadSheet | None = None   # None also while a sheet past max_sheets or past its rows
        self._done = False                    # the current sheet needs no more rows
        self._row_index = 0
        self._row_repeat = 1
        self._row_hidden = False              # the row is collapsed or filtered out
        self._column = 0                      # the next column a table-column declares
        self._row: list = []
        self._cell: tuple[object, int] | None = None   # (value or None for text, repeat)
        self._paragraphs: list[str] = []
        self._text: list[str] | None = None   # the paragraph being read
        self._skip = 0                        # depth inside an annotation (not the cell's value)

    # -- elements ----------------------------------------------------------------------------------

    def start(self, name: str, attrs: dict) -> None:
        if self._skip:
            self._skip += 1
        elif name == "table-cell" or name == "covered-table-cell":
            self._start_cell(attrs)
        elif name == "p" and self._cell is not None:
            self._text = []
        elif name == "s" and self._text is not None:
            self._text.append(" " * _count(attrs, "c"))
        elif name == "tab" and self._text is not None:
            self._text.append("\t")
        elif name == "line-break" and self._text is not None:
            self._text.append("\n")
        elif name == "annotation":
            self._skip = 1
        elif name == "table-row":
            self._row, self._row_repeat = [], _count(attrs, "number-rows-repeated")
            self._row_hidden = _hidden(attrs)
        elif name == "table-column":
            self._declare_columns(attrs)
        elif name == "table" and self._sheet is None and not self._done:
            self._start_sheet(attrs)
        elif name == "style":
            self._style = _attr(attrs, "name") if _attr(attrs, "family") == "table" else None
        elif name == "table-properties" and self._style and _attr(attrs, "display") == "false":
            self._hidden_styles.add(self._style)

    def end(self, name: str) -> None:
        if self._skip:
            self._skip -= 1
        elif name == "p" and self._text is not None:
            self._paragraphs.append("".join(self._text))
            self._text = None
        elif name in ("table-cell", "covered-table-cell"):
            self._end_cell()
        elif name == "table-row":
            self._end_row()
        elif name == "table":
            self._end_sheet()

    def chars(self, data: str) -> None:
        if self._text is not None and not self._skip:
            self._text.append(data)

    # -- sheets, rows, cells -------------------------------------------------------------------------

    def _start_sheet(self, attrs: dict) -> None:
        if len(self.sheets) >= self.max_sheets:
            self._done = True
            return
        self._sheet = ReadSheet(_attr(attrs, "name") or f"Sheet{len(self.sheets) + 1}",
                               hidden=(_attr(attrs, "style-name") or "") in self._hidden_styles)
        self._row_index, self._done, self._column = 0, False, 0

    def _end_sheet(self) -> None:
        if self._sheet is not None:
            while self._sheet.rows and not self._sheet.rows[-1]:
                self._sheet.rows.pop()
            self.sheets.append(self._sheet)
        self._sheet, self._done = None, False

    def _start_cell(self, attrs: dict) -> None:
        self._cell = (_typed_value(attrs), _count(attrs, "number-columns-repeated"))
        self._paragraphs = []
        spans = _count(attrs, "number-columns-spanned"), _count(attrs, "number-rows-spanned")
        sheet = self._sheet
        if sheet is not None and not self._done and spans != (1, 1) and len(sheet.merges) < MAX_MERGES:
            r, c = self._row_index, len(self._row)
            sheet.merges.append((r, c, r + min(spans[1], self.max_rows) - 1, min(c + spans[0] - 1, self.max_cols)))

    def _end_cell(self) -> None:
        if self._cell is None:
            return
        value, repeat = self._cell
        self._cell = None
        if value is None and self._paragraphs:
            value = "\n".join(self._paragraphs)
        room = self.max_cols - len(self._row)
        if room > 0:   # an empty run only moves on; a run of values is copied up to the column limit
            self._row.extend([value if value != "" else None] * min(repeat, room))

    def _end_row(self) -> None:
        sheet = self._sheet
        if sheet is None or self._done:
            return
        while self._row and self._row[-1] is None:
            self._row.pop()
        start, repeat = self._row_index, self._row_repeat
        self._row_index += repeat
        if not self._row:
            if self._row_index - len(sheet.rows) > self.max_blank_run:
                self._done = True   # a long run of empty rows: the rest of the sheet is empty
            return
        if start - len(sheet.rows) > self.max_blank_run:
            self._done = True
            return
        sheet.rows.extend([()] * (start - len(sheet.rows)))
        copies = min(repeat, self.max_rows - start)
        sheet.rows.extend([tuple(self._row)] * max(copies, 0))
        if self._row_hidden:
            sheet.hidden_rows.update(range(start, start + max(copies, 0)))
        if self._row_index >= self.max_rows:
            sheet.truncated = self._row_index > self.max_rows or copies < repeat
            self._done = True


    def _declare_columns(self, attrs: dict) -> None:
        """A ``table:table-column`` (repeated): the columns it hides, if it is collapsed or filtered."""
        first, repeat = self._column, _count(attrs, "number-columns-repeated")
        self._column = min(first + repeat, MAX_COUNT)
        if self._sheet is not None and _hidden(attrs) and first < self.max_cols:
            self._sheet.hidden_columns.update(range(first, min(first + repeat, self.max_cols)))


def _hidden(attrs: dict) -> bool:
    """A row or column collapsed (hidden by hand, a closed group) or filtered out."""
    return (_attr(attrs, "visibility") or "visible") != "visible"


MAX_COUNT = 2 ** 31   # a repeat or span count is taken up to this (it is never expanded past the limits)


def _count(attrs: dict, name: str) -> int:
    """A repeat or span count: at least 1, at most ``MAX_COUNT`` (a longer number is that too)."""
    raw = (_attr(attrs, name) or "1").strip()
    if not raw.isdigit():
        return 1
    return max(1, int(raw)) if len(raw) <= 10 else MAX_COUNT


def _typed_value(attrs: dict) -> object:
    """The cell's value by its declared type; None for text (read from its paragraphs)."""
    kind = _attr(attrs, "value-type")
    try:
        if kind in ("float", "percentage", "currency"):
            number = float(_attr(attrs, "value") or "")
            return int(number) if number.is_integer() and abs(number) < 1e15 else number
        if kind == "date":
            return _dt.datetime.fromisoformat((_attr(attrs, "date-value") or "")[:19])
        if kind == "boolean":
            return (_attr(attrs, "boolean-value") or "") == "true"
    except ValueError:
        return None
    return None


def read_sheets(path: Path, max_rows: int, max_cols: int, max_blank_run: int, max_sheets: int) -> list[ReadSheet]:
    """The sheets of the .ods at ``path`` (checked by ``check_package`` before)."""
    reader = ContentReader(max_rows, max_cols, max_blank_run, max_sheets)
    with zipfile.ZipFile(path) as zf, zf.open("content.xml") as f:
        _parse(f, reader.start, reader.end, reader.chars)
    return reader.sheets
