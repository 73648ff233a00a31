"""The check report (校验清单) for the leader who signs the annual report: the rules that were
checked, the errors, the open warnings and the accepted warnings with their reasons — as a Word
document (python-docx) or an Excel workbook (openpyxl), written atomically.
"""

from __future__ import annotations

import datetime as _dt
import io
import logging
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ...core.errors import WriteError
from ...core.findings import Finding, Severity
from ...core.report import METADATA_NAMES, TEXT_METADATA, Report
from ...core.rules import applicable, titles
from ...core.serialize import write_atomic
from ..safety.text_safety import xml_safe
from .sheet_print import fit_a4_width

if TYPE_CHECKING:
    from ...core.ledger.record import LedgerRecord


LOG = logging.getLogger(__name__)


@dataclass
class CheckSummary:
    rules: list[tuple[str, str, int, int, int]]  # (rule id, description, errors, warnings, infos)
    errors: list[Finding]
    open_warnings: list[Finding]
    accepted: list[Finding]
    infos: list[Finding]


def rules_checked(report: Report, previous: Report | None) -> list[str]:
    """The rule ids that apply to this report, in a stable order (``core.rules.applicable``; a
    report filled from a ledger also by ``ledger.changed``)."""
    ids = [rule.id for rule in applicable(report.form, previous is not None)]
    if report.ledger is not None:
        from ...core.rules import LEDGER_CHANGED
        ids.append(LEDGER_CHANGED.id)
    return ids


def summarise(report: Report, findings: list[Finding], previous: Report | None = None) -> CheckSummary:
    ids = rules_checked(report, previous)
    for f in findings:
        if f.rule not in ids and f.severity is not Severity.INFO:
            ids.append(f.rule)
    named = titles(report.form)  # declared with the rules: one text per rule everywhere
    rules = []
    for rule in ids:
        errors = sum(1 for f in findings if f.rule == rule and f.severity is Severity.ERROR)
        warnings = sum(1 for f in findings if f.rule == rule and f.severity is Severity.WARNING)
        infos = sum(1 for f in findings if f.rule == rule and f.severity is Severity.INFO)
        rules.append((rule, named.get(rule, rule), errors, warnings, infos))
    return CheckSummary(
        rules=rules,
        errors=[f for f in findings if f.severity is Severity.ERROR],
        open_warnings=[f for f in findings if f.severity is Severity.WARNING and f.is_open],
        accepted=[f for f in findings if f.severity is Severity.WARNING and not f.is_open],
        infos=[f for f in findings if f.severity is Severity.INFO],
    )


def _title(report: Report) -> str:
    return f"{report.title()}——校验清单"


def _rule_state(errors: int, warnings: int, infos: int = 0) -> str:
    if errors:
        return f"{errors}个错误"
    if warnings:
        return f"{warnings}个警告"
    if infos:
        return "未核对，见提示"
    return "通过"


def _where(f: Finding, report: Report) -> str:
    if f.meta is not None:
        return f"基本信息“{METADATA_NAMES.get(f.meta, f.meta)}”"
    if f.cells:
        tables = sorted({c.table for c in f.cells})
        return "、".join(f"表{t}" for t in tables)
    if f.section:
        try:
            return report.form.section(f.section).heading
        except KeyError:
            return f.section
    return ""


def write_check_report(path: str | os.PathLike, report: Report, findings: list[Finding],
                       previous: Report | None = None, today: _dt.date | None = None) -> None:
    """Write the check report; the format follows the suffix (.docx or .xlsx)."""
    path = Path(path)
    suffix = path.suffix.lower()
    report, findings = _text_safe(report), [_finding_text_safe(f) for f in findings]
    summary = summarise(report, findings, previous)
    today = today or _dt.date.today()
    if suffix == ".docx":
        data = _docx(report, summary, previous, today)
    elif suffix in (".xlsx", ".xlsm"):
        data = _xlsx(report, summary, previous, today)
    else:
        raise WriteError(f"校验清单可导出为 Word（.docx）或 Excel（.xlsx），不能导出为“{suffix or path.name}”。")
    try:
        write_atomic(path, data)
    except WriteError as exc:   # the editor and the command line tell the clerk; the log keeps why
        LOG.warning("未能导出校验清单 %s：%s", os.path.abspath(path), exc, exc_info=True)
        raise
    LOG.info("已导出校验清单 %s", os.path.abspath(path))


