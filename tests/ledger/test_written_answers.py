"""Results written the way answers are sent: by the name of the paper (不予公开告知书) and as a sentence
in clauses (经审查，所申请信息属于国家秘密，不予公开。) — each declared paper and aside entry by entry in
both versions; a sentence naming two labels, or words that are none, stays unclear."""

from __future__ import annotations

import pytest

from govreport_gui.core.forms import FORMS, get_form
from govreport_gui.core.forms.ledger_words import Field
from govreport_gui.core.ledger.columns import field_of, find_header
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.core.ledger.sheet import LedgerSheet
from govreport_gui.core.ledger.words import Kind, Matcher

from .ledger_builders import DISCLOSED, NEW, leaf_in
from .test_count import table_3

SECRET, ABSENT, REPEATED = "1.属于国家秘密", "1.本机关不掌握相关政府信息", "2.重复申请"
PAPER_CASES = [("不予公开", Kind.GROUP, None), ("信息不存在", Kind.FOUND, ABSENT), ("予以公开", Kind.FOUND, DISCLOSED),
               ("不予公开（涉密）", Kind.FOUND, SECRET), ("延期答复", Kind.PENDING, None)]


def results(version="2021") -> Matcher:
    return Matcher(get_form(version).ledger.results)


@pytest.mark.parametrize("version", sorted(FORMS))
@pytest.mark.parametrize("paper", get_form("2021").ledger.results.documents)
@pytest.mark.parametrize("word,kind,label", PAPER_CASES)
def test_each_paper_after_a_word_means_the_word(version, paper, word, kind, label):
    found = results(version).match(word + paper)
    assert (found.kind, found.target) == (kind, label)


@pytest.mark.parametrize("value", ["政府信息公开告知书", "告知书", "答复书", "补正告知书后仍不明确的告知", "已处理告知书"])
def test_a_paper_without_a_word_before_it_is_unclear(value):
    assert results().match(value).kind is Kind.UNCLEAR


@pytest.mark.parametrize("version", sorted(FORMS))
@pytest.mark.parametrize("aside", get_form("2021").ledger.results.asides)
def test_each_aside_is_set_aside_in_a_sentence(version, aside):
    m = results(version)
    assert m.match(f"{aside}，属于国家秘密，不予公开。").target == SECRET        # a clause of its own
    assert m.match(f"经审查，{aside}属于国家秘密，不予公开").target == SECRET     # at a clause's start
    assert m.match(f"{aside}信息不存在，无法提供").target == ABSENT


@pytest.mark.parametrize("value,kind,label", [
    ("经审查，所申请信息属于国家秘密，不予公开。", Kind.FOUND, SECRET),
    ("经查，该信息不存在，无法提供。", Kind.FOUND, ABSENT),
    ("经审查，同意公开，已邮寄。", Kind.FOUND, DISCLOSED),
    ("属于重复申请，不予处理。", Kind.FOUND, REPEATED),
    ("经审查，不予公开。", Kind.GROUP, None),                        # a group still needs its 情形
    ("经审查，同意公开，属于国家秘密。", Kind.UNCLEAR, None),          # two labels at once
    ("经审查，属于国家秘密，部分公开。", Kind.UNCLEAR, None),
    ("经审查，已处理。", Kind.UNCLEAR, None),                         # no word
    ("经审查，涉及第三方，不予公开。", Kind.UNCLEAR, None),           # a clause that is no word
    ("经研究，已邮寄。", Kind.UNCLEAR, None),                          # nothing but asides
    ("经查该信息不存在", Kind.FOUND, ABSENT),                          # in one run: an aside and a word
])
def test_sentences(value, kind, label):
    found = results().match(value)
    assert (found.kind, found.target) == (kind, label)


def test_in_2019_a_sentence_of_other_handling_is_its_one_row():
    late = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    assert results("2019").match("逾期未补正，其他处理。").target == leaf_in("2019", late)
    assert results("2021").match("逾期未补正，其他处理。").target == late


