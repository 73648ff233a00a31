"""A ledger with no applicant-type column that keeps a person's name (姓名) and an organisation's name
(单位名称) apart: a person is a 自然人, an organisation is the kind its name ends with — each declared
ending entry by entry —, and a name that ends otherwise, or a row with both names, is unclear."""

from __future__ import annotations

import pytest

from govreport_gui.core.errors import ReadError
from govreport_gui.core.forms import FORMS, get_form
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.core.ledger.sheet import LedgerSheet

from .ledger_builders import NEW
from .test_count import table_3

HEADER = ("序号", "姓名", "单位名称", "受理日期", "办结日期", "办理结果")


def row(i, person=None, organisation=None):
    return (i, person, organisation, "2025-03-01", "2025-03-09", "予以公开")


def count(rows, version="2021"):
    return count_ledgers([LedgerSheet("登记.xlsx", "登记", [HEADER, *rows])], get_form(version), 2025)


def endings():
    return [(v, leaf.target, w) for v, form in FORMS.items() for leaf in form.ledger.name_endings for w in leaf.words]


@pytest.mark.parametrize("version,kind,ending", endings())
def test_each_ending_of_an_organisations_name_names_its_kind(version, kind, ending):
    counted = count([row(1, organisation=f"某某{ending}")], version)
    assert counted.complete and table_3(counted)[(NEW, kind)] == 1


def test_persons_and_organisations_are_counted_apart():
    counted = count([row(1, person="张三"), row(2, organisation="某某研究院有限公司"), row(3, person="李四"),
                     row(4, organisation="某某县律师事务所")])
    assert counted.complete
    assert table_3(counted) == {(NEW, "自然人"): 2, (NEW, "商业企业"): 1, (NEW, "法律服务机构"): 1,
                                ("（一）予以公开", "自然人"): 2, ("（一）予以公开", "商业企业"): 1,
                                ("（一）予以公开", "法律服务机构"): 1}
    assert any("姓名（自然人）、单位名称（按名称的结尾归类）" in note for note in counted.notes)


def test_a_name_that_ends_otherwise_or_both_names_are_unclear():
    counted = count([row(1, organisation="某某小学"), row(2, person="王五", organisation="某某公司"), row(3, person="赵六")])
    assert sorted(lo.ref.row for lo in counted.left_out) == [2, 3]
    assert {u.shown for u in counted.unclear.values()} == {"某某小学", "王五／某某公司"}
    assert table_3(counted)[(NEW, "自然人")] == 1


def test_an_applicant_type_column_wins_over_the_names():
    header = ("姓名", "单位名称", "申请人类型", "受理日期", "办结日期", "办理结果")
    rows = [header, ("张三", None, "企业", "2025-03-01", "2025-03-09", "予以公开")]
    counted = count_ledgers([LedgerSheet("a.xlsx", "S", rows)], get_form("2021"), 2025)
    assert table_3(counted)[(NEW, "商业企业")] == 1


def test_one_name_column_alone_is_no_applicant_type():
    rows = [("姓名", "受理日期", "办结日期", "办理结果"), ("张三", "2025-03-01", "2025-03-09", "予以公开")]
    with pytest.raises(ReadError, match="缺少申请人类型列"):
        count_ledgers([LedgerSheet("a.xlsx", "S", rows)], get_form("2021"), 2025)


def test_the_note_on_names_beside_a_type_column_gives_its_rule_as_an_example():
    """Where the type column says only 法人或其他组织, the name decides; the note says how, by example —
    it named “某某律师事务所” and “某某有限公司” as if they were this ledger's applicants."""
    header = ("申请人", "申请人类型", "受理日期", "办结日期", "办理结果")
    rows = [header, ("青禾律师事务所", "法人或其他组织", "2025-03-01", "2025-03-09", "予以公开"),
            ("张三", "公民", "2025-03-02", "2025-03-09", "予以公开")]
    counted = count_ledgers([LedgerSheet("a.xlsx", "S", rows)], get_form("2021"), 2025)
    assert table_3(counted)[(NEW, "法律服务机构")] == 1 and table_3(counted)[(NEW, "自然人")] == 1
    note = next(n for n in counted.notes if "只写了“法人或其他组织”的申请人" in n)
    assert "按“申请人”列中单位名称的结尾归类，如“……律师事务所”为法律服务机构、“……有限公司”为商业企业" in note
    assert "某某" not in note
