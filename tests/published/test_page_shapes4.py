"""More shapes of published reports met on pages nobody had tried (each written here in our own
words): a part's heading run onto the end of a paragraph right after its full stop, the year of a
page's column run into the title before the agency, a statistics period given by its end alone,
the report named with its year after 我局, last year's report named inside 一, a district or a
development zone named as the agency before the year, a 繁體 page's 現將我委, a verb phrase before
the agency, the agency only as the subject of the preface or of a later paragraph of 一, the
contact set in 一, and a row label followed by a note in brackets on what to count."""

from __future__ import annotations

from govreport_gui.core.forms import get_form
from govreport_gui.io.published.blocks import Block
from govreport_gui.io.published.document import read_blocks
from govreport_gui.io.published.outline import inline_heading_cuts
from govreport_gui.io.published.report_title import Title, agency_in_preface, agency_in_words, named_work, parse_title

REST = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况", "宣传解读还不够深入。", "六、其他需要报告的事项", "无。"]


def _read(lines: list[str], name: str = "年报.txt"):
    return read_blocks([Block("p", line) for line in lines], name)


# ---------------------------------------------------------------------------------------------
# where the parts begin


def test_a_heading_run_onto_a_paragraph_after_its_full_stop_starts_its_part():
    result = _read(["青石街道2024年政府信息公开工作年度报告",
                    "本报告依据条例编制。如有疑问请与青石街道办事处联系（电话：0571-1234567）。一、总体情况",
                    "全年在网站公开信息三十条。", *REST])
    report = result.report
    assert report.sections["一"] == "全年在网站公开信息三十条。"
    assert report.meta.preamble == "本报告依据条例编制。如有疑问请与青石街道办事处联系（电话：0571-1234567）。"
    assert not any("没有找到这些部分的标题" in str(note) for note in result.notes)


def test_a_list_of_the_parts_after_a_full_stop_is_no_heading():
    line = "本报告分为六个部分。一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况。"
    assert inline_heading_cuts(line) == []
    assert inline_heading_cuts("现将情况报告如下。一、总体情况2024年，本局认真落实条例。") == [9]


# ---------------------------------------------------------------------------------------------
# the year


def test_the_year_of_the_pages_column_before_the_title_is_no_part_of_the_agency():
    assert parse_title("2025青溪县云岭乡2025年度政府信息公开工作年度报告") == Title("青溪县云岭乡", 2025)
    assert parse_title("2025政府信息公开工作年度报告") == Title("", 2025)


def test_a_statistics_period_given_by_its_end_gives_the_year():
    result = _read(["一、总体情况", "（一）主动公开。截止2023年12月31日，本局通过网站发布信息三十条。", *REST])
    assert result.report.meta.year == 2023
    assert any("按统计期限读取为2023年" in str(note) for note in result.notes)


def test_the_report_named_with_its_year_after_wo_ju_gives_the_year():
    result = _read(["根据条例规定，现公开我局2020年度政府信息公开工作年度报告。", "一、总体情况",
                    "本局高度重视信息公开工作。", *REST])
    assert result.report.meta.year == 2020


def test_last_years_report_published_this_year_does_not_give_the_year():
    result = _read(["根据条例有关规定编制本报告。", "一、总体情况", "2022年，青石市文物局认真落实条例。",
                    "一是做好主动公开。公开发布《青石市文物局2021年政府信息公开工作年度报告》。", *REST])
    assert result.report.meta.year == 2022


# ---------------------------------------------------------------------------------------------
# the agency


def test_a_district_or_a_zone_named_before_the_year_is_the_agency():
    assert agency_in_preface("根据条例规定，现发布《青石区2024年政府信息公开工作年度报告》。", 2024) == "青石区"
    assert agency_in_preface("特編制青溪經濟開發區2022年度政府信息公開工作報告，并向社會公布。", 2022) == "青溪經濟開發區"
    result = _read(["根据条例规定，现发布《青石区2024年政府信息公开工作年度报告》。", "一、总体情况",
                    "全区公开信息五百条。", *REST])
    assert result.report.meta.agency == "青石区"


