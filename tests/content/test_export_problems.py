"""The list the pre-export check shows: errors, parts of the prose still empty (each named), figures
not typed, warnings not confirmed, an empty 落款 (机关, 日期) — in that order; nothing for a finished
report."""

import datetime as dt

from govreport_gui.core import CellKey
from govreport_gui.core.checks import check_report
from govreport_gui.core.drafting import new_report
from govreport_gui.core.edits import accept_warning
from govreport_gui.core.export_check import GROUPS, export_problems, official_date, summary
from govreport_gui.core.serialize import load_file


def problems_of(report, previous=None):
    return export_problems(report, check_report(report, previous))


def test_a_finished_report_has_nothing_to_say(sample_path):
    loaded = load_file(sample_path)
    assert problems_of(loaded.report, loaded.previous) == []


def test_a_draft_lists_placeholders_and_the_empty_date_in_order():
    report = new_report("2021", 2025, "某某局")
    report.meta.issuing_organ = "某某局"
    report.set(CellKey("三", "一、本年新收政府信息公开申请数量", "自然人"), 3)
    report.set(CellKey("三", "（一）予以公开", "自然人"), 1)  # 3 received, 1 answered, nothing carried on
    problems = problems_of(report)
    groups = [p.group for p in problems]
    assert groups == sorted(groups, key=list(GROUPS).index)
    assert groups[0] == "error" and groups[-1] == "date"
    placeholders = [p for p in problems if p.group == "placeholder"]
    assert len(placeholders) == 13 and all(p.finding is not None and p.finding.section for p in placeholders)
    [date] = [p for p in problems if p.group == "date"]
    assert date.meta == "date" and "“某某局”之后没有日期" in date.text
    assert summary(problems).startswith("2 个错误、13 处正文尚未填写") and summary(problems).endswith("落款日期为空")
    assert [p.finding.quote for p in placeholders][1:3] == ["（一）主动公开。", "（二）依申请公开。"]
    assert "“（一）主动公开”尚未填写" in placeholders[1].text  # says which part


def test_an_empty_issuing_organ_is_asked_for_with_the_agency_offered():
    report = new_report("2021", 2025, "某某县人民政府办公室")
    signature = [p for p in problems_of(report) if p.group == "date"]
    assert [p.meta for p in signature] == ["issuing_organ", "date"]
    assert signature[0].offer == "某某县人民政府办公室" and "落款机关为空" in signature[0].text
    assert "文末没有日期" in signature[1].text
    assert summary(signature) == "落款机关、落款日期为空"
    report.meta.issuing_organ, report.meta.date = "某某县人民政府办公室", "2026年1月20日"
    assert [p for p in problems_of(report) if p.group == "date"] == []


def test_a_confirmed_warning_is_not_listed_an_open_one_is(sample_path):
    loaded = load_file(sample_path)
    report = loaded.report
    report.set(CellKey("二", "行政许可", "本年处理决定数量"), 100000)  # ×75 on last year: a warning
    [warning] = [p for p in problems_of(report, loaded.previous) if p.group == "warning"]
    accept_warning(warning.finding, "本年集中办理了大量许可").apply(report)
    assert problems_of(report, loaded.previous) == []


def test_the_official_date_form():
    assert official_date(dt.date(2026, 12, 4)) == "2026年12月4日"
    assert official_date(dt.date(2027, 1, 16)) == "2027年1月16日"
