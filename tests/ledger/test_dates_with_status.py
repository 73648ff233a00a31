"""A date with the row's state written after it (2024.3.8 已办结, 3月8日已回复): the date is read and the
state counts only as what it says; a year and month without the day is decided by the year rule where
the month is enough, and left to the clerk where the day decides."""

from __future__ import annotations

import datetime as dt

import pytest

from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.core.ledger.dates import DateProblem, MonthOnly, read_date

from .ledger_builders import CARRIED_IN, CARRIED_OUT, DISCLOSED, NEW
from .test_count import _app_rows, sheet, table_3

DAY = dt.date(2024, 3, 8)


@pytest.mark.parametrize("raw", [
    "2024.3.8 已办结", "2024-03-08（已答复）", "2024-03-08(已答复)", "2024年3月8日，已告知", "2024/3/8已送达。",
    "2024-03-08 【已办结】", "２０２４．３．８　已回复", "20240308 办结",
])
def test_a_done_word_after_the_date_is_set_aside(raw):
    assert read_date(raw) == DAY


def test_a_date_without_its_year_and_a_done_word():
    assert read_date("3月8日已回复", 2024) == DAY


@pytest.mark.parametrize("raw", ["2024-03-08 办理中", "2024-03-08（未办结）", "2024.3.8 延期答复", "3月8日尚未答复"])
def test_an_open_word_beside_a_date_is_a_problem_for_the_clerk(raw):
    with pytest.raises(DateProblem) as exc:
        read_date(raw, 2024)
    assert "写了日期又写了" in str(exc.value)


@pytest.mark.parametrize("raw,first,last", [
    ("2024年1月", dt.date(2024, 1, 1), dt.date(2024, 1, 31)), ("2024年2月份", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2023-12", dt.date(2023, 12, 1), dt.date(2023, 12, 31)), ("2024/11", dt.date(2024, 11, 1), dt.date(2024, 11, 30)),
])
def test_a_year_and_month_is_a_month_not_a_day(raw, first, last):
    with pytest.raises(MonthOnly) as exc:
        read_date(raw)
    assert (exc.value.first, exc.value.last) == (first, last) and "只写到月份" in str(exc.value)


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_status_words_in_the_answer_column_count_as_what_they_say(version):
    rows = _app_rows(
        ("公民", "2024-02-01", "2024.3.8 已办结", "同意公开"),       # 2: answered
        ("公民", "2024-02-02", "2024-03-08（已答复）", "同意公开"),  # 3: answered
        ("企业", "2024-11-02", "未办结", None),                      # 4: open at year end
        ("企业", "2024-11-03", "2024-11-20 办理中", None),           # 5: which is it? left out
    )
    count = count_ledgers([sheet(rows)], get_form(version), 2024)
    assert table_3(count) == {(NEW, "自然人"): 2, (DISCLOSED, "自然人"): 2, (NEW, "商业企业"): 1,
                              (CARRIED_OUT, "商业企业"): 1}
    assert [(lo.ref.row, lo.why) for lo in count.left_out] == [(5, "办结日期无法识别")]
    assert "办理中" in count.left_out[0].value


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_a_received_month_is_enough_for_the_year_rule(version):
    # A month inside the report year is received in the year (一) whatever the day; a month of the
    # year before is carried in (二); a month of the next year is not this year's.
    rows = _app_rows(
        ("公民", "2024年1月", "2024-01-15", "同意公开"),     # 2: 一 → （一）
        ("公民", "2023年12月", "2024-01-10", "同意公开"),    # 3: 二 → （一）
        ("公民", "2024年12月", None, "办理中"),              # 4: 一 → 四
        ("公民", "2025年1月", None, None),                   # 5: next year's
        ("公民", "2024年3月", "2024-02-20", "同意公开"),     # 6: answered before the month received
    )
    count = count_ledgers([sheet(rows)], get_form(version), 2024)
    assert table_3(count) == {(NEW, "自然人"): 2, (CARRIED_IN, "自然人"): 1, (DISCLOSED, "自然人"): 2,
                              (CARRIED_OUT, "自然人"): 1}
    assert [r.row for r in count.other_years["2025年及以后收到"]] == [5]
    assert [(lo.ref.row, lo.why) for lo in count.left_out] == [(6, "办结日期早于收到日期")]


def test_an_answer_month_decides_where_any_day_of_it_would_and_asks_where_the_day_is_wanted():
    rows = _app_rows(
        ("公民", "2024-01-05", "2024年3月", "同意公开"),     # 2: answered in the year → （一）
        ("公民", "2023-11-05", "2023年12月", "同意公开"),    # 3: answered before the year
        ("公民", "2024-11-05", "2025年1月", "同意公开"),     # 4: not answered by 31 December → 四
        ("公民", "2024-11-05", "2024年12月", "同意公开"),    # 5: the year's last month: the clerk's
        ("公民", "2024-06-10", "2024年6月", "同意公开"),     # 6: the month received: before or after?
    )
    count = count_ledgers([sheet(rows)], get_form("2021"), 2024)
    assert table_3(count) == {(NEW, "自然人"): 2, (DISCLOSED, "自然人"): 1, (CARRIED_OUT, "自然人"): 1}
    assert [r.row for r in count.other_years["2024年以前已办结"]] == [3]
    why = {lo.ref.row: (lo.why, lo.value) for lo in count.left_out}
    assert sorted(why) == [5, 6]
    assert why[5][0] == "办结日期只写到月份" and "最后一个月" in why[5][1] and "几日" in why[5][1]
    assert why[6][0] == "办结日期只写到月份" and "收到日期（2024年6月10日）也在这个月" in why[6][1]
