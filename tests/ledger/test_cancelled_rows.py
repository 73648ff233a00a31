"""Rows a clerk cancelled without deleting them — struck through (every filled cell in a strikethrough
font) or marked 作废/重复登记 in a cell of their own — are no applications: not counted, and named for
the clerk to check.  Each reader finds the struck rows its own way (.xlsx font, .xls FONT/XF records,
.ods cell style, a web page's <s> or line-through style)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font
from support import require_libreoffice

from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.core.ledger.sheet import LedgerSheet, RowRef
from govreport_gui.core.ledger.summary import summary_lines
from govreport_gui.io.workbook.ledger_read import read_ledgers

from .ledger_files import ODS_NS, to_xls, write_html
from .test_count import table_3

NEW, DISCLOSED, ABSENT = "一、本年新收政府信息公开申请数量", "（一）予以公开", "1.本机关不掌握相关政府信息"
HEADER = ("序号", "申请人类型", "收到日期", "答复日期", "处理结果", "备注")
# six applications of 2024; rows 3 and 6 (spreadsheet rows) cancelled in the files below
ENTRIES = [(1, "公民", dt.date(2024, 4, 1), dt.date(2024, 4, 8), "同意公开", None),
           (2, "企业", dt.date(2024, 4, 2), dt.date(2024, 4, 9), "信息不存在", None),
           (3, "公民", dt.date(2024, 4, 3), dt.date(2024, 4, 9), "同意公开", None),
           (4, "公民", dt.date(2024, 4, 5), dt.date(2024, 4, 12), "信息不存在", None),
           (5, "企业", dt.date(2024, 4, 6), dt.date(2024, 4, 13), "同意公开", None)]
STRUCK = {3, 6}   # spreadsheet rows of entries 2 and 5
KEPT = {(NEW, "自然人"): 3, (DISCLOSED, "自然人"): 2, (ABSENT, "自然人"): 1}   # entries 1, 3, 4


def count(paths_or_sheets, year=2024):
    sheets = paths_or_sheets if isinstance(paths_or_sheets[0], LedgerSheet) else read_ledgers(paths_or_sheets)
    return count_ledgers(sheets, get_form("2021"), year)


def struck_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(HEADER)
    for r, entry in enumerate(ENTRIES, 2):
        ws.append(entry)
        for c in range(1, 6):
            ws.cell(r, c).number_format = "yyyy/m/d" if c in (3, 4) else "General"
            if r in STRUCK:
                ws.cell(r, c).font = Font(strike=True)
    ws.cell(4, 5).font = Font(strike=True)   # one struck cell does not cancel its row
    wb.save(path)
    return path


def assert_cancelled(counted, source: str, sheet: str) -> None:
    assert counted.complete and table_3(counted) == KEPT
    assert counted.voided == [RowRef(source, sheet, r) for r in sorted(STRUCK)]
    (note,) = counted.to_check
    assert "第3、6行整行有删除线" in note and "未计入" in note and "去掉删除线" in note
    assert any(line.startswith("请核对：") and "删除线" in line for line in summary_lines(counted))


def test_struck_rows_of_an_xlsx_are_not_counted_and_are_named(tmp_path):
    path = struck_xlsx(tmp_path / "台账.xlsx")
    (sheet,) = read_ledgers([path])
    assert sheet.struck_rows == {2, 5}
    assert_cancelled(count([sheet]), "台账.xlsx", "台账")


def test_struck_rows_of_an_xls_and_the_same_file_named_et(tmp_path):
    require_libreoffice()
    xls = to_xls(struck_xlsx(tmp_path / "台账.xlsx"), tmp_path / "xls")
    et = xls.with_name("台账.et")
    et.write_bytes(xls.read_bytes())
    for path in (xls, et):
        (sheet,) = read_ledgers([path])
        assert sheet.struck_rows == {2, 5}, path.name
        assert_cancelled(count([sheet]), path.name, "台账")


def ods_cell(value, style: str | None) -> str:
    attr = f' table:style-name="{style}"' if style else ""
    if isinstance(value, dt.date):
        return f'<table:table-cell{attr} office:value-type="date" office:date-value="{value.isoformat()}"/>'
    if isinstance(value, int):
        return f'<table:table-cell{attr} office:value-type="float" office:value="{value}"/>'
    if value is None:
        return '<table:table-cell table:number-columns-repeated="3"/>'
    return f'<table:table-cell{attr} office:value-type="string"><text:p>{value}</text:p></table:table-cell>'


def test_struck_rows_of_an_ods_by_cell_style_and_by_column_default(tmp_path):
    styles = ('<office:automatic-styles><style:style style:name="ce9" style:family="table-cell">'
              '<style:text-properties style:text-line-through-style="solid" style:text-line-through-type="single"/>'
              '</style:style><style:style style:name="ce2" style:family="table-cell">'
              '<style:text-properties style:text-line-through-style="none"/></style:style></office:automatic-styles>')
    rows = ["<table:table-row>" + "".join(ods_cell(v, None) for v in HEADER) + "</table:table-row>"]
    for r, entry in enumerate(ENTRIES, 2):
        style = "ce9" if r in STRUCK else ("ce2" if r == 4 else None)
        rows.append("<table:table-row>" + "".join(ods_cell(v, style) for v in entry) + "</table:table-row>")
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS}>{styles}<office:body>'
               f'<office:spreadsheet><table:table table:name="台账">{"".join(rows)}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    path = tmp_path / "台账.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
    (sheet,) = read_ledgers([path])
    assert sheet.struck_rows == {2, 5}
    assert_cancelled(count([sheet]), "台账.ods", "台账")


@pytest.mark.parametrize("how", ["row", "cells", "tags"])
def test_struck_rows_of_a_web_page(tmp_path, how):
    body = ["<tr>" + "".join(f"<td>{h}</td>" for h in HEADER) + "</tr>"]
    for r, entry in enumerate(ENTRIES, 2):
        values = ["" if v is None else (f"{v:%Y-%m-%d}" if isinstance(v, dt.date) else str(v)) for v in entry]
        if r not in STRUCK:
            body.append("<tr>" + "".join(f"<td>{v}</td>" for v in values) + "</tr>")
        elif how == "row":
            body.append("<tr style='color:gray;text-decoration: line-through'>" + "".join(f"<td>{v}</td>" for v in values) + "</tr>")
        elif how == "cells":
            body.append("<tr>" + "".join(f"<td style='text-decoration-line:line-through'>{v}</td>" for v in values) + "</tr>")
        else:
            body.append("<tr>" + "".join(f"<td><s>{v}</s></td>" if v else "<td></td>" for v in values) + "</tr>")
    body[3] = body[3].replace("<td>同意公开</td>", "<td><del>同意</del>公开</td>")   # part of one cell struck: kept
    path = write_html(tmp_path / "导出.xls", ["".join(body)], encoding="utf-8")
    (sheet,) = read_ledgers([path])
    assert sheet.struck_rows == {2, 5}
    assert_cancelled(count([sheet]), "导出.xls", "")


@pytest.mark.parametrize("mark", ["作废", "已作废", "重复登记，作废", "此条作废", "录入错误"])
def test_a_row_marked_void_in_a_cell_of_its_own(mark):
    rows = [HEADER] + [e[:5] + ((mark,) if r in STRUCK else (None,)) for r, e in enumerate(ENTRIES, 2)]
    counted = count([LedgerSheet("台账.xlsx", "台账", rows)])
    assert counted.complete and table_3(counted) == KEPT
    assert counted.voided == [RowRef("台账.xlsx", "台账", r) for r in sorted(STRUCK)]
    assert "第3、6行注明作废" in counted.to_check[0]


@pytest.mark.parametrize("remark", ["重复申请", "原申请作废后重新提交", "重复", "申请人要求删除个人信息"])
def test_a_remark_that_only_contains_a_mark_cancels_nothing(remark):
    rows = [HEADER] + [e[:5] + (remark,) for e in ENTRIES]
    counted = count([LedgerSheet("台账.xlsx", "台账", rows)])
    assert not counted.voided and not counted.to_check
    assert sum(n for (row, _), n in table_3(counted).items() if row == NEW) == len(ENTRIES)
