"""Builders: the compact shapes of the official tables → explicit grids.

A version module lists labels only — the blocks of table 二 (``Block`` of ``ValueColumn``s), the row
tree of table 三 (``Leaf``s under an ``ApplicantHeader``), the column groups of table 四
(``ReviewGroup``s) — and these builders lay them out as ``TableSpec``s (merged label cells, header
cells, the positions of the value cells) with the totals the layout implies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..records import record
from .spec import CellKey, CellSpec, GridCell, Kind, Layout, Role, RowGroup, TableSpec, Tag, Total


@record
class ValueColumn:
    """One number column of a table-二 block: its label and what kind of figure it holds."""

    label: str
    kind: Kind = Kind.COUNT
    stock: bool = False  # see CellSpec.stock
    unit_in_header: bool = False  # see CellSpec.unit_in_header
    tag: Tag | None = None  # see CellSpec.tag


@record
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


@record
class Leaf:
    """A data row of table 三.  ``group`` is the vertical group label in column 2 (e.g.
    `（三）不予公开`), ``outer`` the one in column 1 (`三、本年度办理结果`)."""

    label: str
    outer: str | None = None
    group: str | None = None
    total: bool = False  # the （七）总计 row
    tag: Tag | None = None  # of the row, or of its group (every leaf of a group has the group's)


@record
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
    return _merge_tagged(RowGroup(leaf.tag, leaf.group or leaf.label, (leaf.label,),
                                  outcome=leaf.outer is not None and not leaf.total)
                         for leaf in leaves if leaf.tag is not None)


def _merge_tagged(singles: Iterable[RowGroup]) -> tuple[RowGroup, ...]:
    """Consecutive rows of one tag make one group (with the first one's label and outcome)."""
    groups: list[RowGroup] = []
    for one in singles:
        if groups and groups[-1].tag is one.tag:
            groups[-1] = replace(groups[-1], rows=(*groups[-1].rows, *one.rows))
        else:
            groups.append(one)
    return tuple(groups)


@record
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
    tagged = _merge_tagged(RowGroup(group.tag, group.parent or group.label, (group.label,))
                           for group in groups if group.tag is not None)
    table = TableSpec("四", 4, c, 3, tuple(grid), tuple(cells), tuple(g.label for g in groups), cols,
                      tagged, total, Layout.COLUMN_GROUPS)
    return table, totals
