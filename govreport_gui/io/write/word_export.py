"""Export of a report to Word in the official format of its version, with a self-check.

Everything comes from the format declaration: the headings from ``form.sections``, the three
tables from ``form.tables[id].grid`` (a ``GridCell``'s rowspan/colspan become ``w:vMerge`` /
``w:gridSpan``).  Styles, paper, margins and page numbers come from the template
(``resources/report-template.docx``, see ``word_template``); the exporter refers to the styles
by name only.

Every table cell is filled (a blank input is written ``0``), totals are recomputed, money carries
its unit where the column header names none, header rows repeat on a new page, no row is split
across pages and no group of rows of 三 (（三）不予公开 and its leaves …) either.  After building,
the document is re-opened from the very bytes that will be written and every figure of every
table is read back with the Word importer's table reader and compared with the report; only then
is the file written (atomically, so a failed export leaves any existing file untouched).
"""

from __future__ import annotations

import io
import math
import re
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from ...core.errors import WriteError, error_code
from ...core.forms import CellKey, FormSpec, GridCell, Role, TableSpec
from ...core.recalc import recalculate
from ...core.report import Report
from ...core.serialize import write_atomic
from ...core.values import Value, format_value, text_and_table_notes, value_with_unit
from ..safety.text_safety import xml_safe
from . import word_template as tpl

W_NS = tpl.W_NS
TITLE_LINE_CHARS = tpl.TEXT_WIDTH // (22 * 20)       # characters of 2号 on one line (20)
RUN_IN_MAX = 40                                      # longest run-in heading, in characters
_LEVEL2 = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")
_LEVEL3 = re.compile(r"^\d{1,2}[.．](?!\d)")
_CELL_MARGIN = 57 * 2
# Characters XML 1.0 cannot hold (a control character pasted from elsewhere would make python-docx
# refuse the whole export); vertical tab / form feed are Word's line and page breaks.


def template_path() -> Path:
    """The office's own template when ``GOVREPORT_WORD_TEMPLATE`` names one, else the bundled one."""
    import os

    from ...resources import resource

    own = os.environ.get("GOVREPORT_WORD_TEMPLATE")
    return Path(own) if own else resource("report-template.docx")


# ---------------------------------------------------------------------------------------------
# Entry point


def write_docx(path: Path, report: Report, previous: Report | None = None, *,
               template: Path | None = None) -> list[str]:
    """Write ``report`` as a Word document; returns notes (including the self-check result).

    Raises ``WriteError`` (Chinese message) when the file cannot be written or the self-check
    finds a difference — in both cases nothing is written."""
    path = Path(path)
    _check_target(path)
    data, notes = render_docx(report, template)
    notes.append(self_check(data, report))
    write_atomic(path, data)
    notes += open_errors(report, previous)
    return notes


def open_errors(report: Report, previous: Report | None = None) -> list[str]:
    """A reminder when the exported report still has errors (e.g. a table that does not balance):
    the document shows the figures as they are, and it is about to be signed and published."""
    from ...core.checks import check_report
    from ...core.findings import Severity

    errors = [f for f in check_report(report, previous) if f.severity is Severity.ERROR and f.is_open]
    if not errors:
        return []
    first = errors[0].message
    return [f"注意：报告还有 {len(errors)} 个错误没有改正（如：{first}）。导出的文档如实写出了这些数字，"
            "请改正后重新导出，再盖章发布。"]


def _check_target(path: Path) -> None:
    if path.is_dir():
        raise WriteError(f"无法导出到“{path}”：这是一个文件夹。请输入文件名（如“年度报告.docx”）。")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise WriteError(f"无法导出到“{path}”：文件夹“{folder}”不存在。请选择其他位置。")
    for lock in (folder / f".~lock.{path.name}#", folder / f"~${path.name}", folder / f"~${path.name[2:]}",
                 folder / f".~{path.name}"):
        if path.exists() and lock.exists() and lock != path:
            raise WriteError(f"“{path.name}”正被 Word、WPS 或 LibreOffice 打开。请先关闭该文件，"
                             "或导出为其他文件名。")