@pytest.mark.parametrize("title", ["告知书类型", "告知书种类", "告知类型", "答复文书", "文书类型", "告知书"])
def test_a_column_named_by_the_paper_sent_is_the_result(title):
    assert field_of(title, get_form("2021").ledger)[0] is Field.RESULT
    assert field_of(title + "编号", get_form("2021").ledger) is None


def test_a_date_under_a_handling_group_is_the_answering_date():
    words = get_form("2021").ledger
    rows = [("序号", "申请人类型", "收到日期", "办理情况", None), (None, None, None, "日期", "结果"),
            (1, "自然人", "2025-03-01", "2025-03-05", "予以公开")]
    header = find_header(LedgerSheet("a.xlsx", "S", rows, [(0, 3, 0, 4)]), words)
    assert header.columns[Field.DONE] == 3 and header.columns[Field.RESULT] == 4
    both = [("申请人类型", "收到日期", "办理日期", "办结日期", "处理结果")]
    assert find_header(LedgerSheet("a.xlsx", "S", both), words).columns[Field.DONE] == 3   # 办结 outranks 办理


def test_a_ledger_of_papers_and_sentences_counts():
    rows = [("申请人类型", "收到日期", "告知书类型", "具体情形", "告知日期"),
            ("自然人", "2025-03-01", "不予公开告知书", "国家秘密", "2025-03-09"),
            ("企业", "2025-03-02", "信息不存在告知书", None, "2025-03-10"),
            ("自然人", "2025-03-03", "补正通知书", None, None),
            ("自然人", "2025-03-04", "经审查，同意公开，已邮寄。", None, "2025-03-11")]
    counted = count_ledgers([LedgerSheet("t.xlsx", "S", rows)], get_form("2021"), 2025)
    assert counted.complete
    assert table_3(counted) == {(NEW, "自然人"): 3, (NEW, "商业企业"): 1, (SECRET, "自然人"): 1, (ABSENT, "商业企业"): 1,
                                (DISCLOSED, "自然人"): 1, ("四、结转下年度继续办理", "自然人"): 1}


@pytest.mark.parametrize("version", sorted(FORMS))
@pytest.mark.parametrize("word", get_form("2021").ledger.results.remark_never)
def test_a_remark_that_says_the_label_is_not_the_whole_answer_is_unclear(version, word):
    m = results(version)
    assert m.match(f"予以公开（{word}）").kind is Kind.UNCLEAR
    assert m.match_pair("予以公开", word).kind is Kind.UNCLEAR
    assert m.match(f"重复申请（{word}）").kind is Kind.UNCLEAR


@pytest.mark.parametrize("value,label", [
    ("予以公开（当面领取）", DISCLOSED), ("信息不存在（不掌握）", ABSENT),        # a remark, or the leaf again
    ("部分公开（不予公开部分涉及个人隐私）", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),  # why a part was withheld
])
def test_remarks_that_do_not_contradict_keep_their_label(value, label):
    assert results().match(value).target == label


@pytest.mark.parametrize("value,label", [
    ("不予公开（涉及商业秘密、个人隐私）", "4.保护第三方合法权益"), ("不予公开（商业秘密和个人隐私）", "4.保护第三方合法权益"),
    ("无法提供：信息不存在/本机关不掌握", ABSENT),
])
def test_a_reason_of_several_parts_that_all_name_one_leaf(value, label):
    assert results().match(value).target == label


@pytest.mark.parametrize("value", ["不予公开（国家秘密、过程性信息）", "不予公开（商业秘密、已电话告知）"])
def test_a_reason_of_parts_naming_two_leaves_or_none_is_unclear(value):
    assert results().match(value).kind is Kind.UNCLEAR


