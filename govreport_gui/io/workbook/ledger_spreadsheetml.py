"""Excel's “XML 电子表格 2003” (SpreadsheetML): what many 政务系统 built on Java export as “.xls” or “.xml”.
One expat pass (``ledger_xlsx._parse``: a DOCTYPE or entity declaration is refused), standard library.

Read: each ``Worksheet`` (its ``ss:Name``; hidden when its options say ``SheetHidden``), its rows and
cells by ``ss:Index`` (rows and cells may skip ahead), ``Data`` by its ``ss:Type`` (Number, DateTime as
dates, Boolean, String — rich text runs joined), ``ss:MergeAcross``/``ss:MergeDown`` as merged ranges,
rows and columns hidden inside a sheet (``ss:Hidden="1"`` on a ``Row``, or a ``Column`` and its ``ss:Span``),
rows struck through (every filled cell in a ``Style`` whose ``Font`` has ``ss:StrikeThrough``, its own or
its ``ss:Parent``'s, by the cell's or the row's ``ss:StyleID`` — or its rich text inside ``<S>``).
Positions and spans past the sheet's limits are not expanded: a row past ``max_rows`` ends the sheet.
"""

from __future__ import annotations

import datetime as _dt

from .ledger_ods import ReadSheet
from .ledger_xlsx import _attr, _parse

MAX_MERGES = 2_000
MARK = b"urn:schemas-microsoft-com:office:spreadsheet"


class _Reader:
    def __init__(self, max_rows: int, max_cols: int, max_sheets: int) -> None:
        self.max_rows, self.max_cols, self.max_sheets = max_rows, max_cols, max_sheets
        self.sheets: list[ReadSheet] = []
        self._sheet: ReadSheet | None = None
        self._row: dict[int, object] | None = None
        self._r = -1
        self._c = -1
        self._type: str | None = None
        self._text: list[str] | None = None
        self._options: list[str] | None = None   # the text of <Visible>
        self._across = 0                          # the columns the current cell spans to its right
        self._row_hidden = False
        self._column = -1                         # the last column a Column element declared
        self._styles = _Styles()
        self._struck_styles: set[str] = set()     # (known when the first sheet starts)
        self._row_style: str | None = None        # the row's default style
        self._cell_struck = False                 # the current cell's style strikes its text through
        self._in_s = 0                            # depth inside <S> (rich text struck through)
        self._struck_text = [0, 0]                # the cell's pieces of text: struck, not struck
        self._struck = 0                          # the row's filled cells struck through

    def start(self, name: str, attrs: dict) -> None:
        sheet = self._sheet
        if name == "Worksheet":
            if not self.sheets:
                self._struck_styles = self._styles.struck()
            self._sheet = ReadSheet(_attr(attrs, "Name") or f"Sheet{len(self.sheets) + 1}")
            self._r, self._column = -1, -1
        elif sheet is None:
            self._styles.start(name, attrs)
        elif name == "Row":
            self._r = _index(attrs, self._r + 1)
            self._row, self._c, self._struck = {}, -1, 0
            self._row_hidden = _hidden(attrs)
            self._row_style = _attr(attrs, "StyleID")
        elif name == "Column":
            self._declare_columns(sheet, attrs)
        elif name == "Cell" and self._row is not None:
            self._c = _index(attrs, self._c + 1)
            across, down = _count(attrs, "MergeAcross"), _count(attrs, "MergeDown")
            if (across or down) and len(sheet.merges) < MAX_MERGES:
                sheet.merges.append((self._r, self._c, self._r + min(down, self.max_rows), min(self._c + across, self.max_cols)))
            self._across = across
            self._cell_struck = (_attr(attrs, "StyleID") or self._row_style) in self._struck_styles
        elif name == "Data" and self._row is not None:
            self._type, self._text, self._struck_text, self._in_s = _attr(attrs, "Type"), [], [0, 0], 0
        elif name == "S" and self._text is not None:
            self._in_s += 1   # rich text struck through (<S>, HTML's, inside the Data)
        elif name == "Visible":
            self._options = []

    def end(self, name: str) -> None:
        if name == "Data" and self._text is not None and self._row is not None:
            if 0 <= self._c < self.max_cols:
                value = self._row[self._c] = _value(self._type, "".join(self._text))
                struck = self._cell_struck or (self._struck_text[0] > 0 and not self._struck_text[1])
                self._struck += value is not None and struck
            self._text = None
        elif name == "S" and self._text is not None:
            self._in_s -= 1
        elif name == "Cell":
            self._c += self._across
            self._across = 0
        elif name == "Row":
            self._end_row()
        elif name == "Visible" and self._options is not None and self._sheet is not None:
            self._sheet.hidden = "".join(self._options).strip() in ("SheetHidden", "SheetVeryHidden")
            self._options = None
        elif name == "Worksheet" and self._sheet is not None:
            if len(self.sheets) < self.max_sheets:
                self.sheets.append(self._sheet)
            self._sheet = None

    def chars(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)
            if data.strip():
                self._struck_text[0 if self._in_s > 0 else 1] += 1
        elif self._options is not None:
            self._options.append(data)

    def _end_row(self) -> None:
        sheet, row = self._sheet, self._row
        self._row = None
        if sheet is None or row is None or not any(v is not None and v != "" for v in row.values()):
            return
        if self._r >= self.max_rows:
            sheet.truncated = True
            return
        sheet.rows.extend([()] * (self._r - len(sheet.rows)))
        sheet.rows.append(tuple(row.get(c) for c in range(max(row) + 1)))
        if self._row_hidden:
            sheet.hidden_rows.add(self._r)
        if self._struck and self._struck == sum(v is not None and v != "" for v in row.values()):
            sheet.struck_rows.add(self._r)

    def _declare_columns(self, sheet: ReadSheet, attrs: dict) -> None:
        """A ``Column`` (at ``ss:Index`` or after the last, over ``ss:Span`` more): the columns it hides."""
        first = _index(attrs, self._column + 1)
        self._column = first + min(_count(attrs, "Span"), self.max_cols)
        if _hidden(attrs) and first < self.max_cols:
            sheet.hidden_columns.update(range(first, min(self._column + 1, self.max_cols)))


