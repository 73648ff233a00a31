"""The prose checks on a report written in traditional characters (a portal's 繁體 page, a clerk's
copy through a converter): the figures its sentences state are read as in simplified text — the
text folded for matching only — checked against the tables and last year's report, and every
message quotes the sentence as the clerk wrote it; carried into next year's report, only the report
year moves, as in simplified text.  The sentences are written for these tests."""

import pytest
from report_builders import t3, t4

from govreport_gui.core import Report
from govreport_gui.core.checks import check_report
from govreport_gui.core.findings import Severity
from govreport_gui.core.prose_checks import check_changes, check_figures, check_last_year, check_required
from govreport_gui.core.report import Metadata
from govreport_gui.core.year_shift import move_report_year

NEW = "一、本年新收政府信息公开申请数量"
CARRIED = "二、上年结转政府信息公开申请数量"
OPEN = "（一）予以公开"
PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
THIRD_PARTY = "4.保护第三方合法权益"
NOT_HELD = "1.本机关不掌握相关政府信息"
REPEATED = "2.重复申请"
FORWARD = "四、结转下年度继续办理"


def _report(year: int = 2024, new: int = 46) -> Report:
    """New ``new`` + 4, carried 4; 予以公开 20, 部分公开 22, 不予公开 3, 无法提供 5, 不予处理 1:
    decided 51 (with ``new`` = 46); forward 3.  复议 2, 诉讼 1."""
    r = Report("2021", Metadata(agency="臨河區人力資源和社會保障局", year=year))
    t3(r, NEW, new, 4, 0, 0, 0, 0)
    t3(r, CARRIED, 4, 0, 0, 0, 0, 0)
    t3(r, OPEN, 18, 2, 0, 0, 0, 0)
    t3(r, PARTIAL, 20, 2, 0, 0, 0, 0)
    t3(r, THIRD_PARTY, 3, 0, 0, 0, 0, 0)
    t3(r, NOT_HELD, 5, 0, 0, 0, 0, 0)
    t3(r, REPEATED, 1, 0, 0, 0, 0, 0)
    t3(r, FORWARD, 3 + new - 46, 0, 0, 0, 0, 0)
    t4(r, "行政复议", 1, 1, 0, 0)
    t4(r, "未经复议直接起诉", 1, 0, 0, 0)
    return r


def _warnings(findings, rule="prose.figure"):
    return [f for f in findings if f.severity is Severity.WARNING and f.rule == rule]


def test_the_report_balances():
    assert [f for f in check_report(_report()) if f.severity is Severity.ERROR] == []


@pytest.mark.parametrize("text", [
    "本年度共收到政府資訊公開申請50件，予以公開及部分公開42件，不予公開和無法提供共8件。",
    "（二）依申請公開\n全年受理申請50件，辦結51件，結轉下年度繼續辦理3件。",
    "因政府資訊公開工作被申請行政複議兩件、提起行政訴訟1件。",
    "本局全年收到群眾來信來訪300件，政務服務熱線工單1200個。",   # other kinds of case: no figure of 三
])
def test_figures_in_traditional_that_agree_with_the_tables_give_no_warning(text):
    report = _report()
    report.sections["一"] = text
    assert _warnings(check_figures(report)) == []


@pytest.mark.parametrize("text, quoted, stated", [
    ("本年度共收到政府資訊公開申請60件。", "收到政府資訊公開申請60件", "60"),
    ("予以公開及部分公開40件。", "予以公開及部分公開40件", "40"),
    ("（二）依申請公開\n全年共辦結申請兩件。", "辦結申請兩件", "2"),
    ("行政複議、行政訴訟各1件。", "行政複議、行政訴訟各1件", "1"),
])
def test_figures_in_traditional_that_disagree_are_warned_in_the_words_as_written(text, quoted, stated):
    report = _report()
    report.sections["一"] = text
    found = _warnings(check_figures(report))
    assert found, text
    assert f"“{quoted}”" in found[0].message and f"为{stated}）" in found[0].message
    assert found[0].quote == text.split("\n")[-1]


def test_a_comparison_with_last_year_in_traditional_is_checked():
    report, previous = _report(), _report(2023, new=36)
    report.sections["一"] = "本年度共收到政府資訊公開申請50件，較上年增加10件、增長25%。"
    assert _warnings(check_changes(report, previous), "prose.change") == []
    report.sections["一"] = "本年度共收到政府資訊公開申請50件，較上年增加20件。"
    found = _warnings(check_changes(report, previous), "prose.change")
    assert len(found) == 1 and "較上年增加20件" in found[0].message


def test_the_required_topics_are_found_in_traditional_text():
    report = _report()
    report.sections.update({
        "一": "（一）主動公開\n本局主動公開資訊三百餘條。\n（二）依申請公開\n全年收到政府資訊公開申請50件。\n"
              "（三）政府資訊管理\n落實發布審查和保密審查制度。\n（四）平臺建設\n完善入口網站和政務新媒體。\n"
              "（五）監督保障\n開展業務培訓兩次，納入年度考核。",
        "五": "上年度問題已全部整改。部分欄目更新偏慢，明年將落實專人維護。",
        "六": "本年度未收取資訊處理費。",
    })
    assert [f.message for f in check_required(report)] == []


def test_last_years_year_in_a_traditional_sentence():
    report = _report()
    report.sections["一"] = "2023年以來，本局持續推進政務公開。"
    found = check_last_year(report)
    assert len(found) == 1 and "2023年以來" in found[0].message


@pytest.mark.parametrize("text, moved", [
    ("統計期限自2023年1月1日起至2023年12月31日止。", "統計期限自2024年1月1日起至2024年12月31日止。"),
    ("依據2023年修訂的《辦法》編制。", None),
    ("《辦法》於2023年頒布。", None),
    ("本局於2023年3月印發《實施方案》。", None),
])
def test_carried_into_next_year_only_the_report_year_moves(text, moved):
    shifted = move_report_year(text, 2023, 2024)
    assert shifted.text == (moved or text)
    assert bool(shifted.kept) == (moved is None)
