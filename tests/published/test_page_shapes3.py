"""Shapes of published reports met on pages nobody had tried (each written here in our own words):
a title whose year lost its 年, a page printing the bare report name under its title, items of 一
numbered 1. 2. and worded like parts, sub-headings of 一 on a page cut after it, the agency named
only as the subject of 一's first sentence, behind a short name in brackets, as 本级政府, or in a
county of one character; a wiki copy's bulleted list of fields inside the preface; a PDF line
left short because the year opening the next one could not be broken."""

from __future__ import annotations

import pytest

from govreport_gui.io.published.agency_place import whole_name
from govreport_gui.io.published.blocks import Block
from govreport_gui.io.published.document import read_blocks
from govreport_gui.io.published.outline import heading_run
from govreport_gui.io.published.pdf_import import _Frame, _Line, _starts_paragraph
from govreport_gui.io.published.report_title import (
    Title,
    agency_as_subject,
    agency_in_preface,
    agency_to_contact,
    named_work,
    parse_title,
)

REST = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况", "宣传解读还不够深入。", "六、其他需要报告的事项", "无。"]


def _read(lines: list[str], name: str = "年报.txt"):
    return read_blocks([Block("p", line) for line in lines], name)


# ---------------------------------------------------------------------------------------------
# the title


@pytest.mark.parametrize("title, agency, year", [
    ("红枫县统计局2023政府信息公开工作年度报告", "红枫县统计局", 2023),       # 年 left out before the name
    ("2022政务公开工作年度报告", "", 2022),
    ("红枫县统计局2023年度政府信息公开工作年度报告", "红枫县统计局", 2023),
])
def test_a_title_whose_year_lost_its_nian(title, agency, year):
    assert parse_title(title) == Title(agency, year)


def test_digits_running_into_the_year_make_no_title():
    assert parse_title("红枫县统计局20231政府信息公开工作年度报告") is None


def test_a_title_printed_twice_the_second_time_without_nian():
    result = _read(["红枫镇人民政府办公室2024年政府信息公开工作年度报告", "访问量：", "红枫镇人民政府办公室",
                    "2024政府信息公开工作年度报告", "本报告依据条例编制，统计期限为一个自然年。",
                    "一、总体情况", "全年公开信息八十条。", *REST])
    meta = result.report.meta
    assert (meta.agency, meta.year) == ("红枫镇人民政府办公室", 2024)
    assert meta.preamble == "本报告依据条例编制，统计期限为一个自然年。"


def test_the_bare_report_name_under_the_title_takes_agency_and_year_from_the_title():
    """The page prints ``2025年XX镇…年度报告``, its publishing line, then the article's heading —
    the report's bare name: agency and year are the title's, the bare name is no preface."""
    result = _read(["2025年青石镇政府信息公开工作年度报告", "发布日期：2026-01-12 点击数：", "政府信息公开工作年度报告",
                    "根据条例规定，现将我镇本年度政府信息公开工作情况报告如下。",
                    "一、总体情况", "全年公开信息二十条。", *REST])
    meta = result.report.meta
    assert (meta.agency, meta.year) == ("青石镇", 2025)
    assert meta.preamble == "根据条例规定，现将我镇本年度政府信息公开工作情况报告如下。"


# ---------------------------------------------------------------------------------------------
# the headings


def test_items_of_one_numbered_and_worded_like_parts_stay_in_one():
    """一's items numbered 1. 2., the first worded like part 二 and closed with a full stop before
    its text: items of 一 — here on a page cut before 二, where nothing else could head 二."""
    items = ["1.主动公开政府信息情况。2024年，本局累计主动公开政府信息二百余条，全文电子化率超过九成。",
             "2.制度建设情况。本局成立了政务公开领导小组，明确各股室的公开责任。"]
    result = _read(["红枫市统计局2024年政府信息公开工作年度报告", "本报告依据条例编制。", "一、总体情况",
                    "2024年，本局认真落实条例要求。", *items])
    sections = result.report.sections
    assert list(sections) == ["一"]
    assert all(item in sections["一"] for item in items)


@pytest.mark.parametrize("line, run_in", [
    ("1.主动公开政府信息情况。2024年，本局累计主动公开政府信息二百余条。", False),   # an item closed by a full stop
    ("2、主动公开政府信息情况2024年，本局公开信息如下。", True),                   # a part run into its text
    ("二、主动公开政府信息情况。2024年，本局公开信息如下。", True),               # numbered in words: a part's
])
def test_which_run_in_headings_are_cut(line, run_in):
    assert bool(heading_run(line)) == run_in


