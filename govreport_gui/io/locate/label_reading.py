"""Row labels as printers write them, read as the official labels they stand for.

``canonical_label`` accepts the spelling variants of a label; this module reads a label that is
not spelled like any official one, in the three ways a clerk reading the printed table would:

* **split**: a label broken over two cells of one column — by a page break (``（四）无`` | ``法提供``)
  or by a converter that put each line in its own row — is one label when the parts, joined, are
  one (version-independent, before the tables are located);
* **another version's row**: a row label of the other format version whose figures the declared
  correspondence (``core.forms.correspondence``) moves into one row of this version —
  ``规范性文件`` is 2021's ``行政规范性文件``; 2019's single row ``（六）其他处理`` in a 2021 table goes
  to ``3.其他`` when the table has none of that group's rows;
* **position and likeness**: a row inside a located table whose label is no label of the version
  stands between two rows that were placed; the official rows missing between those two are its
  candidates, and it is read as one of them when its place and its wording leave no doubt (as
  many unknown rows as missing rows, in order and not unlike; or one candidate clearly the most
  alike — ``2.其他法律行政止公开`` is ``2.其他法律行政法规禁止公开``).  Otherwise the figures are left
  blank and the note says which rows it could be: never a guess.

Every reading but a split one comes with a note saying what was read as what.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher

from ...core.forms import CellKey, Fidelity, FormSpec, Kind, Layout, Role, TableSpec, version_map
from ...core.values import ValueProblem, parse_value
from ..notes import Note
from .labels import MAX_LABEL_CHARS, LabelIndex, LabelUse, canonical_label, without_numbering
from .sheet_grid import SheetGrid

#: Rows above and below the rows placed in which a row of the table may still stand.
REACH = 3
#: Likeness (0…1) a label needs to be read as the one missing row of its place …
LIKE_IN_PLACE = 0.3
#: … or, among several candidates, as the most alike one, ahead of the next by ``MARGIN``.
LIKE_BEST, MARGIN = 0.6, 0.15
#: Most cells one label is split over.
MAX_PARTS = 3


@dataclass
class Reading:
    """A label read as an official one: where it is read (the cell whose row holds the figures),
    the official uses it is read as, the text as written and every cell it was read from."""

    sheet: SheetGrid
    pos: tuple[int, int]
    uses: list[LabelUse]
    text: str
    parts: tuple[tuple[int, int], ...]
    why: str = ""              # the note's reason; "" for a split label (nothing to say)
    note_kind: str = "conversion"
    accounts: tuple[CellKey, ...] = ()   # cells of the version left blank on purpose (another version's row)

    def note(self) -> Note | None:
        if not self.why:
            return None
        official = self.uses[0].official
        return Note(f"{self.sheet.ref(*self.pos)}：表{self.uses[0].table}中的“{self.text}”{self.why}，"
                    f"按“{official}”读取。", self.note_kind)


# ---------------------------------------------------------------------------------------------
# Split labels


def _row_uses(index: LabelIndex, text: object) -> list[LabelUse]:
    return [u for u in index.lookup(text) if u.what in ("row", "group")]


def split_labels(sheet: SheetGrid, index: LabelIndex) -> list[Reading]:
    """Labels broken over up to ``MAX_PARTS`` cells one below the other in a column."""
    prefixes = index.row_prefixes()
    by_col: dict[int, list[int]] = {}
    for (r, c), text in sheet.text_cells():
        if len(text) <= MAX_LABEL_CHARS:
            by_col.setdefault(c, []).append(r)
    for rows in by_col.values():
        rows.sort()
    out: list[Reading] = []
    taken: set[tuple[int, int]] = set()
    for c, rows in by_col.items():
        for r in rows:
            if (r, c) in taken or _row_uses(index, sheet.get(r, c)) or canonical_label(sheet.get(r, c)) not in prefixes:
                continue
            reading = _joined(sheet, index, prefixes, rows, r, c)
            if reading is not None:
                out.append(reading)
                taken.update(reading.parts)
    return out


def _joined(sheet: SheetGrid, index: LabelIndex, prefixes: frozenset[str], rows: list[int],
            r: int, c: int) -> Reading | None:
    parts, text = [(r, c)], str(sheet.get(r, c)).strip()
    while len(parts) < MAX_PARTS:
        below = _next_below(sheet, rows, parts[-1])
        if below is None:
            return None
        parts.append(below)
        text += str(sheet.get(*below)).strip()
        uses = _row_uses(index, text)
        if uses:   # the rest may read as a label alone (``本年度办理结果`` without its ``三、``)
            with_figures = [p for p in parts if _has_figures(sheet, p)]
            return Reading(sheet, with_figures[0] if len(with_figures) == 1 else parts[0], uses, text, tuple(parts))
        if canonical_label(text) not in prefixes or _row_uses(index, sheet.get(*below)):
            return None
    return None


def _next_below(sheet: SheetGrid, rows: list[int], pos: tuple[int, int]) -> tuple[int, int] | None:
    """The next text cell down the column, in the logical row right below this cell's bottom."""
    r, c = pos
    bottom = sheet.cell_bottom(r, c)
    i = bisect_right(rows, bottom)
    if i < len(rows) and sheet.row_steps(bottom, rows[i]) <= 1:
        return rows[i], c
    return None


