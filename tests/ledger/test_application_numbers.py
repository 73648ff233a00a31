"""Rows under one application number are one application (``core/ledger/several``) — but only rows
that really share a number: a placeholder written where a row has none (“/”, “无”) is no number, and
a number begun again under a new part of the ledger (上年结转 | 本年新收, another header further
down) names another application.  And the 上年结转 part, whose dates without a year are of the year
before, ends at any heading, not only the ones foreseen."""

from __future__ import annotations

import datetime as dt

import pytest

from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.core.ledger.sheet import LedgerSheet

from .ledger_builders import CARRIED_IN, DISCLOSED, NEW
from .test_count import YEAR, table_3

ABSENT = "1.本机关不掌握相关政府信息"
HEADER = ("申请编号", "申请人类型", "收到日期", "答复日期", "答复结果")
D = dt.date


def _count(rows):
    return count_ledgers([LedgerSheet("台账.xlsx", "明细", rows)], get_form("2021"), YEAR)


def test_a_placeholder_where_a_row_has_no_number_joins_no_rows():
    rows = [HEADER, ("/", "自然人", D(YEAR, 3, 1), D(YEAR, 3, 9), "予以公开"),
            ("/", "自然人", D(YEAR, 4, 1), D(YEAR, 4, 9), "予以公开"),
            ("无", "自然人", D(YEAR, 5, 1), D(YEAR, 5, 9), "予以公开"),
            ("无", "自然人", D(YEAR, 6, 1), D(YEAR, 6, 9), "信息不存在"),
            ("—", "自然人", D(YEAR, 7, 1), D(YEAR, 7, 9), "予以公开"),
            ("—", "自然人", D(YEAR, 8, 1), D(YEAR, 8, 9), "予以公开")]
    count = _count(rows)
    assert table_3(count) == {(NEW, "自然人"): 6, (DISCLOSED, "自然人"): 5, (ABSENT, "自然人"): 1}
    assert not any("同一申请编号" in n for n in count.notes)


def test_numbers_begun_again_under_a_section_heading_name_other_applications():
    rows = [("受理编号", *HEADER[1:]), ("上年结转",),
            (1, "自然人", D(YEAR - 1, 12, 20), D(YEAR, 1, 5), "予以公开"),
            (2, "自然人", D(YEAR - 1, 12, 21), D(YEAR, 1, 6), "予以公开"),
            ("本年新收",),
            (1, "自然人", D(YEAR, 3, 1), D(YEAR, 3, 9), "予以公开"),
            (2, "企业", D(YEAR, 4, 1), D(YEAR, 4, 9), "信息不存在"),
            (3, "自然人", D(YEAR, 5, 1), D(YEAR, 5, 9), "予以公开"),
            (3, "自然人", D(YEAR, 5, 1), D(YEAR, 5, 9), "予以公开")]   # one application on two rows
    count = _count(rows)
    assert table_3(count) == {(NEW, "自然人"): 2, (NEW, "商业企业"): 1, (CARRIED_IN, "自然人"): 2,
                              (DISCLOSED, "自然人"): 4, (ABSENT, "商业企业"): 1}
    assert any("第9行与上面同一申请编号的行是同一件申请" in n for n in count.notes)


def test_a_number_under_another_header_further_down_is_another_application():
    rows = [HEADER, ("A1", "自然人", D(YEAR, 3, 1), D(YEAR, 3, 9), "予以公开"),
            ("A2", "自然人", D(YEAR, 4, 1), D(YEAR, 4, 9), "予以公开"), (), ("下半年",), HEADER,
            ("A1", "企业", D(YEAR, 8, 1), D(YEAR, 8, 9), "信息不存在"),
            ("A3", "自然人", D(YEAR, 9, 1), D(YEAR, 9, 9), "予以公开")]
    count = _count(rows)
    assert table_3(count) == {(NEW, "自然人"): 3, (NEW, "商业企业"): 1, (DISCLOSED, "自然人"): 3,
                              (ABSENT, "商业企业"): 1}
    assert not any("同一申请编号" in n for n in count.notes)