def render_docx(report: Report, template: Path | None = None) -> tuple[bytes, list[str]]:
    document, notes = build_document(report, template)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), notes


# ---------------------------------------------------------------------------------------------
# Building the document


def build_document(report: Report, template: Path | None = None):
    import docx

    source = Path(template) if template else template_path()
    try:
        document = docx.Document(str(source))
    except Exception as exc:  # a missing or broken template must not show a traceback
        raise WriteError(f"Word 模板“{source}”无法打开{error_code(exc)}。请恢复模板文件或重新安装。") from exc
    notes: list[str] = []
    added = tpl.ensure_styles(document)
    if added and template:
        notes.append("模板缺少样式，已按默认格式补充：" + "、".join(added))
    body = document.element.body
    sect = body.find(f"{{{W_NS}}}sectPr")
    for child in list(body):
        if child is not sect:
            body.remove(child)
    writer = _Writer(document, sect)
    form = report.form
    values = dict(report.values)
    values.update(recalculate(form, report.values))

    _write_title(writer, report, notes)
    for line in _lines(report.meta.preamble):
        writer.prose(line)
    for section in form.sections:
        writer.paragraph("heading1", section.heading)
        text = report.sections.get(section.key, "")
        above, under = text_and_table_notes(text) if section.table else (text.split("\n"), [])
        before = len(document.paragraphs)
        for line in _lines("\n".join(above)):
            writer.prose(line)
        if section.table and kept_whole(form.tables[section.table]):  # the heading and its text stay with the table
            for paragraph in document.paragraphs[before:]:
                paragraph.paragraph_format.keep_with_next = True
        if section.table:
            writer.table(form, form.tables[section.table], values)
            for line in _lines("\n".join(under)):   # 注：… under the table it explains
                writer.prose(line)
        elif not text.strip():
            notes.append(f"“{section.heading}”没有正文（导出的文档中该部分为空）")
    _write_signature(writer, report)
    props = document.core_properties
    props.title = xml_safe(report.title())
    props.author = xml_safe(report.meta.issuing_organ or report.meta.agency) or "年报编制助手"
    props.comments = f"{form.name}（{form.basis}）"
    return document, notes


def _write_signature(writer: "_Writer", report: Report) -> None:
    """落款: the issuing organ and the date, each on its own right-aligned line, two empty lines
    below the text.  The last paragraph of the text is kept on the page of the signature, so the
    signature never stands alone on the last page (GB/T 9704)."""
    lines = [part for line in (report.meta.issuing_organ, report.meta.date) for part in _lines(line)]
    if not lines:
        return
    paragraphs = writer.document.paragraphs
    if paragraphs:
        paragraphs[-1].paragraph_format.keep_with_next = True
    for style, text in [("body", ""), ("body", "")] + [("signature", line) for line in lines]:
        writer.paragraph(style, text).paragraph_format.keep_with_next = True
    writer.document.paragraphs[-1].paragraph_format.keep_with_next = None  # the style decides


def _write_title(writer: "_Writer", report: Report, notes: list[str]) -> None:
    title = xml_safe(report.title()).replace("\n", "")
    head = xml_safe(f"{report.meta.agency}{report.meta.year}年" if report.meta.year else report.meta.agency).replace("\n", "")
    if not report.meta.agency:
        notes.append("报告未填写机关名称，标题中没有机关名称")
    if not report.meta.year:
        notes.append("报告未填写报告年度，标题中没有年度")
    if len(title) > TITLE_LINE_CHARS and head and title.startswith(head) and len(title) > len(head):
        writer.paragraph("title", head)
        writer.paragraph("title", title[len(head):])
    else:
        writer.paragraph("title", title)
    writer.paragraph("body", "")


def _lines(text: str) -> list[str]:
    return [line.strip(" \t\u3000\xa0") for line in xml_safe(text).split("\n") if line.strip(" \t\u3000\xa0")]


