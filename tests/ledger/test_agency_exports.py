"""Ledgers as other agencies keep them: a provincial platform's export whose 答复类型 is a code explained on
a sheet of its own, answers given in parts (numbered items, the withheld part and its reason first),
法人或其他组织 without its kind beside the organisation's name, a sheet begun by pasting the last rows of
the sheet before it, and a WPS file of a form nothing here reads."""

from __future__ import annotations

import datetime as dt

import pytest

from govreport_gui.core.errors import ReadError
from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.core.ledger.sheet import LedgerSheet
from govreport_gui.core.ledger.words import Kind, Matcher
from govreport_gui.io.workbook.ledger_read import read_ledgers

from .ledger_builders import CARRIED_OUT, DISCLOSED, NEW, PARTLY
from .ledger_files import write_xlsx
from .test_count import YEAR, table_3

ABSENT = "1.本机关不掌握相关政府信息"
SECRET = "1.属于国家秘密"
WITHDRAWN = "3.其他"
D = dt.date


# --- a platform's export: codes, and the sheet that says what they mean ----------------------------

LEGEND = [("答复类型代码", "答复类型"), ("01", "予以公开"), ("02", "部分公开"), ("03", "不予公开-属于国家秘密"),
          ("04", "无法提供-本机关不掌握相关政府信息"), ("05", "其他处理-其他")]
EXPORT = [("申请编号", "申请人类型", "申请时间", "办结状态", "办结时间", "答复类型"),
          ("YS-0001", "自然人", "2025-02-03 09:12:00", "已办结", "2025-02-10 16:00:00", "01"),
          ("YS-0002", "商业企业", "2025-03-04 10:00:00", "已办结", "2025-03-20 11:30:00", 3),      # a number cell
          ("YS-0003", "自然人", "2025-05-06 14:20:00", "已办结", "2025-05-19 09:00:00", "04"),
          ("YS-0004", "自然人", "2025-07-01 08:40:00", "已办结", "2025-07-02 15:10:00", "05"),
          ("YS-0005", "法律服务机构", "2025-12-22 10:00:00", "办理中", "", "")]


def test_answer_codes_are_read_by_the_legend_sheet_of_the_same_workbook(tmp_path):
    path = write_xlsx(tmp_path / "导出.xlsx", {"代码说明": LEGEND, "申请列表": EXPORT})
    count = count_ledgers(read_ledgers([path]), get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 3, (NEW, "商业企业"): 1, (NEW, "法律服务机构"): 1,
                              (DISCLOSED, "自然人"): 1, (SECRET, "商业企业"): 1, (ABSENT, "自然人"): 1,
                              (WITHDRAWN, "自然人"): 1, (CARRIED_OUT, "法律服务机构"): 1}
    assert count.complete
    assert any("“代码说明”是代码说明表（01＝予以公开" in n for n in count.notes)


def test_a_legend_laid_out_across_and_a_word_read_only_beside_its_group(tmp_path):
    across = [("答复类型说明",), ("01", "予以公开", "02", "部分公开"), ("03", "不予公开", "04", "其他处理")]
    reasons = [("代码", "情形"), ("1", "属于国家秘密"), ("2", "保护第三方合法权益"), ("3", "其他")]   # 其他: of 其他处理
    ledger = [("申请人类型", "收到日期", "答复日期", "答复类型", "理由"),
              ("自然人", D(2025, 1, 6), D(2025, 1, 9), "02", ""), ("企业", D(2025, 2, 6), D(2025, 2, 9), "03", "1"),
              ("企业", D(2025, 3, 6), D(2025, 3, 9), "04", "3")]
    path = write_xlsx(tmp_path / "导出.xlsx", {"说明": across, "理由": reasons, "数据": ledger})
    count = count_ledgers(read_ledgers([path]), get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 1, (NEW, "商业企业"): 2, (PARTLY, "自然人"): 1, (SECRET, "商业企业"): 1,
                              (WITHDRAWN, "商业企业"): 1}


def test_a_code_the_legend_does_not_list_is_left_out_with_its_value(tmp_path):
    export = [*EXPORT[:2], ("YS-0009", "自然人", "2025-04-01 09:00:00", "已办结", "2025-04-08 10:00:00", "09")]
    path = write_xlsx(tmp_path / "导出.xlsx", {"申请列表": export, "代码说明": LEGEND})
    count = count_ledgers(read_ledgers([path]), get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 1, (DISCLOSED, "自然人"): 1}
    (left,) = count.left_out
    assert (left.ref.row, left.value) == (3, "09")
    assert left.why.startswith("处理结果代码“09”不在“代码说明”表中，不知道代表什么；请在该表补上它的含义后重新读取")


