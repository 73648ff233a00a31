"""The tables of a published report, read like sheets.

Each table of the file (a ``blocks.Grid``) becomes a ``PublishedTable`` — a ``SheetGrid`` whose
merged cells hold their text in the top-left slot, as openpyxl reads an Excel merge; a table
split at a page break is joined again — and ``table_locate`` finds the value cells by their
labels through ``labels.LabelIndex``, exactly as in a workbook: the same label variants, the
same layouts, the same version recognition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...core.forms import CellKey, FormSpec, Kind
from ...core.values import BLANK_MARKS, ValueProblem, format_value, normalise_text, parse_value, with_header_unit
from ..locate.labels import MAX_LABEL_CHARS
from ..locate.sheet_grid import MAX_COLS, MAX_ROWS, SheetGrid
from ..locate.table_locate import Located, Placement, label_index, locate
from ..notes import Note
from .blocks import Grid, clean, one_line


class PublishedTable(SheetGrid):
    """A published table (Word, web page, PDF) as a sheet for ``table_locate``: each merged cell's text in its top-left
    slot, the slots it covers empty — as openpyxl reads an Excel merge.  Cells are named for
    the clerk by table, row and column (``第2个表格第5行第3列``), not as spreadsheet cells."""

    def __init__(self, number: int, grid: Grid):
        super().__init__(f"第{number}个表格")
        self.width = grid.width                 # grid columns
        self.table_rows = grid.n_rows           # rows, the empty ones included
        self.parts: list[tuple[int, int]] = [(0, number)]   # (first row, table number), when joined
        self.truncated = grid.truncated
        for cell in grid.cells:
            if cell.text.strip():
                self.cells[(cell.row, cell.col)] = cell.text
            if cell.colspan > 1 or cell.rowspan > 1:   # the logical grid: a merged cell is one cell
                self.add_merge(cell.row, cell.col, cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1)

    def ref(self, row: int, col: int) -> str:
        first, number = next(p for p in reversed(self.parts) if p[0] <= row)
        return f"第{number}个表格第{row - first + 1}行第{col + 1}列"

    def area(self, top: int, left: int, bottom: int, right: int) -> str:
        first, number = next(p for p in reversed(self.parts) if p[0] <= top)
        last, last_number = next(p for p in reversed(self.parts) if p[0] <= bottom)
        if number == last_number:
            return f"第{number}个表格第{top - first + 1}至{bottom - first + 1}行"
        return f"第{number}个表格第{top - first + 1}行至第{last_number}个表格第{bottom - last + 1}行"

    def append(self, other: PublishedTable) -> None:
        """``other`` continues this table (split at a page break): its rows follow ours."""
        offset = self.table_rows
        self.parts.extend((offset + first, number) for first, number in other.parts)
        for (r, c), value in other.cells.items():
            self.cells[(offset + r, c)] = value
        for top, left, bottom, right in other.merges:
            self.add_merge(offset + top, left, offset + bottom, right)
        self.table_rows += other.table_rows
        self.truncated = self.truncated or other.truncated


def published_tables(grids: list[Grid]) -> list[PublishedTable]:
    """The document's tables as sheets, numbered in document order, a split table joined when
    both parts have the same number of grid columns: a table with row labels of a report table
    but none of the column headers of any format (column labels in its first, label column do
    not count: ``总计`` / ``其他`` are row labels too), or a table holding only figures after a
    table that ends in header rows (a PDF converted to Word often splits there), or a table
    with figures and column headers but no row labels after one of header rows only, is
    appended to the table before it."""
    out: list[PublishedTable] = []
    for number, grid in enumerate(grids, 1):
        sheet = PublishedTable(number, grid)
        found = {pos: {u.what for u in label_index().lookup(text)} for pos, text in sheet.text_cells()
                 if len(text) <= MAX_LABEL_CHARS * 2}
        label_column = max((c for (_, c), w in found.items() if w & {"row", "group"}), default=-1)
        first_figure: dict[int, int] = {}
        for (r, c), text in sheet.text_cells():
            if looks_numeric(text) and c < first_figure.get(r, c + 1):
                first_figure[r] = c
        whats: set[str] = set()
        for (r, c), w in found.items():
            if "col" in w and (c <= label_column or c < first_figure.get(r, -1)):
                w = w - {"col"}      # 总计 / 其他 written as a row label
            whats |= w
        joins = out and out[-1].width == sheet.width and out[-1].table_rows + sheet.table_rows <= MAX_ROWS and (
            ("row" in whats and "col" not in whats) or (_ends_in_headers(out[-1]) and (
                _figures_only(sheet) or ("row" not in whats and _has_figures(sheet) and not _has_figures(out[-1])))))
        if joins:
            out[-1].append(sheet)
        else:
            out.append(sheet)
    return out




def _figures_only(sheet: SheetGrid) -> bool:
    """Every text cell of ``sheet`` is a figure (or a dash), and there is at least one figure."""
    texts = [normalise_text(t) for _, t in sheet.text_cells()]
    return any(looks_numeric(t) for t in texts) and all(looks_numeric(t) or t in BLANK_MARKS for t in texts)


def _has_figures(sheet: SheetGrid) -> bool:
    return any(looks_numeric(t) for _, t in sheet.text_cells())


def _ends_in_headers(sheet: SheetGrid) -> bool:
    """The last row of ``sheet`` that has text holds column headers of a report table and no figure."""
    cells = list(sheet.text_cells())
    if not cells:
        return False
    last = max(r for (r, _), _ in cells)
    texts = [t for (r, _), t in cells if r == last]
    return not any(looks_numeric(t) for t in texts) and any(
        u.what == "col" for t in texts if len(t) <= MAX_LABEL_CHARS * 2 for u in label_index().lookup(t))


def has_report_labels(grid: Grid) -> bool:
    """A cell of ``grid`` holds a row or column label of a report table (of any version)."""
    return any(len(cell.text) <= MAX_LABEL_CHARS * 2 and any(u.what in ("row", "col", "group") for u in
                                                            label_index().lookup(cell.text))
               for cell in grid.cells if cell.text.strip())


_CJK = re.compile(r"[\u4e00-\u9fff]")


def text_table(grid: Grid) -> bool:
    """A table that holds text, not figures: all its text in one column (a heading or a 落款 set
    in a box or a borderless table, the organ and date in the right-hand cells), no label of a
    report table or caption in it."""
    filled = [cell for cell in grid.cells if cell.text.strip()]
    return bool(filled) and len({cell.col for cell in filled}) == 1 and any(_CJK.search(cell.text) for cell in filled) \
        and not has_report_labels(grid) and not any(is_table_caption(clean(cell.text)) for cell in filled)


def is_table_caption(text: str) -> bool:
    """``text`` is a caption of a report table (``第二十条第（一）项``): set above its table, it is
    the table's, not prose."""
    return len(text) <= MAX_LABEL_CHARS and any(u.what == "caption" for u in label_index().lookup(text))


