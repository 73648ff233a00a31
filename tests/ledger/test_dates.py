"""Dates in every form clerks keep them; anything else is a problem with a reason, never a guess."""

import datetime as dt

import pytest

from govreport_gui.core.ledger.dates import DateProblem, read_date

from .ledger_builders import DATE_STYLES, date_cell

DAY = dt.date(2025, 3, 1)


@pytest.mark.parametrize("style", DATE_STYLES)
def test_every_style_of_the_generator(style):
    assert read_date(date_cell(DAY, style)) == DAY


@pytest.mark.parametrize("raw", [
    dt.datetime(2025, 3, 1, 23, 59), DAY, 45717, 45717.5, "45717", "2025/3/1", "2025-03-01", "2025.03.01",
    "2025年3月1日", "2025年03月01日", "20250301", 20250301, "2025-3-1", " 2025 年 3 月 1 日 ", "2025/03/01 08:00",
    "2025-03-01T08:00:00", "2025年3月1日9时30分", "２０２５．０３．０１", "2025年3月1号",
    "二〇二五年三月一日", "二○二五年三月一日 上午",   # (Chinese numerals, as on a signed paper: read since they are dates)
])
def test_forms_of_one_day(raw):
    assert read_date(raw) == DAY


@pytest.mark.parametrize("raw", [None, "", "  ", "/", "—", "无", "办理中", "未办结"])
def test_no_date(raw):
    assert read_date(raw) is None


@pytest.mark.parametrize("raw", [
    "3/1/2025", "25/3/1", "2025年3月", "2025-02-30", "下周一", "2025-03-01 已删除", 3, 60, 20251301,
    True, "二〇二五年二月三十日", "二〇二五年十三月一日", 1e12, float("nan"), "1889-01-01",
])
def test_not_a_date_is_a_problem_with_a_reason(raw):
    with pytest.raises(DateProblem) as exc:
        read_date(raw)
    assert str(exc.value)


def test_excel_serials():
    with pytest.raises(DateProblem):   # 1900-03-01: not a date a ledger holds
        read_date(61)
    assert read_date(43831) == dt.date(2020, 1, 1)
    assert read_date(36892) == dt.date(2001, 1, 1)
