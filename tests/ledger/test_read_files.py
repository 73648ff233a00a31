"""Ledger files in the forms agencies keep them — .xlsx, .xls, WPS .et, CSV and text in UTF-8, GBK and
Excel's UTF-16 “Unicode 文本” — read and counted exactly; anything else refused with a Chinese message."""

from __future__ import annotations

import os
import random
import shutil
import zipfile

import pytest

from govreport_gui.core.errors import ReadError
from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.io.workbook.ledger_read import read_ledgers

from .ledger_builders import Style, case_rows, expected_3, expected_4, ledger_rows, random_apps, random_cases
from .ledger_files import to_xls, write_text, write_xlsx
from .test_count import table_3, table_4

YEAR = 2025


def count(paths, version="2021", year=YEAR):
    return count_ledgers(read_ledgers(paths), get_form(version), year)


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("seed", range(8))
def test_xlsx_in_many_styles(tmp_path, seed, version):
    rng = random.Random(1000 + seed)
    year = 2020 if version == "2019" else YEAR
    apps = random_apps(rng, year, rng.randrange(30, 80))
    rows, _ = ledger_rows(apps, Style.random(rng, version))
    help_rows = [("填表说明",), ("每件申请登记一行",)]
    path = write_xlsx(tmp_path / "台账.xlsx", {"填表说明": help_rows, f"{year}年": rows},
                      merges={f"{year}年": ["A1:C1"]} if rows[0] and len(rows[0]) == 1 else {})
    counted = count([path], version, year)
    assert counted.complete and table_3(counted) == dict(expected_3(apps, year, version))


@pytest.mark.parametrize("encoding,delimiter", [("utf-8", ","), ("utf-8-sig", ","), ("gbk", ","), ("gb18030", "\t"),
                                                ("utf-16", "\t"), ("utf-8", "\t")])
def test_text_files_in_every_encoding(tmp_path, encoding, delimiter):
    rng = random.Random(hash((encoding, delimiter)) % 1000)
    apps = random_apps(rng, YEAR, 40)
    rows, _ = ledger_rows(apps, Style.random(rng, "2021", text_dates=True))
    suffix = ".txt" if delimiter == "\t" else ".csv"
    path = write_text(tmp_path / f"台账{suffix}", rows, encoding, delimiter)
    counted = count([path])
    assert counted.complete and table_3(counted) == dict(expected_3(apps, YEAR, "2021"))
    assert counted.sources == [path.name]


def test_several_files_and_sheets_are_summed(tmp_path):
    rng = random.Random(5)
    apps, cases = random_apps(rng, YEAR, 90), random_cases(rng, YEAR, 20)
    first, _ = ledger_rows(apps[:30], Style.random(rng, "2021"))
    second, _ = ledger_rows(apps[30:60], Style.random(rng, "2021"))
    third, _ = ledger_rows(apps[60:], Style.random(rng, "2021", text_dates=True))
    book = write_xlsx(tmp_path / "上半年.xlsx", {"1-3月": first, "4-6月": second, "案件": case_rows(cases, rng)})
    text = write_text(tmp_path / "下半年.csv", third, "gbk")
    counted = count([book, text])
    assert table_3(counted) == dict(expected_3(apps, YEAR, "2021"))
    assert table_4(counted) == dict(expected_4(cases, YEAR))
    assert counted.sources == ["上半年.xlsx", "下半年.csv"]


