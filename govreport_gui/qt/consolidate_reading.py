"""The 汇总 dialog's reading and summing, off the dialog's thread.

``ReadWorker`` runs in a ``QThread``: the folders are walked for unit files (``collected``: 10 000
files take a second of directory look-ups), the files are read and checked in worker processes on
every core (``io.parallel_read``), the units come to the dialog in batches (``batch``) with the year
most of them report (``year``), each batch assessed in this thread under that year before it is
handed on (``core.running_assessment``); once all are read, what needs every unit — the
duplicates, the units assessed under another year — and the sum are done here as well
(``prepare``), so the dialog's thread only adds rows and paints.  (Assessing 10 000 units only at
the end was 0.6 s in one go, during which the dialog's window stood still.)  Cancelling stops the
worker processes at once; what was read is summed and listed.  A change of the clerk's after reading
(year, version, agency, a unit counted or left out) is summed again by ``SumWorker`` in another
``QThread`` when many units are listed.  Both work in steps of a few milliseconds with a pause
between them (``Pace``), so that the window's repaints get the interpreter.

The units read are kept out of the garbage collector's passes (``gc.freeze`` after each batch;
``release_units`` when the dialog closes): 10 000 units are a few hundred thousand objects that
live as long as the dialog, and a full pass over them held every thread — the dialog's too — for
a tenth of a second and more, several times while reading.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from ..core.consolidate import Consolidation, Unit, assess_units, consolidate, default_year, sum_rows_in_steps
from ..core.findings import Finding
from ..core.forms import form_for_year, get_form
from ..core.periods import reporting_year
from ..core.running_assessment import RunningAssessment

LOG = logging.getLogger(__name__)
PAUSE_S = 0.004   # see let_the_window_run
STEP_S = 0.003    # see Pace


@dataclass
class Settings:
    """What the clerk set in the dialog: the year and the version (None: follow the units), the
    consolidating agency."""

    year: int | None
    version: str | None
    agency: str


@dataclass
class Prepared:
    """A sum ready to be shown: the consolidation, the year and version it is for, its errors and
    the units that cause them."""

    consolidation: Consolidation
    year: int
    version: str
    settings: Settings
    errors: list[Finding] = field(default_factory=list)
    causes: list[str] = field(default_factory=list)
    summary: str = ""    # what the dialog says of it (summary_text)


def prepare(units: list[Unit], settings: Settings, running: RunningAssessment | None = None,
            pause: Callable[[], None] | None = None) -> Prepared:
    """Assess and sum ``units`` (mutates their assessment): the year most of them report unless
    the clerk chose one, the version of that year unless the clerk chose one.  ``running``: the
    units as assessed while they were read (only what is left is done); ``pause``: called between
    the small steps of assessing and summing them all.  Either of them: in a background thread, in
    steps that leave the window its turn (``Pace``, the default)."""
    most = running.most_reported_year() if running is not None else default_year(units)
    year, version = year_and_version(most, settings)
    if running is None and pause is None:   # (a few units, on the window's thread)
        assess_units(units, year, version)
        result = consolidate(units, version, year, settings.agency)
    else:
        pause = pause or Pace()
        if running is not None:
            sums = running.finish(units, year, version, pause=pause)
        else:
            assess_units(units, year, version, pause=pause)
            sums = sum_rows_in_steps(get_form(version), [u for u in units if u.include and u.readable], pause)
        pause()
        result = consolidate(units, version, year, settings.agency, sums=sums)
        pause()
    errors = result.errors()
    causes = result.imbalance_causes() if errors else []
    return Prepared(result, year, version, settings, errors, causes, summary_text(result, errors, causes))


def summary_text(c: Consolidation, errors: list[Finding], causes: list[str]) -> str:
    """The units counted and left out, the year and version, the sum's warnings and errors and the
    units that cause them (made with the sum: ten thousand units are counted in a few
    milliseconds, which the dialog's thread does not wait for)."""
    counted = sum(1 for u in c.units if u.include and u.readable)
    lines = [f"共{len(c.units)}个文件：计入{counted}个，未计入{len(c.units) - counted}个"
             f"（{c.report.meta.year}年度，{c.report.form_version}版格式）。"]
    lines += [f"注意：{w}" for w in c.warnings]
    if errors:
        if causes:
            shown = "；".join(causes[:5]) + (f"；另有{len(causes) - 5}个单位" if len(causes) > 5 else "")
            lines.append(f"汇总结果有{len(errors)}个校验错误，原因在以下单位：{shown}。"
                         "选择下方标红的单元格可查看各单位的构成。")
        else:
            culprits = "、".join(u.agency or u.name for u in c.with_errors[:8]) or "无"
            lines.append(f"汇总结果有{len(errors)}个校验错误（如：{errors[0].message}）。本身有错误的单位：{culprits}；"
                         "选择下方标红的单元格可查看各单位的构成。")
    return "\n".join(lines)


def let_the_window_run() -> None:
    """Leave the interpreter to the dialog's thread for a moment.  While this thread computes,
    the window's thread waits for the interpreter at every call into Python — a repaint of the
    unit list makes hundreds (the model's ``data``), each waiting up to the switch interval
    (5 ms) — so a repaint that comes during a long computation here lasts as long as it: that
    was the dialog's pause of 0.6–0.8 s when 10 000 units were assessed and summed at the end.
    Steps of a few milliseconds with these pauses between them leave it the time to finish."""
    time.sleep(PAUSE_S)


class Stopped(Exception):
    """A ``Pace`` was stopped: the computation ends at once (its units are left half assessed)."""


class Pace:
    """Called after each small step of a long computation in a background thread: once it has
    worked ``STEP_S`` since the last pause, the window's thread is left the interpreter for a
    moment (``let_the_window_run``).  Its repaints then wait at most a step for it."""

    def __init__(self, stop: threading.Event | None = None) -> None:
        self._since = time.perf_counter()
        self._stop = stop

    def __call__(self) -> None:
        if self._stop is not None and self._stop.is_set():
            raise Stopped
        if time.perf_counter() - self._since >= STEP_S:
            let_the_window_run()
            self._since = time.perf_counter()


@dataclass
class Choice:
    """The clerk counts a unit or leaves it out, for ``reason``, while the dialog shows ``year``
    and ``version``."""

    unit: Unit
    wanted: bool
    reason: str
    year: int
    version: str


def apply_choice(units: list[Unit], choice: Choice, pause: Callable[[], None] | None = None) -> None:
    """The clerk's choice kept on its unit, or none when it is what the default makes of the unit
    among ``units`` (assessed under the year and version shown when the clerk chose)."""
    unit = choice.unit
    unit.choice, unit.choice_reason = None, ""
    assess_units(units, choice.year, choice.version, pause=pause)
    if unit.include != choice.wanted:
        unit.choice, unit.choice_reason = choice.wanted, choice.reason


def year_and_version(most: int, settings: Settings) -> tuple[int, str]:
    """The year and version to sum for: the clerk's, else the year ``most`` units report (else
    the year being reported) and that year's version."""
    year = settings.year or most or reporting_year()
    return year, settings.version or form_for_year(year).version


@dataclass
class ReadOutcome:
    units: list[Unit]              # the files just read, in their order
    cancelled: bool
    prepared: Prepared | None      # every unit summed (None: the worker failed)
    pids: set[int] = field(default_factory=set)   # the worker processes that read them
    unreadable: int = 0            # how many of ``units`` could not be read


class ReadWorker(QObject):
    """Finds the unit files in ``paths`` (files and folders; those of the ``listed`` units left
    out), reads them and sums them with the ``listed`` units by the dialog's ``settings`` when
    reading began (the dialog sums again if the clerk changed them meanwhile); see the module's
    docstring.  ``read``/``time_limit``: ``io.parallel_read`` (tests)."""

    collected = Signal(object)       # io.consolidation_io.FileList: the files to read, what was skipped
    progress = Signal(int, int)      # files read, files in all
    year = Signal(int)               # the year most of the units report (0: none says), before each batch
    batch = Signal(object)           # list[Unit]: read since the last batch
    finished = Signal(object)        # ReadOutcome

    def __init__(self, paths: list[Path], listed: list[Unit], settings: Settings,
                 read=None, time_limit: float | None = None) -> None:
        super().__init__()
        self.paths, self.listed = list(paths), list(listed)
        self.settings = settings
        self.read, self.time_limit = read, time_limit
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _collect(self) -> list[Path]:
        from ..io.consolidation_io import collect_files
        known = {u.path for u in self.listed}
        found = collect_files(self.paths)
        found.files = [p for p in found.files if str(p) not in known]
        self.collected.emit(found)
        return found.files

    @Slot()
    def run(self) -> None:
        from ..io.consolidation_io import display_names
        from ..io.parallel_read import FILE_TIME_LIMIT_S, ParallelReader, read_unit_in_worker
        got: dict[int, Unit] = {}
        files: list[Path] = []
        running: RunningAssessment | None = RunningAssessment(self.listed)

        def on_batch(pairs: list[tuple[int, Unit]]) -> None:
            nonlocal running
            got.update(pairs)
            gc.freeze()   # see the module's docstring
            units = [u for _, u in sorted(pairs, key=lambda p: p[0])]
            running = self._assess(running, units) if running is not None else None
            self.year.emit(running.most_reported_year() if running is not None
                           else default_year(self.listed + list(got.values())))
            self.progress.emit(len(got), len(files))   # first: its bar repaints the window at once
            self.batch.emit(units)
        try:
            from ..core import prose_checks  # noqa: F401 - imported now, not in the sum's last step
            files = self._collect()
            reader = ParallelReader(files, display_names(files), read=self.read or read_unit_in_worker,
                                    time_limit=self.time_limit or FILE_TIME_LIMIT_S)
            finished = reader.run(on_batch, self._cancel.is_set)
            units = [got[i] for i in sorted(got)]
            prepared, pids = prepare(self.listed + units, self.settings, running), reader.pids
        except Exception:  # never let the thread die silently: what was read is still listed
            LOG.exception("汇总：读取 %d 个文件时意外出错", len(files))
            finished, units, prepared, pids = False, [got[i] for i in sorted(got)], None, set()
        self.finished.emit(ReadOutcome(units, not finished, prepared, pids, sum(1 for u in units if not u.readable)))

    def _assess(self, running: RunningAssessment, units: list[Unit]) -> RunningAssessment | None:
        """A batch assessed and added up as it comes (None when that failed: all are assessed at
        the end)."""
        try:
            running.count_years(units)
            running.add(units, *year_and_version(running.most_reported_year(), self.settings))
        except Exception:  # noqa: BLE001 - the reading goes on; prepare assesses every unit again
            LOG.exception("汇总：读取时评估 %d 个单位出错，改为读完后统一评估", len(units))
            return None
        return running


class SumWorker(QObject):
    """Assesses and sums ``units`` again in a ``QThread`` after the clerk changed the year, the
    version, the agency or units' ``choices`` (each applied first, in order), in steps that leave
    the window its turn (``Pace``): the window's thread only shows the result (``finished``: a
    ``Prepared``, None when it failed)."""

    finished = Signal(object)

    def __init__(self, units: list[Unit], settings: Settings, choices: list[Choice]) -> None:
        super().__init__()
        self.units, self.settings, self.choices = units, settings, choices
        self._stop = threading.Event()

    def cancel(self) -> None:
        """Stop at once (the dialog is closing)."""
        self._stop.set()

    @Slot()
    def run(self) -> None:
        pace = Pace(self._stop)
        try:
            for choice in self.choices:
                apply_choice(self.units, choice, pause=pace)
            prepared: Prepared | None = prepare(self.units, self.settings, pause=pace)
        except Stopped:
            return
        except Exception:  # never let the thread die silently: the dialog sums on its own thread
            LOG.exception("汇总：重新汇总 %d 个单位时意外出错", len(self.units))
            prepared = None
        self.finished.emit(prepared)


def release_units() -> None:
    """The dialog is closing: its units go back to the garbage collector's care."""
    gc.unfreeze()