@dataclass
class TablesRead:
    """What ``read_tables`` found: the located cells and their figures."""

    located: Located | None
    sheets: list[PublishedTable] = field(default_factory=list)
    values: dict[CellKey, object] = field(default_factory=dict)   # every located cell (None: blank)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)              # cells that hold no number


def read_tables(grids: list[Grid], year: int | None = None, form: FormSpec | None = None) -> TablesRead:
    """Locate the tables of ``form`` (or of the version the labels show; ties: ``year``) in the
    published tables ``grids`` and read their figures."""
    sheets = published_tables(grids)
    located = locate(sheets, year=year or None, form=form)
    read = TablesRead(located, sheets)
    for sheet in sheets:
        if sheet.truncated:
            read.notes.append(Note(f"{sheet.name}很大（或其合并单元格的列数不合理），只读取了开头部分（至多 {MAX_ROWS} 行、"
                                   f"{MAX_COLS} 列）。如年报数字不在开头部分，请删除表格中多余的行列后再导入。"))
    if located is None:
        return read
    for key, placement in located.placements.items():
        spec = located.form.cell(key)
        where = key.name()
        ok, value = _read_value(placement, spec.kind, where, read.notes, read.problems)
        if ok:
            read.values[key] = value
    used = {id(p.sheet) for p in located.placements.values()}
    for sheet in sheets:
        if id(sheet) not in used and _figures_only(sheet):
            read.notes.append(Note(f"{sheet.name}只有数字、没有行列标签，未读取。如它是上一个表格的续表，"
                                   "请在 Word 中把两个表格合并（或补上表头）后再导入。", "unplaced"))
    for table_id in located.tables_found:
        keys = [k for k in located.placements if k.table == table_id]
        if keys and all(read.values.get(k) is None and k in read.values for k in keys):
            read.notes.append(Note(f"找到了表{table_id}的标签，但其中的单元格全部是空白。如数字在另一个表格里"
                                   "（例如表格被分成了表头和数字两部分），请在 Word 中把表格合并后再导入。", "unplaced"))
    return read


