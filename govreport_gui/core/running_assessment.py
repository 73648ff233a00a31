"""Assessing and adding up units while they are still being read, so that little is left once
all are in.

The 汇总 dialog reads ten thousand unit files in batches; assessing and summing them all only after
the last one (``assess_units`` + ``consolidate``: 0.6 s of Python for 10 000 units) kept the
dialog's window still for that long.  ``RunningAssessment.add`` does each batch's own part as it
arrives: each unit's problems under the year and version known so far (``assess_unit``), what tells
a duplicate (``duplicate_keys``, kept as a hash), the year counts, and the sum of the batch's
counted units.  ``finish`` does what needs every unit in its final order: the units assessed under
another year, version or choice of the clerk's are assessed again, the duplicates are left out
(the first of each kept), and the batches' sums are added up — again only for a batch whose units
counted have changed since.  The units then stand exactly as ``assess_units`` leaves them and the
sums are ``sum_rows``' (whole numbers and decimals add up exactly, the same in any grouping, up
to the 28 digits of ``decimal``'s context); the tests compare the two.  No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .consolidate import (
    Sums,
    Unit,
    add_sums,
    assess_unit,
    duplicate_keys,
    in_cell_order,
    leave_out_duplicates,
    most_counted_year,
    named_years,
    reported_years,
    sum_rows,
)
from .forms import get_form

CATCH_UP = 2   # units assessed again per unit added, after the year or version known changed
# What a unit's assessment depends on besides its file: the year, the version, the clerk's choice
# and reason.
Basis = tuple[int, str, bool | None, str]


class _Figures:
    """A unit's figures compared for duplicates: hashed once, compared in full only when two
    hashes meet."""

    __slots__ = ("unit", "version", "hash")

    def __init__(self, unit: Unit, version: str, figures: tuple) -> None:
        self.unit, self.version, self.hash = unit, version, hash(figures)

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, _Figures) and self.hash == other.hash
                and self.figures() == other.figures())

    def figures(self) -> tuple | None:
        return duplicate_keys(self.unit, get_form(self.version))[1]


@dataclass
class _Batch:
    units: list[Unit]
    version: str
    counted: tuple[bool, ...]      # which units the sum holds
    sums: Sums


class RunningAssessment:
    """See the module's docstring.  ``listed``: units known before (assessed along the way, and
    summed at the end)."""

    def __init__(self, listed: list[Unit] | None = None) -> None:
        self._start(list(listed or []))

    def _start(self, listed: list[Unit]) -> None:
        self._done: dict[int, tuple[Unit, Basis, tuple | None]] = {}
        self._known: list[Unit] = listed
        self._stale: list[Unit] = []
        self._basis_of_stale: tuple[int, str] | None = None
        self._batches = [_Batch(list(self._known), "", (), {})]
        self._reported, self._named = reported_years(self._known), named_years(self._known)

    def most_reported_year(self) -> int:
        """``default_year`` of every unit given so far."""
        return most_counted_year(self._reported, self._named)

    def count_years(self, units: list[Unit]) -> None:
        """Count the years ``units`` (just read) report, before ``add``."""
        self._reported.update(reported_years(units))
        self._named.update(named_years(units))

    def add(self, units: list[Unit], year: int, version: str) -> None:
        """Assess ``units`` (just read, their years counted) under ``year`` and ``version`` (the
        year most units read so far report, or the clerk's) and add them up; a few of those known
        before or assessed under another year or version are assessed on the way (the rest by
        ``finish``)."""
        version = get_form(version).version
        for unit in units:
            self._assess(unit, year, version)
        self._known += units
        self._batches.append(_batch(units, version))
        if self._basis_of_stale != (year, version):
            self._basis_of_stale = (year, version)
            self._stale = [u for u in reversed(self._known) if not self._current(u, year, version)]
        budget = CATCH_UP * max(len(units), 1)
        while self._stale and budget:
            unit = self._stale.pop()
            if not self._current(unit, year, version):
                self._assess(unit, year, version)
                budget -= 1

    def finish(self, units: list[Unit], year: int, version: str, pause: Callable[[], None] = lambda: None) -> Sums:
        """``assess_units(units, year, version)`` with the work done while reading kept, and the
        counted units' ``sum_rows`` (once: what was done is forgotten after).  ``units``: every
        unit given, in their final order; ``pause`` is called between steps of a few milliseconds
        (the dialog lets its window run there)."""
        target = get_form(version)
        for unit in units:
            if not self._current(unit, year, target.version):
                self._assess(unit, year, target.version)
            pause()
        leave_out_duplicates(units, target, keys=self._keys, pause=pause)
        pause()
        sums = self._sums(units, target.version, pause)
        self._start([])
        return sums

    def _sums(self, units: list[Unit], version: str, pause: Callable[[], None]) -> Sums:
        """The batches' sums added up, in the order of the input cells (a batch whose counted
        units changed is summed again)."""
        form = get_form(version)
        if not len(units) == len(self._done) == sum(len(b.units) for b in self._batches):   # not the units added
            return sum_rows(form, [u for u in units if u.include and u.readable])
        totals: Sums = {}
        for batch in self._batches:
            if batch.version != version or batch.counted != _counted(batch.units):
                batch = _batch(batch.units, version)
            add_sums(totals, batch.sums)
            pause()
        return in_cell_order(form, totals)

    def _current(self, unit: Unit, year: int, version: str) -> bool:
        done = self._done.get(id(unit))
        return done is not None and done[0] is unit and done[1] == (year, version, unit.choice, unit.choice_reason)

    def _assess(self, unit: Unit, year: int, version: str) -> None:
        assess_unit(unit, year, version)
        keys = None
        if unit.readable:
            agency, figures = duplicate_keys(unit, get_form(version))
            keys = (agency, None if figures is None else _Figures(unit, version, figures))
        self._done[id(unit)] = (unit, (year, version, unit.choice, unit.choice_reason), keys)

    def _keys(self, unit: Unit) -> tuple:
        keys = self._done[id(unit)][2]
        assert keys is not None, "only readable units are compared"
        return keys


def _counted(units: list[Unit]) -> tuple[bool, ...]:
    return tuple(u.include and u.readable for u in units)


def _batch(units: list[Unit], version: str) -> _Batch:
    counted = _counted(units)
    return _Batch(units, version, counted, sum_rows(get_form(version), [u for u, c in zip(units, counted) if c]))
