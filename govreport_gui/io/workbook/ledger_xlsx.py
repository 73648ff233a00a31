"""Every row of an .xlsx ledger in one streaming pass of the C XML parser (expat), for speed.

A ledger is thousands of rows of a few plain columns; openpyxl's read-only mode builds a Python
object per cell and took about five times as long as this pass for a 20 000-row ledger — more
than the 2 seconds a clerk should wait on an office PC.  What is read: the workbook's sheets (name,
hidden or not, the 1900 or 1904 date system), the shared strings (rich text runs joined, phonetic
guides left out), the cell styles (which number formats are dates: openpyxl's own test), and per
sheet its cells by reference, formula results as stored, the merged ranges, and the rows and columns
hidden (``<row hidden="1">`` — by hand, a filter, a collapsed group — or of height 0, or every row
without a height of its own in a sheet that hides rows by default, ``zeroHeight``; ``<col hidden>``).

The package has passed ``safety.excel_safety`` before (zip bombs, encrypted parts, DTD and entity
declarations in any part are refused there); this parser refuses a DOCTYPE again on its own.  A
workbook this pass cannot follow (another layout of parts) raises ``Unusual`` and is read through
openpyxl instead (``ledger_read``).
"""

from __future__ import annotations

import posixpath
import re
import xml.parsers.expat
import zipfile
from collections.abc import Callable
from pathlib import Path

_CJK_DATE_IDS = set(range(27, 37)) | set(range(50, 59))   # 年月日 formats of Chinese Excel, built in by id
_REF = re.compile(r"([A-Z]{1,3})(\d+)")   # a merged range's corners


class Unusual(Exception):
    """The workbook's parts are not laid out as this pass expects: read it another way."""


class _Local(dict):
    """Element name → its local name (``x:row`` → ``row``): parts written with a namespace prefix
    read the same; worked out once per name."""

    def __init__(self, separator: str = ":") -> None:
        super().__init__()
        self.separator = separator

    def __missing__(self, name: str) -> str:
        local = self[name] = name.rpartition(self.separator)[2]
        return local


#: Between a namespace and a name when a part is parsed with its namespaces (``_parse(namespaces=True)``).
NS = "}"


