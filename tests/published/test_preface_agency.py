"""A page whose text has no title line (the portal shows the title in its own header, the copy
kept only the article): agency and year come from the words the preface — or the opening of 一,
where a page without a preface puts them — says about the report, in the ways prefaces say it."""

from __future__ import annotations

import pytest

from govreport_gui.io.published.blocks import Block
from govreport_gui.io.published.document import read_blocks
from govreport_gui.io.published.report_title import agency_in_preface, agency_in_words, agency_to_contact, named_work

PARTS = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
         "五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "无。"]


@pytest.mark.parametrize("sentence, agency", [
    ("依照条例，现向社会公布2023年红枫市统计局政府信息公开工作年度报告。", "红枫市统计局"),           # the year first
    ("依照条例，现向社會公布2023年紅楓市統計局政府資訊公開工作年度報告。", "紅楓市統計局"),
    ("本局编制并向社会公开红枫市统计局2023年度政府信息公开工作年度报告。", "红枫市统计局"),         # a verb inside the clause
    ("现公布红枫县人民政府（县人民政府办公室）2023年政府信息公开工作年度报告。", "红枫县人民政府(县人民政府办公室)"),
    ("本报告由红枫市统计局编制，统计期限为一个自然年。", "红枫市统计局"),                              # compiled by, no year
    ("本报告由红枫市统计局政府信息公开工作机构编制完成。", "红枫市统计局"),                            # cut before the report's words
    ("现将红枫县机构编制委员会办公室2023年政府信息公开工作年度报告公布如下：", "红枫县机构编制委员会办公室"),
    ("依照条例，现公开红枫街道办事处2023年政府信息公开工作年度报告。", "红枫街道办事处"),              # 现公开 leads in
    ("本报告由红枫镇人民政府按照《中华人民共和国政府信息公开条例》要求编制。", "红枫镇人民政府"),      # compiled by, 按照… between
    ("本报告由红枫镇人民政府党政办公室编制。", "红枫镇人民政府"),                                    # the township's own office
    ("本报告由红枫市统计局办公室负责编制。", "红枫市统计局"),
    ("本报告由红枫县人民政府办公室编制。", "红枫县人民政府办公室"),                                  # an organ of its own
    ("按上级要求，红枫县市场监督管理局结合单位实际，编制本单位2023年度政务公开工作年度报告。", "红枫县市场监督管理局"),
    ("按上级要求，红枫街道办事处在总结全年工作的基础上，编制了此报告。", "红枫街道办事处"),          # the subject compiles it
    ("按上级要求，我局结合单位实际，编制本单位2023年度政府信息公开工作年度报告。", ""),
    ("现将我局2023年政府信息公开工作年度报告公布如下：", ""),                                      # the agency speaking of itself
    ("2023年我镇政府信息公开工作稳步推进。", ""),
    ("本报告依据2023年政府信息公开工作要点编写。", ""),
])
def test_the_agency_a_preface_names(sentence, agency):
    assert (agency_in_preface(sentence, 2023) or agency_in_words(sentence, 2023)) == agency


def test_the_year_of_the_report_a_preface_names():
    named = named_work("按要求，现将红枫市统计局2023年政府信息公开工作年度报告公布如下：")
    assert (named.agency, named.year) == ("红枫市统计局", 2023)
    assert named_work("现将红枫市统计局2023年政府信息公开工作年度报告公布如下：", 2022) is None


def _read(lines: list[str]):
    return read_blocks([Block("p", line) for line in lines], "年报.txt")


def test_preface_words_opening_one_give_agency_and_year():
    """No title, no preface, no statistics period: the opening of 一 names the report."""
    result = _read(["一、总体情况", "根据条例要求，现将红枫市统计局2023年政府信息公开工作年度报告公布如下：",
                    "（一）主动公开", "全年在门户网站发布信息九十条。", *PARTS])
    meta = result.report.meta
    assert (meta.agency, meta.year) == ("红枫市统计局", 2023)
    assert any("按前言中所述的报告名称读取为2023年" in note for note in result.notes)
    assert any("按前言中报告所述的机关读取为“红枫市统计局”" in note for note in result.notes)


def test_a_page_that_names_no_agency_says_so():
    result = _read(["根据条例要求编写本报告，统计期限自2023年1月1日至2023年12月31日。", "一、总体情况",
                    "全年在门户网站发布信息九十条。", *PARTS])
    assert (result.report.meta.agency, result.report.meta.year) == ("", 2023)
    assert any("没有找到报告的机关名称" in note for note in result.notes)


def test_a_quoted_notice_about_the_years_reports_names_no_agency():
    sentence = "根据《红枫市人民政府办公室关于2023年政府信息公开工作年度报告编制工作的通知》要求编写。"
    assert agency_in_preface(sentence, 2023) == agency_in_words(sentence, 2023) == ""
    assert agency_in_words("现发布《红枫市统计局2023年政府信息公开工作年度报告》。", 2023) == "红枫市统计局"


@pytest.mark.parametrize("sentence, agency", [
    ("如对本报告有疑问，请与红枫市统计局办公室联系（地址：红枫市北街1号，电话：0571-0000000）。", "红枫市统计局"),
    ("如有疑问，请联系红枫市青溪区红枫街道办事处（地址：红枫市北街1号）。", "红枫市青溪区红枫街道办事处"),
    ("如有疑问，可直接与红枫镇人民政府党政综合办公室联系。", "红枫镇人民政府"),
    ("如有疑問，請與紅楓區應急管理局辦公室聯系（電話：0571-0000000）。", "紅楓區應急管理局"),
    ("如有疑问，请联系：红枫县人民政府办公室，电话：0571-0000000。", "红枫县人民政府办公室"),
    ("如有疑问，请与我局办公室联系。", ""),
    ("如有疑问，请拨打电话0571-0000000。", ""),
])
def test_the_organ_a_preface_gives_to_contact(sentence, agency):
    assert agency_to_contact(sentence) == agency


def test_a_page_naming_its_agency_only_as_the_one_to_contact():
    """No title and no words about the report's organ: the organ to contact, without its office, asked to be checked."""
    result = _read(["根据条例要求编写本报告，统计期限自2023年1月1日至2023年12月31日。",
                    "如对本报告有疑问，请与红枫市统计局办公室联系（电话：0571-0000000）。", "一、总体情况",
                    "全年在门户网站发布信息九十条。", *PARTS])
    assert (result.report.meta.agency, result.report.meta.year) == ("红枫市统计局", 2023)
    assert any("按前言中的联系单位读取为“红枫市统计局”，请核对" in note for note in result.notes)


def test_a_page_naming_its_agency_as_the_subject_compiling_it():
    result = _read(["根据县政府办公室的通知要求，红枫县市场监督管理局结合单位实际，编制本单位2023年度政务公开工作年度报告。",
                    "统计期限自2023年1月1日至2023年12月31日。", "一、总体情况", "2023年，我局全年在门户网站发布信息九十条。", *PARTS])
    assert (result.report.meta.agency, result.report.meta.year) == ("红枫县市场监督管理局", 2023)
    assert any("按前言中报告所述的机关读取为“红枫县市场监督管理局”" in note for note in result.notes)