def test_codes_without_a_legend_or_with_one_that_contradicts_itself_are_not_read(tmp_path):
    twice = [*LEGEND, ("01", "不予公开-属于国家秘密")]   # 01 said to mean two things
    for sheets in ({"申请列表": EXPORT}, {"代码说明": twice, "申请列表": EXPORT}):
        path = write_xlsx(tmp_path / "导出.xlsx", sheets)
        count = count_ledgers(read_ledgers([path]), get_form("2021"), YEAR)
        assert table_3(count) == {(NEW, "法律服务机构"): 1, (CARRIED_OUT, "法律服务机构"): 1}
        assert len(count.left_out) == 4


def test_answer_and_reason_codes_with_a_legend_each_are_read_each_by_its_own(tmp_path):
    answers = [("编码", "名称"), ("01", "予以公开"), ("02", "部分公开"), ("03", "不予公开"), ("04", "无法提供"), ("05", "不予处理")]
    reasons = [("编码", "名称"), ("01", "属于国家秘密"), ("02", "保护第三方合法权益"), ("03", "本机关不掌握相关政府信息"),
               ("04", "重复申请")]
    ledger = [("申请人类型", "收到日期", "答复日期", "答复类型", "具体情形"),
              ("自然人", D(2025, 1, 6), D(2025, 1, 9), "01", ""), ("自然人", D(2025, 2, 6), D(2025, 2, 9), "03", "01"),
              ("自然人", D(2025, 3, 6), D(2025, 3, 9), "04", "03"), ("自然人", D(2025, 4, 6), D(2025, 4, 9), "05", "04"),
              ("自然人", D(2025, 5, 6), D(2025, 5, 9), "03", "02")]
    path = write_xlsx(tmp_path / "导出.xlsx", {"情形代码": reasons, "答复类型代码": answers, "申请": ledger})
    count = count_ledgers(read_ledgers([path]), get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 5, (DISCLOSED, "自然人"): 1, (SECRET, "自然人"): 1, (ABSENT, "自然人"): 1,
                              ("2.重复申请", "自然人"): 1, ("4.保护第三方合法权益", "自然人"): 1}


def test_applicant_codes_are_read_by_their_legend_too(tmp_path):
    legend = [("申请人类型", "代码"), ("自然人", 1), ("商业企业", 2), ("法律服务机构", 3)]   # words first
    ledger = [("申请人类型", "收到日期", "答复日期", "处理结果"), (1, D(2025, 1, 6), D(2025, 1, 9), "同意公开"),
              (3, D(2025, 2, 6), D(2025, 2, 9), "同意公开"), (2, D(2025, 3, 6), D(2025, 3, 9), "信息不存在")]
    path = write_xlsx(tmp_path / "台账.xlsx", {"台账": ledger, "字典": legend})
    count = count_ledgers(read_ledgers([path]), get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 1, (NEW, "法律服务机构"): 1, (NEW, "商业企业"): 1, (DISCLOSED, "自然人"): 1,
                              (DISCLOSED, "法律服务机构"): 1, (ABSENT, "商业企业"): 1}


def test_a_ledger_lacking_a_column_is_told_so_not_taken_for_a_legend():
    rows = [("序号", "申请人类型", "收到日期", "处理结果"), (1, "自然人", D(2025, 3, 1), "予以公开"),
            (2, "企业", D(2025, 3, 2), "予以公开"), (3, "律所", D(2025, 3, 3), "予以公开")]   # 1 2 3 beside kinds
    with pytest.raises(ReadError) as caught:
        count_ledgers([LedgerSheet("台账.xlsx", "Sheet1", rows)], get_form("2021"), YEAR)
    assert "第1行像是台账的表头，但缺少办结日期列" in str(caught.value) and "代码说明表" not in str(caught.value)


def test_a_legend_in_another_workbook_explains_nothing_of_this_one(tmp_path):
    legend = write_xlsx(tmp_path / "说明.xlsx", {"代码说明": LEGEND})
    ledger = write_xlsx(tmp_path / "导出.xlsx", {"申请列表": EXPORT})
    count = count_ledgers(read_ledgers([legend, ledger]), get_form("2021"), YEAR)
    assert len(count.left_out) == 4


# --- answers given in parts ---------------------------------------------------------------------

