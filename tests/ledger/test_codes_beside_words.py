"""A result kept in two columns: the words of its group (不予公开, 无法提供, 不予处理) and, in a 情形 or
类别 column beside them, the row written as a code — its number in the group (3, 第3项, ③) or its whole
code (（三）3, 三-3).  The code must name a row of the group the words name; one that does not, or
names no row, is unclear with what to write, and never counted."""

from __future__ import annotations

import pytest

from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.core.ledger.words import Kind, Matcher

from .ledger_builders import DISCLOSED, NEW
from .test_count import YEAR, sheet, table_3

THREATS, PROCESS, ABSENT, REPEATED = "3.危及“三安全一稳定”", "6.属于四类过程性信息", "1.本机关不掌握相关政府信息", "2.重复申请"
OTHER_2021, OTHER_2019 = "3.其他", "（六）其他处理"


def results(version: str = "2021") -> Matcher:
    return Matcher(get_form(version).ledger.results)


@pytest.mark.parametrize("words,code,label", [
    ("不予公开", "3", THREATS), ("不予公开", "（三）3", THREATS), ("不予公开", "(三)3", THREATS),
    ("不予公开", "三-3", THREATS), ("不予公开", "第3项", THREATS), ("不予公开", "③", THREATS),
    ("不予公开", "6.", PROCESS), ("无法提供", "1", ABSENT), ("无法提供", "（四）1", ABSENT),
    ("不予处理", "（五）2", REPEATED), ("其他处理", "3", OTHER_2021),
    ("予以公开", "（一）", DISCLOSED),
])
def test_a_code_beside_the_groups_words_is_its_row(words, code, label):
    found = results().match_pair(words, code)
    assert (found.kind, found.target) == (Kind.FOUND, label)


@pytest.mark.parametrize("words,code,says", [
    ("不予公开", "（四）1", "指的不是同一行"),     # a row of another group
    ("不予公开", "9", "（三）只有第1至8行"),       # no such row
    ("无法提供", "三-3", "指的不是同一行"),
    ("予以公开", "（三）3", "指的不是同一行"),     # the words name a row, the code another
])
def test_a_code_naming_another_row_or_none_is_unclear_and_says_what_to_write(words, code, says):
    found = results().match_pair(words, code)
    assert found.kind is Kind.UNCLEAR and found.target is None
    assert says in found.note


def test_the_2019_sixth_group_is_one_row():
    assert results("2019").match_pair("其他处理", "3").target == OTHER_2019


@pytest.mark.parametrize("header", ["情形", "类别", "结果类别", "分类", "情形代码", "不予公开类别"])
def test_a_ledger_with_codes_in_a_column_beside_the_result_is_counted(header):
    rows = [("申请人类型", "收到日期", "办结日期", "处理结果", header),
            ("公民", "2025-02-03", "2025-02-20", "不予公开", "3"),          # 2
            ("企业", "2025-02-04", "2025-02-21", "不予公开", "（三）6"),     # 3
            ("公民", "2025-03-01", "2025-03-15", "无法提供", "1"),          # 4
            ("公民", "2025-03-02", "2025-03-16", "予以公开", None),         # 5
            ("公民", "2025-03-03", "2025-03-17", "不予公开", "（四）1"),     # 6: another group's row
            ("公民", "2025-04-01", "2025-04-11", "不予处理", "（五）2")]     # 7
    count = count_ledgers([sheet(rows)], get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 4, (NEW, "商业企业"): 1, (THREATS, "自然人"): 1,
                              (PROCESS, "商业企业"): 1, (ABSENT, "自然人"): 1, (DISCLOSED, "自然人"): 1,
                              (REPEATED, "自然人"): 1}
    assert [(lo.ref.row, lo.value) for lo in count.left_out] == [(6, "不予公开 / （四）1")]
    assert "指的不是同一行" in count.left_out[0].why


@pytest.mark.parametrize("header", ["序号", "编号"])
def test_a_serial_number_beside_the_result_is_no_code(header):
    rows = [("申请人类型", "收到日期", "办结日期", "处理结果", header),
            ("公民", "2025-02-03", "2025-02-20", "予以公开", 1),
            ("公民", "2025-02-04", "2025-02-21", "不予公开", 2),
            ("公民", "2025-03-01", "2025-03-15", "予以公开", 3)]
    count = count_ledgers([sheet(rows)], get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 2, (DISCLOSED, "自然人"): 2}
    assert [lo.ref.row for lo in count.left_out] == [3]
