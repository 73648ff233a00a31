"""The rules of a PDF page: the lines a table is drawn with, and nothing else.

A table is found from its rules — ruling lines and cell borders forming a grid — never from a
rectangle that only lies under text.  WPS draws a filled white rectangle behind every line of
prose, highlighted words have a yellow box under them, a header row may be shaded grey: none of
these is a rule, so none of them makes the text on it a "table".  What is a rule:

* a stroked line, polyline or rectangle in a colour that shows on white paper;
* a filled rectangle at most ``RULE_WIDTH`` thick in such a colour (Word and WPS draw cell
  borders that way).

A table printed without its outer frame (no left and right border, or none at all) is closed
again: each group of rules that touch is framed by its bounding box, so the first and last
columns and rows are cells like the others.
"""

from __future__ import annotations

#: Thickest filled rectangle still taken for a drawn line (points; Word's borders are 0.5–3 pt).
RULE_WIDTH = 3.0
#: Points within which rules are the same line, or touch (pdfplumber's own default).
TOLERANCE = 3.0
#: Rules on one page beyond which they are not grouped and framed (a page of a report has a few
#: hundred at most; a technical drawing has thousands, and grouping them would take long).
MAX_RULES = 2000
#: Share of the page height at its top where a running header stands, above any table.
HEADER_ZONE = 0.1
#: A colour this close to white does not show on paper.
WHITE = 0.95


def _inked(color) -> bool:
    """A colour that shows on white paper (gray, RGB or CMYK; a pattern or unknown colour does)."""
    if not isinstance(color, (tuple, list)):
        color = (color,) if isinstance(color, (int, float)) else None
    if not color or not all(isinstance(c, (int, float)) for c in color):
        return True
    if len(color) == 4:
        return any(c > 1 - WHITE for c in color)
    return any(c < WHITE for c in color)


def _is_rule(obj: dict) -> bool:
    if obj.get("stroke") and _inked(obj.get("stroking_color")):
        return True
    thin = min(abs(obj["x1"] - obj["x0"]), abs(obj["bottom"] - obj["top"])) <= RULE_WIDTH
    return obj["object_type"] == "rect" and bool(obj.get("fill")) and thin and _inked(obj.get("non_stroking_color"))


def rule_edges(page, continued: tuple[float, float] | None = None) -> list[dict]:
    """The page's rules as pdfplumber edges (collinear pieces joined), each group of touching
    rules framed by its bounding box.  ``continued``: the left and right edges of a table that
    ran to the bottom of the previous page — the first rules of this page, with at most one line
    of table text above them, continue it and are framed that wide (a row printed without its
    outer frame has only the vertical rules between its cells)."""
    from pdfplumber.table import merge_edges
    from pdfplumber.utils import obj_to_edges

    edges = [e for obj in (*page.lines, *page.rects, *page.curves) if _is_rule(obj) for e in obj_to_edges(obj)]
    edges = [e for e in edges if max(e["x1"] - e["x0"], e["bottom"] - e["top"]) > TOLERANCE]
    edges = merge_edges(_snapped(edges, "v") + _snapped(edges, "h"), 0, 0, TOLERANCE, TOLERANCE)
    if len(edges) > MAX_RULES:   # a drawing, not a report page: its rules as they are
        return edges
    groups = _stacked(_touching(edges), page.chars)
    leading, top = _continuation(groups, continued, page.chars, HEADER_ZONE * page.height) if continued else ([], 0.0)
    for group in groups:
        if {e["orientation"] for e in group} == {"h", "v"} and not any(group is g for g in leading):
            edges.extend(_frame(group))
    if leading:
        edges.extend(_frame([e for g in leading for e in g], continued, top))
    return edges


