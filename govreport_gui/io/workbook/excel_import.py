"""Read a report from any Excel workbook: .xlsx / .xlsm (macros never run) and legacy .xls.

1. The file is checked before a library parses it (``excel_safety``: zip bombs, DTD/entities,
   encrypted parts); .xls goes through xlrd.
2. Every worksheet (visible ones first) becomes a ``SheetGrid`` of its first ``MAX_ROWS`` rows,
   with the values the spreadsheet last calculated (``data_only``).
3. ``table_locate`` finds the tables by their labels and recognises the format version (a table
   found twice is read from its most complete copy, with a note naming the copies).
4. Each value is read with the tolerant ``core.values.parse_value``; formula cells without a cached
   value are recomputed where every cell they use can be (``excel_formula``; otherwise the cell
   is left blank with a note saying why and what to do).  Totals go to ``report.printed``
   (the checks compare them with the recomputed ones), never into the report's inputs.
5. Metadata and prose are read from label/value cells (our own export has a sheet of them).

Everything interpreted — conversions, labels not placed, missing cached values — is returned as
a note in Chinese naming the sheet and cell.
"""

from __future__ import annotations

import logging
import re
from decimal import Decimal
from pathlib import Path
from typing import IO

from ...core.errors import ReadError
from ...core.forms import FORMS, Kind, get_form, tables_named
from ...core.report import METADATA_NAMES, TEXT_METADATA, Metadata, Report
from ...core.values import WAN, ValueProblem, format_value, parse_value, with_header_unit
from ..locate.labels import canonical_label, heading_key
from ..locate.sheet_grid import MAX_CELLS, MAX_COLS, MAX_ROWS, MAX_SHEETS, SheetGrid, cell_ref
from ..locate.table_locate import Located, Placement, locate
from ..notes import Note
from ..published.report_title import parse_title, parse_year
from ..registry import ImportResult
from .excel_formula import CannotEvaluate, SharedFormulas, SheetEvaluator, from_float, parse_ref
from .sheet_source import read_cells_only

LOG = logging.getLogger(__name__)

#: Defined name our own export writes; its value is the format version (e.g. ``"2021"``).
MARKER_NAME = "GovReport_Format"
YEAR_LABEL = "报告年度"
_LABEL_AND_VALUE = re.compile(r"^(\S{2,6}?)\s*[:：]\s*(\S.*)$", re.S)


# ---------------------------------------------------------------------------------------------
# Entry points (registered in io.registry.READERS)


def read_xlsx(path: Path) -> ImportResult:
    from ..safety.excel_safety import check_xlsx_container
    check_xlsx_container(path)
    book = _XlsxBook(path)
    try:
        return _build(path, book.sheets, book.marker, book)
    finally:
        book.close()


def read_xls(path: Path) -> ImportResult:
    sheets = _load_xls(path)
    return _build(path, sheets, None, None)


# ---------------------------------------------------------------------------------------------
# Loading


def _unreadable(path: Path, what: str = "Excel 工作簿") -> ReadError:
    return ReadError(f"“{path.name}”无法作为{what}读取（文件已损坏或格式不对）。请用 Excel/WPS 打开后另存为 .xlsx，再导入。")


