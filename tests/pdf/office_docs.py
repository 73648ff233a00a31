"""Reports written in Word the way agencies write them, for LibreOffice to print to PDF: built in
code with python-docx, each ``Look`` one agency's habits.

* ``font``: the body in 仿宋, 宋体 or 黑体 (printed in Noto Serif or Sans CJK in their place);
* ``label``: 三's ``三、本年度办理结果`` written one character a line, rotated (``btLr``) or set
  upright in a vertical text direction (``tbRl``);
* ``header``: 三's header over three rows (the official one) or two (``申请人情况`` left out);
* ``narrow``: number columns squeezed so that ``商业企业`` breaks as ``商业/企业``;
* ``filler``: paragraphs before 三's table pushing it across a page break; ``repeat``: its header
  rows repeated on the new page; ``continued``: the table cut in two by hand with a ``续表`` line
  (and the header typed again or not);
* ``landscape``: 三 on a landscape page of its own; ``footer``: page numbers (``第 1 页 共 6 页``,
  ``– 1 –``), ``running``: a running header;
* ``zero``: how a zero is printed (``0``, blank, ``—``);
* ``rules``: the tables' borders — a full grid, double lines, horizontal rules only, or none;
* ``pictures``: the tables pasted as pictures (their ids); ``attached``: the tables left to an attachment;
* ``misprint``: 三's 总计 of that row printed one more than the row's figures add up to.

The figures and words are the report's: ``expected`` is what a reader must find.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from govreport_gui.core.forms.spec import Role, TableSpec
from govreport_gui.core.recalc import all_values
from govreport_gui.core.report import Report
from govreport_gui.core.values import value_with_unit

FONTS = {"fangsong": "仿宋_GB2312", "song": "宋体", "hei": "黑体"}
#: The fonts of an agency's office are not installed here: the document names the installed
#: substitutes (LibreOffice would print every one of them in one fallback font otherwise).
SUBSTITUTES = {"仿宋_GB2312": "Noto Serif CJK SC", "宋体": "Noto Serif CJK SC", "方正小标宋简体": "Noto Serif CJK SC",
               "黑体": "Noto Sans CJK SC"}

WORDS = {
    "一": "本年度，本机关把政务公开作为转变作风的一项日常工作来抓，年初印发工作要点，明确分管领导和专职人员。\n"
          "（一）主动公开。围绕重点领域及时发布政策文件和办事信息，重要文件同步发布解读材料。\n"
          "（二）依申请公开。统一受理渠道，逐件登记，按期答复，答复文书载明依据和救济途径。\n"
          "（三）政府信息管理。落实公开前保密审查，对已公开信息定期清理。\n"
          "（四）平台建设。调整网站公开专栏的栏目设置，完善站内检索。\n"
          "（五）监督保障。把公开工作纳入年度目标考核，组织业务培训一次。",
    "二": "本年度主动公开的主要数据见下表。",
    "三": "本年度收到和办理申请的情况见下表。",
    "四": "本年度涉及政府信息公开的复议和诉讼情况见下表。",
    "五": "一是部分栏目更新不够及时；二是解读形式较少。下一步将落实栏目维护责任，增加图解和问答式解读。",
    "六": "本年度未收取信息处理费。",
}

FILLER = "（附注）本表按申请人类型分列，申请人为个体工商户的计入商业企业。"


@dataclass(frozen=True)
class Look:
    version: str = "2021"
    font: str = "fangsong"
    label: str = "lines"        # "lines" | "chars" | "btLr" | "tbRl"
    header: int = 3
    narrow: bool = False
    filler: int = 0
    repeat: bool = False
    continued: str = ""         # "" | "header" | "bare": 三 cut by hand, 续表, header typed again or not
    landscape: bool = False
    footer: str = ""            # "" | "of" | "dash"
    running: str = ""
    zero: str = "0"             # "0" | "" | "—"
    rules: str = "grid"         # "grid" | "double" | "horizontal" | "none"
    pictures: str = ""           # the ids of the tables pasted as pictures
    attached: bool = False
    sparse: bool = False        # many zeros (so that ``zero`` shows)
    misprint: str = ""          # a total printed one more than its addends (the cell's row label)
    justify: bool = False       # the prose justified (两端对齐), as WPS's templates set it
    flush_headings: bool = False   # the headings at the left margin, not indented
    one_line_title: bool = False


def expected(report: Report) -> dict:
    """Every figure a reader must find: inputs and the recomputed totals."""
    return all_values(report.form, report.values)


# ---------------------------------------------------------------------------------------------
# Low-level Word XML


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn
    return qn(tag)


def _element(tag: str, **attrs: str):
    from docx.oxml import OxmlElement
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(_qn(f"w:{key}"), value)
    return el


def _east_asian(run, font: str, size: float | None = None, bold: bool = False) -> None:
    from docx.shared import Pt
    run.font.name = "Times New Roman"
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(_qn("w:rFonts"))
    if fonts is None:
        fonts = _element("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(_qn("w:eastAsia"), SUBSTITUTES.get(font, font))
    if size:
        run.font.size = Pt(size)
    run.bold = bold or None


def _field(paragraph, instr: str) -> None:
    field = _element("w:fldSimple", instr=instr)
    run = _element("w:r")
    text = _element("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


# ---------------------------------------------------------------------------------------------
# The document


def write_docx(report: Report, look: Look, path: Path, picture: Path | None = None) -> None:
    """The report as an agency types it in Word, saved at ``path`` (.docx)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    _page_setup(doc.sections[0], look)
    font = FONTS[look.font]
    centre = WD_ALIGN_PARAGRAPH.CENTER
    body = WD_ALIGN_PARAGRAPH.JUSTIFY if look.justify else None
    if look.one_line_title:
        _para(doc, f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告", "方正小标宋简体", 18, align=centre)
    else:
        _para(doc, f"{report.meta.agency}{report.meta.year}年", "方正小标宋简体", 22, align=centre)
        _para(doc, "政府信息公开工作年度报告", "方正小标宋简体", 22, align=centre)
    _para(doc, report.meta.preamble, font, 16, indent=True, align=body)
    values = expected(report)
    for section in report.form.sections:
        _para(doc, section.heading, "黑体", 16, indent=not look.flush_headings)
        for text in report.sections.get(section.key, "").split("\n"):
            if text:
                _para(doc, text, font, 16, indent=True, align=body)
        if section.table == "三":
            for _ in range(look.filler):
                _para(doc, FILLER, font, 16, indent=True, align=body)
        if section.table and look.attached:
            continue
        if section.table:
            _table_in(doc, report.form.table(section.table), values, look, picture)
    if look.attached:
        _para(doc, "附件：政府信息公开工作年度报告统计表（另附）", font, 16, indent=True)
    right = WD_ALIGN_PARAGRAPH.RIGHT
    _para(doc, report.meta.issuing_organ, font, 16, align=right)
    _para(doc, report.meta.date, font, 16, align=right)
    doc.save(str(path))


def _page_setup(section, look: Look) -> None:
    from docx.shared import Mm
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    if look.footer:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = 1
        if look.footer == "of":
            paragraph.add_run("第 ")
            _field(paragraph, "PAGE")
            paragraph.add_run(" 页 共 ")
            _field(paragraph, "NUMPAGES")
            paragraph.add_run(" 页")
        else:
            paragraph.add_run("– ")
            _field(paragraph, "PAGE")
            paragraph.add_run(" –")
    if look.running:
        section.header.paragraphs[0].text = look.running


def _para(doc, text: str, font: str, size: float, indent: bool = False, align=None, bold: bool = False):
    from docx.shared import Pt
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing = Pt(28) if size >= 16 else None
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(2 * size)
    if align is not None:
        paragraph.alignment = align
    _east_asian(paragraph.add_run(text), font, size, bold)
    return paragraph


# ---------------------------------------------------------------------------------------------
# Tables


def _table_in(doc, spec: TableSpec, values: dict, look: Look, picture: Path | None) -> None:
    if spec.id in look.pictures and picture is not None:
        from docx.shared import Mm
        doc.add_picture(str(picture), width=Mm(150))
        return
    if spec.id == "三" and look.landscape:
        _new_section(doc, landscape=True)
    rows = _rows_of(spec, look)
    if spec.id == "三" and look.continued:
        cut = spec.header_rows + 12
        head = list(range(spec.header_rows)) if look.continued == "header" else []
        _word_table(doc, spec, values, look, rows[:cut])
        doc.add_page_break()
        _para(doc, "续表", FONTS[look.font], 12)
        _word_table(doc, spec, values, look, [rows[r] for r in head] + rows[cut:])
    else:
        _word_table(doc, spec, values, look, rows)
    if spec.id == "三" and look.landscape:
        _new_section(doc, landscape=False)


def _new_section(doc, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT, WD_SECTION
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    width, height = section.page_width, section.page_height
    if landscape != (width > height):
        section.page_width, section.page_height = height, width
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT


def _rows_of(spec: TableSpec, look: Look) -> list[list]:
    """The grid's cells row by row; 三's header over two rows leaves out ``申请人情况`` (the note
    cell one row shorter)."""
    from dataclasses import replace

    by_row: dict[int, list] = {}
    for cell in spec.grid:
        by_row.setdefault(cell.row, []).append(cell)
    rows = [sorted(by_row.get(r, []), key=lambda c: c.col) for r in range(spec.n_rows)]
    if spec.id == "三" and look.header == 2:
        note = [replace(c, rowspan=c.rowspan - 1) for c in rows[0] if c.text != "申请人情况"]
        rows = [note + rows[1], *rows[2:]]
    return rows


def _word_table(doc, spec: TableSpec, values: dict, look: Look, rows: list[list]) -> None:
    index: dict[int, int] = {}
    for i, row in enumerate(rows):
        for c in row:
            index.setdefault(c.row, i)
    table = doc.add_table(rows=len(rows), cols=spec.n_cols)
    table.alignment = 1
    _borders(table, look.rules)
    _widths(table, spec, look)
    size = 10.5 if spec.id == "二" else 9 if spec.id == "三" else 8
    for row in rows:
        for cell in row:
            r0 = index[cell.row]
            span_rows = max(1, min(cell.rowspan, len(rows) - r0))
            target = table.cell(r0, cell.col)
            if span_rows > 1 or cell.colspan > 1:
                target = target.merge(table.cell(r0 + span_rows - 1, cell.col + cell.colspan - 1))
            _fill(target, _text(cell, values, spec, look), look, size, vertical=cell.text == "三、本年度办理结果")
    if spec.id == "三" and look.repeat:
        for r in range(spec.header_rows - (3 - look.header)):
            table.rows[r]._tr.get_or_add_trPr().append(_element("w:tblHeader"))


def _text(cell, values: dict, spec: TableSpec, look: Look) -> str:
    if cell.role not in (Role.INPUT, Role.COMPUTED):
        return cell.text
    value = values.get(cell.key)
    if cell.key.row == look.misprint and cell.key.col == spec.total_col and isinstance(value, int):
        value += 1
    if value == 0 and not isinstance(value, Decimal):
        return look.zero
    return value_with_unit(value, spec.cell(cell.key)) if value is not None else ""


def _fill(cell, text: str, look: Look, size: float, vertical: bool) -> None:
    from docx.enum.table import WD_ALIGN_VERTICAL
    from docx.shared import Pt
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    paragraph = cell.paragraphs[0]
    paragraph.alignment = 1
    paragraph.paragraph_format.line_spacing = 1.0
    paragraph.paragraph_format.space_after = Pt(0)
    font = FONTS[look.font]
    if vertical and look.label == "chars":
        for i, ch in enumerate(text):
            run = paragraph.add_run(ch)
            _east_asian(run, font, size)
            if i < len(text) - 1:
                run.add_break()
        return
    if vertical and look.label in ("btLr", "tbRl"):
        cell._tc.get_or_add_tcPr().append(_element("w:textDirection", val=look.label))
    _east_asian(paragraph.add_run(text), font, size)


def _borders(table, rules: str) -> None:
    tbl_pr = table._tbl.tblPr
    borders = _element("w:tblBorders")
    kinds = {"grid": ("single",) * 6, "double": ("double", "double", "double", "double", "single", "single"),
             "horizontal": ("single", "nil", "single", "nil", "single", "nil"), "none": ("nil",) * 6}[rules]
    for side, kind in zip(("top", "left", "bottom", "right", "insideH", "insideV"), kinds):
        borders.append(_element(f"w:{side}", val=kind, sz="4" if kind != "double" else "4", space="0", color="000000"))
    tbl_pr.append(borders)


def _widths(table, spec: TableSpec, look: Look) -> None:
    """Column widths in twentieths of a point over the text block (156 mm ≈ 442 pt)."""
    from docx.shared import Pt
    total = 442.0
    if spec.id == "三":
        labels = (26.0, 48.0, 120.0) if look.narrow else (30.0, 60.0, 100.0)
        number = 24.0 if look.narrow else (total - sum(labels)) / 7
        widths = [*labels, *([number] * 7)]
    else:
        widths = [total / spec.n_cols] * spec.n_cols
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Pt(width)
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(_qn("w:gridCol")), widths):
        col.set(_qn("w:w"), str(int(width * 20)))


# ---------------------------------------------------------------------------------------------
# The reports and the pictures


def report_for(look: Look) -> Report:
    """The report a look prints: every cell a distinct figure, or (``sparse``) mostly zeros."""
    from report_builders import balanced

    from .corpus import published_report

    report = published_report(look.version)
    if look.sparse:
        sparse = balanced(look.version, year=report.meta.year, agency=report.meta.agency)
        report.values.clear()
        report.values.update(sparse.values)
    report.sections.update(WORDS)
    return report


def table_picture(path: Path) -> Path:
    """A picture of a ruled table with a few figures (a table pasted as a picture, or scanned)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (900, 420), "white")
    draw = ImageDraw.Draw(image)
    for x in range(20, 900, 88):
        draw.line([(x, 20), (x, 400)], fill="black", width=2)
    for y in range(20, 420, 38):
        draw.line([(20, y), (900 - 28, y)], fill="black", width=2)
        for x in range(210, 860, 88):
            draw.text((x, y + 12), str((x + y) % 17), fill="black")
    image.save(path)
    return path
