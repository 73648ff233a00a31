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
a closed group — or ``filter``), and the rows whose every value is in a struck-through cell style
(``style:text-line-through-style``: a cancelled entry) — the cell's automatic style's own, or that of
the named style it is based on (``styles.xml``: a clerk's own “作废” style applied to the row).
"""

from __future__ import annotations

import datetime as _dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .ledger_xlsx import NS, _parse

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
    struck_rows: set[int] = field(default_factory=set)      # every filled cell struck through


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0" + NS
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0" + NS
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0" + NS
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0" + NS
_ROWS_REPEATED, _COLUMNS_REPEATED = _TABLE + "number-rows-repeated", _TABLE + "number-columns-repeated"
_COLUMNS_SPANNED, _ROWS_SPANNED = _TABLE + "number-columns-spanned", _TABLE + "number-rows-spanned"
_CELL_STYLE, _DEFAULT_CELL_STYLE = _TABLE + "style-name", _TABLE + "default-cell-style-name"
_VISIBILITY, _VALUE_TYPE = _TABLE + "visibility", _OFFICE + "value-type"


class CellStyles:
    """The cell styles of a document as their declarations stream past — the named ones of
    ``styles.xml`` (a clerk's own “作废” style) and the automatic ones of ``content.xml``, each with its
    parent — and which of them strike their text through, by their own text properties or their
    parent's (``style:parent-style-name``: a cell styled only by a named style)."""

    def __init__(self) -> None:
        self._line: dict[str, bool] = {}     # style → its own line-through, when it says one
        self._parent: dict[str, str] = {}
        self._style: str | None = None       # the cell style being declared

    def start(self, name: str, attrs: dict) -> None:
        if name == "style":
            family = attrs.get(_STYLE + "family", "")
            self._style = attrs.get(_STYLE + "name", "") if family == "table-cell" else None
            parent = attrs.get(_STYLE + "parent-style-name")
            if self._style is not None and parent:
                self._parent[self._style] = parent
        elif name == "text-properties" and self._style is not None:
            line = attrs.get(_STYLE + "text-line-through-style")
            if line is not None:
                self._line[self._style] = line != "none"

    def end(self, name: str) -> None:
        if name == "style":
            self._style = None

    def struck(self) -> set[str]:
        """The cell styles whose text is struck through, their own or by inheritance."""
        out = set()
        for style in set(self._line) | set(self._parent):
            seen: set[str] = set()
            current: str | None = style
            while current is not None and current not in self._line and current not in seen:
                seen.add(current)
                current = self._parent.get(current)
            if current is not None and self._line.get(current):
                out.add(style)
        return out


def named_cell_styles(zf: zipfile.ZipFile) -> CellStyles:
    """The cell styles ``styles.xml`` declares (none when the package has no such part)."""
    styles = CellStyles()
    try:
        with zf.open("styles.xml") as f:
            _parse(f, styles.start, styles.end, namespaces=True)
    except KeyError:
        pass
    return styles


class ContentReader:
    """The sheets of one ``content.xml``, as its elements stream past (parsed with its namespaces:
    an attribute is one dictionary look-up, whatever prefixes the file uses)."""

    def __init__(self, max_rows: int, max_cols: int, max_blank_run: int, max_sheets: int,
                 cell_styles: CellStyles | None = None) -> None:
        self.max_rows, self.max_cols, self.max_blank_run, self.max_sheets = max_rows, max_cols, max_blank_run, max_sheets
        self.sheets: list[ReadSheet] = []
        self._hidden_styles: set[str] = set()
        self._cell_styles = cell_styles or CellStyles()
        self._struck_styles: set[str] = set()   # cell styles whose text is struck through (known at the first sheet)
        self._style: tuple[str, str] | None = None   # (family, name) of the style being declared
        self._sheet: ReadSheet | None = None   # None also while a sheet past max_sheets or past its rows
        self._done = False                    # the current sheet needs no more rows
        self._row_index = 0
        self._row_repeat = 1
        self._row_hidden = False              # the row is collapsed or filtered out
        self._row_style: str | None = None    # the row's default cell style
        self._column = 0                      # the next column a table-column declares
        self._column_styles: dict[int, str] = {}   # column → its default cell style, when struck
        self._row: list = []
        self._blanks = 0                      # empty cells since the last value (never stored at a row's end)
        self._struck = 0                      # the row's values in a struck-through style
        self._cell: tuple[object, int, bool] | None = None   # (value or None for text, repeat, struck)
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
            self._text.append(" " * _count(attrs, _TEXT + "c"))
        elif name == "tab" and self._text is not None:
            self._text.append("\t")
        elif name == "line-break" and self._text is not None:
            self._text.append("\n")
        elif name == "annotation":
            self._skip = 1
        elif name == "table-row":
            self._row, self._row_repeat, self._blanks, self._struck = [], _count(attrs, _ROWS_REPEATED), 0, 0
            self._row_hidden = _hidden(attrs)
            self._row_style = attrs.get(_DEFAULT_CELL_STYLE)
        elif name == "table-column":
            self._declare_columns(attrs)
        elif name == "table" and self._sheet is None and not self._done:
            self._start_sheet(attrs)
        else:
            self._style_element(name, attrs)

    def _style_element(self, name: str, attrs: dict) -> None:
        """The automatic styles: tables hidden (``table:display="false"``), cells struck through."""
        self._cell_styles.start(name, attrs)
        if name == "style":
            self._style = (attrs.get(_STYLE + "family", ""), attrs.get(_STYLE + "name", ""))
        elif self._style is None:
            return
        elif name == "table-properties" and self._style[0] == "table" and attrs.get(_TABLE + "display") == "false":
            self._hidden_styles.add(self._style[1])

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
        elif name == "style":
            self._style = None
            self._cell_styles.end(name)

    def chars(self, data: str) -> None:
        if self._text is not None and not self._skip:
            self._text.append(data)

    # -- sheets, rows, cells -------------------------------------------------------------------------

    def _start_sheet(self, attrs: dict) -> None:
        if not self.sheets:   # (the styles are all declared before the first sheet)
            self._struck_styles = self._cell_styles.struck()
        if len(self.sheets) >= self.max_sheets:
            self._done = True
            return
        self._sheet = ReadSheet(attrs.get(_TABLE + "name") or f"Sheet{len(self.sheets) + 1}",
                               hidden=(attrs.get(_TABLE + "style-name") or "") in self._hidden_styles)
        self._row_index, self._done, self._column, self._column_styles = 0, False, 0, {}

    def _end_sheet(self) -> None:
        if self._sheet is not None:
            while self._sheet.rows and not self._sheet.rows[-1]:
                self._sheet.rows.pop()
            self.sheets.append(self._sheet)
        self._sheet, self._done = None, False

    def _start_cell(self, attrs: dict) -> None:
        style = attrs.get(_CELL_STYLE) or self._row_style
        struck = bool(self._struck_styles) and (style in self._struck_styles if style is not None
                                                else len(self._row) + self._blanks in self._column_styles)
        self._cell = (_typed_value(attrs), _count(attrs, _COLUMNS_REPEATED), struck)
        self._paragraphs = []
        if _COLUMNS_SPANNED not in attrs and _ROWS_SPANNED not in attrs:
            return
        spans = _count(attrs, _COLUMNS_SPANNED), _count(attrs, _ROWS_SPANNED)
        sheet = self._sheet
        if sheet is not None and not self._done and spans != (1, 1) and len(sheet.merges) < MAX_MERGES:
            r, c = self._row_index, len(self._row) + self._blanks
            sheet.merges.append((r, c, r + min(spans[1], self.max_rows) - 1, min(c + spans[0] - 1, self.max_cols)))

    def _end_cell(self) -> None:
        if self._cell is None:
            return
        value, repeat, struck = self._cell
        self._cell = None
        if value is None and self._paragraphs:
            value = "\n".join(self._paragraphs)
        if value is None or value == "":   # an empty run only moves on (stored once a value follows it)
            self._blanks = min(self._blanks + repeat, self.max_cols)
            return
        room = self.max_cols - len(self._row) - self._blanks
        if room > 0:   # a run of values is copied up to the column limit
            self._row.extend([None] * self._blanks)
            self._row.extend([value] * min(repeat, room))
            self._struck += min(repeat, room) if struck else 0
        self._blanks = 0

    def _end_row(self) -> None:
        sheet = self._sheet
        if sheet is None or self._done:
            return
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
        copies = max(min(repeat, self.max_rows - start), 0)
        sheet.rows.extend([tuple(self._row)] * copies)
        if self._row_hidden:
            sheet.hidden_rows.update(range(start, start + copies))
        if self._struck and self._struck == sum(v is not None for v in self._row):
            sheet.struck_rows.update(range(start, start + copies))
        if self._row_index >= self.max_rows:
            sheet.truncated = self._row_index > self.max_rows or copies < repeat
            self._done = True

    def _declare_columns(self, attrs: dict) -> None:
        """A ``table:table-column`` (repeated): the columns it hides, if it is collapsed or filtered,
        and its default cell style when that is struck through."""
        first, repeat = self._column, _count(attrs, _COLUMNS_REPEATED)
        self._column = min(first + repeat, MAX_COUNT)
        if self._sheet is not None and _hidden(attrs) and first < self.max_cols:
            self._sheet.hidden_columns.update(range(first, min(first + repeat, self.max_cols)))
        if attrs.get(_DEFAULT_CELL_STYLE) in self._struck_styles and first < self.max_cols:
            self._column_styles.update(dict.fromkeys(range(first, min(first + repeat, self.max_cols)), "struck"))


def _hidden(attrs: dict) -> bool:
    """A row or column collapsed (hidden by hand, a closed group) or filtered out."""
    return (attrs.get(_VISIBILITY) or "visible") != "visible"


MAX_COUNT = 2 ** 31   # a repeat or span count is taken up to this (it is never expanded past the limits)


def _count(attrs: dict, name: str) -> int:
    """A repeat or span count (``name``: the attribute with its namespace): at least 1, at most
    ``MAX_COUNT`` (a longer number is that too)."""
    raw = attrs.get(name)
    if raw is None:
        return 1
    raw = raw.strip()
    if not raw.isdigit():
        return 1
    return max(1, int(raw)) if len(raw) <= 10 else MAX_COUNT


def _typed_value(attrs: dict) -> object:
    """The cell's value by its declared type; None for text (read from its paragraphs)."""
    kind = attrs.get(_VALUE_TYPE)
    if kind is None or kind == "string":
        return None
    try:
        if kind in ("float", "percentage", "currency"):
            number = float(attrs.get(_OFFICE + "value") or "")
            return int(number) if number.is_integer() and abs(number) < 1e15 else number
        if kind == "date":
            return _dt.datetime.fromisoformat((attrs.get(_OFFICE + "date-value") or "")[:19])
        if kind == "boolean":
            return (attrs.get(_OFFICE + "boolean-value") or "") == "true"
    except ValueError:
        return None
    return None


def read_sheets(path: Path, max_rows: int, max_cols: int, max_blank_run: int, max_sheets: int) -> list[ReadSheet]:
    """The sheets of the .ods at ``path`` (checked by ``check_package`` before)."""
    with zipfile.ZipFile(path) as zf:
        reader = ContentReader(max_rows, max_cols, max_blank_run, max_sheets, named_cell_styles(zf))
        with zf.open("content.xml") as f:
            _parse(f, reader.start, reader.end, reader.chars, namespaces=True)
    return reader.sheets
