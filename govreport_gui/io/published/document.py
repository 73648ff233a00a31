"""A published report from its blocks, whatever file it came from (Word, web page, PDF).

The paragraphs become lines; the six section headings are found by their number and order with
any wording (``outline``); before the first one, the title (agency and year, ``report_title``)
and the preface; the last section ends with the signature (落款) or its content's end — the
page's navigation, toolbars and footer left out and named in the notes (``bounds``, one mechanism
for every reader); the tables are read by their labels (``tables.read_tables``).  Printed totals
go to ``report.printed`` (the checks compare them with the recomputed ones).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ...core.errors import ReadError
from ...core.forms import FormSpec, form_for_year, newest_form
from ...core.report import Metadata, Report
from ...core.values import TABLE_NOTE_START, normalise_text
from ..locate.labels import canonical_label
from ..locate.table_locate import Located
from ..notes import Note
from ..registry import ImportResult
from .agency_place import opens_with_level, whole_name
from .blocks import Grid, clean, link_dense, one_line
from .bounds import (
    MAX_AGENCY,
    MAX_TITLE,
    Bounds,
    Line,
    TitleFound,
    article_container,
    ending,
    layout_mark,
    looks_like_agency,
    mark_outside,
    preface,
    title_lines,
)
from .office_prompts import prompts_note, without_prompts
from .outline import find_headings, heading_continued, heading_run, inline_heading_cuts, split_heading
from .report_title import (
    Title,
    agency_as_subject,
    agency_in_preface,
    agency_in_words,
    agency_to_contact,
    named_work,
    opening_year,
    parse_title,
    period_year,
    report_year,
)
from .tables import (
    TablesRead,
    has_report_labels,
    is_table_caption,
    read_tables,
    table_notes,
    text_table,
    unknown_labels,
)


@dataclass
class _Body:
    """The blocks sorted into the parts of a report."""

    head: list[Line] = field(default_factory=list)            # before the first heading
    sections: dict[str, list[Line]] = field(default_factory=dict)
    grids: list[Grid] = field(default_factory=list)
    wheres: list[str] = field(default_factory=list)          # each grid's place in the file ("第3页"), if known
    grid_origins: list = field(default_factory=list)         # each grid's element in the source, if known
    declared_title: str = ""                                 # the file's name for itself (a web page's <title>)
    headings: list[Line] = field(default_factory=list)
    bounds: Bounds = field(default_factory=Bounds)           # what was left out, for the notes
    prompts: int = 0                                         # an office suite's input prompts left out
    pictured: set[str] = field(default_factory=set)          # the parts a picture stands in


def read_blocks(blocks: list, name: str, kind: str = "docx") -> ImportResult:
    """A published report from its paragraphs and tables in reading order.

    ``blocks``: objects with ``kind`` ("p" or "tbl"), ``text``, ``right`` (a right-aligned
    paragraph: the signature), ``links`` and ``outside`` (see ``blocks.Block``) or ``grid`` (a
    ``Grid``) and optionally ``where`` (the table's place for the clerk, "第3页";
    ``ImportResult.found_in`` says where each report table was read, and the import preview shows
    it).  The Word, web page and PDF readers all come here: the headings split the text into
    一…六 (``outline``), the title gives agency and year, the preface follows it, the report ends
    with its signature or its last section's content (``bounds``) — what is no part of it is
    named in the notes — and the tables are found by their labels as in a workbook."""
    notes: list[str] = []
    body = _sort_blocks(blocks, name, notes)
    title = title_lines(body.head, len(body.head), "\n".join(line.text for lines in body.sections.values() for line in lines))
    _mark_outside(body, title)
    meta = Metadata()
    _read_signature(body, meta, notes)
    _read_head(body, title, meta, notes)
    _organ_wrapped(body, meta)
    read = read_tables(body.grids, meta.year)
    form = _form_of(read.located, meta.year, bool(body.grids), notes)
    report = Report(form.version, meta)
    for key, lines in body.sections.items():
        if lines:
            report.sections[key] = "\n".join(line.text for line in lines)
    notes[:0] = [*body.bounds.notes(), *filter(None, [prompts_note(body.prompts)])]
    notes.extend(read.notes)
    _place_table_notes(report, form, read, notes)
    _note_missing_tables(form, read, notes, body.pictured)
    problems = list(read.problems)
    _place_values(report, form, read.values, problems)
    for problem in problems:
        notes.append(Note(f"{problem}，未读取（按空白处理），请核对。", "problem"))
    return ImportResult(report, None, notes, kind, _found_in(read, body.wheres))


def _place_table_notes(report: Report, form: FormSpec, read: TablesRead, notes: list[str]) -> None:
    """A note printed in a report table under its figures (``注：……`` in a last row) goes to the
    text of the table's part — what the editor shows under the table, where a note printed under
    the table is read too — once: a note that part's text already holds (printed both in the table
    and under it) is not added again, nor a note line repeated there."""
    for note in table_notes(read):
        section = next((s for s in form.sections if s.table == note.table_id), None)
        if section is None:
            continue
        text = "\n".join(filter(None, map(clean, note.text.split("\n"))))
        held = report.sections.get(section.key, "")
        if normalise_text(text) not in normalise_text(held):
            report.sections[section.key] = "\n".join(filter(None, [held, text]))
        notes.append(Note(f"{note.ref}：表{note.table_id}末尾的“{one_line(text)}”是表格的说明，已读入该部分的说明文字（表格下方）",
                          "info"))
    for section in form.sections:
        if section.table and section.key in report.sections:
            lines = report.sections[section.key].split("\n")
            once = [line for n, line in enumerate(lines) if not (TABLE_NOTE_START.match(line) and line in lines[:n])]
            report.sections[section.key] = "\n".join(once)


def _found_in(read: TablesRead, wheres: list[str]) -> dict[str, str]:
    """Where each report table was read: the file's table(s) holding its figures, and their place."""
    located = read.located
    if located is None:
        return {}
    out: dict[str, str] = {}
    for table_id in located.tables_found:
        sheets = {id(p.sheet): p.sheet for p in located.placements.values() if p.key.table == table_id}
        numbers = sorted({n for sheet in sheets.values() for _, n in sheet.parts})  # type: ignore[attr-defined]  # PublishedTable
        places = list(dict.fromkeys(wheres[n - 1] for n in numbers if 0 < n <= len(wheres) and wheres[n - 1]))
        text = "、".join(f"第{n}个表格" for n in numbers)
        out[table_id] = text + (f"（{'、'.join(places)}）" if places else "")
    return out


