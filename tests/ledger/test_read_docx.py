"""A ledger kept as a Word table (.docx): each table a sheet, merged cells as merges, counted like a
workbook; a Word file without a table refused with what to do; an old .doc/.wps converted by
LibreOffice when it is installed, else refused with how to save it as .docx."""

from __future__ import annotations

import shutil
import subprocess

import docx
import pytest
from support import require_libreoffice

from govreport_gui.core.errors import ReadError
from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.io.workbook.ledger_read import read_ledgers

from .test_count import table_3

NEW, CARRIED_IN, CARRIED_OUT = "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "四、结转下年度继续办理"
DISCLOSED, SECRET, ABSENT = "（一）予以公开", "1.属于国家秘密", "1.本机关不掌握相关政府信息"
ENTRIES = [("公民", "2024年3月2日", "2024年3月9日", "同意公开"), ("某某有限公司", "2024年3月2日", "", "办理中"),
           ("律师事务所", "2023年12月20日", "2024年1月5日", "不予公开（涉密）"), ("企业", "2024.12.30", "", "结转下年办理"),
           ("公民", "二〇二四年五月六日", "二〇二四年五月八日", "告知向其他机关申请")]


def word_ledger(path, header_rows: int = 1):
    document = docx.Document()
    document.add_paragraph("2024年政府信息公开申请登记台账")
    table = document.add_table(rows=header_rows, cols=5)
    if header_rows == 1:
        for cell, text in zip(table.rows[0].cells, ("序号", "申请人类型", "收到日期", "答复日期", "处理结果")):
            cell.text = text
    else:   # 序号 and 申请人类型 merged down; 办理情况 over 答复日期 | 处理结果
        top, second = table.rows[0].cells, table.rows[1].cells
        for col, text in ((0, "序号"), (1, "申请人类型"), (2, "收到日期")):
            top[col].merge(second[col]).text = text
        top[3].merge(top[4]).text = "办理情况"
        second[3].text, second[4].text = "答复日期", "处理结果"
    for n, entry in enumerate(ENTRIES, 1):
        cells = table.add_row().cells
        for cell, text in zip(cells, (str(n), *entry)):
            cell.text = text
    document.add_paragraph("制表人：某某")
    document.save(path)
    return path


EXPECTED = {(NEW, "自然人"): 2, (NEW, "商业企业"): 2, (CARRIED_IN, "法律服务机构"): 1, (DISCLOSED, "自然人"): 1,
            (SECRET, "法律服务机构"): 1, (ABSENT, "自然人"): 1, (CARRIED_OUT, "商业企业"): 2}


@pytest.mark.parametrize("header_rows", [1, 2])
def test_a_word_table_ledger_counts_like_a_workbook(tmp_path, header_rows):
    path = word_ledger(tmp_path / "台账.docx", header_rows)
    (sheet,) = read_ledgers([path])
    assert sheet.source == "台账.docx" and sheet.rows[header_rows][1] == "公民"
    if header_rows == 2:
        assert (0, 3, 0, 4) in sheet.merges and (0, 0, 1, 0) in sheet.merges
    counted = count_ledgers([sheet], get_form("2021"), 2024)
    assert not counted.complete   # 某某有限公司 is a name, not a type: asked, never guessed
    assert [lo.ref.row for lo in counted.left_out] == [header_rows + 2]
    expected = dict(EXPECTED)
    expected[(NEW, "商业企业")] -= 1
    expected[(CARRIED_OUT, "商业企业")] -= 1
    assert table_3(counted) == expected


def test_a_word_document_without_a_table_is_refused(tmp_path):
    document = docx.Document()
    document.add_paragraph("2024年依申请公开情况：共收到申请5件。")
    document.save(tmp_path / "说明.docx")
    with pytest.raises(ReadError, match="没有表格"):
        read_ledgers([tmp_path / "说明.docx"])


def _old_word_files(tmp_path):
    exe = require_libreoffice()
    src = word_ledger(tmp_path / "台账.docx")
    subprocess.run([exe, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to", "doc",
                    "--outdir", str(tmp_path / "old"), str(src)], check=True, capture_output=True, timeout=180)
    old = tmp_path / "old" / "台账.doc"
    shutil.copy(old, tmp_path / "old" / "台账.wps")
    return old, tmp_path / "old" / "台账.wps"


def test_an_old_word_file_is_refused_with_how_to_save_it_without_libreoffice(tmp_path, monkeypatch):
    files = _old_word_files(tmp_path)
    monkeypatch.setenv("GOVREPORT_SOFFICE", str(tmp_path / "没有这个程序"))   # (a machine without it)
    for path in files:
        with pytest.raises(ReadError, match="另存为 .docx") as refused:
            read_ledgers([path])
        assert "安装 LibreOffice" in str(refused.value)
        assert path.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"   # (untouched)


def test_an_old_word_file_is_converted_by_libreoffice_and_counted(tmp_path):
    for path in _old_word_files(tmp_path):
        before = path.read_bytes()
        (sheet,) = read_ledgers([path])
        assert sheet.source == path.name and "已由LibreOffice转换为Word 文档后读取（原文件未改动）" in sheet.converted
        counted = count_ledgers([sheet], get_form("2021"), 2024)
        assert table_3(counted) == {k: v for k, v in EXPECTED.items()
                                    if k not in ((NEW, "商业企业"), (CARRIED_OUT, "商业企业"))} | {
            (NEW, "商业企业"): 1, (CARRIED_OUT, "商业企业"): 1}   # 某某有限公司: a name, asked
        assert any("转换为Word 文档后读取" in note for note in counted.notes)
        assert path.read_bytes() == before and not list(path.parent.glob("*.docx"))


def test_a_row_struck_through_in_word_is_cancelled(tmp_path):
    path = word_ledger(tmp_path / "台账.docx")
    document = docx.Document(path)
    table = document.tables[0]
    for cell in table.rows[1].cells:            # the first entry crossed out whole
        for run in cell.paragraphs[0].runs:
            run.font.strike = True
    table.rows[5].cells[4].paragraphs[0].runs[0].font.strike = True   # one cell of the last: kept
    document.save(path)
    (sheet,) = read_ledgers([path])
    assert sheet.struck_rows == {1}
    counted = count_ledgers([sheet], get_form("2021"), 2024)
    assert [ref.row for ref in counted.voided] == [2]
    assert (DISCLOSED, "自然人") not in table_3(counted) and table_3(counted)[(ABSENT, "自然人")] == 1
