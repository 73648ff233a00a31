"""A result written as the code of its row in table 三 (（三）1, 三-1, 3-1, 予以公开（一）…): read as that row
of the declared version; a code of a group without its row, of no row, or beside words naming another
row stays unclear with a message saying what to write."""

from __future__ import annotations

import pytest

from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.core.ledger.words import Kind, Matcher

from .ledger_builders import CARRIED_OUT, DISCLOSED, NEW, OTHER_2019
from .test_count import YEAR, _app_rows, sheet, table_3

SECRET, ABSENT, SOUGHT = "1.属于国家秘密", "1.本机关不掌握相关政府信息", "3.要求提供公开出版物"
LATE_2021 = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"


def results(version: str) -> Matcher:
    return Matcher(get_form(version).ledger.results)


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("value,label", [
    ("（三）1", SECRET), ("(三)1", SECRET), ("三（三）1", SECRET), ("三-1", SECRET), ("3-1", SECRET),
    ("３－１", SECRET), ("（三）１", SECRET), ("三、本年度办理结果（三）1", SECRET), ("（三）1.属于国家秘密", SECRET),
    ("（一）", DISCLOSED), ("予以公开（一）", DISCLOSED), ("(一)", DISCLOSED),
    ("（四）1 本机关不掌握", ABSENT), ("（四）1信息不存在", ABSENT), ("4-1", ABSENT),
    ("（五）3", SOUGHT), ("不予处理（五）3", SOUGHT), ("（三）不予公开 1.属于国家秘密", SECRET),
])
def test_a_code_of_one_row_is_that_row(version, value, label):
    found = results(version).match(value)
    assert (found.kind, found.target) == (Kind.FOUND, label)


def test_the_sixth_group_is_one_row_in_2019_and_three_in_2021():
    assert results("2019").match("（六）").target == OTHER_2019
    assert results("2021").match("（六）1").target == LATE_2021
    assert results("2021").match("6-3").target == "3.其他"
    old = results("2019").match("（六）1")
    assert old.kind is Kind.UNCLEAR and "（六）不分行" in old.note
    new = results("2021").match("（六）")
    assert new.kind is Kind.GROUP and "（六）1" in new.note


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("value,kind,says", [
    ("（三）", Kind.GROUP, "如“（三）1”（1.属于国家秘密）"),    # a group with rows, no row
    ("（四）", Kind.GROUP, "如“（四）1”"),
    ("（三）9", Kind.UNCLEAR, "（三）只有第1至8行"),             # no such row
    ("（四）4", Kind.UNCLEAR, "（四）只有第1至3行"),
    ("（八）", Kind.UNCLEAR, "只有（一）至（六）"),
    ("（三）1 予以公开", Kind.UNCLEAR, "指的不是同一行"),         # code and words disagree
    ("（一）信息不存在", Kind.UNCLEAR, "指的不是同一行"),
    ("予以公开（三）1", Kind.UNCLEAR, "指的不是同一行"),
    ("（四）1 国家秘密", Kind.UNCLEAR, "指的不是同一行"),
    ("二、（三）1", Kind.UNCLEAR, "办理结果写在“三、本年度办理结果”下"),   # under another heading
])
def test_a_code_naming_no_one_row_is_unclear_and_says_what_to_write(version, value, kind, says):
    found = results(version).match(value)
    assert found.kind is kind and found.target is None
    assert says in found.note


def test_a_group_code_with_its_rows_words_is_that_row():
    m = results("2021")
    assert m.match("（三）涉密").target == SECRET
    assert m.match("（三）不予公开").kind is Kind.GROUP


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_a_ledger_written_in_codes_is_counted_and_its_unclear_codes_listed(version):
    rows = _app_rows(
        ("公民", "2025-02-03", "2025-02-20", "（一）"),            # 2
        ("企业", "2025-02-04", "2025-02-21", "三-1"),              # 3
        ("公民", "2025-03-01", "2025-03-15", "（四）1 本机关不掌握"),  # 4
        ("公民", "2025-03-02", "2025-03-16", "（三）"),            # 5: no row (left out: not in 一 either)
        ("公民", "2025-03-03", "2025-03-17", "（三）1 予以公开"),   # 6: disagree
        ("公民", "2025-04-01", "2025-04-11", "（三）12"),          # 7: no such row
        ("企业", "2025-12-20", None, "办理中"),                    # 8: open at year end
    )
    count = count_ledgers([sheet(rows)], get_form(version), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 2, (NEW, "商业企业"): 2, (DISCLOSED, "自然人"): 1,
                              (SECRET, "商业企业"): 1, (ABSENT, "自然人"): 1, (CARRIED_OUT, "商业企业"): 1}
    why = {lo.ref.row: lo.why for lo in count.left_out}
    assert sorted(why) == [5, 6, 7]
    assert "如“（三）1”" in why[5] and "指的不是同一行" in why[6] and "只有第1至8行" in why[7]
    assert sorted(u.shown for u in count.unclear.values()) == sorted(["（三）", "（三）1 予以公开", "（三）12"])
