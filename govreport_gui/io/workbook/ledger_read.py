"""Ledger files as agencies keep them, read into ``core.ledger.LedgerSheet``s (the counting is in core).

* ``.xlsx``/``.xlsm`` — checked first like every workbook (``safety.excel_safety``: zip bombs,
  DTD/entities, encrypted parts, .xlsb), then read through the same openpyxl path as reports
  (``excel_import._XlsxBook``: read-only, cached values, macros never run), but every row, not just
  the first ones a report table needs; date cells come as dates; merged ranges (for two-row
  headers) from the sheet's XML.
* ``.xls`` and WPS ``.et`` (recognised by content) — xlrd through ``excel_import._load_xls``; date
  cells turned into dates with the workbook's own date system (1900 or 1904).
* ``.ods`` (LibreOffice, WPS on 信创 systems) — checked like an .xlsx (``zip_safety``), then read
  by ``ledger_ods`` (one expat pass over ``content.xml``; repeated rows and cells never expanded
  past the limits).
* Excel's “XML 电子表格 2003” (SpreadsheetML, exported by many systems as “.xls”/“.xml”) —
  ``ledger_spreadsheetml``, one expat pass.
* a web page's tables (``.htm``/``.html``, and the “.xls” many 政务系统 export, which is an HTML
  table) — ``ledger_html``, the standard library's HTML parser; each top-level table a sheet.
* a Word document's tables (``.docx``: a ledger kept in Word or WPS 文字) — ``ledger_docx``, through
  the report reader's Word path; an old .doc/.wps, .rtf or .odt converted to .docx first by LibreOffice
  (``office.office_convert``, as for reports), or refused with how to save it as .docx without one.
* ``.csv``/``.txt`` — UTF-8 (with or without BOM), GBK/GB18030, or the UTF-16 tab-separated text
  Excel saves as “Unicode 文本”; comma or tab separated, decided from the first lines.

Every reader also says which rows and columns are hidden inside a sheet (by hand, by a filter, in a
collapsed group: ``LedgerSheet.hidden_rows``/``hidden_columns``) — they are read like the others, and
the count names them for the clerk to check (``core.ledger.hidden``).  A text file has none; a web
page marks a hidden row or column by its style (``display:none``).

A sheet is read up to ``MAX_LEDGER_ROWS`` rows (and stops after ``MAX_BLANK_RUN`` empty rows in a
row: formatting copied down a whole column); a bigger sheet is marked ``truncated`` and the count
says so.  Anything that is not a workbook or a text table is refused with a Chinese message.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import re
import stat
from pathlib import Path
from typing import cast

from ...core.errors import ReadError, cannot_read, error_code, not_a_regular_file
from ...core.ledger.sheet import LedgerSheet

LOG = logging.getLogger(__name__)
MAX_LEDGER_ROWS = 200_000
MAX_LEDGER_COLS = 80
MAX_BLANK_RUN = 5_000
MAX_TEXT_BYTES = 64 * 1024 * 1024
MAX_MERGES = 2_000          # a header needs a few; the rest are not read
WORKBOOK_KINDS = ("xlsx", "xls", "ods", "html", "docx")
FILE_TYPES = "登记台账 (*.xlsx *.xlsm *.xls *.et *.ett *.ods *.csv *.txt *.htm *.html *.docx *.doc *.wps);;所有文件 (*)"
# documents whose tables could be a ledger once saved as .docx
_OLD_DOCUMENTS = ("doc", "rtf", "odt")


class _Grid:
    """One sheet while it is read: what ``excel_import`` needs of a sheet (name, hidden, add_merge)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.rows: list[tuple] = []
        self.merges: list[tuple[int, int, int, int]] = []
        self.hidden = False
        self.truncated = False
        self.hidden_rows: set[int] = set()      # 0-based, like rows
        self.hidden_columns: set[int] = set()
        self.struck_rows: set[int] = set()      # every filled cell struck through (a cancelled entry)

    def add_merge(self, top: int, left: int, bottom: int, right: int) -> bool:
        if len(self.merges) >= MAX_MERGES or top > bottom or left > right:
            return False
        self.merges.append((top, left, bottom, right))
        return True

    def add(self, row: tuple, blank_run: int) -> int:
        """Append a row; returns the run of blank rows so far (the caller stops a long run)."""
        row = row[:MAX_LEDGER_COLS]
        if any(v is not None and v != "" for v in row):
            self.rows.append(row)
            return 0
        self.rows.append(())
        return blank_run + 1

    def ledger_sheet(self, source: str) -> LedgerSheet:
        while self.rows and not self.rows[-1]:
            self.rows.pop()
        return LedgerSheet(source, self.name, self.rows, self.merges, self.hidden, self.truncated,
                           frozenset(r for r in self.hidden_rows if r < len(self.rows)), frozenset(self.hidden_columns),
                           frozenset(r for r in self.struck_rows if r < len(self.rows)))