def _lines(blocks: list, body: _Body) -> list[Line]:
    """Every non-blank line of the paragraphs, in order (a line break inside a paragraph — a web
    page's <br>, a Word line break — separates a heading, a signature, a footer as much as a new
    paragraph does), with what the reader knew of its block; the tables go to ``body``, but a
    table of text (``text_table``: a heading or a 落款 set in a box) gives its lines.  A page's
    number and a table's ``续表`` line are no text (``layout_mark``), nor an office suite's prompt
    in a field nobody filled in (``office_prompts``)."""
    out: list[Line] = []
    for n, block in enumerate(blocks):
        if _caption_above_table(blocks, n):
            continue
        if block.kind == "name":
            body.declared_title = block.text
            continue
        if block.kind == "pic":
            if out:
                out[-1] = replace(out[-1], picture=True)
            continue
        if block.kind == "tbl" and not text_table(block.grid):
            body.grids.append(block.grid)
            body.wheres.append(getattr(block, "where", ""))
            body.grid_origins.append(getattr(block, "origin", None))
            continue
        linky = link_dense(block) if block.kind != "tbl" else False
        origin = getattr(block, "origin", None)
        text = block.text if block.kind != "tbl" else "\n".join(cell.text for cell in block.grid.cells)
        for line in _inline_split(_headings_rejoined(text.split("\n"))):
            text, prompts = without_prompts(clean(line))
            body.prompts += prompts
            if layout_mark(text):
                body.bounds.layout.append(text)
                continue
            cut = heading_run(text)
            for part in (text[:cut], clean(text[cut:])) if cut else (text,):
                if part:
                    out.append(Line(part, getattr(block, "right", False), linky, origin=origin))
    return _split_headings_joined(out)


