"""Find the report's tables in sheets of any layout, by their labels.

Works on ``SheetGrid``s (any sheet, any position).  Labels are compared through
``labels.canonical_label``; which labels exist, and which row and column name each value cell,
comes from the format declarations.  Layouts understood:

* the official layout (merged or not): row labels on the left, column headers above — the
  nearest header above a row label names its columns (二 repeats its header per block);
* table 四 with its groups above the outcome headers and the numbers in the row below (official),
  or transposed with the groups as row labels;
* plain lists: ``row label | column label | value`` or ``row label | value`` (single-column rows).

Distances (“the next header to the right”, “the figure right of the label”, “the headers a few
rows above”) are counted on the sheet's logical grid (``SheetGrid.col_steps``/``row_steps``): a
merged range is one cell and empty spacer columns/rows do not count, so a page opened in an office
suite, every label and figure merged over several columns (G:M, N:T, U:AA), reads like the
printed table.  Positions themselves stay physical (a note names the real cell).

The result says where every value was found, which version the labels belong to, and which labels
could not be placed.  A table found more than once (the same 表三 on two sheets, a sheet copied as
“Sheet1 (2)”, a table pasted twice, a summary of a few rows before the full table) is read from its
most complete copy (ties: the first); ``Located.duplicates`` says so, naming every copy, which was
read and whether their figures differ.  A number in the rows of a located table that no cell read
(typed under the second column of a header merged across columns, say) is not guessed at:
``Located.unplaced`` names it (one note per table).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ...core.forms import FORMS, CellKey, FormSpec, Kind, Layout, TableSpec
from ...core.values import ValueProblem, format_value, parse_value
from ..notes import Note
from .label_reading import Doubt, Reading, TableRows, is_number, row_readings, split_labels
from .labels import MAX_LABEL_CHARS, LabelIndex, LabelUse, canonical_label, unit_of_label
from .sheet_grid import SheetGrid

# How far above a row label its column headers may be (logical rows), by the table's layout.
HEADER_WINDOW = {Layout.BLOCKS: 12, Layout.ROWS: 60, Layout.COLUMN_GROUPS: 8}
# Logical columns between consecutive headers of one table (a header not merged over the columns
# it names leaves gaps).
HEADER_STEP = 6


def _row_dist(sheet: SheetGrid, a: int, b: int) -> int:
    """Logical rows between physical rows ``a`` and ``b`` (either order)."""
    return sheet.row_steps(min(a, b), max(a, b))


def _within(sheet: SheetGrid, a: int, b: int, steps: int, top: int, bottom: int) -> bool:
    """Column ``b`` is right of ``a`` by at most ``steps`` logical columns of rows top..bottom."""
    return a < b and sheet.col_steps(a, b, min(top, bottom), max(top, bottom)) <= steps


@dataclass
class Placement:
    key: CellKey
    sheet: SheetGrid
    row: int
    col: int
    col_header: str = ""   # the header text as written (its unit matters for money)

    @property
    def raw(self) -> object:
        return self.sheet.get(self.row, self.col)

    @property
    def ref(self) -> str:
        return self.sheet.ref(self.row, self.col)

    @property
    def unit(self) -> str | None:
        return unit_of_label(self.col_header) if self.col_header else None


@dataclass
class Located:
    form: FormSpec
    placements: dict[CellKey, Placement] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)    # notes: labels found but not placed
    version_guessed: bool = False                        # no label told the versions apart
    tables_found: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # notes: a table found more than once
    readings: list[Reading] = field(default_factory=list)  # labels read as official ones (label_reading)
    read_as: list[str] = field(default_factory=list)     # notes: what was read as what
    explained: set[tuple[int, int, int]] = field(default_factory=set)  # (id(sheet), row, col) read or in doubt

    @property
    def accounted(self) -> set[CellKey]:
        """Cells left blank on purpose: another version's row read in their place holds their
        figures (their rows' totals included)."""
        rows = {(key.table, key.row) for reading in self.readings for key in reading.accounts}
        return {c.key for table in self.form.tables.values() for c in table.cells if (c.key.table, c.key.row) in rows}

    def version_note(self, year: int | None) -> Note | None:
        """What the clerk should know about the version chosen, when no label told the versions apart."""
        if not self.version_guessed:
            return None
        how = f"按报告年度{year}年" if year else "按现行格式"
        return Note(f"表格标签不能区分格式版本，{how}采用{self.form.version}版格式（{self.form.basis}），请核实。")


@dataclass
class _Copy:
    """One copy of a table in one sheet: the placements found there, and the area they cover."""
    sheet: SheetGrid
    placements: dict[CellKey, Placement] = field(default_factory=dict)
    top: int = 1 << 30
    left: int = 1 << 30
    bottom: int = -1
    right: int = -1

    def distance(self, pos: tuple[int, int]) -> int:
        """Rows plus columns from ``pos`` to the area found so far (0 inside it); a column counts
        as four rows (the labels of one table stand in one column, a table is taller than wide)."""
        r, c = pos
        return max(self.top - r, 0, r - self.bottom) + 4 * max(self.left - c, 0, c - self.right)

    def add(self, p: Placement, label: tuple[int, int]) -> None:
        self.placements[p.key] = p
        for r, c in (label, (p.row, p.col)):
            self.top, self.bottom = min(self.top, r), max(self.bottom, r)
            self.left, self.right = min(self.left, c), max(self.right, c)

    @property
    def area(self) -> str:
        return self.sheet.area(self.top, self.left, self.bottom, self.right)


def _assign(copies: list[_Copy], sheet: SheetGrid, p: Placement, label: tuple[int, int]) -> None:
    """A placement goes to the first copy of its sheet that does not have its cell yet: the first
    time a cell is met is the first copy (as before), the second time the second copy, …"""
    if any((q := c.placements.get(p.key)) is not None and (q.row, q.col) == (p.row, p.col) for c in copies):
        return   # the same cell found again (two layouts recognised in one table): not a copy
    for copy in copies:
        if p.key not in copy.placements:
            copy.add(p, label)
            return
    copies.append(_Copy(sheet))
    copies[-1].add(p, label)


_INDEX: LabelIndex | None = None


def label_index() -> LabelIndex:
    global _INDEX
    if _INDEX is None:
        _INDEX = LabelIndex(tuple(FORMS.values()))
    return _INDEX


Occurrences = dict[tuple[str, str, str, str], list[tuple[int, int]]]  # (version, table, what, official)


@dataclass
class SheetLabels:
    """The labels of one sheet: the positions of each official label, the uses of each position,
    and the labels read as official ones (``label_reading``: split, another version's, …)."""

    occ: Occurrences
    at: dict[tuple[int, int], list[LabelUse]]
    readings: list[Reading] = field(default_factory=list)

    def with_readings(self, readings: list[Reading]) -> SheetLabels:
        occ: Occurrences = defaultdict(list, {k: list(v) for k, v in self.occ.items()})
        at = dict(self.at)
        for reading in readings:
            for use in reading.uses:
                positions = occ[(use.version, use.table, use.what, use.official)]
                if reading.pos not in positions:
                    positions.append(reading.pos)
                    positions.sort()
            for part in reading.parts:
                at[part] = reading.uses
        return SheetLabels(occ, at, self.readings + readings)


def _occurrences(sheet: SheetGrid, index: LabelIndex) -> SheetLabels:
    occ: Occurrences = defaultdict(list)
    at: dict[tuple[int, int], list[LabelUse]] = {}
    for pos, text in sheet.text_cells():
        if len(text) > MAX_LABEL_CHARS * 2:
            continue
        uses = index.lookup(text)
        if uses:
            at[pos] = uses
            for u in uses:
                occ[(u.version, u.table, u.what, u.official)].append(pos)
    for positions in occ.values():
        positions.sort()
    return SheetLabels(occ, at).with_readings(split_labels(sheet, index))


def detect_version(sheets_uses: list[dict[tuple[int, int], list[LabelUse]]], index: LabelIndex,
                   year: int | None = None) -> tuple[FormSpec | None, bool]:
    """The version whose own labels appear most (None when no table label appears at all);
    the flag is True when no label told the versions apart (then the year, else the newest)."""
    present: set[str] = set()
    for uses_at in sheets_uses:
        for uses in uses_at.values():
            for u in uses:
                if u.what in ("row", "col", "group", "caption"):
                    present.add(canonical_label(u.official))
    if not present:
        return None, False
    scores = {v: len(present & index.versions_only(v)) for v in FORMS}
    best = max(scores.values())
    winners = [v for v, s in scores.items() if s == best]
    if len(winners) == 1 and best > 0:
        return FORMS[winners[0]], False
    if year:
        for form in FORMS.values():
            if form.applies_to(year):
                return form, True
    newest = max(FORMS.values(), key=lambda f: f.first_year)
    return newest, True


def locate(grids: Sequence[SheetGrid], year: int | None = None, form: FormSpec | None = None) -> Located | None:
    """Locate the tables of ``form`` (or of the version the labels show) in ``grids`` (sheets,
    published tables).

    Returns None when no label of any report table appears."""
    sheets = list(grids)
    index = label_index()
    per_sheet = [_occurrences(s, index) for s in sheets]
    if form is not None:
        return _locate_form(form, sheets, per_sheet, guessed=False)
    form, guessed = detect_version([labels.at for labels in per_sheet], index, year)
    if form is None:
        return None
    if not guessed:
        return _locate_form(form, sheets, per_sheet, guessed=False)
    # The labels do not tell the versions apart (e.g. only 三 and 四): the version under which
    # more figures find their place wins (2019's （六）其他处理 is a data row, 2021's a group);
    # a tie goes to the version of the year / the current one.
    tries = [_locate_form(f, sheets, per_sheet, guessed=True) for f in FORMS.values()]
    best = max(_filled(t) for t in tries)
    winners = [t for t in tries if _filled(t) == best]
    for t in winners:
        if t.form is form:
            return t
    winners[0].version_guessed = False
    return winners[0]


def _filled(located: Located) -> int:
    """Figures placed by the version's own labels (a row read by likeness or as another
    version's row does not make a version fit better)."""
    judged = {(id(r.sheet), r.pos[0]) for r in located.readings if r.why}
    return sum(1 for p in located.placements.values() if p.raw is not None and (id(p.sheet), p.row) not in judged)


def _locate_form(form: FormSpec, sheets: list[SheetGrid], per_sheet: list[SheetLabels], guessed: bool) -> Located:
    result, consumed = _place_tables(form, sheets, per_sheet, guessed)
    readings, doubts = _read_rows(form, sheets, per_sheet, result)
    if readings:   # rows read by correspondence, place and likeness: placed again with them
        per_sheet = [labels.with_readings([r for r in readings if r.sheet is sheet])
                     for sheet, labels in zip(sheets, per_sheet)]
        result, consumed = _place_tables(form, sheets, per_sheet, guessed)
    _note_readings(result, sheets, per_sheet, doubts)
    _note_unplaced(form, sheets, per_sheet, result)
    _note_stray_figures(sheets, consumed, result)
    return result


def _place_tables(form: FormSpec, sheets: list[SheetGrid], per_sheet: list[SheetLabels],
                  guessed: bool) -> tuple[Located, set[tuple[int, int, int]]]:
    """Every table of ``form`` placed from the labels found; (id(sheet), row, col) of every
    copy's cells."""
    result = Located(form, version_guessed=guessed)
    consumed: set[tuple[int, int, int]] = set()
    for table in form.tables.values():
        copies: list[_Copy] = []
        for sheet, labels in zip(sheets, per_sheet):
            sheet_copies: list[_Copy] = []
            _place_rows(table, form.version, sheet, labels.occ, sheet_copies)
            if table.layout is Layout.COLUMN_GROUPS:
                _place_column_groups(table, form.version, sheet, labels.occ, sheet_copies)
            copies += sheet_copies
        consumed.update((id(p.sheet), p.row, p.col) for c in copies for p in c.placements.values())
        if not copies:
            continue
        # The most complete copy is read (ties: the first): an earlier partial copy — a summary
        # table on a 说明 sheet, a few rows pasted above — must not win over the full table.
        main = max(copies, key=lambda c: len(c.placements))
        for copy in [main] + [c for c in copies if c is not main]:   # then cells only others have
            for key, p in copy.placements.items():
                result.placements.setdefault(key, p)
        result.tables_found.append(table.id)
        _note_duplicates(form, table, copies, main, result)
    return result, consumed


def _read_rows(form: FormSpec, sheets: list[SheetGrid], per_sheet: list[SheetLabels],
               result: Located) -> tuple[list[Reading], list[Doubt]]:
    """The rows of each located table whose labels the version does not have, read by
    ``label_reading.row_readings``."""
    readings: list[Reading] = []
    doubts: list[Doubt] = []
    for table_id in result.tables_found:
        table = form.tables[table_id]
        mine = [p for p in result.placements.values() if p.key.table == table_id]
        anywhere = {p.key.row for p in mine}
        for sheet, labels in zip(sheets, per_sheet):
            here = [p for p in mine if p.sheet is sheet]
            if not here:
                continue
            label_cols = [c for p in here for r, c in labels.occ.get((form.version, table_id, "row", p.key.row), ())
                          if r == p.row]
            first = min(p.col for p in here)
            rows = TableRows(form, table, sheet, {p.row: p.key.row for p in here}, first,
                             max(sheet.cell_right(p.row, p.col) for p in here), min(label_cols, default=max(0, first - 3)),
                             anywhere, {part for r in labels.readings for part in r.parts})
            found, doubtful = row_readings(rows, label_index())
            readings += found
            doubts += doubtful
    return readings, doubts


def _note_readings(result: Located, sheets: list[SheetGrid], per_sheet: list[SheetLabels], doubts: list[Doubt]) -> None:
    """The labels read otherwise in the sheets holding the tables, what was read as what, and
    the rows in doubt: their cells are not named again as unknown labels."""
    used = {id(p.sheet) for p in result.placements.values()}
    for sheet, labels in zip(sheets, per_sheet):
        if id(sheet) in used:
            result.readings += labels.readings
    result.read_as = [note for r in result.readings if (note := r.note()) is not None]
    result.unplaced += [d.note for d in doubts]
    result.explained = {(id(r.sheet), *part) for r in result.readings for part in r.parts}
    result.explained |= {(id(d.sheet), *d.pos) for d in doubts}


#: Columns right of a table's last value column still searched for stray figures (a header merged
#: across columns: the figure typed under its second or third column).
STRAY_REACH = 3


def _note_stray_figures(sheets: list[SheetGrid], consumed: set[tuple[int, int, int]], result: Located) -> None:
    """Numbers in the rows of a located table, right of its row labels, that no placement read
    (e.g. typed under the second column of a merged header): one note per table, naming up to
    five of them.  Nothing is read from there (which column was meant is a guess)."""
    for table_id in result.tables_found:
        stray: list[str] = []
        for sheet in sheets:
            mine = [p for p in result.placements.values() if p.key.table == table_id and p.sheet is sheet]
            if not mine:
                continue
            first_value_col = min(p.col for p in mine)
            last_col = max(sheet.cell_right(p.row, p.col) for p in mine) + STRAY_REACH
            by_row: dict[int, list[Placement]] = defaultdict(list)
            for p in mine:
                by_row[p.row].append(p)
            for r in sorted(by_row):
                for c in range(first_value_col, last_col + 1):
                    if (id(sheet), r, c) in consumed or not is_number(sheet.get(r, c)) or sheet.covered(r, c):
                        continue
                    # the row (table 四: the group) of the nearest placed cell on its left
                    near = max(by_row[r], key=lambda p: (p.col <= c, p.col if p.col <= c else -p.col))
                    stray.append(f"{sheet.ref(r, c)}（{_short(near.key.row)}）“{_as_read(sheet.get(r, c))[:20]}”")
        if stray:
            more = f"等 {len(stray)} 处" if len(stray) > 5 else ""
            result.unplaced.append(Note(
                f"表{table_id}中以下数字不在官方表格的栏目位置上，未读取：{'、'.join(stray[:5])}{more}。"
                "请在导入后核对并填写，或把数字移到对应栏目下后重新导入。", "unplaced"))


def _figure(value: object, kind: Kind) -> object:
    """A cell's content for comparing copies: “12件” and 12 are the same figure, “—” is blank."""
    if isinstance(value, str) and not value.strip():
        return None
    try:
        return parse_value(value, kind).value
    except ValueProblem:
        return str(value).strip()


def _as_read(figure: object) -> str:
    """A number as the sheet holds it (text as typed, a float as Excel shows it)."""
    if isinstance(figure, str):
        return figure.strip()
    if isinstance(figure, float):
        return f"{figure:g}"
    return format_value(figure)  # type: ignore[arg-type]  # _is_number: int or Decimal


def _shown(figure: object) -> str:
    if figure is None:
        return "空白"
    return format_value(figure) if not isinstance(figure, str) else f"“{figure[:20]}”"  # type: ignore[arg-type]


def _is_copy(copy: _Copy, main: _Copy) -> bool:
    """A second copy of the table (most of its cells are the main copy's cells too), not a part of
    it or a label mentioned elsewhere with a number beside it."""
    shared = sum(1 for k in copy.placements if k in main.placements)
    return shared >= 2 and 2 * shared >= len(copy.placements)


def _note_duplicates(form: FormSpec, table: TableSpec, copies: list[_Copy], main: _Copy, result: Located) -> None:
    """Copies of ``table`` beyond the one read: a note naming them all, saying which was read and
    whether the figures differ (then the clerk must decide which copy is right).  Every cell read
    is compared with the same cell of every other copy; cells read from a copy other than the
    main one are named too — copies are never mixed silently."""
    others = [c for c in copies if c is not main and _is_copy(c, main)]
    differences: list[tuple] = []
    lone: list[tuple] = []   # a figure beside a label elsewhere (no copy) that differs from the one read
    for copy in copies:
        for key, mine in copy.placements.items():
            read = result.placements[key]
            if read is mine:
                continue
            kind = form.cell(key).kind
            a, b = _figure(read.raw, kind), _figure(mine.raw, kind)
            if a != b:
                (differences if copy in others or copy is main else lone).append((key, read, mine, a, b))
    for key, read, mine, a, b in lone[:3]:
        result.duplicates.append(Note(
            f"{mine.ref}：“{_short(key.row)}”旁的数字为{_shown(b)}，与表{table.id}中 {read.ref} 的{_shown(a)}不同；"
            f"已读取 {read.ref} 的数字。请核对哪一个正确，如有错误请改正后重新导入，或导入后手工改正。", "unplaced"))
    if not others:
        return
    n = len(others) + 1
    areas = "、".join([f"{main.area}（已读取）"] + [c.area for c in others])
    borrowed = [p for p in result.placements.values()
                if p.key.table == table.id and any(p is c.placements.get(p.key) for c in others)]
    extra = ""
    if borrowed:
        where = "、".join(dict.fromkeys(c.area for c in others for p in borrowed if p is c.placements.get(p.key)))
        extra = (f"另有 {len(borrowed)} 个数字（如 {borrowed[0].ref}）只在 {where} 中有，"
                 f"也已读取，请一并核对。")
    if not differences:
        result.duplicates.append(Note(
            f"表{table.id}在文件中出现了{n}份：{areas}；各份相同位置的数字相同，"
            f"读取了最完整的一份（{main.area}）。{extra}"
            "如无需要，可删除多余的一份。", "duplicate" if extra else "info"))
        return
    key, read, mine, a, b = differences[0]
    result.duplicates.append(Note(
        f"表{table.id}在文件中出现了{n}份：{areas}；各份有 {len(differences)} 个数字不同"
        f"（如{key.name(14)}：{read.ref} 为{_shown(a)}（已读取），{mine.ref} 为{_shown(b)}）。"
        f"已读取最完整的一份（{main.area}）。{extra}"
        "请核对哪一份正确；如果应以另一份为准，请删除或改正多余的一份后重新导入。",
        "duplicate"))


def _short(text: str) -> str:
    return text if len(text) <= 14 else text[:13] + "…"


def _cols_of_row(table: TableSpec) -> dict[str, list[str]]:
    """Each row label of ``table`` and its column labels, in order (made once per declared table: not to be changed)."""
    known = _COLS_OF_ROW.get(id(table))
    if known is None or known[0] is not table:
        out: dict[str, list[str]] = {}
        for spec in table.cells:
            out.setdefault(spec.key.row, []).append(spec.key.col)
        known = _COLS_OF_ROW[id(table)] = (table, out)
    return known[1]


_COLS_OF_ROW: dict[int, tuple[TableSpec, dict[str, list[str]]]] = {}   # id(table) → (table, its rows' columns)


def _place_rows(table: TableSpec, version: str, sheet: SheetGrid, occ: Occurrences, copies: list[_Copy]) -> None:
    """Row labels with headers above (official / shifted layouts) or inline (plain lists)."""
    window = HEADER_WINDOW.get(table.layout, 12)
    for row_label, cols in _cols_of_row(table).items():
        positions = occ.get((version, table.id, "row", row_label), ())
        if len(positions) > 1 and copies:
            # The label met again: the occurrence next to the first copy found so far continues
            # it (a summary of a few rows beside or above the table must not fill its gaps).
            positions = sorted(positions, key=lambda pos: copies[0].distance(pos))
        for r, c0 in positions:
            found = _inline(table, version, sheet, occ, r, c0, cols)
            if not found:
                found = _walk_headers(table, version, sheet, occ, r, c0, cols, window)
                if len(found) < max(1, (len(cols) + 1) // 2):
                    found = _single_value(sheet, r, c0, cols)
            for col_label, (col, header) in found.items():
                key = CellKey(table.id, row_label, col_label)
                _assign(copies, sheet, Placement(key, sheet, r, col, header), (r, c0))


def _walk_headers(table: TableSpec, version: str, sheet: SheetGrid, occ: Occurrences, r: int, c0: int,
                  cols: list[str], window: int) -> dict[str, tuple[int, str]]:
    def positions(label: str) -> list[tuple[int, int]]:
        return occ.get((version, table.id, "col", label), [])

    found: dict[str, tuple[int, str]] = {}
    anchor_row = None
    prev_col = c0
    for label in cols:
        if anchor_row is None:
            cands = [(rr, cc) for rr, cc in positions(label) if rr < r and sheet.row_steps(rr, r) <= window and cc > c0]
            if not cands:
                continue
            rr, cc = min(cands, key=lambda p: (r - p[0], p[1] - c0))
            anchor_row = rr
        else:
            cands = [(rr, cc) for rr, cc in positions(label)
                     if rr < r and _row_dist(sheet, rr, anchor_row) <= 3
                     and _within(sheet, prev_col, cc, HEADER_STEP, min(rr, anchor_row), r)]
            if not cands:
                continue
            rr, cc = min(cands, key=lambda p: (p[1], abs(p[0] - anchor_row)))
        found[label] = (cc, str(sheet.get(rr, cc)))
        prev_col = cc
    if anchor_row is not None:  # columns in another order: headers left of the last one found
        _out_of_order([label for label in cols if label not in found], positions, found,
                      lambda rr, cc: rr < r and _row_dist(sheet, rr, anchor_row) <= 3 and c0 < cc, sheet)
    return found


def _out_of_order(missing: list[str], positions, found: dict[str, tuple[int, str]], near,
                  sheet: SheetGrid) -> dict[str, int]:
    """Headers of ``missing`` columns not met in the declared order: one that stands among the
    headers found (left of the rightmost, on a free column) names its column there.  Adds them
    to ``found``; returns the header row of each."""
    right = max(col for col, _ in found.values())
    taken = {col for col, _ in found.values()}
    rows: dict[str, int] = {}
    for label in missing:
        cands = [(rr, cc) for rr, cc in positions(label) if near(rr, cc) and cc < right and cc not in taken]
        if cands:
            rr, cc = min(cands, key=lambda p: (p[1], p[0]))
            found[label] = (cc, str(sheet.get(rr, cc)))
            taken.add(cc)
            rows[label] = rr
    return rows


def _inline(table: TableSpec, version: str, sheet: SheetGrid, occ: Occurrences, r: int, c0: int,
            cols: list[str]) -> dict[str, tuple[int, str]]:
    """``label | col label | value`` (several pairs may follow on one row)."""
    found: dict[str, tuple[int, str]] = {}
    col_at = {}
    for label in cols:
        for rr, cc in occ.get((version, table.id, "col", label), ()):
            if rr == r and _within(sheet, c0, cc, 12, r, r):
                col_at[cc] = label
    if col_at:
        for cc, label in sorted(col_at.items()):
            for c in sheet.next_columns(r, cc, 3, r - 1, r + 1):
                if c in col_at:
                    break
                if sheet.get(r, c) is not None:
                    if _is_figure(sheet.get(r, c)):   # not the next header (a table beside this one)
                        found[label] = (c, str(sheet.get(r, cc)))
                    break
    return found


def _single_value(sheet: SheetGrid, r: int, c0: int, cols: list[str]) -> dict[str, tuple[int, str]]:
    """``label | value`` for a row with a single value column (e.g. 2021 ``行政许可``)."""
    found: dict[str, tuple[int, str]] = {}
    if len(cols) == 1:
        for c in sheet.next_columns(r, c0, 3, r - 1, r + 1):
            v = sheet.get(r, c)
            if v is not None and not (isinstance(v, str) and label_index().lookup(v)):
                found[cols[0]] = (c, "")
                break
    return found


def _place_column_groups(table: TableSpec, version: str, sheet: SheetGrid, occ: Occurrences,
                         copies: list[_Copy]) -> None:
    """Table 四 as printed: a group label above its outcome headers, the numbers below them."""
    groups = _cols_of_row(table)
    clusters: list[tuple[str, int, int, list[tuple[str, int, int]]]] = []  # (group, its row, its col, [(col, r, c)])
    for group, cols in groups.items():
        for rg, cg in occ.get((version, table.id, "row", group), ()):
            found: list[tuple[str, int, int]] = []
            prev_col = None
            first_row = None
            for label in cols:
                cands = occ.get((version, table.id, "col", label), [])
                cands = [(rr, cc) for rr, cc in cands if rg < rr and sheet.row_steps(rg, rr) <= 3]
                if prev_col is None:
                    cands = [(rr, cc) for rr, cc in cands if cc == cg or _within(sheet, cg, cc, 2, rg, rr)]
                else:
                    cands = [(rr, cc) for rr, cc in cands
                             # first_row: set with prev_col, by the first label placed
                             if _row_dist(sheet, rr, first_row) <= 1  # type: ignore[arg-type]
                             and _within(sheet, prev_col, cc, 3, rg, rr)]
                if not cands:
                    continue
                rr, cc = min(cands, key=lambda p: (p[1], p[0]))
                if first_row is None:
                    first_row = rr
                found.append((label, rr, cc))
                prev_col = cc
            if found:  # outcomes in another order
                placed = {label: (cc, "") for label, _, cc in found}
                rows = _out_of_order([label for label in cols if label not in placed],
                                     lambda label: occ.get((version, table.id, "col", label), []), placed,
                                     lambda rr, cc: rg < rr and sheet.row_steps(rg, rr) <= 3
                                     and _row_dist(sheet, rr, first_row) <= 1 and cg <= cc,  # type: ignore[arg-type]
                                     sheet)
                found += [(label, rr, placed[label][0]) for label, rr in rows.items()]
            if len(found) >= (len(cols) + 1) // 2:
                clusters.append((group, rg, cg, found))
    for group, rg, cg, found in clusters:
        # The numbers are in the row below the lowest outcome header of neighbouring groups
        # (行政复议's headers span two rows; the litigation groups' headers are one row lower).
        # (logical rows: a header merged down over several rows ends at its merge's last row).
        value_row = 1 + max(sheet.cell_bottom(rr, cc) for _g2, rg2, _cg2, f2 in clusters
                            if _row_dist(sheet, rg2, rg) <= 2 for _, rr, cc in f2)
        for label, _rr, cc in found:
            key = CellKey(table.id, group, label)
            _assign(copies, sheet, Placement(key, sheet, value_row, cc, label), (rg, cg))


def _is_figure(value: object) -> bool:
    """A value cell's content: a number, or text that is no label."""
    if value is None:
        return False
    if isinstance(value, str):
        return not label_index().lookup(value)
    return True


def _figures_from(sheet: SheetGrid, r: int, col: int, n: int) -> bool:
    """A figure among the first ``n`` logical cells of row ``r`` from column ``col`` on."""
    return any(_is_figure(sheet.get(r, c)) for c in sheet.columns_from(r, col, n))


def _note_unplaced(form: FormSpec, sheets: list[SheetGrid], per_sheet: list[SheetLabels], result: Located) -> None:
    """Row labels of the form found but not used, and unknown labels inside a located table."""
    placed_rows = {(k.table, k.row) for k in result.placements}
    noted: set[tuple[str, str]] = set()
    for sheet, labels in zip(sheets, per_sheet):
        occ, at = labels.occ, labels.at
        for (version, table_id, what, official), positions in occ.items():
            if version != form.version or what != "row" or (table_id, official) in placed_rows:
                continue
            if (table_id, official) in noted:
                continue
            noted.add((table_id, official))
            r, c = positions[0]
            result.unplaced.append(Note(
                f"{sheet.ref(r, c)}：找到表{table_id}的行“{official}”，但没有找到对应的数字，未读取。"
                "如该行有数字，请检查其上方的列标题是否与官方格式一致、数字是否紧跟在标签右侧，"
                "改正后重新导入，或导入后手工填写该行。", "unplaced"))
        # A group label of the form (e.g. 2021's （六）其他处理) with numbers in its row.
        for (version, table_id, what, official), positions in occ.items():
            if version != form.version or what != "group" or table_id not in result.tables_found:
                continue
            mine = [p for p in result.placements.values() if p.key.table == table_id and p.sheet is sheet]
            if not mine:
                continue
            first_value_col = min(p.col for p in mine)
            for r, c in positions:
                placed_here = any(p.row == r for p in mine)
                if not placed_here and _figures_from(sheet, r, first_value_col, 8):
                    result.unplaced.append(Note(
                        f"{sheet.ref(r, c)}：“{official}”在{form.version}版格式中是分组标题，不填数字；"
                        "该行的数字未读取，请填入其下各项。", "unplaced"))
        # Text in the label columns of a located table that is no label of the form.
        for table_id in result.tables_found:
            if form.table(table_id).layout is Layout.COLUMN_GROUPS:   # no label column
                continue
            mine = [p for p in result.placements.values() if p.key.table == table_id and p.sheet is sheet]
            if not mine:
                continue
            top, bottom = min(p.row for p in mine), max(p.row for p in mine)
            first_value_col = min(p.col for p in mine)
            label_rows = {p.row for p in mine}
            for (r, c), text in sheet.text_cells():
                if not (top <= r <= bottom) or c >= first_value_col or r in label_rows:
                    continue
                if len(text) > MAX_LABEL_CHARS or (id(sheet), r, c) in result.explained:
                    continue
                if (r, c) in at and any(u.what != "col" for u in at[(r, c)]):
                    continue  # a label of the format (handled above), not a stray column label
                has_numbers = _figures_from(sheet, r, first_value_col, 8)
                if has_numbers:
                    result.unplaced.append(Note(_not_a_row_label(form, table_id, sheet.ref(r, c), text.strip(),
                                                                 (r, c) in at), "unplaced"))


def _not_a_row_label(form: FormSpec, table_id: str, ref: str, text: str, is_col_label: bool) -> str:
    """A text with numbers beside it in the row-label column of a table: what it is, what to do."""
    fix = "请改为格式中的行标签后重新导入，或导入后手工填写该行数字。"
    if not is_col_label:
        return f"{ref}：表{table_id}中的“{text}”不是{form.version}版格式的标签，该行数字未读取。{fix}"
    wanted = canonical_label(text)
    like = [row for row in dict.fromkeys(_cols_of_row(form.tables[table_id]))
            if canonical_label(row).endswith(wanted)][:3]
    hint = f"（格式中的行标签如“{'”“'.join(like)}”）" if like else ""
    return (f"{ref}：表{table_id}中的“{text}”在{form.version}版格式中是列标题，不是行标签{hint}，"
            f"该行数字未读取。{fix}")