class _XlsxBook:
    """An .xlsx/.xlsm workbook read through openpyxl in read-only mode (bounded, streaming).
    ``read_sheet``: how one worksheet is read (default: a ``SheetGrid`` of its first rows; the
    ledger reader reads every row) — the result has ``name``, ``hidden`` and ``add_merge``."""

    def __init__(self, path: Path, read_sheet=None):
        import openpyxl
        _quick_dimension_scan()
        self.path = path
        self.sheets: list[SheetGrid] = []
        self.marker: str | None = None
        self.has_macros = False
        self._paths: dict[str, str] = {}
        self.shared: dict[str, SharedFormulas] = {}   # shared formula groups, by sheet name
        self._formula_rows: dict[str, int] = {}        # rows whose formulas were read, by sheet name
        # Formula cells whose saved result is empty text (``=IF(B6=0,"",B6)`` shows blank: Excel
        # saves ``t="str"`` and an empty ``<v>``): blank on purpose, not a result the file lacks.
        self.blank_results: dict[str, set[tuple[int, int]]] = {}
        try:
            self._file: IO[bytes] | None = open(path, "rb")
        except OSError as exc:
            raise ReadError(f"无法读取“{path.name}”：{exc.strerror or exc}。") from None
        try:
            # A file object, not the path: the extension does not matter (WPS files named .xls).
            wb = openpyxl.load_workbook(self._file, read_only=True, data_only=True, keep_vba=False,
                                        keep_links=False)
        except ReadError:
            self.close()
            raise
        except MemoryError:
            self.close()
            raise ReadError(f"“{path.name}”过大，读取时内存不足。") from None
        except Exception as exc:
            self.close()
            if _is_xml_attack(exc):
                raise ReadError(f"“{path.name}”中含有不安全的 XML 声明（DTD/实体），已拒绝读取。") from None
            raise _unreadable(path) from exc
        complete = False
        try:
            self.has_macros = getattr(wb, "vba_archive", None) is not None or _zip_has(path, "vbaproject.bin")
            self.marker = _marker(wb)
            worksheets = list(wb.worksheets)[:MAX_SHEETS]
            visible = [ws for ws in worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
            hidden = [ws for ws in worksheets if ws not in visible]
            for ws in visible + hidden:
                read_cells_only(ws)
                self.sheets.append((read_sheet or _read_ws)(ws))
                self.sheets[-1].hidden = ws in hidden
                self._paths[ws.title] = getattr(ws, "_worksheet_path", "")
            self._load_merges()
            complete = True
        except ReadError:
            raise
        except MemoryError:
            raise ReadError(f"“{path.name}”过大，读取时内存不足。") from None
        except Exception as exc:
            if _is_xml_attack(exc):
                raise ReadError(f"“{path.name}”中含有不安全的 XML 声明（DTD/实体），已拒绝读取。") from None
            raise _unreadable(path) from exc
        finally:
            wb.close()
            if not complete:  # no book is returned: release the file (on Windows it would stay locked)
                self.close()

    def _load_merges(self) -> None:
        """The merged ranges of every sheet read (openpyxl's read-only sheets do not give them):
        ``<mergeCells>`` follows ``<sheetData>``, so each sheet's XML is scanned (bytes, not parsed)."""
        import zipfile
        try:
            with zipfile.ZipFile(self.path) as zf:
                for sheet in self.sheets:
                    member = self._paths.get(sheet.name, "").lstrip("/")
                    if member:
                        _read_merges(zf, member, sheet)
        except (KeyError, OSError, ValueError, zipfile.BadZipFile):
            # merges unknown: positions are judged on the columns alone
            LOG.warning("%s：读不出合并单元格，按没有合并处理", self.path, exc_info=True)

    def close(self) -> None:
        f = getattr(self, "_file", None)
        if f is not None:
            f.close()
            self._file = None

    def load_formulas(self, sheet: SheetGrid, rows: int = MAX_ROWS) -> None:
        """Read the formulas of one sheet's first ``rows`` rows (at most the area the first pass
        read) straight from its XML, streamed through defusedxml (the first pass kept only cached
        values).

        Plain formulas go to ``sheet.formulas``; the cells of a shared formula group to
        ``self.shared[sheet.name]`` (moved to their position when needed); the cells of an array
        formula over several cells, or of a data table, get ``""`` — a formula whose value cannot
        be made here."""
        import zipfile

        from defusedxml.ElementTree import iterparse

        member = self._paths.get(sheet.name, "").lstrip("/")
        rows = min(rows, MAX_ROWS)
        if not member or self._formula_rows.get(sheet.name, 0) >= rows:
            return
        self._formula_rows[sheet.name] = rows
        shared = self.shared.setdefault(sheet.name, SharedFormulas())
        blank = self.blank_results.setdefault(sheet.name, set())
        budget = [MAX_CELLS]
        row = -1
        parsed = 0
        try:
            with zipfile.ZipFile(self.path) as zf:
                if not _has_formula_tag(zf, member):
                    return
                with zf.open(member) as f:
                    for _event, el in iterparse(f, events=("end",)):
                        if el.tag.rsplit("}", 1)[-1] != "row":
                            continue
                        r = el.get("r")
                        row = int(r) - 1 if r and r.isdigit() else row + 1
                        if row >= rows or parsed > MAX_CELLS:   # at most as far as the first pass read
                            break
                        col = -1
                        for cell in el:
                            if cell.tag.rsplit("}", 1)[-1] != "c":
                                continue
                            parsed += 1
                            ref = cell.get("r")
                            if ref:
                                row, col = parse_ref(ref)
                            else:
                                col += 1
                            formula = next((x for x in cell if x.tag.rsplit("}", 1)[-1] == "f"), None)
                            if formula is not None and col < MAX_COLS and row < rows:
                                sheet.has_formulas = True
                                _add_formula(sheet, shared, row, col, formula, budget)
                                if cell.get("t") == "str" and _empty_result(cell):
                                    blank.add((row, col))
                        el.clear()
        except Exception as exc:  # KeyError, OSError, BadZipFile, CannotEvaluate (too many), a parse error …
            if _is_xml_attack(exc):
                raise ReadError(f"“{self.path.name}”中含有不安全的 XML 声明（DTD/实体），已拒绝读取。") from None
            # formulas unknown: the cached values stand, a formula cell without one stays blank
            LOG.warning("%s：读不出工作表“%s”的公式，按没有公式处理", self.path, sheet.name, exc_info=True)

    def evaluator(self, sheet: SheetGrid) -> SheetEvaluator:
        """Recomputes formulas of ``sheet`` (after ``load_formulas``)."""
        def formula_at(r: int, c: int) -> str | None:
            if r >= self._formula_rows.get(sheet.name, MAX_ROWS):
                self.load_formulas(sheet)   # a formula uses a cell below the rows read: all of them
            if (r, c) in self.blank_results.get(sheet.name, ()):
                return None   # a formula that shows blank: blank (0 in a sum, as in Excel)
            known = sheet.formulas.get((r, c))
            shared = self.shared.get(sheet.name)
            return known if known is not None or shared is None else shared.formula(r, c)

        rows_read = sheet.n_rows
        def in_area(r: int, c: int) -> bool:   # a big sheet was read only in part: beyond is unknown
            return not sheet.truncated or (r < rows_read and c < MAX_COLS)

        return SheetEvaluator(sheet.name, sheet.get, formula_at, in_area)


_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?"')
#: Bytes of one sheet's XML scanned for merged ranges (a bigger sheet: merges beyond are unknown).
MAX_MERGE_SCAN = 64 << 20


def _read_merges(zf, member: str, sheet: SheetGrid) -> None:
    """Record the ``<mergeCell ref="G5:M5"/>`` ranges of a sheet's XML on ``sheet`` (bounded)."""
    from openpyxl.utils.cell import column_index_from_string

    scanned = 0
    tail = b""
    with zf.open(member) as f:
        while (chunk := f.read(1 << 20)) and scanned < MAX_MERGE_SCAN:
            scanned += len(chunk)
            buf = tail + chunk
            cut = buf.rfind(b"<")
            done, tail = (buf[:cut], buf[cut:]) if cut > 0 else (buf, b"")
            if len(tail) > 4096:
                tail = b""
            if b"mergeCell" not in done:
                continue
            for m in _MERGE_CELL.finditer(done):
                c1, r1, c2, r2 = m.group(1), m.group(2), m.group(3) or m.group(1), m.group(4) or m.group(2)
                left, right = column_index_from_string(c1.decode()) - 1, column_index_from_string(c2.decode()) - 1
                top, bottom = int(r1) - 1, int(r2) - 1
                sheet.add_merge(min(top, bottom), min(left, right), max(top, bottom), max(left, right))


def _empty_result(cell) -> bool:
    """Whether a formula cell saved its result as an empty ``<v>`` (present, blank text)."""
    v = next((x for x in cell if x.tag.rsplit("}", 1)[-1] == "v"), None)
    return v is not None and not (v.text or "").strip()


#: Cells of one array formula / data table marked "formula of unknown value" (more: left as is).
_MAX_AREA_CELLS = 10_000


def _add_formula(sheet: SheetGrid, shared: SharedFormulas, row: int, col: int, formula, budget: list[int]) -> None:
    """One ``<f>`` element.  ``budget``: cells that array formulas may still mark (a file of many
    overlapping array formulas must not take minutes)."""
    kind = formula.get("t") or "normal"
    text = formula.text or ""
    if kind == "shared" and formula.get("si") is not None:
        si = formula.get("si")
        if text.strip():
            shared.add_first(si, row, col, text)
            sheet.formulas[(row, col)] = "=" + text
        else:
            shared.add_other(si, row, col)
        return
    if kind in ("array", "dataTable"):
        area = formula.get("ref") or cell_ref(row, col)
        try:
            a, _, b = area.partition(":")
            (r1, c1), (r2, c2) = parse_ref(a), parse_ref(b or a)
        except CannotEvaluate:
            r1, c1, r2, c2 = row, col, row, col
        (r1, r2), (c1, c2) = sorted((r1, r2)), sorted((c1, c2))
        if kind == "array" and (r1, c1) == (r2, c2) == (row, col):   # one cell: a plain formula
            sheet.formulas[(row, col)] = "=" + text if text.strip() else ""
            return
        r2, c2 = min(r2, MAX_ROWS - 1), min(c2, MAX_COLS - 1)
        size = max(0, r2 - r1 + 1) * max(0, c2 - c1 + 1)
        if size <= min(_MAX_AREA_CELLS, budget[0]):
            budget[0] -= size
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    sheet.formulas.setdefault((r, c), "")
        sheet.formulas[(row, col)] = ""
        return
    sheet.formulas[(row, col)] = "=" + text if text.strip() else ""


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formula_tag(zf, member: str) -> bool:
    """Whether a sheet's XML has a formula element (a quick byte scan before parsing it)."""
    with zf.open(member) as f:
        tail = b""
        while chunk := f.read(1 << 20):
            if _FORMULA_TAG.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _zip_has(path: Path, basename: str) -> bool:
    import zipfile
    with zipfile.ZipFile(path) as zf:
        return any(n.lower().rsplit("/", 1)[-1] == basename for n in zf.namelist())


def _is_xml_attack(exc: BaseException | None) -> bool:
    """Whether defusedxml refused the file (openpyxl wraps its exceptions)."""
    for _ in range(10):
        if exc is None:
            return False
        if type(exc).__module__.startswith("defusedxml"):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z0-9:$]+)\"")
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData[\s>/]")


