"""Workbooks made by opening a published web page in an office suite, built in code.

Such a workbook holds the whole page on one sheet: the title and the prose paragraphs in rows
merged across the page, and every label and figure of the tables in wide merged cells (headers in
G:M, N:T, U:AA above figures in the same merges, row labels merged A:F, band labels merged
down).  ``web_sheet`` lays the official tables (from the format's grid) out that way, in several
styles: merge widths per column, empty spacer columns between the merges, rows doubled in
height, the blocks of 二 side by side or stacked, figures with units, zeros left blank.
``web_page_html`` writes the same page as HTML (rowspan/colspan) for LibreOffice to convert.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import openpyxl

from govreport_gui.core import recalculate
from govreport_gui.core.forms import GridCell, Kind, Role, TableSpec
from govreport_gui.core.report import Report
from govreport_gui.core.values import format_value

PROSE = ("本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，"
         "坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。")


@dataclass(frozen=True)
class Style:
    """How a page was pasted: ``widths`` — physical columns per logical column (cycled);
    ``spacer`` — empty columns after each merge; ``height`` — physical rows per logical row;
    ``blocks_side_by_side`` — the blocks of 二 next to each other instead of stacked;
    ``units`` — counts written “12件”; ``blank_zeros`` — 0 left empty; ``origin`` — first column;
    ``merged`` — False: the merges were lost (pasted as values), the texts stay where they were."""

    widths: Sequence[int] = (6, 7)
    spacer: int = 0
    height: int = 1
    blocks_side_by_side: bool = False
    units: bool = False
    blank_zeros: bool = False
    origin: int = 0
    merged: bool = True


STYLES = {
    "G:M N:T U:AA": Style(widths=(6, 7, 7, 7)),
    "uneven widths": Style(widths=(3, 5, 2, 9, 4, 6, 2)),
    "spacer columns": Style(widths=(4, 3), spacer=1),
    "two spacers, tall rows": Style(widths=(2, 5, 3), spacer=2, height=2),
    "blocks side by side": Style(widths=(5, 4, 6), blocks_side_by_side=True),
    "units and blank zeros": Style(widths=(7, 6, 5), units=True, blank_zeros=True, origin=1),
    "merges lost, spacers kept": Style(widths=(6, 7, 7, 7), spacer=1, merged=False, blank_zeros=True),
}


def figure_text(value: object, kind: Kind, style: Style) -> object:
    """A figure as the page printed it."""
    if value is None:
        return None
    if style.blank_zeros and value == 0:
        return None
    if kind is Kind.MONEY:
        return f"{format_value(value)}万元" if style.units else value
    if style.units:
        return f"{value}件"
    return value


def _blocks(table: TableSpec) -> list[list[GridCell]]:
    """Table 二's blocks (each begins at a caption row); other tables are one block."""
    if table.id != "二":
        return [list(table.grid)]
    starts = sorted({g.row for g in table.grid if g.role is Role.CAPTION})
    bounds = list(zip(starts, starts[1:] + [table.n_rows]))
    return [[g for g in table.grid if a <= g.row < b] for a, b in bounds]


class _Page:
    """A sheet written row by row; logical columns mapped to physical ones by ``style``."""

    def __init__(self, ws, style: Style):
        self.ws, self.style, self.row = ws, style, 1

    def col_start(self, logical: int) -> int:
        w, s = self.style.widths, self.style.spacer
        return 1 + self.style.origin + sum(w[i % len(w)] + s for i in range(logical))

    def col_end(self, logical_end: int) -> int:
        """The last physical column of a merge ending at logical column ``logical_end``."""
        w = self.style.widths
        return self.col_start(logical_end) + w[logical_end % len(w)] - 1

    def put(self, row: int, rows: int, col: int, cols: int, value: object) -> None:
        r1, c1 = row, self.col_start(col)
        r2, c2 = row + rows * self.style.height - 1, self.col_end(col + cols - 1)
        if value is not None:
            self.ws.cell(row=r1, column=c1, value=value)
        if (r1, c1) != (r2, c2) and self.style.merged:
            self.ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)

    def paragraph(self, text: str, logical_cols: int = 4) -> None:
        self.put(self.row, 1, 0, logical_cols, text)
        self.row += self.style.height + 1

    def grid(self, cells: list[GridCell], value_of: Callable[[GridCell], object], col_shift: int = 0) -> int:
        """Write grid cells with their first row at ``self.row``; returns the rows used."""
        first = min(g.row for g in cells)
        last = max(g.row + g.rowspan for g in cells)
        for g in cells:
            value = value_of(g) if g.key else (g.text or None)
            self.put(self.row + (g.row - first) * self.style.height, g.rowspan, g.col + col_shift, g.colspan, value)
        return (last - first) * self.style.height