def read_ledgers(paths) -> list[LedgerSheet]:
    """Every sheet of every ledger file, in order.  Raises ``ReadError`` for a file that cannot be read."""
    sheets: list[LedgerSheet] = []
    for path in paths:
        sheets += read_ledger(Path(path))
    return sheets


def read_ledger(path: Path) -> list[LedgerSheet]:
    """The sheets of one ledger file (logged: which file, and on failure why, with the traceback)."""
    try:
        sheets = _read_kind(path, _kind(path))
    except ReadError as exc:
        LOG.warning("未能读取台账 %s：%s", os.path.abspath(path), exc, exc_info=True)
        raise
    LOG.info("已读取台账 %s（%d 个工作表）", os.path.abspath(path), len(sheets))
    return sheets


def _read_kind(path: Path, kind: str) -> list[LedgerSheet]:
    try:
        if kind == "text":
            return [_read_text(path)]
        if kind == "xlsx":
            return _read_xlsx(path)
        if kind == "ods":
            return _read_ods(path)
        if kind == "html":
            return _read_html(path)
        if kind == "docx":
            return _read_docx(path)
        if kind in _OLD_DOCUMENTS:
            return _read_old_document(path, kind)
        return _read_xls(path)
    except ReadError:
        raise
    except MemoryError:
        raise ReadError(f"“{path.name}”过大，读取时内存不足。") from None
    except Exception as exc:   # a damaged file: never a traceback for the clerk (the log has it)
        raise ReadError(f"读取台账“{path.name}”时出错，文件可能已损坏{error_code(exc)}。"
                        "请用 Excel/WPS 打开后另存为 .xlsx 再试。") from exc


# WPS 表格's own extensions: a workbook in Excel 97–2003 form inside (read as .xls, as LibreOffice reads
# them too), or a form of WPS's own that neither reads
_WPS_SHEETS = (".et", ".ett")


def _wps_unreadable(path: Path) -> str:
    return (f"“{path.name}”是 WPS 表格文件，但不是能直接读取的格式（可能是 WPS 自有格式或已加密）。"
            "请在 WPS 中打开它，点“文件→另存为”，文件类型选“Excel 工作簿（*.xlsx）”，再读取另存的文件。")


def _kind(path: Path) -> str:
    """"xlsx", "xls" or "text", by content; anything else is refused."""
    from ..registry import kind_for_suffix, kind_name, sniff
    try:
        info = path.stat()
    except OSError as exc:
        raise cannot_read(path, exc) from None
    if not stat.S_ISREG(info.st_mode):
        raise not_a_regular_file(path, stat.S_ISDIR(info.st_mode), "台账")
    if info.st_size == 0:
        raise ReadError(f"“{path.name}”是空文件。")
    try:
        kind = sniff(path)
    except ReadError:
        if _looks_like_spreadsheetml(path):
            return "html"   # (read by _read_html, which tells it from a page)
        if _looks_like_text(path):
            return "text"
        if path.suffix.lower() in _WPS_SHEETS:
            raise ReadError(_wps_unreadable(path)) from None
        if kind_for_suffix(path.suffix) is None:   # (.csv, .txt: the reports' kinds would be listed)
            raise ReadError(f"无法识别“{path.name}”的内容：它不是表格，也不是能读取的文本（可能已损坏）。"
                            f"{_CHOOSE_LEDGER}") from None
        raise
    if kind in WORKBOOK_KINDS:
        return kind
    if kind in _OLD_DOCUMENTS:
        return kind
    raise ReadError(f"“{path.name}”是{kind_name(kind)}，不是登记台账。{_CHOOSE_LEDGER}")