def split_run_in(text: str) -> tuple[str, str, str]:
    """(level, heading part, rest) of a prose paragraph: level "2" for ``（一）…``, "3" for
    ``1.…``, "" for plain prose.  The heading part ends at the first ``。`` within RUN_IN_MAX
    characters; a short paragraph without one is a heading on its own line."""
    level = "2" if _LEVEL2.match(text) else ("3" if _LEVEL3.match(text) else "")
    if not level:
        return "", "", text
    stop = text.find("。", 0, RUN_IN_MAX + 1)
    if stop >= 0:
        return level, text[:stop + 1], text[stop + 1:]
    if len(text) <= RUN_IN_MAX:
        return level, text, ""
    return "", "", text


class _Writer:
    def __init__(self, document, sect) -> None:
        self.document = document
        self.sect = sect
        self.styles = {s.name: s for s in document.styles}
        self.ids = {key: self.styles[name].style_id for key, name in tpl.STYLE_NAMES.items()
                    if name in self.styles}
        section = document.sections[0]
        try:  # the template's text width (an office template may have other margins)
            self.text_width = int(section.page_width.twips - section.left_margin.twips
                                  - section.right_margin.twips)
        except (AttributeError, TypeError):
            self.text_width = tpl.TEXT_WIDTH
        if not 2000 <= self.text_width <= 20000:
            self.text_width = tpl.TEXT_WIDTH

    def style(self, key: str):
        return self.styles[tpl.STYLE_NAMES[key]]

    def paragraph(self, style_key: str, text: str):
        p = self.document.add_paragraph(style=self.style(style_key))
        text = xml_safe(text)
        if text:
            p.add_run(text)
        return p

    def prose(self, text: str) -> None:
        level, heading, rest = split_run_in(text)
        if level == "2" and not rest:
            self.paragraph("heading2", heading)
            return
        p = self.document.add_paragraph(style=self.style("body"))
        if level:
            p.add_run(heading, style=self.style("heading2_run" if level == "2" else "heading3_run"))
        if rest:
            p.add_run(rest)

    # -- tables --------------------------------------------------------------------------

    def table(self, form: FormSpec, spec: TableSpec, values: dict[CellKey, Value]) -> None:
        from docx.oxml import parse_xml

        text_style = self.ids.get(tpl.table_text_key(spec.id), self.ids["table_text"])
        size_pt = _font_size_pt(self.styles, tpl.STYLE_NAMES.get(tpl.table_text_key(spec.id), tpl.STYLE_NAMES["table_text"]))
        widths = column_widths(spec, size_pt, self.text_width)
        slots = _slots(spec)
        label_cols = {c for c in range(spec.n_cols)
                      if not any(g.key and g.col <= c < g.col + g.colspan for g in spec.grid)}
        left_labels = len(label_cols) > 1
        header_rows = spec.header_rows
        keep_rows = set(range(spec.n_rows - 1)) if kept_whole(spec) else set(range(header_rows)) | kept_groups(spec)
        out = [f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblStyle w:val="{self.ids["table"]}"/>'
               f'<w:tblW w:w="{self.text_width}" w:type="dxa"/><w:jc w:val="center"/>'
               '<w:tblLayout w:type="fixed"/>'
               '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
               'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>']
        out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
        out.append("</w:tblGrid>")
        for r in range(spec.n_rows):
            out.append("<w:tr><w:trPr><w:cantSplit/>")
            if r < header_rows:
                out.append("<w:tblHeader/>")
            out.append('<w:trHeight w:val="340" w:hRule="atLeast"/><w:jc w:val="center"/></w:trPr>')
            c = 0
            while c < spec.n_cols:
                g = slots.get((r, c))
                keep = r in keep_rows  # every paragraph of the row: Word keeps a row with the next by them
                if g is None:  # a slot the declaration leaves empty
                    out.append(self._tc(widths[c], 1, None, "", text_style, "center", False, keep))
                    c += 1
                    continue
                width = sum(widths[g.col:g.col + g.colspan])
                merge = None
                if g.rowspan > 1:
                    merge = "restart" if g.row == r else "continue"
                if merge == "continue":
                    out.append(self._tc(width, g.colspan, merge, "", text_style, "center", False, keep))
                else:
                    text, align = _cell_text(form, g, values, left_labels)
                    if g.role is Role.HEADER and g.key is None:
                        text = balanced_wrap(text, width, size_pt)
                    out.append(self._tc(width, g.colspan, merge, text, text_style, align,
                                        g.role is Role.CAPTION, keep))
                c += g.colspan
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.sect.addprevious(parse_xml("".join(out)))
        # An empty paragraph after the table keeps the next heading off the table's border.
        self.paragraph("body", "")

    @staticmethod
    def _tc(width: int, span: int, merge: str | None, text: str, style_id: str, align: str,
            shaded: bool, keep: bool) -> str:
        props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
        if span > 1:
            props.append(f'<w:gridSpan w:val="{span}"/>')
        if merge:
            props.append(f'<w:vMerge w:val="{merge}"/>')
        if shaded:
            props.append('<w:shd w:val="clear" w:color="auto" w:fill="DCE6F2"/>')
        props.append('<w:vAlign w:val="center"/>')
        ppr = f'<w:pStyle w:val="{style_id}"/>' + ("<w:keepNext/>" if keep else "") + f'<w:jc w:val="{align}"/>'
        paragraphs = []
        for line in (text.split("\n") if text else [""]):
            run = f'<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r>' if line else ""
            paragraphs.append(f"<w:p><w:pPr>{ppr}</w:pPr>{run}</w:p>")
        return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{''.join(paragraphs)}</w:tc>"


