"""Readers the tests run in the consolidation's real worker processes: the real reader, except for
a file whose name asks it to crash its worker (a segmentation fault, as a reader bug in native
code would), to keep it busy for an hour, or to take a little time.  Importable by name in the
workers (they get the test run's ``sys.path``)."""

from __future__ import annotations

import ctypes
import time
from pathlib import Path

from govreport_gui.io.parallel_read import read_unit_in_worker


def troublesome(path: Path, name: str):
    if "crash" in path.name:
        ctypes.string_at(0)          # SIGSEGV: the worker process dies
    if "hang" in path.name:
        time.sleep(3600)
    if "slow" in path.name:
        time.sleep(0.05)
    return read_unit_in_worker(path, name)


def slowly(path: Path, name: str):
    """Every file takes a little time: the tests can watch the dialog while it reads."""
    time.sleep(0.03)
    return read_unit_in_worker(path, name)


def priority(path: Path, name: str):
    """The worker's niceness, as the unit's read error (to be read by the test)."""
    import os

    from govreport_gui.core.consolidate import unit_unreadable
    return unit_unreadable(name, str(os.nice(0)), str(path))


_started: list[bool] = []


def slow_to_start(path: Path, name: str):
    """A worker's first file waits 3 s, as a worker does that starts slowly (a busy office PC, an
    antivirus scanning each new process); the others are read at once."""
    if not _started:
        _started.append(True)
        time.sleep(3)
    return read_unit_in_worker(path, name)
