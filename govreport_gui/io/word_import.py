"""Reading a published Word report (.docx from Word or WPS, 2019 or 2021 format).

The document is walked in order: the title (agency and year, ``report_title``), an optional
preamble, the six section headings (``heading_key`` accepts the declared variants, ``1、``
numbering from Word's auto-numbering and a heading without its numeral), the prose of each
section, the tables and the signature after 六.

Tables are read exactly as the Excel reader reads sheets: each Word table becomes a
``SheetGrid`` (its ``gridSpan`` / ``vMerge`` merges resolved, a merged cell's text in its top-left
slot like an Excel merge; a table the clerk split at a page break is joined again), and
``table_locate`` finds the value cells by their labels through ``labels.LabelIndex`` — the same
label variants (no numbering, spaces, full-width, 新收到, units in headers), the same layouts and
the same version recognition.  Printed totals go to ``report.printed`` (the checks compare them
with recomputed ones).

Hostile files: ``zip_safety.check_package`` (the same checks and limits as for workbooks) runs
before python-docx sees the package.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import ReadError, cannot_read
from ..core.forms import FORMS, CellKey, FormSpec, Kind, form_for_year, newest_form
from ..core.report import Metadata, Report
from ..core.values import BLANK_MARKS, ValueProblem, format_value, normalise_text, parse_value, with_header_unit
from .labels import MAX_LABEL_CHARS, canonical_label, heading_key
from .notes import Note
from .registry import ImportResult
from .report_title import parse_title, period_year
from .sheet_grid import MAX_CELLS, MAX_COLS, MAX_ROWS, SheetGrid
from .table_locate import Located, Placement, label_index, locate
from .zip_safety import WORD, check_package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DATE_RE = re.compile(r"^(?:19|20)\d{2}年\d{1,2}月\d{1,2}日$")
#: Word allows at most 63 columns in a table; a larger ``gridSpan`` / ``gridBefore`` is damage
#: (or a hostile file) and is read as 63.  Rows and grid slots per table are bounded like a sheet's.
MAX_SPAN = 63
_DATE_CN_RE = re.compile(r"^[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$")


# ---------------------------------------------------------------------------------------------
# The package: guard, then open


def open_docx_bytes(data: bytes, name: str):
    """A python-docx ``Document`` of ``data`` after the zip-bomb and XML-entity guards."""
    import docx

    check_package(data, name, WORD)
    data = _as_plain_document(data)
    try:
        return docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ReadError(f"“{name}”不是完整的 Word 文档（{type(exc).__name__}），无法读取。"
                        "请用 Word/WPS 打开后另存为 .docx 再试。") from None
    except Exception as exc:  # lxml XMLSyntaxError and other parse errors
        if type(exc).__name__ in ("XMLSyntaxError", "PackageNotFoundError"):
            raise ReadError(f"“{name}”内容已损坏（XML 结构错误），无法读取。请用 Word/WPS 打开后另存一份再试。") from None
        raise


_MAIN_DOCUMENT = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OTHER_MAINS = (b"application/vnd.ms-word.document.macroEnabled.main+xml",
                b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
                b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml")


def _as_plain_document(data: bytes) -> bytes:
    """A .docm / .dotx / .dotm package relabelled as a plain document, so python-docx opens it
    (only its text and tables are read; macros are never run)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml")
        if not any(t in types for t in _OTHER_MAINS):
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in archive.infolist():
                part = archive.read(info)
                if info.filename == "[Content_Types].xml":
                    for t in _OTHER_MAINS:
                        part = part.replace(t, _MAIN_DOCUMENT)
                copy.writestr(info, part)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# Tables: the logical grid of a w:tbl, then a sheet


@dataclass(eq=False)
class DCell:
    """One (merged) cell of a Word table: top-left (row, col) in the logical grid and its span."""

    row: int
    col: int
    colspan: int
    text: str
    rowspan: int = 1