def kept_whole(spec: TableSpec) -> bool:
    """Whether a table is kept on one page: one without column headers to repeat (二: its
    headers are bands inside the table, a part on the next page would have none) or a short one
    (四).  Such a table's rows are all kept with the next; the others (三) may break between rows,
    their header rows repeated on the new page and kept with the first row under them."""
    return spec.header_rows == 0 or spec.n_rows <= 2 * spec.header_rows


def kept_groups(spec: TableSpec) -> set[int]:
    """The grid rows kept with the next so that no page breaks inside a group of rows: each
    group of 三 (（三）不予公开 with its 8 leaves, （四）, （五）, （六） of 2021) stays together with
    its label, which stands in the group's first row; only a group's last row may end a page."""
    row_of = {g.key.row: g.row for g in spec.grid if g.key is not None}
    kept: set[int] = set()
    for group in spec.groups:
        rows = sorted({row_of[r] for r in group.rows if r in row_of})
        kept.update(rows[:-1])
    return kept


def _slots(spec: TableSpec) -> dict[tuple[int, int], GridCell]:
    slots: dict[tuple[int, int], GridCell] = {}
    for g in spec.grid:
        for r in range(g.row, g.row + g.rowspan):
            slots[(r, g.col)] = g
            for c in range(g.col + 1, g.col + g.colspan):
                slots.setdefault((r, c), g)
    return slots


def _cell_text(form: FormSpec, g, values: dict[CellKey, Value], left_labels: bool) -> tuple[str, str]:
    if g.key is None:
        if g.role is Role.CAPTION:
            return g.text, "left"
        if g.role is Role.LABEL and left_labels and g.rowspan == 1:
            return g.text, "left"
        return g.text, "center"
    return cell_value_text(form, g.key, values.get(g.key)), "center"


def cell_value_text(form: FormSpec, key: CellKey, value: Value) -> str:
    """The text of a value cell: blank → ``0``; money with ``万元`` unless its header names it."""
    if value is None or value == 0:
        return "0"
    return value_with_unit(value, form.cell(key))


