"""告知申请人向某机关申请 is （四）1 (本机关不掌握: the applicant told which agency holds it) whichever
agency is named — but not when the agency named is this one (向本机关申请, 向我局申请: the clerk told
the applicant how to apply here, which says nothing of the answer)."""

from __future__ import annotations

import pytest

from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.words import Kind, Matcher

ABSENT = "1.本机关不掌握相关政府信息"


@pytest.mark.parametrize("value", ["告知申请人向区教育局申请", "已告知向市自然资源和规划局申请", "告知向其他机关申请"])
def test_another_agency_named_is_not_held_here(value):
    assert Matcher(get_form("2021").ledger.results).match(value).target == ABSENT


@pytest.mark.parametrize("value", ["告知申请人向本机关申请", "告知向我局申请", "告知申请人向本单位提出申请"])
def test_this_agency_named_is_no_referral(value):
    found = Matcher(get_form("2021").ledger.results).match(value)
    assert found.target != ABSENT and found.kind is not Kind.FOUND
