"""Clipboard text ⇄ blocks of cell texts (plain Python; the Qt side is in ``grid_view``).

What clerks paste: a block copied from Excel/WPS (tab-separated rows), a Word or web-page table
(tab-separated as plain text), a single column, or figures typed in a line separated by spaces,
commas or Chinese commas/顿号.  ``1,234`` stays one number (thousands separator).
"""

from __future__ import annotations

import logging
import re

LOG = logging.getLogger(__name__)

_GROUPED = re.compile(r"^\s*[+-]?\d{1,3}(,\d{3})+(\.\d+)?\s*$")
_SPACES = re.compile(r"[ \u3000\u00a0]+")
_SOFT_SEPARATORS = re.compile(r"[，、；;]")


def parse_block(text: str) -> list[list[str]]:
    """Rows of cell texts.  Trailing empty lines are dropped; empty cells stay ``""``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n").replace("\u2028", "\n")
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return []
    if any("\t" in line for line in lines):
        return [line.split("\t") for line in lines]
    return [_split_line(line) for line in lines]


def _split_line(line: str) -> list[str]:
    stripped = line.strip()
    if not stripped:
        return [""]
    if _GROUPED.match(stripped):
        return [stripped]
    if _SOFT_SEPARATORS.search(stripped) or "," in stripped:
        parts = re.split(r"[,，、；;]", stripped)
        out = []
        for part in parts:
            out.extend(_SPACES.split(part.strip()) if part.strip() else [""])
        return out
    return _SPACES.split(stripped)


def to_tsv(rows: list[list[str]]) -> str:
    """Rows of texts as tab-separated lines (what Excel/WPS paste as a block)."""
    def clean(cell: str) -> str:
        return cell.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return "\n".join("\t".join(clean(c) for c in row) for row in rows) + "\n"


def parse_html_table(html: str) -> list[list[str]]:
    """Rows of cell texts of the first <table> in ``html`` (a web page or Word copy); [] if none."""
    from html.parser import HTMLParser  # here: html.entities alone costs ~10 ms at start-up

    class _TableText(HTMLParser):
        """The cell texts of the first table of an HTML fragment (rows of <td>/<th>)."""

        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.rows: list[list[str]] = []
            self._cell: list[str] | None = None
            self._depth = 0
            self._done = False

        def handle_starttag(self, tag, attrs):
            if self._done:
                return
            if tag == "table":
                self._depth += 1
            elif tag == "tr" and self._depth:
                self.rows.append([])
            elif tag in ("td", "th") and self._depth and self.rows:
                self._cell = []
                span = dict(attrs).get("colspan")
                self._span = int(span) if span and span.isdigit() and 0 < int(span) <= 64 else 1
            elif tag == "br" and self._cell is not None:
                self._cell.append(" ")

        def handle_endtag(self, tag):
            if self._done:
                return
            if tag in ("td", "th") and self._cell is not None:
                self.rows[-1].append("".join(self._cell).strip())
                self.rows[-1].extend([""] * (self._span - 1))
                self._cell = None
            elif tag == "table" and self._depth:
                self._depth -= 1
                self._done = self._depth == 0 and bool(self.rows)

        def handle_data(self, data):
            if self._cell is not None:
                self._cell.append(data)

    parser = _TableText()
    try:
        parser.feed(html[:2_000_000])
        parser.close()
    except Exception:  # malformed markup: treat as no table
        LOG.warning("粘贴的网页内容无法解析，按没有表格处理", exc_info=True)
        return []
    return [row for row in parser.rows if row]


def split_row_labels(block: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """A block copied from a sheet with its row names (``一、本年新收…\\t12\\t3…``, perhaps a group
    column too: ``（三）不予公开\\t1.属于国家秘密\\t0…``) → each line's row name and the figures alone.

    The leading columns count as names when every cell in them is text that is no figure (or
    empty) and some are not empty; a column of blanks is figures left blank (0), not names.
    ``([], block)`` when the block has no such columns (figures only, or names only)."""
    from ..core.forms.spec import Kind
    from ..core.values import ValueProblem, parse_value

    def is_name(text: str) -> bool:
        if not text.strip():
            return False
        try:
            parse_value(text, Kind.COUNT)
        except ValueProblem:
            return True
        return False

    width = min((len(line) for line in block if any(t.strip() for t in line)), default=0)
    names = 0
    while names < width - 1 and all(is_name(line[names]) or not line[names].strip() for line in block
                                    if len(line) > names) and any(is_name(line[names]) for line in block):
        names += 1
    if not names:
        return [], block
    labels = [next((t.strip() for t in reversed(line[:names]) if t.strip()), "") for line in block]
    return labels, [line[names:] for line in block]