def _quick_dimension_scan() -> None:
    """openpyxl's read-only sheets look for ``<dimension>`` when they are created, and when a
    sheet has none (files written by programs) parse the whole sheet to find that out — seconds
    for a big sheet, before a single row is read.  ``<dimension>`` must come before
    ``<sheetData>`` (ECMA-376), so reading up to ``<sheetData>`` is enough.  Same result, applied
    once; we reset the dimensions before reading anyway (WPS writes wrong ones)."""
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    if getattr(ReadOnlyWorksheet, "_govreport_quick_size", False):
        return

    def _get_size(self) -> None:
        head = b""
        with self._get_source() as src:
            while len(head) < (1 << 20):
                chunk = src.read(16384)
                if not chunk:
                    break
                head += chunk
                if _SHEET_DATA.search(head):
                    break
        m = _DIMENSION.search(head.split(b"<sheetData", 1)[0])
        if m:
            try:
                ref = m.group(1).decode().replace("$", "")
                if ":" not in ref:
                    ref = f"{ref}:{ref}"
                self._min_column, self._min_row, self._max_column, self._max_row = range_boundaries(ref)
            except (ValueError, TypeError):
                pass

    ReadOnlyWorksheet._get_size = _get_size
    ReadOnlyWorksheet._govreport_quick_size = True


