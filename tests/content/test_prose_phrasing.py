"""The prose checks on the ways clerks really write the figures: joined phrases checked against
the sum, short phrasings (受理申请N件, 共办理N件) read only where the text is about applications,
each phrase compared with the right figure (new applications, decided ones, …), and comparisons
with last year (较上年增加N件、增长P%, 与上年持平) checked against last year's report.

The sentences are written for these tests, in the shapes seen in published reports."""

import pytest
from report_builders import t3, t4

from govreport_gui.core import CellKey, Report
from govreport_gui.core.checks import check_report
from govreport_gui.core.findings import Severity
from govreport_gui.core.prose_checks import check_changes, check_figures, check_prose
from govreport_gui.core.report import Metadata

NEW = "一、本年新收政府信息公开申请数量"
CARRIED = "二、上年结转政府信息公开申请数量"
OPEN = "（一）予以公开"
PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
THIRD_PARTY = "4.保护第三方合法权益"
NOT_HELD = "1.本机关不掌握相关政府信息"
NO_RECORD = "2.没有现成信息需要另行制作"
REPEATED = "2.重复申请"
FORWARD = "四、结转下年度继续办理"
HEADING = "（二）依申请公开"


def this_year(version: str = "2021", year: int = 2024) -> Report:
    """New 50 (46 + 4), carried 4; 予以公开 20, 部分公开 22, 不予公开 3, 无法提供 6 (5 + 1),
    不予处理 1: decided 52; forward 2.  复议 2, 诉讼 1."""
    r = Report(version, Metadata(agency="青禾市临川区人力资源和社会保障局", year=year))
    t3(r, NEW, 46, 4, 0, 0, 0, 0)
    t3(r, CARRIED, 4, 0, 0, 0, 0, 0)
    t3(r, OPEN, 18, 2, 0, 0, 0, 0)
    t3(r, PARTIAL, 20, 2, 0, 0, 0, 0)
    t3(r, THIRD_PARTY, 3, 0, 0, 0, 0, 0)
    t3(r, NOT_HELD, 5, 0, 0, 0, 0, 0)
    t3(r, NO_RECORD, 1, 0, 0, 0, 0, 0)
    t3(r, REPEATED, 1, 0, 0, 0, 0, 0)
    t3(r, FORWARD, 2, 0, 0, 0, 0, 0)
    t4(r, "行政复议", 1, 1, 0, 0)
    t4(r, "未经复议直接起诉", 1, 0, 0, 0)
    return r


def last_year(version: str = "2021", year: int = 2023) -> Report:
    """New 40, carried 3; 予以公开 16, 部分公开 15, 不予公开 2, 无法提供 5, 不予处理 1: decided 39;
    forward 4 (this year's carried).  复议 2, 诉讼 0."""
    r = Report(version, Metadata(agency="青禾市临川区人力资源和社会保障局", year=year))
    t3(r, NEW, 40, 0, 0, 0, 0, 0)
    t3(r, CARRIED, 3, 0, 0, 0, 0, 0)
    t3(r, OPEN, 16, 0, 0, 0, 0, 0)
    t3(r, PARTIAL, 15, 0, 0, 0, 0, 0)
    t3(r, THIRD_PARTY, 2, 0, 0, 0, 0, 0)
    t3(r, NOT_HELD, 5, 0, 0, 0, 0, 0)
    t3(r, REPEATED, 1, 0, 0, 0, 0, 0)
    t3(r, FORWARD, 4, 0, 0, 0, 0, 0)
    t4(r, "行政复议", 2, 0, 0, 0)
    return r


def test_the_reports_balance():
    for r in (this_year(), last_year()):
        assert [f for f in check_report(r) if f.severity is Severity.ERROR] == []


def warnings(findings, rule="prose.figure"):
    return [f for f in findings if f.severity is Severity.WARNING and f.rule == rule]


def figure_warnings(text: str) -> list:
    r = this_year()
    r.sections["一"] = text
    return warnings(check_figures(r))


