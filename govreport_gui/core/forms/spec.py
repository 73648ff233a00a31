"""The vocabulary in which an official format version is declared.

A format version (``FormSpec``) is plain, frozen data: its sections, its three tables (each with
its grid layout: merged label cells, header cells and the positions of the value cells), which
cells are inputs and which are totals, and its rules.  Everything else — the editor's grids, the
checks, the Excel and Word readers and writers, the report JSON — is driven by this data.

The builders at the bottom turn the compact shapes of the official tables (blocks of 二, the row tree of 三,
the three groups of 四) into explicit layouts, so a version module only lists labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import NamedTuple


class CellKey(NamedTuple):
    """A value cell, named by official labels: table ``"二"|"三"|"四"``, leaf row, column."""

    table: str
    row: str
    col: str

    def name(self, limit: int | None = None) -> str:
        """The one Chinese name of this cell in every message, note, tooltip and export:
        ``表三“（一）予以公开”/“自然人”``; ``limit`` shortens each label to that many characters."""
        row, col = (self.row, self.col) if limit is None else (_cut(self.row, limit), _cut(self.col, limit))
        return f"表{self.table}“{row}”/“{col}”"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


class Kind(str, Enum):
    COUNT = "count"    # non-negative integer
    SIGNED = "signed"  # integer that may be negative (本年增/减)
    MONEY = "money"    # non-negative Decimal, in 万元


class Tag(str, Enum):
    """What a row, a group of rows or a cell means, for the code that writes or reads prose about
    it (drafting, prose checks): that code asks the declaration for a tag and never spells, or
    counts the position of, an official label."""

    # 三 rows (a group: every leaf row of that outcome)
    NEW = "new"                        # 一、本年新收政府信息公开申请数量
    CARRIED_IN = "carried_in"          # 二、上年结转政府信息公开申请数量
    DISCLOSED = "disclosed"            # （一）予以公开
    PARTLY = "partly"                  # （二）部分公开
    WITHHELD = "withheld"              # （三）不予公开
    UNABLE = "unable"                  # （四）无法提供
    NOT_PROCESSED = "not_processed"    # （五）不予处理
    OTHER_HANDLING = "other_handling"  # （六）其他处理
    RESULTS_TOTAL = "results_total"    # （七）总计
    CARRIED_OUT = "carried_out"        # 四、结转下年度继续办理
    # 四 groups
    REVIEW = "review"                  # 行政复议
    LITIGATION = "litigation"          # 行政诉讼 (both kinds)
    # 二 cells
    IN_FORCE = "in_force"              # 现行有效件数
    FEES = "fees"                      # 行政事业性收费 amount


class Layout(str, Enum):
    """How a table lays out its figures, which decides how code names and finds them."""

    BLOCKS = "blocks"                # 二: blocks of rows, a figure named by its column (本年制发件数 …)
    ROWS = "rows"                    # 三: one row per outcome, applicant columns; a figure named by its row
    COLUMN_GROUPS = "column_groups"  # 四: one row of figures under column groups (复议 / 诉讼), named by column


class Role(str, Enum):
    CAPTION = "caption"    # block caption spanning the table (二)
    HEADER = "header"      # column header
    NOTE = "note"          # the 勾稽关系 note of 三
    LABEL = "label"        # row label (possibly a group spanning several rows)
    INPUT = "input"        # a value the clerk enters
    COMPUTED = "computed"  # a total recomputed from other cells


@dataclass(frozen=True)
class GridCell:
    """One cell of a table's grid, top-left at (row, col), spanning rowspan × colspan."""

    row: int
    col: int
    role: Role
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    key: CellKey | None = None  # for INPUT / COMPUTED cells


@dataclass(frozen=True)
class CellSpec:
    """One number cell of a table: its key, its kind (count or money) and whether it is computed."""

    key: CellKey
    kind: Kind
    computed: bool = False
    # A stock (a level at year end, e.g. 现行有效件数), not a flow of the year: summing the
    # reports of several units may count the same item twice (consolidation warns).
    stock: bool = False
    # Money only: the column header itself names the unit (“（单位：万元）”), so a value is shown
    # without it; otherwise money is shown with “万元”.
    unit_in_header: bool = False
    tag: Tag | None = None  # what the cell means (see Tag), if code needs to find it