def test_a_place_named_after_the_year_is_no_agency():
    assert named_work("2023年度在青石县政府信息公开网站上发布信息三十条。") is None


def test_a_traditional_page_speaking_of_itself_names_no_agency_its_contact_does():
    result = _read(["根據條例規定編制本年度報告。如對本報告有疑問，請與青溪縣工業園區管委會辦公室聯系（電話：0795-1234567）。",
                    "一、總體情況", "現將我委2022年度政府信息公開工作報告如下：", "全年公開信息五十條。", *REST])
    assert result.report.meta.agency == "青溪縣工業園區管委會"


def test_a_verb_phrase_before_the_agency_is_no_part_of_it():
    assert agency_in_preface("依法按时完成青石街道2024年政府信息公开年度报告的编制。", 2024) == "青石街道"


def test_the_verb_of_the_clause_the_agency_opens_is_no_part_of_it():
    assert agency_in_words("2025年青石街道积极推动街道政府信息公开工作，努力保障公众知情权。", 2025) == "青石街道"
    assert agency_in_words("2025年青石街道办事处政府信息公开工作年度报告现予公布。", 2025) == "青石街道办事处"


def test_the_agency_as_the_subject_of_the_prefaces_first_sentence():
    result = _read(["2024年，在区政府的指导下，青石街道办事处严格落实公开要求，现将本年度工作情况报告如下：",
                    "一、总体情况", "（一）主动公开。2024年，街道领导高度重视。", *REST])
    assert result.report.meta.agency == "青石街道办事处"
    assert any("按前言开头所述的机关读取" in str(note) for note in result.notes)


def test_the_contact_set_in_one_names_the_agency():
    result = _read(["一、总体情况",
                    "2025年以来，青石乡在县政府的指导下推进公开工作。如有疑问，请与青石乡党政办公室联系（电话：0878-1234567）。",
                    "全年公开信息七十条。", *REST])
    assert result.report.meta.agency == "青石乡"


def test_the_agency_as_the_subject_after_an_items_run_in_heading():
    result = _read(["一、总体情况", "本报告依据条例编制，统计期限为2022年1月1日至12月31日。",
                    "（一）主动公开情况。2022年青石市文物局全面公开各类信息。", *REST])
    assert result.report.meta.agency == "青石市文物局"


# ---------------------------------------------------------------------------------------------
# a table's labels


def _row(*cells: str, span: int = 1) -> str:
    return "<tr>" + "".join(f'<td colspan="{span}">{c}</td>' for c in cells) + "</tr>"


def test_a_row_label_followed_by_a_note_on_what_to_count_is_read(tmp_path):
    from govreport_gui.io.registry import read_report
    table = ("<table border=1>" + _row("第二十条第（一）项", span=4)
             + _row("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量")
             + _row("规章（设区的市、自治州人民政府填写）", "1", "2", "3")
             + _row("规范性文件（机关制定发布的决定、公告、通知等公文）", "4", "5", "6")
             + _row("第二十条第（五）项", span=4) + _row("信息内容", "上一年项目数量", "本年增/减", "处理决定数量")
             + _row("行政许可", "7", "0", "8") + "</table>")
    body = "".join(f"<p>{line}</p>" for line in ["青石区文物局2020年政府信息公开工作年度报告", "一、总体情况", "全年公开信息九条。",
                                                 "二、主动公开政府信息情况"]) + table
    body += "".join(f"<p>{line}</p>" for line in REST[1:])
    page = tmp_path / "年报.html"
    page.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
    report = read_report(page).report
    cells = {c.key.name(): c.key for c in get_form("2019").tables["二"].cells}
    got = {name: report.values.get(key) for name, key in cells.items() if "规章" in name or "规范性文件" in name}
    assert got == {"表二“规章”/“本年新制作数量”": 1, "表二“规章”/“本年新公开数量”": 2, "表二“规章”/“对外公开总数量”": 3,
                   "表二“规范性文件”/“本年新制作数量”": 4, "表二“规范性文件”/“本年新公开数量”": 5,
                   "表二“规范性文件”/“对外公开总数量”": 6}
