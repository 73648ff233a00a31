"""The tables of a web page saved as a ledger: what many 政务系统 export as “Excel” (a ``.xls`` that is an
HTML table, often in GBK) and what Excel/WPS save as 网页.  Read with the standard library's HTML
parser — no script runs, nothing is fetched, entities are only the HTML ones.

Each top-level ``<table>`` is a sheet (a table inside a cell is that cell's text).  ``colspan`` and
``rowspan`` are laid out as a spreadsheet would merge them: the value in the top-left cell, the
range in ``merges`` (a header written over two rows; a date merged down over a day's applications),
spans capped at the sheet's limits.  Text: ``<br>`` and paragraphs are line breaks, runs of white
space one space.  A row hidden by its style (``<tr style="display:none">``: how Excel saves a hidden
or filtered row as a web page) is read and marked hidden; so is a column hidden by its ``<col>``
(``display:none`` or a width of 0) or whose every cell is (``<td style="display:none">``).  A row
whose every filled cell's text is struck through (``<s>``/``<strike>``/``<del>``, or
``text-decoration: line-through`` on the row, the cell or an element in it, in its style or in the
page's style sheet for one of its classes: Excel's ``.xl66``) is marked struck.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

MAX_MERGES = 2_000
_SPACE = re.compile(r"[ \t\r\n\f\u00a0\u3000]+")
_DISPLAY_NONE = re.compile(r"(?:^|;)\s*display\s*:\s*none\b", re.IGNORECASE)
_LINE_THROUGH = re.compile(r"(?:^|;)\s*text-decoration(?:-line)?\s*:[^;]*\bline-through\b", re.IGNORECASE)
_STRIKE_TAGS = ("s", "strike", "del")


@dataclass
class HtmlTable:
    rows: list[tuple] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    truncated: bool = False
    hidden_rows: set[int] = field(default_factory=set)      # 0-based, like rows
    hidden_columns: set[int] = field(default_factory=set)
    struck_rows: set[int] = field(default_factory=set)       # every filled cell's text struck through
    # per column: the cells that start there, and how many of them are hidden by their style
    cells_at: dict[int, int] = field(default_factory=dict)
    hidden_at: dict[int, int] = field(default_factory=dict)
    next_col: int = 0                                        # the position of the next <col>


class _Tables(HTMLParser):
    def __init__(self, max_rows: int, max_cols: int, max_tables: int) -> None:
        super().__init__(convert_charrefs=True)
        self.max_rows, self.max_cols, self.max_tables = max_rows, max_cols, max_tables
        self.tables: list[HtmlTable] = []
        self._depth = 0                      # <table> nesting
        self._table: HtmlTable | None = None
        self._row: dict[int, object] | None = None
        self._below: dict[tuple[int, int], bool] = {}   # (row, col) covered by a rowspan from above
        self._cell: tuple[int, int, int] | None = None   # column, colspan, rowspan
        self._cell_hidden = False
        self._row_struck = False                 # the row's style strikes its text through
        self._strikes: list[str] = []            # elements striking through, open inside the cell
        self._text_struck = self._text_plain = False   # the cell's text: some struck, some not
        self._struck_cells = 0                   # the row's filled cells, all of their text struck
        self._row_hidden = False
        self._text: list[str] = []
        self._skip = 0                       # inside <script>/<style>
        self._css: list[str] | None = None   # the text of a <style> being read
        self._struck_classes: set[str] = set()   # classes a style sheet strikes through (Excel's .xl66)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("script", "style"):
            self._skip += 1
            self._css = [] if tag == "style" else self._css
        elif tag == "table":
            self._depth += 1
            if self._depth == 1 and len(self.tables) < self.max_tables:
                self._table = HtmlTable()
                self._below = {}
        elif self._depth != 1 or self._table is None:
            if tag in ("br", "p", "div") and self._cell is not None:
                self._text.append("\n")
            self._strike(tag, attrs)
        elif tag == "col":
            self._col(attrs)
        elif tag == "tr":
            self._end_row()
            self._row = {}
            self._row_hidden = _hidden(attrs)
            self._row_struck, self._struck_cells = self._struck(attrs), 0
        elif tag in ("td", "th"):
            self._start_cell(dict(attrs))
        elif tag in ("br", "p", "div") and self._cell is not None:
            self._text.append("\n")
        else:
            self._strike(tag, attrs)

    def _strike(self, tag: str, attrs) -> None:
        """An element inside a cell that strikes its text through (``<s>``, a line-through style)."""
        if self._cell is not None and (tag in _STRIKE_TAGS or self._struck(attrs)):
            self._strikes.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
            if tag == "style" and self._css is not None:
                self._struck_classes |= struck_classes("".join(self._css))
                self._css = None
        elif tag == "table":
            if self._depth == 1 and self._table is not None:
                self._end_row()
                table = self._table
                table.hidden_columns |= {c for c, n in table.hidden_at.items() if n == table.cells_at.get(c)}
                self.tables.append(table)
                self._table = None
            self._depth = max(0, self._depth - 1)
        elif self._strikes and tag == self._strikes[-1]:
            self._strikes.pop()
        elif self._depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif self._depth == 1 and tag == "tr":
            self._end_row()

    def handle_data(self, data: str) -> None:
        if self._css is not None:
            self._css.append(data)
        if self._cell is not None and not self._skip:
            self._text.append(data)
            if data.strip():
                if self._strikes:
                    self._text_struck = True
                else:
                    self._text_plain = True

    def _start_cell(self, attrs: dict) -> None:
        if self._row is None:
            self._row = {}
        self._end_cell()
        r = len(self._table.rows) if self._table is not None else 0
        c = 0
        while c in self._row or self._below.get((r, c)):
            c += 1
        self._cell = (c, _span(attrs.get("colspan"), self.max_cols), _span(attrs.get("rowspan"), self.max_rows))
        self._cell_hidden = _hidden(attrs.items())
        if self._row_struck or self._struck(attrs.items()):
            self._strikes = ["td/th"]   # (the whole cell: closed with it)
        self._text = []

    def _end_cell(self) -> None:
        if self._cell is None or self._row is None or self._table is None:
            self._cell = None
            return
        c, colspan, rowspan = self._cell
        self._cell = None
        struck, self._strikes = self._text_struck and not self._text_plain, []
        self._text_struck = self._text_plain = False
        text = "\n".join(_SPACE.sub(" ", line).strip() for line in "".join(self._text).split("\n"))
        text = text.strip("\n")
        if c < self.max_cols:
            self._row[c] = text or None
            self._table.cells_at[c] = self._table.cells_at.get(c, 0) + 1
            self._struck_cells += struck and bool(text)
            if self._cell_hidden:
                self._table.hidden_at[c] = self._table.hidden_at.get(c, 0) + 1
        for extra in range(c + 1, min(c + colspan, self.max_cols)):
            self._row.setdefault(extra, None)
        r = len(self._table.rows)
        for below in range(r + 1, min(r + rowspan, self.max_rows)):
            for col in range(c, min(c + colspan, self.max_cols)):
                self._below[(below, col)] = True
        if (colspan > 1 or rowspan > 1) and len(self._table.merges) < MAX_MERGES:
            self._table.merges.append((r, c, r + rowspan - 1, c + colspan - 1))

    def _end_row(self) -> None:
        self._end_cell()
        table, row = self._table, self._row
        self._row = None
        if table is None or row is None:
            return
        if len(table.rows) >= self.max_rows:
            table.truncated = True
            return
        width = max((c for c, v in row.items() if v is not None), default=-1) + 1
        table.rows.append(tuple(row.get(c) for c in range(width)))
        r = len(table.rows) - 1
        if self._row_hidden:
            table.hidden_rows.add(r)
        if self._struck_cells and self._struck_cells == sum(v is not None for v in row.values()):
            table.struck_rows.add(r)
        for key in [k for k in self._below if k[0] <= r]:
            del self._below[key]


    def _struck(self, attrs) -> bool:
        """An element whose style strikes its text through: its own (``style="text-decoration:
        line-through"``) or one of its classes' in the page's style sheet."""
        if _struck(attrs):
            return True
        classes = next((v for k, v in attrs if k == "class"), None)
        return bool(classes and self._struck_classes and not self._struck_classes.isdisjoint(classes.split()))

    def _col(self, attrs) -> None:
        """A ``<col>``: the columns it stands for (``span``) hidden when it is."""
        table = self._table
        if table is None:
            return
        values = dict(attrs)
        first = table.next_col
        table.next_col = min(first + _span(values.get("span"), self.max_cols), self.max_cols)
        if _hidden(attrs) or (values.get("width") or "").strip() in ("0", "0px", "0pt"):
            table.hidden_columns.update(range(first, table.next_col))


def _hidden(attrs) -> bool:
    """An element hidden by its style attribute (``display:none``)."""
    style = next((v for k, v in attrs if k == "style"), None)
    return style is not None and _DISPLAY_NONE.search(style) is not None


def _struck(attrs) -> bool:
    """An element whose style strikes its text through (``text-decoration: line-through``)."""
    style = next((v for k, v in attrs if k == "style"), None)
    return style is not None and _LINE_THROUGH.search(style) is not None


_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_CLASS = re.compile(r"^(?:[a-z]+)?\.([\w-]+)$", re.IGNORECASE)
_COMMENT = re.compile(r"/\*.*?\*/|<!--|-->", re.DOTALL)


def struck_classes(css: str) -> set[str]:
    """The classes a style sheet strikes through: rules of a class alone (``.xl66``, ``td.void``)
    whose declarations hold ``text-decoration: line-through`` (how Excel and WPS save a cell style as
    a web page); other selectors are not followed."""
    out = set()
    for selectors, body in _RULE.findall(_COMMENT.sub(" ", css[:1_000_000])):
        if _LINE_THROUGH.search(";" + _SPACE.sub(" ", body).strip()):
            out |= {m.group(1) for sel in selectors.split(",") if (m := _CLASS.match(sel.strip()))}
    return out


def _span(raw: str | None, limit: int) -> int:
    """A colspan/rowspan: at least 1, at most ``limit`` (a longer number is the limit too)."""
    raw = (raw or "1").strip()
    if not raw.isdigit():
        return 1
    return max(1, min(int(raw), limit)) if len(raw) <= 12 else limit


def read_tables(text: str, max_rows: int, max_cols: int, max_tables: int) -> list[HtmlTable]:
    """The top-level tables of the page ``text`` (at most ``max_tables``), empty ones left out."""
    parser = _Tables(max_rows, max_cols, max_tables)
    parser.feed(text)
    parser.close()
    return [t for t in parser.tables if any(any(v is not None for v in row) for row in t.rows)]


# A workbook saved by Excel/WPS as a web page (网页 *.htm): the page the clerk picks holds no table but
# names its sheets' pages (<x:Name>上半年</x:Name><x:WorksheetSource HRef="台账.files/sheet001.htm"/>, or
# only <frame src=…>), kept in a folder beside it.
_SHEET_SOURCE = re.compile(r"<x:Name>([^<]{1,64})</x:Name>\s*<x:WorksheetSource\s+HRef=[\"']?([^\"'>]{1,260})", re.IGNORECASE)
_FRAME = re.compile(r"<frame\b[^>]*?\bsrc=[\"']?([^\"'>\s]{1,260})", re.IGNORECASE)
MAX_PAGES = 64


def sheet_pages(text: str, page: Path) -> list[tuple[str, Path]]:
    """The sheets' pages a workbook's web page names (sheet name, or "" for a frame → the page's
    file): only pages in the page's folder or below it (never elsewhere on the disk), at most
    ``MAX_PAGES``."""
    named = _SHEET_SOURCE.findall(text) or [("", src) for src in _FRAME.findall(text)]
    folder = page.parent.resolve()
    out: list[tuple[str, Path]] = []
    for name, href in named[:MAX_PAGES]:
        target = (page.parent / unquote(href.replace("\\", "/"))).resolve()
        if target.is_relative_to(folder) and target.suffix.lower() in (".htm", ".html") and target != page.resolve():
            out.append((name.strip(), target))
    return out
