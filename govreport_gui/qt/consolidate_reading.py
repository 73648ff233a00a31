"""The 汇总 dialog's reading and summing, off the dialog's thread.

``ReadWorker`` runs in a ``QThread``: the folders are walked for unit files (``collected``: 10 000
files take a second of directory look-ups), the files are read and checked in worker processes on
every core (``io.parallel_read``), the units come to the dialog in batches (``batch``) with the year
most of them report (``year``), and once all are read the units — those listed before and the new
ones — are assessed and summed in this thread as well (``prepare``), so the dialog's thread only
adds rows and paints.  Cancelling stops the worker processes at once; what was read is summed
and listed.

The units read are kept out of the garbage collector's passes (``gc.freeze`` after each batch;
``release_units`` when the dialog closes): 10 000 units are a few hundred thousand objects that
live as long as the dialog, and a full pass over them held every thread — the dialog's too — for
a tenth of a second and more, several times while reading.
"""

from __future__ import annotations

import gc
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from ..core.consolidate import Consolidation, Unit, assess_units, consolidate, default_year
from ..core.findings import Finding
from ..core.forms import form_for_year
from ..core.periods import reporting_year

LOG = logging.getLogger(__name__)


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


def prepare(units: list[Unit], settings: Settings) -> Prepared:
    """Assess and sum ``units`` (mutates their assessment): the year most of them report unless
    the clerk chose one, the version of that year unless the clerk chose one."""
    year = settings.year or default_year(units) or reporting_year()
    version = settings.version or form_for_year(year).version
    assess_units(units, year, version)
    result = consolidate(units, version, year, settings.agency)
    errors = result.errors()
    causes = result.imbalance_causes() if errors else []
    return Prepared(result, year, version, settings, errors, causes)


@dataclass
class ReadOutcome:
    units: list[Unit]              # the files just read, in their order
    cancelled: bool
    prepared: Prepared | None      # every unit summed (None: the worker failed)
    pids: set[int] = field(default_factory=set)   # the worker processes that read them


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

        def on_batch(pairs: list[tuple[int, Unit]]) -> None:
            got.update(pairs)
            gc.freeze()   # see the module's docstring
            self.year.emit(default_year(self.listed + list(got.values())))
            self.batch.emit([u for _, u in sorted(pairs, key=lambda p: p[0])])
            self.progress.emit(len(got), len(files))
        try:
            files = self._collect()
            reader = ParallelReader(files, display_names(files), read=self.read or read_unit_in_worker,
                                    time_limit=self.time_limit or FILE_TIME_LIMIT_S)
            finished = reader.run(on_batch, self._cancel.is_set)
            units = [got[i] for i in sorted(got)]
            prepared, pids = prepare(self.listed + units, self.settings), reader.pids
        except Exception:  # never let the thread die silently: what was read is still listed
            LOG.exception("汇总：读取 %d 个文件时意外出错", len(files))
            finished, units, prepared, pids = False, [got[i] for i in sorted(got)], None, set()
        self.finished.emit(ReadOutcome(units, not finished, prepared, pids))


def release_units() -> None:
    """The dialog is closing: its units go back to the garbage collector's care."""
    gc.unfreeze()