_CHOOSE_LEDGER = "请选择 Excel/WPS 表格（.xlsx、.xls、.et、.ods）、网页表格或 CSV/文本文件（.csv、.txt）。"


# --- workbooks ----------------------------------------------------------------------------------

def _read_xlsx(path: Path) -> list[LedgerSheet]:
    """Through one expat pass (``ledger_xlsx``: fast), or openpyxl for a workbook laid out otherwise."""
    import xml.parsers.expat
    import zipfile

    from ..locate.sheet_grid import MAX_SHEETS
    from ..safety.excel_safety import check_xlsx_container
    from .ledger_xlsx import Unusual, read_sheets
    check_xlsx_container(path)
    try:
        found = read_sheets(path, MAX_LEDGER_ROWS, MAX_LEDGER_COLS, MAX_BLANK_RUN, MAX_SHEETS)
    except (Unusual, xml.parsers.expat.ExpatError, zipfile.BadZipFile, ValueError, IndexError) as exc:
        LOG.info("%s：按 openpyxl 读取台账（%s）", path, exc)
        return _read_xlsx_openpyxl(path)
    out = []
    for name, hidden, sheet in found:
        grid = _Grid(name)
        grid.rows, grid.merges, grid.hidden, grid.truncated = sheet.rows, sheet.merges, hidden, sheet.truncated
        grid.hidden_rows, grid.hidden_columns, grid.struck_rows = sheet.hidden_rows, sheet.hidden_columns, sheet.struck_rows
        out.append(grid.ledger_sheet(path.name))
    return out


def _read_ods(path: Path) -> list[LedgerSheet]:
    import xml.parsers.expat
    import zipfile

    from ..locate.sheet_grid import MAX_SHEETS
    from ..safety.zip_safety import ODS, check_package
    from .ledger_ods import read_sheets
    from .ledger_xlsx import Unusual
    check_package(path, path.name, ODS)
    try:
        found = read_sheets(path, MAX_LEDGER_ROWS, MAX_LEDGER_COLS, MAX_BLANK_RUN, MAX_SHEETS)
    except (Unusual, xml.parsers.expat.ExpatError, KeyError, zipfile.BadZipFile) as exc:
        raise ReadError(f"“{path.name}”不是完好的 OpenDocument 表格{error_code(exc)}，无法读取。"
                        "请用 WPS/LibreOffice 打开后另存为 .xlsx 再试。") from exc
    return _ledger_sheets(found, path)


def _ledger_sheets(found, path: Path) -> list[LedgerSheet]:
    """The sheets a reader found (``ledger_ods.ReadSheet``s) as ledger sheets of ``path``."""
    out = []
    for sheet in found:
        grid = _Grid(sheet.name)
        grid.rows, grid.merges, grid.hidden, grid.truncated = sheet.rows, sheet.merges, sheet.hidden, sheet.truncated
        grid.hidden_rows, grid.hidden_columns, grid.struck_rows = sheet.hidden_rows, sheet.hidden_columns, sheet.struck_rows
        out.append(grid.ledger_sheet(path.name))
    return out


def _read_xlsx_openpyxl(path: Path) -> list[LedgerSheet]:
    from .excel_import import _XlsxBook
    book = _XlsxBook(path, _read_worksheet)
    book.close()
    grids = cast("list[_Grid]", book.sheets)   # what _read_worksheet made
    _hidden_of_parts(path, [(grid, book._paths.get(grid.name, "")) for grid in grids])
    return [grid.ledger_sheet(path.name) for grid in grids]


def _hidden_of_parts(path: Path, parts: list[tuple[_Grid, str]]) -> None:
    """Each sheet's hidden rows and columns, from its part (openpyxl's read-only sheets do not keep
    them); a part that cannot be read so leaves its sheet without (logged)."""
    import zipfile

    from .ledger_xlsx import hidden_rows_and_columns
    try:
        with zipfile.ZipFile(path) as zf:
            for grid, part in parts:
                if part:
                    grid.hidden_rows, grid.hidden_columns = hidden_rows_and_columns(
                        zf, part.lstrip("/"), MAX_LEDGER_ROWS, MAX_LEDGER_COLS)
    except Exception as exc:   # (the values were read; only the hidden rows are not known)
        LOG.warning("%s：未能读取隐藏的行和列（%s）", path, exc, exc_info=True)