@dataclass(frozen=True)
class RowGroup:
    """Leaf rows that make one figure together (（三）不予公开 = its 8 leaves; 行政诉讼 = its two
    groups); a row that stands alone is a group of one.  ``outcome``: one of 三's results."""

    tag: Tag
    label: str               # the group's label, or the row's own
    rows: tuple[str, ...]
    outcome: bool = False


@dataclass(frozen=True)
class TableSpec:
    """One statistical table (二, 三 or 四): its grid of cells as laid out in the official table."""

    id: str                    # "二" / "三" / "四"
    n_rows: int
    n_cols: int
    header_rows: int           # rows that repeat on a new page (0 for 二: its headers are per block)
    grid: tuple[GridCell, ...]
    cells: tuple[CellSpec, ...]  # every value cell, in reading order
    rows: tuple[str, ...]       # leaf row labels, in order
    cols: tuple[str, ...]       # value column labels, in order (of all blocks for 二)
    groups: tuple[RowGroup, ...] = ()  # the tagged rows / groups of rows, in order (三, 四)
    total_col: str | None = None       # the 总计 column (三, 四)
    layout: Layout = Layout.BLOCKS

    def figure_label(self, key: CellKey) -> str:
        """The label that tells a figure of this table apart where its line is clear from the
        context (a rule, a carried-over line): 三's row, the column of the others."""
        return key.row if self.layout is Layout.ROWS else key.col

    def line_name(self, key: CellKey) -> str:
        """``表三“（一）予以公开”`` / ``表二“现行有效件数”``: the line of figures ``key`` belongs to."""
        return f"表{self.id}“{self.figure_label(key)}”"

    def group(self, tag: Tag) -> RowGroup:
        for g in self.groups:
            if g.tag is tag:
                return g
        raise KeyError(tag)

    def outcomes(self) -> tuple[RowGroup, ...]:
        """三's results, in official order (single rows and groups of leaves)."""
        return tuple(g for g in self.groups if g.outcome)

    def tagged(self, tag: Tag) -> tuple[CellSpec, ...]:
        """The value cells declared with ``tag``."""
        return tuple(c for c in self.cells if c.tag is tag)

    def cell(self, key: CellKey) -> CellSpec:
        return self._by_key[key]

    @property
    def _by_key(self) -> dict[CellKey, CellSpec]:
        cached = self.__dict__.get("_cache_by_key")
        if cached is None:
            cached = {c.key: c for c in self.cells}
            object.__setattr__(self, "_cache_by_key", cached)
        return cached

    def has(self, key: CellKey) -> bool:
        return key in self._by_key

    def grid_cell_of(self, key: CellKey) -> GridCell:
        for g in self.grid:
            if g.key == key:
                return g
        raise KeyError(key)


@dataclass(frozen=True)
class Total:
    """``target`` is recomputed as the sum of ``addends`` (rule id for a printed mismatch)."""

    rule: str
    target: CellKey
    addends: tuple[CellKey, ...]
    title: str = ""  # what the rule checks, for the check report (shared by every rule of that id)


@dataclass(frozen=True)
class Balance:
    """Hard rule: sum(lhs) == sum(rhs).  ``name`` describes the scope (e.g. the column)."""

    rule: str
    table: str
    scope: str                       # "“自然人”列"
    lhs: tuple[tuple[str, CellKey], ...]  # (short name shown in the message, cell)
    rhs: tuple[tuple[str, CellKey], ...]
    title: str = ""  # see Total.title


@dataclass(frozen=True)
class Term:
    """One signed cell of a cross-year rule, in this year's or last year's report."""

    sign: int          # +1 / -1
    year: str          # "this" or "prev"
    key: CellKey


@dataclass(frozen=True)
class CrossYear:
    """Soft rule across years: target (this year) == Σ sign·term.

    When every term is from last year's report the rule also *carries* the figure into a new
    report (carry-over is this rule read forwards)."""

    rule: str
    target: CellKey
    terms: tuple[Term, ...]
    why: str  # short Chinese description of the relation, for messages
    title: str = ""  # see Total.title


@dataclass(frozen=True)
class NotGreater:
    """Soft rule: lhs ≤ rhs."""

    rule: str
    lhs: CellKey
    rhs: CellKey
    title: str = ""  # see Total.title


