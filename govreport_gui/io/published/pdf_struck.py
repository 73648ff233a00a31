"""Text struck through on a PDF's page: no text of the report.

A document printed with its changes shown (Word, WPS and LibreOffice print a deletion struck
through and an insertion underlined, in the reviewer's colour) carries the deleted words in its
text layer: ``此项工作已完成`` struck, or a figure corrected in a table cell, ``435`` struck and
``428`` underlined beside it — read together, ``435428``.  A strike-through is a thin horizontal
rule through the middle of the characters that begins and ends at their edges: a table's rule
passes no character's middle, an underline lies under the characters, and a rule drawn across a
whole line (a separator) does not end where characters end.
"""

from __future__ import annotations

#: A rule is thin: at most this high (a line's width, a filled bar's height).
_THIN = 2.0
#: Where a strike-through crosses a character: between these fractions of its size above its
#: baseline (Word, WPS and LibreOffice draw it about a quarter of the size up; an underline lies
#: under the baseline, an overline over the character).
_MIDDLE = (0.1, 0.6)
#: The rule's ends and the struck characters' edges agree within this many points.
_EDGE = 1.5


def _strokes(page) -> list[dict]:
    """The page's thin horizontal rules: lines, and bars drawn as rectangles."""
    return [obj for obj in (*page.lines, *page.rects) if obj["bottom"] - obj["top"] <= _THIN and obj["x1"] - obj["x0"] > _THIN]


def strikes(page) -> tuple[list[dict], list[dict]]:
    """The characters of ``page`` struck through, in the page's order, and the rules striking them
    (no rules of a table: a struck figure's rule would cut its cell in two)."""
    struck: dict[int, dict] = {}
    rules = []
    for rule in _strokes(page):
        x0, x1, y = rule["x0"], rule["x1"], (rule["top"] + rule["bottom"]) / 2
        crossed = [c for c in page.chars if _crosses(c, y) and x0 - _EDGE <= (c["x0"] + c["x1"]) / 2 <= x1 + _EDGE]
        if not crossed or any(not (x0 - _EDGE <= c["x0"] and c["x1"] <= x1 + _EDGE) for c in crossed):
            continue
        if abs(min(c["x0"] for c in crossed) - x0) <= _EDGE and abs(max(c["x1"] for c in crossed) - x1) <= _EDGE \
                and not crossed[0]["text"].isspace():
            struck.update((id(c), c) for c in crossed)
            rules.append(rule)
    return [c for c in page.chars if id(c) in struck], rules


def _crosses(char: dict, y: float) -> bool:
    """``y`` lies where a strike-through crosses an upright character: above its baseline (an
    underline lies under it, however deep the font's descent), below half its size over it."""
    size, matrix = char.get("size") or 0.0, char.get("matrix")
    if size <= 0 or not char.get("upright", True) or not matrix:
        return False
    baseline = char["bottom"] - (matrix[5] - char["y0"])   # the font's descent is under the baseline
    return baseline - _MIDDLE[1] * size <= y <= baseline - _MIDDLE[0] * size
