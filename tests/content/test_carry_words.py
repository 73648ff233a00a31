"""The words of last year's report carried into this year's: the 前言 with the report year moved on
(and every other year left alone), the contact lines and fields, the 落款机关 — never the date;
every sentence whose year changed is listed before and after.  The texts are written for these
tests in the phrasings published reports use."""

from __future__ import annotations

import pytest
from report_builders import balanced

from govreport_gui.core.carryover import carry_over
from govreport_gui.core.contacts import contact_fields, contact_sentences
from govreport_gui.core.prompts import prompts
from govreport_gui.core.serialize import load_file
from govreport_gui.core.year_shift import move_report_year

# (last year's sentence, this year's) — the report year 2024 moved to 2025
MOVED = [
    ("本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。",
     "本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。"),
    ("统计期限为2024年1月1日至2024年12月31日。", "统计期限为2025年1月1日至2025年12月31日。"),
    ("数据统计时间：2024年1月1日—2024年12月31日。", "数据统计时间：2025年1月1日—2025年12月31日。"),
    ("本报告所列数据的统计时段为2024.1.1-2024.12.31。", "本报告所列数据的统计时段为2025.1.1-2025.12.31。"),
    ("报告所列数据统计时限为2024年1月至12月。", "报告所列数据统计时限为2025年1月至12月。"),
    ("统计期限自二〇二四年一月一日起至二〇二四年十二月三十一日止。",
     "统计期限自二〇二五年一月一日起至二〇二五年十二月三十一日止。"),
    ("统计期限自二零二四年一月一日起。", "统计期限自二〇二五年一月一日起。"),
    ("本报告是某某局2024年度政府信息公开工作年度报告。", "本报告是某某局2025年度政府信息公开工作年度报告。"),
    ("现公布某某县人民政府2024年政府信息公开工作年度报告。", "现公布某某县人民政府2025年政府信息公开工作年度报告。"),
    ("2024年，我局认真贯彻落实《条例》。", "2025年，我局认真贯彻落实《条例》。"),
    ("截至2024年底，共有现行有效文件42件。", "截至2025年底，共有现行有效文件42件。"),
    ("２０２４年度报告全文如下。", "２０２５年度报告全文如下。"),
    ("本年度（2024年度）报告。", "本年度（2025年度）报告。"),
]

# sentences whose 2024 is not the report year (or no 2024 at all): left as they are
KEPT = [
    ("本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号）和国办公开办函〔2021〕30号要求编制。", None),
    ("根据《2024年政务公开工作要点》，制定本单位实施方案。", "文件名称或文号中的年份"),
    ("按照〔2024〕5号文件精神。", "文件名称或文号中的年份"),
    ("依据某某局公告2024年第3号办理。", "文号中的年份"),
    ("《某某办法》自2024年1月1日起施行。", "具体日期"),
    ("我局于2024年3月印发工作方案。", "具体日期"),
    ("2024年修订的《某某规定》同步公开。", "文件印发、施行等的年份"),
    ("与2023年相比，申请量有所增加。", None),
    ("2019年修订的《条例》是工作的依据。", None),
    ("联系电话：0798-20245678，邮编：202400。", None),
]


@pytest.mark.parametrize("before, after", MOVED)
def test_the_report_year_moves_on(before, after):
    shifted = move_report_year(before, 2024, 2025)
    assert shifted.text == after
    assert [(c.before, c.after) for c in shifted.changes] == [(before, after)]


@pytest.mark.parametrize("text, why", KEPT)
def test_a_year_that_is_not_the_report_year_stays(text, why):
    shifted = move_report_year(text, 2024, 2025)
    assert shifted.text == text and shifted.changes == []
    assert [k.why for k in shifted.kept] == ([why] if why else [])