def _marker(wb) -> str | None:
    try:
        dn = wb.defined_names.get(MARKER_NAME)
    except Exception:  # pragma: no cover - openpyxl API variations
        LOG.warning("读不出工作簿的定义名称 %s，按他人制作的工作簿读取", MARKER_NAME, exc_info=True)
        dn = None
    if dn is None:
        return None
    text = str(getattr(dn, "attr_text", "") or getattr(dn, "value", "")).strip().strip('"')
    return text if text in FORMS else None


def _read_ws(ws) -> SheetGrid:
    sheet = SheetGrid(ws.title)
    try:
        ws.reset_dimensions()  # WPS writes wrong dimensions; read what is there
    except AttributeError:
        pass
    cells = sheet.cells
    parsed = 0
    for r, row in enumerate(ws.iter_rows(values_only=True)):
        parsed += len(row)
        if r >= MAX_ROWS or parsed > MAX_CELLS:
            sheet.truncated = True
            break
        if len(row) > MAX_COLS:
            sheet.truncated = True
            row = row[:MAX_COLS]
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            cells[(r, c)] = value
    return sheet


def _load_xls(path: Path, read_sheets=None) -> list[SheetGrid]:
    """The sheets of an .xls (or WPS .et) file; ``read_sheets(xlrd, book)`` reads them (default: a
    ``SheetGrid`` of each sheet's first rows)."""
    import xlrd
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"无法读取“{path.name}”：{exc.strerror or exc}。") from None
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=_Silent())
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise ReadError(f"“{path.name}”设置了打开密码（已加密），无法读取。请在 Excel/WPS 中取消密码后另存，再导入。") from None
        raise _unreadable(path, "Excel 97-2003 工作簿") from exc
    except MemoryError:
        raise ReadError(f"“{path.name}”过大，读取时内存不足。") from None
    except Exception as exc:
        raise _unreadable(path, "Excel 97-2003 工作簿") from exc
    try:
        return (read_sheets or _xls_sheets)(xlrd, book)
    except ReadError:
        raise
    except MemoryError:
        raise ReadError(f"“{path.name}”过大，读取时内存不足。") from None
    except Exception as exc:  # xlrd parses sheets lazily: a damaged sheet fails here (struct.error, KeyError, …)
        raise _unreadable(path, "Excel 97-2003 工作簿") from exc
    finally:
        book.release_resources()