# --- joined phrases: the sum ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "其中予以公开及部分公开42件，不予公开3件。",
    "予以公开和部分公开的共计42件。",
    "予以公开、部分公开合计42件。",
    "不予公开和无法提供共9件。",
    "无法提供、不予处理共7件。",
    "予以公开、部分公开分别为20件、22件。",
    "因政府信息公开引起的行政复议、行政诉讼共3件。",
    "行政复议和行政诉讼分别为2件和1件。",
    "予以公开20件（含部分公开）外，另有部分公开22件。",
    "予以公开42件（含部分公开22件）。",      # clerks count both as disclosed
    "因本机关不掌握相关信息无法提供5件，需另行制作1件。",   # one reason of 无法提供
])
def test_joined_phrases_that_agree_are_quiet(text):
    assert figure_warnings(text) == []


@pytest.mark.parametrize("text,written,shown", [
    ("其中予以公开及部分公开40件。", "40", "合计为42"),
    ("不予公开和无法提供共8件。", "8", "合计为9"),
    ("予以公开、部分公开分别为20件、21件。", "21", "总计为22"),
    ("行政复议、行政诉讼各2件。", "2", "=1"),
])
def test_joined_phrases_are_checked_against_the_sum(text, written, shown):
    [f] = figure_warnings(text)
    assert f"为{written}）" in f.message and shown in f.message


def test_a_joined_phrase_is_not_read_as_its_last_term():
    # the report of issue 18: “予以公开及部分公开42件” agreed with 22 + 20 and was warned as 部分公开
    assert figure_warnings("全年予以公开及部分公开42件。") == []
    assert figure_warnings("全年部分公开42件。") != []


# --- short phrasings: only where the text is about applications ------------------------------

@pytest.mark.parametrize("text", [
    f"{HEADING}。全年共受理申请50件，均在法定期限内答复。",
    f"{HEADING}。全年共受理申请54件（含上年结转4件）。",
    f"{HEADING}\n本年收到申请50件，办结52件，结转下年度继续办理2件。",
    f"{HEADING}。本年新收申请50件。",
    f"{HEADING}。全年共办理52件。",
    f"{HEADING}。全年共办理54件。",
    f"{HEADING}。本年度按期办结52件，办结率100%。",
    "本年度共受理50件政府信息公开申请。",
    "本年共收到50份政府信息公开申请，均为自然人提出。",
    "全年收到依申请公开50件，上年结转4件，法定期限内予以答复52件，结转下年2件。",
    "全年共收到并办理依申请公开政府信息54件。",
    "本年度共受理政府信息公开申请总数50件。",
    f"{HEADING}\n全年共收到信息公开申请件50件，已按时办结52件，2件结转至下年度继续办理。",
    f"{HEADING}\n全年共收到依申请公开件50件，上年度结转4件，共办结52件，结转到2025年办理2件。",
    "全年因政府信息公开被申请行政复议2宗、提起行政诉讼1宗。",
    f"{HEADING}\n全年受理依申请公开50件、办结52件。",
])
def test_short_phrasings_that_agree_are_quiet(text):
    assert figure_warnings(text) == []


def test_short_phrasing_with_a_wrong_figure_is_warned():
    # issue 18: “本年共受理申请999件” against a table total of 3296 was not warned
    [f] = figure_warnings(f"{HEADING}。本年共受理申请999件，均已答复。")
    assert "受理申请999件" in f.message and "总计为50" in f.message and "加上年结转为54" in f.message


@pytest.mark.parametrize("text", [
    "本年共受理申请999件。",                                # nothing says which applications
    f"{HEADING}。政务服务中心全年共受理申请999件。",          # another kind of case, named before it
    f"{HEADING}。全年共办理12345热线工单999件。",
    f"{HEADING}。本年度收到行政许可申请999件。",
    f"{HEADING}。办理人大代表建议、政协提案共999件。",
    "全年共受理群众来信999件，办结率100%。",
    f"{HEADING}。全年收到依申请公开40余件。",               # not an exact figure
    "（三）政府信息管理。全年处理各级收文999件。",
    f"{HEADING}。认真办理人大代表建议和政协委员提案。全年共办理999件。",   # the last subject named
    "（五）监督保障。将政府信息公开纳入绩效考核，全年共办理999件。",
    f"{HEADING}\n全年共收到依申请公开件50件，上年结转4件，共办结52件，结转到2025年办理2件。",
    "（四）监督保障。作为复议机关，全年共受理行政复议申请999件，依法审理行政诉讼案件99件。",
    f"{HEADING}\n经网站办理并答复政府信息公开申请9件、信函申请41件，顺延至下一年答复2件。",  # parts of a list
])
def test_short_phrasings_about_something_else_are_not_read(text):
    assert figure_warnings(text) == []