def _headings_rejoined(lines: list[str]) -> list[str]:
    """The lines of one paragraph with a heading broken by a line break inside it made one line
    again (``outline.heading_continued``)."""
    out: list[str] = []
    for line in lines:
        if out and heading_continued(clean(out[-1]), clean(line)):
            out[-1] = clean(out[-1]) + clean(line)
        else:
            out.append(line)
    return out


def _inline_split(lines: list[str]) -> list[str]:
    """The lines with each cut where a section heading starts after a space inside it
    (``outline.inline_heading_cuts``: a report set as one paragraph), and after a title that
    opens a line and runs on after a space into the preface."""
    out: list[str] = []
    for line in lines:
        cuts = [*_title_cut(line), *inline_heading_cuts(line)]
        out += [line[a:b] for a, b in zip([0, *cuts], [*cuts, len(line)])] if cuts else [line]
    return out


# the end of a report's name, the text going on after spaces
_TITLE_END = re.compile(r"(?:报告|報告|年报|年報)(?:[(（][^()（）]{1,8}[)）])?(?=\s+\S)")


def _title_cut(line: str) -> list[int]:
    """Where a title that opens ``line`` ends when the line runs on after it (``XX局2023年政府信息
    公开工作年度报告  本报告……``), else nothing."""
    found = _TITLE_END.search(line)
    if found is None or found.end() > 2 * MAX_TITLE:
        return []
    title = line[:found.end()]
    plain = normalise_text(title)
    return [found.end()] if len(plain) <= MAX_TITLE and not re.search("[，。；,;]", plain) and parse_title(plain) else []


def _caption_above_table(blocks: list, n: int) -> bool:
    """Block ``n`` is a report table's caption set as a paragraph right above its table (a table
    cut at each ``第二十条第（X）项``): the table's, no prose."""
    block = blocks[n]
    return (block.kind == "p" and n + 1 < len(blocks) and blocks[n + 1].kind == "tbl"
            and "\n" not in block.text.strip() and is_table_caption(block.text))


def _split_headings_joined(lines: list[Line]) -> list[Line]:
    """A heading broken after its number (``一、`` / ``总体情况``) made one line again."""
    out: list[Line] = []
    for line in lines:
        if out and split_heading(out[-1].text, line.text):
            out[-1] = replace(out[-1], text=out[-1].text + line.text, picture=out[-1].picture or line.picture)
        else:
            out.append(line)
    return out


def _sort_blocks(blocks: list, name: str, notes: list[str]) -> _Body:
    """The six headings found by their number and order (``outline``); before the first one:
    title and preamble."""
    body = _Body()
    lines = _lines(blocks, body)
    headings = sorted(find_headings([line.text for line in lines]).items(), key=lambda item: item[1])
    if not headings:
        raise ReadError(f"“{name}”中没有找到年报的六个部分的标题（如“一、总体情况”），不像政府信息公开工作年度报告。")
    declared = newest_form().sections
    for n, (key, at) in enumerate(headings):
        official = next(s.heading for s in declared if s.key == key)
        if canonical_label(lines[at].text) != canonical_label(official):
            notes.append(f"标题“{lines[at].text}”按“{official}”读取")
        end = headings[n + 1][1] if n + 1 < len(headings) else len(lines)
        body.sections[key] = lines[at + 1:end]
        if any(line.picture for line in lines[at:end]):
            body.pictured.add(key)
        body.headings.append(lines[at])
    body.head = lines[:headings[0][1]]
    missing = [s.heading for s in declared if s.key not in body.sections]
    if missing:
        notes.append("没有找到这些部分的标题：" + "、".join(missing))
    return body


def _mark_outside(body: _Body, title: TitleFound | None) -> None:
    """Lines outside the article's container — the innermost element holding the title, the
    headings and the report's tables — are marked (for a page or a document with such elements)."""
    anchors = [line.origin for line in body.headings]
    if title is not None:
        anchors += [line.origin for line in body.head[title.start:title.end]]
    anchors += [origin for grid, origin in zip(body.grids, body.grid_origins) if has_report_labels(grid)]
    container = article_container(anchors)
    for lines in (body.head, *body.sections.values()):
        mark_outside(lines, container)