def _read_worksheet(ws) -> _Grid:
    """A worksheet through openpyxl (a workbook the fast pass cannot follow): every row, and the rows
    whose every filled cell is in a struck-through font (a cancelled entry), as the fast pass finds them."""
    grid = _Grid(ws.title)
    try:
        ws.reset_dimensions()   # WPS writes wrong dimensions; read what is there
    except AttributeError:
        pass
    blank_run = 0
    for r, cells in enumerate(ws.iter_rows()):
        if r >= MAX_LEDGER_ROWS or blank_run >= MAX_BLANK_RUN:
            grid.truncated = r >= MAX_LEDGER_ROWS
            break
        row = tuple(getattr(cell, "value", None) for cell in cells)
        blank_run = grid.add(row, blank_run)
        filled = [cell for cell, value in zip(cells, row) if value is not None and value != ""]
        if filled and all(_struck_font(cell) for cell in filled):
            grid.struck_rows.add(r)
    return grid


def _struck_font(cell) -> bool:
    """Whether openpyxl's cell is in a struck-through font (a cell whose style cannot be looked up is not)."""
    try:
        return bool(cell.font.strike)
    except (AttributeError, IndexError):
        return False


def _read_xls(path: Path) -> list[LedgerSheet]:
    from .excel_import import _load_xls
    grids = cast("list[_Grid]", _load_xls(path, _xls_sheets))   # what _xls_sheets made
    return [grid.ledger_sheet(path.name) for grid in grids]


def _xls_sheets(xlrd, book) -> list[_Grid]:
    from ..locate.sheet_grid import MAX_SHEETS
    visibility = list(getattr(book, "_sheet_visibility", ())) or [0] * book.nsheets
    grids = []
    struck_styles = _xls_struck_styles(book)
    for i in range(min(book.nsheets, MAX_SHEETS)):
        sh = book.sheet_by_index(i)
        grid = _Grid(sh.name)
        grid.hidden = visibility[i] != 0
        grid.truncated = sh.nrows > MAX_LEDGER_ROWS
        n_cols = min(sh.ncols, MAX_LEDGER_COLS)
        blank_run = 0
        for r in range(min(sh.nrows, MAX_LEDGER_ROWS)):
            if blank_run >= MAX_BLANK_RUN:
                break
            cells = zip(sh.row_types(r, 0, n_cols), sh.row_values(r, 0, n_cols))
            blank_run = grid.add(tuple(_xls_value(xlrd, book, t, v) for t, v in cells), blank_run)
        _xls_layout(book, i, grid, struck_styles)
        grids.append(grid)
        book.unload_sheet(i)
    return grids


_BIFF_ROW, _BIFF_COLINFO = 0x0208, 0x007D
_ROW_HIDDEN, _COLUMNS_HIDDEN = 0x0020, 0x0001   # ROW: fDyZero (hidden, filtered, collapsed); COLINFO: fHidden
_BIFF_FONT, _BIFF_XF, _FONT_STRUCK = 0x0031, 0x00E0, 0x0008
# the records of a filled cell: row, column, cell style (XF) first; MULRK holds several
_BIFF_CELLS = {0x00FD, 0x0203, 0x027E, 0x0204, 0x0006, 0x0205, 0x00D6}
_BIFF_MULRK = 0x00BD


def _xls_struck_styles(book) -> set[int]:
    """The cell styles (XF indexes) of an .xls whose font is struck through, from the workbook's
    FONT and XF records (xlrd keeps them only in its formatting pass).  Font index 4 is never
    written: an XF's font 5 is the fifth FONT record."""
    import struct

    from .excel_import import _BIFF_EOF, _MAX_BIFF_RECORDS
    mem, pos = getattr(book, "mem", None), getattr(book, "base", 0)
    if mem is None or getattr(book, "biff_version", 0) < 80:
        return set()
    fonts: list[bool] = []
    xfs: list[int] = []
    for _ in range(_MAX_BIFF_RECORDS):
        if pos + 4 > len(mem):
            break
        code, length = struct.unpack_from("<HH", mem, pos)
        data, pos = pos + 4, pos + 4 + length
        if code == _BIFF_EOF or pos > len(mem):
            break
        if code == _BIFF_FONT and length >= 4:
            fonts.append(bool(struct.unpack_from("<H", mem, data + 2)[0] & _FONT_STRUCK))
        elif code == _BIFF_XF and length >= 2:
            xfs.append(struct.unpack_from("<H", mem, data)[0])
    struck = {f if f < 4 else f + 1 for f, yes in enumerate(fonts) if yes}
    return {i for i, font in enumerate(xfs) if font in struck}


