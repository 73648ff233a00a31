"""Drafting and the prose checks find rows through the declaration's tags: a version whose tables
have rows in other places (a row added, a group added in front) still gets the right figures."""

from dataclasses import replace

import pytest
from test_prose_checks import agency_report, rules

from govreport_gui.core import CellKey
from govreport_gui.core.drafting import data_summary
from govreport_gui.core.forms import FORMS, common
from govreport_gui.core.forms.builders import Leaf, ReviewGroup, build_table_3, build_table_4
from govreport_gui.core.prose_checks import check_figures

EXTRA_ROW = "五、其他说明（测试用）"
EXTRA_GROUP = "行政监督（测试用）"


@pytest.fixture
def shifted(monkeypatch):
    """The 2021 declaration with an untagged row after 四、结转下年度继续办理 in 三 and an untagged
    group before 行政复议 in 四: every position-based lookup lands on the wrong row."""
    form = FORMS["2021"]
    t3, totals3 = build_table_3(common.APPLICANT_HEADER,
                                (*common.table_3_leaves(True), Leaf(EXTRA_ROW)))
    t4, totals4 = build_table_4((ReviewGroup(EXTRA_GROUP, None), *common.REVIEW_GROUPS),
                                common.REVIEW_OUTCOMES, common.APPLICANT_HEADER.total)
    variant = replace(form, tables={**form.tables, "三": t3, "四": t4}, totals=(*totals3, *totals4))
    monkeypatch.setitem(FORMS, "2021", variant)
    r = agency_report()
    assert r.form is variant
    r.set(CellKey("三", EXTRA_ROW, "自然人"), 77)
    r.set(CellKey("四", EXTRA_GROUP, "结果维持"), 55)
    return r


def test_data_summary_reads_the_tagged_rows(shifted):
    text = data_summary(shifted)
    assert "结转下年度继续办理2件" in text            # not the 77 of the row after it
    assert "行政复议3件" in text and "55" not in text  # not the group in front of it
    assert "行政诉讼3件" in text
    assert "本年度办结40件，其中予以公开25件、部分公开5件、无法提供10件" in text


def test_prose_figures_are_compared_with_the_tagged_rows(shifted):
    shifted.sections["一"] += "\n结转下年度继续办理2件。全年因政府信息公开引发行政复议3件、行政诉讼3件。"
    assert rules(check_figures(shifted)) == []
    shifted.sections["一"] += "\n结转下年度继续办理77件。"
    [f] = rules(check_figures(shifted))
    assert "“四、结转下年度继续办理”总计为2" in f.message
