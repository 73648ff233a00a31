"""A published report from its blocks, whatever file it came from (Word, web page, PDF).

The blocks are walked in order: the title (agency and year, ``report_title``), an optional
preamble, the six section headings (``heading_key`` accepts the declared variants, ``1、``
numbering from Word's auto-numbering and a heading without its numeral), the prose of each
section, the tables (``tables.read_tables``) and the signature (落款) after 六.  Printed totals
go to ``report.printed`` (the checks compare them with the recomputed ones).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...core.errors import ReadError
from ...core.forms import FORMS, FormSpec, form_for_year, newest_form
from ...core.report import Metadata, Report
from ...core.values import normalise_text
from ..locate.labels import canonical_label, heading_key
from ..locate.table_locate import Located
from ..notes import Note
from ..registry import ImportResult
from .blocks import Block, Grid, clean, one_line
from .report_title import parse_title, period_year
from .tables import TablesRead, read_tables, unknown_labels

_DATE_RE = re.compile(r"^(?:19|20)\d{2}年\d{1,2}月\d{1,2}日$")
_DATE_CN_RE = re.compile(r"^[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$")


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
            text = clean(line)
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
            notes.append("标题前的文字未读取：" + "／".join(one_line(t) for t in head[:start]))
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
    notes.append("落款之后的文字（页码、网站页脚等）未读取：" + "／".join(one_line(t) for t in trailer))


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