def _parse(source, start: Callable | None = None, end: Callable | None = None, text: Callable | None = None,
           namespaces: bool = False) -> None:
    """Run expat over a part (bytes or a file object); handlers get local element names.  Attribute
    names keep their prefix (``r:id``: see ``_attr``) — or, with ``namespaces``, are their namespace
    and name (``urn:…:table:1.0}style-name``: one dictionary look-up, whatever prefix the part chose)."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=NS) if namespaces else xml.parsers.expat.ParserCreate()
    parser.buffer_text = True

    def refuse(*_args) -> None:
        raise Unusual("DOCTYPE")
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    local = _Local(NS if namespaces else ":")
    if start:
        parser.StartElementHandler = lambda name, attrs: start(local[name], attrs)
    if end:
        parser.EndElementHandler = lambda name: end(local[name])
    if text:
        parser.CharacterDataHandler = text
    if isinstance(source, bytes):
        parser.Parse(source, True)
    else:
        parser.ParseFile(source)


def _attr(attrs: dict, name: str) -> str | None:
    """An attribute by its local name, whatever its prefix (``r:id``)."""
    return attrs.get(name) if name in attrs else next((v for k, v in attrs.items() if k.endswith(":" + name)), None)


class Book:
    """The workbook-level parts: sheets, shared strings, date styles, struck-through styles, date system."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.sheets: list[tuple[str, str, bool]] = []   # (name, part, hidden)
        self.date1904 = False
        self.strings: list[str] = []
        self.date_styles: set[int] = set()
        self.struck_styles: set[int] = set()   # cell styles whose font is struck through
        # the shared strings' and styles' parts: where the workbook's relationships put them
        self.parts = {"sharedStrings": "xl/sharedStrings.xml", "styles": "xl/styles.xml"}
        self.named: set[str] = set()   # the parts the relationships name
        self._read_workbook()
        self._read_strings()
        self._read_styles()

    def to_date(self, serial: int | float) -> object:
        """An Excel date serial of a date-formatted cell as a date, in this workbook's date system."""
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel
        return from_excel(serial, CALENDAR_MAC_1904 if self.date1904 else CALENDAR_WINDOWS_1900)

    def _member(self, name: str) -> bytes | None:
        try:
            return self.zf.read(name)
        except KeyError:
            return None

    def _named_part(self, kind: str) -> bytes | None:
        """The shared strings' or styles' part; a part the relationships name but the package lacks
        is a layout this pass does not follow (read through openpyxl, which says what is wrong)."""
        data = self._member(self.parts[kind])
        if data is None and self.parts[kind] in self.named:
            raise Unusual(f"{kind} part missing")
        return data

    def _read_workbook(self) -> None:
        targets: dict[str, str] = {}

        def rel(name: str, attrs: dict) -> None:
            if name == "Relationship" and attrs.get("Id") and attrs.get("Target"):
                target = attrs["Target"].lstrip("/")
                targets[attrs["Id"]] = target = posixpath.normpath(target if target.startswith("xl/") else "xl/" + target)
                kind = attrs.get("Type", "").rpartition("/")[2]
                if kind in self.parts:
                    self.parts[kind] = target
        rels = self._member("xl/_rels/workbook.xml.rels")
        workbook = self._member("xl/workbook.xml")
        if rels is None or workbook is None:
            raise Unusual("no workbook part")
        _parse(rels, start=rel)
        self.named = set(targets.values())

        def sheet(name: str, attrs: dict) -> None:
            if name == "sheet":
                part = targets.get(_attr(attrs, "id") or "")
                if part is None:
                    raise Unusual("sheet without part")
                self.sheets.append((attrs.get("name", ""), part, attrs.get("state", "visible") != "visible"))
            elif name == "workbookPr":
                self.date1904 = attrs.get("date1904", "0") in ("1", "true")
        _parse(workbook, start=sheet)

    def _read_strings(self) -> None:
        data = self._named_part("sharedStrings")
        if data is None:
            return
        parts: list[str] = []
        state = {"t": False, "phonetic": False}

        def start(name: str, _attrs: dict) -> None:
            if name == "si":
                parts.clear()
            elif name == "rPh":
                state["phonetic"] = True
            elif name == "t":
                state["t"] = True

        def end(name: str) -> None:
            if name == "si":
                self.strings.append("".join(parts))
            elif name == "rPh":
                state["phonetic"] = False
            elif name == "t":
                state["t"] = False
        _parse(data, start, end, lambda d: parts.append(d) if state["t"] and not state["phonetic"] else None)

    def _read_styles(self) -> None:
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
        data = self._named_part("styles")
        if data is None:
            return
        formats = {i: f for i, f in BUILTIN_FORMATS.items()}
        xfs: list[tuple[int, int]] = []   # (number format, font) of each cell style
        struck_fonts: set[int] = set()
        where = {"cellXfs": False, "fonts": False}
        fonts = [0]

        def start(name: str, attrs: dict) -> None:
            if name == "numFmt" and attrs.get("numFmtId", "").isdigit():
                formats[int(attrs["numFmtId"])] = attrs.get("formatCode", "")
            elif name in where:
                where[name] = True
            elif name == "xf" and where["cellXfs"]:
                xfs.append((_number(attrs.get("numFmtId")), _number(attrs.get("fontId"))))
            elif name == "font" and where["fonts"]:
                fonts[0] += 1
            elif name == "strike" and where["fonts"] and attrs.get("val", "1") in _TRUE:
                struck_fonts.add(fonts[0] - 1)

        def end(name: str) -> None:
            if name in where:
                where[name] = False
        _parse(data, start, end)
        self.date_styles = {i for i, (fid, _font) in enumerate(xfs)
                            if fid in _CJK_DATE_IDS or (fid in formats and is_date_format(formats[fid]))}
        self.struck_styles = {i for i, (_fid, font) in enumerate(xfs) if font in struck_fonts}