@dataclass(frozen=True)
class TableNote:
    """A note printed in a report table under its figures (``注：……``): the table's, not a label."""

    table_id: str
    ref: str        # where it is (第3个表格第28行第1列)
    text: str


def _cells_left(read: TablesRead):
    """(sheet, its table's id, row, column, text) of every text cell of a published table holding
    report figures that no figure was read from and that is no label of the format read."""
    located = read.located
    if located is None:
        return
    version = located.form.version
    noted = {str(n).split("：", 1)[0] for n in located.unplaced}
    for sheet in read.sheets:
        mine = [p for p in located.placements.values() if p.sheet is sheet]
        if not mine:
            continue
        tables = [p.key.table for p in mine]
        table_id = max(set(tables), key=tables.count)
        placed = {(p.row, p.col) for p in mine}
        for (r, c), text in sorted(sheet.text_cells()):
            if (r, c) in placed or sheet.ref(r, c) in noted or looks_numeric(text) or (id(sheet), r, c) in located.explained:
                continue
            if not any(u.version == version for u in label_index().lookup(text)):
                yield sheet, table_id, r, c, text


def table_notes(read: TablesRead) -> list[TableNote]:
    """The notes printed in the report tables under their figures (``table_note``)."""
    return [TableNote(table_id, sheet.ref(r, c), clean(text)) for sheet, table_id, r, c, text in _cells_left(read)
            if table_note(sheet, r, c)]


def unknown_labels(read: TablesRead, limit: int = 10) -> list[str]:
    """Text in a published table holding report figures that is no label of the format read (nor a
    figure, nor a note under the figures: ``table_notes``): anywhere in the table, not only beside
    figures (what ``table_locate`` notes)."""
    version = read.located.form.version if read.located is not None else ""
    out: list[str] = []
    for sheet, table_id, r, c, text in _cells_left(read):
        if table_note(sheet, r, c):
            continue
        if len(out) < limit:
            out.append(Note(f"{sheet.ref(r, c)}：表{table_id}中的“{one_line(text)}”不是{version}版格式的标签，已忽略；"
                            "如它是一行数字的名称，请改为官方格式中的文字后重新导入。", "unplaced"))
    return out


def table_note(sheet: SheetGrid, row: int, col: int) -> bool:
    """The text at (``row``, ``col``) is a note under a table's figures (``注：……。``): a sentence or a
    labelled remark alone in its row, no figure in that row or any row below it."""
    text = normalise_text(str(sheet.cells.get((row, col), "")))
    if not text or not (text.endswith("。") or ":" in text[:6]):
        return False
    below = [(r, value) for (r, c), value in sheet.text_cells() if r >= row and (r, c) != (row, col)]
    return all(r > row and not looks_numeric(value) for r, value in below)


def looks_numeric(text: str) -> bool:
    t = normalise_text(text)
    return bool(t) and (t[0].isdigit() or t[0] in "+-.") and any(ch.isdigit() for ch in t) and len(t) < 24 \


def _read_value(p: Placement, kind: Kind, where: str, notes: list[str], problems: list[str]) -> tuple[bool, object]:
    """The figure of a located cell: (True, value or None for blank), or (False, None) when the
    cell holds no number (described in ``problems``).  Money under a header in 元 / 亿元 is
    converted to 万元."""
    raw = p.raw
    if raw is None:
        return True, None
    original = str(raw)
    text = with_header_unit(original, p.unit) if kind is Kind.MONEY else original
    try:
        parsed = parse_value(text, kind)
    except ValueProblem as exc:
        problems.append(f"{where}：{exc}")
        return False, None
    if text != original and parsed.value is not None:
        notes.append(Note(f"{where}：表头单位为{p.unit}，“{clean(original)}”按"
                          f"{format_value(parsed.value)}万元读取", "conversion"))
    elif parsed.note and not _plain_wan(text, kind):
        notes.append(Note(f"{where}：{parsed.note}", "conversion"))
    return True, parsed.value


def _plain_wan(text: str, kind: Kind) -> bool:
    """Money written as ``2009.54万元`` (the stored unit): nothing was interpreted."""
    t = normalise_text(text)
    if kind is not Kind.MONEY or not t.endswith("万元"):
        return False
    try:
        return parse_value(t[:-2], kind).note is None
    except ValueProblem:
        return False
