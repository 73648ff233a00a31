"""What every published-report reader makes of its file: blocks in reading order.

A paragraph is a ``Block("p", text)`` (``right`` when it is set to the right, as a signature is;
``links``: how much of it is links; ``origin``: the element of the page or document it came from);
a table is a ``Block("tbl", grid=Grid)``: its logical grid, each merged cell once
(``DCell``), whatever the table came from — a Word ``w:tbl``, a web page's ``<table>``, the
ruled cells of a PDF page.  ``document.read_blocks`` reads a report from these blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...core.values import shorten, without_invisible

#: Word allows at most 63 columns in a table; a larger ``gridSpan`` / ``gridBefore`` / ``colspan``
#: is damage (or a hostile file) and is read as 63.  Rows and grid slots per table are bounded like a sheet's.
MAX_SPAN = 63


@dataclass(eq=False)
class DCell:
    """One (merged) cell of a Word table: top-left (row, col) in the logical grid and its span."""

    row: int
    col: int
    colspan: int
    text: str
    rowspan: int = 1


@dataclass
class Grid:
    """A Word table's logical grid: every merged cell once, and which cell covers each slot."""

    cells: list[DCell]
    occ: list[dict[int, DCell]]  # row -> {grid column -> cell}
    truncated: bool = False      # rows or columns beyond MAX_ROWS / MAX_COLS / MAX_CELLS not read

    @property
    def n_rows(self) -> int:
        return len(self.occ)

    @property
    def width(self) -> int:
        return max((max(row) + 1 for row in self.occ if row), default=0)

    def at(self, row: int, col: int) -> DCell | None:
        if 0 <= row < len(self.occ):
            return self.occ[row].get(col)
        return None


@dataclass
class Block:
    """One block of a published report in reading order, from any reader (Word, web page, PDF)."""

    kind: str                 # "p" (a paragraph), "tbl" (a table), "pic" (a picture standing in the text:
                              # a web page's <img>, a Word drawing — no text) or "name": the file's own name
                              # for itself (a web page's <title>), the title when the text has none, never text
    text: str = ""
    right: bool = False       # a paragraph set to the right (a signature)
    grid: Grid | None = None
    where: str = ""           # where a table was found, for the clerk: "第3页" …
    links: int = 0            # characters of its text inside links (a menu, a link list, a share bar;
                              # not a written-out address: ``is_address``)
    # the element of the source's tree it came from (a web page's or a Word document's XML
    # element): ``document`` finds the article's container from the title's, the headings' and
    # the tables' elements, and leaves out what lies outside it
    origin: object = field(default=None, repr=False, compare=False)


# an e-mail or web address written out (a link whose text is its own address: a contact line's
# 电子邮箱, the report's own download address) — not a menu's or a link list's words
_ADDRESS = re.compile(r"^(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+$|^(?:https?://|www\.)\S+$|^[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", re.ASCII)


def is_address(text: str) -> bool:
    """``text`` is an e-mail or web address as written out (what Word and CMS editors link by themselves)."""
    return bool(_ADDRESS.match("".join(text.split())))


def link_dense(block) -> bool:
    """Most of a paragraph's text is links: a menu, breadcrumb, link list or share bar."""
    text = "".join(getattr(block, "text", "").split())
    return bool(text) and getattr(block, "links", 0) * 2 > len(text)


def clean(text: str) -> str:
    """``text`` without the characters that print nothing (zero-width spaces, a byte-order mark …)
    and without the spaces around it (ideographic, no-break, em and every other kind): a line
    holding only such characters is empty."""
    return without_invisible(text).strip()


def one_line(text: str, limit: int = 30) -> str:
    """A line of the file as a note quotes it: whitespace runs as one space, cut short."""
    return shorten(" ".join(text.split()), limit)