def test_sub_headings_of_one_on_a_page_cut_after_it_head_no_part():
    """Words alone close to a part's (``主动公开方面``) fill a gap only between headings found: after
    the last one (a page cut short, the other parts' headings as pictures) they are 一's."""
    lines = ["红枫市财政局2024年政府信息公开工作年度报告", "本报告依据条例编制。", "一、总体情况",
             "2024年，本局认真落实条例要求。", "主动公开方面", "全年在门户网站公开信息九百余条。",
             "收到和处理申请方面", "全年收到申请三件，均按期答复。"]
    sections = _read(lines).report.sections
    assert list(sections) == ["一"]
    assert "主动公开方面" in sections["一"] and "收到和处理申请方面" in sections["一"]


# ---------------------------------------------------------------------------------------------
# the agency


def test_the_report_of_the_level_itself_names_no_agency_the_contact_does():
    assert named_work("根据条例，特向社会公布2022年度本级政府（机关）信息公开工作年度报告。") is None
    assert agency_to_contact("如有疑问，请与青石街道办事处政府信息公开领导小组办公室联系（地址：青石路1号）。") == "青石街道办事处"
    assert agency_to_contact("如有疑问，请与红枫县人民政府信息公开领导小组办公室联系。") == "红枫县人民政府"
    result = _read(["根据条例，特向社会公布2022年度本级政府（机关）信息公开工作年度报告。统计期限自2022年1月1日起。"
                    "如有疑问，请与青石街道办事处政府信息公开领导小组办公室联系（电话：0571-80000000）。",
                    "一、总体情况", "全年公开信息一百二十条。", *REST])
    assert result.report.meta.agency == "青石街道办事处"


def test_a_short_name_in_brackets_between_the_agency_and_the_year():
    sentence = "本报告结合红枫县青石镇人民政府（以下简称“镇政府”）2025年度政府信息公开工作实际编制。"
    assert agency_in_preface(sentence, 2025) == "红枫县青石镇人民政府"


@pytest.mark.parametrize("opening, agency", [
    ("2022年，在区委区政府的正确领导下，红枫经济开发区管理委员会认真贯彻条例。", "红枫经济开发区管理委员会"),
    ("2022年，红枫高新区管委会坚持以人民为中心推进公开工作。", "红枫高新区管委会"),
    ("2023年，县委县政府高度重视政务公开工作。", ""),                 # the organs above it
    ("2023年，我局认真贯彻条例。", ""),                               # the agency speaking of itself
    ("全年公开信息。2023年，红枫县统计局认真贯彻条例。", ""),         # not 一's first sentence
])
def test_the_agency_as_the_subject_opening_one(opening, agency):
    assert agency_as_subject(opening) == agency


def test_a_page_naming_its_agency_only_as_the_subject_of_one():
    result = _read(["一、总体情况", "2022年，在区委区政府的正确领导下，红枫经济开发区管理委员会认真贯彻条例，及时公开信息。",
                    "（一）主动公开。全年发布信息二百余篇。", *REST])
    assert result.report.meta.agency == "红枫经济开发区管理委员会"
    assert any("按“总体情况”开头所述的机关读取为“红枫经济开发区管理委员会”，请核对" in note for note in result.notes)


def test_the_subject_without_its_place_is_completed_from_the_text():
    result = _read(["一、總體情況", "2024年，市統計局認真貫徹條例精神。",
                    "（一）主動公開", "2024年紅楓市統計局在門戶網站上主動公開信息134條。", *REST])
    assert result.report.meta.agency == "紅楓市統計局"


@pytest.mark.parametrize("texts, whole", [
    (["如有疑问，请联系枫县交通运输局办公室。", "现将县交通运输局工作报告如下。"], "枫县交通运输局"),   # a county of one character
    (["我县交通运输局认真落实。", "全县交通运输局系统。"], ""),
])
def test_a_county_named_with_one_character(texts, whole):
    assert whole_name("县交通运输局", texts) == whole


def test_one_character_is_no_place_of_a_city():
    assert whole_name("市统计局", ["请联系枫市统计局办公室。"]) == ""


# ---------------------------------------------------------------------------------------------
# the preface


def test_a_bulleted_list_of_the_pages_fields_is_no_preface():
    result = _read(["红枫省统计局2022年政府信息公开工作年度报告", "本年度报告根据条例要求编制，统计期限为2022年全年。",
                    "基本信息", "• 中文名：红枫省统计局2022年政府信息公开工作年度报告", "• 发布单位：红枫省统计局",
                    "• 电话：0571-80000000",
                    "一、总体情况", "全年公开信息三百条。", *REST])
    preamble = result.report.meta.preamble
    assert "中文名" not in preamble and "发布单位" not in preamble
    assert "本年度报告根据条例要求编制" in preamble and "电话：0571-80000000" in preamble


