"""Write a report as a workbook a clerk or a sub-unit can fill in and send back.

* ``基本信息``: the metadata and the prose of the six sections (label | value rows).
* One sheet per table, laid out like the official table from ``form.tables[id].grid`` (same
  labels, same merges): input cells tinted, unlocked and validated (whole numbers ≥ 0;
  ``本年增/减`` any whole number; money decimals ≥ 0); totals as live ``=SUM(...)`` formulas from
  ``form.totals``; under 三 a visible balance-check row per column from ``form.balances`` that
  shows the difference and turns red when it is not 0.
* A defined name (``excel_import.MARKER_NAME``) records the format version so our importer
  recognises its own workbook; the importer reads the inputs back and recomputes the totals.

The file is written atomically; a file open in Excel/WPS gives a clear message.
"""

from __future__ import annotations

import io
import math
from decimal import Decimal
from pathlib import Path

from ... import APP_NAME
from ...core.errors import WriteError, error_code
from ...core.forms import CellKey, FormSpec, Kind, Layout, Role, TableSpec
from ...core.report import METADATA_NAMES, Report
from ...core.serialize import write_atomic
from ...core.values import format_value
from ..locate.sheet_grid import column_letter
from ..workbook.excel_import import MARKER_NAME, YEAR_LABEL
from .sheet_print import fit_a4_width

META_SHEET = "基本信息"
CELL_TEXT_LIMIT = 32000          # Excel's limit is 32 767 characters per cell
FIRST_ROW = 3                    # the table starts on this row (1-based); row 1 is the title
FONT = "宋体"

_FILL_INPUT = "FFF9E5"
_FILL_TOTAL = "E8EEF4"
_FILL_HEADER = "F2F2F2"
_FILL_BAD = "F8CBAD"

# Column widths (Excel character units) by table and grid column; the rest use the default.
# column widths (characters) by the table's layout: label columns, then the default for the others
_WIDTHS = {Layout.BLOCKS: {0: 24}, Layout.ROWS: {0: 6, 1: 12, 2: 38}, Layout.COLUMN_GROUPS: {}}
_DEFAULT_WIDTH = {Layout.BLOCKS: 20, Layout.ROWS: 10, Layout.COLUMN_GROUPS: 8.5}


def write_xlsx(path: Path, report: Report, previous: Report | None = None) -> list[str]:
    notes: list[str] = []
    try:
        data = workbook_bytes(report, notes)
    except MemoryError:
        raise WriteError(f"导出“{Path(path).name}”时内存不足。") from None
    except Exception as exc:  # a writer bug must not reach the clerk as a traceback
        raise WriteError(f"无法生成 Excel 工作簿“{Path(path).name}”{error_code(exc)}，原文件未改动。") from exc
    write_atomic(path, data)
    return notes


def workbook_bytes(report: Report, notes: list[str] | None = None) -> bytes:
    wb = build_workbook(report, notes)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def build_workbook(report: Report, notes: list[str] | None = None):
    """The workbook; ``notes`` receives what had to be changed to fit a spreadsheet (control
    characters Excel cannot store)."""
    from openpyxl import Workbook
    from openpyxl.workbook.defined_name import DefinedName

    form = report.form
    wb = Workbook()
    wb._govreport_notes = notes if notes is not None else []
    meta_ws = wb.active
    meta_ws.title = META_SHEET
    _write_meta_sheet(meta_ws, report)
    for section in form.sections:
        if section.table:
            ws = wb.create_sheet(_sheet_title(section.heading))
            _write_table_sheet(ws, form, form.tables[section.table], section.heading, report)
    wb.defined_names[MARKER_NAME] = DefinedName(MARKER_NAME, attr_text=f'"{form.version}"')
    wb.properties.title = _clean(report.title())
    wb.properties.creator = APP_NAME
    return wb


def _sheet_title(text: str) -> str:
    for ch in '[]:*?/\\':
        text = text.replace(ch, "")
    return text[:31]


# ---------------------------------------------------------------------------------------------
# Styles


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    thin = Side(style="thin", color="000000")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "font": Font(name=FONT, size=10.5),
        "bold": Font(name=FONT, size=10.5, bold=True),
        "title": Font(name=FONT, size=14, bold=True),
        "small": Font(name=FONT, size=9),
        "hint": Font(name=FONT, size=9, color="666666"),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(horizontal="left", vertical="center", wrap_text=True),
        "top": Alignment(horizontal="left", vertical="top", wrap_text=True),
        "input": PatternFill("solid", fgColor=_FILL_INPUT),
        "total": PatternFill("solid", fgColor=_FILL_TOTAL),
        "header": PatternFill("solid", fgColor=_FILL_HEADER),
        "unlocked": Protection(locked=False),
    }


