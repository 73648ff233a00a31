"""Ledgers kept by clerks whose habits the first styles did not cover: dates in Chinese numerals, the
reason after 属, an answer that sends the applicant to another organ, the year's open rows said in
words, and a remark in brackets inside an answer typed as one run."""

from __future__ import annotations

import datetime as dt

import pytest

from govreport_gui.core.errors import ReadError
from govreport_gui.core.forms import FORMS, get_form
from govreport_gui.core.forms.ledger_words import Field
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.core.ledger.dates import DateProblem, YearMissing, read_date
from govreport_gui.core.ledger.sheet import LedgerSheet
from govreport_gui.core.ledger.words import Kind, Matcher

from .ledger_builders import CARRIED_OUT, NEW, leaf_in
from .test_count import table_3

SECRET, ABSENT, PROCESS = "1.属于国家秘密", "1.本机关不掌握相关政府信息", "6.属于四类过程性信息"
PETITION = "1.信访举报投诉类申请"


@pytest.mark.parametrize("raw,day", [
    ("二〇二四年一月五日", dt.date(2024, 1, 5)), ("二〇二三年十二月二十六日", dt.date(2023, 12, 26)),
    ("二○二四年十月十日", dt.date(2024, 10, 10)), ("二〇二四年二月二十九日", dt.date(2024, 2, 29)),
    ("二零二四年三月十一日（邮寄）", dt.date(2024, 3, 11)), ("二〇二四年十一月二十日 下午", dt.date(2024, 11, 20)),
])
def test_dates_in_chinese_numerals(raw, day):
    assert read_date(raw) == day


def test_a_chinese_date_without_its_year_takes_the_ledgers_year_or_is_refused():
    assert read_date("七月三十一日", 2024) == dt.date(2024, 7, 31)
    with pytest.raises(YearMissing, match="七月三十一日"):
        read_date("七月三十一日")
    with pytest.raises(DateProblem, match="二〇二三年二月二十九日"):   # (quoted as written)
        read_date("二〇二三年二月二十九日")


@pytest.mark.parametrize("version", sorted(FORMS))
@pytest.mark.parametrize("value,label", [
    ("告知向其他机关申请", ABSENT), ("非本机关信息，告知向其他机关申请", ABSENT), ("不属于本机关负责公开", ABSENT),
    ("属信访事项，不予处理", PETITION), ("不予公开（属国家秘密）", SECRET),
    # a remark in brackets inside a run that names nothing known is set aside
    ("经审查属于过程性信息（内部讨论稿）决定不予公开", PROCESS), ("经审查同意公开（附件两份）已邮寄", "（一）予以公开"),
    ("经审查，所申请信息属于国家秘密（涉密），不予公开。", SECRET),
    # the information provided, or where it is published told; withdrawn
    ("予以提供", "（一）予以公开"), ("属于主动公开范围，告知获取途径", "（一）予以公开"),
    ("告知申请人通过政府网站查询", "（一）予以公开"), ("已撤回", "3.其他"),
])
def test_more_ways_of_writing_an_answer(version, value, label):
    found = Matcher(get_form(version).ledger.results).match(value)
    assert (found.kind, found.target) == (Kind.FOUND, leaf_in(version, label))


@pytest.mark.parametrize("value", [
    "经审查该信息属于过程性信息（涉及个人隐私）不予公开",   # the remark is a second reason
    "经审查同意公开（除身份证号外）已邮寄", "经审查同意公开（部分）已告知",   # the remark limits the answer
    "不予公开（国家秘密；过程性信息）", "部分信息不存在，部分需另行制作", "属实",
])
def test_remarks_and_reasons_that_change_the_answer_stay_unclear(value):
    assert Matcher(get_form("2021").ledger.results).match(value).kind is Kind.UNCLEAR


@pytest.mark.parametrize("said", ["结转下年办理", "结转下年度", "转下年办理", "结转至下年度"])
def test_an_open_row_said_in_the_result_column_is_carried_out(said):
    rows = [("申请人类型", "收到日期", "答复日期", "处理结果"),
            ("公民", "二〇二四年十二月二十日", None, said), ("企业", "2024.3.1", "2024.3.9", "告知向其他机关申请")]
    counted = count_ledgers([LedgerSheet("台账.xlsx", "2024", rows)], get_form("2021"), 2024)
    assert counted.complete
    assert table_3(counted) == {(NEW, "自然人"): 1, (CARRIED_OUT, "自然人"): 1, (NEW, "商业企业"): 1, (ABSENT, "商业企业"): 1}


THREE_ROWS = [("序号", "收到申请时间", "申请人情况", None, None, None, None, None, "答复时间", "处理结果"),
              (None, None, "自然人", "法人或其他组织", None, None, None, None, None, None),
              (None, None, None, "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", None, None)]