@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("value, label", [
    ("第1项予以公开；第2项本机关不掌握", PARTLY),
    ("1.予以公开 2.信息不存在", PARTLY),
    ("（1）同意公开（2）属于国家秘密，不予公开", PARTLY),
    ("涉及他人隐私的部分不予公开，其余予以公开", PARTLY),                  # the withheld part first
    ("经审查，所申请信息中涉及商业秘密的部分不予公开，其余部分予以公开。", PARTLY),
    ("第1项予以公开；第2项予以公开", DISCLOSED),                           # every item the same
    ("1.信息不存在 2.需另行制作", None),                                   # nothing disclosed: which one?
    ("经审查，您申请的信息属于公开范围，不予公开。", None),                # two labels and no mark: contradicts
    ("第1项予以公开；第2项已电话沟通", None),                              # a part that names nothing
])
def test_an_answer_in_parts_is_partly_disclosed_when_one_part_was(version, value, label):
    found = Matcher(get_form(version).ledger.results).match(value)
    assert (found.kind, found.target) == ((Kind.FOUND, label) if label else (Kind.UNCLEAR, None))


# --- one application on several rows under its number ------------------------------------------------

def test_rows_under_one_application_number_are_one_application_with_their_results_together():
    rows = [("序号", "申请编号", "申请人类型", "收到日期", "答复日期", "答复结果"),
            (1, "YS-01", "自然人", D(2025, 3, 1), D(2025, 3, 9), "予以公开"),
            (2, "YS-01", "自然人", D(2025, 3, 1), D(2025, 3, 9), "信息不存在"),      # → 部分公开
            (3, "YS-02", "企业", D(2025, 4, 1), D(2025, 4, 9), "予以公开"),
            (4, "YS-02", "企业", D(2025, 4, 1), D(2025, 4, 9), "予以公开"),          # → 予以公开, once
            (5, "YS-03", "自然人", D(2025, 5, 1), D(2025, 5, 9), "信息不存在"),
            (6, "YS-03", "自然人", D(2025, 5, 1), D(2025, 5, 9), "重复申请"),          # no one label: asked
            (7, "YS-04", "自然人", D(2025, 6, 1), D(2025, 6, 9), "予以公开")]
    count = count_ledgers([LedgerSheet("台账.xlsx", "明细", rows)], get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 2, (NEW, "商业企业"): 1, (DISCLOSED, "自然人"): 1, (DISCLOSED, "商业企业"): 1,
                              (PARTLY, "自然人"): 1}
    (left,) = count.left_out
    assert left.ref.row == 6 and left.why.startswith("同一申请编号的2行处理结果（信息不存在＋重复申请）合不成一种")
    assert any("第3、5、7行与上面同一申请编号的行是同一件申请" in n for n in count.notes)


def test_a_running_number_is_no_application_number():
    rows = [("编号", "申请人类型", "收到日期", "答复日期", "答复结果"),
            (1, "自然人", D(2025, 3, 1), D(2025, 3, 9), "予以公开"), (1, "自然人", D(2025, 3, 2), D(2025, 3, 9), "信息不存在")]
    count = count_ledgers([LedgerSheet("台账.xlsx", "Sheet1", rows)], get_form("2021"), YEAR)
    assert table_3(count)[(NEW, "自然人")] == 2


# --- 法人或其他组织 and the organisation's name ---------------------------------------------------------

def test_an_organisation_without_its_kind_is_placed_by_the_ending_of_its_name():
    rows = [("申请人", "申请人类型", "收到日期", "答复日期", "答复结果"),
            ("青石建材有限责任公司", "法人或其他组织", D(2025, 3, 1), D(2025, 3, 9), "同意公开"),
            ("玉泉律师事务所", "法人或其他组织", D(2025, 4, 1), D(2025, 4, 9), "同意公开"),
            ("金桥小区业主委员会", "法人或其他组织", D(2025, 5, 1), D(2025, 5, 9), "同意公开"),
            ("王某", "自然人", D(2025, 6, 1), D(2025, 6, 9), "同意公开"),
            ("红星联络站", "法人或其他组织", D(2025, 7, 1), D(2025, 7, 9), "同意公开")]   # the name tells nothing
    count = count_ledgers([LedgerSheet("台账.csv", "台账", rows)], get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "商业企业"): 1, (NEW, "法律服务机构"): 1, (NEW, "其他"): 1, (NEW, "自然人"): 1,
                              (DISCLOSED, "商业企业"): 1, (DISCLOSED, "法律服务机构"): 1, (DISCLOSED, "其他"): 1,
                              (DISCLOSED, "自然人"): 1}
    (left,) = count.left_out
    assert left.ref.row == 6 and left.value == "法人或其他组织"
    assert left.why == ("只写了“法人或其他组织”，没写明是商业企业、科研机构、社会公益组织、法律服务机构还是其他"
                        "（名称“红星联络站”看不出类别），请在台账中写明")