@dataclass(frozen=True)
class LevelHint:
    """Soft rule: these cells are normally 0 for agencies below the given level."""

    rule: str
    cells: tuple[CellKey, ...]
    what: str  # e.g. "规章"
    title: str = ""  # see Total.title
    instead: str = ""  # the row such figures usually belong in (e.g. "行政规范性文件"), if any


@dataclass(frozen=True)
class LooksLike:
    """Soft rule: ``target`` (non-zero) equals Σ sign·term of this year's cells — the sign of a
    figure of the wrong kind typed in (e.g. an item count where a number of decisions belongs)."""

    rule: str
    target: CellKey
    terms: tuple[Term, ...]
    why: str
    title: str = ""  # see Total.title


@dataclass(frozen=True)
class Topic:
    """A sub-heading of a prose section: what to write about there (国办公开办函〔2021〕30号)."""

    name: str                    # “主动公开” — the outline's sub-heading and the warnings' word for it
    words: tuple[str, ...] = ()  # any one of them in the section's text shows the topic is covered
    hint: str = ""               # the outline's placeholder: what to write


@dataclass(frozen=True)
class Required:
    """Content a format version requires the prose of a section to mention."""

    id: str                    # stable: the anchor of its warning ("topics", "rectify", "fee", …)
    section: str               # "一" / "五" / "六"
    topics: tuple[Topic, ...]
    name: str                  # the requirement in short (rule title, reminders)
    why: str                   # the requirement as the warning quotes it
    governments_only: bool = False  # for a government's own report (…人民政府) only


@dataclass(frozen=True)
class Section:
    """One numbered part of the report (一 … 六), with the table shown under it if any."""

    key: str       # "一" … "六"
    heading: str   # "一、总体情况"
    table: str | None = None  # the table shown under this heading, if any


@dataclass(frozen=True)
class FormSpec:
    """One official version of the format: sections, tables, totals and rules."""

    version: str                  # "2019" / "2021"
    name: str                     # official name of the format document
    basis: str                    # the notice that issued it
    first_year: int               # first report year it applies to
    last_year: int | None         # last report year (None: still current)
    sections: tuple[Section, ...]
    tables: dict[str, TableSpec] = field(hash=False)
    totals: tuple[Total, ...]
    balances: tuple[Balance, ...]
    cross_year: tuple[CrossYear, ...]
    not_greater: tuple[NotGreater, ...]
    level_hints: tuple[LevelHint, ...]
    # Variants of section headings accepted when reading (never generated).
    heading_variants: dict[str, tuple[str, ...]] = field(hash=False, default_factory=dict)
    looks_like: tuple[LooksLike, ...] = ()
    # What the prose must mention (checked: prose.required), and the sub-headings a new report's
    # prose starts from, per section (the required topics among them).
    required: tuple[Required, ...] = ()
    outline: dict[str, tuple[Topic, ...]] = field(hash=False, default_factory=dict)

    def table(self, table_id: str) -> TableSpec:
        return self.tables[table_id]

    def table_tagged(self, tag: Tag) -> TableSpec:
        """The table that declares a row group or a cell tagged ``tag`` (KeyError when none does)."""
        for table in self.tables.values():
            if any(g.tag is tag for g in table.groups) or table.tagged(tag):
                return table
        raise KeyError(tag)

    def table_laid_out(self, layout: Layout) -> TableSpec:
        """The table laid out as ``layout`` (the blocks of 二, the rows of 三, the groups of 四)."""
        return next(t for t in self.tables.values() if t.layout is layout)

    @property
    def balanced_tables(self) -> tuple[str, ...]:
        """The tables whose figures must balance (三): where a clerk's errors mostly are."""
        return tuple(dict.fromkeys(b.table for b in self.balances))

    def all_cells(self) -> tuple[CellSpec, ...]:
        return tuple(self.cell_specs().values())

    def cell_specs(self) -> dict[CellKey, CellSpec]:
        """Every value cell by key, in reading order (built once per declaration)."""
        cached = self.__dict__.get("_cache_cell_specs")
        if cached is None:
            cached = {c.key: c for t in self.tables.values() for c in t.cells}
            object.__setattr__(self, "_cache_cell_specs", cached)
        return cached

    def input_keys(self) -> tuple[CellKey, ...]:
        return tuple(c.key for c in self.all_cells() if not c.computed)

    def computed_keys(self) -> tuple[CellKey, ...]:
        return tuple(c.key for c in self.all_cells() if c.computed)

    def has(self, key: CellKey) -> bool:
        return key in self.cell_specs()

    def cell(self, key: CellKey) -> CellSpec:
        return self.cell_specs()[key]

    def rules(self) -> tuple[Total | Balance | NotGreater | LevelHint | LooksLike | CrossYear, ...]:
        """Every rule declared, in a stable order (checks within a year, then across years)."""
        return (*self.totals, *self.balances, *self.not_greater, *self.level_hints, *self.looks_like,
                *self.cross_year)

    def rule_titles(self) -> dict[str, str]:
        """Rule id → what it checks, in words (``title`` of the rules declared with that id)."""
        cached = self.__dict__.get("_cache_rule_titles")
        if cached is None:
            cached = {}
            for rule in self.rules():
                if rule.title and rule.rule not in cached:
                    cached[rule.rule] = rule.title
            object.__setattr__(self, "_cache_rule_titles", cached)
        return dict(cached)  # a copy: a caller's change must not alter every later title

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def applies_to(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)


