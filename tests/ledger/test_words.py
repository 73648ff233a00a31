"""The ledger vocabulary, entry by entry: every declared word means its label in both versions, in the
spellings clerks use; values that fit no word, or two, are unclear — never guessed."""

from __future__ import annotations

import pytest

from govreport_gui.core.forms import FORMS, get_form
from govreport_gui.core.ledger.words import SKIP, Kind, Matcher, norm

CHOICES = ("applicants", "results", "case_kinds", "case_outcomes")


def _entries():
    """(version, choice, word, expected kind, expected label) for every word declared."""
    out = []
    for version, form in FORMS.items():
        for name in CHOICES:
            choice = getattr(form.ledger, name)
            for group in choice.groups:
                for w in group.words:
                    out.append((version, name, w, Kind.FOUND if group.target else Kind.GROUP, group.target))
                for leaf in group.leaves:
                    out += [(version, name, w, Kind.FOUND, leaf.target) for w in leaf.words]
            out += [(version, name, w, Kind.PENDING, None) for w in choice.pending]
    return out


ENTRIES = _entries()


@pytest.mark.parametrize("version,choice,word,kind,label", ENTRIES,
                         ids=[f"{v}-{c}-{w}" for v, c, w, _, _ in ENTRIES])
def test_each_declared_word_means_its_label(version, choice, word, kind, label):
    matcher = Matcher(getattr(get_form(version).ledger, choice))
    found = matcher.match(word)
    assert (found.kind, found.target) == (kind, label)
    # the same word as clerks type it: spaces, full-width forms, a trailing full stop
    spaced = " ".join(word) + "。"
    wide = word.translate(str.maketrans("()0123456789-", "（）０１２３４５６７８９－"))
    assert (matcher.match(spaced).kind, matcher.match(spaced).target) == (kind, label)
    assert (matcher.match(wide).kind, matcher.match(wide).target) == (kind, label)


@pytest.mark.parametrize("version", sorted(FORMS))
def test_reason_only_words_need_their_group(version):
    results = get_form(version).ledger.results
    matcher = Matcher(results)
    checked = 0
    for group in results.groups:
        for leaf in group.leaves:
            for w in leaf.reason_only:
                assert matcher.match(w).target != leaf.target or group.target == leaf.target
                for written in (f"{group.words[0]}（{w}）", f"{group.words[0]}-{w}"):
                    assert matcher.match(written).target == leaf.target, written
                assert matcher.match_pair(group.words[0], w).target == leaf.target
                checked += 1
    assert checked


@pytest.mark.parametrize("version", sorted(FORMS))
def test_every_leaf_is_reachable_with_its_group_in_both_wordings(version):
    """One column (不予公开（国家秘密）) and two columns (不予公开 | 国家秘密) for every leaf."""
    results = get_form(version).ledger.results
    matcher = Matcher(results)
    for group in results.groups:
        for leaf in group.leaves:
            word = leaf.words[-1] if leaf.words else leaf.reason_only[0]
            for head in group.words:
                assert matcher.match(f"{head}（{word}）").target == leaf.target, (head, word)
                assert matcher.match_pair(head, word).target == leaf.target, (head, word)


@pytest.mark.parametrize("version", sorted(FORMS))
def test_every_label_of_the_tables_has_words(version):
    """Each result row of 三, each applicant column, each group and outcome of 四 can be written."""
    form = get_form(version)
    t3, t4 = form.tables["三"], form.tables["四"]
    results = [r for g in t3.outcomes() for r in g.rows]
    assert sorted(form.ledger.results.targets()) == sorted(results)
    assert list(form.ledger.applicants.targets()) == [c for c in t3.cols if c != t3.total_col]
    assert list(form.ledger.case_kinds.targets()) == list(t4.rows)
    outcomes = [c for c in t4.cols if c != t4.total_col]
    assert [*form.ledger.case_outcomes.targets(), form.ledger.case_pending] == outcomes


