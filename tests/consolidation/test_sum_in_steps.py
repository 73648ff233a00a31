"""Assessing and summing in small steps (a background thread pauses between them) gives what one
go gives."""

from __future__ import annotations

import copy
from decimal import Decimal

from consolidation_units import unit

from govreport_gui.core.consolidate import SUM_STEP, assess_units, sum_rows, sum_rows_in_steps, unit_from_report
from govreport_gui.core.forms import get_form


def many_units(n: int):
    units = [unit_from_report(f"u{i}.govreport", unit(f"第{i}局", i % 17 + 2, fees=str(Decimal(i) / 100),
                                                     year=2023 if i % 11 == 0 else 2024)) for i in range(n)]
    units.append(unit_from_report("copy.govreport", unit("第3局", 5)))
    return units


def test_summed_in_steps_is_summed_at_once():
    units = many_units(2 * SUM_STEP + 7)
    assess_units(units, 2024, "2021")
    form = get_form("2021")
    counted = [u for u in units if u.include and u.readable]
    paused = []
    in_steps = sum_rows_in_steps(form, counted, lambda: paused.append(1))
    at_once = sum_rows(form, counted)
    assert in_steps == at_once and list(in_steps) == list(at_once)
    assert len(paused) == -(-len(counted) // SUM_STEP) > 1
    assert any(isinstance(v, Decimal) and v != int(v) for v in at_once.values())


def test_assessed_with_pauses_is_assessed_at_once():
    units = many_units(40)
    again = copy.deepcopy(units)
    paused = []
    assess_units(units, 2024, "2019", pause=lambda: paused.append(1))
    assess_units(again, 2024, "2019")
    assert [(u.include, u.problem_text()) for u in units] == [(u.include, u.problem_text()) for u in again]
    assert len(paused) == 2 * len(units)   # after each unit's own problems, and each compared for duplicates
    assert sum(not u.include for u in units) > len(units) // 11   # another year's, the copy
