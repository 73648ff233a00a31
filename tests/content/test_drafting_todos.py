"""Drafting vs finished: what follows only from text or figures not written yet is a to-do
(``Finding.todo``, 待填写), never an error or a warning of its own, and turns into the real check
as soon as the clerk writes something that disagrees."""

import pytest

from govreport_gui.core import CellKey
from govreport_gui.core.carryover import carry_over
from govreport_gui.core.checks import check_report
from govreport_gui.core.drafting import new_report, outline
from govreport_gui.core.findings import Severity, count, count_todo
from govreport_gui.core.forms.spec import Tag
from govreport_gui.core.prompts import empty_parts, prompts
from govreport_gui.core.serialize import load_file


def problems(findings):
    """The open errors and warnings that are not to-dos."""
    return [f for f in findings if f.is_open and f.severity is not Severity.INFO and not f.todo]


@pytest.mark.parametrize("version, year", [("2019", 2020), ("2021", 2025)])
def test_an_empty_new_report_has_only_to_dos(version, year):
    report = new_report(version, year, "某某局")
    findings = check_report(report)
    assert problems(findings) == []
    placeholders = sum(len(prompts(version, key, text)) for key, text in outline(version).items())
    assert count_todo(findings) == placeholders > 0
    assert sorted(f.quote for f in findings if f.todo) == sorted(p.heading for _, p in empty_parts(report))
    assert count(findings, Severity.WARNING, todo=False) == 0 and count(findings, Severity.WARNING) == placeholders
    assert {f.section for f in findings if f.todo} == {"一", "五", "六"}
    assert all("尚未填写" in f.message for f in findings if f.todo)


def test_a_report_started_from_last_year_has_no_errors_before_anything_is_typed(sample_path):
    previous = load_file(sample_path).report
    report = carry_over(previous).report
    findings = check_report(report, previous)
    assert problems(findings) == []
    balances = [f for f in findings if f.rule == "三.balance"]
    assert balances and all(f.todo and f.severity is Severity.ERROR and "尚未填写" in f.message for f in balances)
    in_force = [f for f in findings if f.todo and any(k.col == "现行有效件数" for k in f.cells)]
    assert [f.rule for f in in_force] == ["二.in_force_stock"]  # one to-do for the cell, not two


def test_a_typed_figure_that_disagrees_is_a_real_error_again(sample_path):
    previous = load_file(sample_path).report
    report = carry_over(previous).report
    t3 = report.form.tables["三"]
    outcome = t3.group(Tag.DISCLOSED).rows[0]
    report.set(CellKey("三", outcome, "自然人"), 1)  # results typed, but fewer than carried over
    findings = check_report(report, previous)
    [natural] = [f for f in findings if f.rule == "三.balance" and "“自然人”列" in f.message]
    assert not natural.todo and "相差6" in natural.message
    report.set(CellKey("二", "行政规范性文件", "现行有效件数"), 40)  # typed, and 2 short
    [stock] = [f for f in check_report(report, previous) if f.rule == "二.in_force_stock"]
    assert not stock.todo and "相差2" in stock.message


def test_a_bare_sub_heading_is_a_to_do_a_missing_topic_a_warning():
    report = new_report("2021", 2025, "某某局")
    lines = report.sections["一"].splitlines()
    report.sections["一"] = "\n".join(["2025年，我局扎实推进政务公开。", *lines[1:]])
    findings = check_report(report)
    todo = [f for f in findings if f.section == "一" and f.is_open and f.severity is not Severity.INFO]
    assert [f.quote for f in todo] == lines[1:] and len(todo) == 5  # one per empty part, named by it
    assert all(f.todo and "尚未填写" in f.message and f.quote.rstrip("。") in f.message for f in todo)
    assert not [f for f in findings if f.rule == "prose.required" and f.section == "一"]  # not said twice
    report.sections["一"] = "2025年，我局扎实推进政务公开，主动公开信息1200条。"  # headings deleted
    [missing] = [f for f in check_report(report) if f.rule == "prose.required" and f.section == "一"]
    assert not missing.todo and "没有写到" in missing.message


def test_a_finished_check_still_counts_the_to_dos_by_their_severity():
    """``govreport check`` and the export check see a placeholder as template text left."""
    findings = check_report(new_report("2021", 2025, "某某局"))
    assert count(findings, Severity.WARNING) == count_todo(findings)
    assert all(f.to_json().get("todo") is True for f in findings if f.todo)
