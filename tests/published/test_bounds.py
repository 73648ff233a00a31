"""Where a report begins and ends among the lines of any reader (here: plain paragraphs, as a PDF
or a crawler's text gives them — no links, no page structure to lean on)."""

from __future__ import annotations

import pytest

from govreport_gui.io.published.blocks import Block
from govreport_gui.io.published.document import read_blocks

HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
ONE = ["2023年，本局认真落实条例要求，政务公开工作平稳推进。", "（一）主动公开", "全年主动公开信息一百余条。"]
FIVE = ["一是公开内容还不够全面；二是解读形式比较单一。"]
LONG_SIX = ("本年度未收取信息处理费。我局在门户网站开设了重点领域信息公开专栏，网站首页设置政策文件、解读回应等栏目入口，"
            "群众可以通过网站留言、电话等方式提出意见建议，网站的版权所有和主办单位信息已按要求标注。")
FOOTER = ["附件下载：", "某某局2023年政府信息公开工作年度报告.docx", "扫一扫在手机打开当前页", "网站地图", "联系我们",
          "版权所有：某某市人民政府办公室", "主办单位：某某市人民政府办公室", "网站标识码：3300000000",
          "地址：某某市人民路1号 邮编：310000 电话：0571-80000000", "建议使用IE9以上版本浏览器，1366×768分辨率浏览本站"]


def _read(head: list[str], six: list[str], five=FIVE):
    lines = [*head]
    for heading in HEADINGS:
        lines.append(heading)
        lines += {"一": ONE, "五": five, "六": six}.get(heading[0], [])
    return read_blocks([Block("p", t) for t in lines], "r.pdf", "pdf")


TITLE = ["某某市交通运输局2023年政府信息公开工作年度报告"]


def test_a_page_without_signature_does_not_keep_the_site_footer_as_six():
    result = _read(TITLE, [LONG_SIX, *FOOTER])
    assert result.report.sections["六"] == LONG_SIX          # the paragraph about the website stays whole
    assert result.report.meta.issuing_organ == result.report.meta.date == ""
    notes = "\n".join(result.notes)
    assert "正文结束后的文字" in notes and "扫一扫在手机打开当前页" in notes


def test_six_that_says_none_then_the_footer():
    assert _read(TITLE, ["无。", *FOOTER]).report.sections["六"] == "无。"
    assert _read(TITLE, ["无", *FOOTER]).report.sections["六"] == "无"


def test_signature_then_footer():
    result = _read(TITLE, ["无。", "某某市交通运输局", "2024年1月18日", *FOOTER])
    meta = result.report.meta
    assert (meta.issuing_organ, meta.date) == ("某某市交通运输局", "2024年1月18日")
    assert result.report.sections["六"] == "无。"
    assert any("版权所有" in n for n in result.notes)


@pytest.mark.parametrize("date", ["2024年1月", "2024年元月18日", "二〇二四年元月十八日", "2024年01月18日", "二〇二四年一月"])
def test_signature_dated_as_clerks_date_it(date):
    result = _read(TITLE, ["无。", "某某市交通运输局", date, *FOOTER])
    meta = result.report.meta
    assert (meta.issuing_organ, meta.date) == ("某某市交通运输局", date)
    assert result.report.sections["六"] == "无。"


def test_contact_lines_at_the_end_of_six_stay():
    six = ["如对本报告有疑问，请与本局办公室联系。", "联系电话：0571-86012345", "电子邮箱：gk@example.gov.cn"]
    assert _read(TITLE, six).report.sections["六"] == "\n".join(six)


def test_sub_headings_and_a_last_line_without_full_stop_stay():
    six = ["（一）信息处理费", "本年度未收取信息处理费。", "（二）其他事项", "1.人大建议办理", "本年度承办的建议全部办结并公开答复",
           "（三）工作创新", "本年度开展政府开放日活动两次"]
    assert _read(TITLE, six).report.sections["六"] == "\n".join(six)


def test_a_page_number_after_the_last_line_is_left_out():
    result = _read(TITLE, ["无。", "— 5 —"])
    assert result.report.sections["六"] == "无。"


