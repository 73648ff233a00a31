"""A worksheet's XML up to the end of its cells, for openpyxl's read-only parser.

openpyxl's read-only worksheet parses the whole XML of a sheet while its rows are iterated: the
parts after the cells too (data validations, conditional formats, page set-up), building an object
of each — a third of the time to read this program's own workbook, whose input cells carry data
validations, and 汇总 reads hundreds of them.  Only the cells are wanted (merged ranges are
scanned apart, from the bytes), so openpyxl is given a stream that ends after ``</sheetData>``
with the root element closed.  A sheet whose root or cells' end is not found is passed whole.
"""

from __future__ import annotations

import io
import re

_ROOT = re.compile(rb"<(\w+:)?worksheet[\s>/]")
_CELLS_END = re.compile(rb"</(\w+:)?sheetData\s*>")
_CHUNK = 1 << 16
_KEEP = 64   # bytes held back between chunks: an end tag split over two reads is still found


class CellsOnly(io.RawIOBase):
    """``raw`` (a sheet's XML, a binary file) up to its ``</sheetData>``, then the root's end."""

    def __init__(self, raw) -> None:
        super().__init__()
        self._raw = raw
        self._chunks = self._cells(raw)
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while len(self._buffer) < len(target):
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self._buffer += chunk
        n = min(len(target), len(self._buffer))
        target[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()

    @staticmethod
    def _cells(raw):
        root: bytes | None = None
        held = b""
        while chunk := raw.read(_CHUNK):
            data = held + chunk
            if root is None:
                found = _ROOT.search(data)
                if found is None and len(data) > _CHUNK:   # no worksheet root near the start: all of it
                    yield data
                    yield from iter(lambda: raw.read(_CHUNK), b"")
                    return
                root = (found.group(1) or b"") if found else None
            end = _CELLS_END.search(data) if root is not None else None
            if end is not None:
                yield data[:end.end()] + b"</" + root + b"worksheet>"
                return
            held = data[-_KEEP:]
            yield data[:-_KEEP]
        yield held


def read_cells_only(ws) -> None:
    """Make openpyxl's read-only worksheet ``ws`` parse only its cells (see the module's docstring)."""
    source = getattr(ws, "_get_source", None)
    if callable(source):
        ws._get_source = lambda: CellsOnly(source())
