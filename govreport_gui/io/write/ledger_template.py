"""The ledger template (文件→导出申请台账模板…): a workbook in which next year's applications and cases are
kept so that they read without a single question.

* ``依申请公开登记台账``: one row per application; 申请人类型, 处理结果 and 具体情形 offer the official words
  of the format version as drop-down lists (data validation: another word is refused with a message),
  收到日期/办结日期 are date cells (``yyyy-mm-dd``, a date between 1990 and 2100);
* ``行政复议行政诉讼案件``: one row per case, 案件类型 and 审理结果 as drop-down lists;
* ``填表说明``: how to fill it in; the lists themselves are on a hidden sheet ``选项``.

The words come from the version's ledger vocabulary (``FormSpec.ledger``), so the template and the
reader cannot disagree (a test fills every choice and reads it back).
"""

from __future__ import annotations

import datetime as _dt
import io
from pathlib import Path

from ...core.forms import FormSpec
from ...core.serialize import write_atomic
from ..locate.sheet_grid import column_letter
from .sheet_print import fit_a4_width

ROWS = 2000                      # rows prepared with formats and drop-downs
APPLICATIONS, CASES, HELP, LISTS = "依申请公开登记台账", "行政复议行政诉讼案件", "填表说明", "选项"
_EXCEL_EPOCH = _dt.date(1899, 12, 30)

# (header, width, list name or "date" or None)
_APPLICATION_COLUMNS = (("序号", 6, None), ("申请人姓名或名称", 18, None), ("申请人类型", 14, "applicants"),
                        ("收到日期", 12, "date"), ("申请内容", 36, None), ("办结日期", 12, "date"),
                        ("处理结果", 18, "results"), ("具体情形", 30, "reasons"), ("备注", 20, None))
_CASE_COLUMNS = (("序号", 6, None), ("案号", 22, None), ("案件类型", 18, "case_kinds"), ("收到日期", 12, "date"),
                 ("审结日期", 12, "date"), ("审理结果", 12, "case_outcomes"), ("备注", 24, None))


def template_lists(form: FormSpec) -> dict[str, list[str]]:
    """The drop-down words of each list, from the version's ledger vocabulary."""
    words = form.ledger
    assert words is not None
    results = [g.words[0] for g in words.results.groups]
    reasons = [leaf.target for g in words.results.groups if g.target is None for leaf in g.leaves]
    return {"applicants": list(words.applicants.targets()), "results": results, "reasons": reasons,
            "case_kinds": list(words.case_kinds.targets()),
            "case_outcomes": [*words.case_outcomes.targets(), words.case_pending]}


def write_ledger_template(path: str | Path, form: FormSpec, agency: str = "", year: int = 0) -> None:
    """Write the template for ``form``'s version (atomically).  Raises ``WriteError``."""
    write_atomic(Path(path), template_bytes(form, agency, year))


def template_bytes(form: FormSpec, agency: str = "", year: int = 0) -> bytes:
    from openpyxl import Workbook
    wb = Workbook()
    lists = template_lists(form)
    _help_sheet(wb.active, form)
    when = f"（{year}年）" if year else ""
    _ledger_sheet(wb.create_sheet(APPLICATIONS), f"{agency}依申请公开登记台账{when}", _APPLICATION_COLUMNS, lists)
    _ledger_sheet(wb.create_sheet(CASES), f"{agency}政府信息公开行政复议、行政诉讼案件登记{when}", _CASE_COLUMNS, lists)
    _lists_sheet(wb.create_sheet(LISTS), lists)
    wb.active = 1
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _help_sheet(ws, form: FormSpec) -> None:
    from ...core.forms import tables_named
    from ...core.ledger.summary import fill_action, ledger_tables
    ws.title = HELP
    lists = template_lists(form)
    words = form.ledger
    assert words is not None   # every declared version has its ledger words (tests/ledger/test_words.py)
    needs_reason = "、".join(g.words[0] for g in words.results.groups if g.target is None)
    lines = (
        f"填表说明（{form.name}，{form.basis}）",
        "1. 每收到一件政府信息公开申请，在“依申请公开登记台账”中登记一行；每一件行政复议、行政诉讼案件，在"
        "“行政复议行政诉讼案件”中登记一行。",
        "2. 申请人类型、处理结果、具体情形、案件类型、审理结果请从下拉列表中选择，不要自行改写。",
        f"3. 处理结果为{needs_reason}的，须在“具体情形”中选择一项；部分公开的申请只按部分公开登记一次。",
        "4. 收到日期、办结日期、审结日期请填写日期（如 2025-03-01）。尚未办结或尚未审结的，办结日期、审结日期留空，"
        f"处理结果留空或选“{lists['case_outcomes'][-1]}”。",
        "5. 上年收到、本年办结的申请也请在本表登记（收到日期填上年的日期），年度报告会自动计入“上年结转”。",
        f"6. 年底在年报编制助手中选择“文件→{fill_action()}”，即可按本台账计数填写{tables_named(ledger_tables(form))}。",
    )
    for i, line in enumerate(lines, 1):
        ws.cell(i, 1, line)
    ws.column_dimensions["A"].width = 120


def _ledger_sheet(ws, title: str, columns, lists: dict[str, list[str]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    ws.cell(1, 1, title).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    for c, (header, width, kind) in enumerate(columns, 1):
        cell = ws.cell(2, c, header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[column_letter(c - 1)].width = width
        if kind is not None:
            _validate(ws, c, kind, lists)
    ws.freeze_panes = "A3"
    fit_a4_width(ws, landscape=True, title_rows=(2, 2))


def _validate(ws, c: int, kind: str, lists: dict[str, list[str]]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation
    letter = column_letter(c - 1)
    area = f"{letter}3:{letter}{ROWS + 2}"
    if kind == "date":
        first, last = _date_bounds()
        dv = DataValidation(type="date", operator="between", formula1=str(first), formula2=str(last), allow_blank=True,
                            errorTitle="请填写日期", error="请填写日期，如 2025-03-01。",
                            promptTitle="日期", prompt="填写日期，如 2025-03-01；尚未办结的留空。")
        for row in ws.iter_rows(min_row=3, max_row=ROWS + 2, min_col=c, max_col=c):
            row[0].number_format = "yyyy-mm-dd"
    else:
        names = list(lists)
        col = column_letter(names.index(kind))
        dv = DataValidation(type="list", formula1=f"={LISTS}!${col}$1:${col}${len(lists[kind])}", allow_blank=True,
                            errorTitle="请从列表中选择", error="请从下拉列表中选择官方用语，以便年底自动计数。",
                            promptTitle="从列表中选择", prompt="请从下拉列表中选择。")
    dv.showErrorMessage = True
    dv.showInputMessage = True
    ws.add_data_validation(dv)
    dv.add(area)


def _date_bounds() -> tuple[int, int]:
    return (_dt.date(1990, 1, 1) - _EXCEL_EPOCH).days, (_dt.date(2100, 12, 31) - _EXCEL_EPOCH).days


def _lists_sheet(ws, lists: dict[str, list[str]]) -> None:
    for c, words in enumerate(lists.values(), 1):
        for r, word in enumerate(words, 1):
            ws.cell(r, c, word)
    ws.sheet_state = "hidden"
