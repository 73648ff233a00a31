"""A ledger whose only word on the applicant is the name, a person's or an organisation's, in one
column (申请人姓名或名称): an organisation counts as the kind its name ends with; the names shaped as
a person's are one question to the clerk (assigned once to 自然人, remembered without any name),
never counted from their shape; any other name is asked by itself."""

from __future__ import annotations

import pytest

from govreport_gui.core.errors import ReadError
from govreport_gui.core.forms import get_form
from govreport_gui.core.forms.ledger_words import Field
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.core.ledger.names import looks_like_person
from govreport_gui.core.ledger.sheet import LedgerSheet
from govreport_gui.core.ledger.summary import summary_lines
from govreport_gui.core.ledger.words import norm

from .test_count import table_3

NEW, DISCLOSED = "一、本年新收政府信息公开申请数量", "（一）予以公开"
WORDS = get_form("2021").ledger
PERSONS = norm(WORDS.person_names)


def ledger(*names, header="申请人姓名或名称", sheet="登记"):
    rows = [("序号", header, "收到日期", "答复日期", "处理结果")]
    rows += [(i, name, "2024-06-01", "2024-06-03", "同意公开") for i, name in enumerate(names, 1)]
    return [LedgerSheet("台账.xlsx", sheet, rows)]


def test_organisations_by_their_names_and_persons_asked_once():
    counted = count_ledgers(ledger("张某", "某某置业有限公司", "李晓明", "某某律师事务所", "王**", "某某农业科学研究院"),
                            get_form("2021"), 2024)
    assert table_3(counted) == {(NEW, "商业企业"): 1, (NEW, "法律服务机构"): 1, (NEW, "科研机构"): 1,
                                (DISCLOSED, "商业企业"): 1, (DISCLOSED, "法律服务机构"): 1, (DISCLOSED, "科研机构"): 1}
    (question,) = counted.unclear.values()
    assert question.key == PERSONS and question.shown == f"{WORDS.person_names}（如张某、李晓明、王**）"
    assert [r.row for r in question.refs] == [2, 4, 6]
    assert [(lo.ref.row, lo.value) for lo in counted.left_out] == [(2, "张某"), (4, "李晓明"), (6, "王**")]
    assert all("是否按自然人计入需经办人确认" in lo.why for lo in counted.left_out)
    assert any("申请人姓名或名称（单位按名称的结尾归类，个人姓名请确认）" in n for n in counted.notes)


def test_the_clerks_answer_counts_every_person_and_names_no_one():
    assigned = {Field.APPLICANT: {PERSONS: "自然人"}}
    counted = count_ledgers(ledger("张某", "某某置业有限公司", "李晓明"), get_form("2021"), 2024, assigned)
    assert counted.complete and table_3(counted)[(NEW, "自然人")] == 2
    assert counted.assigned_used == {(Field.APPLICANT, PERSONS): (WORDS.person_names, "自然人")}
    assert any("“姓名像个人的申请人”→“自然人”" in line for line in summary_lines(counted))


@pytest.mark.parametrize("name", ["某某大学", "某某县财政局", "某某村", "某某街道办事处", "某某小学"])
def test_an_organisation_of_no_declared_kind_is_asked_by_its_name(name):
    counted = count_ledgers(ledger(name, "张某"), get_form("2021"), 2024)
    assert {u.shown for u in counted.unclear.values()} == {name, f"{WORDS.person_names}（如张某）"}
    assert not counted.placed


@pytest.mark.parametrize("name,person", [
    ("张三", True), ("欧阳晓明", True), ("张某某", True), ("李*", True), ("陈先生", True), ("阿依古丽·买买提", True),
    ("某某局", False), ("民政局", False), ("张三李四王五", False), ("某某公司", False), ("Zhang San", False), ("", False),
])
def test_the_shape_of_a_persons_name(name, person):
    assert looks_like_person(name, WORDS.organisation_marks) is person


def test_a_type_column_a_sheet_named_by_its_kind_or_the_two_name_columns_come_first():
    rows = [("申请人姓名或名称", "申请人类型", "收到日期", "答复日期", "处理结果"),
            ("张某", "公民", "2024-06-01", "2024-06-03", "同意公开")]
    assert count_ledgers([LedgerSheet("a.xlsx", "S", rows)], get_form("2021"), 2024).complete
    by_sheet = count_ledgers(ledger("张某", "李某", sheet="自然人申请"), get_form("2021"), 2024)
    assert by_sheet.complete and table_3(by_sheet)[(NEW, "自然人")] == 2


@pytest.mark.parametrize("header", ["申请人姓名（名称）", "申请人名称", "姓名/名称", "申请单位或个人"])
def test_the_headers_of_a_column_of_names(header):
    counted = count_ledgers(ledger("某某律师事务所", header=header), get_form("2021"), 2024)
    assert counted.complete and table_3(counted)[(NEW, "法律服务机构")] == 1


def test_a_bare_applicant_column_of_names_is_refused_saying_how_to_head_it():
    rows = [("申请人", "收到日期", "办结日期", "处理结果"), ("张三", "2024-01-05", "2024-01-20", "同意公开")]
    with pytest.raises(ReadError) as exc:
        count_ledgers([LedgerSheet("a.xlsx", "S", rows)], get_form("2021"), 2024)
    said = str(exc.value)
    assert "缺少申请人类型列（“申请人”列的内容不是申请人类型" in said and "“申请人姓名或名称”" in said and "。。" not in said
    renamed = [("申请人姓名或名称", *rows[0][1:]), rows[1]]
    counted = count_ledgers([LedgerSheet("a.xlsx", "S", renamed)], get_form("2021"), 2024)
    assert list(counted.unclear) == [(Field.APPLICANT, PERSONS)]
