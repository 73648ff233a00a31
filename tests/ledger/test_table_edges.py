"""What sits around a ledger's rows and is not an application: the signatures under the table."""

from __future__ import annotations

import pytest

from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers
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
