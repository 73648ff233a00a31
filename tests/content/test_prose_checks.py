"""Content checks of the prose, with real-looking text (written for these tests) and the shared
sample reports."""

from decimal import Decimal

import pytest
from report_builders import balanced, t3, t4
from sample_prose import SAMPLES, sample_report

from govreport_gui.core import CellKey, Report
from govreport_gui.core.checks import check_report
from govreport_gui.core.findings import Severity
from govreport_gui.core.prose_checks import (
    check_copied,
    check_figures,
    check_last_year,
    check_prose,
    check_required,
    check_template,
    check_year_on_year,
    cn_number,
    copied_sentences,
    copied_share,
    sentences,
)
from govreport_gui.core.serialize import load_file

NEW = "一、本年新收政府信息公开申请数量"
CARRIED = "二、上年结转政府信息公开申请数量"
OPEN = "（一）予以公开"
PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
NOT_HELD = "1.本机关不掌握相关政府信息"
FORWARD = "四、结转下年度继续办理"
IN_FORCE = CellKey("二", "行政规范性文件", "现行有效件数")
FEES = CellKey("二", "行政事业性收费", "本年收费金额（单位：万元）")

OVERVIEW_OK = ("2024年，我局认真贯彻《条例》，扎实做好各项工作。\n"
               "（一）主动公开。全年在门户网站发布信息1200余条。\n"
               "（二）依申请公开。严格规范答复文书。\n"
               "（三）政府信息管理。落实公开属性源头认定。\n"
               "（四）平台建设。完成网站集约化改造。\n"
               "（五）监督保障。将政务公开纳入年度考核。")


def agency_report(year: int = 2024) -> Report:
    """New 40 (自然人 36, 商业企业 4), carried 2; 予以公开 25, 部分公开 5, 不掌握 10; forward 2;
    复议 3 (2 维持, 1 纠正); 诉讼 2 direct + 1 after review; 现行有效 30; 收费 12.5 万元."""
    r = Report("2021")
    r.meta.agency, r.meta.year = "青禾市临川区自然资源局", year
    t3(r, NEW, 36, 4, 0, 0, 0, 0)
    t3(r, CARRIED, 2, 0, 0, 0, 0, 0)
    t3(r, OPEN, 22, 3, 0, 0, 0, 0)
    t3(r, PARTIAL, 4, 1, 0, 0, 0, 0)
    t3(r, NOT_HELD, 10, 0, 0, 0, 0, 0)
    t3(r, FORWARD, 2, 0, 0, 0, 0, 0)
    t4(r, "行政复议", 2, 1, 0, 0)
    t4(r, "未经复议直接起诉", 1, 0, 0, 1)
    t4(r, "复议后起诉", 1, 0, 0, 0)
    r.set(IN_FORCE, 30)
    r.set(CellKey("二", "行政规范性文件", "本年制发件数"), 4)
    r.set(FEES, Decimal("12.5"))
    r.sections = {"一": OVERVIEW_OK, "五": "（一）上年度问题整改情况。已全部整改到位。",
                  "六": "本年度未收取信息处理费。"}
    assert not [f for f in check_report(r) if f.severity is not Severity.INFO], check_report(r)
    return r


def rules(findings, rule=None):
    return [f for f in findings if f.severity is Severity.WARNING and (rule is None or f.rule == rule)]


# --- prose against tables -------------------------------------------------------------------

GOOD_SENTENCES = [
    "全年共收到政府信息公开申请40件，上年结转2件。",
    "全年共受理政府信息公开申请42件（含上年结转）。",
    "其中予以公开25件、部分公开5件，结转下年度继续办理2件。",
    "全年因政府信息公开引发行政复议3件、行政诉讼3件。",
    "截至年底，现行有效行政规范性文件30件。",
    "全年行政事业性收费12.5万元。",
    "本年收费金额共计125000元。",
    "新收政府信息公开申请四十件。",
    "较上年收到政府信息公开申请15件增加25件。",   # last year's figure: not compared
    "无法提供10件，不予公开0件，不予处理0件。",
]


@pytest.mark.parametrize("sentence", GOOD_SENTENCES)
def test_figures_that_agree_are_quiet(sentence):
    r = agency_report()
    r.sections["一"] = OVERVIEW_OK + "\n" + sentence
    assert rules(check_figures(r)) == []


