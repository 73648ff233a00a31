"""A report's tables as a printer set them — labels worded otherwise, 2019's 三 in a 2021 report,
a group label split over two cells — written as every reader meets them: a Word document, a web
page, an Excel workbook and a PDF drawn operator by operator.

A printed table is ``(rows, spans)`` as ``tests/word/docx_builders.official_rows`` gives it: the
grid's texts (figures as text, zero blank) and its merged ranges ``(row, col, rowspan, colspan)``.
"""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path

import openpyxl
from word.docx_builders import build, official_rows

from govreport_gui.core.forms.spec import GridCell, Role
from govreport_gui.core.report import Report

Printed = tuple[list[list[str | None]], list[tuple[int, int, int, int]]]


def printed_tables(report: Report, labels: dict[str, str], three: Report | None = None) -> dict[str, Printed]:
    """Every table of ``report`` with ``labels`` (official -> as printed) rewritten; ``three``:
    the report whose table 三 is printed instead (2019's layout, the figures converted)."""
    out = {}
    for table_id in report.form.tables:
        source = three if three is not None and table_id == "三" else report
        out[table_id] = official_rows(source, table_id, label=lambda text: labels.get(text, text))
    return out


def split_label(table: Printed, label: str, first: str) -> Printed:
    """The merged label cell ``label`` split in two cells one above the other: ``first`` in its
    first row, the rest of the text in the rows below (as a page break or a converter leaves it)."""
    rows, spans = [list(row) for row in table[0]], list(table[1])
    r, c, rowspan, colspan = next(s for s in spans if rows[s[0]][s[1]] == label)
    spans.remove((r, c, rowspan, colspan))
    rows[r][c], rows[r + 1][c] = first, label[len(first):]
    spans.append((r, c, 1, colspan)) if colspan > 1 else None
    spans.append((r + 1, c, rowspan - 1, colspan))
    return rows, spans


def drop_row(table: Printed, label: str) -> Printed:
    """The table without the row whose label is ``label`` (merges over it one row shorter)."""
    rows, spans = table
    r = next(i for i, row in enumerate(rows) if label in row)
    kept = [list(row) for i, row in enumerate(rows) if i != r]
    moved = []
    for top, c, rs, cs in spans:
        if top == r and rs == 1:
            continue
        if top > r:
            moved.append((top - 1, c, rs, cs))
        elif top + rs > r:
            moved.append((top, c, rs - 1, cs))
        else:
            moved.append((top, c, rs, cs))
    return kept, moved


def _covered(spans) -> set[tuple[int, int]]:
    return {(r + i, c + j) for r, c, rs, cs in spans for i in range(rs) for j in range(cs)} - {(r, c) for r, c, _, _ in spans}


# ---------------------------------------------------------------------------------------------
# The four kinds of file


def _parts(report: Report, words: dict[str, str]) -> list[tuple[str, list[str], str | None]]:
    return [(s.heading, [w for w in words.get(s.key, "").split("\n") if w], s.table) for s in report.form.sections]


def title_lines(report: Report) -> list[str]:
    return [f"{report.meta.agency}{report.meta.year}年", "政府信息公开工作年度报告"]


def write_docx(path: Path, report: Report, tables: dict[str, Printed]) -> Path:
    parts = [(heading, words, tables.get(table) if table else None)
             for heading, words, table in _parts(report, report.sections)]
    return build(path, title_lines(report), [report.meta.preamble], parts, [report.meta.issuing_organ, report.meta.date])


def _html_table(table: Printed) -> str:
    rows, spans = table
    covered = _covered(spans)
    span_at = {(r, c): (rs, cs) for r, c, rs, cs in spans}
    out = ['<table border="1" cellspacing="0">']
    for r, row in enumerate(rows):
        cells = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            rs, cs = span_at.get((r, c), (1, 1))
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            cells.append(f"<td{attrs}>{html.escape(text or '')}</td>")
        out.append(f"<tr>{''.join(cells)}</tr>")
    return "".join(out) + "</table>"


def write_html(path: Path, report: Report, tables: dict[str, Printed]) -> Path:
    body = [f"<h2>{'<br>'.join(title_lines(report))}</h2>", f"<p>{html.escape(report.meta.preamble)}</p>"]
    for heading, words, table in _parts(report, report.sections):
        body.append(f"<p><b>{heading}</b></p>")
        body += [f"<p>{html.escape(w)}</p>" for w in words]
        if table:
            body.append(_html_table(tables[table]))
    body += [f'<p align="right">{report.meta.issuing_organ}</p>', f'<p align="right">{report.meta.date}</p>']
    path.write_text(f'<html><head><meta charset="utf-8"></head><body>{"".join(body)}</body></html>', encoding="utf-8")
    return path


def write_xlsx(path: Path, report: Report, tables: dict[str, Printed]) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "年报"
    ws = wb.active
    ws.cell(row=1, column=1, value="".join(title_lines(report)))
    top = 3
    for heading, _, table_id in _parts(report, {}):
        if not table_id:
            continue
        ws.cell(row=top, column=1, value=heading)
        rows, spans = tables[table_id]
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text:
                    ws.cell(row=top + 1 + r, column=1 + c, value=int(text) if text.isdigit() else text)
        for r, c, rs, cs in spans:
            if rs > 1 or cs > 1:
                ws.merge_cells(start_row=top + 1 + r, start_column=1 + c, end_row=top + r + rs, end_column=c + cs)
        top += len(rows) + 3
    wb.save(path)
    return path


def drawn_spec(report: Report, table_id: str, table: Printed):
    """The printed table as a table declaration for ``pdf.drawn`` (every cell drawn as text)."""
    rows, spans = table
    span_at = {(r, c): (rs, cs) for r, c, rs, cs in spans}
    grid = tuple(GridCell(r, c, Role.LABEL, text or "", *span_at.get((r, c), (1, 1)))
                 for r, row in enumerate(rows) for c, text in enumerate(row) if (r, c) not in _covered(spans))
    spec = report.form.tables[table_id]
    return replace(spec, grid=grid, n_rows=len(rows))