def _has_figures(sheet: SheetGrid, pos: tuple[int, int], last_col: int | None = None) -> bool:
    """A figure right of the cell at ``pos`` in its row (up to ``last_col``)."""
    r, c = pos
    return any(is_number(sheet.get(r, col)) for col in sheet.columns_from(r, sheet.cell_right(r, c) + 1, 16)
               if last_col is None or col <= last_col)


def is_number(value: object) -> bool:
    """A figure a reader would take for a number (“7”, 7, “2.5万元”, “12件”); blanks and dashes are not."""
    if value is None or isinstance(value, bool):
        return False
    if not isinstance(value, (str, int, float, Decimal)):
        return False
    for kind in (Kind.COUNT, Kind.MONEY):
        try:
            if parse_value(value, kind).value is not None:
                return True
        except ValueProblem:
            pass
    return False


# ---------------------------------------------------------------------------------------------
# Another version's row


def corresponding_row(version: str, table_id: str, use: LabelUse) -> tuple[str, str] | None:
    """The row of ``version`` that a row label of another version stands for — the declared
    correspondence moves all of that row's figures into this one row — and, when that move is
    a judgment on the figures themselves, the reason to tell the clerk."""
    if use.version == version or use.table != table_id or use.what != "row":
        return None
    return _row_map(use.version, version).get((table_id, use.official))


def accounted_for(version: str, use: LabelUse) -> tuple[CellKey, ...]:
    """The cells of ``version`` whose figures the other version's row ``use`` holds together (its
    correspondence back): 2021's three rows of （六）其他处理 for 2019's one row."""
    return tuple(key for move in version_map(version, use.version).moves if move.target is not None
                 and (move.target.table, move.target.row) == (use.table, use.official) for key in move.sources)


_ROW_MAPS: dict[tuple[str, str], dict[tuple[str, str], tuple[str, str]]] = {}


def _row_map(source: str, target: str) -> dict[tuple[str, str], tuple[str, str]]:
    found = _ROW_MAPS.get((source, target))
    if found is None:
        rows: dict[tuple[str, str], set[tuple[str, str]]] = {}
        for move in version_map(source, target).moves:
            if move.target is None:
                continue
            for key in move.sources:
                judged = move.fidelity is Fidelity.JUDGED and key.col == move.target.col and key.table == move.target.table
                rows.setdefault((key.table, key.row), set()).add((move.target.row, move.why if judged else ""))
        found = _ROW_MAPS[(source, target)] = {
            key: max(targets) for key, targets in rows.items() if len({row for row, _ in targets}) == 1}
    return found


# ---------------------------------------------------------------------------------------------
# Rows read by their place among the table's rows and their likeness


def likeness(text: str, official: str) -> float:
    """How alike a label as written and an official label are (0…1), with and without numbering."""
    a, b = canonical_label(text), canonical_label(official)
    return max(SequenceMatcher(None, a, b).ratio(),
               SequenceMatcher(None, without_numbering(a), without_numbering(b)).ratio())


@dataclass
class TableRows:
    """What the first reading found of one table in one sheet: the sheet row of each official row
    placed there, the columns of its figures and the leftmost column of its row labels."""

    form: FormSpec
    table: TableSpec
    sheet: SheetGrid
    placed: dict[int, str]             # sheet row -> official row
    first_col: int
    last_col: int
    label_col: int
    placed_anywhere: set[str]          # official rows of this table placed in any sheet
    explained: set[tuple[int, int]]    # cells already read (split labels)