def balanced_wrap(text: str, width: int, font_pt: float) -> str:
    """A short header too wide for its cell, broken into lines of equal length (``商业\n企业``)
    instead of leaving one character on the last line."""
    per_line = max(1, int((width - _CELL_MARGIN) // (font_pt * 20 * 1.1)))  # 10% for the renderer
    if len(text) <= per_line or len(text) > 4 * per_line or "\n" in text:
        return text
    lines = math.ceil(len(text) / per_line)
    size = math.ceil(len(text) / lines)
    return "\n".join(text[i:i + size] for i in range(0, len(text), size))


def _font_size_pt(styles: dict, name: str) -> float:
    style = styles.get(name)
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    return 10.5


def column_widths(spec: TableSpec, font_pt: float, text_width: int = tpl.TEXT_WIDTH) -> list[int]:
    """Grid column widths (twips) filling the text width: label columns as wide as their labels
    need (a group label spanning rows takes two lines of at most 5 characters, a long leaf label
    wraps at 14), value columns sharing the rest equally."""
    char = font_pt * 20
    value_cols = {c for g in spec.grid if g.key for c in range(g.col, g.col + g.colspan)}
    label_cols = [c for c in range(spec.n_cols) if c not in value_cols]
    if not label_cols:
        return _spread(text_width, spec.n_cols)
    need = {}
    for c in label_cols:
        chars = 4
        for g in spec.grid:
            if g.col == c and g.colspan == 1 and g.text and g.role is Role.LABEL:
                n = len(g.text)
                # a group label spanning rows may wrap onto two lines; a leaf wraps at 14 chars
                chars = max(chars, min(n, 14) if g.rowspan == 1 else min(math.ceil(n / 2), 5))
        need[c] = int((chars + 0.5) * char + _CELL_MARGIN)  # half a character of slack
    n_values = len(value_cols)
    rest = text_width - sum(need.values())
    min_value = int(3 * char + _CELL_MARGIN)
    if n_values and rest < n_values * min_value:  # shrink the label columns proportionally
        scale = (text_width - n_values * min_value) / sum(need.values())
        need = {c: int(w * scale) for c, w in need.items()}
        rest = text_width - sum(need.values())
    value_widths = _spread(rest, n_values) if n_values else []
    widths, it = [], iter(value_widths)
    for c in range(spec.n_cols):
        widths.append(need[c] if c in need else next(it))
    widths[-1] += text_width - sum(widths)
    return widths


def _spread(total: int, n: int) -> list[int]:
    base = total // n
    return [base + (1 if i < total - base * n else 0) for i in range(n)]


# ---------------------------------------------------------------------------------------------
# Self-check


def self_check(data: bytes, report: Report) -> str:
    """Re-open the document and compare every figure of every table (and the headings) with the
    report; raises ``WriteError`` listing the differences."""
    from ..published.tables import read_tables
    from ..published.word_import import W, cell_text, document_grids, open_docx_body

    form = report.form
    expected: dict[CellKey, Value] = dict(report.values)
    expected.update(recalculate(form, report.values))
    try:
        body = open_docx_body(data, "导出的文档")
        read = read_tables(document_grids(body), form=form)
    except Exception as exc:  # the check itself failing is a failed export too
        raise WriteError(f"导出后复核失败：无法重新打开生成的文档{error_code(exc)}。文件未保存。") from exc
    differences: list[str] = list(read.problems)
    got = read.values
    checked = 0
    for table_id, spec in form.tables.items():
        for cell in spec.cells:
            key = cell.key
            want = expected.get(key) or 0
            if key not in got:
                differences.append(f"{key.name()}未找到")
                continue
            have = got[key] or 0   # a figure read_tables parsed: int or Decimal
            checked += 1
            if Decimal(have) != Decimal(want):  # type: ignore[arg-type]
                differences.append(f"{key.name()}应为{format_value(want)}，文档中为{format_value(have)}")  # type: ignore[arg-type]
    texts = {cell_text(p).strip() for p in body.iterchildren(f"{W}p")}
    for section in form.sections:
        if section.heading not in texts:
            differences.append(f"缺少标题“{section.heading}”")
    if differences:
        shown = "；".join(differences[:8])
        more = f"；另有 {len(differences) - 8} 处" if len(differences) > 8 else ""
        raise WriteError(f"导出后复核发现 {len(differences)} 处与报告不一致：{shown}{more}。文件未保存，请联系技术支持。")
    return ReadBack(f"导出后复核：三张表共 {checked} 个数字已逐一读回，与报告一致。", checked)


class ReadBack(str):
    """The self-check's note, carrying how many figures were read back from the document."""

    figures: int

    def __new__(cls, text: str, figures: int) -> "ReadBack":
        note = super().__new__(cls, text)
        note.figures = figures
        return note


def read_back_count(note: str) -> int | None:
    """How many figures a note says were read back and found equal (``None``: another note)."""
    return note.figures if isinstance(note, ReadBack) else None