ISSUE_EXAMPLES = [   # the issue's own examples (2021 labels)
    ("applicants", "公民", "自然人"), ("applicants", "个人", "自然人"), ("applicants", "企业", "商业企业"),
    ("applicants", "公司", "商业企业"), ("applicants", "律师事务所", "法律服务机构"), ("applicants", "律所", "法律服务机构"),
    ("applicants", "科研院所", "科研机构"), ("applicants", "研究所", "科研机构"), ("applicants", "协会", "社会公益组织"),
    ("applicants", "基金会", "社会公益组织"), ("applicants", "公益组织", "社会公益组织"), ("applicants", "其他组织", "其他"),
    ("results", "同意公开", "（一）予以公开"), ("results", "已公开", "（一）予以公开"),
    ("results", "不予公开（国家秘密）", "1.属于国家秘密"), ("results", "不予公开-涉密", "1.属于国家秘密"),
    ("results", "信息不存在", "1.本机关不掌握相关政府信息"), ("results", "本机关不掌握", "1.本机关不掌握相关政府信息"),
    ("results", "需另行制作", "2.没有现成信息需要另行制作"), ("results", "信访举报投诉", "1.信访举报投诉类申请"),
    ("results", "重复申请", "2.重复申请"),
    ("results", "逾期不补正", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("results", "不予公开（过程性信息）", "6.属于四类过程性信息"),
    ("results", "（三）不予公开 1.属于国家秘密", "1.属于国家秘密"),
    ("results", "不予公开：危及“三安全一稳定”", "3.危及“三安全一稳定”"),
    ("case_kinds", "行政复议", "行政复议"), ("case_kinds", "未经复议直接起诉", "未经复议直接起诉"),
    ("case_kinds", "行政诉讼（复议后起诉）", "复议后起诉"),
    ("case_outcomes", "维持", "结果维持"), ("case_outcomes", "撤销", "结果纠正"), ("case_outcomes", "变更", "结果纠正"),
    ("case_outcomes", "确认违法", "结果纠正"), ("case_outcomes", "责令履行", "结果纠正"),
    ("case_outcomes", "撤销并责令履行", "结果纠正"), ("case_outcomes", "撤回", "其他结果"),
    ("case_outcomes", "终止", "其他结果"),
]


@pytest.mark.parametrize("choice,value,label", ISSUE_EXAMPLES)
def test_the_issues_examples(choice, value, label):
    assert Matcher(getattr(get_form("2021").ledger, choice)).match(value).target == label


def test_2019_has_one_other_handling_row():
    results = Matcher(get_form("2019").ledger.results)
    for value in ("其他处理", "逾期不补正", "逾期未缴费", "其他处理（其他）", "申请人撤回申请"):
        assert results.match(value).target == "（六）其他处理", value


NEVER_GUESSED = [   # (choice, value, kind): no word, or a group without its leaf, or two labels at once
    ("applicants", "个体户", Kind.UNCLEAR), ("applicants", "律师", Kind.UNCLEAR),
    ("applicants", "法人或其他组织", Kind.GROUP), ("applicants", "自然人（律师事务所）", Kind.UNCLEAR),
    ("applicants", "张三", Kind.UNCLEAR), ("applicants", "某某有限公司职员", Kind.UNCLEAR),
    ("results", "不予公开", Kind.GROUP), ("results", "无法提供", Kind.GROUP), ("results", "其他处理", Kind.GROUP),
    ("results", "其他", Kind.UNCLEAR), ("results", "公开出版物类", Kind.UNCLEAR),
    ("results", "予以公开（国家秘密）", Kind.UNCLEAR), ("results", "经查该信息不予提供", Kind.UNCLEAR),
    ("results", "不予公开（理由见答复书）", Kind.UNCLEAR), ("results", "同意", Kind.UNCLEAR),
    ("case_kinds", "行政诉讼", Kind.GROUP), ("case_kinds", "信访", Kind.UNCLEAR),
    ("case_outcomes", "驳回", Kind.UNCLEAR), ("case_outcomes", "撤销并驳回起诉", Kind.UNCLEAR),
]


@pytest.mark.parametrize("choice,value,kind", NEVER_GUESSED)
def test_unclear_values_are_never_guessed(choice, value, kind):
    found = Matcher(getattr(get_form("2021").ledger, choice)).match(value)
    assert found.kind is kind and found.target is None


def test_two_labels_in_two_columns_are_unclear():
    m = Matcher(get_form("2021").ledger.results)
    assert m.match_pair("予以公开", "国家秘密").kind is Kind.UNCLEAR
    assert m.match_pair("不予公开", "涉及隐私的内容").kind is Kind.UNCLEAR
    assert m.match_pair("不予公开（国家秘密）", "个人隐私").kind is Kind.UNCLEAR
    assert m.match_pair("予以公开", "当面领取").target == "（一）予以公开"   # a remark, not a label
    partly = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert m.match_pair("部分公开", "个人隐私").target == partly   # which part was withheld, and why
    assert m.match("部分公开（涉及个人隐私）").target == partly
    assert m.match("不予公开：属于过程性信息").target == "6.属于四类过程性信息"
    assert m.match("部分公开、部分不予公开").target == partly
    assert m.match_pair("无法提供", "").kind is Kind.GROUP


def test_assignments_apply_only_to_unclear_values_and_known_labels():
    results = get_form("2021").ledger.results
    m = Matcher(results, {"同意": "（一）予以公开", "不予公开|涉及隐私的内容": "4.保护第三方合法权益",
                          "测试数据": SKIP, "已公开": "2.重复申请", "乱填": "没有这一行"})
    assert m.match("同意").target == "（一）予以公开"
    assert m.match_pair("不予公开", "涉及隐私的内容").target == "4.保护第三方合法权益"
    assert m.match("测试数据").kind is Kind.SKIPPED
    assert m.match("已公开").target == "（一）予以公开"   # the declared word wins
    assert m.match("乱填").kind is Kind.UNCLEAR            # no such label: ignored


def test_no_word_has_two_meanings():
    for form in FORMS.values():
        for name in CHOICES:
            Matcher(getattr(form.ledger, name))   # raises on a conflict


def test_norm():
    assert norm("（三）不予公开（国家秘密）") == "不予公开国家秘密"
    assert norm(" 1、 属于 国家秘密。") == "属于国家秘密"
    assert norm("ＡＢ－涉密") == "AB涉密"
    assert norm(None) == ""
