"""Dates written without their year (3月1日, 03-01, 3.1) in a ledger kept per year: read with the year
the ledger names once — its title, the sheet's name or the file's name — and refused with the reason
when it names none or several; nothing is read with a year picked by the program."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.core.ledger.dates import DateProblem, YearMissing, read_date
from govreport_gui.core.ledger.sheet import LedgerSheet
from govreport_gui.core.ledger.year import ledger_year

from .ledger_builders import RESULT_WORDS, expected_3, random_apps
from .test_count import table_3

YEAR = 2025
HEADER = ("申请人类型", "收到日期", "答复日期", "处理结果")


@pytest.mark.parametrize("raw", ["3月1日", "3月1号", "03月01日", " 3 月 1 日 ", "03-01", "3-1", "3/1", "3.1", "03.01",
                                 "３月１日", "3月1日 上午9:30", "03-01 14:05"])
def test_a_month_and_day_is_read_with_the_year_given(raw):
    assert read_date(raw, 2024) == dt.date(2024, 3, 1)
    with pytest.raises(YearMissing) as exc:
        read_date(raw)
    assert "没有写年份" in str(exc.value)


@pytest.mark.parametrize("raw", ["2月30日", "13-01", "3/1/25", "3.1.2", "3月"])
def test_a_month_and_day_that_is_no_day_is_still_a_problem(raw):
    with pytest.raises(DateProblem) as exc:
        read_date(raw, 2025)
    assert not isinstance(exc.value, YearMissing)


def test_a_number_like_3_point_1_is_not_taken_for_a_day():
    with pytest.raises(DateProblem) as exc:   # 3.1 and 3.10 are one number: never a date
        read_date(3.1, 2025)
    assert "3.10" in str(exc.value)


@pytest.mark.parametrize("raw", ["2025年3月1日下午3:20", "2025-03-01 上午 09:30:00", "2025/3/1 晚上8点", "2025年3月1日 星期六",
                                 "2025-03-01（六）", "2025/3/1 周六 14:00", "2025.3.1 下午", "2025年3月1日上午"])
def test_a_time_of_day_after_the_date_is_set_aside(raw):
    assert read_date(raw) == dt.date(2025, 3, 1)


@pytest.mark.parametrize("raw", ["2025-03-01 星期八", "2025-03-01 下午已答复", "2025-03-01 六日"])
def test_other_words_after_a_date_are_still_a_problem(raw):
    with pytest.raises(DateProblem):
        read_date(raw)


def sheet(rows, name="Sheet1", source="ledger.xlsx"):
    return LedgerSheet(source, name, rows)


@pytest.mark.parametrize("title,name,source,year", [
    (("2025年依申请公开登记台账",), "Sheet1", "ledger.xlsx", 2025),
    ((), "2024年度", "ledger.xlsx", 2024),
    ((), "Sheet1", "某局2023年台账.csv", 2023),
    (("（2025年1月1日至2025年12月31日）",), "Sheet1", "台账2019.xlsx", 2025),   # the sheet's own words first
    (("登记台账",), "二〇二五", "ledger.xlsx", None),
    (("2024—2025年登记台账",), "Sheet1", "ledger.xlsx", None),
    ((), "Sheet1", "2024至2025台账.xlsx", None),
])
def test_where_the_year_of_a_ledger_is_found(title, name, source, year):
    rows = [title, HEADER] if title else [HEADER]
    found = ledger_year(sheet(rows, name, source), len(rows) - 1)
    assert found.year == year
    assert bool(found.problem) == (year is None) and bool(found.where) == (year is not None)


def yearless_rows(apps, rng):
    def md(d):
        if d is None:
            return None
        return d if d.year != YEAR else rng.choice((f"{d.month}月{d.day}日", f"{d.month:02}-{d.day:02}", f"{d.month}.{d.day}"))
    return [(a.applicant, md(a.received), md(a.done), rng.choice(RESULT_WORDS[a.result]) if a.result else "")
            for a in apps]


@pytest.mark.parametrize("where", ["title", "sheet", "file"])
def test_a_ledger_of_year_less_dates_counts_exactly(where):
    rng = random.Random(len(where))
    # the rows of other years keep their year (a clerk writes it when it is not the ledger's)
    apps = random_apps(rng, YEAR, 60)
    body = yearless_rows(apps, rng)
    rows = ([(f"{YEAR}年政府信息公开申请登记",)] if where == "title" else []) + [HEADER, *body]
    name = f"{YEAR}年" if where == "sheet" else "Sheet1"
    source = f"{YEAR}年台账.xlsx" if where == "file" else "台账.xlsx"
    counted = count_ledgers([sheet(rows, name, source)], get_form("2021"), YEAR)
    assert counted.complete and table_3(counted) == dict(expected_3(apps, YEAR, "2021"))
    assert any(f"未写年份的日期按{YEAR}年读取" in note for note in counted.notes)


def test_year_less_dates_without_a_year_anywhere_are_left_out_with_the_reason():
    rows = [HEADER, ("自然人", "3月1日", "2025-03-05", "予以公开"), ("企业", "2025-03-02", "2025-03-09", "予以公开")]
    counted = count_ledgers([sheet(rows)], get_form("2021"), YEAR)
    (left,) = counted.left_out
    assert left.ref.row == 2 and "没有写年份" in left.value and "标题、工作表名和文件名中都没有" in left.value
    assert sum(table_3(counted).values()) == 2   # the dated row only: new + its result


def test_two_years_in_the_title_refuse_the_year_less_dates():
    rows = [("2024—2025年台账",), HEADER, ("自然人", "3月1日", "3月5日", "予以公开")]
    counted = count_ledgers([sheet(rows, source="2025.xlsx")], get_form("2021"), YEAR)
    assert [lo.ref.row for lo in counted.left_out] == [3]
    assert "2024年、2025年" in counted.left_out[0].value and not table_3(counted)


def test_answered_before_received_in_a_year_less_ledger_says_to_write_the_year():
    rows = [(f"{YEAR}年台账",), HEADER, ("自然人", "12月28日", "1月5日", "予以公开")]
    counted = count_ledgers([sheet(rows)], get_form("2021"), YEAR)
    (left,) = counted.left_out
    assert "早于" in left.why and "补写年份" in left.value