@pytest.mark.parametrize("title", ["答复内容", "处理内容", "回复内容"])
def test_an_answer_text_column_is_the_result_only_when_its_values_are_results(title):
    words = get_form("2021").ledger
    header = ("申请人类型", "收到日期", "答复日期", title)
    results_rows = [header, ("公民", "2025-03-01", "2025-03-05", "经审查，同意公开，已邮寄。"),
                    ("企业", "2025-03-02", "2025-03-06", "信息不存在告知书")]
    assert find_header(LedgerSheet("a.xlsx", "S", results_rows), words).columns[Field.RESULT] == 3
    prose_rows = [header, ("公民", "2025-03-01", "2025-03-05", "已电话联系申请人并说明情况"),
                  ("企业", "2025-03-02", "2025-03-06", "按申请人要求以电子邮件发送相关文件")]
    assert Field.RESULT not in find_header(LedgerSheet("a.xlsx", "S", prose_rows), words).found


PARTLY = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
FLAG_HEADER = ("申请人类型", "收到日期", "答复日期", "是否公开", "不予公开理由")


def flag_count(*rows):
    body = [("自然人", "2025-03-01", "2025-03-05", *row) for row in rows]
    return count_ledgers([LedgerSheet("f.xlsx", "S", [FLAG_HEADER, *body])], get_form("2021"), 2025)


def result_cells(counted):
    return {row for (row, _col), n in table_3(counted).items() if row != NEW for _ in range(n)}


WORDS = get_form("2021").ledger
FLAGS = ([(w, None, DISCLOSED) for w in WORDS.disclose_all] + [(w, None, PARTLY) for w in WORDS.disclose_part]
         + [(w, "国家秘密", SECRET) for w in WORDS.disclose_none] + [(w, "信息不存在", ABSENT) for w in WORDS.disclose_none]
         + [(None, "重复申请", REPEATED)])


@pytest.mark.parametrize("flag,reason,label", FLAGS)
def test_each_answer_of_a_disclosed_column_with_its_reason(flag, reason, label):
    counted = flag_count((flag, reason))
    assert counted.complete and result_cells(counted) == {label}


@pytest.mark.parametrize("flag,reason", [("否", None), ("是", "国家秘密"), ("否", "已公开"), ("否", "部分公开"), ("待定", None),
                                         ("否", "其他")])
def test_a_disclosed_column_and_a_reason_that_disagree_or_say_nothing_known_are_unclear(flag, reason):
    counted = flag_count((flag, reason))
    assert not counted.complete and not result_cells(counted) and counted.unclear


def test_a_disclosed_column_beside_a_result_column_is_not_read():
    header = ("申请人类型", "收到日期", "答复日期", "是否公开", "处理结果")
    rows = [header, ("自然人", "2025-03-01", "2025-03-05", "否", "予以公开")]
    counted = count_ledgers([LedgerSheet("f.xlsx", "S", rows)], get_form("2021"), 2025)
    assert counted.complete and result_cells(counted) == {DISCLOSED}


