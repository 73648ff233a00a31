"""Around and inside a ledger's rows: the signatures under the table (not applications), cells merged
down over rows (each row's value), a sheet kept for one applicant type (its name says which), a remark
in brackets after a date."""

from __future__ import annotations

import datetime as dt

import pytest

from govreport_gui.core.errors import ReadError
from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.core.ledger.dates import SAME_DAY, DateProblem, read_date
from govreport_gui.core.ledger.sheet import LedgerSheet

from .ledger_builders import NEW
from .test_count import table_3

HEADER = ("序号", "申请人类型", "收到日期", "答复日期", "处理结果")
ROWS = [HEADER, (1, "自然人", "2025-03-01", "2025-03-09", "予以公开"), (2, "企业", "2025-04-01", "2025-04-09", "信息不存在")]


def count(rows):
    return count_ledgers([LedgerSheet("台账.xlsx", "2025年", rows)], get_form("2021"), 2025)


@pytest.mark.parametrize("footer", [
    ("制表人：张三", None, "审核人：李四", None, "制表日期：2026年1月10日"),
    (None, "填表人:王五", None, "联系电话：0571-1234"),
    ("单位负责人： ", "填报日期：2026-01-05"),
])
def test_signatures_under_the_table_are_not_applications(footer):
    counted = count([*ROWS, (), footer])
    assert counted.complete and table_3(counted)[(NEW, "自然人")] == 1 and counted.rows_read == 2
    assert any("表尾的签署栏" in note and "第5行" in note for note in counted.notes)


@pytest.mark.parametrize("row", [
    (3, "自然人", "2025-05-01", "2025-05-09", "制表人：张三"),    # a row with dates is an application
    ("备注：已电话告知", "自然人"),                               # 备注 is no signature
])
def test_a_row_that_only_looks_like_signatures_is_still_read(row):
    counted = count([*ROWS, row])
    assert counted.rows_read == 3 and not counted.complete


def test_a_cell_merged_down_over_rows_is_each_rows_value():
    rows = [("序号", "收到日期", "申请人类型", "答复日期", "处理结果"),
            (1, "2025-03-01", "自然人", "2025-03-05", "予以公开"),
            (2, None, None, "2025-03-06", "信息不存在"),
            (3, None, "企业", "2025-03-07", "予以公开"),
            (4, "2025-03-02", "企业", None, None)]
    merges = [(1, 1, 3, 1), (1, 2, 2, 2), (0, 0, 0, 0)]   # B2:B4 one date, C2:C3 one type
    counted = count_ledgers([LedgerSheet("m.xlsx", "S", rows, merges)], get_form("2021"), 2025)
    assert counted.complete
    assert table_3(counted) == {(NEW, "自然人"): 2, (NEW, "商业企业"): 2, ("（一）予以公开", "自然人"): 1,
                                ("1.本机关不掌握相关政府信息", "自然人"): 1, ("（一）予以公开", "商业企业"): 1,
                                ("四、结转下年度继续办理", "商业企业"): 1}


def test_a_merge_across_columns_is_not_spread_and_a_huge_merge_is_bounded():
    rows = [("申请人类型", "收到日期", "答复日期", "处理结果"), ("自然人", "2025-03-01", None, None),
            ("自然人", None, None, None)]
    merges = [(1, 1, 1, 3), (1, 1, 1_048_575, 1)]   # B2:D2 across; B2:B1048576 down
    counted = count_ledgers([LedgerSheet("m.xlsx", "S", rows, merges)], get_form("2021"), 2025)
    assert counted.complete and table_3(counted)[(NEW, "自然人")] == 2


@pytest.mark.parametrize("name,label", [("自然人申请", "自然人"), ("企业申请登记表", "商业企业"), ("律师事务所", "法律服务机构"),
                                        ("公民", "自然人")])