# ---------------------------------------------------------------------------------------------
# Correspondence between two versions (the data: forms/correspondence.py).


class Fidelity(str, Enum):
    """How faithfully a figure of one version becomes a figure of another."""

    SAME = "same"      # the same figure under another label: moved as it is
    SUMMED = "summed"  # several cells added into one: every total stays exact, the split is lost
    JUDGED = "judged"  # the closest cell of the other version: a judgment the clerk should check
    NONE = "none"      # no counterpart: the figure cannot be carried into the other version


@dataclass(frozen=True)
class Move:
    """Input cells of the source version → one input cell of the target (``None`` with
    ``Fidelity.NONE``).  ``why`` tells the clerk the reason; moves sharing it are reported together."""

    sources: tuple[CellKey, ...]
    target: CellKey | None
    fidelity: Fidelity
    why: str


@dataclass(frozen=True)
class VersionMap:
    """How the input figures of version ``source`` become figures of version ``target``.  A cell
    with the same key and kind in both is the same figure and is not listed; every other input
    cell of the source is a source of exactly one move."""

    source: str
    target: str
    moves: tuple[Move, ...]


# ---------------------------------------------------------------------------------------------
# Builders: compact shapes → explicit grids.


@dataclass(frozen=True)
class ValueColumn:
    """One number column of a table-二 block: its label and what kind of figure it holds."""

    label: str
    kind: Kind = Kind.COUNT
    stock: bool = False  # see CellSpec.stock
    unit_in_header: bool = False  # see CellSpec.unit_in_header
    tag: Tag | None = None  # see CellSpec.tag


@dataclass(frozen=True)
class Block:
    """A block of table 二: caption row, header row (`信息内容` + columns), data rows."""

    caption: str
    columns: tuple[ValueColumn, ...]
    rows: tuple[str, ...]


def build_table_2(row_header: str, blocks: tuple[Block, ...], value_cols: int = 3) -> TableSpec:
    """Table 二: 1 label column + ``value_cols`` value columns; a block with fewer value columns
    lets its last column span the remaining grid columns."""
    n_cols = 1 + value_cols
    grid: list[GridCell] = []
    cells: list[CellSpec] = []
    rows: list[str] = []
    cols: list[str] = []
    r = 0
    for block in blocks:
        grid.append(GridCell(r, 0, Role.CAPTION, block.caption, colspan=n_cols))
        r += 1
        grid.append(GridCell(r, 0, Role.HEADER, row_header))
        spans = _spans(len(block.columns), value_cols)
        c = 1
        for column, span in zip(block.columns, spans):
            grid.append(GridCell(r, c, Role.HEADER, column.label, colspan=span))
            if column.label not in cols:
                cols.append(column.label)
            c += span
        r += 1
        for label in block.rows:
            grid.append(GridCell(r, 0, Role.LABEL, label))
            rows.append(label)
            c = 1
            for column, span in zip(block.columns, spans):
                key = CellKey("二", label, column.label)
                grid.append(GridCell(r, c, Role.INPUT, colspan=span, key=key))
                cells.append(CellSpec(key, column.kind, stock=column.stock,
                                      unit_in_header=column.unit_in_header, tag=column.tag))
                c += span
            r += 1
    return TableSpec("二", r, n_cols, 0, tuple(grid), tuple(cells), tuple(rows), tuple(cols))


