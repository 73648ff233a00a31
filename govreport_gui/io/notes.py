"""Import notes: Chinese sentences for the clerk, each with a category for the import preview.

``Note`` is a ``str`` (``ImportResult.notes`` stays a list of strings for the command line and
everything else) that also carries ``kind``:

* ``"conversion"`` — a value read by interpretation (“12件”按12读取, 元→万元, blank marks);
* ``"formula"`` — a formula without a cached value (recomputed, or not);
* ``"unplaced"`` — a label found but not placed, an unknown label inside a table, a missing table;
* ``"problem"`` — a value that could not be read at all (left blank);
* ``"duplicate"`` — a table found more than once in the file with different figures (the most
  complete copy was read; the clerk must say which is right);
* ``"info"`` — anything else (version guessed, big sheet read only in part).
"""

from __future__ import annotations

KINDS = ("conversion", "formula", "unplaced", "problem", "duplicate", "info")


class Note(str):
    kind: str

    def __new__(cls, text: str, kind: str = "info") -> "Note":
        if kind not in KINDS:
            raise ValueError(kind)
        note = super().__new__(cls, text)
        note.kind = kind
        return note


def kind_of(note: str) -> str:
    """The category of a note (plain strings from other readers count as ``"info"``)."""
    return getattr(note, "kind", "info")