def _number(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() and len(raw) < 8 else 0


def column_index(letters: str) -> int:
    """A → 0, Z → 25, AA → 26."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


class SheetReader:
    """One worksheet's rows: ``rows[i]`` is spreadsheet row i + 1 (a tuple of values), merges."""

    def __init__(self, book: Book, max_rows: int, max_cols: int, max_blank_run: int) -> None:
        self.book, self.max_rows, self.max_cols, self.max_blank_run = book, max_rows, max_cols, max_blank_run
        self.rows: list[tuple] = []
        self.merges: list[tuple[int, int, int, int]] = []
        self.truncated = False
        self.hidden_rows: set[int] = set()       # rows hidden by hand, by a filter, in a collapsed outline
        self.hidden_columns: set[int] = set()
        self.struck_rows: set[int] = set()       # every filled cell in a struck-through font
        self._struck = 0                         # the current row's filled cells struck through
        self._row: dict[int, object] = {}
        self._row_index = -1
        self._cell: tuple[int, str | None, int] | None = None   # column, type, style
        self._text: list[str] = []
        self._in_value = False      # inside the cell's <v> or <t> (not its formula <f>)
        self._blank_run = 0
        self._columns: dict[str, int] = {}
        self._dates: dict[int | float, object] = {}
        self._zero_height = False   # rows hidden unless they say otherwise (``hidden_row``)

    def read(self, part: str) -> None:
        try:
            with self.book.zf.open(part) as f:
                _parse(f, self._start, self._end, self._chars)
        except _Stop:
            pass
        except KeyError:
            raise Unusual(f"no part {part}") from None

    def _start(self, name: str, attrs: dict) -> None:
        if name == "c":
            ref = attrs.get("r")
            column = self._column(ref) if ref else (max(self._row, default=-1) + 1)
            style = attrs.get("s")
            self._cell = (column, attrs.get("t"), int(style) if style and style.isdigit() else 0)
            self._text = []
        elif name == "row":
            r = attrs.get("r", "")
            self._row_index = int(r) - 1 if r.isdigit() else self._row_index + 1
            self._row = {}
            if (self._zero_height or "hidden" in attrs or "ht" in attrs) and hidden_row(attrs, self._zero_height):
                self.hidden_rows.add(self._row_index)
        elif name in ("v", "t") and self._cell is not None:
            self._in_value = True
        elif name == "mergeCell":
            self._merge(attrs.get("ref", ""))
        elif name == "col":
            self.hidden_columns |= hidden_columns(attrs, self.max_cols)
        elif name == "sheetFormatPr":
            self._zero_height = attrs.get("zeroHeight") in _TRUE

    def _column(self, ref: str) -> int:
        """The column of a cell reference (``AB12`` → 27), remembered per column letters."""
        letters = ref.rstrip("0123456789")
        found = self._columns.get(letters)
        if found is None:
            found = self._columns[letters] = column_index(letters) if letters.isalpha() and letters.isupper() else 10 ** 6
        return found

    def _chars(self, data: str) -> None:
        if self._in_value:
            self._text.append(data)

    def _end(self, name: str) -> None:
        if name in ("v", "t"):
            self._in_value = False
        elif name == "c" and self._cell is not None:
            column, kind, style = self._cell
            if column < self.max_cols:
                value = self._value("".join(self._text), kind, style)
                if value is not None and value != "":
                    self._row[column] = value
                    self._struck += style in self.book.struck_styles
            self._cell = None
        elif name == "row":
            self._add_row()

    def _value(self, text: str, kind: str | None, style: int) -> object:
        if kind == "s":
            if not text.strip().isdigit():
                return None
            if int(text) >= len(self.book.strings):   # a text this pass did not find: never read as empty
                raise Unusual("shared string missing")
            return self.book.strings[int(text)]
        if kind in ("str", "inlineStr"):
            return text
        if kind == "b":
            return text.strip() == "1"
        if kind == "e" or not text.strip():
            return None
        if kind == "d":
            return _iso_date(text)
        return self._number(text.strip(), style)

    def _number(self, text: str, style: int) -> object:
        try:
            number: int | float = int(text)
        except ValueError:
            try:
                number = float(text)
            except ValueError:
                return text
        if style in self.book.date_styles and 0 < number < 2_958_466:
            found = self._dates.get(number)
            if found is None:
                found = self._dates[number] = self.book.to_date(number)
            return found
        return number

    def _add_row(self) -> None:
        r = self._row_index
        if r >= self.max_rows:
            self.truncated = True
            raise _Stop
        self._blank_run = 0 if self._row else self._blank_run + 1
        if self._blank_run >= self.max_blank_run or r > len(self.rows) + self.max_blank_run:
            raise _Stop   # a long run of empty rows (formatting copied down a column): the rest is empty
        if not self._row:
            return
        if self._struck:
            if self._struck == len(self._row):
                self.struck_rows.add(r)
            self._struck = 0
        while len(self.rows) < r:
            self.rows.append(())
        width = max(self._row) + 1
        self.rows.append(tuple(self._row.get(c) for c in range(width)))

    def _merge(self, ref: str) -> None:
        cells = [_REF.match(part) for part in ref.replace("$", "").split(":")]
        if len(cells) == 2 and all(cells) and len(self.merges) < 2000:
            (c1, r1), (c2, r2) = [(column_index(m.group(1)), int(m.group(2)) - 1) for m in cells if m]
            self.merges.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))