def test_preface_from_its_first_sentence_contact_lines_kept():
    head = ["标题：某某市交通运输局2023年政府信息公开年度报告", "单位：某某市交通运输局",
            "来源：http://www.example.gov.cn/art/1.html", "采集时间：2024-03-02 14:20:11", "首页", "政务公开", "互动交流",
            "当前位置：首页 > 政务公开 > 年报", "某某市交通运输局2023年政府信息公开年度报告", "2024-01-18", "字号：大 中 小",
            "本报告依照条例编写，统计期限为2023年1月1日至12月31日。", "联系电话：0571-86012345"]
    result = _read(head, ["无。"])
    meta = result.report.meta
    assert (meta.agency, meta.year) == ("某某市交通运输局", 2023)
    assert meta.preamble == "本报告依照条例编写，统计期限为2023年1月1日至12月31日。\n联系电话：0571-86012345"
    notes = "\n".join(result.notes)
    assert "采集时间" in notes and "字号" in notes


def test_crawler_header_title_when_the_page_has_none():
    head = ["标题：2019年某某办公厅政府信息公开工作年度报告", "采集时间：2020-03-02 14:20:11", "首页", "政务公开",
            "本报告依照条例编写。"]
    meta = _read(head, ["无。"]).report.meta
    assert (meta.agency, meta.year, meta.preamble) == ("某某办公厅", 2019, "本报告依照条例编写。")


@pytest.mark.parametrize("title, agency, year", [
    (["某某县民政局", "2023年政府信息公开工作年度报告"], "某某县民政局", 2023),
    (["某某县民政局2023年", "政府信息公开工作年度报告"], "某某县民政局", 2023),
    (["2023年某某县民政局政府信息公开工作年度报告"], "某某县民政局", 2023),
    (["某某县民政局政府信息公开工作年度报告", "（2023年）"], "某某县民政局", 2023),
    (["某某县民政局2023年政府信息公开年度报告"], "某某县民政局", 2023),
    # a menu line above the title that names the reports is no part of it
    (["政府信息公开年报", "2023年政府信息公开工作年度报告"], "某某县民政局", 2023),
])
def test_title_forms(title, agency, year):
    result = _read(title, ["无。", "某某县民政局", "2024年1月18日"])
    assert (result.report.meta.agency, result.report.meta.year) == (agency, year)


def test_agency_from_the_signature_when_the_title_names_none():
    result = _read(["2023年政府信息公开工作年度报告"], ["无。", "某某县民政局", "2024年1月18日"])
    assert result.report.meta.agency == "某某县民政局"
    assert any("按文末落款读取" in n for n in result.notes)


def test_headings_worded_otherwise_keep_each_part_in_its_place():
    lines = [*TITLE, "一、总体情况", *ONE, "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及整改措施", *FIVE, "六、其他需求报告的事项", "无。"]
    report = read_blocks([Block("p", t) for t in lines], "r.pdf", "pdf").report
    assert report.sections["五"] == FIVE[0] and "四" not in report.sections and report.sections["六"] == "无。"


def test_a_date_in_the_footer_is_no_signature():
    result = _read(TITLE, [LONG_SIX, "附件下载：", "扫一扫在手机打开当前页", "网站地图", "2024年1月18日", "版权所有：某某市人民政府"])
    meta = result.report.meta
    assert result.report.sections["六"] == LONG_SIX
    assert (meta.issuing_organ, meta.date) == ("", "")


def test_a_link_line_inside_six_with_text_after_it_stays():
    """A web address set as a link of its own inside 六 is the report's; the share bar after the
    signature is not."""
    six = [Block("p", "本机关政府信息公开指南的全文见："), Block("p", "http://www.example.gov.cn/zn.html", links=33),
           Block("p", "欢迎社会各界监督。"), Block("p", "某某市交通运输局", right=True), Block("p", "2024年1月18日", right=True),
           Block("p", "分享到：微信 微博", links=4), Block("p", "【打印本页】【关闭窗口】", links=10)]
    blocks = [Block("p", t) for t in TITLE]
    for heading in HEADINGS:
        blocks.append(Block("p", heading))
        blocks += six if heading[0] == "六" else []
    result = read_blocks(blocks, "p.html", "html")
    assert result.report.sections["六"] == "本机关政府信息公开指南的全文见：\nhttp://www.example.gov.cn/zn.html\n欢迎社会各界监督。"
    assert (result.report.meta.issuing_organ, result.report.meta.date) == ("某某市交通运输局", "2024年1月18日")
    assert any("分享到" in n for n in result.notes)