def web_sheet(report: Report, style: Style = Style()) -> openpyxl.Workbook:
    """The whole published page on one sheet, in ``style``."""
    form = report.form
    computed = recalculate(form, report.values)
    wb = openpyxl.Workbook()
    page = _Page(wb.active, style)
    page.ws.title = "Sheet1"

    def value_of(g: GridCell) -> object:
        value = report.values.get(g.key) if g.role is Role.INPUT else computed.get(g.key)
        return figure_text(value, form.cell(g.key).kind, style)

    page.paragraph(f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告")
    page.paragraph(PROSE, 10)
    for section in form.sections:
        page.paragraph(section.heading)
        if not section.table:
            page.paragraph(PROSE, 6)
            continue
        table = form.tables[section.table]
        blocks = _blocks(table)
        if style.blocks_side_by_side and len(blocks) > 1:
            used, shift = 0, 0
            for block in blocks:
                used = max(used, page.grid(block, value_of, shift))
                shift += table.n_cols + 1
            page.row += used + 1
        else:
            page.row += page.grid(list(table.grid), value_of) + 1
        page.paragraph(PROSE, table.n_cols)
    page.paragraph(f"{report.meta.agency}")
    return wb


def web_page_html(report: Report, units: bool = False, blank_zeros: bool = False) -> str:
    """The published page as HTML: title, prose and the official tables with rowspan/colspan."""
    form = report.form
    computed = recalculate(form, report.values)
    style = Style(units=units, blank_zeros=blank_zeros)
    out = ["<html><head><meta charset='utf-8'><title>年报</title></head><body>",
           f"<h1>{html.escape(report.meta.agency)}{report.meta.year}年政府信息公开工作年度报告</h1>",
           f"<p>{PROSE}</p>"]
    for section in form.sections:
        out.append(f"<h2>{html.escape(section.heading)}</h2>")
        if section.table:
            out.append(_html_table(form.tables[section.table], report, computed, style))
        out.append(f"<p>{PROSE}</p>")
    out.append(f"<p>{html.escape(report.meta.agency)}</p></body></html>")
    return "\n".join(out)


def _html_table(table: TableSpec, report: Report, computed: dict, style: Style) -> str:
    rows: dict[int, list[str]] = {}
    for g in sorted(table.grid, key=lambda g: (g.row, g.col)):
        if g.key:
            value = report.values.get(g.key) if g.role is Role.INPUT else computed.get(g.key)
            shown = figure_text(value, report.form.cell(g.key).kind, style)
            text = "" if shown is None else format_value(shown) if not isinstance(shown, str) else shown
        else:
            text = g.text
        spans = (f" rowspan='{g.rowspan}'" if g.rowspan > 1 else "") + (f" colspan='{g.colspan}'" if g.colspan > 1 else "")
        rows.setdefault(g.row, []).append(f"<td{spans}>{html.escape(text)}</td>")
    body = "".join(f"<tr>{''.join(rows.get(r, []))}</tr>" for r in range(table.n_rows))
    return f"<table border='1'>{body}</table>"


def word_grids(report: Report, widths: Sequence[int] = (6, 7)) -> list:
    """The report's tables as ``published.blocks.Grid``s whose cells span several grid columns
    (``gridSpan``, as a web page pasted into Word or read by the web-page reader gives them): each
    logical column ``widths[i]`` grid columns wide; figures as text, zeros blank."""
    from govreport_gui.io.published.blocks import DCell, Grid

    form = report.form
    computed = recalculate(form, report.values)
    starts = [sum(widths[i % len(widths)] for i in range(n)) for n in range(40)]
    grids = []
    for table in form.tables.values():
        cells, occ = [], [dict() for _ in range(table.n_rows)]
        for g in table.grid:
            if g.key:
                value = report.values.get(g.key) if g.role is Role.INPUT else computed.get(g.key)
                shown = figure_text(value, form.cell(g.key).kind, Style(blank_zeros=True))
                text = "" if shown is None else format_value(shown)
            else:
                text = g.text
            col, end = starts[g.col], starts[g.col + g.colspan]
            cell = DCell(g.row, col, end - col, text, g.rowspan)
            cells.append(cell)
            for r in range(g.row, g.row + g.rowspan):
                occ[r].update({c: cell for c in range(col, end)})
        grids.append(Grid(cells, occ))
    return grids
