"""The check the tests of a published report's words share: the report read from the file holds
the agency, year, 落款, 前言, the text of 一, 五 and 六 and every figure of the report it was made
from."""

from __future__ import annotations

from govreport_gui.core.recalc import all_values


def assert_words_and_figures(result, report, *, agency: str, year: int, preface: str, one: list[str],
                             five: str, six: str, date: str) -> None:
    got = result.report
    assert (got.meta.agency, got.meta.year, got.meta.issuing_organ, got.meta.date) == (agency, year, agency, date)
    assert got.meta.preamble == preface
    assert got.sections["一"] == "\n".join(one)
    assert got.sections["五"] == five
    assert got.sections["六"] == six
    expected = all_values(report.form, report.values)
    assert {k: v for k, v in all_values(got.form, got.values).items() if v} == {k: v for k, v in expected.items() if v}