def _spans(n: int, width: int) -> list[int]:
    spans = [1] * n
    spans[-1] += width - n
    return spans


@dataclass(frozen=True)
class Leaf:
    """A data row of table 三.  ``group`` is the vertical group label in column 2 (e.g.
    `（三）不予公开`), ``outer`` the one in column 1 (`三、本年度办理结果`)."""

    label: str
    outer: str | None = None
    group: str | None = None
    total: bool = False  # the （七）总计 row
    tag: Tag | None = None  # of the row, or of its group (every leaf of a group has the group's)


@dataclass(frozen=True)
class ApplicantHeader:
    """The header labels of table 三 (the applicant columns)."""

    note: str
    applicant: str          # 申请人情况
    natural: str            # 自然人
    legal: str              # 法人或其他组织
    legal_kinds: tuple[str, ...]
    total: str              # 总计


def build_table_3(header: ApplicantHeader, leaves: tuple[Leaf, ...]) -> tuple[TableSpec, list[Total]]:
    """Table 三: 3 label columns + 7 number columns, 3 header rows."""
    value_cols = (header.natural, *header.legal_kinds, header.total)
    first = 3
    grid = _table_3_header(header, value_cols)
    cells: list[CellSpec] = []
    for name, start, length in _runs(leaves, "outer"):
        grid.append(GridCell(first + start, 0, Role.LABEL, name, rowspan=length))
    for name, start, length in _runs(leaves, "group"):
        grid.append(GridCell(first + start, 1, Role.LABEL, name, rowspan=length))
    for i, leaf in enumerate(leaves):
        start_col = 2 if leaf.group else (1 if leaf.outer else 0)
        grid.append(GridCell(first + i, start_col, Role.LABEL, leaf.label, colspan=3 - start_col))
        for j, col in enumerate(value_cols):
            key = CellKey("三", leaf.label, col)
            computed = leaf.total or col == header.total
            grid.append(GridCell(first + i, 3 + j, Role.COMPUTED if computed else Role.INPUT, key=key))
            cells.append(CellSpec(key, Kind.COUNT, computed))
    table = TableSpec("三", first + len(leaves), 3 + len(value_cols), 3, tuple(grid), tuple(cells),
                      tuple(leaf.label for leaf in leaves), value_cols, _table_3_groups(leaves), header.total,
                      Layout.ROWS)
    return table, _table_3_totals(header, leaves, value_cols)


def _table_3_header(header: ApplicantHeader, value_cols: tuple[str, ...]) -> list[GridCell]:
    """The note over the label columns and the three rows of applicant headers."""
    grid = [
        GridCell(0, 0, Role.NOTE, header.note, rowspan=3, colspan=3),
        GridCell(0, 3, Role.HEADER, header.applicant, colspan=len(value_cols)),
        GridCell(1, 3, Role.HEADER, header.natural, rowspan=2),
        GridCell(1, 4, Role.HEADER, header.legal, colspan=len(header.legal_kinds)),
        GridCell(1, 3 + len(value_cols) - 1, Role.HEADER, header.total, rowspan=2),
    ]
    grid += [GridCell(2, 4 + i, Role.HEADER, kind) for i, kind in enumerate(header.legal_kinds)]
    return grid


def _runs(leaves: tuple[Leaf, ...], attr: str) -> list[tuple[str, int, int]]:
    """The merged label cells of a label column: (name, first leaf, number of leaves)."""
    out: list[tuple[str, int, int]] = []
    for i, leaf in enumerate(leaves):
        name = getattr(leaf, attr)
        if name is None:
            continue
        if out and out[-1][0] == name and out[-1][1] + out[-1][2] == i:
            out[-1] = (name, out[-1][1], out[-1][2] + 1)
        else:
            out.append((name, i, 1))
    return out