def test_six_written_as_fields_that_are_sentences():
    six = ["信息处理费：本年度未收取信息处理费。", "其他事项：无。"]
    assert _read(TITLE, [*six, *FOOTER]).report.sections["六"] == "\n".join(six)


def test_a_preface_that_opens_with_a_labelled_sentence():
    head = [*TITLE, "发布时间：2024-01-18", "编制说明：本报告依照条例编写，统计期限为2023年1月1日至12月31日。"]
    assert _read(head, ["无。"]).report.meta.preamble == head[-1]


def test_a_footer_address_after_a_link_line_is_no_contact_line_of_six():
    result = _read(TITLE, [LONG_SIX, "扫一扫在手机打开当前页", "地址：某某市人民路1号 邮编：310000 电话：0571-80000000",
                           "版权所有：某某市人民政府"])
    assert result.report.sections["六"] == LONG_SIX


def test_a_last_line_without_full_stop_before_the_signature():
    result = _read(TITLE, ["无。", "本年度未收取信息处理费", "某某市交通运输局", "2024年1月18日", *FOOTER])
    meta = result.report.meta
    assert result.report.sections["六"] == "无。\n本年度未收取信息处理费"
    assert (meta.issuing_organ, meta.date) == ("某某市交通运输局", "2024年1月18日")


def test_contact_lines_in_latin_letters_stay():
    six = ["如对本报告有疑问，请与本局办公室联系。", "Tel: 0571-86012345", "E-mail: gk@example.gov.cn"]
    assert _read(TITLE, [*six, *FOOTER]).report.sections["六"] == "\n".join(six)


def test_a_footers_address_line_of_fields_side_by_side_ends_six():
    """``地址：… 邮编：… 电话：…`` then the site's lines: the footer's, while a contact line of the
    report's own (one field, or fields joined as a sentence) stays."""
    address = "地址：青石县人民路8号　邮编：310099　电话：0571-86010000"
    result = _read(TITLE, ["无。", address, "政府网站标识码：3300000099", "主办：青石县人民政府办公室"])
    report = result.report
    assert report.sections["六"] == "无。"
    assert (report.meta.agency, report.meta.year) == ("某某市交通运输局", 2023)
    assert (report.meta.issuing_organ, report.meta.date) == ("", "")
    assert any("邮编：310099" in note for note in result.notes)
    own = ["如有疑问请与本局办公室联系。", "联系电话：0571-86012345", "地址：青石县人民路8号，邮编：310099。"]
    assert _read(TITLE, [*own, "政府网站标识码：3300000099", "主办：青石县人民政府办公室"]).report.sections["六"] == "\n".join(own)


def test_a_site_column_above_a_title_without_agency_is_no_agency():
    """``信息公开目录`` (a column of the site) above ``2023年政府信息公开工作年度报告``: no agency,
    though the report's text uses the words too; the 落款 names it."""
    one = ["2023年，本局按照信息公开目录及时发布各类信息。", *ONE[1:]]
    lines = ["信息公开目录", "2023年政府信息公开工作年度报告"]
    for heading in HEADINGS:
        lines += [heading, *{"一": one, "五": FIVE, "六": ["无。", "某某市交通运输局", "2024年1月18日"]}.get(heading[0], [])]
    report = read_blocks([Block("p", t) for t in lines], "r.pdf", "pdf").report
    assert (report.meta.agency, report.meta.year) == ("某某市交通运输局", 2023)
    assert report.sections["一"] == "\n".join(one) and report.sections["六"] == "无。"
    assert report.meta.preamble == ""


@pytest.mark.parametrize("date", ["2024年1月", "二〇二四年一月"])
def test_a_signature_dated_by_month_only(date):
    result = _read(TITLE, ["无。", "某某市交通运输局", date, *FOOTER])
    report = result.report
    assert (report.meta.issuing_organ, report.meta.date) == ("某某市交通运输局", date)
    assert report.sections["六"] == "无。" and report.sections["五"] == "\n".join(FIVE)
    assert (report.meta.agency, report.meta.year) == ("某某市交通运输局", 2023)
    assert report.meta.preamble == ""


