"""Ledgers of agencies not seen before: an application whose items are written a row each under one
merged 序号, a 上年结转小计 row, a workbook Excel/WPS saved as a web page (a page per sheet in a folder
beside it), and answers in the clerk's own sentences — why after 理由：, how a withdrawal came (来电撤回),
what the applicant was told (不予重复处理), the steps before the answer (已告知补正), what is said of the
information before its kind (研究过程中的过程性信息)."""

from __future__ import annotations

import datetime as dt

import docx
import pytest

from govreport_gui.core.errors import ReadError
from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.core.ledger.words import Kind, Matcher
from govreport_gui.io.workbook.ledger_read import read_ledgers

from .ledger_builders import DISCLOSED, NEW
from .ledger_files import html_rows, write_xlsx
from .test_count import YEAR, sheet, table_3

D = dt.date
PARTLY = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
ABSENT, THIRD, PROCESS = "1.本机关不掌握相关政府信息", "4.保护第三方合法权益", "6.属于四类过程性信息"
REPEATED, PETITION, CONFIRM, LATE = ("2.重复申请", "1.信访举报投诉类申请", "5.要求行政机关确认或重新出具已获取信息",
                                     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
LAW, THREE, INTERNAL, OTHER = "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "5.属于三类内部事务信息", "3.其他"
CARRIED_OUT, CARRIED_IN = "四、结转下年度继续办理", "二、上年结转政府信息公开申请数量"
HEADER = ("序号", "申请人类型", "收到申请时间", "申请事项", "答复时间", "答复结果")
# one application of two items (部分公开), one of three all disclosed, one open with two items, one alone
ITEMS = [HEADER,
         (1, "公民", D(YEAR, 3, 2), "事项1", D(YEAR, 3, 20), "予以公开"), (None, None, None, "事项2", None, "信息不存在"),
         (2, "企业", D(YEAR, 4, 1), "事项1", D(YEAR, 4, 9), "同意公开"), (None, None, None, "事项2", None, "予以公开"),
         (None, None, None, "事项3", None, "公开"),
         (3, "公民", D(YEAR, 12, 20), "事项1", None, "办理中"), (None, None, None, "事项2", None, "办理中"),
         (4, "公民", D(YEAR, 5, 6), "事项1", D(YEAR, 5, 8), "信息不存在")]
ITEM_MERGES = ["A2:A3", "B2:B3", "C2:C3", "E2:E3", "A4:A6", "B4:B6", "C4:C6", "E4:E6", "A7:A8", "B7:B8", "C7:C8"]
ITEMS_COUNTED = {(NEW, "自然人"): 3, (NEW, "商业企业"): 1, (PARTLY, "自然人"): 1, (DISCLOSED, "商业企业"): 1,
                 (ABSENT, "自然人"): 1, (CARRIED_OUT, "自然人"): 1}


def test_items_of_one_application_under_one_merged_serial_number_count_once(tmp_path):
    path = write_xlsx(tmp_path / "一事多项.xlsx", {"台账": ITEMS}, {"台账": ITEM_MERGES})
    count = count_ledgers(read_ledgers([path]), get_form("2021"), YEAR)
    assert table_3(count) == ITEMS_COUNTED
    assert count.complete
    assert any("第3、5–6、8行" in n.replace("5、6", "5–6") and "合用一个序号单元格" in n for n in count.notes)


def test_items_of_one_application_in_a_word_table_count_once(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=len(ITEMS), cols=len(HEADER))
    for r, row in enumerate(ITEMS):
        for c, value in enumerate(row):
            if value is not None:
                table.cell(r, c).text = value.isoformat() if isinstance(value, dt.date) else str(value)
    for top, bottom, columns in ((1, 2, (0, 1, 2, 4)), (3, 5, (0, 1, 2, 4)), (6, 7, (0, 1, 2))):
        for c in columns:
            table.cell(top, c).merge(table.cell(bottom, c))
    document.save(tmp_path / "台账.docx")
    count = count_ledgers(read_ledgers([tmp_path / "台账.docx"]), get_form("2021"), YEAR)
    assert table_3(count) == ITEMS_COUNTED


def test_items_under_one_merged_number_whose_answers_make_no_one_label_are_listed():
    rows = [HEADER, (1, "公民", D(YEAR, 3, 2), "事项1", D(YEAR, 3, 20), "信息不存在"),
            (None, None, None, "事项2", None, "不予公开（过程性信息）"), (2, "公民", D(YEAR, 3, 5), "", D(YEAR, 3, 9), "公开")]
    merged = sheet(rows)
    merged.merges = [(1, 0, 2, 0), (1, 1, 2, 1), (1, 2, 2, 2), (1, 4, 2, 4)]
    count = count_ledgers([merged], get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 1, (DISCLOSED, "自然人"): 1}
    assert [(lo.ref.row, lo.why.startswith("同一序号（合并单元格）的2行处理结果")) for lo in count.left_out] == [(2, True)]


def test_a_serial_number_not_merged_joins_nothing():
    rows = [HEADER, (1, "公民", D(YEAR, 3, 2), "", D(YEAR, 3, 20), "予以公开"),
            (1, "公民", D(YEAR, 3, 2), "", D(YEAR, 3, 20), "信息不存在")]   # (a 序号 typed twice: two rows)
    count = count_ledgers([sheet(rows)], get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 2, (DISCLOSED, "自然人"): 1, (ABSENT, "自然人"): 1}


@pytest.mark.parametrize("total", ["上年结转小计", "上年结转合计：2件", "本年新收小计"])
def test_the_sum_of_a_part_named_by_the_part_is_no_application(total):
    rows = [("序号", "申请人类型", "收到日期", "答复日期", "处理结果"),
            (1, "公民", D(YEAR - 1, 12, 20), D(YEAR, 1, 5), "予以公开"), (2, "企业", D(YEAR - 1, 12, 28), D(YEAR, 1, 9), "公开"),
            ("", total, "", "", "2件"), (3, "公民", D(YEAR, 3, 2), D(YEAR, 3, 9), "予以公开")]
    count = count_ledgers([sheet(rows)], get_form("2021"), YEAR)
    assert count.complete
    assert table_3(count) == {(CARRIED_IN, "自然人"): 1, (CARRIED_IN, "商业企业"): 1, (NEW, "自然人"): 1,
                              (DISCLOSED, "自然人"): 2, (DISCLOSED, "商业企业"): 1}


def _web_workbook(tmp_path, with_folder=True):
    folder = tmp_path / "申请台账.files"
    halves = ([("序号", "申请人类型", "收到日期", "办结日期", "处理结果"), (1, "公民", "2025-03-02", "2025-03-09", "予以公开")],
              [("序号", "申请人类型", "收到日期", "办结日期", "处理结果"), (1, "企业", "2025-08-02", "2025-08-09", "信息不存在")])
    if with_folder:
        folder.mkdir()
        for k, rows in enumerate(halves, 1):
            (folder / f"sheet00{k}.htm").write_text(f'<html><body><table>{html_rows(rows)}</table></body></html>',
                                                    encoding="utf-8")
    (tmp_path / "outside.htm").write_text(f"<table>{html_rows(halves[0])}</table>", encoding="utf-8")
    main = tmp_path / "申请台账.htm"
    main.write_text(
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"><!--[if gte mso 9]><xml>'
        "<x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>上半年</x:Name>"
        '<x:WorksheetSource HRef="申请台账.files/sheet001.htm"/></x:ExcelWorksheet><x:ExcelWorksheet><x:Name>下半年</x:Name>'
        '<x:WorksheetSource HRef="申请台账.files/sheet002.htm"/></x:ExcelWorksheet><x:ExcelWorksheet><x:Name>别处</x:Name>'
        '<x:WorksheetSource HRef="../outside.htm"/></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml>'
        '<![endif]--></head><frameset rows="*,39"><frame src="申请台账.files/sheet001.htm"></frameset></html>',
        encoding="utf-8")
    return main


def test_a_workbook_saved_as_a_web_page_is_read_from_its_sheets_pages(tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    sheets = read_ledgers([_web_workbook(sub)])
    assert [(s.source, s.name) for s in sheets] == [("申请台账.htm", "上半年"), ("申请台账.htm", "下半年")]   # never ../
    count = count_ledgers(sheets, get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 1, (NEW, "商业企业"): 1, (DISCLOSED, "自然人"): 1, (ABSENT, "商业企业"): 1}


def test_a_web_page_workbook_without_its_folder_says_what_to_do(tmp_path):
    with pytest.raises(ReadError, match="申请台账.files") as refused:
        read_ledgers([_web_workbook(tmp_path, with_folder=False)])
    assert "另存为 .xlsx" in str(refused.value)


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("value,label", [
    ("不予公开，理由：涉及第三方个人隐私", THIRD), ("不予公开，原因是涉及他人商业秘密", THIRD),
    ("申请人来电撤回申请", OTHER), ("申请人书面撤回", OTHER),
    ("重复申请，已告知不予重复处理", REPEATED), ("要求重新出具已获取信息，不予处理", CONFIRM),
    ("已告知补正，申请人逾期未补正", LATE), ("延期答复，予以公开", DISCLOSED),
    ("不予公开：公开后可能危及社会稳定", THREE), ("不予公开，属于法律法规禁止公开的信息", LAW),
    ("非本机关掌握的信息，告知向有关部门申请", ABSENT), ("经检索未找到相关信息", ABSENT),
    ("转为信访处理", PETITION), ("不予公开，所申请信息为研究过程中的过程性信息", PROCESS),
    ("属于征求意见阶段的过程性信息", PROCESS), ("属于单位内部的人事管理信息", INTERNAL),
])
def test_answers_in_the_clerks_own_sentences(version, value, label):
    found = Matcher(get_form(version).ledger.results).match(value)
    expected = "（六）其他处理" if version == "2019" and label in (OTHER, LATE) else label
    assert (found.kind, found.target) == (Kind.FOUND, expected)


@pytest.mark.parametrize("value,kind", [
    ("转为咨询处理", Kind.UNCLEAR),              # no row of the table is a 咨询
    ("不属于本机关的过程性信息", Kind.UNCLEAR),    # what is said before the kind denies something
    ("已公开的过程性信息", Kind.UNCLEAR),          # … or names another answer
    ("已告知补正", Kind.PENDING), ("补正", Kind.PENDING), ("延期答复", Kind.PENDING),   # steps alone: still open
])
def test_what_names_no_one_row_stays_unclear_or_open(value, kind):
    assert Matcher(get_form("2021").ledger.results).match(value).kind is kind


def test_a_full_stop_after_a_date_and_an_open_application_said_in_the_answer_date_column(tmp_path):
    rows = [("序号", "申请人类型", "收文日期", "答复日期", "处理结果"),
            (1, "公民", "2025.1.9.", "2025.1.16。", "予以公开"),
            (2, "企业", "2025年12月20日", "尚在办理", ""), (3, "公民", "2025年12月22日", "仍在办理", "")]
    count = count_ledgers([sheet(rows)], get_form("2021"), YEAR)
    assert count.complete
    assert table_3(count) == {(NEW, "自然人"): 2, (NEW, "商业企业"): 1, (DISCLOSED, "自然人"): 1,
                              (CARRIED_OUT, "自然人"): 1, (CARRIED_OUT, "商业企业"): 1}


def test_an_office_that_answers_by_reply_letters():   # (复函日期, 办理结论)
    rows = [("序号", "申请方性质", "申请方名称", "来文时间", "办理时限", "复函日期", "复函文号", "办理结论"),
            (1, "个人", "王某", D(YEAR, 3, 2), D(YEAR, 3, 30), D(YEAR, 3, 9), "复〔2025〕1号", "予以公开"),
            (2, "企业", "某公司", D(YEAR, 4, 2), D(YEAR, 4, 30), D(YEAR, 4, 20), "复〔2025〕2号", "信息不存在")]
    count = count_ledgers([sheet(rows)], get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 1, (NEW, "商业企业"): 1, (DISCLOSED, "自然人"): 1, (ABSENT, "商业企业"): 1}


def test_the_answer_ticked_in_one_column_per_result_group(tmp_path):
    rows = [("序号", "申请人类型", "收到日期", "答复日期", "办理结果", None, None, None, None, None, "具体情形"),
            (None, None, None, None, "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"),
            (1, "公民", D(YEAR, 3, 2), D(YEAR, 3, 9), "√", None, None, None, None, None, None),
            (2, "企业", D(YEAR, 3, 5), D(YEAR, 3, 19), None, None, None, "√", None, None, "本机关不掌握相关政府信息"),
            (3, "公民", D(YEAR, 4, 1), D(YEAR, 4, 9), None, None, "√", None, None, None, "过程性信息"),
            (4, "公民", D(YEAR, 4, 2), D(YEAR, 4, 9), None, None, "√", None, None, None, None),      # which 不予公开?
            (5, "公民", D(YEAR, 12, 29), None, None, None, None, None, None, None, None)]
    path = write_xlsx(tmp_path / "勾选.xlsx", {"登记表": rows},
                      {"登记表": ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:J1", "K1:K2"]})
    count = count_ledgers(read_ledgers([path]), get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 3, (NEW, "商业企业"): 1, (DISCLOSED, "自然人"): 1,
                              (ABSENT, "商业企业"): 1, (PROCESS, "自然人"): 1, (CARRIED_OUT, "自然人"): 1}
    assert [(lo.ref.row, lo.value) for lo in count.left_out] == [(6, "不予公开")]


def test_a_systems_csv_with_dates_as_excel_text_formulas(tmp_path):
    (tmp_path / "export.csv").write_text(
        '申请编号,申请人类型,申请时间,办结时间,答复类型\r\n="2025001",公民,="2025-03-02",="2025-03-09",予以公开\r\n'
        '="2025002",企业,2025-04-02T00:00:00,2025-04-09 00:00:00.0,信息不存在\r\n', encoding="utf-8-sig")
    (read,) = read_ledgers([tmp_path / "export.csv"])
    assert read.rows[1][:3] == ("2025001", "公民", "2025-03-02")
    count = count_ledgers([read], get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 1, (NEW, "商业企业"): 1, (DISCLOSED, "自然人"): 1, (ABSENT, "商业企业"): 1}


def test_a_registration_row_and_its_answer_row_under_one_number():
    rows = [("申请编号", "申请人类型", "环节", "收到日期", "答复日期", "答复结果"),
            ("GK01", "公民", "登记", D(YEAR, 3, 2), None, None), ("GK01", None, "答复", None, D(YEAR, 3, 9), "予以公开"),
            ("GK02", "企业", "登记", D(YEAR, 12, 20), None, None),                       # not answered this year
            ("GK03", "公民", "登记", D(YEAR, 5, 2), None, None), ("GK03", None, "答复", None, D(YEAR, 5, 9), "部分公开"),
            ("GK03", None, "补充答复", None, D(YEAR, 5, 20), "予以公开")]
    count = count_ledgers([sheet(rows)], get_form("2021"), YEAR)
    assert count.complete
    assert table_3(count) == {(NEW, "自然人"): 2, (NEW, "商业企业"): 1, (DISCLOSED, "自然人"): 1, (PARTLY, "自然人"): 1,
                              (CARRIED_OUT, "商业企业"): 1}


def test_reason_columns_named_by_their_group_are_no_ticked_answers():
    rows = [("申请人类型", "收到日期", "答复日期", "处理结果", "不予公开理由", "无法提供理由", "不予处理理由", "其他处理理由"),
            ("公民", D(YEAR, 3, 2), D(YEAR, 3, 9), "不予公开", "过程性信息", None, None, None),
            ("企业", D(YEAR, 3, 5), D(YEAR, 3, 19), "无法提供", None, "本机关不掌握", None, None),
            ("公民", D(YEAR, 4, 1), D(YEAR, 4, 9), "予以公开", None, None, None, None)]
    count = count_ledgers([sheet(rows)], get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 2, (NEW, "商业企业"): 1, (PROCESS, "自然人"): 1, (ABSENT, "商业企业"): 1,
                              (DISCLOSED, "自然人"): 1}


def _forms_document(path, forms):
    document = docx.Document()
    guide = document.add_table(rows=4, cols=2)   # a 填表说明 of 栏目 | 说明 pairs: no application
    for r, (label, said) in enumerate((("申请人类型", "公民"), ("收到申请日期", "填写收到申请的日期"),
                                       ("答复日期", "填写答复的日期"), ("答复结果", "按官方类别填写"))):
        guide.cell(r, 0).text, guide.cell(r, 1).text = label, said
    for cells in forms:
        document.add_paragraph("政府信息公开申请登记表")
        table = document.add_table(rows=len(cells), cols=4)
        for r, row in enumerate(cells):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    document.save(path)
    return path


def test_a_word_file_of_one_form_per_application(tmp_path):
    forms = [(("申请人类型", "公民", "申请人", "王某"), ("收到申请日期", "2025年3月2日", "申请方式", "信函"),
              ("答复日期", "2025年3月9日", "答复结果", "予以公开")),
             (("申请人类型", "企业", "申请人", "某某有限公司"), ("收到申请日期", "2025年4月2日", "申请方式", "网上"),
              ("答复日期", "2025年4月20日", "答复结果", "信息不存在")),
             (("申请人类型", "高校", "申请人", "某某大学"), ("收到申请日期", "2025年5月2日", "申请方式", "当面"),
              ("答复日期", "2025年5月9日", "答复结果", "予以公开")),
             (("申请人类型", "公民", "申请人", "李某"), ("收到申请日期", "2025年12月22日", "申请方式", "网上"),
              ("答复日期", "", "答复结果", ""))]
    path = _forms_document(tmp_path / "登记表.docx", forms)
    count = count_ledgers(read_ledgers([path]), get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 2, (NEW, "商业企业"): 1, (DISCLOSED, "自然人"): 1, (ABSENT, "商业企业"): 1,
                              (CARRIED_OUT, "自然人"): 1}
    assert [(lo.ref.sheet, lo.ref.row, lo.value) for lo in count.left_out] == [("登记表（4张）", 4, "高校")]
    assert any("4张表格是每件申请一张的登记表" in n and "第2行是第1张登记表" in n for n in count.notes)