# --- dates without their year under 上年结转 ---------------------------------------------------------------

def test_dates_without_a_year_under_a_carried_in_heading_are_of_the_year_before():
    rows = [(f"{YEAR}年依申请公开登记表",), ("序号", "申请人类型", "来信日期", "送达日期", "答复结果"), ("上年结转",),
            (1, "自然人", "12月20日", "1月6日", "予以公开"), (2, "企业", "12月28日", "1月10日", "信息不存在"),
            ("本年新收",), (3, "自然人", "1月3日", "1月9日", "予以公开"), (4, "自然人", "12月22日", "", "办理中")]
    count = count_ledgers([LedgerSheet("台账.xlsx", "Sheet1", rows)], get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 2, ("二、上年结转政府信息公开申请数量", "自然人"): 1,
                              ("二、上年结转政府信息公开申请数量", "商业企业"): 1, (DISCLOSED, "自然人"): 2,
                              (ABSENT, "商业企业"): 1, (CARRIED_OUT, "自然人"): 1}
    assert count.complete
    without = [rows[0], rows[1], *rows[3:5]]   # no heading: which year is the clerk's to say
    left = count_ledgers([LedgerSheet("台账.xlsx", "Sheet1", without)], get_form("2021"), YEAR).left_out
    assert [x.why for x in left] == ["办结日期早于收到日期"] * 2 and "请在台账中补写年份" in left[0].value


# --- a sheet that repeats another in part ---------------------------------------------------------

HALF = ("申请人类型", "收到日期", "答复日期", "答复结果")
FIRST_HALF = [("公民", D(2025, m, 3 + m), D(2025, m, 12 + m), "同意公开") for m in range(1, 7)]
SECOND_HALF = [("企业", D(2025, m, 2), D(2025, m, 10), "信息不存在") for m in range(7, 11)]


def test_rows_pasted_again_at_the_top_of_the_next_sheet_count_once_and_are_named():
    first = LedgerSheet("台账.xlsx", "上半年", [HALF, *FIRST_HALF])
    second = LedgerSheet("台账.xlsx", "下半年", [HALF, *FIRST_HALF[-3:], *SECOND_HALF])
    count = count_ledgers([first, second], get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 6, (DISCLOSED, "自然人"): 6, (NEW, "商业企业"): 4, (ABSENT, "商业企业"): 4}
    assert [x.ref.row for x in count.left_out] == [2, 3, 4]
    assert count.left_out[0].why == ("与“上半年”第5行完全相同（像是复制来的重复登记），未重复计入；"
                                     "如确是另一件申请，请在台账中写明区别后重新读取")


def test_two_rows_alike_by_chance_on_two_sheets_are_both_counted():
    first = LedgerSheet("台账.xlsx", "甲科室", [HALF, *FIRST_HALF])
    second = LedgerSheet("台账.xlsx", "乙科室", [HALF, FIRST_HALF[0], *SECOND_HALF, FIRST_HALF[3]])
    count = count_ledgers([first, second], get_form("2021"), YEAR)
    assert table_3(count)[(NEW, "自然人")] == 8 and count.complete


# --- words of other agencies ------------------------------------------------------------------------

@pytest.mark.parametrize("value, label", [
    ("已予公开", DISCLOSED),
    ("不予公开（法律法规禁止）", "2.其他法律行政法规禁止公开"),
    ("其他处理-申请人逾期未缴纳费用", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("要求确认已获取信息", "5.要求行政机关确认或重新出具已获取信息"),
    # not held here, the applicant told which agency holds it: the official row is （四）1
    ("告知向其他机关申请", ABSENT),
    ("不属于本机关公开职责，告知申请人向市自然资源局申请", ABSENT),
    ("经审查，该信息不属于本机关公开职责，已告知申请人向区教育局申请", ABSENT),   # any agency named
    ("告知申请人向县人民政府办公室申请", ABSENT),
    ("不属于本机关职责范围", ABSENT),
])
def test_words_other_agencies_write(value, label):
    assert Matcher(get_form("2021").ledger.results).match(value).target == label


# --- WPS ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["台账.et", "台账模板.ett"])
def test_a_wps_file_in_a_form_nothing_reads_says_to_save_it_as_xlsx(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504) + b"\x5a" * 2048)   # no workbook inside
    with pytest.raises(ReadError) as caught:
        read_ledgers([path])
    assert f"“{name}”是 WPS 表格文件" in str(caught.value) and "另存为" in str(caught.value) and "xlsx" in str(caught.value)