# --- each phrase against the right figure ----------------------------------------------------

@pytest.mark.parametrize("text,table", [
    (f"{HEADING}。本年新收申请52件。", "“一、本年新收政府信息公开申请数量”总计为50"),
    (f"{HEADING}。本年度办结政府信息公开申请50件。", "“（七）总计”总计为52"),
    (f"{HEADING}。全年予以答复50件。", "“（七）总计”总计为52"),
    (f"{HEADING}。共办理51件。", "“（七）总计”总计为52"),
    (f"{HEADING}\n全年受理依申请公开50件、办结50件。", "“（七）总计”总计为52"),
    ("上年结转政府信息公开申请3件。", "“二、上年结转政府信息公开申请数量”总计为4"),
    ("结转下年度继续办理3件。", "“四、结转下年度继续办理”总计为2"),
    ("部分公开20件。", "总计为22"),
    ("不予处理2件。", "“（五）不予处理”各项合计为1"),
    ("无法提供4件。", "“（四）无法提供”各项合计为6"),
])
def test_each_phrase_is_compared_with_its_own_figure(text, table):
    [f] = figure_warnings(text)
    assert table in f.message, f.message


# --- comparisons with last year ---------------------------------------------------------------

def change_warnings(text: str, previous: Report | None = None, report: Report | None = None) -> list:
    r = report or this_year()
    r.sections["一"] = text
    previous = previous if previous is not None else last_year()
    found = check_prose(r, previous)
    assert warnings(found) == [], warnings(found)     # the figures themselves agree
    return warnings(found, "prose.change")


@pytest.mark.parametrize("text", [
    "全年共收到政府信息公开申请50件，较上年增加10件、增长25%。",
    "全年新收政府信息公开申请50件，同比增长25%。",
    "全年新收政府信息公开申请50件，较上年增加10件（增长25.0%）。",
    "全年新收政府信息公开申请50件，比上年增加10件，增幅25%。",
    f"{HEADING}。全年共受理申请54件，同比增长25.6%。",      # with the carried over, both years
    "本年度办结政府信息公开申请52件，较上年增加13件、增长33.3%。",
    "本年度办结政府信息公开申请52件，同比增长33%。",
    "其中予以公开20件，较上年增加4件；部分公开22件，较上年增加7件、增长46.7%。",
    "因政府信息公开引起行政复议2件，与上年持平。",
    "行政诉讼1件，较上年增加1件。",
    "全年新收政府信息公开申请50件，较2023年增长25%。",
    "较上年收到政府信息公开申请40件增加10件。",
    "上年共收到政府信息公开申请40件。",
    "2023年收到政府信息公开申请40件，本年收到的数量同比增加25%。",   # last year's, by its year
    "2022年收到政府信息公开申请9件。",                              # another year: not compared
    "2024年新收政府信息公开申请50件，较上年增加10件。",
    "全年新收政府信息公开申请50件，较2022年增长100%。",   # not last year: not compared
    "全年新收政府信息公开申请50件，与上年基本持平。",      # roughly: not a figure
    "全年新收政府信息公开申请50件，是上年的1.25倍。",
    "全年新收政府信息公开申请50件，同比增长20%以上。",     # not an exact figure
    "全年新收政府信息公开申请50件，较上年增长近三成。",
    "全年新收政府信息公开申请50件，较上年增长25个百分点。",
])
def test_comparisons_that_agree_with_last_year_are_quiet(text):
    assert change_warnings(text) == []