def _clean(text: str) -> str:
    """Text without the control characters a worksheet cannot hold (Word's manual line break
    \x0b becomes a line break)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    return ILLEGAL_CHARACTERS_RE.sub("", text.replace("\x0b", "\n"))


def _text_cell(ws, row: int, col: int, text: str):
    """A cell holding ``text`` as text, even when it starts with ``=`` (never a formula)."""
    cell = ws.cell(row=row, column=col)
    cleaned = _clean(text)
    if cleaned != text:
        ws.parent._govreport_notes.append(f"{ws.title}!{cell.coordinate}：文字中有 Excel 不能保存的控制字符，已删除（换行符保留）。")
        text = cleaned
    cell.value = text
    cell.data_type = "s"
    return cell


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


# ---------------------------------------------------------------------------------------------
# 基本信息


def _write_meta_sheet(ws, report: Report) -> None:
    st = _styles()
    form = report.form
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 100
    title = _text_cell(ws, 1, 1, report.title())
    title.font = st["title"]
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=2)
    hint = _text_cell(ws, 2, 1, f"格式：{form.name}（{form.basis}），{form.version}版。"
                      "各表数字填在黄色单元格中，灰蓝色单元格为自动合计。")
    hint.font = st["hint"]
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=2)
    row = 4
    for name, label in METADATA_NAMES.items():
        value = getattr(report.meta, name)
        if name == "year":
            row = _meta_row(ws, row, YEAR_LABEL, value or None, st)
        else:
            row = _meta_row(ws, row, label, value, st)
    row += 1
    for section in form.sections:
        row = _meta_row(ws, row, section.heading, report.sections.get(section.key, ""), st, prose=True)
    ws.freeze_panes = "B4"
    fit_a4_width(ws, landscape=False)


def _meta_row(ws, row: int, label: str, value, st, prose: bool = False) -> int:
    head = _text_cell(ws, row, 1, label)
    head.font = st["bold"]
    head.alignment = st["top"]
    head.border = st["border"]
    chunks: list = [value]
    if isinstance(value, str):
        chunks = [value[i:i + CELL_TEXT_LIMIT] for i in range(0, len(value), CELL_TEXT_LIMIT)] or [""]
    for i, chunk in enumerate(chunks):
        cell = ws.cell(row=row + i, column=2)
        if isinstance(chunk, str):
            if chunk:
                _text_cell(ws, row + i, 2, chunk)
        else:
            cell.value = chunk
        cell.font = st["font"]
        cell.alignment = st["top"]
        cell.border = st["border"]
        cell.protection = st["unlocked"]
        if isinstance(chunk, str) and chunk:
            lines = sum(max(1, math.ceil(_display_width(part) / 96)) for part in chunk.split("\n"))
            ws.row_dimensions[row + i].height = min(409, max(15, 14.5 * min(lines, 28)))
        elif prose:
            ws.row_dimensions[row + i].height = 60
    return row + len(chunks)


# ---------------------------------------------------------------------------------------------
# Tables


def cell_positions(table: TableSpec, first_row: int = FIRST_ROW) -> dict[CellKey, tuple[int, int]]:
    """Where each value cell of ``table`` is on its sheet (1-based row, column)."""
    return {g.key: (first_row + g.row, 1 + g.col) for g in table.grid if g.key is not None}


def _ref(pos: tuple[int, int]) -> str:
    return f"{column_letter(pos[1] - 1)}{pos[0]}"


def sum_formula(cells: list[tuple[int, int]]) -> str:
    """``=SUM(D6:D27)`` over the cells, contiguous runs of a column or a row joined as ranges."""
    parts: list[str] = []
    run: list[tuple[int, int]] = []

    def flush():
        if not run:
            return
        parts.append(_ref(run[0]) if len(run) == 1 else f"{_ref(run[0])}:{_ref(run[-1])}")
        run.clear()

    for pos in cells:
        if run:
            prev = run[-1]
            same_col = pos[1] == prev[1] == run[0][1] and pos[0] == prev[0] + 1
            same_row = pos[0] == prev[0] == run[0][0] and pos[1] == prev[1] + 1
            if not (same_col or same_row):
                flush()
        run.append(pos)
    flush()
    return f"=SUM({','.join(parts)})"


def _write_table_sheet(ws, form: FormSpec, table: TableSpec, heading: str, report: Report) -> None:
    """One table's sheet: heading, the official grid with the clerk's figures, SUM formulas for the
    totals, a balance-check row, a hint, print setup and sheet protection (inputs unlocked)."""
    st = _styles()
    top = FIRST_ROW
    positions = cell_positions(table, top)
    _write_heading(ws, heading, table.n_cols, st)
    validations = _validations()
    used = _write_grid(ws, table, report, top, validations, st)
    for kind in used:
        ws.add_data_validation(validations[kind])
    for total in form.totals:
        if total.target.table == table.id:
            target = positions[total.target]
            ws.cell(row=target[0], column=target[1]).value = sum_formula([positions[k] for k in total.addends])
    last = top + table.n_rows - 1
    balances = [b for b in form.balances if b.table == table.id]
    if balances:
        last += 1
        _write_balance_row(ws, balances, positions, last, table.n_cols, st)
    _write_hint(ws, last + 2, table.n_cols, st)
    _size(ws, table, top)
    _page_setup(ws, table, top)


def _write_heading(ws, heading: str, n_cols: int, st: dict) -> None:
    title = _text_cell(ws, 1, 1, heading)
    title.font = st["title"]
    title.alignment = st["left"]
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n_cols)
    ws.row_dimensions[1].height = 24


def _validations() -> dict:
    """Data validation per kind of figure: what Excel/WPS says when a clerk types something else."""
    from openpyxl.worksheet.datavalidation import DataValidation
    validations = {
        Kind.COUNT: DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                   errorTitle="请填写数量", error="此处应填写大于或等于0的整数（没有可填0或留空）。",
                                   promptTitle="数量", prompt="填写整数，没有可填0或留空。"),
        Kind.SIGNED: DataValidation(type="whole", operator="between", formula1="-999999999", formula2="999999999",
                                    allow_blank=True, errorTitle="请填写整数",
                                    error="此处应填写整数，减少时填负数（如 -3）。",
                                    promptTitle="本年增/减", prompt="填写整数，减少时填负数（如 -3）。"),
        Kind.MONEY: DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                   errorTitle="请填写金额", error="此处应填写大于或等于0的金额（单位：万元，可有小数）。",
                                   promptTitle="金额（万元）", prompt="单位：万元，可有小数，如 2009.54。"),
    }
    for dv in validations.values():
        dv.showErrorMessage = True
        dv.showInputMessage = True
    return validations


def _write_grid(ws, table: TableSpec, report: Report, top: int, validations: dict, st: dict) -> set[Kind]:
    """Every cell of the official grid, merged and bordered; returns the kinds of input written."""
    kinds = {c.key: c.kind for c in table.cells}
    used: set[Kind] = set()
    for g in table.grid:
        r, c = top + g.row, 1 + g.col
        if g.rowspan > 1 or g.colspan > 1:
            ws.merge_cells(start_row=r, start_column=c, end_row=r + g.rowspan - 1, end_column=c + g.colspan - 1)
        for rr in range(r, r + g.rowspan):
            for cc in range(c, c + g.colspan):
                ws.cell(row=rr, column=cc).border = st["border"]
        if g.role is Role.INPUT and g.key is not None:   # an input cell always has its key
            kind = kinds[g.key]
            _write_input(ws.cell(row=r, column=c), report.values.get(g.key), kind, st)
            validations[kind].add(ws.cell(row=r, column=c).coordinate)
            used.add(kind)
        elif g.role is Role.COMPUTED:
            _style(ws.cell(row=r, column=c), st, font="bold", fill="total")
            ws.cell(row=r, column=c).number_format = "0"
        else:
            _write_text(ws, r, c, g, st)
    return used


def _style(cell, st: dict, font: str, fill: str | None = None, align: str = "center") -> None:
    cell.font = st[font]
    cell.alignment = st[align]
    if fill:
        cell.fill = st[fill]


def _write_text(ws, r: int, c: int, g, st: dict) -> None:
    """A caption, header, note or row label."""
    cell = _text_cell(ws, r, c, g.text)
    if g.role is Role.NOTE:
        _style(cell, st, font="small")
    elif g.role is Role.LABEL:
        _style(cell, st, font="font", align="left" if g.rowspan == 1 else "center")
    else:
        _style(cell, st, font="bold", fill="header", align="center" if g.role is Role.HEADER else "left")


def _write_input(cell, value, kind: Kind, st: dict) -> None:
    if value is not None:
        if isinstance(value, Decimal) and len(value.as_tuple().digits) > 15:
            cell.value = format_value(value)   # beyond a spreadsheet's precision: kept exact as text
            cell.data_type = "s"
        else:
            cell.value = value
    _style(cell, st, font="font", fill="input")
    cell.protection = st["unlocked"]
    cell.number_format = {"count": "0", "signed": "+0;-0;0", "money": "General"}[kind.value]


def _write_balance_row(ws, balances, positions: dict, check_row: int, n_cols: int, st: dict) -> None:
    """A row of =(lhs)-(rhs) formulas under the table, red when not 0."""
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import PatternFill
    first_value_col = min(positions[b.lhs[0][1]][1] for b in balances)
    lhs_names = "+".join(name for name, _ in balances[0].lhs)
    rhs_names = "-".join(name for name, _ in balances[0].rhs)
    label = _text_cell(ws, check_row, 1, f"勾稽核对：{lhs_names}-{rhs_names}（应为0，不为0时变红）")
    _style(label, st, font="bold", align="left")
    ws.merge_cells(start_row=check_row, start_column=1, end_row=check_row, end_column=first_value_col - 1)
    for cc in range(1, first_value_col):
        ws.cell(row=check_row, column=cc).border = st["border"]
    for b in balances:
        col = positions[b.lhs[0][1]][1]
        lhs = "+".join(_ref(positions[k]) for _, k in b.lhs)
        rhs = "+".join(_ref(positions[k]) for _, k in b.rhs)
        cell = ws.cell(row=check_row, column=col)
        cell.value = f"=({lhs})-({rhs})"
        _style(cell, st, font="bold")
        cell.border = st["border"]
        cell.number_format = "0"
    span = f"{column_letter(first_value_col - 1)}{check_row}:{column_letter(n_cols - 1)}{check_row}"
    ws.conditional_formatting.add(span, CellIsRule(operator="notEqual", formula=["0"],
                                                   fill=PatternFill("solid", fgColor=_FILL_BAD)))


def _write_hint(ws, hint_row: int, n_cols: int, st: dict) -> None:
    hint = _text_cell(ws, hint_row, 1, "说明：黄色单元格填写数字（没有填0或留空）；灰蓝色单元格为自动合计，请勿修改。"
                      f"金额单位为万元。本表由{APP_NAME}生成，可直接导入。")
    _style(hint, st, font="hint", align="left")
    ws.merge_cells(start_row=hint_row, start_column=1, end_row=hint_row, end_column=n_cols)
    ws.row_dimensions[hint_row].height = 30


def _page_setup(ws, table: TableSpec, top: int) -> None:
    """Print on A4 (landscape for wide tables) with the header rows repeated; headers frozen;
    the sheet protected so that only the input cells can be typed in."""
    titles = (top, top + table.header_rows - 1) if table.header_rows else None
    fit_a4_width(ws, landscape=table.n_cols > 6, title_rows=titles)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    if table.header_rows:
        first_value = min(g.col for g in table.grid if g.key is not None)
        ws.freeze_panes = f"{column_letter(first_value)}{top + table.header_rows}"
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False


def _size(ws, table: TableSpec, top: int) -> None:
    """Column widths, and row heights that show wrapped labels whole."""
    widths = [_WIDTHS[table.layout].get(c, _DEFAULT_WIDTH[table.layout]) for c in range(table.n_cols)]
    for c, w in enumerate(widths):
        ws.column_dimensions[column_letter(c)].width = w
    heights: dict[int, float] = {}
    for g in table.grid:
        if not g.text:
            continue
        width = sum(widths[g.col:g.col + g.colspan]) - 1
        lines = max(1, math.ceil(_display_width(g.text) / max(width, 2)))
        need = 15.0 * lines / g.rowspan
        heights[g.row] = max(heights.get(g.row, 18.0), need)
    for r in range(table.n_rows):
        ws.row_dimensions[top + r].height = max(18.0, heights.get(r, 18.0))
