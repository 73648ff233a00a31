"""A report a portal sets as one paragraph: title, preface, headings and text told apart by spaces
only (some CMSs keep the whole article in one ``<p>``, or a copy collapses its line breaks).  The
headings are found where they start after a space, so the parts, the preface and the title read
as they would on separate lines — by the page text and by the saved web page alike."""

from __future__ import annotations

import pytest

from govreport_gui.io.published.blocks import Block
from govreport_gui.io.published.document import read_blocks
from govreport_gui.io.registry import read_report

TITLE = "青石县农业农村局2022年 政府信息公开工作年度报告"
PREFACE = "本报告依照条例要求编写，统计期限自2022年1月1日至2022年12月31日。"
ONE = "2022年，本局把公开工作列入年度计划，全年发布信息三百余条。"
ONE_SUB = "（一）主动公开 本局在门户网站设置专栏十二个。"
FIVE = "公开内容还不够细，下一年将补齐栏目。"
SIX = "本年度未收取信息处理费。"


def _paragraph(with_title: bool = True) -> str:
    parts = [TITLE] if with_title else []
    parts += [PREFACE, "一、总体情况", ONE, ONE_SUB, "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
              "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", FIVE, "六、其他需要报告的事项", SIX]
    return "  ".join(parts)


def _check(report) -> None:
    assert (report.meta.agency, report.meta.year) == ("青石县农业农村局", 2022)
    assert report.meta.preamble == PREFACE
    assert report.sections["一"].split() == (ONE + " " + ONE_SUB).split()
    assert report.sections["五"] == FIVE and report.sections["六"] == SIX
    assert not any(report.sections.get(key) for key in "二三四")


def test_one_paragraph_as_page_text():
    _check(read_blocks([Block("p", _paragraph())], "年报.txt").report)


def test_one_paragraph_in_a_saved_page(tmp_path):
    page = tmp_path / "年报.html"
    page.write_text("<html><head><meta charset='utf-8'></head><body><div class='nav'><a href='/'>首页</a> "
                    f"<a href='/g'>政务公开</a></div><div class='article'><p>{_paragraph()}</p></div>"
                    "<div class='foot'><p>主办单位：青石县人民政府办公室</p></div></body></html>", "utf-8")
    _check(read_report(page).report)


def test_the_preface_paragraph_and_the_report_run_together():
    """The title on its own line, the rest run together after it."""
    result = read_blocks([Block("p", TITLE.replace(" ", "")), Block("p", _paragraph(with_title=False))], "年报.txt")
    _check(result.report)


@pytest.mark.parametrize("prose", [
    "工作措施如下： 一、加强领导 二、完善制度",            # a list inside the text, numbered like the parts
    "全年办理申请 二、三件，均按期答复。",
    "本局在 一、二季度集中清理了过期信息。",
])
def test_numbers_inside_the_text_do_not_cut_it(prose):
    lines = ["青石县农业农村局2022年政府信息公开工作年度报告", "一、总体情况", prose, "二、主动公开政府信息情况",
             "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
             "六、其他需要报告的事项", "无。"]
    report = read_blocks([Block("p", line) for line in lines], "年报.txt").report
    assert report.sections["一"] == prose
