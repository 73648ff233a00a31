"""A web page's tables as a ledger: the “.xls” many 政务系统 export is an HTML table (often GBK); Excel
and WPS save 网页 too.  Spans laid out as a spreadsheet merges them, scripts and styles never read,
spans capped, a page without a table refused with a message."""

from __future__ import annotations

import random

import pytest

from govreport_gui.core.errors import ReadError
from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.io.workbook import ledger_read
from govreport_gui.io.workbook.ledger_read import read_ledgers

from .ledger_builders import NEW, Style, expected_3, ledger_rows, random_apps
from .ledger_files import html_rows, write_html
from .test_count import table_3

YEAR = 2025


def count(paths):
    return count_ledgers(read_ledgers(paths), get_form("2021"), YEAR)


@pytest.mark.parametrize("seed,encoding,suffix", [(0, "gbk", ".xls"), (1, "utf-8", ".html"), (2, "gb18030", ".xls"),
                                                  (3, "utf-8", ".htm")])
def test_an_exported_web_table_counts_exactly(tmp_path, seed, encoding, suffix):
    rng = random.Random(400 + seed)
    apps = random_apps(rng, YEAR, 50)
    rows, _ = ledger_rows(apps, Style.random(rng, "2021", text_dates=True))
    path = write_html(tmp_path / f"导出{suffix}", [html_rows(rows)], encoding,
                      head="<style>td { mso-number-format: '\\@'; }</style><script>document.write('<table>')</script>")
    counted = count([path])
    assert counted.complete and table_3(counted) == dict(expected_3(apps, YEAR, "2021"))


SPANNED = ('<tr><td colspan="5">2025年依申请公开登记台账</td></tr>'
           '<tr><th rowspan="2">序号</th><th colspan="2">申请人信息</th><th colspan="2">办理情况</th><th rowspan="2">收到日期</th></tr>'
           "<tr><th>姓名</th><th>类型</th><th>日期</th><th>结果</th></tr>"
           '<tr><td>1</td><td>张三</td><td>公民</td><td>2025-03-05</td><td>同意公开</td><td rowspan="2">2025-03-01</td></tr>'
           "<tr><td>2</td><td>李四</td><td>企业</td><td>2025-03-06</td><td>信息<br>不存在</td></tr>")


def test_spans_are_merges_and_a_date_spanned_down_is_each_rows(tmp_path):
    path = write_html(tmp_path / "a.xls", [SPANNED])
    (sheet,) = read_ledgers([path])
    assert sheet.name == "" and sheet.rows[0] == ("2025年依申请公开登记台账",)
    assert sheet.rows[1] == ("序号", "申请人信息", None, "办理情况", None, "收到日期")
    assert sheet.rows[2] == (None, "姓名", "类型", "日期", "结果")
    assert sheet.rows[4][4] == "信息\n不存在" and (3, 5, 4, 5) in sheet.merges and (1, 0, 2, 0) in sheet.merges
    counted = count([path])
    assert counted.complete and table_3(counted)[(NEW, "自然人")] == 1 and table_3(counted)[(NEW, "商业企业")] == 1


def test_several_tables_are_several_sheets_and_a_table_in_a_cell_is_its_text(tmp_path):
    first = html_rows([("申请人类型", "收到日期", "答复日期", "处理结果"), ("公民", "2025-03-01", "2025-03-02", "同意公开")])
    second = ("<tr><td>说明</td><td><table><tr><td>内</td><td>表</td></tr></table></td></tr>"
              + html_rows([("申请人类型", "收到日期", "答复日期", "处理结果"), ("企业", "2025-04-01", "2025-04-02", "同意公开")]))
    sheets = read_ledgers([write_html(tmp_path / "b.html", [first, second], "utf-8")])
    assert [s.name for s in sheets] == ["表格1", "表格2"] and sheets[1].rows[0] == ("说明", "内表")
    assert table_3(count([tmp_path / "b.html"]))[(NEW, "商业企业")] == 1


def test_huge_spans_are_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(ledger_read, "MAX_LEDGER_ROWS", 50)
    rows = ('<tr><td colspan="999999999">题</td></tr><tr><td rowspan="99999999999">公民</td><td>2025-03-01</td></tr>'
            + "<tr><td>2025-03-02</td></tr>" * 80)
    (sheet,) = read_ledgers([write_html(tmp_path / "c.xls", [rows])])
    assert len(sheet.rows) == 50 and sheet.truncated and len(sheet.rows[0]) == 1
    assert sheet.rows[2] == (None, "2025-03-02") and all(len(r) <= ledger_read.MAX_LEDGER_COLS for r in sheet.rows)


def test_a_page_without_a_table_is_refused(tmp_path):
    path = tmp_path / "d.xls"
    path.write_text("<html><body><p>没有数据</p></body></html>", encoding="utf-8")
    with pytest.raises(ReadError, match="没有表格"):
        read_ledgers([path])