def _xls_layout(book, index: int, grid: _Grid, struck_styles: set[int] | None = None) -> None:
    """An .xls sheet's merged ranges, hidden rows and columns and struck-through rows, in one pass
    over its records (xlrd keeps them only in its formatting pass: see ``excel_import._xls_merges``)."""
    import struct

    from .excel_import import _BIFF_MERGEDCELLS, xls_merged_ranges, xls_sheet_records
    cells: dict[int, list[int]] = {}   # row → [filled cells, struck ones]
    for code, mem, data, length in xls_sheet_records(book, index):
        if struck_styles and (code in _BIFF_CELLS or code == _BIFF_MULRK) and length >= 6:
            _xls_cell_styles(code, mem, data, length, struck_styles, cells)
        if code == _BIFF_ROW and length >= 14:
            row, flags = struct.unpack_from("<H", mem, data)[0], struct.unpack_from("<H", mem, data + 12)[0]
            if flags & _ROW_HIDDEN and row < MAX_LEDGER_ROWS:
                grid.hidden_rows.add(row)
        elif code == _BIFF_COLINFO and length >= 10:
            first, last, _width, _xf, options = struct.unpack_from("<HHHHH", mem, data)
            if options & _COLUMNS_HIDDEN:
                grid.hidden_columns.update(range(first, min(last + 1, MAX_LEDGER_COLS)))
        elif code == _BIFF_MERGEDCELLS:
            xls_merged_ranges(mem, data, length, grid)
    grid.struck_rows = {r for r, (filled, struck) in cells.items() if filled and struck == filled}