def _text_safe(report: Report) -> Report:
    """A copy whose text a .docx/.xlsx can hold (pasted control characters dropped)."""
    report = report.copy()
    for name in TEXT_METADATA:
        setattr(report.meta, name, xml_safe(getattr(report.meta, name)))
    report.sections = {k: xml_safe(v) for k, v in report.sections.items()}
    return report


def _finding_text_safe(finding: Finding) -> Finding:
    reason = finding.accepted_reason
    return replace(finding, message=xml_safe(finding.message),
                   accepted_reason=xml_safe(reason) if reason is not None else None)


def _intro_lines(report: Report, summary: CheckSummary, previous: Report | None, today: _dt.date) -> list[str]:
    form = report.form
    lines = [
        f"机关名称：{report.meta.agency or '（未填写）'}",
        f"报告年度：{report.meta.year or '（未填写）'}年",
        f"格式版本：{form.name}（{form.basis}）",
        f"上年报告：{f'{previous.meta.year}年度，已用于跨年核对' if previous is not None else '未提供，跨年核对和与上年文字的比对未进行'}",
        f"校验日期：{today.year}年{today.month}月{today.day}日",
        f"结果：{len(summary.errors)}个错误，{len(summary.open_warnings)}个未确认的警告，"
        f"{len(summary.accepted)}个已确认的警告。",
    ]
    if summary.errors:
        lines.append("结论：有错误，报告在更正前不宜签发。")
    elif summary.open_warnings:
        lines.append("结论：无错误；尚有警告未核实确认，请逐条核实。")
    else:
        lines.append("结论：无错误，警告均已核实确认。")
    return lines


_GROUPS = (("二、错误（必须更正）", "errors", False), ("三、未确认的警告（请核实）", "open_warnings", False),
           ("四、已确认的警告", "accepted", True))


