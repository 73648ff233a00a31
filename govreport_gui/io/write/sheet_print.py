"""How the workbooks we write print: A4, all columns on one page width, titles repeated."""

from __future__ import annotations


def fit_a4_width(ws, landscape: bool, title_rows: tuple[int, int] | None = None) -> None:
    """A4 in the given orientation, scaled so every column fits the page width (any number of
    pages down); ``title_rows`` (first, last; 1-based) repeat at the top of every page."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows is not None:
        ws.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"