class _Stop(Exception):
    """Enough rows read."""


def _iso_date(text: str) -> object:
    import datetime as _dt
    try:
        return _dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return text


def read_sheets(path: Path, max_rows: int, max_cols: int, max_blank_run: int, max_sheets: int):
    """(name, hidden, reader) of every sheet (at most ``max_sheets``), in order: the reader's rows,
    merges, hidden rows and columns, and whether it was truncated."""
    with zipfile.ZipFile(path) as zf:
        book = Book(zf)
        out = []
        for name, part, hidden in book.sheets[:max_sheets]:
            reader = SheetReader(book, max_rows, max_cols, max_blank_run)
            reader.read(part)
            out.append((name, hidden, reader))
        return out


_TRUE = ("1", "true")


def hidden_row(attrs: dict, zero_height: bool = False) -> bool:
    """A ``<row>`` hidden: ``hidden="1"`` (by hand, a filter, a collapsed outline), or a height of 0.
    ``zero_height``: the sheet hides its rows by default (``<sheetFormatPr zeroHeight="1">``, how Excel
    saves a sheet whose unused rows were all hidden) — then only a row with a height of its own or
    ``hidden="0"`` is shown."""
    hidden, height = attrs.get("hidden"), attrs.get("ht", "").strip()
    if hidden in _TRUE or height in ("0", "0.0"):
        return True
    return zero_height and hidden not in ("0", "false") and not height


def hidden_columns(attrs: dict, max_cols: int) -> set[int]:
    """The columns (0-based, below ``max_cols``) a ``<col min max>`` hides (``hidden="1"`` or width 0)."""
    if attrs.get("hidden") not in _TRUE and attrs.get("width", "").strip() not in ("0", "0.0"):
        return set()
    first, last = attrs.get("min", ""), attrs.get("max", "")
    if not (first.isdigit() and last.isdigit() and len(first) < 6 and len(last) < 6):
        return set()
    return set(range(max(int(first) - 1, 0), min(int(last), max_cols)))


def hidden_rows_and_columns(zf: zipfile.ZipFile, part: str, max_rows: int, max_cols: int) -> tuple[set[int], set[int]]:
    """The hidden rows and columns of one worksheet part, by themselves (for a workbook read through
    openpyxl, whose read-only sheets do not keep them)."""
    rows: set[int] = set()
    cols: set[int] = set()
    position = [-1]
    zero_height = [False]

    def start(name: str, attrs: dict) -> None:
        if name == "row":
            r = attrs.get("r", "")
            position[0] = int(r) - 1 if r.isdigit() and len(r) < 8 else position[0] + 1
            if position[0] < max_rows and hidden_row(attrs, zero_height[0]):
                rows.add(position[0])
        elif name == "col":
            cols.update(hidden_columns(attrs, max_cols))
        elif name == "sheetFormatPr":
            zero_height[0] = attrs.get("zeroHeight") in _TRUE
    with zf.open(part) as f:
        _parse(f, start)
    return rows, cols