def _xls_sheets(xlrd, book) -> list[SheetGrid]:
    """The sheets of an open .xls book (visible first), with their merged ranges where known."""
    sheets: list[SheetGrid] = []
    visibility = list(getattr(book, "_sheet_visibility", ())) or [0] * book.nsheets
    order = sorted(range(min(book.nsheets, MAX_SHEETS)), key=lambda i: visibility[i] != 0)
    for i in order:
        sh = book.sheet_by_index(i)
        sheet = SheetGrid(sh.name, hidden=visibility[i] != 0)
        n_rows, n_cols = min(sh.nrows, MAX_ROWS), min(sh.ncols, MAX_COLS)
        sheet.truncated = sh.nrows > MAX_ROWS or sh.ncols > MAX_COLS
        for r in range(n_rows):
            types = sh.row_types(r, 0, n_cols)
            values = sh.row_values(r, 0, n_cols)
            for c, (t, v) in enumerate(zip(types, values)):
                if t in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE):
                    sheet.cells[(r, c)] = v
                elif t == xlrd.XL_CELL_TEXT and v:
                    sheet.cells[(r, c)] = v
        _xls_merges(book, i, sheet)
        sheets.append(sheet)
        book.unload_sheet(i)
    return sheets


_BIFF_BOF, _BIFF_EOF, _BIFF_MERGEDCELLS = 0x0809, 0x000A, 0x00E5
#: Records of one sheet scanned for merged ranges (a damaged file must not keep us long).
_MAX_BIFF_RECORDS = 2_000_000