class _Styles:
    """The workbook's ``Style`` elements (``ss:ID``, ``ss:Parent``) and which strike their text through
    (``<Font ss:StrikeThrough="1">``, their own or their parent's): all formatting of SpreadsheetML is
    by such named styles."""

    def __init__(self) -> None:
        self._line: dict[str, bool] = {}
        self._parent: dict[str, str] = {}
        self._style: str | None = None

    def start(self, name: str, attrs: dict) -> None:
        if name == "Style":
            self._style = _attr(attrs, "ID")
            parent = _attr(attrs, "Parent")
            if self._style and parent:
                self._parent[self._style] = parent
        elif name == "Font" and self._style:
            strike = _attr(attrs, "StrikeThrough")
            if strike is not None:
                self._line[self._style] = strike.strip() in ("1", "true")

    def struck(self) -> set[str]:
        out = set()
        for style in set(self._line) | set(self._parent):
            current: str | None = style
            for _ in range(len(self._parent) + 1):   # (a loop of parents ends)
                if current is None or current in self._line:
                    break
                current = self._parent.get(current)
            if current is not None and self._line.get(current):
                out.add(style)
        return out


def _hidden(attrs: dict) -> bool:
    return (_attr(attrs, "Hidden") or "").strip() in ("1", "true")


def _index(attrs: dict, default: int) -> int:
    """``ss:Index`` (from 1) as a 0-based position; the next position when absent or not a number."""
    raw = (_attr(attrs, "Index") or "").strip()
    return int(raw) - 1 if raw.isdigit() and 0 < len(raw) <= 9 and int(raw) > default else default


def _count(attrs: dict, name: str) -> int:
    raw = (_attr(attrs, name) or "0").strip()
    return int(raw) if raw.isdigit() and len(raw) <= 9 else 0


def _value(kind: str | None, text: str) -> object:
    if kind == "Number":
        try:
            number = float(text)
        except ValueError:
            return text or None
        return int(number) if number.is_integer() and abs(number) < 1e15 else number
    if kind == "DateTime":
        try:
            return _dt.datetime.fromisoformat(text.strip()[:19])
        except ValueError:
            return text or None
    if kind == "Boolean":
        return text.strip() == "1"
    return text if text.strip() else None


def read_sheets(data: bytes, max_rows: int, max_cols: int, max_sheets: int) -> list[ReadSheet]:
    reader = _Reader(max_rows, max_cols, max_sheets)
    _parse(data, reader.start, reader.end, reader.chars)
    return reader.sheets