def _snapped(edges: list[dict], orientation: str) -> list[dict]:
    """The edges of one orientation, those within ``TOLERANCE`` of each other across the line and
    overlapping along it moved onto one line (the two sides of a thin bar, a border drawn by both
    cells).  Unlike pdfplumber's own snapping, rules of two tables one above the other are not
    moved towards each other when their columns nearly line up."""
    across, start, end = ("x0", "top", "bottom") if orientation == "v" else ("top", "x0", "x1")
    mine = sorted((e for e in edges if e["orientation"] == orientation), key=lambda e: e[across])
    out: list[dict] = []
    i = 0
    while i < len(mine):
        j = i + 1
        while j < len(mine) and mine[j][across] - mine[j - 1][across] <= TOLERANCE:
            j += 1
        line = sorted(mine[i:j], key=lambda e: e[start])
        group: list[dict] = []
        for edge in line:
            if group and edge[start] > max(e[end] for e in group) + TOLERANCE:
                out += _onto_one_line(group, orientation)
                group = []
            group.append(edge)
        out += _onto_one_line(group, orientation)
        i = j
    return out


def _onto_one_line(group: list[dict], orientation: str) -> list[dict]:
    keys = ("x0", "x1") if orientation == "v" else ("top", "bottom")
    at = sum(e[keys[0]] for e in group) / len(group)
    return [{**e, keys[0]: at, keys[1]: at} for e in group]


def _continuation(groups: list[list[dict]], width: tuple[float, float], chars: list[dict],
                  header_zone: float) -> tuple[list[list[dict]], float]:
    """The first rules of the page, within ``width``, with no text above them but one line of table
    text right on them (a caption row left open by the page break); and where that table's top is.
    Nothing when other text comes first (a paragraph); a running header (text ending above
    ``header_zone``) does not count."""
    within = [g for g in groups if width[0] - TOLERANCE <= _box(g)[0] and _box(g)[2] <= width[1] + TOLERANCE]
    if not within:
        return [], 0.0
    top = min(_box(g)[1] for g in within)
    first = [g for g in within if _box(g)[1] <= top + TOLERANCE]
    above = [c for c in chars if c["bottom"] <= top + TOLERANCE and c["bottom"] > header_zone]
    if not above:
        return first, top
    right_on = all(c["bottom"] >= top - 2 * c["size"] for c in above)
    bottom = max(_box(g)[3] for g in first)
    inside = [c["size"] for c in chars if width[0] <= c["x0"] and c["x1"] <= width[1] and top <= c["top"] <= bottom]
    if not (right_on and _table_line(above, inside)):
        return [], 0.0
    return first, min(c["top"] for c in above) - 1