@pytest.mark.parametrize("site", ["青石县人民政府", "青石县人民政府门户网站"])
def test_the_sites_name_above_a_title_without_agency_gives_way_to_the_signature(site):
    """The site's name as plain text right above ``2023年政府信息公开工作年度报告``, the report
    signed by another organ: the agency is the 落款's; an organ the line names stays the agency."""
    result = _read([site, "2023年政府信息公开工作年度报告"], ["无。", "青石县交通运输局", "2024年1月18日"])
    report = result.report
    assert (report.meta.agency, report.meta.year) == ("青石县交通运输局", 2023)
    assert (report.meta.issuing_organ, report.meta.date) == ("青石县交通运输局", "2024年1月18日")
    assert report.sections["六"] == "无。" and report.sections["一"] == "\n".join(ONE) and report.meta.preamble == ""
    own = _read(["青石县人民政府", "2023年政府信息公开工作年度报告"], ["无。", "青石县人民政府办公室", "2024年1月18日"]).report
    assert (own.meta.agency, own.meta.issuing_organ) == ("青石县人民政府", "青石县人民政府办公室")


@pytest.mark.parametrize("head", [
    # broken inside the report's name, neither line naming the report alone
    ["青石县水利局2021年度政府信息", "公开工作年度报告"],
    ["青石县水利局2021年度政府", "信息公开工作年度报告"],
    # the agency on its own line, then the title printed twice (a heading element and the text)
    ["青石县水利局", "2021年政府信息公开工作年度报告", "2021年政府信息公开工作年度报告"],
    # a catalogue entry's fields side by side after the title: its 发文字号 names the report too
    ["青石县水利局2021年政府信息公开工作年度报告",
     "索引号 11330000AB12345678/2022-00031 发文字号 青石县水利局2021年政府信息公开工作年度报告"],
    ["青石县水利局2021年政府信息公开工作年度报告", "索引号 008812345/2022-00107 文号 2021年政府信息公开工作年度报告"],
])
def test_title_lines_as_pages_print_them_without_a_signature(head):
    result = _read(head, ["无。"])
    meta = result.report.meta
    assert (meta.agency, meta.year) == ("青石县水利局", 2021)
    assert meta.preamble == ""


@pytest.mark.parametrize("title", [
    "• 2023年青石县水利局政府信息公开工作年度报告",        # a list's bullet before the title
    "【图文】青石县水利局2023年政府信息公开工作年度报告",  # a CMS's tag
    "[转载] 青石县水利局2023年政府信息公开工作年度报告",
])
def test_marks_before_a_title_are_no_part_of_the_agency(title):
    meta = _read([title], ["无。"]).report.meta
    assert (meta.agency, meta.year) == ("青石县水利局", 2023)


def test_a_details_line_with_the_sites_address_and_a_size_chooser():
    details = "www.qsx.gov.cn 发布时间：2024-01-20 来源：县水利局 选择字号：[ 大 中 小 ] 阅读次数："
    result = _read(["青石县水利局2023年政府信息公开工作年度报告", details], ["无。"])
    assert result.report.meta.preamble == ""
    assert any("www.qsx.gov.cn" in note for note in result.notes)


@pytest.mark.parametrize("tail", [["扫一扫在手机打开当前页"], ["扫一扫在手机打开当前页", "|"], ["打印本页", "关闭窗口"],
                                  ["分享到"], ["http://www.example.gov.cn"]])
def test_a_last_part_holding_only_a_share_line_is_left_empty(tail):
    """A page cut after its headings (the tables and the rest were pictures): the share bar after
    the last heading is no text of that part, even as its only line."""
    result = _read(TITLE, tail)
    assert "六" not in result.report.sections
    assert any("正文结束后的文字" in note and tail[0] in note for note in result.notes)


@pytest.mark.parametrize("six", [["无"], ["本年度未收取信息处理费"], ["本页所列事项均已办结。"], ["手机政务服务平台本年度运行平稳"]])
def test_a_short_last_part_stays(six):
    """A short answer, or a line about the work that names a phone or a page, is the report's."""
    assert _read(TITLE, [*six, "网站地图", "联系我们"]).report.sections["六"] == six[0]