BAD_SENTENCES = [
    ("全年共收到政府信息公开申请45件，均按时答复。", "45", "40"),
    ("上年结转政府信息公开申请3件。", "3", "2"),
    ("其中予以公开24件。", "24", "25"),
    ("部分公开6件。", "6", "5"),
    ("结转下年度继续办理1件。", "1", "2"),
    ("全年发生政府信息公开行政复议案件4件。", "4", "3"),
    ("因政府信息公开引起行政诉讼2起。", "2", "3"),
    ("现行有效的行政规范性文件31件。", "31", "30"),
    ("全年行政事业性收费共计13万元。", "13", "12.5"),
    ("申请人向市政府申请行政复议两件。", "2", "3"),
    ("因本机关不掌握相关信息无法提供9件。", "9", "10"),
    ("不予公开1件。", "1", "0"),
]


@pytest.mark.parametrize("sentence,written,table", BAD_SENTENCES)
def test_figures_that_disagree_are_warnings_naming_the_sentence(sentence, written, table):
    r = agency_report()
    r.sections["五"] = r.sections["五"] + sentence
    found = rules(check_figures(r), "prose.figure")
    assert len(found) == 1, found
    f = found[0]
    assert f.section == "五" and f.cells == ()
    assert sentence.rstrip("。") in f.message
    assert f"为{written}" in f.message and table in f.message
    assert "五、存在的主要问题及改进情况" in f.message


def test_figures_in_the_preamble_are_checked_too():
    r = agency_report()
    r.meta.preamble = "本年度共收到政府信息公开申请41件。"
    [f] = rules(check_figures(r))
    assert f.section is None and "前言" in f.message
    assert f.meta == "preamble"  # shown on the 基本信息 tab, where the 前言 is edited
    r.meta.preamble = "XX局本年度共收到政府信息公开申请41件。"
    assert {x.meta for x in check_report(r) if x.rule.startswith("prose.") and x.section is None} == {"preamble"}


def test_chinese_numerals():
    assert cn_number("一") == 1 and cn_number("十二") == 12 and cn_number("二十三") == 23
    assert cn_number("一百零五") == 105 and cn_number("１２") == 12 and cn_number("两") == 2
    assert cn_number("215.36") == Decimal("215.36") and cn_number("若干") is None


def test_sentences_keep_offsets():
    text = "第一句。第二句；\n第三句"
    parts = sentences(text)
    assert [s.text for s in parts] == ["第一句。", "第二句；", "第三句"]
    assert all(text[s.start:s.end] == s.text for s in parts)


# --- the shared samples -----------------------------------------------------------------------

@pytest.mark.parametrize("name", SAMPLES)
def test_shared_samples_prose_agrees_with_their_tables(name):
    report = sample_report(name)
    assert report.sections["一"], "the sample's prose was found"
    assert rules(check_prose(report)) == []


def test_shared_sample_xiangcheng_counts_carried_over_in_received():
    # “共受理各类政府信息公开申请74件”: 73 new + 1 carried over — accepted
    report = sample_report("2019_xiangcheng_office")
    assert rules(check_figures(report)) == []
    report.set(CellKey("三", CARRIED, "自然人"), 0)
    report.set(CellKey("三", FORWARD, "自然人"), 2)
    [f] = rules(check_figures(report))
    assert "74" in f.message and "73" in f.message and f.section == "一"


def test_shared_sample_hanbin_review_written_as_chinese_numeral():
    report = sample_report("2020_hanbin_district")
    report.set(CellKey("四", "行政复议", "其他结果"), 2)  # the prose says 一件
    found = rules(check_figures(report))
    assert len(found) == 1 and "行政复议一件" in found[0].message and "表四" in found[0].message


def test_bundled_sample_is_free_of_warnings(sample_path):
    loaded = load_file(sample_path)
    findings = check_report(loaded.report, loaded.previous)
    assert [f for f in findings if f.severity is not Severity.INFO] == []


# --- last year's text -------------------------------------------------------------------------

PREV_ONE = ("2023年，我局坚持以公开为常态、不公开为例外，扎实推进政务公开工作。"
            "全年在门户网站发布各类信息1100余条，政策解读材料36篇。"
            "我局高度重视政府信息公开工作，成立了由主要负责同志任组长的领导小组。")


def previous_report() -> Report:
    p = agency_report(2023)
    p.sections["一"] = PREV_ONE
    return p