def _table_3_totals(header: ApplicantHeader, leaves: tuple[Leaf, ...], value_cols: tuple[str, ...]) -> list[Total]:
    """Row totals for every row but （七）总计, then the （七）总计 row over the result leaves
    (its 总计 cell sums the leaves' 总计 cells, which are computed first)."""
    total_row = next(leaf.label for leaf in leaves if leaf.total)
    result_leaves = [leaf.label for leaf in leaves if leaf.outer and not leaf.total]
    totals = [Total("三.row_total", CellKey("三", leaf.label, header.total),
                    tuple(CellKey("三", leaf.label, c) for c in value_cols[:-1]),
                    title=f"表三每行“{header.total}”等于各类申请人之和（与文件所列合计核对）")
              for leaf in leaves if not leaf.total]
    totals += [Total("三.result_total", CellKey("三", total_row, col),
                     tuple(CellKey("三", r, col) for r in result_leaves),
                     title=f"表三“{total_row}”等于各项办理结果之和（与文件所列合计核对）") for col in value_cols]
    return totals


def _table_3_groups(leaves: tuple[Leaf, ...]) -> tuple[RowGroup, ...]:
    """The tagged rows, consecutive leaves of one tag making one group."""
    groups: list[RowGroup] = []
    for leaf in leaves:
        if leaf.tag is None:
            continue
        if groups and groups[-1].tag is leaf.tag:
            groups[-1] = replace(groups[-1], rows=(*groups[-1].rows, leaf.label))
        else:
            groups.append(RowGroup(leaf.tag, leaf.group or leaf.label, (leaf.label,),
                                   outcome=leaf.outer is not None and not leaf.total))
    return tuple(groups)


@dataclass(frozen=True)
class ReviewGroup:
    """One column group of table 四 (行政复议, or a kind of 行政诉讼)."""

    label: str             # 行政复议 / 未经复议直接起诉 / 复议后起诉
    parent: str | None     # 行政诉讼 for the two litigation groups
    tag: Tag | None = None  # of the group, or of its parent (行政诉讼) when it has one


def build_table_4(groups: tuple[ReviewGroup, ...], outcomes: tuple[str, ...], total: str
                  ) -> tuple[TableSpec, list[Total]]:
    """Table 四: one number row under a three-level header; no row-label column."""
    width = len(outcomes) + 1
    cols = (*outcomes, total)
    grid: list[GridCell] = []
    cells: list[CellSpec] = []
    totals: list[Total] = []
    c = 0
    parents_done: set[str] = set()
    for group in groups:
        if group.parent is None:
            grid.append(GridCell(0, c, Role.HEADER, group.label, colspan=width))
            for j, col in enumerate(cols):
                grid.append(GridCell(1, c + j, Role.HEADER, col, rowspan=2))
        else:
            if group.parent not in parents_done:
                siblings = [g for g in groups if g.parent == group.parent]
                grid.append(GridCell(0, c, Role.HEADER, group.parent, colspan=width * len(siblings)))
                parents_done.add(group.parent)
            grid.append(GridCell(1, c, Role.HEADER, group.label, colspan=width))
            for j, col in enumerate(cols):
                grid.append(GridCell(2, c + j, Role.HEADER, col))
        for j, col in enumerate(cols):
            key = CellKey("四", group.label, col)
            computed = col == total
            grid.append(GridCell(3, c + j, Role.COMPUTED if computed else Role.INPUT, key=key))
            cells.append(CellSpec(key, Kind.COUNT, computed))
        totals.append(Total("四.total", CellKey("四", group.label, total),
                            tuple(CellKey("四", group.label, o) for o in outcomes),
                            title=f"表四每组“{total}”等于{'、'.join(outcomes)}之和（与文件所列合计核对）"))
        c += width
    tagged: list[RowGroup] = []
    for group in groups:
        if group.tag is None:
            continue
        if tagged and tagged[-1].tag is group.tag:
            tagged[-1] = replace(tagged[-1], rows=(*tagged[-1].rows, group.label))
        else:
            tagged.append(RowGroup(group.tag, group.parent or group.label, (group.label,)))
    table = TableSpec("四", 4, c, 3, tuple(grid), tuple(cells), tuple(g.label for g in groups), cols,
                      tuple(tagged), total, Layout.COLUMN_GROUPS)
    return table, totals