def _read_head(body: _Body, found: TitleFound | None, meta: Metadata, notes: list[str]) -> None:
    """Title (agency, year) from the lines before the first heading, the preface after it; an
    agency the title does not name is the signature's."""
    head = body.head
    body.bounds.titled = found is not None
    if found is not None and found.start:
        body.bounds.before_title.extend(line.text for line in head[:found.start])
    one = [line.text for line in body.sections.get(newest_form().sections[0].key, [])]
    preamble = preface(head[found.end if found else 0:], body.bounds, "".join(one[:3]))
    parsed = found.parsed if found else _title_elsewhere(body, notes)
    if parsed:
        meta.agency, meta.year = parsed.agency, parsed.year
        if found is not None and found.above and meta.issuing_organ and not _related(found.above, meta.issuing_organ):
            meta.agency = meta.issuing_organ   # the line above was the site's name, not the report's agency
            notes.append(f"标题上方的“{found.above}”不是文末落款的机关，机关名称按落款读取为“{meta.agency}”")
    else:
        last = [line.text for line in body.sections.get(newest_form().sections[-1].key, [])]
        meta.year = _year_elsewhere(preamble[:3], one[:3], last, notes)
    meta.preamble = "\n".join(preamble)
    if not meta.agency:
        _agency_elsewhere(body, meta, parsed, notes)
    if meta.agency:
        _complete_place(body, meta, notes)


def _complete_place(body: _Body, meta: Metadata, notes: list[str]) -> None:
    """An agency named without its place (``市应急管理局``, ``应急管理局``) takes the name the 落款 or
    the report's text gives it whole; one opening with a level word named whole nowhere is asked for."""
    texts = [meta.issuing_organ, meta.preamble, *("\n".join(line.text for line in lines) for lines in body.sections.values())]
    whole = whole_name(meta.agency, texts)
    if whole:
        notes.append(f"机关名称“{meta.agency}”没有写地名，按报告中的“{whole}”读取，请核对")
        meta.agency = whole
    elif opens_with_level(meta.agency):
        notes.append(f"机关名称“{meta.agency}”没有写明所在地区，请在报告信息中补全（如“某某市{meta.agency[1:]}”）")


def _year_elsewhere(preface: list[str], one: list[str], last: list[str], notes: list[str]) -> int:
    """For a text without a title that gives the year: the statistics period (统计期限自2023年1月1日…,
    else 截止2023年12月31日) in the preface, at the start of 一 or in 六, else the year of the report the
    preface names (``现将XX局2024年政府信息公开工作年度报告如下``, ``现公开我局2024年度……报告``), else
    the year a paragraph there or at the start of 一 opens with (``2023年，我局……``), last the year of
    a report the start of 一 names (a page without a preface puts its words there; one naming last
    year's report as published this year — ``公开发布《XX局2022年……年度报告》`` — is passed over by a
    paragraph opening with this year)."""
    texts = (preface + one)[:5] + last
    year = next((y for y in map(period_year, texts) if y), 0) or next((y for t in texts if (y := period_year(t, end=True))), 0)
    if year:
        notes.append(f"标题中没有年度，按统计期限读取为{year}年")
        return year
    named = named_work("\n".join(preface))
    year = named.year if named is not None else report_year("\n".join(preface))
    if year:
        notes.append(f"标题中没有年度，按前言中所述的报告名称读取为{year}年")
        return year
    year = next((y for y in map(opening_year, preface + one) if y), 0)
    if year:
        notes.append(f"标题中没有年度，按正文开头所述的年份读取为{year}年，请核对")
        return year
    named = named_work("\n".join(one))
    if named is not None:
        notes.append(f"标题中没有年度，按前言中所述的报告名称读取为{named.year}年")
        return named.year
    notes.append("没有找到报告年度（标题应形如“XX局2024年政府信息公开工作年度报告”），请在报告信息中填写")
    return 0


