"""Build Word reports in code, in the layouts clerks produce (readable fixtures, no binary blobs).

A table is given as rows of cell texts plus its merged cells as (row, col, rowspan, colspan);
python-docx's ``merge`` writes the ``gridSpan`` / ``vMerge`` that Word and WPS write.
"""

from __future__ import annotations

from pathlib import Path

import docx

from govreport_gui.core.forms import CellKey, get_form
from govreport_gui.core.recalc import recalculate


def add_table(document, rows: list[list[str | None]], spans=()):
    """A table of ``rows`` (cell texts; None for slots covered by a merge) with ``spans``
    in ``document`` (or in a table cell: a nested table):
    (row, col, rowspan, colspan) of each merged cell."""
    n_cols = max(len(r) for r in rows)
    table = document.add_table(len(rows), n_cols)   # a document's table, or one nested in a cell
    if hasattr(document, "styles"):
        table.style = document.styles["Table Grid"]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    for r, c, rowspan, colspan in spans:
        if rowspan > 1 or colspan > 1:
            table.cell(r, c).merge(table.cell(r + rowspan - 1, c + colspan - 1))
    return table


def build(path: Path, title: list[str], preamble: list[str], parts: list[tuple[str, list, list | None]],
          tail: list[str] = ()) -> Path:
    """``parts``: (heading, paragraphs, table or None) where a table is (rows, spans)."""
    document = docx.Document()
    for line in title:
        document.add_paragraph(line)
    for line in preamble:
        document.add_paragraph(line)
    for heading, paragraphs, table in parts:
        document.add_paragraph(heading)
        for line in paragraphs:
            document.add_paragraph(line)
        if table is not None:
            add_table(document, *table)
    for line in tail:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def value_text(report, key: CellKey, blank_zero: bool = True, fmt=str) -> str:
    values = dict(report.values)
    values.update(recalculate(report.form, report.values))
    v = values.get(key)
    if v is None or (v == 0 and blank_zero):
        return ""
    return fmt(v)


def official_rows(report, table_id: str, fmt=str, label=lambda s: s):
    """The declared grid of a table as (rows, spans), filled with the report's figures (zero as
    a blank cell); ``label`` rewrites label texts (variants), ``fmt`` formats figures."""
    spec = get_form(report.form_version).tables[table_id]
    rows: list[list[str | None]] = [[None] * spec.n_cols for _ in range(spec.n_rows)]
    for g in spec.grid:
        text = value_text(report, g.key, fmt=fmt) if g.key else label(g.text)
        rows[g.row][g.col] = text
    return rows, [(g.row, g.col, g.rowspan, g.colspan) for g in spec.grid]


def split_table(rows, spans, cut):
    """Rows before ``cut`` and from ``cut`` on as two tables; merges crossing the cut are cut, as
    Word does (the label of a vertical merge repeated in the second part)."""
    first = (rows[:cut], [s for s in spans if s[0] + s[2] <= cut])
    first[1].extend((r, c, cut - r, cs) for r, c, rs, cs in spans if r < cut < r + rs)
    second_rows = [list(row) for row in rows[cut:]]
    second_spans = [(r - cut, c, rs, cs) for r, c, rs, cs in spans if r >= cut]
    for r, c, rs, cs in spans:
        if r < cut < r + rs:
            second_rows[0][c] = rows[r][c]
            second_spans.append((0, c, r + rs - cut, cs))
    return first, (second_rows, second_spans)
