"""Bad and hostile files: each gets a clear Chinese message (ReadError), nothing else happens."""

from __future__ import annotations

import re
import struct
import time

import openpyxl
import pytest

from govreport_gui.core.document import Document
from govreport_gui.core.errors import ReadError
from govreport_gui.core.serialize import report_to_json
from govreport_gui.io.registry import read_report

from .builders import filled_report, official, rewrite_zip, save, zip_parts


def read_error(path) -> str:
    with pytest.raises(ReadError) as info:
        read_report(path)
    message = str(info.value)
    assert re.search(r"[\u4e00-\u9fff]", message), message
    assert "Traceback" not in message and "Error" not in message, message
    assert path.name in message, message
    return message


def test_corrupt_zip(tmp_path):
    good = save(official(filled_report("2021")), tmp_path / "good.xlsx")
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert "损坏" in read_error(bad)


def test_zip_with_a_broken_workbook_part(tmp_path):
    path = save(official(filled_report("2021")), tmp_path / "a.xlsx")
    parts = zip_parts(path)
    parts["xl/workbook.xml"] = b"<workbook><sheets><sheet name="
    rewrite_zip(path, parts)
    assert "无法作为Excel 工作簿读取" in read_error(path)


def _ole2_with_streams(names: list[str]) -> bytes:
    """A minimal OLE2 compound file whose directory names the given streams (as an encrypted
    OOXML package has: EncryptionInfo + EncryptedPackage)."""
    sector = 512
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIII", header, 44, 1, 1, 0, 0x1000)   # 1 FAT sector; directory at sector 1
    struct.pack_into("<III", header, 60, 0xFFFFFFFE, 0, 0xFFFFFFFE)
    struct.pack_into("<I", header, 76, 0)                      # FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, 0xFFFFFFFF)
    fat = bytearray(b"\xff" * sector)
    struct.pack_into("<III", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFE)
    directory = bytearray(sector)
    for i, name in enumerate(["Root Entry", *names][:4]):
        raw = name.encode("utf-16-le") + b"\0\0"
        entry = bytearray(128)
        entry[: len(raw)] = raw
        struct.pack_into("<HB", entry, 64, len(raw), 5 if i == 0 else 2)
        struct.pack_into("<III", entry, 68, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        directory[128 * i: 128 * (i + 1)] = entry
    return bytes(header + fat + directory + b"\0" * sector)


def test_encrypted_workbook(tmp_path):
    path = tmp_path / "加密.xlsx"
    path.write_bytes(_ole2_with_streams(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"]))
    assert "密码" in read_error(path)


def test_zip_with_an_encrypted_member(tmp_path):
    path = save(official(filled_report("2021")), tmp_path / "a.xlsx")
    data = bytearray(path.read_bytes())
    # Set the "encrypted" flag of every member in the central directory and local headers.
    for sig, offset in ((b"PK\x01\x02", 8), (b"PK\x03\x04", 6)):
        for m in re.finditer(re.escape(sig), bytes(data)):
            flag_at = m.start() + offset
            data[flag_at] |= 0x01
    path.write_bytes(bytes(data))
    assert "密码" in read_error(path)


def test_text_file_renamed_xlsx(tmp_path):
    path = tmp_path / "说明.xlsx"
    path.write_text("这是一个文本文件，不是工作簿。\n", encoding="utf-8")
    assert "扩展名是.xlsx" in read_error(path)


def test_empty_workbook(tmp_path):
    path = save(openpyxl.Workbook(), tmp_path / "空.xlsx")
    assert "空工作簿" in read_error(path)


def test_workbook_without_a_report_table(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "部门", "电话"])
    ws.append(["张三", "办公室", "1234567"])
    path = save(wb, tmp_path / "通讯录.xlsx")
    assert "没有找到年报表格" in read_error(path)


def test_sheet_with_100000_rows_without_a_report(tmp_path):
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("明细")
    for i in range(100_000):
        ws.append([i, f"记录{i}", i * 2])
    path = tmp_path / "明细.xlsx"
    wb.save(path)
    start = time.perf_counter()
    message = read_error(path)
    elapsed = time.perf_counter() - start
    assert "没有找到年报表格" in message and "只查找了开头部分" in message
    print(f"100 000 rows answered in {elapsed:.2f} s")  # measured in benchmarks/, not asserted


def test_report_above_100000_rows_of_other_data(tmp_path):
    source = filled_report("2021")
    wb = official(source)
    ws = wb["表四"]
    for i in range(100_000):
        ws.append([f"附表{i}", i])
    result = read_report(save(wb, tmp_path / "大表.xlsx"))
    assert result.report.values == source.values
    assert any("表四" in n and "只读取了开头部分" in n for n in result.notes)


def test_zip_bomb(tmp_path):
    path = save(official(filled_report("2021")), tmp_path / "炸弹.xlsx")
    parts = zip_parts(path)
    parts["xl/media/padding.xml"] = b"<a>" + b"0" * (64 * 1024 * 1024) + b"</a>"
    rewrite_zip(path, parts)
    assert path.stat().st_size < 1024 * 1024
    assert "压缩炸弹" in read_error(path)


BILLION_LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                  b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')
EXTERNAL = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize("prolog, entity", [(BILLION_LAUGHS, b"&lol3;"), (EXTERNAL, b"&xxe;")])
def test_xml_entity_attack(tmp_path, prolog, entity):
    path = save(official(filled_report("2021")), tmp_path / "实体.xlsx")
    parts = zip_parts(path)
    xml = parts["xl/worksheets/sheet1.xml"]
    body = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", xml)
    body, n = re.subn(rb"<t>", b"<t>" + entity, body, count=1)
    assert n == 1
    parts["xl/worksheets/sheet1.xml"] = prolog + body
    rewrite_zip(path, parts)
    assert "不安全的 XML" in read_error(path)
    # Defence in depth: openpyxl on its own (through defusedxml) refuses the file as well.
    with pytest.raises(Exception) as info, open(path, "rb") as f:
        wb = openpyxl.load_workbook(f, read_only=True)
        list(wb.worksheets[0].iter_rows(values_only=True))
    chain, exc = [], info.value
    while exc is not None:
        chain.append(type(exc).__module__)
        exc = exc.__cause__ or exc.__context__
    assert any(m.startswith("defusedxml") for m in chain), chain


def test_openpyxl_parses_through_defusedxml():
    """Second line of defence behind our DTD check: openpyxl's parsers are defusedxml's."""
    import defusedxml.ElementTree
    from openpyxl import DEFUSEDXML
    from openpyxl.xml import functions
    assert DEFUSEDXML is True
    assert functions.iterparse is defusedxml.ElementTree.iterparse


def test_failed_import_leaves_the_document_untouched(tmp_path):
    report = filled_report("2021")
    doc = Document(report.copy(), None)
    before = report_to_json(doc.report)
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(ReadError):
        result = read_report(bad)
        doc.apply(result)  # never reached
    assert report_to_json(doc.report) == before


def test_xls_with_garbage_after_the_ole_header(tmp_path):
    path = tmp_path / "旧表.xls"
    path.write_bytes(_ole2_with_streams(["Workbook"]))
    assert "无法作为Excel 97-2003 工作簿读取" in read_error(path)


def test_binary_xlsb_workbook(tmp_path):
    path = tmp_path / "二进制.xlsb"
    rewrite_zip(path, {"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x83\x01\x00"})
    assert ".xlsb" in read_error(path)


def test_strict_open_xml_workbook(tmp_path):
    path = save(official(filled_report("2021")), tmp_path / "严格.xlsx")
    parts = zip_parts(path)
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        b"http://purl.oclc.org/ooxml/spreadsheetml/main")
    rewrite_zip(path, parts)
    assert "Strict Open XML" in read_error(path)


def test_quick_dimension_scan_gives_openpyxls_dimensions(tmp_path):
    """Our faster look for <dimension> (read only up to <sheetData>) finds what openpyxl finds."""
    from govreport_gui.io.workbook.excel_import import _quick_dimension_scan
    _quick_dimension_scan()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["C2"] = 1
    ws["F40"] = "x"
    path = save(wb, tmp_path / "dims.xlsx")
    with open(path, "rb") as f:
        ro = openpyxl.load_workbook(f, read_only=True)
        sheet = ro.active
        assert (sheet.min_row, sheet.min_column, sheet.max_row, sheet.max_column) == (2, 3, 40, 6)
        ro.close()


def test_very_wide_sheet_is_read_only_in_part(tmp_path):
    source = filled_report("2021", seed=18)
    wb = official(source)
    ws = wb["表四"]
    for i in range(700):
        ws.append(list(range(400)))
    result = read_report(save(wb, tmp_path / "宽.xlsx"))
    assert result.report.values == source.values
    assert any("工作表“表四”很大" in n for n in result.notes)
