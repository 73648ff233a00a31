"""Rows and columns hidden in ways the first readers missed: a sheet that hides its rows by default
(``<sheetFormatPr zeroHeight="1">``, only rows with a height of their own shown) and a web page's
column hidden by its ``<col>`` or by every one of its cells (``display:none``)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.core.ledger.sheet import RowRef
from govreport_gui.io.workbook import ledger_read
from govreport_gui.io.workbook.ledger_read import read_ledgers

from .ledger_files import write_html, write_xlsx
from .test_count import table_3

NEW, DISCLOSED, ABSENT = "一、本年新收政府信息公开申请数量", "（一）予以公开", "1.本机关不掌握相关政府信息"
HEADER = ("申请人类型", "收到日期", "答复日期", "处理结果")
ROWS = [HEADER] + [("公民", f"2024-05-{d:02}", f"2024-05-{d + 3:02}", "同意公开") for d in range(1, 9)]


def rows_hidden_by_default(path: Path, shown: set[int], explicit: dict[int, str] | None = None) -> Path:
    """``path``'s first sheet rewritten to hide rows by default; rows ``shown`` get a height of their
    own, rows in ``explicit`` the ``hidden`` attribute given."""
    out = path.with_name("默认隐藏_" + path.name)
    with zipfile.ZipFile(path) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for item in zi.infolist():
            data = zi.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = re.sub(r"<sheetFormatPr [^>]*/>", "", data.decode())
                xml = xml.replace("<sheetData>", '<sheetFormatPr defaultRowHeight="15" zeroHeight="1"/><sheetData>')

                def row(m: re.Match) -> str:
                    r = int(m.group(1))
                    extra = ' ht="18" customHeight="1"' if r in shown else ""
                    if r in (explicit or {}):
                        extra += f' hidden="{explicit[r]}"'
                    return f'<row r="{r}"{extra}'
                data = re.sub(r'<row r="(\d+)"', row, xml).encode()
            zo.writestr(item, data)
    return out


def test_rows_hidden_by_default_are_the_rows_without_a_height_of_their_own(tmp_path):
    src = write_xlsx(tmp_path / "台账.xlsx", {"台账": ROWS})
    path = rows_hidden_by_default(src, shown={1, 2, 3, 5, 6, 9}, explicit={8: "0"})   # row 8 says it is shown
    for read in (ledger_read._read_xlsx, ledger_read._read_xlsx_openpyxl):
        (sheet,) = read(path)
        assert sorted(sheet.hidden_rows) == [3, 6]          # spreadsheet rows 4 and 7 (0-based here)
    counted = count_ledgers(read_ledgers([path]), get_form("2021"), 2024)
    assert table_3(counted) == {(NEW, "自然人"): 8, (DISCLOSED, "自然人"): 8}   # counted like any row, and named
    assert counted.hidden_rows == [RowRef(path.name, "台账", 4), RowRef(path.name, "台账", 7)]
    assert counted.to_check and "第4、7行" in counted.to_check[0]


def test_a_sheet_that_does_not_hide_rows_by_default_keeps_its_rows_shown(tmp_path):
    path = write_xlsx(tmp_path / "台账.xlsx", {"台账": ROWS})
    (sheet,) = ledger_read._read_xlsx(path)
    assert not sheet.hidden_rows


def page(colgroup: str, hidden_cells: bool) -> str:
    cell = ' style="color:red; display: none"' if hidden_cells else ""
    rows = [f"<tr><td>申请人类型</td><td{cell}>处理结果</td><td>收件日期</td><td>办结日期</td><td>处理结果</td></tr>"]
    for i, (kind, result) in enumerate((("公民", "同意公开"), ("企业", "信息不存在"), ("公民", "告知向其他机关申请"))):
        rows.append(f"<tr><td>{kind}</td><td{cell}>{i + 7}</td><td>2024/6/{i + 1}</td><td>2024/6/{i + 9}</td><td>{result}</td></tr>")
    return colgroup + "".join(rows)


def test_a_web_pages_hidden_column_is_read_only_when_no_shown_column_holds_its_field(tmp_path):
    expected = {(NEW, "自然人"): 2, (NEW, "商业企业"): 1, (DISCLOSED, "自然人"): 1, (ABSENT, "自然人"): 1,
                (ABSENT, "商业企业"): 1}
    for name, colgroup, hidden_cells in (
            ("col.xls", "<colgroup><col><col style='display:none'><col span=3></colgroup>", False),
            ("width.xls", "<col><col width=0><col><col><col>", False),
            ("cells.xls", "", True)):
        path = write_html(tmp_path / name, [page(colgroup, hidden_cells)], encoding="utf-8")
        (sheet,) = read_ledgers([path])
        assert sheet.hidden_columns == {1}, name
        counted = count_ledgers([sheet], get_form("2021"), 2024)
        assert counted.complete and table_3(counted) == expected, name


def test_a_column_with_only_some_cells_hidden_is_shown(tmp_path):
    html = page("", False).replace("<td>8</td>", '<td style="display:none">8</td>')
    (sheet,) = read_ledgers([write_html(tmp_path / "p.html", [html], encoding="utf-8")])
    assert not sheet.hidden_columns
