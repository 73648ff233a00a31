"""A ledger kept as a table in a Word document (.docx: some offices keep their 登记台账 in Word or WPS
文字): each table of the document a sheet, read through the report reader's Word path — the same
package guards (zip bombs, entities), text Word does not show left out, merged cells (``gridSpan``,
``vMerge``) laid out as a spreadsheet would merge them: the text in the top-left cell, the range in
``merges`` (a header over two rows, a date merged down over a day's applications); a row whose
every cell's text is struck through (``w:strike``: the run's own, or its character or paragraph
style's) is marked struck (``core.ledger.void``).

A table of a Word document holds at most ``sheet_grid.MAX_ROWS`` rows (the report reader's limit); a
longer one is marked ``truncated`` and the count says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class WordTable:
    rows: list[tuple] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    truncated: bool = False
    struck_rows: set[int] = field(default_factory=set)   # every cell's text struck through
    hidden_rows: set[int] = field(default_factory=set)   # (text Word hides is left out when read: none)
    hidden_columns: set[int] = field(default_factory=set)


def read_tables(path: Path, data: bytes, max_cols: int, max_merges: int) -> list[WordTable]:
    """The tables of the Word document ``data`` (read from ``path``) that hold any text."""
    from ..published.word_import import document_tables, open_docx_body
    out = []
    body = open_docx_body(data, path.name)
    styles = struck_styles(data)
    for grid, tbl in document_tables(body):
        table = WordTable(truncated=grid.truncated, struck_rows=struck_rows(tbl, grid.n_rows, styles))
        slots: list[dict[int, str]] = [{} for _ in range(grid.n_rows)]
        for cell in grid.cells:
            if cell.col < max_cols and cell.text.strip():
                slots[cell.row][cell.col] = cell.text.strip()
            if (cell.colspan > 1 or cell.rowspan > 1) and len(table.merges) < max_merges:
                table.merges.append((cell.row, cell.col, cell.row + cell.rowspan - 1,
                                     min(cell.col + cell.colspan - 1, max_cols - 1)))
        table.rows = [tuple(row.get(c) for c in range(max(row) + 1)) if row else () for row in slots]
        if any(table.rows):
            out.append(table)
    return out


def struck_styles(data: bytes) -> dict[str, bool]:
    """styleId → whether the style strikes its text through (``w:strike``/``w:dstrike``, its own or
    its base style's): a clerk's own character or paragraph style for cancelled entries.  The
    package was checked when its body was opened; a package without styles has none."""
    import io
    import zipfile

    from lxml import etree

    from ..published.word_hidden import styles_with
    from ..published.word_import import _main_part
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            folder = _main_part(archive).rpartition("/")[0]
            part = f"{folder}/styles.xml" if folder else "styles.xml"
            if part not in archive.namelist():
                return {}
            raw = archive.read(part)
        if b"strike" not in raw:
            return {}
        root = etree.fromstring(raw, etree.XMLParser(resolve_entities=False, no_network=True))
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return {}
    return styles_with(root, ("strike", "dstrike"))


def struck_rows(tbl, n_rows: int, styles: dict[str, bool] | None = None) -> set[int]:
    """The rows (0-based, below ``n_rows``) of a ``w:tbl`` whose every cell with text has all its
    text in struck-through runs (``w:strike``/``w:dstrike``, the run's own or its character or
    paragraph style's: ``styles``): an entry the clerk crossed out."""
    from ..published.word_import import W
    out = set()
    for r, tr in enumerate(tbl.iterchildren(f"{W}tr")):
        if r >= n_rows:
            break
        cells = [c for tc in tr.iter(f"{W}tc")
                 if _row_of(tc, W) is tr and (c := _struck_cell(tc, W, styles or {})) is not None]
        if cells and all(cells):
            out.add(r)
    return out


def _row_of(tc, w: str):
    """The ``w:tr`` a cell belongs to (a cell in a content control too; not a nested table's row's)."""
    parent = tc.getparent()
    while parent is not None and parent.tag != f"{w}tr":
        parent = parent.getparent()
    return parent


def _struck_cell(tc, w: str, styles: dict[str, bool]) -> bool | None:
    """Whether all the text of a cell is struck through; None for a cell without text."""
    runs = [(run, "".join(t.text or "" for t in run.iter(f"{w}t"))) for run in tc.iter(f"{w}r")]
    runs = [(run, text) for run, text in runs if text.strip()]
    if not runs:
        return None
    return all(_struck_run(run, w, styles) for run, _ in runs)


def _struck_run(run, w: str, styles: dict[str, bool]) -> bool:
    """A run struck through by its own properties, else by its character style, else by its
    paragraph's style (what Word applies in that order)."""
    said = [mark.get(f"{w}val", "true") not in ("false", "0", "off")
            for tag in ("strike", "dstrike") if (mark := run.find(f"{w}rPr/{w}{tag}")) is not None]
    if said:
        return any(said)
    if not styles:
        return False
    char_style = run.find(f"{w}rPr/{w}rStyle")
    if char_style is not None and char_style.get(f"{w}val") in styles:
        return styles[char_style.get(f"{w}val")]
    paragraph = run.getparent()
    while paragraph is not None and paragraph.tag != f"{w}p":
        paragraph = paragraph.getparent()
    para_style = paragraph.find(f"{w}pPr/{w}pStyle") if paragraph is not None else None
    return para_style is not None and styles.get(para_style.get(f"{w}val"), False)