def _agency_elsewhere(body: _Body, meta: Metadata, parsed: Title | None, notes: list[str]) -> None:
    """For a title that names no agency: the 落款's organ, else the publishing organ of the page's
    metadata table (a 信息公开目录 page: 发布机构 | XX局), else the page's own name."""
    if meta.issuing_organ:
        meta.agency = meta.issuing_organ
        notes.append(f"标题中没有机关名称，按文末落款读取为“{meta.agency}”")
        return
    named = agency_in_preface(meta.preamble, meta.year)
    if named:
        meta.agency = named
        notes.append(f"标题中没有机关名称，按前言中报告所述的机关读取为“{meta.agency}”")
        return
    publisher = _publisher_in_metadata(body)
    if publisher:
        meta.agency = publisher
        notes.append(f"标题中没有机关名称，按页面信息表中的发布机构读取为“{meta.agency}”")
        return
    declared = _declared_title(body) if parsed else None
    if declared is not None and parsed is not None and declared.agency and declared.year == parsed.year:
        meta.agency = declared.agency
        notes.append(f"标题中没有机关名称，按网页标题“{one_line(body.declared_title)}”读取为“{meta.agency}”")
    else:
        _agency_in_other_words(body, meta, parsed, notes)


def _agency_in_other_words(body: _Body, meta: Metadata, parsed: Title | None, notes: list[str]) -> None:
    """The agency as the report's words name it otherwise: the words about the report opening 一
    (a page without a preface puts them there), its work named with the year first, the organ said
    to have compiled it, the organ to contact (in the preface or in words of it opening 一), the
    organ opening the preface's or 一's first sentence — else a note asking the clerk."""
    one = "\n".join(line.text for line in body.sections.get(newest_form().sections[0].key, [])[:3])
    named = (agency_in_preface(one, meta.year) or agency_in_words(meta.preamble, meta.year)
             or agency_in_words(one, meta.year))
    contact = "" if named else agency_to_contact(meta.preamble) or agency_to_contact(one)
    opening = agency_as_subject(meta.preamble) if not (named or contact) else ""
    subject = "" if named or contact else opening or agency_as_subject(one)
    if named:
        meta.agency = named
        notes.append(f"标题中没有机关名称，按前言中报告所述的机关读取为“{meta.agency}”")
    elif contact:
        meta.agency = contact
        notes.append(f"标题中没有机关名称，按前言中的联系单位读取为“{meta.agency}”，请核对")
    elif subject:
        meta.agency = subject
        where = "前言开头" if opening else "“总体情况”开头"
        notes.append(f"标题中没有机关名称，按{where}所述的机关读取为“{meta.agency}”，请核对")
    elif parsed:
        notes.append("标题中没有机关名称，请在报告信息中填写")
    else:
        notes.append("没有找到报告的机关名称（正文中没有标题，前言和落款中也没有写明），请在报告信息中填写")


# the fields of a 政府信息公开目录 entry that name the organ publishing it
_PUBLISHER_FIELDS = re.compile(r"^(?:发布|发文|公开|信息公开|责任)(?:机构|机关|单位|主体|部门)[:：]?$")


def _publisher_in_metadata(body: _Body) -> str:
    """The organ a table that is no report table names in its publishing field (``发布机构 | XX局``,
    the label spaced or not), when it ends like an agency."""
    for grid in body.grids:
        if has_report_labels(grid):
            continue
        for row in grid.occ:
            cells = [row[c] for c in sorted(row)]
            for label, value in zip(cells, cells[1:]):
                if label is value or not _PUBLISHER_FIELDS.match(re.sub(r"\s+", "", clean(label.text))):
                    continue
                organ = one_line(clean(value.text)).strip()
                if organ and len(organ) <= MAX_AGENCY and looks_like_agency(organ):
                    return organ
    return ""


def _title_elsewhere(body: _Body, notes: list[str]) -> Title | None:
    """For a text without a title line: the title as a cell of a table that is no report table
    (a 信息公开目录 page's metadata: 标题 | XX局2023年政府信息公开工作年度报告), else the page's own
    name (``<title>``)."""
    for grid in body.grids:
        if has_report_labels(grid):
            continue
        for cell in grid.cells:
            text = clean(cell.text)
            parsed = parse_title(text) if len(text) <= MAX_TITLE else None
            if parsed is not None:
                notes.append(f"正文中没有年报标题，按页面信息表中的“{one_line(text)}”读取年度和机关名称")
                return parsed
    parsed = _declared_title(body)
    if parsed is not None:
        notes.append(f"正文中没有年报标题，按网页标题“{one_line(body.declared_title)}”读取机关名称和年度")
    return parsed


