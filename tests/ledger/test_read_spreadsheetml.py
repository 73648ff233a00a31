"""Excel's “XML 电子表格 2003” (SpreadsheetML) — what many systems export as “.xls” or “.xml” — read and
counted like any ledger: rows and cells that skip ahead, merged ranges, hidden sheets, typed data;
declarations refused, positions past the limits never expanded."""

from __future__ import annotations

import random

import pytest

from govreport_gui.core.errors import ReadError
from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.io.workbook import ledger_read
from govreport_gui.io.workbook.ledger_read import read_ledgers

from .ledger_builders import NEW, Style, expected_3, ledger_rows, random_apps
from .ledger_files import write_spreadsheetml, xml_rows
from .test_count import table_3

YEAR = 2025
HEADER = ("申请人类型", "收到日期", "答复日期", "处理结果")


def count(paths):
    return count_ledgers(read_ledgers(paths), get_form("2021"), YEAR)


@pytest.mark.parametrize("seed,suffix,styles", [(0, ".xls", 1), (1, ".xml", 1), (2, ".xls", 400)])
def test_an_xml_spreadsheet_counts_exactly(tmp_path, seed, suffix, styles):
    rng = random.Random(500 + seed)
    apps = random_apps(rng, YEAR, 50)
    rows, _ = ledger_rows(apps, Style.random(rng, "2021"))
    path = write_spreadsheetml(tmp_path / f"导出{suffix}", {"说明": xml_rows([("每件申请一行",)]), "台账": xml_rows(rows)},
                               styles=styles)   # (400 styles: the table starts far into the file)
    counted = count([path])
    assert counted.complete and table_3(counted) == dict(expected_3(apps, YEAR, "2021"))


def test_indexes_merges_and_hidden_sheets(tmp_path):
    rows = ('<Row><Cell ss:MergeAcross="3"><Data ss:Type="String">2025年台账</Data></Cell></Row>'
            '<Row ss:Index="3"><Cell><Data ss:Type="String">申请人类型</Data></Cell><Cell><Data ss:Type="String">收到日期</Data>'
            '</Cell><Cell ss:Index="4"><Data ss:Type="String">答复日期</Data></Cell><Cell><Data ss:Type="String">处理结果</Data>'
            '</Cell></Row><Row><Cell><Data ss:Type="String">公民</Data></Cell><Cell ss:MergeDown="1"><Data ss:Type="DateTime">'
            '2025-03-01T00:00:00.000</Data></Cell><Cell ss:Index="4"><Data ss:Type="String">2025-03-05</Data></Cell><Cell>'
            '<Data ss:Type="String"><B>同意</B>公开</Data></Cell></Row>'
            + xml_rows([("企业", None, None, "办理中")]))
    path = write_spreadsheetml(tmp_path / "a.xls", {"2025年": rows, "旧": xml_rows([HEADER])}, hidden=("旧",))
    sheets = read_ledgers([path])
    assert [(s.name, s.hidden) for s in sheets] == [("2025年", False), ("旧", True)]
    sheet = sheets[0]
    assert sheet.rows[1] == () and sheet.rows[2] == ("申请人类型", "收到日期", None, "答复日期", "处理结果")
    assert sheet.rows[3][4] == "同意公开" and (0, 0, 0, 3) in sheet.merges and (3, 1, 4, 1) in sheet.merges
    counted = count([path])
    assert counted.complete and table_3(counted)[(NEW, "自然人")] == 1 and table_3(counted)[(NEW, "商业企业")] == 1


def test_a_declaration_is_refused_and_far_positions_are_not_expanded(tmp_path, monkeypatch):
    bad = write_spreadsheetml(tmp_path / "b.xls", {"S": xml_rows([HEADER])},
                              prolog='<!DOCTYPE x [<!ENTITY a "aaaaaaaa">]>')
    with pytest.raises(ReadError):
        read_ledgers([bad])
    monkeypatch.setattr(ledger_read, "MAX_LEDGER_ROWS", 100)
    far = ('<Row><Cell ss:MergeAcross="999999999" ss:MergeDown="999999999"><Data ss:Type="String">台账</Data></Cell></Row>'
           + xml_rows([HEADER, ("公民", "2025-03-01", "2025-03-02", "同意公开")])
           + '<Row><Cell ss:Index="999999999"><Data ss:Type="String">x</Data></Cell></Row>'   # past the columns: nothing
           '<Row ss:Index="999999999"><Cell><Data ss:Type="String">公民</Data></Cell></Row>')   # past the rows: the end
    (sheet,) = read_ledgers([write_spreadsheetml(tmp_path / "c.xls", {"S": far})])
    assert len(sheet.rows) == 3 and sheet.truncated
    assert table_3(count([tmp_path / "c.xls"]))[(NEW, "自然人")] == 1   # a merge over a billion columns: no hang