def _docx(report: Report, summary: CheckSummary, previous: Report | None, today: _dt.date) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    _docx_page_and_styles(doc)
    title = doc.add_paragraph(_title(report), style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in _intro_lines(report, summary, previous, today):
        doc.add_paragraph(line)
    doc.add_paragraph("一、校验的规则", style="Heading 1")
    _docx_table(doc, ("序号", "规则", "结果"),
                [(i, text, _rule_state(e, w, n)) for i, (_, text, e, w, n) in enumerate(summary.rules, 1)], (14, 126, 20))
    for heading, attr, with_reason in _GROUPS:
        items = getattr(summary, attr)
        doc.add_paragraph(heading, style="Heading 1")
        if not items:
            doc.add_paragraph("无。")
        elif with_reason:
            _docx_table(doc, ("序号", "位置", "内容", "确认理由"),
                        [(i, _where(f, report), f.message, f.accepted_reason) for i, f in enumerate(items, 1)],
                        (12, 22, 86, 40))
        else:
            _docx_table(doc, ("序号", "位置", "内容"),
                        [(i, _where(f, report), f.message) for i, f in enumerate(items, 1)], (12, 24, 124))
    if summary.infos:
        doc.add_paragraph("五、提示", style="Heading 1")
        for f in summary.infos:
            doc.add_paragraph(f.message)
    if report.ledger is not None:
        _docx_ledger(doc, report.ledger, _LEDGER_HEADINGS[1] if summary.infos else _LEDGER_HEADINGS[0])
    doc.add_paragraph("")
    for line in ("经办人：____________    审核人：____________    签发人：____________",
                 "日期：______年____月____日"):
        doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# the section after the last one present (the Word list has 五、提示 when there are infos)
_LEDGER_HEADINGS = ("五、由登记台账计数的数字", "六、由登记台账计数的数字")


def _docx_ledger(doc, record: LedgerRecord, heading: str) -> None:
    """Each figure counted from the agency's ledger, with the ledger rows it counts."""
    from ...core.ledger.record import check_list_intro, check_list_rows
    doc.add_paragraph(heading, style="Heading 1")
    doc.add_paragraph(check_list_intro(record))
    rows = check_list_rows(record)
    if rows:
        _docx_table(doc, ("序号", "单元格", "数字", "台账行"),
                    [(i, name, n, where) for i, (name, n, where) in enumerate(rows, 1)], (12, 64, 14, 70))


def _docx_page_and_styles(doc) -> None:
    """A4 with 25 mm margins; 仿宋 body, 黑体 headings, 小标宋 title (no theme fonts, no colour)."""
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(25)
    for style_name, font, size in (("Normal", "仿宋_GB2312", 12), ("Heading 1", "黑体", 16),
                                   ("Heading 2", "黑体", 14), ("Title", "方正小标宋简体", 20)):
        style = doc.styles[style_name]
        style.font.name = font
        style.font.size = Pt(size)
        rpr = style.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(rfonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
            rfonts.set(qn(attr), font)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme"):
            rfonts.attrib.pop(qn(attr), None)
        if style_name != "Normal":
            style.font.color.rgb = None


def _docx_table(doc, headers: tuple[str, ...], rows: list[tuple], widths: tuple[float, ...]) -> None:
    """A bordered table with a bold header row repeated on every page, columns ``widths`` mm wide."""
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = "Table Grid"
    for i, h in enumerate(headers):
        cell = t.rows[0].cells[i]
        cell.text = h
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = t.add_row().cells
        for i, v in enumerate(row):
            cells[i].text = str(v)
    t.autofit = False
    for i, w in enumerate(widths):
        t.columns[i].width = Mm(w)
    for row in t.rows:
        for i, w in enumerate(widths):
            row.cells[i].width = Mm(w)
        for cell in row.cells:
            for p in cell.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(10.5)
    trpr = t.rows[0]._tr.get_or_add_trPr()
    trpr.append(trpr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))


def _xlsx(report: Report, summary: CheckSummary, previous: Report | None, today: _dt.date) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "校验清单"
    ws.cell(1, 1, _title(report)).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=5)
    row = 2
    for line in _intro_lines(report, summary, previous, today):
        ws.cell(row, 1, line)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        row += 1
    row = _xlsx_section(ws, row, "一、校验的规则", ("序号", "规则编号", "规则", "结果"),
                        [(i, rule, text, _rule_state(e, w, n)) for i, (rule, text, e, w, n) in enumerate(summary.rules, 1)])
    for title, attr, with_reason in _GROUPS:
        rows = [(i, f.rule, f.message, _where(f, report), f.accepted_reason or "")
                for i, f in enumerate(getattr(summary, attr), 1)]
        row = _xlsx_section(ws, row, title, ("序号", "规则编号", "内容", "位置", "确认理由" if with_reason else ""), rows)
    if report.ledger is not None:
        row = _xlsx_ledger(ws, row, report.ledger)
    row += 2
    ws.cell(row, 1, "经办人：          审核人：          签发人：          日期：")
    for i, w in enumerate((6, 22, 80, 24, 40), 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    fit_a4_width(ws, landscape=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _xlsx_ledger(ws, row: int, record: LedgerRecord) -> int:
    from ...core.ledger.record import check_list_intro, check_list_rows
    rows = [(i, name, n, where, "") for i, (name, n, where) in enumerate(check_list_rows(record), 1)]
    row = _xlsx_section(ws, row, _LEDGER_HEADINGS[0], ("序号", "单元格", "数字", "台账行", ""), rows)
    ws.cell(row + 1, 1, check_list_intro(record))
    return row + 1


def _xlsx_section(ws, row: int, title: str, headers: tuple[str, ...], rows: list[tuple]) -> int:
    """A heading two rows down, then (when there are rows) a shaded header row and the rows;
    "无。" when there are none.  Returns the last row written."""
    from openpyxl.styles import Alignment, Font, PatternFill
    row += 2
    ws.cell(row, 1, title).font = Font(bold=True, size=12)
    if not rows:
        ws.cell(row + 1, 1, "无。")
        return row + 1
    row += 1
    for c, name in enumerate(headers, 1):
        cell = ws.cell(row, c, name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
    for values in rows:
        row += 1
        for c, v in enumerate(values, 1):
            ws.cell(row, c, v).alignment = Alignment(wrap_text=True, vertical="top")
    return row