@pytest.fixture(scope="module")
def xls_ledger(tmp_path_factory):
    """An .xls made by LibreOffice from a ledger workbook (applications and cases), with its records."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        if os.environ.get("GOVREPORT_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("需要 LibreOffice（soffice）生成 .xls 台账")
        pytest.skip("没有安装 LibreOffice（soffice），无法生成 .xls 台账")
    rng = random.Random(77)
    apps, cases = random_apps(rng, YEAR, 60), random_cases(rng, YEAR, 15)
    style = Style.random(rng, "2021")
    style.date_style = "datetime"
    rows, _ = ledger_rows(apps, style)
    folder = tmp_path_factory.mktemp("xls")
    src = write_xlsx(folder / "台账.xlsx", {"申请": rows, "案件": case_rows(cases, rng)})
    return to_xls(src, folder / "out"), apps, cases


def test_xls_and_wps_et(xls_ledger, tmp_path):
    path, apps, cases = xls_ledger
    et = tmp_path / "台账.et"
    et.write_bytes(path.read_bytes())
    for source in (path, et):
        counted = count([source])
        assert counted.complete
        assert table_3(counted) == dict(expected_3(apps, YEAR, "2021"))
        assert table_4(counted) == dict(expected_4(cases, YEAR))


def test_a_two_row_header_with_merged_cells_in_a_workbook(tmp_path):
    rows = [("某局依申请公开登记台账",), ("序号", "申请人", None, "收到日期", "办理情况", None, None),
            (None, "姓名", "类型", None, "答复日期", "处理结果", "具体情形"),
            (1, "张三", "公民", "2025-03-01", "2025-03-05", "不予公开", "过程性信息")]
    path = write_xlsx(tmp_path / "a.xlsx", {"台账": rows}, merges={"台账": ["A1:G1", "B2:C2", "E2:G2", "A2:A3", "D2:D3"]})
    counted = count([path])
    assert table_3(counted) == {("一、本年新收政府信息公开申请数量", "自然人"): 1, ("6.属于四类过程性信息", "自然人"): 1}


def _bomb(tmp_path):
    from robustness.hostile import zip_bomb
    good = write_xlsx(tmp_path / "good.xlsx", {"S": [("申请人类型",)]})
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(zip_bomb(good.read_bytes(), "xl/worksheets/sheet1.xml", 300 * 1024 ** 2))
    return path


def _doctype(tmp_path):
    from robustness.hostile import with_doctype
    good = write_xlsx(tmp_path / "good2.xlsx", {"S": [("申请人类型",)]})
    path = tmp_path / "dtd.xlsx"
    path.write_bytes(with_doctype(good.read_bytes(), "xl/worksheets/sheet1.xml", "<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
                                  "&a;"))
    return path


def _docx(tmp_path):
    path = tmp_path / "报告.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return path


HOSTILE = {
    "zip bomb": _bomb,
    "DTD with entities": _doctype,
    "a Word document": _docx,
    "a PDF": lambda p: _write(p / "a.pdf", b"%PDF-1.4\n%%EOF"),
    "binary garbage": lambda p: _write(p / "a.csv", bytes(range(256)) * 50),
    "empty": lambda p: _write(p / "a.xlsx", b""),
    "a folder": lambda p: p,
    "missing": lambda p: p / "nothing.xlsx",
    "not a zip, named xlsx": lambda p: _write(p / "b.xlsx", b"PK\x03\x04" + bytes(100)),
    "OLE header only": lambda p: _write(p / "c.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
}


def _write(path, data):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_and_wrong_files_are_refused_in_chinese(tmp_path, case):
    path = HOSTILE[case](tmp_path)
    with pytest.raises(ReadError) as exc:
        read_ledgers([path])
    message = str(exc.value)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message) and "Traceback" not in message


@pytest.mark.parametrize("name", ["台账.csv", "台账.txt", "台账"])
def test_an_unreadable_text_file_names_the_ledgers_kinds_not_the_reports(tmp_path, name):
    """Binary content under a text file's name: the clerk is told which ledger files can be read —
    not the report kinds of 打开… (项目文件, JSON, PDF …), none of which holds a ledger."""
    path = _write(tmp_path / name, bytes(range(256)) * 50)
    with pytest.raises(ReadError) as exc:
        read_ledgers([path])
    message = str(exc.value)
    assert message.startswith(f"无法识别“{name}”的内容") and "CSV/文本文件（.csv、.txt）" in message
    assert ".govreport" not in message and "PDF" not in message


def test_a_folder_or_a_pipe_is_named_for_what_it_is(tmp_path):
    """A folder chosen as a report or a ledger (the command line takes any path) is called a folder —
    it was called “a pipe or a device” — and a pipe is refused before anything waits on it."""
    import os

    from govreport_gui.io.registry import read_report
    folder = tmp_path / "各单位台账"
    folder.mkdir()
    for read, what in ((read_ledgers, "台账"), (lambda paths: read_report(paths[0]), "报告")):
        with pytest.raises(ReadError) as exc:
            read([folder])
        assert str(exc.value) == f"“各单位台账”是文件夹，不是文件。请选择文件夹中的{what}文件。"
        if hasattr(os, "mkfifo"):
            pipe = tmp_path / f"pipe-{what}"
            os.mkfifo(pipe)
            with pytest.raises(ReadError) as exc:
                read([pipe])
            assert "可能是管道或设备" in str(exc.value) and f"请选择保存在磁盘上的{what}文件" in str(exc.value)


def test_a_file_without_a_ledger_says_what_it_needs(tmp_path):
    path = write_text(tmp_path / "a.csv", [("姓名", "电话"), ("张三", "123")], "utf-8")
    with pytest.raises(ReadError) as exc:
        count([path])
    assert "申请人类型" in str(exc.value) and "a.csv" in str(exc.value)