def test_copied_sentences_are_warned_with_the_share():
    r = agency_report()
    r.sections["一"] = (OVERVIEW_OK + "\n我局高度重视政府信息公开工作，成立了由主要负责同志任组长的领导小组。")
    prev = previous_report()
    copied = copied_sentences(r, prev)
    assert [s.text for s in copied["一"]] == ["我局高度重视政府信息公开工作，成立了由主要负责同志任组长的领导小组。"]
    s = copied["一"][0]
    assert r.sections["一"][s.start:s.end] == s.text
    share = copied_share(r, prev)["一"]
    assert 0.2 < share < 0.5
    [f] = rules(check_copied(r, prev))
    assert f.rule == "prose.copied" and f.section == "一"
    assert f"{round(share * 100)}%" in f.message and "领导小组" in f.message and "内容雷同" in f.message


def test_copying_ignores_punctuation_and_whitespace_changes():
    r = agency_report()
    r.sections["五"] = "我局高度重视政府信息公开工作, 成立了由主要负责同志任组长的领导小组！整改已完成。"
    assert "五" in copied_sentences(r, previous_report())


def test_short_stock_sentences_are_not_counted_as_copied():
    r = agency_report()
    prev = previous_report()
    assert r.sections["六"] == prev.sections["六"]  # “本年度未收取信息处理费。” every year
    assert rules(check_copied(r, prev)) == []


def test_rewritten_text_is_quiet():
    assert rules(check_copied(agency_report(), previous_report())) == []


def test_last_years_year_at_the_start_of_a_sentence():
    r = agency_report()
    r.sections["一"] = OVERVIEW_OK.replace("2024年，我局", "2023年，我局")
    [f] = rules(check_last_year(r))
    assert f.rule == "prose.year" and f.section == "一" and "2023年" in f.message and "2024年度" in f.message


@pytest.mark.parametrize("text", ["（一）2023年以来，全局上下持续推进公开工作。",
                                  "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。"])
def test_last_years_year_other_forms(text):
    r = agency_report()
    r.sections["六"] = r.sections["六"] + text
    assert len(rules(check_last_year(r))) == 1


@pytest.mark.parametrize("text", ["全年收到申请数较2023年增长12%。", "（一）上年度问题整改情况。针对2023年度报告提出的问题逐项整改。"])
def test_mentions_of_last_year_in_context_are_fine(text):
    r = agency_report()
    r.sections["五"] = text
    assert rules(check_last_year(r)) == []


# --- required content and template text -----------------------------------------------------

def test_required_overview_topics():
    r = agency_report()
    r.sections["一"] = "2024年，我局认真做好主动公开和依申请公开工作，门户网站运行平稳。"
    [f] = rules(check_required(r))
    assert f.section == "一" and "政府信息管理" in f.message and "监督保障" in f.message
    assert "主动公开”" not in f.message.split("没有写到")[1].split("方面")[0]


def test_required_rectification_and_fee():
    r = agency_report()
    r.sections["五"] = "存在的主要问题是解读形式单一。下一步将丰富解读形式。"
    r.sections["六"] = "无。"
    found = {f.section: f for f in rules(check_required(r))}
    assert set(found) == {"五", "六"}
    assert "整改" in found["五"].message and "信息处理费" in found["六"].message


def test_required_content_only_for_the_2021_version():
    r = balanced("2019")
    r.sections = {"一": "总体情况良好。", "六": "无。"}
    assert check_required(r) == []


def test_no_prose_at_all_is_one_reminder_not_three_warnings():
    r = balanced("2021")
    found = check_required(r)
    assert [f.severity for f in found] == [Severity.INFO]


@pytest.mark.parametrize("text,mark", [("（文字描述）", "（文字描述）"), ("XX区人民政府办公室高度重视。", "XX"),
                                       ("全年发布信息××条。", "××"), ("(文字描述)", "(文字描述)")])
def test_template_leftovers(text, mark):
    r = agency_report()
    r.sections["六"] = r.sections["六"] + "\n" + text
    [f] = rules(check_template(r))
    assert f.section == "六" and mark in f.message


def test_template_leftover_in_metadata():
    r = agency_report()
    r.meta.phone = "0798-XXXXXXX"
    [f] = rules(check_template(r))
    assert "电话" in f.message and f.section is None


def test_unfilled_outline_placeholders_are_flagged():
    from govreport_gui.core.drafting import outline
    r = agency_report()
    r.sections.update(outline("2021"))
    found = rules(check_template(r))
    assert {f.section for f in found} == {"一", "五", "六"}
    # the outline itself covers the required topics, so only the placeholders are flagged
    assert rules(check_required(r)) == []


# --- year on year -----------------------------------------------------------------------------