@dataclass
class Grid:
    """A Word table's logical grid: every merged cell once, and which cell covers each slot."""

    cells: list[DCell]
    occ: list[dict[int, DCell]]  # row -> {grid column -> cell}
    truncated: bool = False      # rows or columns beyond MAX_ROWS / MAX_COLS / MAX_CELLS not read

    @property
    def n_rows(self) -> int:
        return len(self.occ)

    @property
    def width(self) -> int:
        return max((max(row) + 1 for row in self.occ if row), default=0)

    def at(self, row: int, col: int) -> DCell | None:
        if 0 <= row < len(self.occ):
            return self.occ[row].get(col)
        return None


def cell_text(tc) -> str:
    """Text of a ``w:tc``: its paragraphs joined with line breaks (nested tables included)."""
    parts = []
    for p in tc.iter(f"{W}p"):
        buf = []
        for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
            buf.append(el.text or "" if el.tag == f"{W}t" else ("\t" if el.tag == f"{W}tab" else "\n"))
        parts.append("".join(buf))
    return "\n".join(parts)


def table_grid(tbl) -> Grid:
    """Resolve ``gridBefore``, ``gridSpan`` and ``vMerge`` of a ``w:tbl`` into a logical grid in
    which each merged cell is one ``DCell`` (python-docx would repeat it in every grid slot)."""
    cells: list[DCell] = []
    occ: list[dict[int, DCell]] = []
    slots = 0
    truncated = False
    for r, tr in enumerate(tbl.iterchildren(f"{W}tr")):
        if r >= MAX_ROWS or slots > MAX_CELLS:
            truncated = True
            break
        row: dict[int, DCell] = {}
        col = 0
        before = tr.find(f"{W}trPr/{W}gridBefore")
        if before is not None:
            col = max(0, _int_attr(before, 0))
            if col > MAX_SPAN:
                col, truncated = MAX_SPAN, True
        for tc in tr.iterchildren(f"{W}tc", f"{W}sdt"):
            for real_tc in ([tc] if tc.tag == f"{W}tc" else tc.iter(f"{W}tc")):
                if col >= MAX_COLS:
                    truncated = True
                    break
                tcpr = real_tc.find(f"{W}tcPr")
                span = 1
                merge = None
                if tcpr is not None:
                    gs = tcpr.find(f"{W}gridSpan")
                    if gs is not None:
                        span = max(1, _int_attr(gs, 1))
                        if span > MAX_SPAN:
                            span, truncated = MAX_SPAN, True
                    vm = tcpr.find(f"{W}vMerge")
                    if vm is not None:
                        merge = vm.get(f"{W}val") or "continue"
                span = min(span, MAX_COLS - col)
                above = occ[r - 1].get(col) if r > 0 else None
                if merge == "continue" and above is not None and above.col == col:
                    above.rowspan = r - above.row + 1
                    for c in range(col, min(col + above.colspan, MAX_COLS)):
                        row[c] = above
                    col += max(span, above.colspan)
                    continue
                cell = DCell(r, col, span, cell_text(real_tc))
                cells.append(cell)
                for c in range(col, col + span):
                    row[c] = cell
                col += span
        slots += len(row)
        occ.append(row)
    return Grid(cells, occ, truncated)


def _int_attr(el, default: int) -> int:
    try:
        return int(el.get(f"{W}val"))
    except (TypeError, ValueError):
        return default