@dataclass
class _Unknown:
    r: int
    c: int
    text: str
    figures: bool
    fixed: tuple[str, str, LabelUse] | None = None   # (official row, why, the label's use) for another version's row


@dataclass
class Doubt:
    """A row with figures whose label could be one of several official rows: left blank, noted."""

    sheet: SheetGrid
    pos: tuple[int, int]
    note: Note


def row_readings(rows: TableRows, index: LabelIndex) -> tuple[list[Reading], list[Doubt]]:
    """The rows of a located table whose labels are no labels of the version, read by
    correspondence, place and likeness; notes for those with figures that stay in doubt."""
    if rows.table.layout is Layout.COLUMN_GROUPS or not rows.placed:
        return [], []
    order = {label: i for i, label in enumerate(rows.table.rows)}
    gaps: dict[tuple[int, int], list[_Unknown]] = {}
    placed_rows = sorted(rows.placed)
    for unknown in _unknown_rows(rows, index):
        i = bisect_right(placed_rows, unknown.r)
        above = order[rows.placed[placed_rows[i - 1]]] if i else -1
        below = order[rows.placed[placed_rows[i]]] if i < len(placed_rows) else len(rows.table.rows)
        gaps.setdefault((above, below), []).append(unknown)
    readings: list[Reading] = []
    notes: list[Doubt] = []
    for (above, below), unknowns in gaps.items():
        missing = [row for row in rows.table.rows[above + 1:below] if row not in rows.placed_anywhere]
        _read_gap(rows, unknowns, missing, readings, notes)
    return readings + _group_readings(rows, index, {p for r in readings for p in r.parts}), notes


def _group_readings(rows: TableRows, index: LabelIndex, taken: set[tuple[int, int]]) -> list[Reading]:
    """Group labels (``（四）无法提供``) misprinted among the placed rows, read as the group label
    of the version not found in the sheet that they are clearly most like."""
    version, sheet = rows.form.version, rows.sheet
    groups = {g.text for g in rows.table.grid if g.role is Role.LABEL and g.text not in rows.table.rows}
    found = {u.official for _, text in sheet.text_cells() for u in index.lookup(text)
             if u.version == version and u.what == "group"} if groups else set()
    missing = sorted(groups - found)
    top, bottom = min(rows.placed), max(rows.placed)
    taken = taken | rows.explained
    out: list[Reading] = []
    for (r, c), text in sheet.text_cells():
        if not missing:
            break
        if not (top <= r <= bottom and rows.label_col <= c < rows.first_col) or (r, c) in taken \
                or any(u.version == version for u in index.lookup(text)):
            continue
        ranked = sorted(((likeness(text, g), g) for g in missing), reverse=True)
        if ranked[0][0] >= LIKE_BEST and (len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= MARGIN):
            use = LabelUse(version, rows.table.id, "group", ranked[0][1])
            out.append(Reading(sheet, (r, c), [use], text.strip(), ((r, c),),
                               f"不是{version}版格式的标签，据文字判断是分组标题"))
            missing.remove(ranked[0][1])
    return out


def _unknown_rows(rows: TableRows, index: LabelIndex) -> list[_Unknown]:
    """Rows near and among the placed ones with a label the version does not have (rows beyond
    the placed ones only with figures)."""
    sheet = rows.sheet
    top, bottom = min(rows.placed), max(rows.placed)
    logical = sheet.logical().rows
    lo = logical[max(0, bisect_right(logical, top) - 1 - REACH)]
    hi = logical[min(len(logical) - 1, bisect_right(logical, bottom) - 1 + REACH)]
    out = []
    for r in (r for r in logical if lo <= r <= hi and r not in rows.placed):
        label = _row_label(rows, index, r)
        if label is None:
            continue
        c, text, fixed = label
        figures = _has_figures(sheet, (r, c), rows.last_col)
        if figures or top < r < bottom:
            out.append(_Unknown(r, c, text, figures, fixed))
    return out


