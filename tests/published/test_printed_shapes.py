"""Shapes of the words as Word, WPS and LibreOffice print a report, read by every reader alike:
a heading broken by a line break inside it, the seal's mark on a 落款, a 落款 dated in figures."""

from __future__ import annotations

import pytest

from govreport_gui.io.published.blocks import Block
from govreport_gui.io.published.document import read_blocks

HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
TITLE = "某某县农业农村局2024年政府信息公开工作年度报告"
ONE = "本年度按照条例要求推进公开工作，专人负责，按季度更新目录。"
FIVE = "一是栏目更新还不够及时；二是解读形式比较单一。"
SIX = "本年度未收取信息处理费。"


def _read(headings=HEADINGS, tail=("某某县农业农村局", "2025年1月20日")):
    blocks = [Block("p", TITLE)]
    for heading in headings:
        blocks.append(Block("p", heading))
        body = {"一": ONE, "五": FIVE, "六": SIX}.get(heading[0])
        if body:
            blocks.append(Block("p", body))
    blocks += [Block("p", text, right=True) for text in tail]
    return read_blocks(blocks, "r.docx")


def test_a_heading_broken_inside_by_a_line_break_is_one_heading():
    """``五、存在的主要问题<w:br/>及改进情况`` (Shift+Enter in a long heading): the rest is no text of 五."""
    broken = [*HEADINGS[:4], "五、存在的主要问题\n及改进情况", HEADINGS[5]]
    report = _read(broken).report
    assert report.sections["五"] == FIVE


@pytest.mark.parametrize("after", ["无", "本年度无。", "（一）信息处理费"])
def test_a_line_after_a_heading_in_its_paragraph_that_does_not_complete_it_is_text(after):
    broken = [*HEADINGS[:5], f"六、其他需要报告的事项\n{after}"]
    report = _read(broken).report
    assert report.sections["六"].split("\n")[0] == after


@pytest.mark.parametrize("organ_line", ["某某县农业农村局（盖章）", "某某县农业农村局 (盖章)", "某某县农业农村局（印章）"])
def test_the_seal_mark_on_the_organ_line_is_not_the_organ(organ_line):
    meta = _read(tail=(organ_line, "2025年1月20日")).report.meta
    assert (meta.issuing_organ, meta.date) == ("某某县农业农村局", "2025年1月20日")


def test_the_seal_mark_on_a_line_of_its_own_is_left_out():
    result = _read(tail=("某某县农业农村局", "（盖章）", "2025年1月20日"))
    assert (result.report.meta.issuing_organ, result.report.meta.date) == ("某某县农业农村局", "2025年1月20日")
    assert result.report.sections["六"] == SIX


@pytest.mark.parametrize("date", ["2025-01-20", "2025.1.20", "2025/01/20"])
def test_a_signature_dated_in_figures_under_the_organ(date):
    report = _read(tail=("某某县农业农村局", date)).report
    assert (report.meta.issuing_organ, report.meta.date) == ("某某县农业农村局", date)
    assert report.sections["六"] == SIX


def test_a_date_in_figures_without_an_organ_above_is_no_signature():
    """A page's publishing date after the text is no 落款, and not the report's."""
    report = _read(tail=("2025-01-20",)).report
    assert (report.meta.issuing_organ, report.meta.date) == ("", "")
    assert report.sections["六"] == SIX


def test_organ_and_date_run_together_on_one_line():
    """A borderless table holding the 落款 turned into one paragraph by a conversion (.doc):
    ``某某县农业农村局2025年1月20日``."""
    report = _read(tail=("某某县农业农村局2025年1月20日",)).report
    assert (report.meta.issuing_organ, report.meta.date) == ("某某县农业农村局", "2025年1月20日")
    assert report.sections["六"] == SIX


def test_a_sentence_ending_with_a_date_is_no_signature():
    report = _read(tail=("本报告于2025年1月20日",)).report
    assert report.meta.date == ""


def test_an_organ_wrapped_in_a_narrow_cell_is_the_titles_agency():
    """``某某县农业农`` / ``村局`` (the organ's cell of a borderless table too narrow) above the date."""
    report = _read(tail=("某某县农业农", "村局", "2025年1月20日")).report
    assert (report.meta.issuing_organ, report.meta.date) == ("某某县农业农村局", "2025年1月20日")
    assert report.sections["六"] == SIX