THREE_MERGES = [(0, 0, 2, 0), (0, 1, 2, 1), (0, 2, 0, 7), (1, 2, 2, 2), (1, 3, 1, 7), (0, 8, 2, 8), (0, 9, 2, 9)]


def marked(n: int, column: int, received: str, done: str | None, result: str) -> tuple:
    marks = [None] * 6
    marks[column] = "√"
    return (n, received, *marks, done, result)


def test_a_header_over_three_rows_with_the_applicant_marked_under_its_category():
    rows = THREE_ROWS + [marked(1, 0, "2024-02-01", "2024-02-05", "同意公开"), marked(2, 4, "2024-02-03", None, "办理中"),
                         marked(3, 5, "2023-12-28", "2024-01-10", "信息不存在"), marked(4, 1, "2024-03-01", "2024-03-02", "同意公开")]
    counted = count_ledgers([LedgerSheet("台账.xlsx", "台账", rows, THREE_MERGES)], get_form("2021"), 2024)
    assert counted.complete and counted.placed == 4
    assert table_3(counted) == {
        (NEW, "自然人"): 1, (NEW, "法律服务机构"): 1, (NEW, "商业企业"): 1, ("二、上年结转政府信息公开申请数量", "其他"): 1,
        ("（一）予以公开", "自然人"): 1, ("（一）予以公开", "商业企业"): 1, (CARRIED_OUT, "法律服务机构"): 1, (ABSENT, "其他"): 1}
    (note,) = [n for n in counted.notes if "表头在第3行" in n]
    assert "收到申请时间" in note and "答复时间" in note


def test_without_the_merges_the_header_over_three_rows_is_not_guessed():
    rows = THREE_ROWS + [marked(1, 0, "2024-02-01", "2024-02-05", "同意公开")]
    counted = count_ledgers([LedgerSheet("台账.csv", "", rows)], get_form("2021"), 2024)
    assert counted.placed == 0 and not counted.complete     # (nothing says which rows the header spans)


@pytest.mark.parametrize("below", [[], [("2024年度",)]])
def test_a_header_on_the_last_rows_gives_zeros(below):
    rows = [("申请人类型", "收到日期", "答复日期", "处理结果"), *below]
    counted = count_ledgers([LedgerSheet("台账.xlsx", "台账", rows)], get_form("2021"), 2024)
    assert counted.complete and counted.placed == 0 and not table_3(counted)


@pytest.mark.parametrize("raw", ["2024—3—5", "2024–03–05", "2024－3－5", "2024年3月5号", "2024. 3. 5"])
def test_dates_with_the_dashes_typed_in_chinese(raw):
    assert read_date(raw) == dt.date(2024, 3, 5)


REASONS_HEADER = ("申请人类型", "收到日期", "答复日期", "答复类型", "不予公开理由", "无法提供理由", "不予处理理由")


def test_the_reason_kept_in_the_column_of_its_group():
    rows = [REASONS_HEADER,
            ("公民", "2024-05-06", "2024-05-09", "不予公开", "国家秘密", None, None),
            ("公民", "2024-05-06", "2024-05-09", "无法提供", None, "信息不存在", None),
            ("企业", "2024-05-06", "2024-05-09", "不予处理", None, None, "重复申请"),
            ("企业", "2024-05-06", "2024-05-09", "予以公开", None, None, None),
            ("企业", "2024-05-06", "2024-05-09", "无法提供", "国家秘密", None, None),          # the wrong group's column
            ("企业", "2024-05-06", "2024-05-09", "不予公开", "国家秘密", "信息不存在", None)]   # two reasons
    counted = count_ledgers([LedgerSheet("台账.xlsx", "台账", rows)], get_form("2021"), 2024)
    assert [lo.ref.row for lo in counted.left_out] == [6, 7]
    assert table_3(counted) == {(NEW, "自然人"): 2, (NEW, "商业企业"): 2, (SECRET, "自然人"): 1, (ABSENT, "自然人"): 1,
                                ("2.重复申请", "商业企业"): 1, ("（一）予以公开", "商业企业"): 1}
    (note,) = [n for n in counted.notes if "表头" in n]
    assert "具体情形：“不予公开理由、无法提供理由、不予处理理由”" in note and "另有" not in note


def test_a_reason_column_of_another_kind_is_not_read_beside_the_chosen_one():
    rows = [("申请人类型", "收到日期", "答复日期", "处理结果", "具体情形", "法律依据"),
            ("公民", "2024-05-06", "2024-05-09", "不予公开", None, "条例第十四条")]
    counted = count_ledgers([LedgerSheet("台账.xlsx", "台账", rows)], get_form("2021"), 2024)
    assert not counted.complete and counted.left_out[0].value == "不予公开"