PARTLY = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
RUNS = [   # answers written in one run, without punctuation, as clerks type them into a ledger
    ("经审查该信息不存在已告知申请人", ABSENT), ("该信息不存在已告知", ABSENT), ("信息不存在已答复", ABSENT),
    ("经检索本机关未制作或获取该信息", ABSENT), ("本机关不掌握该信息", ABSENT),
    ("所申请信息属于国家秘密不予公开", SECRET), ("不予公开国家秘密已告知", SECRET),
    ("经审查该信息属于过程性信息决定不予公开", "6.属于四类过程性信息"),
    ("予以公开已邮寄", DISCLOSED), ("同意公开并已邮寄送达", DISCLOSED), ("予以公开已告知申请人", DISCLOSED),
    ("已公开信息告知获取方式", DISCLOSED), ("已告知获取途径", DISCLOSED),
    ("经审查属于信访举报投诉类不予处理", "1.信访举报投诉类申请"), ("属于重复申请不予处理", REPEATED),
    ("申请人逾期未补正视为放弃申请", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("申请人主动撤回申请", "3.其他"),
    # 部分公开 and why the rest was withheld; a mixed answer in parts, one of them disclosed
    ("部分公开涉及个人隐私", PARTLY), ("部分公开涉及个人隐私部分不予公开", PARTLY), ("部分公开部分信息不存在", PARTLY),
    ("部分予以公开部分不予公开", PARTLY), ("部分不予公开部分予以公开", PARTLY), ("部分公开部分不存在", PARTLY),
    ("部分予以公开，其余部分属于国家秘密", PARTLY),
]


@pytest.mark.parametrize("value,label", RUNS)
def test_answers_written_in_one_run(value, label):
    assert results().match(value).target == leaf_in("2021", label)
    assert results("2019").match(value).target == leaf_in("2019", label)


@pytest.mark.parametrize("value", [
    "予以公开不予公开", "经查该信息不存在予以公开", "不予公开国家秘密过程性信息",   # two labels at once
    "部分不予公开", "部分不予公开部分信息不存在",           # a part, or parts none of them disclosed
    "已公开部分不予公开", "予以公开部分",                  # a part without its mark, a mark without its word
    "该信息需另行制作不予提供", "延期答复后予以公开", "经审查已处理",   # words that are none (不予提供, 后, 已处理)
    "重复举报", "申请人", "并",
])
def test_runs_that_are_no_one_answer_stay_unclear(value):
    assert results().match(value).kind is Kind.UNCLEAR


def test_a_run_read_two_ways_naming_two_labels_is_unclear():
    from govreport_gui.core.forms.ledger_words import Choice, Group
    choice = Choice((Group(("甲乙", "丙"), target="A"), Group(("甲", "乙丙"), target="B")), asides=("经审查",))
    m = Matcher(choice)
    assert m.match("经审查甲乙").target == "A" and m.match("经审查乙丙").target == "B"
    assert m.match("甲乙丙").kind is Kind.UNCLEAR           # 甲乙 + 丙 (A) or 甲 + 乙丙 (B)


def test_asides_that_can_be_split_two_ways_are_read_once():
    value = "经审查" + "已告知申请人" * 10 + "该信息不存在"     # (已告知申请人 or 已告知 + 申请人: 2¹⁰ ways)
    assert results().match(value).target == ABSENT
    assert results().match("经审查" + "已告知申请人" * 14 + "该信息不存在").kind is Kind.UNCLEAR   # too long a run


def test_a_ledger_of_answers_in_one_run_counts():
    rows = [("申请人类型", "收到日期", "答复日期", "答复内容"),
            ("自然人", "2025-03-01", "2025-03-09", "经审查该信息不存在已告知申请人"),
            ("企业", "2025-03-02", "2025-03-10", "部分予以公开部分不予公开"),
            ("自然人", "2025-03-03", "2025-03-11", "经审查该信息不存在予以公开")]
    counted = count_ledgers([LedgerSheet("t.xlsx", "S", rows)], get_form("2021"), 2025)
    assert table_3(counted) == {(NEW, "自然人"): 1, (NEW, "商业企业"): 1, (ABSENT, "自然人"): 1, (PARTLY, "商业企业"): 1}
    assert [(lo.ref.row, lo.value) for lo in counted.left_out] == [(4, "经审查该信息不存在予以公开")]


@pytest.mark.parametrize("version", sorted(FORMS))
@pytest.mark.parametrize("mark", get_form("2021").ledger.results.mixed_marks)
def test_each_mark_of_a_mixed_answer(version, mark):
    m = results(version)
    assert m.match(f"{mark}予以公开{mark}不予公开").target == PARTLY
    assert m.match(f"部分予以公开，{mark}属于国家秘密").target == PARTLY
    assert m.match(f"{mark}不予公开{mark}信息不存在").kind is Kind.UNCLEAR   # nothing disclosed
    assert m.match(f"{mark}不予公开").kind is Kind.UNCLEAR