def _row_label(rows: TableRows, index: LabelIndex, r: int) -> tuple[int, str, tuple[str, str, LabelUse] | None] | None:
    """The label of sheet row ``r`` (its rightmost text left of the figures), when it is no
    label of the version — or a group label of it standing alone with figures, as 2019's single
    ``（六）其他处理`` row stands in a 2021 table."""
    sheet, version, table = rows.sheet, rows.form.version, rows.table
    for c in range(rows.first_col - 1, rows.label_col - 1, -1):
        text = sheet.get(r, c)
        if not isinstance(text, str) or sheet.covered(r, c) or (r, c) in rows.explained:
            continue
        uses = index.lookup(text)
        mine = [u for u in uses if u.version == version]
        fixed = next(((*f, u) for u in uses if (f := corresponding_row(version, table.id, u))), None)
        if not mine:
            return c, text.strip(), fixed
        group = next((g for g in table.groups if any(u.what == "group" and u.official == g.label for u in mine)), None)
        if group is not None and fixed and not set(group.rows) & rows.placed_anywhere \
                and _has_figures(sheet, (r, c), rows.last_col):
            return c, text.strip(), fixed
        return None
    return None


def _read_gap(rows: TableRows, unknowns: list[_Unknown], missing: list[str], readings: list[Reading],
              notes: list[Doubt]) -> None:
    """Read the unknown rows between two placed rows as the official rows missing there."""
    doubtful: list[tuple[_Unknown, list[str]]] = []
    for unknown in unknowns:
        if unknown.fixed is None:
            continue
        official, why, use = unknown.fixed
        if official in missing:
            missing.remove(official)
            said = f"是{use.version}版格式的行标签" + (f"（{why}）" if why else "")
            readings.append(_reading(rows, unknown, official, said, accounted_for(rows.form.version, use)))
        else:
            doubtful.append((unknown, [official]))
    free = [u for u in unknowns if not u.fixed]
    if free and len(free) == len(missing):
        pairs = list(zip(free, missing))
        for unknown, official in pairs:
            if likeness(unknown.text, official) >= LIKE_IN_PLACE:
                readings.append(_reading(rows, unknown, official, _place_why(rows, unknown)))
            else:
                doubtful.append((unknown, [official]))
    elif free:
        _read_by_likeness(rows, free, missing, readings, doubtful)
    for unknown, candidates in doubtful:
        if unknown.figures and candidates:
            notes.append(_doubt_note(rows, unknown, candidates))


def _read_by_likeness(rows: TableRows, free: list[_Unknown], missing: list[str], readings: list[Reading],
                      doubtful: list[tuple[_Unknown, list[str]]]) -> None:
    """More or fewer unknown rows than missing ones: each read as the missing row clearly most
    like it, as long as the rows read keep the official order."""
    chosen: list[tuple[_Unknown, str]] = []
    for unknown in free:
        ranked = sorted(missing, key=lambda official: likeness(unknown.text, official), reverse=True)
        scores = [likeness(unknown.text, official) for official in ranked]
        if scores and scores[0] >= LIKE_BEST and (len(scores) == 1 or scores[0] - scores[1] >= MARGIN):
            chosen.append((unknown, ranked[0]))
        else:
            doubtful.append((unknown, [o for o, s in zip(ranked, scores) if s >= LIKE_IN_PLACE][:3] or ranked[:3]))
    officials = [official for _, official in chosen]
    in_order = officials == sorted(officials, key=missing.index) and len(set(officials)) == len(officials)
    for unknown, official in chosen:
        if in_order:
            readings.append(_reading(rows, unknown, official, _place_why(rows, unknown)))
        else:
            doubtful.append((unknown, [official]))


def _reading(rows: TableRows, unknown: _Unknown, official: str, why: str,
             accounts: tuple[CellKey, ...] = ()) -> Reading:
    use = LabelUse(rows.form.version, rows.table.id, "row", official)
    return Reading(rows.sheet, (unknown.r, unknown.c), [use], unknown.text, ((unknown.r, unknown.c),), why,
                   accounts=accounts)


def _place_why(rows: TableRows, unknown: _Unknown) -> str:
    return f"不是{rows.form.version}版格式的标签，据它在表中的位置和文字"


def _doubt_note(rows: TableRows, unknown: _Unknown, candidates: list[str]) -> Doubt:
    maybe = "“" + "”或“".join(candidates) + "”"
    where = rows.sheet.ref(unknown.r, unknown.c)
    return Doubt(rows.sheet, (unknown.r, unknown.c), Note(
        f"{where}：表{rows.table.id}中的“{unknown.text}”不是{rows.form.version}版格式的标签，按位置可能是{maybe}，"
        "但无法确定，该行数字未读取（按空白处理）。请导入后核对并手工填写该行。", "unplaced"))