@pytest.mark.parametrize("text,says", [
    ("全年共收到政府信息公开申请50件，较上年增加12件、增长25%。", "增加10件、增长25%"),
    ("全年新收政府信息公开申请50件，同比增长20%。", "增加10件、增长25%"),
    ("全年新收政府信息公开申请50件，同比下降25%。", "增加10件、增长25%"),
    ("全年新收政府信息公开申请50件，较上年减少10件。", "增加10件"),
    ("全年新收政府信息公开申请50件，与上年持平。", "增加10件"),
    ("本年度办结政府信息公开申请52件，同比增长35%。", "增加13件、增长33.3%"),
    ("因政府信息公开引起行政复议2件，较上年增加1件。", "与上年持平"),
    ("2024年新收政府信息公开申请50件，与上年持平。", "增加10件"),
    ("行政诉讼1件，与上年持平。", "增加1件"),
])
def test_comparisons_that_disagree_are_warned_with_the_figures_of_both_years(text, says):
    [f] = change_warnings(text)
    assert f.section == "一" and says in f.message and "上年" in f.message
    assert f.quote == text


def test_a_figure_of_last_year_is_checked_against_last_years_report():
    [f] = change_warnings("上年共收到政府信息公开申请45件。")
    assert "45" in f.message and "总计为40" in f.message and "上年报告" in f.message
    [f] = change_warnings("2023年收到政府信息公开申请45件。")
    assert "45" in f.message and "总计为40" in f.message


def test_a_year_named_before_a_figure_says_whose_it_is():
    r = this_year()
    r.sections["一"] = "2024年，全局共收到政府信息公开申请52件。"   # this year's, named
    assert len(warnings(check_figures(r))) == 1
    r.sections["一"] = "2021年收到政府信息公开申请52件。"            # an earlier year's
    assert warnings(check_figures(r)) == []
    r.meta.year = 0
    r.sections["一"] = "2024年收到政府信息公开申请52件。"            # the report's year unknown
    assert warnings(check_figures(r)) == []


def test_comparisons_need_last_years_report_of_the_year_before():
    r = this_year()
    r.sections["一"] = "全年新收政府信息公开申请50件，同比增长20%。"
    assert warnings(check_prose(r), "prose.change") == []                 # no last year: not checked
    assert warnings(check_changes(r, last_year(year=2021)), "prose.change") == []   # not the year before
    assert len(warnings(check_changes(r, last_year()), "prose.change")) == 1


def test_a_comparison_after_a_wrong_figure_is_warned_once():
    r = this_year()
    r.sections["一"] = "全年新收政府信息公开申请48件，较上年增加8件。"
    found = check_prose(r, last_year())
    assert len(warnings(found)) == 1 and warnings(found, "prose.change") == []


def test_comparisons_across_a_change_of_format_version():
    # last year's report in the 2019 format: （六）其他处理 is one row there, three in 2021
    previous = last_year("2019", 2020)
    previous.set(CellKey("三", "（六）其他处理", "自然人"), 2)
    previous.set(CellKey("三", FORWARD, "自然人"), 2)   # still balanced
    r = this_year(year=2021)
    r.set(CellKey("三", "3.其他", "自然人"), 2)
    r.set(CellKey("三", FORWARD, "自然人"), 0)
    assert change_warnings("其他处理2件，与上年持平。", previous, r) == []
    assert len(change_warnings("其他处理2件，较上年增加2件。", previous, r)) == 1


def test_comparison_warnings_are_declared_and_accepted_like_the_others():
    from govreport_gui.core import rules
    rule = rules.PROSE_CHANGE
    assert rule.needs_previous and rule.id in rules.titles(this_year().form)
    assert rule in rules.applicable(this_year().form, has_previous=True)
    assert rule not in rules.applicable(this_year().form, has_previous=False)
    r = this_year()
    r.sections["一"] = "全年新收政府信息公开申请50件，同比增长20%。"
    [f] = warnings(check_report(r, last_year()), "prose.change")
    assert f.anchor and f.quote


def test_a_long_paragraph_gives_each_sentence_a_bounded_context():
    # a sentence's subject is looked for only in the words just before it: a paragraph of 20 000
    # sentences is read in one pass, not once per sentence (the Word export checks the report)
    from govreport_gui.core.prose_checks import CONTEXT, HEADING_LINE, _with_context
    text = HEADING + "\n" + "本年度政务公开工作有序推进。" * 20000 + "全年共受理申请999件。"
    contexts = list(_with_context(text))
    assert len(contexts) == 20002       # the heading line is one too
    assert max(len(c) for _, c in contexts) <= CONTEXT + HEADING_LINE + 1
    assert figure_warnings(f"{HEADING}\n本年度政务公开工作有序推进。全年共受理申请999件。")  # still read