def _xls_cell_styles(code: int, mem, data: int, length: int, struck_styles: set[int], cells: dict) -> None:
    """Count a cell record's filled cells in a row, and those whose style is struck through."""
    import struct
    row, col = struct.unpack_from("<HH", mem, data)
    if row >= MAX_LEDGER_ROWS or col >= MAX_LEDGER_COLS:
        return
    styles = ([struct.unpack_from("<H", mem, data + 4 + 6 * k)[0] for k in range((length - 6) // 6)]
              if code == _BIFF_MULRK else [struct.unpack_from("<H", mem, data + 4)[0]])
    counts = cells.setdefault(row, [0, 0])
    counts[0] += len(styles)
    counts[1] += sum(xf in struck_styles for xf in styles)


def _xls_value(xlrd, book, cell_type: int, value: object) -> object:
    if cell_type == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return value
    if cell_type == xlrd.XL_CELL_NUMBER and isinstance(value, float):
        return int(value) if value.is_integer() else value
    if cell_type == xlrd.XL_CELL_TEXT:
        return value or None
    if cell_type == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    return None


def _read_html(path: Path) -> list[LedgerSheet]:
    """A web page's tables — or a SpreadsheetML workbook, which starts like one (``<Table>``)."""
    from ..locate.sheet_grid import MAX_SHEETS
    from .ledger_html import read_tables
    data = _read_bytes(path)
    if _spreadsheetml(data):
        return _read_spreadsheetml(path, data)
    text = _decode(data, path.name)
    tables = read_tables(text, MAX_LEDGER_ROWS, MAX_LEDGER_COLS, MAX_SHEETS)
    if not tables:
        return _workbook_pages(path, text)
    return _table_sheets(tables, path)


def _workbook_pages(path: Path, text: str) -> list[LedgerSheet]:
    """A workbook saved as a web page by Excel/WPS: the tables of the sheets' pages it names
    (``ledger_html.sheet_pages``), each sheet under its name in the workbook and ``path``'s file name."""
    import dataclasses

    from ..locate.sheet_grid import MAX_SHEETS
    from .ledger_html import read_tables, sheet_pages
    pages = sheet_pages(text, path)
    if not pages:
        raise ReadError(f"“{path.name}”是网页，其中没有表格，不是登记台账。")
    found = [(name, page) for name, page in pages if page.is_file()]
    if not found:
        raise ReadError(f"“{path.name}”是 Excel/WPS 另存的网页，各工作表的内容在它旁边的“{pages[0][1].parent.name}”文件夹中，"
                        "但没有找到这个文件夹。请把网页文件和这个文件夹放在同一处再读取，或在 Excel/WPS 中打开网页，"
                        "另存为 .xlsx 后读取。")
    out: list[LedgerSheet] = []
    for name, page in found[:MAX_SHEETS]:
        tables = read_tables(_decode(_read_bytes(page), page.name), MAX_LEDGER_ROWS, MAX_LEDGER_COLS, MAX_SHEETS)
        for sheet in _table_sheets(tables, path):
            label = name or page.stem
            out.append(dataclasses.replace(sheet, name=f"{label}{'·' + sheet.name if sheet.name else ''}"))
    if not out:
        raise ReadError(f"“{path.name}”是 Excel/WPS 另存的网页，它的各工作表中没有表格，不是登记台账。")
    return out


def _read_docx(path: Path, data: bytes | None = None) -> list[LedgerSheet]:
    """A Word document's tables (``ledger_docx``), each a sheet (表格1, 表格2 … when there are several).
    ``data``: the document's bytes when they are not ``path``'s (a converted copy)."""
    from .ledger_docx import read_tables
    tables = read_tables(path, _read_bytes(path) if data is None else data, MAX_LEDGER_COLS, MAX_MERGES)
    if not tables:
        raise ReadError(f"“{path.name}”是 Word 文档，其中没有表格，不是登记台账。")
    return _table_sheets(tables, path)


def _read_old_document(path: Path, kind: str) -> list[LedgerSheet]:
    """An old Word/WPS document (.doc, .wps), RTF or .odt: its tables, read from a copy converted to
    .docx by LibreOffice (or WPS/Word on Windows: ``office_convert``, as for reports); without a
    converter, the clerk is told how to save it as .docx."""
    import dataclasses
    import sys

    from ..office.office_convert import converted_copy
    from ..office.office_suite import find_soffice
    from ..registry import kind_name
    if find_soffice() is None and sys.platform != "win32":
        raise ReadError(f"“{path.name}”是{kind_name(kind)}，本机没有可转换它的 LibreOffice。台账是 Word 表格时，"
                        "请用 Word/WPS 打开后另存为 .docx（或把表格复制到 Excel/WPS 表格中另存为 .xlsx），再读取；"
                        "或安装 LibreOffice 后重试。")
    with converted_copy(path, kind) as (converted, said):
        sheets = _read_docx(path, _read_bytes(converted))
    return [dataclasses.replace(sheet, converted=said) for sheet in sheets]


def _table_sheets(tables, path: Path) -> list[LedgerSheet]:
    """The tables of a page or a document (``HtmlTable``/``WordTable``), each a sheet of ``path``
    named 表格1, 表格2 … when there are several."""
    out = []
    for i, table in enumerate(tables, 1):
        grid = _Grid(f"表格{i}" if len(tables) > 1 else "")
        grid.rows, grid.merges, grid.truncated, grid.struck_rows = table.rows, table.merges, table.truncated, table.struck_rows
        grid.hidden_rows, grid.hidden_columns = table.hidden_rows, table.hidden_columns
        out.append(grid.ledger_sheet(path.name))
    return out


def _looks_like_spreadsheetml(path: Path) -> bool:
    with open(path, "rb") as f:
        return _spreadsheetml(f.read(8192))


def _spreadsheetml(data: bytes) -> bool:
    from .ledger_spreadsheetml import MARK
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    return MARK in head and b"<Workbook" in head


def _read_spreadsheetml(path: Path, data: bytes) -> list[LedgerSheet]:
    import xml.parsers.expat

    from ..locate.sheet_grid import MAX_SHEETS
    from .ledger_spreadsheetml import read_sheets
    from .ledger_xlsx import Unusual
    try:
        found = read_sheets(data, MAX_LEDGER_ROWS, MAX_LEDGER_COLS, MAX_SHEETS)
    except (Unusual, xml.parsers.expat.ExpatError) as exc:
        raise ReadError(f"“{path.name}”是 XML 电子表格（2003），但内容不完整或含有不安全的声明{error_code(exc)}，"
                        "无法读取。请用 Excel/WPS 打开后另存为 .xlsx 再试。") from exc
    return _ledger_sheets(found, path)


# --- text -----------------------------------------------------------------------------------------

_BINARY_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"{\\rtf")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _looks_like_text(path: Path) -> bool:
    """Text a table can be read from: no file format's magic, an encoding that decodes, no control
    characters but tabs and line breaks."""
    with open(path, "rb") as f:
        head = f.read(65536)
    if head.startswith(_BINARY_MAGIC):
        return False
    try:
        text = _decode(head, path.name, partial=True)
    except ReadError:
        return False
    return not _CONTROL.search(text)


def _read_text(path: Path) -> LedgerSheet:
    text = _decode(_read_bytes(path), path.name)
    grid = _Grid("")
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        blank_run = 0
        for r, row in enumerate(reader):
            if r >= MAX_LEDGER_ROWS or blank_run >= MAX_BLANK_RUN:
                grid.truncated = r >= MAX_LEDGER_ROWS
                break
            blank_run = grid.add(tuple(_text_cell(v) for v in row), blank_run)
    except csv.Error as exc:
        raise ReadError(f"“{path.name}”不是可读取的表格文本（{exc}）。请用 Excel/WPS 打开后另存为 .xlsx 再试。") from None
    return grid.ledger_sheet(path.name)


# A value a system exported as an Excel text formula (="2025-03-05", ="00123": kept as text by Excel,
# which shows it without the =" "): its text.
_TEXT_FORMULA = re.compile(r'^\s*="(.*)"\s*$', re.DOTALL)


def _text_cell(value: str) -> str | None:
    if (m := _TEXT_FORMULA.match(value)) is not None:
        value = m.group(1).replace('""', '"')
    return value if value.strip() else None


def _read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_TEXT_BYTES:
            raise ReadError(f"“{path.name}”过大（超过 {MAX_TEXT_BYTES // 1024 // 1024} MB），不是登记台账。")
        return path.read_bytes()
    except OSError as exc:
        raise cannot_read(path, exc) from None


def _decode(data: bytes, name: str, partial: bool = False) -> str:
    """The text of a ledger file: a BOM decides (Excel's “Unicode 文本” is UTF-16 with one); else
    UTF-8, then GB18030 (GBK's superset).  ``partial``: ``data`` may end inside a character."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", name, partial)
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name, partial)
    if b"\x00" in data[:65536]:
        raise ReadError(f"“{name}”不是文本文件。")
    for encoding in ("utf-8", "gb18030"):
        try:
            return _strict(data, encoding, name, partial)
        except ReadError:
            continue
    raise ReadError(f"“{name}”的文字编码无法识别。请用 Excel/WPS 打开后另存为 .xlsx 或 UTF-8 编码的 CSV 再试。")


def _strict(data: bytes, encoding: str, name: str, partial: bool) -> str:
    import codecs
    try:
        return codecs.getincrementaldecoder(encoding)("strict").decode(data, final=not partial)
    except UnicodeDecodeError:
        raise ReadError(f"“{name}”不是 {encoding} 编码的文本。") from None


_DELIMITERS = ("\t", ",", ";", "|")   # in this order when as good


def _delimiter(text: str) -> str:
    """The separator of the first lines: tab (Excel's “Unicode 文本”, “文本文件(制表符分隔)”), comma,
    semicolon (a system's export, Excel under a European list separator) or bar — the one found the
    same number of times on most lines (a heading line above the table aside), then the most often;
    comma when none is found."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]

    def score(mark: str) -> tuple[int, int]:
        counts = [line.count(mark) for line in lines]
        usual = max(set(counts), key=lambda n: (counts.count(n), n)) if counts else 0
        return (counts.count(usual) if usual else 0, sum(counts))
    best = max(_DELIMITERS, key=lambda mark: (score(mark), -_DELIMITERS.index(mark)))
    return best if score(best)[1] else ","