def test_a_preface_of_many_sentences_changes_only_what_it_must_and_lists_each():
    text = "".join(b for b, _ in MOVED[:3]) + "".join(t for t, _ in KEPT[:5]) + MOVED[9][0]
    shifted = move_report_year(text, 2024, 2025)
    assert shifted.text == "".join(a for _, a in MOVED[:3]) + "".join(t for t, _ in KEPT[:5]) + MOVED[9][1]
    assert [c.after for c in shifted.changes] == [MOVED[0][1], MOVED[1][1], MOVED[2][1], MOVED[9][1]]
    assert [k.before for k in shifted.kept] == [t for t, _ in KEPT[1:5]]  # each listed for the clerk


def test_a_sentence_with_both_kinds_moves_only_the_report_year():
    shifted = move_report_year("2024年，我局按照《2024年政务公开工作要点》于2024年3月完成专区建设。", 2024, 2025)
    assert shifted.text == "2025年，我局按照《2024年政务公开工作要点》于2024年3月完成专区建设。"
    assert len(shifted.changes) == 1 and {k.why for k in shifted.kept} == {"文件名称或文号中的年份", "具体日期"}


def test_carrying_over_more_than_one_year_moves_the_report_year_of_last_report():
    assert move_report_year("统计期限自2022年1月1日起。", 2022, 2025).text == "统计期限自2025年1月1日起。"
    assert move_report_year("统计期限自2022年1月1日起。", 2024, 2025).changes == []


CONTACTS = [
    ("如对本报告有疑问，请与某某局办公室联系（地址：某市人民路1号，邮编：100001，电话：010-12345678，"
     "电子邮箱：gk@example.gov.cn）。",
     {"address": "某市人民路1号", "postcode": "100001", "phone": "010-12345678", "email": "gk@example.gov.cn"}),
    ("联系地址：某县政务中心3楼；邮政编码：311100；联系电话：（0571）86123456；电子信箱：zwgk@x.gov.cn",
     {"address": "某县政务中心3楼", "postcode": "311100", "phone": "（0571）86123456", "email": "zwgk@x.gov.cn"}),
    ("地  址：某市某路2号（市民中心）\n邮  编：518000\n电  话：0755-8888888\n邮  箱：a.b@x.org.cn",
     {"address": "某市某路2号（市民中心）", "postcode": "518000", "phone": "0755-8888888", "email": "a.b@x.org.cn"}),
    ("本报告电子版可在“某某区人民政府”门户网站（www.x.gov.cn）上查阅。咨询电话 0571-88888888。",
     {"website": "“某某区人民政府”门户网站（www.x.gov.cn）", "phone": "0571-88888888"}),
    ("本报告的电子版可以从某某市人民政府网站下载。", {"website": "某某市人民政府网站"}),
    ("网站地址：http://www.x.gov.cn/gk，电子邮件地址：a@b.cn。", {"website": "http://www.x.gov.cn/gk", "email": "a@b.cn"}),
    ("本年收到申请12件，电话咨询较多，均已答复。", {}),
]


@pytest.mark.parametrize("text, fields", CONTACTS)
def test_contact_details_as_reports_write_them(text, fields):
    assert contact_fields(text) == fields


def test_contact_sentences_are_taken_from_a_paragraph_without_its_other_sentences():
    text = "（一）收取信息处理费情况。本年度未收取信息处理费。\n" + CONTACTS[3][0] + "\n" + CONTACTS[2][0]
    assert contact_sentences(text) == [CONTACTS[3][0], *CONTACTS[2][0].split("\n")]


