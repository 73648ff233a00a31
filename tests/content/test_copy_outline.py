"""The copy-from-last-year check counts only what the clerk wrote: the application's own outline
(sub-headings and hints it inserts into 一, 五 and 六 of every new report) is the same every year
and never counts as copied."""

import pytest

from govreport_gui.core.carryover import carry_over
from govreport_gui.core.drafting import new_report, outline
from govreport_gui.core.prose_checks import check_copied, copied_in_text, copied_sentences
from govreport_gui.core.serialize import load_file

CLERK = "本年度承办人大代表建议41件、政协提案56件，办理结果均已按规定公开。"


def _heading_lines(version: str, key: str) -> list[str]:
    """The outline's sub-headings of ``key`` with the hint deleted (as a clerk leaves them)."""
    return [line.split("（请在此")[0] for line in outline(version)[key].splitlines() if line.startswith("（")]


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_outline_headings_kept_from_last_year_are_not_copied_text(version):
    last, this = new_report(version, 2024, "某局"), new_report(version, 2025, "某局")
    headings = _heading_lines(version, "六")
    assert len(headings) >= 3
    last.sections["六"] = "\n".join(h + "上年做法：按上级要点逐项落实并按期完成。" for h in headings)
    this.sections["六"] = "\n".join(h + "本年新写的内容，各不相同，第" + str(i) + "项。" for i, h in enumerate(headings))
    assert copied_sentences(this, last) == {}
    assert check_copied(this, last) == []
    # the placeholders of a fresh outline are not the clerk's text either
    assert copied_sentences(new_report(version, 2025), new_report(version, 2024)) == {}


def test_the_clerks_own_sentence_copied_under_an_outline_heading_is_still_warned():
    last, this = new_report("2021", 2024, "某局"), new_report("2021", 2025, "某局")
    heading = _heading_lines("2021", "六")[2]
    last.sections["六"] = heading + CLERK
    this.sections["六"] = heading + CLERK
    assert [s.text for s in copied_sentences(this, last)["六"]] == [CLERK]
    [finding] = check_copied(this, last)
    assert finding.section == "六" and "1句" in finding.message and heading.rstrip("。") not in finding.message
    assert [s.text for s in copied_in_text(this.sections["六"], last)] == [CLERK]


def test_a_report_started_from_the_sample_warns_only_about_the_clerks_sentences(sample_path):
    previous = load_file(sample_path).report
    report = carry_over(previous).report
    assert check_copied(report, previous) == []  # only the application's outline so far
    report.sections["六"] += "\n" + previous.sections["六"].splitlines()[-1]
    [finding] = check_copied(report, previous)
    assert "人大代表建议41件" in finding.message and "落实上级年度政务公开工作要点情况" not in finding.message
