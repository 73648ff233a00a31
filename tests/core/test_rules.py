"""The rule registry (core.rules): one declaration per rule gives its id, title, severity, when it
applies and the usual reasons for accepting it; the checks, the 校验清单 and the accept-warning
dialog all follow it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from report_builders import balanced

from govreport_gui.core import rules
from govreport_gui.core.checks import check_report
from govreport_gui.core.findings import Severity
from govreport_gui.core.forms import FORMS, CellKey
from govreport_gui.core.serialize import load_file
from govreport_gui.io.write.check_report import rules_checked


def _broken(sample_path):
    """A report that breaks rules of several stages: a negative figure (and so an imbalance), last
    year's year and a figure the tables do not have in the prose."""
    loaded = load_file(sample_path)
    report, previous = loaded.report, loaded.previous
    key = report.form.input_keys()[0]
    report.set(key, -3)
    report.sections["一"] = report.sections.get("一", "") + f"{report.meta.year - 1}年，我单位收到申请99999件。"
    return report, previous


def test_every_finding_carries_a_declared_rule_with_its_severity(sample_path):
    report, previous = _broken(sample_path)
    known = {r.id: r for r in (*rules.applicable(report.form, True), rules.BLANK)}
    findings = check_report(report, previous)
    assert {f.rule for f in findings} >= {rules.NEGATIVE.id, rules.PROSE_YEAR.id}
    for f in findings:
        assert f.rule in known, f"{f.rule} is not declared in core.rules or the format"
        # a check that could not run says so as a note; otherwise the declared severity
        assert f.severity in (known[f.rule].severity, Severity.INFO), f


def test_when_a_rule_applies_follows_its_declaration():
    form2021, form2019 = FORMS["2021"], FORMS["2019"]
    without = [r.id for r in rules.applicable(form2021, False)]
    with_previous = [r.id for r in rules.applicable(form2021, True)]
    assert rules.PROSE_COPIED.id not in without and rules.PROSE_COPIED.id in with_previous
    assert rules.PREVIOUS_YEAR.id not in without
    assert rules.PROSE_REQUIRED.id in without                           # the 2021 format asks for content
    assert rules.PROSE_REQUIRED.id not in [r.id for r in rules.applicable(form2019, True)]
    assert rules.BLANK.id not in with_previous                          # a note, not a line of the 校验清单
    stages = [r.stage for r in rules.applicable(form2021, True)]
    assert stages == sorted(stages)                                     # report, tables, years, prose


def test_rules_declared_with_the_tables_take_their_severity_from_their_kind():
    form = FORMS["2021"]
    by_id = {r.id: r for r in rules.declared(form)}
    balance, carry = form.balances[0], form.cross_year[0]
    assert by_id[balance.rule].severity is Severity.ERROR
    assert by_id[carry.rule].severity is Severity.WARNING and by_id[carry.rule].needs_previous
    assert len(by_id) == len(rules.declared(form))                      # one per id


def test_the_check_list_and_the_titles_follow_the_registry(sample_path):
    loaded = load_file(sample_path)
    assert rules_checked(loaded.report, loaded.previous) == [
        r.id for r in rules.applicable(loaded.report.form, True)]
    titles = rules.titles(FORMS["2021"])
    assert titles[rules.PROSE_REQUIRED.id].startswith("2021版格式要求的内容齐全")
    assert titles[rules.YEAR.id] == rules.YEAR.title


def test_a_rule_is_declared_once():
    with pytest.raises(ValueError):
        rules.declare(replace(rules.YEAR, title="另一个标题"))


def test_reasons_come_with_the_declaration():
    assert rules.reasons(rules.YEAR_ON_YEAR.id) == rules.YEAR_ON_YEAR.reasons != ()
    stock = next(r for r in FORMS["2021"].cross_year if r.reasons)
    assert rules.reasons(stock.rule) == stock.reasons
    assert rules.reasons(FORMS["2021"].level_hints[0].rule) == ()
    assert rules.reasons("no.such_rule") == ()


def test_a_finding_made_by_a_rule_names_it():
    key: CellKey = FORMS["2021"].input_keys()[0]
    finding = rules.NEGATIVE.finding((key,), "…")
    assert (finding.rule, finding.severity, finding.cells) == (rules.NEGATIVE.id, Severity.ERROR, (key,))
    assert rules.PROSE_REQUIRED.finding((), "…", severity=Severity.INFO).severity is Severity.INFO


def test_a_balanced_report_breaks_no_listed_rule():
    report = balanced("2021")
    listed = set(rules_checked(report, None))
    assert not [f for f in check_report(report) if f.severity is Severity.ERROR and f.rule in listed]