def _xls_merges(book, index: int, sheet: SheetGrid) -> None:
    """The merged ranges of an .xls sheet, from its MERGEDCELLS records (BIFF8).  xlrd reads them
    only in its formatting pass, which also keeps every blank cell — on a damaged file that can
    take gigabytes — so the records are read here, bounded; a damaged record ends the scan."""
    for code, mem, data, length in xls_sheet_records(book, index):
        if code == _BIFF_MERGEDCELLS:
            xls_merged_ranges(mem, data, length, sheet)


def xls_sheet_records(book, index: int):
    """(code, the file's bytes, where the record's data starts, its length) of each record of sheet
    ``index`` (BIFF8; its own, not an embedded chart's), at most ``_MAX_BIFF_RECORDS``; a damaged
    record ends the scan."""
    import struct
    try:
        mem, pos = book.mem, book._sh_abs_posn[index]
    except (AttributeError, IndexError, TypeError):
        return
    if mem is None or getattr(book, "biff_version", 0) < 80:
        return
    end, depth = len(mem), 0
    unpack = struct.Struct("<HH").unpack_from
    for _ in range(_MAX_BIFF_RECORDS):
        if pos + 4 > end:
            return
        code, length = unpack(mem, pos)
        data, pos = pos + 4, pos + 4 + length
        if code == _BIFF_BOF:
            depth += 1            # the sheet's own BOF, or an embedded chart's
        elif code == _BIFF_EOF:
            depth -= 1
            if depth <= 0:
                return
        elif depth == 1 and pos <= end:
            yield code, mem, data, length