# ---------------------------------------------------------------------------------------------
# PDF: a line left short because the next one opens with a year


def _line(text: str, x0: float, x1: float, top: float, char_width: float = 0.0) -> _Line:
    chars = [{"text": ch, "x0": x0 + n * char_width, "x1": x0 + (n + 1) * char_width} for n, ch in enumerate(text)] if char_width else []
    return _Line(text, x0, x1, top, top + 11.0, 1, width=595.0, chars=chars)


FRAME = _Frame(90.0, 520.0, 11.0, 15.6)


def test_a_year_moved_down_whole_continues_the_paragraph():
    above = _line("根据条例和《关于做好", 90.0, 495.0, 100.0)
    below = _line("2021年度年度报告编制工作的通知》要求，现公布本报告。", 90.0, 519.0, 115.6, char_width=6.0)
    assert not _starts_paragraph(above, below, FRAME)


@pytest.mark.parametrize("above_text, below_text", [
    ("本报告依据条例编制。", "2021年度本局公开信息八十条。"),       # the line above ends a sentence
    ("根据条例和《关于做好", "本年度报告编制工作的通知》要求。"),     # Chinese opens the line: no run moved down
])
def test_a_short_line_still_ends_its_paragraph(above_text, below_text):
    above = _line(above_text, 90.0, 495.0, 100.0)
    below = _line(below_text, 90.0, 519.0, 115.6, char_width=6.0)
    assert _starts_paragraph(above, below, FRAME)


# ---------------------------------------------------------------------------------------------
# tables published as pictures


def _png() -> bytes:
    """A 2×2 white PNG, written out by hand."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\xff\xff\xff" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


PICTURED = ["红枫镇人民政府2023年政府信息公开工作年度报告", "本报告依据条例编制。", "一、总体情况", "全年公开信息八十条。",
            "二、主动公开政府信息情况", "[pic]", "三、收到和处理政府信息公开申请情况", "[pic]",
            "四、政府信息公开行政复议、行政诉讼情况", "本年度无行政复议、行政诉讼。",
            "五、存在的主要问题及改进情况", "解读不够深入。", "六、其他需要报告的事项", "无。"]


def _picture_notes(notes) -> set[str]:
    return {str(note)[1] for note in notes if "在原文中是图片" in str(note)}


def test_tables_as_pictures_on_a_web_page_are_said_to_be_pictures(tmp_path):
    from govreport_gui.io.registry import read_report
    body = "".join('<p><img src="t.png" alt="1675000000001"></p>' if line == "[pic]" else f"<p>{line}</p>" for line in PICTURED)
    icons = '<p><a href="/share"><img src="wx.png"></a><img src="print.gif" width="16"></p>'
    page = tmp_path / "年报.html"
    page.write_text(f"<html><head><meta charset='utf-8'></head><body><div>{body}{icons}</div></body></html>", encoding="utf-8")
    result = read_report(page)
    assert _picture_notes(result.notes) == {"二", "三"}     # 四 has words only; the icons are no pictures
    assert any("没有找到表四" in str(note) for note in result.notes)
    assert not result.report.values
    assert "1675000000001" not in "".join(result.report.sections.values())


def test_tables_as_pictures_in_a_word_file_are_said_to_be_pictures(tmp_path):
    import io

    import docx

    from govreport_gui.io.registry import read_report
    document = docx.Document()
    for line in PICTURED:
        if line == "[pic]":
            document.add_paragraph().add_run().add_picture(io.BytesIO(_png()))
        else:
            document.add_paragraph(line)
    path = tmp_path / "年报.docx"
    document.save(path)
    result = read_report(path)
    assert _picture_notes(result.notes) == {"二", "三"}
    assert result.report.sections["四"] == "本年度无行政复议、行政诉讼。"


def test_the_year_a_page_without_title_opens_one_with():
    result = _read(["一、总体情况", "2022年，在区委区政府的正确领导下，红枫经济开发区管理委员会认真贯彻条例。",
                    "（一）主动公开。全年发布信息二百余篇。", *REST])
    assert result.report.meta.year == 2022
    assert any("按正文开头所述的年份读取为2022年，请核对" in note for note in result.notes)


def test_a_year_inside_the_opening_sentence_is_no_report_year():
    result = _read(["一、总体情况", "根据2021年的部署，本局认真贯彻条例。", "（一）主动公开。全年发布信息二百余篇。", *REST])
    assert result.report.meta.year == 0
