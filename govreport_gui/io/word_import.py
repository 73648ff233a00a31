"""Reading a published Word report (.docx from Word or WPS, 2019 or 2021 format).

The document is walked in order: the title (agency and year, read by ``report_title``), an
optional preamble, the six section headings (``heading_key`` accepts the declared variants, ``1、``
numbering from Word's auto-numbering and a heading without its numeral), the prose of each
section, the tables and the signature after 六.  Tables are read by *labels*, not by position: each value cell of the format
declaration is found at the crossing of its row label and its column header in the Word table's
logical grid (merged cells — ``gridSpan`` / ``vMerge`` — are resolved once, so a merged cell is one
cell), so extra or missing layout rows, a split label column or a different column order still
read right.  Printed totals go to ``report.printed`` (the checks compare them with recomputed ones).

Hostile files: ``zip_safety.check_package`` (the same checks and limits as for workbooks) runs
before python-docx sees the package.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import ReadError
from ..core.forms import FORMS, CellKey, FormSpec, Kind, Role, TableSpec, form_for_year
from ..core.report import Metadata, Report
from ..core.values import ValueProblem, format_value, normalise_text, parse_value, with_header_unit
from .labels import canonical_label, heading_key, unit_of_label, without_unit
from .notes import Note
from .registry import ImportResult
from .report_title import parse_title, period_year
from .zip_safety import WORD, check_package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DATE_RE = re.compile(r"^(?:19|20)\d{2}年\d{1,2}月\d{1,2}日$")
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
# Tables: the logical grid of a w:tbl


@dataclass(eq=False)
class DCell:
    """One (merged) cell of a Word table: top-left (row, col) in the logical grid and its span."""

    row: int
    col: int
    colspan: int
    text: str
    rowspan: int = 1

    @property
    def canon(self) -> str:
        return canonical_label(self.text)


@dataclass
class Grid:
    cells: list[DCell]
    occ: list[dict[int, DCell]]  # row -> {grid column -> cell}

    @property
    def n_rows(self) -> int:
        return len(self.occ)

    def at(self, row: int, col: int) -> DCell | None:
        if 0 <= row < len(self.occ):
            return self.occ[row].get(col)
        return None

    def row_cells(self, row: int) -> list[DCell]:
        seen, out = set(), []
        for col in sorted(self.occ[row]):
            cell = self.occ[row][col]
            if id(cell) not in seen:
                seen.add(id(cell))
                out.append(cell)
        return out


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
    for r, tr in enumerate(tbl.iterchildren(f"{W}tr")):
        row: dict[int, DCell] = {}
        col = 0
        before = tr.find(f"{W}trPr/{W}gridBefore")
        if before is not None:
            col = _int_attr(before, 0)
        for tc in tr.iterchildren(f"{W}tc", f"{W}sdt"):
            for real_tc in ([tc] if tc.tag == f"{W}tc" else tc.iter(f"{W}tc")):
                tcpr = real_tc.find(f"{W}tcPr")
                span = 1
                merge = None
                if tcpr is not None:
                    gs = tcpr.find(f"{W}gridSpan")
                    if gs is not None:
                        span = max(1, _int_attr(gs, 1))
                    vm = tcpr.find(f"{W}vMerge")
                    if vm is not None:
                        merge = vm.get(f"{W}val") or "continue"
                above = occ[r - 1].get(col) if r > 0 else None
                if merge == "continue" and above is not None and above.col == col:
                    above.rowspan = r - above.row + 1
                    for c in range(col, col + above.colspan):
                        row[c] = above
                    col += max(span, above.colspan)
                    continue
                cell = DCell(r, col, span, cell_text(real_tc))
                cells.append(cell)
                for c in range(col, col + span):
                    row[c] = cell
                col += span
        occ.append(row)
    return Grid(cells, occ)


def _int_attr(el, default: int) -> int:
    try:
        return int(el.get(f"{W}val"))
    except (TypeError, ValueError):
        return default


# ---------------------------------------------------------------------------------------------
# Locating the value cells of a declared table


@dataclass
class TableRead:
    spec: TableSpec
    found: dict[CellKey, DCell] = field(default_factory=dict)
    units: dict[CellKey, str] = field(default_factory=dict)  # unit named by the column header
    unplaced: list[str] = field(default_factory=list)   # label texts matching nothing


def _row_labelled(spec: TableSpec) -> set[str]:
    return {g.text for g in spec.grid if g.role is Role.LABEL}


def locate(grid: Grid, spec: TableSpec) -> TableRead:
    """Find every value cell of ``spec`` in ``grid`` by its row label and column header."""
    read = TableRead(spec)
    labels = _row_labelled(spec)
    canon_row = {canonical_label(r): r for r in spec.rows}
    canon_col = {canonical_label(c): c for c in spec.cols}
    for c in spec.cols:  # a header written with another unit: 本年收费金额（元）
        canon_col.setdefault(without_unit(canonical_label(c)), c)
    # Row anchors: rows whose label cells name a leaf row (the last such cell in the row wins).
    row_of: dict[str, int] = {}
    for cell in grid.cells:
        official = canon_row.get(cell.canon)
        if official is not None and official in labels:
            row_of.setdefault(official, cell.row)
    header_cells: dict[str, list[DCell]] = {}
    for cell in grid.cells:
        official = canon_col.get(cell.canon) or canon_col.get(without_unit(cell.canon))
        if official is not None:
            header_cells.setdefault(official, []).append(cell)
    group_cells: dict[str, list[DCell]] = {}
    for cell in grid.cells:
        official = canon_row.get(cell.canon)
        if official is not None and official not in labels:
            group_cells.setdefault(official, []).append(cell)

    for spec_cell in spec.cells:
        key = spec_cell.key
        target = None
        if key.row in labels:
            r = row_of.get(key.row)
            if r is None:
                continue
            # nearest header above the row naming the column
            candidates = [h for h in header_cells.get(key.col, ()) if h.row < r]
            label_cell = None
            for cell in grid.row_cells(r):
                if canon_row.get(cell.canon) == key.row:
                    label_cell = cell
            if not candidates:
                continue
            header = max(candidates, key=lambda h: (h.row + h.rowspan, -h.col))
            target = grid.at(r, header.col)
            if target is label_cell:
                target = None
            elif unit_of_label(header.text):
                read.units[key] = unit_of_label(header.text)
        else:  # the row is a group in the header (table 四)
            for group in group_cells.get(key.row, ()):
                lo, hi = group.col, group.col + group.colspan
                heads = [h for h in header_cells.get(key.col, ())
                         if lo <= h.col < hi and h.row > group.row]
                if not heads:
                    continue
                head = min(heads, key=lambda h: h.row)
                r = head.row + head.rowspan
                while r < grid.n_rows:
                    candidate = grid.at(r, head.col)
                    if candidate is not None and candidate.canon not in canon_col \
                            and without_unit(candidate.canon) not in canon_col:
                        target = candidate
                        break
                    r += 1
                break
        if target is not None:
            read.found[key] = target
    # Labels written in the table that name nothing of this table.
    used = {id(c) for c in read.found.values()}
    known = set(canon_row) | set(canon_col) | {canonical_label(g.text) for g in spec.grid if g.text}
    for cell in grid.cells:
        if id(cell) in used or not cell.text.strip():
            continue
        canon = cell.canon
        if canon in known or without_unit(canon) in known or _looks_numeric(cell.text):
            continue
        read.unplaced.append(cell.text.strip())
    return read


def _looks_numeric(text: str) -> bool:
    t = normalise_text(text)
    return bool(t) and (t[0].isdigit() or t[0] in "+-.") and any(ch.isdigit() for ch in t) and len(t) < 24 \
        and not re.match(r"^\d+\.\D", t)


def read_values(read: TableRead, where: str, notes: list[str], problems: list[str]) -> dict[CellKey, object]:
    """Parse the located cells: {key: value or None}.  A cell that is no number is left out and
    described in ``problems``; money under a header in 元 / 亿元 is converted to 万元."""
    out: dict[CellKey, object] = {}
    for spec_cell in read.spec.cells:
        cell = read.found.get(spec_cell.key)
        if cell is None:
            continue
        key = spec_cell.key
        where_cell = f"{where}表{key.table}“{key.row}”/“{key.col}”"
        text = cell.text
        unit = read.units.get(key)
        if spec_cell.kind is Kind.MONEY:
            text = with_header_unit(text, unit)
        try:
            parsed = parse_value(text, spec_cell.kind)
        except ValueProblem as exc:
            problems.append(f"{where_cell}：{exc}")
            continue
        if text != cell.text and parsed.value is not None:
            notes.append(Note(f"{where_cell}：表头单位为{unit}，“{_clean(cell.text)}”按"
                              f"{format_value(parsed.value)}万元读取", "conversion"))
        elif parsed.note and not _plain_wan(text, spec_cell.kind):
            notes.append(Note(f"{where_cell}：{parsed.note}", "conversion"))
        out[key] = parsed.value
    return out


def _plain_wan(text: str, kind: Kind) -> bool:
    """Money written as ``2009.54万元`` (the stored unit): nothing was interpreted."""
    t = normalise_text(text)
    if kind is not Kind.MONEY or not t.endswith("万元"):
        return False
    try:
        return parse_value(t[:-2], kind).note is None
    except ValueProblem:
        return False


def read_tables(document, form: FormSpec) -> tuple[dict[str, TableRead], list[Grid]]:
    """Locate the declared tables of ``form`` among the document's tables (each Word table is
    assigned to the declared table it fills best)."""
    grids = [table_grid(t._tbl) for t in document.tables]
    return assign_tables(grids, form), grids


def assign_tables(grids: list[Grid], form: FormSpec) -> dict[str, TableRead]:
    best: dict[str, TableRead] = {}
    for grid in grids:
        for table_id, spec in form.tables.items():
            read = locate(grid, spec)
            if len(read.found) > len(best[table_id].found) if table_id in best else read.found:
                best[table_id] = read
    return best


def _width(grid: Grid) -> int:
    return max((max(row) + 1 for row in grid.occ if row), default=0)


def join_split_tables(grids: list[Grid]) -> list[Grid]:
    """A table continued in a second Word table (the clerk split it at a page break): a table
    with row labels but none of the column headers of any format is appended to the table
    before it when both have the same number of grid columns."""
    cols = {canonical_label(c) for f in FORMS.values() for t in f.tables.values() for c in t.cols}
    rows = {canonical_label(r) for f in FORMS.values() for t in f.tables.values()
            for r in t.rows if any(g.text == r and g.role is Role.LABEL for g in t.grid)}
    out: list[Grid] = []
    for grid in grids:
        canons = {c.canon for c in grid.cells}
        if out and not canons & cols and canons & rows and _width(out[-1]) == _width(grid):
            out[-1] = _append(out[-1], grid)
        else:
            out.append(grid)
    return out


def _append(first: Grid, second: Grid) -> Grid:
    offset = first.n_rows
    moved: dict[int, DCell] = {}
    for cell in second.cells:
        moved[id(cell)] = DCell(cell.row + offset, cell.col, cell.colspan, cell.text, cell.rowspan)
    occ = list(first.occ) + [{c: moved[id(cell)] for c, cell in row.items()} for row in second.occ]
    return Grid(list(first.cells) + list(moved.values()), occ)


# ---------------------------------------------------------------------------------------------
# The document


@dataclass
class _Block:
    kind: str        # "p" or "tbl"
    text: str = ""
    right: bool = False
    grid: Grid | None = None


def _blocks(document) -> list[_Block]:
    out: list[_Block] = []

    def walk(parent) -> None:
        for child in parent.iterchildren():
            if child.tag == f"{W}p":
                text = cell_text(child)
                jc = child.find(f"{W}pPr/{W}jc")
                right = jc is not None and jc.get(f"{W}val") in ("right", "end")
                out.append(_Block("p", text, right))
            elif child.tag == f"{W}tbl":
                out.append(_Block("tbl", grid=table_grid(child)))
            elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag"):
                walk(child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" and
                     child.find(f"{W}sdtContent") is not None else child)

    walk(document.element.body)
    return out


def _clean(text: str) -> str:
    return text.strip(" \t\r\n\u3000\xa0")


def read_docx(path: Path) -> ImportResult:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"无法读取“{path}”：{exc.strerror or exc}。") from None
    document = open_docx_bytes(data, path.name)
    return read_document(document, path.name)


def read_document(document, name: str = "Word 文档") -> ImportResult:
    blocks = _blocks(document)
    notes: list[str] = []
    problems: list[str] = []
    all_forms = tuple(FORMS.values())

    # Sections: headings in order; before the first one: title and preamble.
    head: list[str] = []
    sections: dict[str, list[str]] = {}
    section_tables: dict[str, list[Grid]] = {}
    after_six: list[_Block] = []
    current: str | None = None
    for block in blocks:
        if block.kind == "tbl":
            section_tables.setdefault(current or "", []).append(block.grid)
            continue
        text = _clean(block.text)
        if not text:
            continue
        key = heading_key(text, all_forms)
        if key is not None and key not in sections:
            official = next(s.heading for s in all_forms[0].sections if s.key == key)
            if canonical_label(text) != canonical_label(official):
                notes.append(f"标题“{text}”按“{official}”读取")
            current = key
            sections[key] = []
            continue
        if current is None:
            head.append(text)
        else:
            sections[current].append(text)
            if current == "六":
                after_six.append(block)
    if not sections:
        raise ReadError(f"“{name}”中没有找到年报的六个部分的标题（如“一、总体情况”），不像政府信息公开工作年度报告。")
    missing = [s.heading for s in all_forms[0].sections if s.key not in sections]
    if missing:
        notes.append("没有找到这些部分的标题：" + "、".join(missing))

    # Title: leading paragraphs up to the one naming the report; the rest is the preamble.
    suffix = Report.new(all_forms[0].version).title()   # 政府信息公开工作年度报告
    title_at = next((i for i, text in enumerate(head[:6]) if suffix in normalise_text(text)
                     or "年度报告" in text), None)
    title, preamble = "", head
    parsed = None
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
        for text in preamble[:3] + sections.get("一", [])[:2]:
            year = period_year(text)
            if year:
                meta.year = year
                notes.append(f"标题中没有年度，按统计期限读取为{meta.year}年")
                break
        else:
            notes.append("没有找到报告年度（标题应形如“XX局2024年政府信息公开工作年度报告”），请在报告信息中填写")
    if title and not meta.agency:
        notes.append("标题中没有机关名称，请在报告信息中填写")
    meta.preamble = "\n".join(preamble)

    # Signature: the last one or two short paragraphs of 六 (organ, date).
    six = sections.get("六", [])
    if six and (_DATE_RE.match(normalise_text(six[-1])) or _DATE_CN_RE.match(normalise_text(six[-1]))):
        meta.date = six.pop()
        if six and len(six[-1]) <= 40 and not six[-1].endswith(("。", "；", "：")) and (
                len(after_six) < 2 or after_six[-2].right or len(six) > 1):
            meta.issuing_organ = six.pop()
        notes.append("文末落款按" + "、".join(x for x in (meta.issuing_organ, meta.date) if x) + "读取")

    # Tables: which version fills them best (a table split by the clerk is joined first).
    grids = join_split_tables([g for gs in section_tables.values() for g in gs])
    reads: dict[str, dict[str, TableRead]] = {v: assign_tables(grids, f) for v, f in FORMS.items()}

    def score(version: str) -> tuple[int, int]:
        form = FORMS[version]
        found = sum(len(r.found) for r in reads[version].values())
        return (found - (len(form.all_cells()) - found) // 4, int(bool(meta.year) and form.applies_to(meta.year)))

    if grids:
        version = max(FORMS, key=score)
        if meta.year and not FORMS[version].applies_to(meta.year):
            notes.append(f"报告年度为{meta.year}年，但表格是{version}版格式，按表格读取")
    else:
        version = form_for_year(meta.year).version if meta.year else max(FORMS, key=lambda v: FORMS[v].first_year)
        notes.append("文档中没有表格，只读取了文字部分")
    form = FORMS[version]
    report = Report(version, meta)
    for key, paragraphs in sections.items():
        if paragraphs:
            report.sections[key] = "\n".join(paragraphs)

    for table_id, spec in form.tables.items():
        read = reads[version].get(table_id)
        if read is None or not read.found:
            heading = form.section(table_id).heading if _has_section(form, table_id) else table_id
            notes.append(Note(f"没有找到表{table_id}（{heading}）的表格，按空白处理", "unplaced"))
            continue
        values = read_values(read, "", notes, problems)
        missing_cells = [c.key for c in spec.cells if c.key not in read.found]
        if missing_cells:
            shown = "、".join(f"“{k.row}”/“{k.col}”" for k in missing_cells[:5])
            more = f"等 {len(missing_cells)} 个" if len(missing_cells) > 5 else ""
            notes.append(Note(f"表{table_id}中没有找到 {shown}{more}单元格，按空白读取", "unplaced"))
        for label in read.unplaced[:10]:
            notes.append(Note(f"表{table_id}中的“{_short(label)}”不是官方格式的标签，已忽略", "unplaced"))
        for key, value in values.items():
            if form.cell(key).computed:
                if value is not None:
                    report.printed[key] = value
            elif value is not None:
                try:
                    report.set(key, value)
                except ValueError as exc:
                    problems.append(f"表{key.table}“{key.row}”/“{key.col}”：{exc}")
    for problem in problems:
        notes.append(Note(f"{problem}，未读取（按空白处理），请核对。", "problem"))
    return ImportResult(report, None, notes, "docx")


def _has_section(form: FormSpec, table_id: str) -> bool:
    return any(s.key == table_id for s in form.sections)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 30 else text[:29] + "…"
