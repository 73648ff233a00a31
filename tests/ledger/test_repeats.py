"""A sheet whose applications are all registered on sheets counted before it — a 全年 sheet beside the
month sheets, a copy of a sheet, the same ledger chosen twice — is not counted again, and the clerk
is asked to check it; sheets that only share a row or two are each counted."""

from __future__ import annotations

import datetime as dt

import pytest

from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.core.ledger.sheet import LedgerSheet

from .ledger_builders import DISCLOSED, NEW
from .test_count import YEAR, table_3

HEADER = ("序号", "申请人类型", "收到日期", "答复日期", "处理结果")
ABSENT = "1.本机关不掌握相关政府信息"
APPS = [("公民", dt.date(2025, 1, 5), dt.date(2025, 1, 9), "同意公开"),
        ("企业", dt.date(2025, 1, 20), dt.date(2025, 2, 3), "信息不存在"),
        ("公民", dt.date(2025, 2, 11), dt.date(2025, 2, 20), "同意公开"),
        ("公民", dt.date(2025, 3, 2), dt.date(2025, 3, 9), "同意公开")]
ALL = {(NEW, "自然人"): 3, (NEW, "商业企业"): 1, (DISCLOSED, "自然人"): 3, (ABSENT, "商业企业"): 1}


def rows(apps, first=1):
    return [HEADER] + [(n, *a) for n, a in enumerate(apps, first)]


def months(source="台账.xlsx"):
    return [LedgerSheet(source, f"{m}月", rows([a for a in APPS if a[1].month == m])) for m in (1, 2, 3)]


@pytest.mark.parametrize("whole_first", [True, False])
def test_a_whole_year_sheet_beside_the_month_sheets_counts_once(whole_first):
    whole = LedgerSheet("台账.xlsx", "全年汇总", rows(APPS))
    sheets = [whole, *months()] if whole_first else [*months(), whole]
    count = count_ledgers(sheets, get_form("2021"), YEAR)
    assert table_3(count) == ALL
    repeats = [n for n in count.to_check if "未重复计入" in n]
    if whole_first:   # each month sheet repeats the whole year's
        assert len(repeats) == 3 and all("已在台账.xlsx“全年汇总”中登记过" in n for n in repeats)
    else:
        (note,) = repeats
        assert note.startswith("台账.xlsx“全年汇总”登记的申请都已在台账.xlsx“1月”、台账.xlsx“2月”、台账.xlsx“3月”中登记过")


def test_the_same_ledger_chosen_twice_counts_once():
    first = LedgerSheet("台账.xlsx", "2025年", rows(APPS))
    again = LedgerSheet("台账 - 副本.xlsx", "2025年", rows(APPS))
    count = count_ledgers([first, again], get_form("2021"), YEAR)
    assert table_3(count) == ALL and any("台账 - 副本.xlsx“2025年”登记的申请都已在" in n for n in count.to_check)


def test_ledgers_of_two_offices_sharing_a_row_or_two_are_both_counted():
    one = LedgerSheet("甲单位.xlsx", "台账", rows(APPS))
    other = LedgerSheet("乙单位.xlsx", "台账", rows(APPS[:2]))   # two rows alike by chance
    count = count_ledgers([one, other], get_form("2021"), YEAR)
    assert table_3(count)[(NEW, "自然人")] == 4 and not any("未重复计入" in n for n in count.to_check)


def test_a_sheet_holding_rows_of_two_sheets_counted_before_is_a_repeat():
    whole = LedgerSheet("台账.xlsx", "全年", rows(APPS[:3]))
    march = LedgerSheet("台账.xlsx", "3月", rows(APPS[3:]))
    again = LedgerSheet("台账.xlsx", "一季度", rows(APPS))   # holds March's too: all already counted
    count = count_ledgers([whole, march, again], get_form("2021"), YEAR)
    assert table_3(count) == ALL


@pytest.mark.parametrize("value,expected", [
    ("25.3.5", dt.date(2025, 3, 5)), ("25/3/5", dt.date(2025, 3, 5)), ("25-03-05", dt.date(2025, 3, 5)),
    ("24.12.20", dt.date(2024, 12, 20)), ("26.1.3", dt.date(2026, 1, 3)), ("25.3.5 9:30", dt.date(2025, 3, 5)),
])
def test_a_year_of_two_figures_is_the_ledgers_year(value, expected):
    from govreport_gui.core.ledger.dates import read_date
    assert read_date(value, 2025) == expected


@pytest.mark.parametrize("value,says", [("25.3.5", "只写了两位"), ("19.3.5", "与台账的年度（2025年）不符"),
                                        ("25.13.5", "没有这一天")])
def test_a_year_of_two_figures_without_the_ledgers_year_or_another_is_a_problem(value, says):
    from govreport_gui.core.ledger.dates import DateProblem, read_date
    with pytest.raises(DateProblem, match=says):
        read_date(value, None if value == "25.3.5" else 2025)


def test_a_ledger_of_two_figure_years_titled_with_its_year():
    sheet = LedgerSheet("台账.xlsx", "Sheet1", [("2025年申请登记台账",), HEADER, (1, "公民", "25.1.5", "25.1.9", "同意公开"),
                                                 (2, "企业", "24.12.28", "25.1.6", "信息不存在")])
    count = count_ledgers([sheet], get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 1, ("二、上年结转政府信息公开申请数量", "商业企业"): 1,
                              (DISCLOSED, "自然人"): 1, (ABSENT, "商业企业"): 1}