def test_a_new_report_from_last_years_carries_the_preface_the_contacts_and_the_organ(sample_path):
    previous = load_file(sample_path).report
    previous.meta.address = previous.meta.phone = previous.meta.website = ""   # left empty last year
    result = carry_over(previous)
    meta = result.report.meta
    assert meta.year == 2025 and meta.date == ""
    assert meta.preamble == previous.meta.preamble.replace("2024年1月1日起至2024年12月31日", "2025年1月1日起至2025年12月31日")
    assert "2024" not in meta.preamble and "〔" not in meta.preamble
    assert (meta.address, meta.phone, meta.website) == ("青禾市临川区政务路8号区行政中心", "0798-6123456", "临川区人民政府门户网站")
    assert (meta.email, meta.issuing_organ) == (previous.meta.email, previous.meta.issuing_organ)
    lines = result.lines()
    assert any(line.startswith("已结转：前言") and "含联系方式：网站、地址、邮编、电话、电子邮箱）" in line for line in lines)
    [changed] = result.changed
    assert "统计期限自2024年1月1日起至2024年12月31日止" in changed and "→" in changed
    assert changed.index("2024年1月1日") < changed.index("→") < changed.index("2025年1月1日")
    assert any("地址“青禾市临川区政务路8号区行政中心”" in line for line in result.carried)
    assert any("落款机关“青禾市临川区人民政府办公室”" in line for line in result.carried)
    assert any(line.startswith("落款日期") for line in result.not_carried)


def test_contact_lines_at_the_end_of_six_carry_to_the_end_of_six_and_the_parts_stay_empty():
    previous = balanced("2021", 2024)
    previous.meta.preamble = ""
    last = previous.form.sections[-1].key
    previous.sections[last] = ("（一）收取信息处理费情况。本年度未收取信息处理费。\n"
                               "本报告电子版可在某某县人民政府网站下载。如对本报告有疑问，请与县政府办公室联系"
                               "（电话：0571-6123456，电子邮箱：xx@x.gov.cn）。统计期限为2024年全年。")
    result = carry_over(previous)
    six = result.report.sections[last]
    assert six.endswith("\n本报告电子版可在某某县人民政府网站下载。如对本报告有疑问，请与县政府办公室联系"
                        "（电话：0571-6123456，电子邮箱：xx@x.gov.cn）。")
    assert "本年度未收取信息处理费" not in six      # last year's text of the part is not carried
    assert len(prompts("2021", last, six)) == len(result.report.form.outline[last])  # every part still empty
    assert (result.report.meta.phone, result.report.meta.email) == ("0571-6123456", "xx@x.gov.cn")
    assert result.report.meta.website == "某某县人民政府网站"
    assert any("末尾的联系方式（1段）" in line for line in result.carried)
    # carried contact lines are not “copied from last year” (内容雷同): they are the same by nature
    from govreport_gui.core.checks import check_report
    assert [f for f in check_report(result.report, previous) if f.rule == "prose.copied"] == []
    result.report.sections[last] += "\n本年度未收取信息处理费，相关工作均已按要求完成到位。"
    previous.sections[last] += "\n本年度未收取信息处理费，相关工作均已按要求完成到位。"
    [copied] = [f for f in check_report(result.report, previous) if f.rule == "prose.copied"]
    assert "1句" in copied.message and "电子版" not in copied.message


def test_nothing_to_carry_says_so_plainly():
    previous = balanced("2021", 2024)
    previous.meta.preamble, previous.meta.issuing_organ = "", ""
    result = carry_over(previous)
    assert result.report.meta.preamble == "" and result.changed == [] and result.kept == []
    assert not any(line.startswith(("前言", "落款机关")) for line in result.carried)


def test_a_kept_year_is_listed_for_the_clerk_to_check():
    previous = balanced("2021", 2024)
    previous.meta.preamble = "根据《2024年政务公开工作要点》编制。统计期限为2024年1月1日至2024年12月31日。"
    result = carry_over(previous)
    assert result.report.meta.preamble == "根据《2024年政务公开工作要点》编制。统计期限为2025年1月1日至2025年12月31日。"
    [kept] = result.kept
    assert "《2024年政务公开工作要点》" in kept and "文件名称或文号中的年份" in kept and "请核实" in kept
    assert [line for line in result.lines() if line.startswith("年份未改：")] == [f"年份未改：{kept}"]
