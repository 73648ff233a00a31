"""Text set in two columns (a page laid out like a bulletin): the PDF's lines run across both
columns, and read as they stand the left column's lines and the right one's would alternate.

A run of consecutive lines of body text each broken by one wide gap at the same place (the
gutter), both sides of it prose, is read as two columns: the left column from top to bottom, then
the right one.  Lines of the run standing on one side of the gutter only (a column's short last
line) belong to that side; a line across the gutter (a title, a table) or a section heading on
one side (the next part, set across the page again) ends the run.  A table printed without rules has figures beside its labels, not prose on
both sides, and is no such run.
"""

from __future__ import annotations

import unicodedata
from typing import Protocol, TypeVar

from .outline import looks_like_heading

#: The gutter is at least this many characters wide.
GUTTER = 1.5
#: Lines broken at the gutter before a run of them is taken for two columns.
MIN_LINES = 3
#: Characters on each side of the gutter, most of them Chinese, for a line to be two lines of prose.
MIN_CHARS = 6


class _Line(Protocol):
    text: str
    chars: list
    x0: float
    x1: float
    size: float
    gapped: bool    # a gap between its characters was read as a space


L = TypeVar("L", bound=_Line)


def _prose(chars: list[dict]) -> bool:
    wide = sum(1 for c in chars if unicodedata.east_asian_width(c["text"][:1] or " ") in ("W", "F"))
    return len(chars) >= MIN_CHARS and wide * 2 > len(chars)


def gutter(line: _Line) -> tuple[tuple[float, float], bool] | None:
    """The one wide gap of a line that is two lines side by side, one of them prose at least (the
    other may be a paragraph's short last line): its left and right end, and whether both are."""
    if not line.gapped:
        return None
    chars = sorted(line.chars, key=lambda c: c["x0"])
    gaps = [(a["x1"], b["x0"]) for a, b in zip(chars, chars[1:]) if b["x0"] - a["x1"] >= GUTTER * line.size]
    if len(gaps) != 1:
        return None
    left = _prose([c for c in chars if c["x1"] <= gaps[0][0]])
    right = _prose([c for c in chars if c["x0"] >= gaps[0][1]])
    return (gaps[0], left and right) if left or right else None


def column_runs(lines: list[L], body: float) -> list[tuple[int, int, tuple[float, float]]]:
    """The runs of ``lines`` (of one page, top to bottom) set in two columns: first and last index
    (inclusive) and the gutter.  ``body``: the height of the body text's characters."""
    runs = []
    i = 0
    while i < len(lines):
        run = _run_from(lines, i, body)
        if run is None:
            i += 1
            continue
        runs.append(run)
        i = run[1] + 1
    return runs


def _run_from(lines: list[L], start: int, body: float) -> tuple[int, int, tuple[float, float]] | None:
    first = gutter(lines[start]) if lines[start].size >= 0.9 * body else None
    if first is None:
        return None
    common, broken, end = first[0], int(first[1]), start
    for j in range(start + 1, len(lines)):
        line = lines[j]
        found = gutter(line) if line.size >= 0.9 * body else None
        gap = found[0] if found else None
        if gap is not None and min(gap[1], common[1]) - max(gap[0], common[0]) >= line.size:
            common, end = (max(gap[0], common[0]), min(gap[1], common[1])), j
            broken += bool(found and found[1])
        elif gap is None and (line.x1 <= common[0] + 1 or line.x0 >= common[1] - 1) and not looks_like_heading(line.text):
            end = j
        else:
            break
    return (start, end, common) if broken >= MIN_LINES else None
