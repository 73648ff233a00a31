"""The content a format version requires of the prose is declared once, on the FormSpec: the
check, the outline of a new report and the check report's rule text all follow that one list."""

from dataclasses import replace

import pytest
from report_builders import balanced
from test_prose_checks import agency_report, rules

from govreport_gui.core.checks import check_report
from govreport_gui.core.drafting import outline
from govreport_gui.core.forms import FORMS
from govreport_gui.core.forms.spec import Required, Topic
from govreport_gui.core.prompts import prompts
from govreport_gui.core.prose_checks import check_required
from govreport_gui.core.rules import titles as rule_titles
from govreport_gui.io.write.check_report import rules_checked

SECURITY = Topic("保密审查", ("保密审查",), "写明保密审查制度的落实情况")


@pytest.fixture
def report():
    return agency_report()   # complete under the declaration as shipped


@pytest.fixture
def with_security(monkeypatch, report):
    """The 2021 declaration with one more required topic of 六 (instead of the 信息处理费)."""
    form = FORMS["2021"]
    required = tuple(r for r in form.required if r.id != "fee") + (
        Required("security", "六", (SECURITY,), "保密审查情况", "测试用的要求"),)
    variant = replace(form, required=required, outline={**form.outline, "六": (SECURITY,)})
    monkeypatch.setitem(FORMS, "2021", variant)
    return variant


def test_the_check_follows_the_declared_requirements(report, with_security):
    r = report
    r.sections["六"] = "本年度未收取信息处理费。"
    [f] = rules(check_required(r))
    assert f.section == "六" and f.anchor == "security" and "“保密审查”" in f.message and "测试用的要求" in f.message
    r.sections["六"] = "严格落实保密审查制度。"     # no word of the 信息处理费 any more: not required
    assert rules(check_required(r)) == []


def test_the_outline_and_the_rule_text_follow_the_declared_requirements(with_security):
    assert outline("2021")["六"] == "（一）保密审查。"  # the part is empty: its hint is a placeholder
    [prompt] = prompts("2021", "六", outline("2021")["六"])
    assert prompt.hint == "写明保密审查制度的落实情况" and prompt.heading == "（一）保密审查。"
    title = rule_titles(with_security)["prose.required"]
    assert "保密审查情况" in title and "信息处理费" not in title
    reminder = check_required(balanced("2021"))[0].message
    assert "保密审查情况" in reminder and "信息处理费" not in reminder


def test_a_version_that_declares_requirements_is_checked_whatever_its_year(monkeypatch):
    form = FORMS["2019"]
    monkeypatch.setitem(FORMS, "2019", replace(form, required=(
        Required("security", "六", (SECURITY,), "保密审查情况", "测试用的要求"),)))
    r = balanced("2019")
    r.sections = {"一": "总体情况良好。", "六": "无。"}
    assert [f.anchor for f in rules(check_required(r))] == ["security"]
    assert "prose.required" in rules_checked(r, None)


def test_the_2019_version_requires_nothing():
    r = balanced("2019")
    r.sections = {"一": "总体情况良好。", "六": "无。"}
    assert check_required(r) == [] and "prose.required" not in rules_checked(r, None)
    assert "prose.required" not in rule_titles(r.form)
    assert "prose.required" not in {f.rule for f in check_report(r)}