def _related(agency: str, organ: str) -> bool:
    """One names the other (``XX县人民政府`` / ``XX县人民政府办公室``)."""
    return agency in organ or organ in agency


def _declared_title(body: _Body) -> Title | None:
    """The title a web page gives itself (``<title>XX局2023年…年度报告_XX区人民政府</title>``), for
    a text without a title or whose title names no agency: the part of it that reads as a report's title."""
    for part in re.split(r"[_|｜\-—]+", body.declared_title):
        parsed = parse_title(part)
        if parsed is not None:
            return parsed
    return None


def _read_signature(body: _Body, meta: Metadata, notes: list[str]) -> None:
    """The end of the last section: its 落款 (issuing organ and date) when it has one, else the
    end of its content; what follows is no part of the report (a page number, a site footer)."""
    if not body.sections:
        return
    key = next(reversed(body.sections))
    lines = body.sections[key]
    end = ending(lines)
    body.bounds.after_end.extend(line.text for line in lines[end.signed:])
    body.sections[key] = lines[:end.keep]
    meta.issuing_organ, meta.date = end.organ, end.date
    if end.date:
        notes.append("文末落款按" + "、".join(x for x in (end.organ, end.date) if x) + "读取")


def _organ_wrapped(body: _Body, meta: Metadata) -> None:
    """A 落款's organ wrapped over two lines (a narrow cell of a borderless table: ``某某区人民政府办``
    / ``公室``) is the agency the title names when the line above the organ read and it make that
    name: the line is the organ's, no text of the last section."""
    if not body.sections or not meta.issuing_organ or meta.issuing_organ == meta.agency \
            or not meta.agency.endswith(meta.issuing_organ):
        return
    lines = body.sections[next(reversed(body.sections))]
    if lines and normalise_text(lines[-1].text + meta.issuing_organ) == normalise_text(meta.agency):
        meta.issuing_organ = meta.agency
        lines.pop()


def _form_of(located: Located | None, year: int, has_tables: bool, notes: list[str]) -> FormSpec:
    """The version the tables' labels show (ties: the year's)."""
    if located is None:
        if not has_tables:
            notes.append("文档中没有表格，只读取了文字部分")
        return form_for_year(year) if year else newest_form()
    form = located.form
    note = located.version_note(year)   # None unless the version was guessed
    if note is not None:
        notes.append(note)
    elif year and not form.applies_to(year):
        notes.append(f"报告年度为{year}年，但表格是{form.version}版格式，按表格读取")
    return form


def _note_missing_tables(form: FormSpec, read: TablesRead, notes: list[str], pictured: set[str]) -> None:
    """What of the report tables was not found; a table not found in a part where a picture stands
    is said to be one (its figures cannot be read: no OCR)."""
    located = read.located
    found_tables = located.tables_found if located is not None else []
    for table_id, spec in form.tables.items():
        if table_id not in found_tables:
            has_section = _has_section(form, table_id)
            heading = form.section(table_id).heading if has_section else table_id
            if has_section and table_id in pictured:
                notes.append(Note(f"表{table_id}（{heading}）在原文中是图片，图片中的数字无法读取（本软件不做文字识别），"
                                  "该表按空白处理；请在导入后对照原文填写该表", "unplaced"))
            else:
                notes.append(Note(f"没有找到表{table_id}（{heading}）的表格，按空白处理；"
                                  "请在导入后填写该表，或检查文件中该表的标签是否与官方格式一致", "unplaced"))
            continue
        missing_cells = [c.key for c in spec.cells
                         if c.key not in located.placements and c.key not in located.accounted]  # type: ignore[union-attr]
        if missing_cells:
            shown = "、".join(k.name(limit=14) for k in missing_cells[:5])
            more = f"等 {len(missing_cells)} 个" if len(missing_cells) > 5 else ""
            notes.append(Note(f"表{table_id}中没有找到 {shown}{more}单元格，按空白读取；请在导入后核对并填写这些数字", "unplaced"))
    if located is not None:
        notes.extend(located.read_as)
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