def test_year_on_year_jumps_and_drops():
    prev = agency_report(2023)
    r = agency_report(2024)
    r.set(CellKey("二", "行政许可", "本年处理决定数量"), 600)
    prev.set(CellKey("二", "行政许可", "本年处理决定数量"), 100)      # ×6
    prev.set(CellKey("二", "行政处罚", "本年处理决定数量"), 250)      # ÷25
    r.set(CellKey("二", "行政处罚", "本年处理决定数量"), 10)
    prev.set(CellKey("二", "行政强制", "本年处理决定数量"), 45)       # → 0
    prev.set(CellKey("二", "规章", "本年制发件数"), 1)                # 1 → 0: too small to matter
    found = {f.cells[0].row: f for f in rules(check_year_on_year(r, prev))}
    assert set(found) == {"行政许可", "行政处罚", "行政强制"}
    assert "6倍" in found["行政许可"].message and "4%" in found["行政处罚"].message
    # still blank this year: not typed yet — a to-do (待填写), not a drop to 0
    assert "尚未填写" in found["行政强制"].message and found["行政强制"].todo
    assert not found["行政许可"].todo and not found["行政处罚"].todo
    r.set(CellKey("二", "行政强制", "本年处理决定数量"), 0)         # typed 0: a real drop
    [dropped] = [f for f in check_year_on_year(r, prev) if f.cells[0].row == "行政强制"]
    assert "本年为0" in dropped.message and not dropped.todo
    assert all(f.rule == "yoy.change" for f in found.values())


def test_year_on_year_small_numbers_are_quiet():
    prev = agency_report(2023)
    r = agency_report(2024)
    t4(prev, "行政复议", 0, 0, 1, 0)   # 1 → 3
    assert rules(check_year_on_year(r, prev)) == []


def test_year_on_year_skipped_for_a_non_adjacent_year():
    prev = agency_report(2021)
    prev.set(CellKey("二", "行政许可", "本年处理决定数量"), 1)
    r = agency_report(2024)
    r.set(CellKey("二", "行政许可", "本年处理决定数量"), 600)
    assert rules(check_year_on_year(r, prev)) == []


def test_check_report_runs_the_content_checks():
    r = agency_report()
    r.sections["一"] = r.sections["一"] + "\n全年共收到政府信息公开申请99件。"
    assert "prose.figure" in {f.rule for f in check_report(r)}


def test_information_processing_fee_is_not_the_fee_figure():
    r = agency_report()
    r.sections["六"] = "本年度收取信息处理费1件，按标准收费300元。"
    assert rules(check_figures(r)) == []


def test_reference_to_last_years_report_title_is_fine():
    r = agency_report()
    r.sections["五"] = "（一）上年度问题整改情况。针对2023年度政府信息公开工作年度报告中提出的问题，已逐项整改。"
    assert rules(check_last_year(r)) == []


def test_government_reports_also_cover_assessment_review_and_accountability():
    r = agency_report()
    r.meta.agency = "青禾市临川区人民政府"
    [f] = rules(check_required(r))
    assert "社会评议" in f.message and "责任追究" in f.message and "工作考核" not in f.message.split("还应包括")[0]
    r.sections["一"] += "\n组织开展社会评议，未发生责任追究情况。"
    assert rules(check_required(r)) == []


def test_the_outline_alone_does_not_count_as_required_content():
    import re

    from govreport_gui.core.drafting import new_report, outline
    from govreport_gui.core.prose_checks import check_required
    report = new_report("2021", 2024, "某某区民政局")
    # nothing written under the headings: each empty part is a to-do, the headings cover nothing
    assert check_required(report) == []
    todo = {f.quote for f in check_template(report) if f.todo}
    assert {"（一）上年度问题整改情况。", "（一）收取信息处理费情况。", "（三）政府信息管理。"} <= todo
    report.sections["一"] = ("（一）主动公开。全年发布信息3862条。\n（二）依申请公开。收到申请12件。\n"
                            "（三）政府信息管理。\n（四）平台建设。网站改版。\n（五）监督保障。开展培训。")
    assert "topics:政府信息管理" not in {f.anchor for f in check_required(report)}
    assert [f.quote for f in check_template(report) if f.section == "一"] == ["（三）政府信息管理。"]
    report.sections["一"] = report.sections["一"].replace("（三）政府信息管理。\n", "")  # the part deleted
    assert "topics:政府信息管理" in {f.anchor for f in check_required(report)}
    # leftover prompts written as text by an earlier version are still template text
    report.sections["五"] = re.sub("。", "。（请在此写明）", outline("2021")["五"])
    assert any(f.todo and "（请在此" in f.quote for f in check_template(report))