@pytest.mark.parametrize("first", ["例", "示例", "例：", "填写示例：张三"])
def test_a_templates_example_row_is_not_counted(first):
    rows = [("序号", "申请人类型", "收到日期", "答复日期", "处理结果"), (first, "自然人", "2024-01-01", "2024-01-10", "予以公开"),
            (1, "企业", "2024-02-01", "2024-02-10", "予以公开")]
    counted = count_ledgers([LedgerSheet("台账.xlsx", "台账", rows)], get_form("2021"), 2024)
    assert counted.complete and table_3(counted) == {(NEW, "商业企业"): 1, ("（一）予以公开", "商业企业"): 1}
    assert any("第2行是填写示例" in n for n in counted.notes)


KIND_HEADER = ("申请人类型", "法人或其他组织类型", "收到日期", "答复日期", "处理结果")


def test_the_kind_of_organisation_in_a_column_of_its_own():
    rows = [KIND_HEADER, ("法人或其他组织", "商业企业", "2024-01-02", "2024-01-05", "予以公开"),
            ("自然人", None, "2024-01-02", "2024-01-05", "予以公开"), ("法人", "律师事务所", "2024-01-02", "2024-01-05", "予以公开"),
            ("自然人", "律所", "2024-01-02", "2024-01-05", "予以公开"),       # a person and a kind of organisation
            ("法人或其他组织", None, "2024-01-02", "2024-01-05", "予以公开")]  # the kind not written
    counted = count_ledgers([LedgerSheet("台账.xlsx", "台账", rows)], get_form("2021"), 2024)
    assert {(r, c) for (r, c) in table_3(counted) if r == NEW} == {(NEW, "自然人"), (NEW, "商业企业"), (NEW, "法律服务机构")}
    assert [(lo.ref.row, lo.value) for lo in counted.left_out] == [(5, "自然人 / 律所"), (6, "法人或其他组织")]
    assigned = {Field.APPLICANT: {"自然人|律所": "法律服务机构"}}
    again = count_ledgers([LedgerSheet("台账.xlsx", "台账", rows)], get_form("2021"), 2024, assigned)
    assert [lo.ref.row for lo in again.left_out] == [6]
    assert again.assigned_used[(Field.APPLICANT, "自然人|律所")] == ("自然人 / 律所", "法律服务机构")


def test_a_kind_of_organisation_column_alone_is_no_applicant_type():
    rows = [("单位类型", "收到日期", "答复日期", "处理结果"), ("企业", "2024-01-02", "2024-01-05", "予以公开")]
    with pytest.raises(ReadError, match="缺少申请人类型列"):
        count_ledgers([LedgerSheet("台账.xlsx", "台账", rows)], get_form("2021"), 2024)


def test_a_row_carried_in_said_instead_of_its_date_and_a_row_still_open_said_instead_of_its_answer():
    rows = [("申请人类型", "收到日期", "答复日期", "处理结果"),
            ("公民", "上年结转", "2024-01-20", "同意公开"), ("企业", "2023年结转", None, "办理中"),
            ("公民", "2024-12-20", "结转下年", "办理中"), ("公民", "2024-12-21", "延期答复", None),
            ("企业", "2024年结转", None, "办理中"),                      # this year's: not carried in
            ("企业", "2024-12-22", "2025-01-05", "结转下年")]            # answered after the year
    counted = count_ledgers([LedgerSheet("台账.xlsx", "台账", rows)], get_form("2021"), 2024)
    assert [(lo.ref.row, lo.why) for lo in counted.left_out] == [(6, "收到日期无法识别")]
    carried_in = "二、上年结转政府信息公开申请数量"
    assert table_3(counted) == {(carried_in, "自然人"): 1, (carried_in, "商业企业"): 1, ("（一）予以公开", "自然人"): 1,
                                (NEW, "自然人"): 2, (NEW, "商业企业"): 1, (CARRIED_OUT, "自然人"): 2, (CARRIED_OUT, "商业企业"): 2}


@pytest.mark.parametrize("heading", ["1月", "二月份", "一季度", "第二季度", "上半年", "2024年", "本年新收", "上年结转"])
def test_a_row_heading_a_part_of_the_ledger_is_no_application(heading):
    rows = [("申请人类型", "收到日期", "答复日期", "处理结果"), (heading,), ("公民", "2024-01-02", "2024-01-05", "予以公开"),
            ("公民",)]                                                    # (a row begun and not filled: left out)
    counted = count_ledgers([LedgerSheet("台账.xlsx", "台账", rows)], get_form("2021"), 2024)
    assert [lo.ref.row for lo in counted.left_out] == [4]
    assert any(f"第2行是分段标题“{heading}”" in n for n in counted.notes)