def test_a_sheet_kept_for_one_applicant_type_by_its_name(name, label):
    rows = [("序号", "申请人", "收到日期", "答复日期", "处理结果"), (1, "张三", "2025-03-01", "2025-03-05", "予以公开")]
    counted = count_ledgers([LedgerSheet("t.xlsx", name, rows)], get_form("2021"), 2025)
    assert counted.complete and table_3(counted)[(NEW, label)] == 1
    assert any(f"均为{label}" in note for note in counted.notes)


@pytest.mark.parametrize("name", ["其他", "Sheet1", "法人或其他组织", "2025年", "申请"])
def test_a_sheet_name_that_is_no_single_type_gives_none(name):
    rows = [("序号", "申请人", "收到日期", "答复日期", "处理结果"), (1, "张三", "2025-03-01", "2025-03-05", "予以公开")]
    with pytest.raises(ReadError, match="缺少申请人类型列"):
        count_ledgers([LedgerSheet("t.xlsx", name, rows)], get_form("2021"), 2025)


@pytest.mark.parametrize("raw", ["2025年3月5日（邮寄）", "2025-03-05 (当面领取)", "2025.3.5（电子邮件）", "3月5日（邮寄）"])
def test_a_remark_after_a_date_is_set_aside(raw):
    assert read_date(raw, 2025) == dt.date(2025, 3, 5)


@pytest.mark.parametrize("raw", ["2025年3月5日（延期）", "2025-03-05（预计）", "2025-03-05（截止）", "2025-03-05（3月9日送达）",
                                 "（邮寄）", "2025-03-05（邮寄）已送达"])
def test_a_remark_that_speaks_of_the_day_is_no_date(raw):
    with pytest.raises(DateProblem):
        read_date(raw, 2025)


@pytest.mark.parametrize("same", SAME_DAY)
def test_an_answer_on_the_same_day_is_dated_by_the_receiving_day(same):
    rows = [HEADER, (1, "自然人", "2024-12-31", same, "予以公开"), (2, "自然人", "2025-03-01", f" {same} ", "予以公开")]
    counted = count(rows)
    assert counted.complete and table_3(counted) == {(NEW, "自然人"): 1, ("（一）予以公开", "自然人"): 1}
    assert counted.other_years   # received and answered on 31 December 2024: last year's


def test_same_day_in_the_received_column_is_no_date():
    counted = count([HEADER, (1, "自然人", "同日", "2025-03-01", "予以公开")])
    assert [lo.why for lo in counted.left_out] == ["收到日期无法识别"]


def test_a_header_under_a_long_instruction_with_notes_in_its_cells():
    notes = [(f"{i}. 本台账逐件登记，请勿合并单元格或插入小计。",) for i in range(1, 151)]
    header = ("申请人类型（填写：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他）",
              "收到日期（答复期限自收到之日起算，格式2025-01-01）", "答复日期（以告知书落款日期为准）",
              "处理结果（予以公开、部分公开、不予公开及理由、无法提供及理由、不予处理及理由、其他处理）")
    counted = count([*notes, header, ("自然人", "2025-03-01", "2025-03-05", "予以公开")])
    assert counted.complete and table_3(counted)[(NEW, "自然人")] == 1
    assert any("表头在第151行" in note for note in counted.notes)


@pytest.mark.parametrize("total", ["3月小计", "十二月份合计", "第一季度小计", "上半年合计：12件", "2025年合计", "全年总计", "本月合计 3件",
                                   "11月小计"])
def test_a_sum_named_by_its_period_is_no_application(total):
    counted = count([*ROWS, (total, None, None, None, "2件")])
    assert counted.complete and counted.rows_read == 2
    assert any("合计行" in note for note in counted.notes)


@pytest.mark.parametrize("value", ["3月份申请人合计", "小计算机公司"])
def test_words_that_only_contain_a_total_mark_are_read(value):
    counted = count([*ROWS, (3, value, "2025-05-01", None, None)])
    assert counted.rows_read == 3