def _table_line(chars: list[dict], sizes_inside: list[float]) -> bool:
    """``chars`` are one line of text no larger than the text of the table (``sizes_inside``) and
    no section heading: a row of the table the rules leave open, not a paragraph."""
    from ..locate.labels import heading_key

    if not chars or not sizes_inside:
        return False
    size = max(c["size"] for c in chars)
    one_line = max(c["top"] for c in chars) - min(c["top"] for c in chars) < size / 2
    text = "".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"]))
    return one_line and size <= sorted(sizes_inside)[len(sizes_inside) // 2] + 0.5 and heading_key(text) is None


def _touch(a: dict, b: dict) -> bool:
    return (a["x0"] - TOLERANCE <= b["x1"] and b["x0"] - TOLERANCE <= a["x1"]
            and a["top"] - TOLERANCE <= b["bottom"] and b["top"] - TOLERANCE <= a["bottom"])


def _touching(edges: list[dict]) -> list[list[dict]]:
    """The edges in groups that touch each other (directly or through others): a sweep from left
    to right comparing each edge only with those still open at its left end."""
    parent = list(range(len(edges)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    active: list[int] = []
    for i in sorted(range(len(edges)), key=lambda k: edges[k]["x0"]):
        active = [j for j in active if edges[j]["x1"] + TOLERANCE >= edges[i]["x0"]]
        for j in active:
            if _touch(edges[i], edges[j]):
                parent[root(i)] = root(j)
        active.append(i)
    groups: dict[int, list[dict]] = {}
    for i, edge in enumerate(edges):
        groups.setdefault(root(i), []).append(edge)
    return list(groups.values())


def _stacked(groups: list[list[dict]], chars: list[dict]) -> list[list[dict]]:
    """Groups of rules one above the other as wide as each other, with one line of table text
    between them, are one table: a caption row spanning a table printed without its left and right
    border (二's ``第二十条第（一）项``) has no rule joining the rows above and below it."""
    out: list[list[dict]] = []
    last_of_width: dict[tuple[int, int], list[dict]] = {}   # the lowest group so far of each width
    for group in sorted(groups, key=lambda g: min(e["top"] for e in g)):
        x0, _, x1, _ = _box(group)
        key = (round(x0 / TOLERANCE), round(x1 / TOLERANCE))
        near = [last_of_width.get((key[0] + i, key[1] + j)) for i in (-1, 0, 1) for j in (-1, 0, 1)]
        above = max((g for g in near if g is not None and _same_width(g, group)), key=lambda g: _box(g)[3], default=None)
        if above is not None and _one_row_between(above, group, chars):
            above.extend(group)
            group = above
        else:
            out.append(group)
        last_of_width[key] = group
    return out


def _box(group: list[dict]) -> tuple[float, float, float, float]:
    return (min(e["x0"] for e in group), min(e["top"] for e in group),
            max(e["x1"] for e in group), max(e["bottom"] for e in group))


def _same_width(a: list[dict], b: list[dict]) -> bool:
    (ax0, _, ax1, _), (bx0, _, bx1, _) = _box(a), _box(b)
    return abs(ax0 - bx0) <= TOLERANCE and abs(ax1 - bx1) <= TOLERANCE and ax1 - ax0 > 4 * TOLERANCE


def _one_row_between(above: list[dict], below: list[dict], chars: list[dict]) -> bool:
    """Between the two groups (facing each other with rules across their whole width) lies one
    line of the table's text, at most three times its size high."""
    x0, _, x1, gap_top = _box(above)
    gap_bottom = _box(below)[1]
    if gap_bottom <= gap_top or not (_ruled_across(above, gap_top, x0, x1) and _ruled_across(below, gap_bottom, x0, x1)):
        return False
    top, bottom = _box(above)[1], _box(below)[3]
    column = [c for c in chars if x0 <= c["x0"] and c["x1"] <= x1 and top <= c["top"] and c["bottom"] <= bottom]
    between = [c for c in column if gap_top <= c["top"] and c["bottom"] <= gap_bottom]
    inside = [c["size"] for c in column if not (gap_top <= c["top"] and c["bottom"] <= gap_bottom)]
    return _table_line(between, inside) and gap_bottom - gap_top <= 3 * max(c["size"] for c in between)


def _ruled_across(group: list[dict], y: float, x0: float, x1: float) -> bool:
    return any(e["orientation"] == "h" and abs(e["top"] - y) <= TOLERANCE and e["x0"] <= x0 + TOLERANCE
               and e["x1"] >= x1 - TOLERANCE for e in group)


def _frame(group: list[dict], width: tuple[float, float] | None = None, top: float | None = None) -> list[dict]:
    """The four sides of a group's bounding box (``width``: its left and right, ``top``: its
    top, when known otherwise)."""
    x0, x1 = width or (_box(group)[0], _box(group)[2])
    top = _box(group)[1] if top is None else min(top, _box(group)[1])
    bottom = _box(group)[3]

    def edge(orientation: str, left: float, upper: float, right: float, lower: float) -> dict:
        return {"object_type": "rule_edge", "orientation": orientation, "x0": left, "x1": right,
                "top": upper, "bottom": lower, "width": right - left, "height": lower - upper}

    return [edge("h", x0, top, x1, top), edge("h", x0, bottom, x1, bottom),
            edge("v", x0, top, x0, bottom), edge("v", x1, top, x1, bottom)]


def table_settings(edges: list[dict]) -> dict | None:
    """``find_tables`` settings that use exactly these rules (None when they cannot make a cell)."""
    vertical = [e for e in edges if e["orientation"] == "v"]
    horizontal = [e for e in edges if e["orientation"] == "h"]
    if len(vertical) < 2 or len(horizontal) < 2:
        return None
    return {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
            "explicit_vertical_lines": vertical, "explicit_horizontal_lines": horizontal}
