"""OpenDocument spreadsheets (.ods — LibreOffice, WPS on 统信UOS/麒麟) read and counted like any ledger,
and refused safely when hostile: entity declarations, zip bombs, repeat counts of a billion."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
import zipfile

import pytest

from govreport_gui.core.errors import ReadError
from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.io.workbook import ledger_read
from govreport_gui.io.workbook.ledger_read import read_ledgers

from .ledger_builders import NEW, Style, expected_3, ledger_rows, random_apps
from .ledger_files import ods_cell, ods_rows, write_ods, write_xlsx
from .test_count import table_3

YEAR = 2025
HEADER = ("申请人类型", "收到日期", "答复日期", "处理结果")
ROW = ("自然人", dt.date(2025, 3, 1), dt.date(2025, 3, 9), "予以公开")


def count(paths, version="2021", year=YEAR):
    return count_ledgers(read_ledgers(paths), get_form(version), year)


@pytest.mark.parametrize("seed", range(4))
def test_an_ods_ledger_in_any_style_counts_exactly(tmp_path, seed):
    rng = random.Random(300 + seed)
    apps = random_apps(rng, YEAR, 60)
    first, second = (ledger_rows(part, Style.random(rng, "2021"))[0] for part in (apps[:30], apps[30:]))
    path = write_ods(tmp_path / "台账.ods", {"填表说明": ods_rows([("每件申请登记一行",)]), "上半年": ods_rows(first),
                                             "下半年": ods_rows(second)})
    counted = count([path])
    assert counted.complete and table_3(counted) == dict(expected_3(apps, YEAR, "2021"))


def test_repeated_rows_and_cells_merged_headers_and_hidden_sheets(tmp_path):
    empty_tail = ('<table:table-row table:number-rows-repeated="1048000">'
                  '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>')
    rows = ("<table:table-row>" + ods_cell("2025年台账", ' table:number-columns-spanned="4"')
            + '<table:covered-table-cell table:number-columns-repeated="3"/></table:table-row>'
            + '<table:table-row table:number-rows-repeated="2"/>'   # two empty rows written once
            + ods_rows([HEADER])
            + "<table:table-row>" + "".join(ods_cell(v) for v in ROW[:3])
            + ods_cell("予以公开", ' table:number-columns-repeated="1"') + "</table:table-row>"
            # the same application on two rows, written once with a repeat count
            + '<table:table-row table:number-rows-repeated="2">' + "".join(ods_cell(v) for v in ("企业", *ROW[1:]))
            + "</table:table-row>" + empty_tail)
    path = write_ods(tmp_path / "a.ods", {"2025年": rows, "旧表": ods_rows([HEADER, ROW])}, hidden=("旧表",))
    sheets = read_ledgers([path])
    assert [(s.name, s.hidden) for s in sheets] == [("2025年", False), ("旧表", True)]
    assert sheets[0].merges == [(0, 0, 0, 3)] and len(sheets[0].rows) == 7 and sheets[0].rows[1] == ()
    counted = count([path])
    assert table_3(counted)[(NEW, "自然人")] == 1 and table_3(counted)[(NEW, "商业企业")] == 2
    assert [r.row for r in counted.counted[next(k for k in counted.counted if k.col == "商业企业")]] == [6, 7]
    assert any("隐藏" in note for note in counted.notes)


def test_text_in_several_paragraphs_spaces_and_annotations(tmp_path):
    cell = ('<table:table-cell office:value-type="string"><office:annotation><text:p>批注：请核对</text:p>'
            '</office:annotation><text:p>予以<text:s text:c="2"/>公开</text:p></table:table-cell>')
    rows = ods_rows([HEADER]) + "<table:table-row>" + "".join(ods_cell(v) for v in ROW[:3]) + cell + "</table:table-row>"
    rows += "<table:table-row>" + ods_cell("申请人\n类型") + "</table:table-row>"
    sheet = read_ledgers([write_ods(tmp_path / "p.ods", {"S": rows})])[0]
    assert sheet.rows[1][3] == "予以  公开" and sheet.rows[2] == ("申请人\n类型",)


@pytest.mark.parametrize("repeat", ["1000000000", "99999999999999999999"])
def test_a_billion_repeated_cells_or_rows_are_not_expanded(tmp_path, repeat, monkeypatch):
    monkeypatch.setattr(ledger_read, "MAX_LEDGER_ROWS", 1000)
    bomb_cells = ("<table:table-row>" + ods_cell("自然人", f' table:number-columns-repeated="{repeat}"') + "</table:table-row>")
    bomb_rows = (f'<table:table-row table:number-rows-repeated="{repeat}">'
                 + "".join(ods_cell(v) for v in ROW) + "</table:table-row>")
    path = write_ods(tmp_path / "b.ods", {"S": ods_rows([HEADER]) + bomb_cells + bomb_rows})
    (sheet,) = read_ledgers([path])
    assert len(sheet.rows[1]) == ledger_read.MAX_LEDGER_COLS and len(sheet.rows) == 1000 and sheet.truncated
    assert sheet.rows[-1] == tuple(ROW[:1]) + tuple(dt.datetime.combine(d, dt.time()) for d in ROW[1:3]) + ROW[3:]


def test_entity_declarations_are_refused(tmp_path):
    prolog = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    path = write_ods(tmp_path / "e.ods", {"S": ods_rows([HEADER, ROW])}, prolog=prolog)
    with pytest.raises(ReadError, match="DOCTYPE"):
        read_ledgers([path])


def test_a_zip_bomb_is_refused(tmp_path):
    path = write_ods(tmp_path / "z.ods", {"S": ods_rows([HEADER, ROW])}, extra={"Thumbnails/x.bin": b"\0" * (60 << 20)})
    with pytest.raises(ReadError, match="压缩炸弹|过大"):
        read_ledgers([path])


def test_a_damaged_ods_is_a_message(tmp_path):
    broken = tmp_path / "broken.ods"
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content><unclosed>")
    with pytest.raises(ReadError, match="OpenDocument"):
        read_ledgers([broken])


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice is not installed")
def test_an_ods_saved_by_libreoffice_counts_like_its_xlsx(tmp_path):
    rng = random.Random(9)
    apps = random_apps(rng, YEAR, 40)
    rows, _ = ledger_rows(apps, Style.random(rng, "2021"))
    src = write_xlsx(tmp_path / "lo.xlsx", {"填表说明": [("说明",)], "2025年": rows})
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([exe, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "ods",
                    "--outdir", str(tmp_path / "out"), str(src)], check=True, capture_output=True, timeout=180)
    counted = count([tmp_path / "out" / "lo.ods"])
    assert counted.complete and table_3(counted) == dict(expected_3(apps, YEAR, "2021"))


def test_a_title_spanning_two_billion_columns_does_not_hang_the_header_search(tmp_path):
    title = ("<table:table-row>" + ods_cell("2025年台账", ' table:number-columns-spanned="2000000000"')
             + "</table:table-row>")
    path = write_ods(tmp_path / "s.ods", {"S": title + ods_rows([HEADER, ROW])})
    (sheet,) = read_ledgers([path])
    assert sheet.merges == [(0, 0, 0, ledger_read.MAX_LEDGER_COLS)]
    assert table_3(count([path]))[(NEW, "自然人")] == 1
