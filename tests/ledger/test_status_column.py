"""A status column beside the answer (办理状态 | 办结状态 | 状态): an application the applicant withdrew is
closed without any answer, so its row says 申请人撤回 there with no date of answering and no answer.  It
counts as a withdrawal written in the answer column does (其他处理), never as still open at the year's
end; a status of finished with neither a date nor a result is the clerk's to complete, listed, never
guessed; an open status stays open."""

from __future__ import annotations

import pytest

from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers

from .ledger_builders import CARRIED_OUT, DISCLOSED, NEW
from .test_count import sheet, table_3

OTHER = {"2021": "3.其他", "2019": "（六）其他处理"}


def _rows(status_title, *rows):
    return [("序号", "申请人类型", "收到日期", status_title, "答复日期", "答复结果")] + [
        (n, *row) for n, row in enumerate(rows, 1)]


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("title", ["办理状态", "办结状态", "状态"])
@pytest.mark.parametrize("said", ["申请人撤回", "已撤回", "撤回申请"])
def test_a_withdrawal_in_the_status_column_is_closed_not_carried_over(version, title, said):
    rows = _rows(title,
                 ("公民", "2024-03-02", "已办结", "2024-03-10", "同意公开"),
                 ("公民", "2024-05-06", said, None, None),
                 ("企业", "2024-12-20", "办理中", None, None))
    count = count_ledgers([sheet(rows)], get_form(version), 2024)
    assert table_3(count) == {(NEW, "自然人"): 2, (DISCLOSED, "自然人"): 1, (OTHER[version], "自然人"): 1,
                              (NEW, "商业企业"): 1, (CARRIED_OUT, "商业企业"): 1}
    assert not count.left_out


def test_a_withdrawal_with_its_date_and_no_answer_is_counted_too():
    rows = _rows("办理状态", ("律师事务所", "2024-06-01", "申请人撤回", "2024-06-05", None))
    count = count_ledgers([sheet(rows)], get_form("2021"), 2024)
    assert table_3(count) == {(NEW, "法律服务机构"): 1, ("3.其他", "法律服务机构"): 1}


def test_the_answer_column_wins_over_the_status():
    rows = _rows("办理状态", ("公民", "2024-06-01", "已撤回", "2024-06-05", "予以公开"))
    count = count_ledgers([sheet(rows)], get_form("2021"), 2024)
    assert table_3(count) == {(NEW, "自然人"): 1, (DISCLOSED, "自然人"): 1}


def test_finished_without_date_or_result_is_listed_for_the_clerk():
    rows = _rows("办结状态",
                 ("公民", "2024-03-02", "已办结", None, None),
                 ("公民", "2024-04-02", "已办结", "2024-04-09", "同意公开"))
    count = count_ledgers([sheet(rows)], get_form("2021"), 2024)
    assert table_3(count) == {(NEW, "自然人"): 1, (DISCLOSED, "自然人"): 1}
    [left] = count.left_out
    assert left.ref.row == 2 and "已办结" in left.why and "补写" in left.why and left.value == "已办结"


def test_an_intake_status_is_not_read():
    """受理状态 (已受理 | 上年结转) says nothing of the answer: a row without an answer stays open."""
    rows = [("申请人类型", "收到日期", "受理状态", "答复日期", "答复结果"),
            ("公民", "2024-12-20", "已受理", None, None)]
    count = count_ledgers([sheet(rows)], get_form("2021"), 2024)
    assert table_3(count) == {(NEW, "自然人"): 1, (CARRIED_OUT, "自然人"): 1}


def test_a_withdrawal_in_the_answer_column_without_a_date_is_closed_alike():
    """(Any other answer without its date is still asked: which day was it given?)"""
    rows = [("申请人类型", "收到日期", "答复日期", "答复结果"),
            ("公民", "2024-06-01", None, "申请人撤回"),
            ("公民", "2024-06-02", None, "予以公开")]
    count = count_ledgers([sheet(rows)], get_form("2021"), 2024)
    assert table_3(count) == {(NEW, "自然人"): 1, ("3.其他", "自然人"): 1}
    assert [(lo.ref.row, lo.why) for lo in count.left_out] == [(3, "有处理结果但没有办结日期")]