def test_the_header_printed_again_on_a_new_page_ends_no_part():
    rows = [HEADER, ("A1", "自然人", D(YEAR, 3, 1), D(YEAR, 3, 9), "予以公开"), HEADER,
            ("A1", "自然人", D(YEAR, 3, 1), D(YEAR, 3, 9), "信息不存在")]
    count = _count(rows)
    assert table_3(count) == {(NEW, "自然人"): 1, ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "自然人"): 1}


# --- the 上年结转 part ends at any heading, foreseen or not ------------------------------------------

@pytest.mark.parametrize("heading", ["本年新收", "本年度新收申请", f"{YEAR}年新收", "本年申请", "今年受理"])
def test_this_years_rows_under_a_heading_not_foreseen_stay_this_years(heading):
    rows = [(f"{YEAR}年依申请公开登记表",), ("序号", *HEADER[1:]), ("上年结转",),
            (1, "自然人", "12月30日", "1月9日", "予以公开"), (heading,),
            (2, "自然人", "3月2日", "3月9日", "予以公开"), (3, "自然人", "4月2日", "4月9日", "予以公开")]
    count = _count(rows)
    assert table_3(count) == {(NEW, "自然人"): 2, (CARRIED_IN, "自然人"): 1, (DISCLOSED, "自然人"): 3}


def test_a_row_filled_by_cells_merged_down_stays_in_the_carried_in_part():
    rows = [(f"{YEAR}年依申请公开登记表",), HEADER[1:], ("上年结转",),
            ("自然人", "12月30日", "1月9日", "予以公开"), (None, None, None, "信息不存在"),   # merged down
            ("本年新收",), ("自然人", "3月2日", "3月9日", "予以公开")]
    sheet = LedgerSheet("台账.xlsx", "Sheet1", rows, merges=[(3, 0, 4, 0), (3, 1, 4, 1), (3, 2, 4, 2)])
    count = count_ledgers([sheet], get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 1, (CARRIED_IN, "自然人"): 2, (DISCLOSED, "自然人"): 2,
                              (ABSENT, "自然人"): 1}


def test_a_number_begun_again_without_a_heading_joins_no_rows_of_another_day():
    rows = [HEADER, ("1", "自然人", D(YEAR, 3, 1), D(YEAR, 3, 9), "予以公开"),
            ("2", "自然人", D(YEAR, 3, 5), D(YEAR, 3, 9), "予以公开"), (),
            ("1", "企业", D(YEAR, 4, 1), D(YEAR, 4, 9), "信息不存在"),          # April's numbers from 1 again
            ("2", "自然人", D(YEAR, 4, 7), D(YEAR, 4, 9), "予以公开"),
            ("2", "自然人", D(YEAR, 4, 7), D(YEAR, 4, 9), "信息不存在")]       # one application on two rows
    count = _count(rows)
    assert table_3(count) == {(NEW, "自然人"): 3, (NEW, "商业企业"): 1, (DISCLOSED, "自然人"): 2,
                              (ABSENT, "商业企业"): 1, ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "自然人"): 1}


def test_the_later_rows_of_an_application_may_leave_its_day_and_applicant_blank():
    rows = [HEADER, ("A1", "自然人", D(YEAR, 3, 1), D(YEAR, 3, 9), "予以公开"), ("A1", None, None, None, "信息不存在"),
            ("A2", "企业", D(YEAR, 4, 1), D(YEAR, 4, 9), "予以公开"), ("A2", "", "", D(YEAR, 4, 9), "予以公开")]
    count = _count(rows)
    assert table_3(count) == {(NEW, "自然人"): 1, (NEW, "商业企业"): 1, (DISCLOSED, "商业企业"): 1,
                              ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "自然人"): 1}
    assert count.left_out == []