class WordTable(SheetGrid):
    """A Word table as a sheet for ``table_locate``: each merged cell's text in its top-left
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

    def append(self, other: WordTable) -> None:
        """``other`` continues this table (split at a page break): its rows follow ours."""
        offset = self.table_rows
        self.parts.extend((offset + first, number) for first, number in other.parts)
        for (r, c), value in other.cells.items():
            self.cells[(offset + r, c)] = value
        for top, left, bottom, right in other.merges:
            self.add_merge(offset + top, left, offset + bottom, right)
        self.table_rows += other.table_rows
        self.truncated = self.truncated or other.truncated


def word_tables(grids: list[Grid]) -> list[WordTable]:
    """The document's tables as sheets, numbered in document order, a split table joined when
    both parts have the same number of grid columns: a table with row labels of a report table
    but none of the column headers of any format (column labels in its first, label column do
    not count: ``总计`` / ``其他`` are row labels too), or a table holding only figures after a
    table that ends in header rows (a PDF converted to Word often splits there), or a table
    with figures and column headers but no row labels after one of header rows only, is
    appended to the table before it."""
    out: list[WordTable] = []
    for number, grid in enumerate(grids, 1):
        sheet = WordTable(number, grid)
        found = {pos: {u.what for u in label_index().lookup(text)} for pos, text in sheet.text_cells()
                 if len(text) <= MAX_LABEL_CHARS * 2}
        label_column = max((c for (_, c), w in found.items() if w & {"row", "group"}), default=-1)
        first_figure: dict[int, int] = {}
        for (r, c), text in sheet.text_cells():
            if _looks_numeric(text) and c < first_figure.get(r, c + 1):
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
    return any(_looks_numeric(t) for t in texts) and all(_looks_numeric(t) or t in BLANK_MARKS for t in texts)


def _has_figures(sheet: SheetGrid) -> bool:
    return any(_looks_numeric(t) for _, t in sheet.text_cells())


def _ends_in_headers(sheet: SheetGrid) -> bool:
    """The last row of ``sheet`` that has text holds column headers of a report table and no figure."""
    cells = list(sheet.text_cells())
    if not cells:
        return False
    last = max(r for (r, _), _ in cells)
    texts = [t for (r, _), t in cells if r == last]
    return not any(_looks_numeric(t) for t in texts) and any(
        u.what == "col" for t in texts if len(t) <= MAX_LABEL_CHARS * 2 for u in label_index().lookup(t))


@dataclass
class TablesRead:
    """What ``read_tables`` found: the located cells and their figures."""

    located: Located | None
    sheets: list[WordTable] = field(default_factory=list)
    values: dict[CellKey, object] = field(default_factory=dict)   # every located cell (None: blank)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)              # cells that hold no number


def read_tables(grids: list[Grid], year: int | None = None, form: FormSpec | None = None) -> TablesRead:
    """Locate the tables of ``form`` (or of the version the labels show; ties: ``year``) in the
    Word tables ``grids`` and read their figures."""
    sheets = word_tables(grids)
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


def unknown_labels(read: TablesRead, limit: int = 10) -> list[str]:
    """Text in a Word table holding report figures that is no label of the format read (nor a
    figure): anywhere in the table, not only beside figures (what ``table_locate`` notes)."""
    located = read.located
    if located is None:
        return []
    version = located.form.version
    noted = {str(n).split("：", 1)[0] for n in located.unplaced}
    out: list[str] = []
    for sheet in read.sheets:
        mine = [p for p in located.placements.values() if p.sheet is sheet]
        if not mine:
            continue
        tables = [p.key.table for p in mine]
        table_id = max(set(tables), key=tables.count)
        placed = {(p.row, p.col) for p in mine}
        shown = 0
        for (r, c), text in sorted(sheet.text_cells()):
            if (r, c) in placed or sheet.ref(r, c) in noted or _looks_numeric(text):
                continue
            if any(u.version == version for u in label_index().lookup(text)):
                continue
            if shown < limit:
                out.append(Note(f"{sheet.ref(r, c)}：表{table_id}中的“{_short(text)}”不是{version}版格式的标签，已忽略；"
                                "如它是一行数字的名称，请改为官方格式中的文字后重新导入。",
                                "unplaced"))
            shown += 1
    return out


def _looks_numeric(text: str) -> bool:
    t = normalise_text(text)
    return bool(t) and (t[0].isdigit() or t[0] in "+-.") and any(ch.isdigit() for ch in t) and len(t) < 24 \
        and not re.match(r"^\d+\.\D", t)


def document_grids(document) -> list[Grid]:
    """The logical grids of the document's tables, in document order (inside content controls too)."""
    return [b.grid for b in _blocks(document) if b.kind == "tbl"]


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
        notes.append(Note(f"{where}：表头单位为{p.unit}，“{_clean(original)}”按"
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


# ---------------------------------------------------------------------------------------------
# The document


@dataclass
class Block:
    """One block of a published report in reading order, from any reader (Word, web page, PDF)."""

    kind: str                 # "p" (a paragraph) or "tbl" (a table)
    text: str = ""
    right: bool = False       # a paragraph set to the right (a signature)
    grid: Grid | None = None
    where: str = ""           # where a table was found, for the clerk: "第3页" …


def _blocks(document) -> list[Block]:
    out: list[Block] = []

    def walk(parent) -> None:
        for child in parent.iterchildren():
            if child.tag == f"{W}p":
                text = cell_text(child)
                jc = child.find(f"{W}pPr/{W}jc")
                right = jc is not None and jc.get(f"{W}val") in ("right", "end")
                out.append(Block("p", text, right))
            elif child.tag == f"{W}tbl" and _is_layout_table(child):
                for tc in child.iter(f"{W}tc"):   # a web page's layout table: its cells hold the report
                    if tc.getparent().getparent() is child:
                        walk(tc)
            elif child.tag == f"{W}tbl":
                out.append(Block("tbl", grid=table_grid(child)))
            elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag"):
                walk(child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" and
                     child.find(f"{W}sdtContent") is not None else child)

    walk(document.element.body)
    return out


def _is_layout_table(tbl) -> bool:
    """A table that lays the page out rather than holding figures (a portal page saved or
    converted to Word): it has tables inside its cells."""
    return any(tc.find(f".//{W}tbl") is not None
               for tr in tbl.iterchildren(f"{W}tr") for tc in tr.iterchildren(f"{W}tc"))


def _clean(text: str) -> str:
    return text.strip(" \t\r\n\u3000\xa0")


def read_docx(path: Path) -> ImportResult:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise cannot_read(path, exc) from None
    document = open_docx_bytes(data, path.name)
    return read_document(document, path.name)


def read_document(document, name: str = "Word 文档") -> ImportResult:
    return read_blocks(_blocks(document), name)


# ---------------------------------------------------------------------------------------------
# A published report as a stream of blocks, whatever it came from (Word, a web page, a PDF)


@dataclass
class _Body:
    """The blocks sorted into the parts of a report."""

    head: list[str] = field(default_factory=list)            # before the first heading
    sections: dict[str, list[str]] = field(default_factory=dict)
    grids: list[Grid] = field(default_factory=list)
    wheres: list[str] = field(default_factory=list)          # each grid's place in the file ("第3页"), if known
    after_six: list[Block] = field(default_factory=list)    # the paragraph blocks of 六 (signature)


def read_blocks(blocks: list, name: str, kind: str = "docx") -> ImportResult:
    """A published report from its paragraphs and tables in reading order.

    ``blocks``: objects with ``kind`` ("p" or "tbl"), ``text`` and ``right`` (a right-aligned
    paragraph: the signature) or ``grid`` (a ``Grid``) and optionally ``where`` (the table's
    place for the clerk, "第3页"; ``ImportResult.found_in`` says where each report table was
    read, and the import preview shows it).  The Word, web page and PDF readers all come here:
    the title gives agency and year, headings split the prose into 一…六, the end of 六 is the
    signature, and the tables are found by their labels as in a workbook."""
    notes: list[str] = []
    body = _sort_blocks(blocks, name, notes)
    meta = _read_head(body, notes)
    _read_signature(body, meta, notes)
    read = read_tables(body.grids, meta.year)
    form = _form_of(read.located, meta.year, bool(body.grids), notes)
    report = Report(form.version, meta)
    for key, paragraphs in body.sections.items():
        if paragraphs:
            report.sections[key] = "\n".join(paragraphs)
    notes.extend(read.notes)
    _note_missing_tables(form, read, notes)
    problems = list(read.problems)
    _place_values(report, form, read.values, problems)
    for problem in problems:
        notes.append(Note(f"{problem}，未读取（按空白处理），请核对。", "problem"))
    return ImportResult(report, None, notes, kind, _found_in(read, body.wheres))


def _found_in(read: TablesRead, wheres: list[str]) -> dict[str, str]:
    """Where each report table was read: the file's table(s) holding its figures, and their place."""
    located = read.located
    if located is None:
        return {}
    out: dict[str, str] = {}
    for table_id in located.tables_found:
        sheets = {id(p.sheet): p.sheet for p in located.placements.values() if p.key.table == table_id}
        numbers = sorted({n for sheet in sheets.values() for _, n in sheet.parts})
        places = list(dict.fromkeys(wheres[n - 1] for n in numbers if 0 < n <= len(wheres) and wheres[n - 1]))
        text = "、".join(f"第{n}个表格" for n in numbers)
        out[table_id] = text + (f"（{'、'.join(places)}）" if places else "")
    return out


def _lines(blocks: list, body: _Body):
    """(block, line) for every non-blank line of the paragraphs, in order (a line break inside a
    paragraph — a web page's <br>, a Word line break — separates a heading, a signature, a
    footer as much as a new paragraph does); the tables go to ``body``."""
    for block in blocks:
        if block.kind == "tbl":
            body.grids.append(block.grid)
            body.wheres.append(getattr(block, "where", ""))
            continue
        for line in block.text.split("\n"):
            text = _clean(line)
            if text:
                yield block, text


def _sort_blocks(blocks: list, name: str, notes: list[str]) -> _Body:
    """Headings in order; before the first one: title and preamble."""
    all_forms = tuple(FORMS.values())
    body = _Body()
    current: str | None = None
    for block, text in _lines(blocks, body):
        key = heading_key(text, all_forms)
        if key is not None and key not in body.sections:
            official = next(s.heading for s in all_forms[0].sections if s.key == key)
            if canonical_label(text) != canonical_label(official):
                notes.append(f"标题“{text}”按“{official}”读取")
            current = key
            body.sections[key] = []
        elif current is None:
            body.head.append(text)
        else:
            body.sections[current].append(text)
            if current == all_forms[0].sections[-1].key:
                body.after_six.append(block)
    if not body.sections:
        raise ReadError(f"“{name}”中没有找到年报的六个部分的标题（如“一、总体情况”），不像政府信息公开工作年度报告。")
    missing = [s.heading for s in all_forms[0].sections if s.key not in body.sections]
    if missing:
        notes.append("没有找到这些部分的标题：" + "、".join(missing))
    return body


def _read_head(body: _Body, notes: list[str]) -> Metadata:
    """Title (agency, year) from the leading paragraphs up to the one naming the report; the
    rest of them is the preamble."""
    head = body.head
    suffix = Report.new(newest_form().version).title()   # 政府信息公开工作年度报告
    title_at = _title_at(head, suffix)
    title, preamble, parsed = "", head, None
    if title_at is not None:
        start = title_at
        title = normalise_text(head[title_at])
        parsed = parse_title(title)
        # a title in two lines: "XX局2024年" / "政府信息公开工作年度报告"
        if title_at > 0 and (title.startswith(suffix) or (parsed and not parsed.agency)) \
                and len(head[title_at - 1]) <= 40 and not head[title_at - 1].endswith(("。", "：", ":")):
            start = title_at - 1
            title = normalise_text(head[start]) + title
            parsed = parse_title(title)
        if start:
            notes.append("标题前的文字未读取：" + "／".join(_short(t) for t in head[:start]))
        preamble = head[title_at + 1:]
    meta = Metadata()
    if parsed:
        meta.agency, meta.year = parsed.agency, parsed.year
    else:
        first = body.sections.get(newest_form().sections[0].key, [])
        meta.year = next((y for y in map(period_year, preamble[:3] + first[:2]) if y), 0)
        notes.append(f"标题中没有年度，按统计期限读取为{meta.year}年" if meta.year else
                     "没有找到报告年度（标题应形如“XX局2024年政府信息公开工作年度报告”），请在报告信息中填写")
    if title and not meta.agency:
        notes.append("标题中没有机关名称，请在报告信息中填写")
    meta.preamble = "\n".join(preamble)
    return meta


# a web page's breadcrumb or menu names the report too: "当前位置：首页 > 政务公开 > XX年度报告"
_NOT_A_TITLE = re.compile(r"[>＞»›|｜]|当前位置|您的位置|所在位置|首页")
_TITLE_WINDOW = 12   # paragraphs before the title: a portal's menu, breadcrumb, publishing details


def _title_at(head: list[str], suffix: str) -> int | None:
    """Where the report's title is among the leading paragraphs: one naming the report, not a
    breadcrumb or menu line that names it too (the first naming one when all look like that)."""
    naming = [i for i, text in enumerate(head[:_TITLE_WINDOW])
              if suffix in normalise_text(text) or "年度报告" in text]
    return next((i for i in naming if not _NOT_A_TITLE.search(head[i])), naming[0] if naming else None)


def _read_signature(body: _Body, meta: Metadata, notes: list[str]) -> None:
    """The last one or two short paragraphs of 六: issuing organ and date.  What follows the date
    within the last few paragraphs is not the report's (a page number, a web page's footer)."""
    six = body.sections.get(newest_form().sections[-1].key, [])
    after_six = body.after_six
    _drop_after_signature(six, after_six, notes)
    if six and (_DATE_RE.match(normalise_text(six[-1])) or _DATE_CN_RE.match(normalise_text(six[-1]))):
        meta.date = six.pop()
        if six and len(six[-1]) <= 40 and not six[-1].endswith(("。", "；", "：")) and (
                len(after_six) < 2 or after_six[-2].right or len(six) > 1):
            meta.issuing_organ = six.pop()
        notes.append("文末落款按" + "、".join(x for x in (meta.issuing_organ, meta.date) if x) + "读取")


_TRAILER_LINES = 8   # a page footer or a portal's footer after the signature: a few short lines


def _is_date_line(text: str) -> bool:
    text = normalise_text(text)
    return bool(_DATE_RE.match(text) or _DATE_CN_RE.match(text))


def _drop_after_signature(six: list[str], after_six: list, notes: list[str]) -> None:
    last = len(six) - 1
    date_at = next((i for i in range(last, max(-1, last - _TRAILER_LINES), -1) if _is_date_line(six[i])), None)
    if date_at is None or date_at == last:
        return
    trailer = six[date_at + 1:]
    if any(len(t) > 80 for t in trailer):
        return   # prose after the date: not a footer
    del six[date_at + 1:]
    del after_six[len(after_six) - len(trailer):]
    notes.append("落款之后的文字（页码、网站页脚等）未读取：" + "／".join(_short(t) for t in trailer))


def _form_of(located: Located | None, year: int, has_tables: bool, notes: list[str]) -> FormSpec:
    """The version the tables' labels show (ties: the year's)."""
    if located is None:
        if not has_tables:
            notes.append("文档中没有表格，只读取了文字部分")
        return form_for_year(year) if year else newest_form()
    form = located.form
    if located.version_guessed:
        notes.append(located.version_note(year))
    elif year and not form.applies_to(year):
        notes.append(f"报告年度为{year}年，但表格是{form.version}版格式，按表格读取")
    return form


def _note_missing_tables(form: FormSpec, read: TablesRead, notes: list[str]) -> None:
    located = read.located
    found_tables = located.tables_found if located is not None else []
    for table_id, spec in form.tables.items():
        if table_id not in found_tables:
            heading = form.section(table_id).heading if _has_section(form, table_id) else table_id
            notes.append(Note(f"没有找到表{table_id}（{heading}）的表格，按空白处理；"
                              "请在导入后填写该表，或检查文件中该表的标签是否与官方格式一致", "unplaced"))
            continue
        missing_cells = [c.key for c in spec.cells if c.key not in located.placements]
        if missing_cells:
            shown = "、".join(k.name(limit=14) for k in missing_cells[:5])
            more = f"等 {len(missing_cells)} 个" if len(missing_cells) > 5 else ""
            notes.append(Note(f"表{table_id}中没有找到 {shown}{more}单元格，按空白读取；请在导入后核对并填写这些数字", "unplaced"))
    if located is not None:
        notes.extend(located.unplaced)
        notes.extend(unknown_labels(read))
        notes.extend(located.duplicates)


def _place_values(report: Report, form: FormSpec, values: dict, problems: list[str]) -> None:
    """Inputs into the report; printed totals kept aside to be compared with the recomputed ones."""
    for key, value in values.items():
        if value is None:
            continue
        if form.cell(key).computed:
            report.printed[key] = value
        else:
            try:
                report.set(key, value)
            except ValueError as exc:
                problems.append(f"{key.name()}：{exc}")


def _has_section(form: FormSpec, table_id: str) -> bool:
    return any(s.key == table_id for s in form.sections)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 30 else text[:29] + "…"
