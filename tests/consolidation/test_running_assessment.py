"""Units assessed and added up batch by batch while they are read (``core.running_assessment``)
stand exactly as when all are assessed and summed at once: the same units counted, the same
problems, the same sums to the last decimal place."""

import random
from decimal import Decimal

import pytest
from consolidation_units import FEES, unit

from govreport_gui.core import CellKey
from govreport_gui.core.consolidate import (
    CHOSEN_IN,
    CHOSEN_OUT,
    DUPLICATE,
    OTHER_VERSION,
    OTHER_YEAR,
    SAME_CONTENT,
    UNREADABLE,
    Unit,
    assess_units,
    consolidate,
    default_year,
    unit_from_report,
    unit_unreadable,
)
from govreport_gui.core.forms import form_for_year
from govreport_gui.core.running_assessment import RunningAssessment

AGENCY = "某某县人民政府"


def mixed_units() -> list[Unit]:
    """2024 units of both versions, figures with different decimal places (one money cell a whole
    number), a broken file, the same unit twice, the same figures under two names, last year's
    reports (one counted by the clerk's choice), a unit left out by choice, an empty one."""
    reports = [unit(f"第{i}镇", 5 + i, fees=fees) for i, fees in enumerate(["1.5", "2.25", "0.100", "7", "3.3"])]
    reports[3].set(FEES, 4)   # a whole number in a money cell
    reports += [unit("甲镇", 12), unit("甲镇", 13),                  # one unit, two files
                unit("乙镇", 9, fees="2.5"), unit("乙镇办", 9, fees="2.50"),   # the same figures twice
                unit("丙局", 6, version="2019"),
                unit("丁局", 4, year=2023), unit("戊局", 8, year=2023), unit("己局", 3, year=2023),
                unit("庚局", 0, fees="0")]
    from govreport_gui.core import Report
    from govreport_gui.core.report import Metadata
    reports.append(Report("2021", Metadata(agency="辛局", year=2024)))   # nothing filled in
    units = [unit_from_report(f"{i:02}_{r.meta.agency}.json", r, path=f"/units/{i:02}.json")
             for i, r in enumerate(reports)]
    units.insert(4, unit_unreadable("坏文件.xlsx", "文件已损坏", "/units/bad.xlsx"))
    by_agency = {u.agency: u for u in units}
    by_agency["戊局"].choice, by_agency["戊局"].choice_reason = True, "该局年度填写有误，实为本年度"
    by_agency["第2镇"].choice, by_agency["第2镇"].choice_reason = False, "已撤销"
    return units


def state(units: list[Unit]) -> list:
    return [(u.name, u.include, [(p.code, p.text(u.chosen)) for p in u.problems], u.converted, u.dropped)
            for u in units]


def figures(result) -> list:
    """Every cell as stored: the value, its type and how it prints (Decimal('2.50') ≠ '2.5' here)."""
    return [(k, type(v), str(v)) for k, v in result.report.values.items()]


def at_once(units: list[Unit]):
    year = default_year(units)
    version = form_for_year(year).version
    assess_units(units, year, version)
    return consolidate(units, version, year, AGENCY)


def batch_by_batch(units: list[Unit], listed: int, seed: int, size: int = 3):
    """The first ``listed`` units known before; the others read in batches of ``size`` in an
    order of their own (the year most of them report changes on the way)."""
    running = RunningAssessment(units[:listed])
    rest = list(range(listed, len(units)))
    random.Random(seed).shuffle(rest)
    for first in range(0, len(rest), size):
        batch = [units[i] for i in sorted(rest[first:first + size])]
        running.count_years(batch)
        year = running.most_reported_year()
        running.add(batch, year, form_for_year(year).version)
    year = running.most_reported_year()
    assert year == default_year(units)
    version = form_for_year(year).version
    sums = running.finish(units, year, version)
    return consolidate(units, version, year, AGENCY, sums=sums)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("listed", [0, 3])
def test_batch_by_batch_is_the_same_as_all_at_once(seed, listed):
    expected_units = mixed_units()
    expected = at_once(expected_units)
    units = mixed_units()
    result = batch_by_batch(units, listed, seed)
    assert state(units) == state(expected_units)
    assert figures(result) == figures(expected)
    assert result.warnings == expected.warnings and result.report.meta == expected.report.meta
    # the set is what it claims to be: every kind of problem is there
    codes = {p.code for u in units for p in u.problems}
    assert {UNREADABLE, DUPLICATE, SAME_CONTENT, OTHER_YEAR, OTHER_VERSION, CHOSEN_IN, CHOSEN_OUT} <= codes
    assert isinstance(result.report.get(FEES), Decimal)


def test_year_changing_on_the_way_is_caught_up():
    """The first batches are last year's: assessed as such, then again once most units say 2024."""
    units = mixed_units()
    old = [u for u in units if u.year == 2023]
    running = RunningAssessment()
    running.count_years(old)
    running.add(old, 2023, "2021")
    assert all(u.include for u in old if u.choice is not False)
    rest = [u for u in units if u.year != 2023]
    running.count_years(rest)
    assert running.most_reported_year() == 2024
    running.add(rest, 2024, "2021")
    sums = running.finish(units, 2024, "2021")
    expected_units = mixed_units()
    expected = at_once(expected_units)
    assert state(units) == state(expected_units)
    assert figures(consolidate(units, "2021", 2024, AGENCY, sums=sums)) == figures(expected)


def test_a_choice_made_while_reading_is_assessed_again():
    """The clerk leaves a unit out (and counts a duplicate) after their batch was assessed."""
    units = mixed_units()
    running = RunningAssessment()
    running.count_years(units)
    running.add(units, 2024, "2021")
    chosen = {u.agency: u for u in units}
    chosen["第1镇"].choice = False
    twice = [u for u in units if u.agency == "甲镇"][1]
    twice.choice, twice.choice_reason = True, "两份都应计入"
    sums = running.finish(units, 2024, "2021")
    result = consolidate(units, "2021", 2024, AGENCY, sums=sums)

    expected_units = mixed_units()
    again = {u.agency: u for u in expected_units}
    again["第1镇"].choice = False
    twice_again = [u for u in expected_units if u.agency == "甲镇"][1]
    twice_again.choice, twice_again.choice_reason = True, "两份都应计入"
    expected = at_once(expected_units)
    assert state(units) == state(expected_units)
    assert figures(result) == figures(expected)
    assert not chosen["第1镇"].include and twice.include
    new = CellKey("三", "一、本年新收政府信息公开申请数量", "自然人")
    assert result.report.get(new) == expected.report.get(new)
