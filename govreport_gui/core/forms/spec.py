"""The vocabulary in which an official format version is declared.

A format version (``FormSpec``) is plain, frozen data: its sections, its three tables (each with
its grid layout: merged label cells, header cells and the positions of the value cells), which
cells are inputs and which are totals, and its rules.  Everything else — the editor's grids, the
checks, the Excel and Word readers and writers, the report JSON — is driven by this data.

The builders (``builders.py``) turn the compact shapes of the official tables (blocks of 二, the row
tree of 三, the three groups of 四) into explicit layouts, so a version module only lists labels.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .ledger_words import LedgerWords

from ..records import record


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

    def row_name(self) -> str:
        """The row of this cell, as messages name it: ``表二“规章”``."""
        return f"表{self.table}“{self.row}”"


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


@record
class GridCell:
    """One cell of a table's grid, top-left at (row, col), spanning rowspan × colspan."""

    row: int
    col: int
    role: Role
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    key: CellKey | None = None  # for INPUT / COMPUTED cells


@record
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


@record
class RowGroup:
    """Leaf rows that make one figure together (（三）不予公开 = its 8 leaves; 行政诉讼 = its two
    groups); a row that stands alone is a group of one.  ``outcome``: one of 三's results."""

    tag: Tag
    label: str               # the group's label, or the row's own
    rows: tuple[str, ...]
    outcome: bool = False


@record
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


@record
class Total:
    """``target`` is recomputed as the sum of ``addends`` (rule id for a printed mismatch)."""

    rule: str
    target: CellKey
    addends: tuple[CellKey, ...]
    title: str = ""  # what the rule checks, for the check report (shared by every rule of that id)


@record
class Balance:
    """Hard rule: sum(lhs) == sum(rhs).  ``name`` describes the scope (e.g. the column)."""

    rule: str
    table: str
    scope: str                       # "“自然人”列"
    lhs: tuple[tuple[str, CellKey], ...]  # (short name shown in the message, cell)
    rhs: tuple[tuple[str, CellKey], ...]
    title: str = ""  # see Total.title


@record
class Term:
    """One signed cell of a cross-year rule, in this year's or last year's report."""

    sign: int          # +1 / -1
    year: str          # "this" or "prev"
    key: CellKey


@record
class CrossYear:
    """Soft rule across years: target (this year) == Σ sign·term.

    When every term is from last year's report the rule also *carries* the figure into a new
    report (carry-over is this rule read forwards)."""

    rule: str
    target: CellKey
    terms: tuple[Term, ...]
    why: str  # short Chinese description of the relation, for messages
    title: str = ""  # see Total.title
    reasons: tuple[str, ...] = ()  # usual reasons for accepting its warning (offered by core.rules)


@record
class NotGreater:
    """Soft rule: lhs ≤ rhs."""

    rule: str
    lhs: CellKey
    rhs: CellKey
    title: str = ""  # see Total.title


@record
class LevelHint:
    """Soft rule: these cells are normally 0 for agencies below the given level."""

    rule: str
    cells: tuple[CellKey, ...]
    what: str  # e.g. "规章"
    title: str = ""  # see Total.title
    instead: str = ""  # the row such figures usually belong in (e.g. "行政规范性文件"), if any


@record
class LooksLike:
    """Soft rule: ``target`` (non-zero) equals Σ sign·term of this year's cells — the sign of a
    figure of the wrong kind typed in (e.g. an item count where a number of decisions belongs)."""

    rule: str
    target: CellKey
    terms: tuple[Term, ...]
    why: str
    title: str = ""  # see Total.title


@record
class Topic:
    """A sub-heading of a prose section: what to write about there (国办公开办函〔2021〕30号)."""

    name: str                    # “主动公开” — the outline's sub-heading and the warnings' word for it
    words: tuple[str, ...] = ()  # any one of them in the section's text shows the topic is covered
    hint: str = ""               # the outline's placeholder: what to write


@record
class Required:
    """Content a format version requires the prose of a section to mention."""

    id: str                    # stable: the anchor of its warning ("topics", "rectify", "fee", …)
    section: str               # "一" / "五" / "六"
    topics: tuple[Topic, ...]
    name: str                  # the requirement in short (rule title, reminders)
    why: str                   # the requirement as the warning quotes it
    governments_only: bool = False  # for a government's own report (…人民政府) only


@record
class Section:
    """One numbered part of the report (一 … 六), with the table shown under it if any."""

    key: str       # "一" … "六"
    heading: str   # "一、总体情况"
    table: str | None = None  # the table shown under this heading, if any


@record
class FormVersion:
    """What names an official version and when it applies, known before its tables are built (a
    version's declaration is built when first asked for: ``forms.FORMS``)."""

    version: str                  # "2019" / "2021"
    name: str                     # official name of the format document
    basis: str                    # the notice that issued it
    first_year: int               # first report year it applies to
    last_year: int | None         # last report year (None: still current)
    sections: tuple[Section, ...]

    def applies_to(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)


@record
class FormSpec:
    """One official version of the format: what names it (``about``), its tables, totals and rules."""

    about: FormVersion
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
    # The words of an agency's ledgers (依申请公开登记台账, 复议诉讼案件) that tables 三 and 四 count:
    # made by ``ledger_of`` when first asked for (``ledger``), since the editor starts without them.
    ledger_of: Callable[[], LedgerWords] | None = field(default=None, compare=False, hash=False, repr=False)

    @cached_property
    def ledger(self) -> LedgerWords | None:
        """The words of an agency's ledgers for this version (None when it declares none)."""
        return None if self.ledger_of is None else self.ledger_of()

    def __hash__(self) -> int:
        """Declarations are cache keys (``lru_cache`` over a form): hashed by what names them, not
        by their thousands of cells each time (equal declarations have equal names, so equality
        and hashing still agree)."""
        return hash((self.version, self.name, self.first_year))

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
        return self.about.applies_to(year)

    # what names the version, as ``about`` says it
    version = property(lambda self: self.about.version)
    name = property(lambda self: self.about.name)
    basis = property(lambda self: self.about.basis)
    first_year = property(lambda self: self.about.first_year)
    last_year = property(lambda self: self.about.last_year)
    sections = property(lambda self: self.about.sections)


# ---------------------------------------------------------------------------------------------
# Correspondence between two versions (the data: forms/correspondence.py).


class Fidelity(str, Enum):
    """How faithfully a figure of one version becomes a figure of another."""

    SAME = "same"      # the same figure under another label: moved as it is
    SUMMED = "summed"  # several cells added into one: every total stays exact, the split is lost
    JUDGED = "judged"  # the closest cell of the other version: a judgment the clerk should check
    NONE = "none"      # no counterpart: the figure cannot be carried into the other version


@record
class Move:
    """Input cells of the source version → one input cell of the target (``None`` with
    ``Fidelity.NONE``).  ``why`` tells the clerk the reason; moves sharing it are reported together."""

    sources: tuple[CellKey, ...]
    target: CellKey | None
    fidelity: Fidelity
    why: str


@record
class VersionMap:
    """How the input figures of version ``source`` become figures of version ``target``.  A cell
    with the same key and kind in both is the same figure and is not listed; every other input
    cell of the source is a source of exactly one move."""

    source: str
    target: str
    moves: tuple[Move, ...]