def xls_merged_ranges(mem, data: int, length: int, sheet) -> None:
    """The ranges of one MERGEDCELLS record, added to ``sheet`` (``add_merge``)."""
    import struct
    if length < 2:
        return
    (count,) = struct.unpack_from("<H", mem, data)
    for k in range(min(count, (length - 2) // 8)):
        r1, r2, c1, c2 = struct.unpack_from("<HHHH", mem, data + 2 + 8 * k)
        sheet.add_merge(min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))


class _Silent:
    def write(self, *_):
        pass


# ---------------------------------------------------------------------------------------------
# Building the report


def _build(path: Path, sheets: list[SheetGrid], marker: str | None, book: _XlsxBook | None) -> ImportResult:
    if not sheets or all(not s.cells for s in sheets):
        raise ReadError(f"“{path.name}”是空工作簿（没有任何内容），无法导入。")
    notes: list[str] = []
    meta, sections = _read_metadata(sheets, own=marker is not None)
    located = locate(sheets, year=meta.year or None, form=get_form(marker) if marker else None)
    if located is None or not located.placements:
        truncated = [s.name for s in sheets if s.truncated]
        extra = (f"（工作表“{'”“'.join(truncated)}”很大，只查找了开头部分：至多 {MAX_ROWS} 行、{MAX_COLS} 列）"
                 if truncated else "")
        raise ReadError(f"“{path.name}”中没有找到年报表格{extra}：没有{tables_named()}的行列标签"
                        "（如“信息内容”“自然人”“行政复议”）。请确认这是政府信息公开工作年度报告的表格。")
    form = located.form
    note = located.version_note(meta.year)   # None unless the version was guessed
    if note is not None:
        notes.append(note)
    for s in sheets:
        if s.truncated and any(p.sheet is s for p in located.placements.values()):
            notes.append(Note(f"工作表“{s.name}”很大，只读取了开头部分（至多 {MAX_ROWS} 行、{MAX_COLS} 列）。"))
    for s in sheets:
        if s.hidden and any(p.sheet is s for p in located.placements.values()):
            notes.append(Note(f"有数字读自隐藏的工作表“{s.name}”，请在 Excel/WPS 中取消隐藏后核对。"))
    if book is not None and book.has_macros:
        notes.append(Note("工作簿含有宏（VBA），宏没有运行，只读取了单元格内容。"))
    evaluators = _recover_formulas(book, located) if book is not None and marker is None else {}

    report = Report(form.version, meta, sections)
    for key, placement in located.placements.items():
        spec = form.cell(key)
        value = _read_value(placement, spec, notes, evaluators.get(id(placement.sheet)))
        if value is None:
            continue
        if spec.computed:
            report.printed[key] = value
        else:
            report.set(key, value)
    notes.extend(located.read_as)
    notes.extend(located.unplaced)
    notes.extend(located.duplicates)
    missing = [t for t in form.tables if t not in located.tables_found]
    if missing:
        notes.append(Note(f"没有找到{tables_named(missing)}，这些表格按空白处理。", "unplaced"))
    return ImportResult(report, None, notes, kind="xlsx" if book is not None else "xls")


def _recover_formulas(book: _XlsxBook, located: Located) -> dict[int, SheetEvaluator]:
    """Formula cells with no cached value: read their formulas (second pass, only if needed).
    Returns a recomputing evaluator per sheet that needs one (by ``id`` of its grid)."""
    evaluators: dict[int, SheetEvaluator] = {}
    for p in located.placements.values():
        if p.raw is None and id(p.sheet) not in evaluators:
            # The rows up to the last value first (more only if a formula uses a cell below them).
            book.load_formulas(p.sheet, max((r for r, _ in p.sheet.cells), default=0) + 1)
            evaluators[id(p.sheet)] = book.evaluator(p.sheet)
    return evaluators


def _where(p: Placement) -> str:
    """``表三“一、本年新收政府信息公开…”/“自然人”`` — the cell by its labels."""
    return p.key.name(limit=14)


_RECALC = "请在 Excel 或 WPS 中打开该文件，按 F9 重新计算并保存后再导入；或导入后手工填写此项"


def _read_value(p: Placement, spec, notes: list[str], evaluator: SheetEvaluator | None):
    raw = p.raw
    kind, total = spec.kind, spec.computed
    if raw is None:
        formula = evaluator.formula_at(p.row, p.col) if evaluator is not None else None
        if formula is None:
            return None
        try:
            if not formula:
                raise CannotEvaluate("")
            value = evaluator.formula_value(formula, at=(p.row, p.col))  # type: ignore[union-attr]  # a formula: an evaluator
        except CannotEvaluate as exc:
            why = (evaluator.explain(exc, formula, (p.row, p.col)) if formula  # type: ignore[union-attr]
                   else "文件中读不到这个公式的内容（如数组公式、模拟运算表）")
            if total:
                notes.append(Note(f"{p.ref}（{_where(p)}）：文件没有保存合计公式的计算结果，而{why}，"
                                  "无法核对文件所列的合计；合计由本程序按表内数字重新计算，无需处理。", "formula"))
            else:
                notes.append(Note(f"{p.ref}（{_where(p)}）：文件没有保存公式的计算结果，而{why}，"
                                  f"无法重新计算，未读取（按空白处理）。{_RECALC}。", "problem"))
            return None
        notes.append(Note(f"{p.ref}：公式“{formula}”没有保存计算结果（文件可能由程序生成），"
                              f"已按公式重新计算为{format_value(value)}。", "formula"))
        raw = value
    if isinstance(raw, float):
        raw = from_float(raw)
    if isinstance(raw, bool):
        notes.append(Note(f"{p.ref}：“{raw}”不是数字，未读取（按空白处理），请核对。", "problem"))
        return None
    if kind is Kind.MONEY and isinstance(raw, str):
        raw = with_header_unit(raw, p.unit)
    try:
        parsed = parse_value(raw, kind)
    except ValueProblem as exc:
        notes.append(Note(f"{p.ref}：{exc}，未读取（按空白处理），请核对。", "problem"))
        return None
    value = parsed.value
    if value is not None and kind is Kind.MONEY and p.unit in ("元", "亿元") and not isinstance(raw, str):
        factor = Decimal(1) / WAN if p.unit == "元" else WAN
        value = parse_value(Decimal(value) * factor, Kind.MONEY).value
        notes.append(Note(f"{p.ref}：表头单位为{p.unit}，“{format_value(parsed.value)}”按{format_value(value)}万元读取。", "conversion"))
    elif parsed.note:
        notes.append(Note(f"{p.ref}：{parsed.note}", "conversion"))
    return value


# ---------------------------------------------------------------------------------------------
# Metadata and prose


def _read_metadata(sheets: list[SheetGrid], own: bool) -> tuple[Metadata, dict[str, str]]:
    meta = Metadata()
    sections: dict[str, str] = {}
    names = {canonical_label(v): k for k, v in METADATA_NAMES.items()}
    names[canonical_label(YEAR_LABEL)] = "year"
    seen: set[str] = set()
    for sheet in sheets:
        for (r, c), text in sorted(sheet.text_cells()):
            if len(text) > 40:
                if not meta.year:
                    _title(text, meta)
                continue
            field_name = names.get(canonical_label(text))
            if field_name and field_name not in seen:
                value = _right_of(sheet, r, c, own)
                if value is not None:
                    seen.add(field_name)
                    _set_meta(meta, field_name, value)
                continue
            m = _LABEL_AND_VALUE.match(text.strip())
            if not own and m and names.get(canonical_label(m.group(1))) not in (None, *seen):
                field_name = names[canonical_label(m.group(1))]
                seen.add(field_name)
                _set_meta(meta, field_name, m.group(2).strip())
                continue
            section = heading_key(text)
            if section and section not in sections:
                value = _right_of(sheet, r, c, own)
                if isinstance(value, str):
                    sections[section] = value
                continue
            if not meta.year:
                below = sheet.get(sheet.cell_bottom(r, c) + 1, c)
                _title(text + below if isinstance(below, str) and len(below) <= 40 else text, meta)
    return meta, sections


def _right_of(sheet: SheetGrid, r: int, c: int, own: bool) -> object:
    """The value next to a label; in our own export long text continues on the rows below."""
    if own:
        value = sheet.raw(r, c + 1)
        if isinstance(value, str):
            parts = [value]
            rr = r + 1
            while sheet.raw(rr, c) is None and isinstance(more := sheet.raw(rr, c + 1), str):
                parts.append(more)
                rr += 1
            return "".join(parts)
        return value
    for cc in sheet.next_columns(r, c, 3, r - 1, r + 1):   # logical cells: a merged label, spacer columns
        value = sheet.get(r, cc)
        if value is not None:
            return value
    return None


def _set_meta(meta: Metadata, name: str, value: object) -> None:
    if name == "year":
        meta.year = parse_year(value) or meta.year
        return
    if name not in TEXT_METADATA:
        return
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "year") and hasattr(value, "month") and hasattr(value, "day"):  # a date cell
        value = f"{value.year}年{value.month}月{value.day}日"
    setattr(meta, name, str(value))


def _title(text: str, meta: Metadata) -> None:
    title = parse_title(text)
    if title:
        meta.year = title.year
        if not meta.agency and title.agency:
            meta.agency = title.agency
