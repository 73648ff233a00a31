"""Reading many units' files on every core, each file's trouble kept to its own unit.

``ParallelReader.run`` reads the files in worker processes (``concurrent.futures.ProcessPoolExecutor``,
started fresh — "spawn" — so a worker never inherits the editor's threads or windows), a few files
per task, and hands the units back to the caller in batches, at most ``BATCH_EVERY_S`` apart, from
the thread that calls ``run`` (never the window's: a Qt worker thread or the command line).  The
parent only unpacks and collects; every file is read and checked in a worker.

* Cancelling kills the workers at once (what they were reading is dropped) and ``run`` returns
  within ``POLL_S``.
* A file that crashes its worker (a reader bug in native code, the memory exhausted) or keeps it
  busy past the time limit does not stop the run: the workers are replaced, the files that were
  being read with it are read again one at a time, and the one that crashes or overruns alone
  becomes an unreadable unit saying so.  The others are read as usual.
* Where worker processes cannot be started (a locked-down machine, a frozen build without
  ``multiprocessing.freeze_support``), the files are read in the calling thread, one by one.

Units travel between the processes packed (``pack_unit``/``unpack_unit``): a report's figures as
one row in the order of its format's input cells instead of a dictionary keyed by cell names —
several times quicker to unpickle, and the parent's reports share the declared cell keys instead
of each holding its own copies (10 000 units).  No Qt here.
"""

from __future__ import annotations

import copy
import logging
import os
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from pathlib import Path

from ..core.consolidate import Unit, unit_unreadable
from ..core.errors import error_code
from ..core.forms import get_form
from ..core.report import Report
from ..logs import Kept, keep_records, replay

LOG = logging.getLogger(__name__)

FILE_TIME_LIMIT_S = 180.0   # one file: longer than the slowest honest file (an office suite converting a .doc)
POLL_S = 0.05               # how often the run looks at cancel and at the clock
BATCH_EVERY_S = 0.1         # units are handed on at most this often (the dialog repaints per batch)
WORKER_NICENESS = 10        # the workers yield the cores to the window (see _lower_priority)
BELOW_NORMAL_PRIORITY_CLASS = 0x4000   # the same on Windows
MAX_CHUNK = 16              # files per task: fewer round trips; small enough to spread the work evenly
TASK_SLACK_S = 5.0          # a task's time beyond its files' limit (sending the units back)
ALONE_SLACK_S = 10.0        # … and a file read alone's, after trouble
WORKER_START_S = 60.0       # workers that have finished nothing yet may take this long to start (a
                            # slow office PC, an antivirus scanning each new process): not the files' time

Read = Callable[[Path, str], Unit]            # (path, name shown) → unit, run in a worker
Batch = Callable[[list[tuple[int, Unit]]], None]   # (index in the file list, unit) pairs


def read_unit_in_worker(path: Path, name: str) -> Unit:
    """The default ``Read``: ``consolidation_io.read_unit`` (never raises for a bad file)."""
    from .consolidation_io import read_unit
    return read_unit(path, name)


def worker_count(files: int) -> int:
    """One worker per core the process may run on, never more than there are files."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, files))


# ---------------------------------------------------------------------------------------------
# What crosses between the processes


@lru_cache(maxsize=None)
def _input_keys(version: str) -> tuple:
    return get_form(version).input_keys()


def pack_unit(unit: Unit) -> tuple:
    """``unit`` as plain data that pickles quickly (see the module's docstring)."""
    report = unit.report
    if report is None:
        return (unit, None, None, None)
    form = get_form(report.form_version)
    row = tuple(map(report.values.get, _input_keys(form.version)))
    others = {k: v for k, v in report.values.items() if not form.has(k) or form.cell(k).computed}
    state = dict(report.__dict__)
    del state["values"]
    unit.report = None   # pickled without it (the state above stands for it)
    try:
        return (copy.copy(unit), state, row, others)
    finally:
        unit.report = report


def unpack_unit(packed: tuple) -> Unit:
    unit, state, row, others = packed
    if state is None:
        return unit
    report = Report.__new__(Report)
    report.__dict__.update(state)
    report.values = {k: v for k, v in zip(_input_keys(report.form_version), row) if v is not None}
    report.values.update(others)
    unit.report = report
    return unit


def read_chunk(read: Read, items: Sequence[tuple[int, str, str]]) -> tuple[list[tuple[int, tuple]], list]:
    """Run in a worker: read each ``(index, path, name)``, packed; with what the reading logged
    (a file that could not be read: its name and traceback), for the parent to write to its log."""
    units = [(i, pack_unit(read(Path(path), name))) for i, path, name in items]
    return units, _kept.take() if _kept is not None else []


_kept: Kept | None = None   # in a worker: the records made while reading (see read_chunk)


def _start_worker() -> None:
    """In each worker: Ctrl+C in a terminal is the parent's to handle (it cancels and kills us);
    what went wrong goes back to the parent instead of a log file of its own (warnings and errors:
    a line for every file read would turn the log over in a 汇总 of a few thousand units)."""
    import signal
    global _kept
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _kept = keep_records(logging.WARNING)
    _lower_priority()


def _lower_priority() -> None:
    """A worker runs below the window's priority: on 2 cores busy with two workers the 汇总
    dialog's repaints waited for a time slice (pauses of 50–100 ms at every batch); they now get
    the core when they need it.  Nothing is slower on an otherwise idle machine."""
    try:
        if hasattr(os, "nice"):
            os.nice(WORKER_NICENESS)
        elif os.name == "nt":
            import ctypes
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.GetCurrentProcess.restype = ctypes.c_void_p   # (a handle: pointer-sized)
            kernel32.SetPriorityClass.argtypes = (ctypes.c_void_p, ctypes.c_uint32)
            kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), BELOW_NORMAL_PRIORITY_CLASS)
    except (AttributeError, OSError):
        LOG.debug("汇总：未能降低读取进程的优先级", exc_info=True)


# ---------------------------------------------------------------------------------------------
# The run


class ParallelReader:
    """Read ``files`` (shown as ``names``) in worker processes; see the module's docstring."""

    def __init__(self, files: Sequence[Path], names: Sequence[str], *, read: Read = read_unit_in_worker,
                 workers: int | None = None, time_limit: float = FILE_TIME_LIMIT_S) -> None:
        self.items = [(i, str(p), n) for i, (p, n) in enumerate(zip(files, names))]
        self.read = read
        self.workers = workers or worker_count(len(self.items))
        self.time_limit = time_limit
        self.pids: set[int] = set()   # every worker process started (tests check that they are gone)
        self._pool: ProcessPoolExecutor | None = None
        self._pool_made = 0.0                 # when the current pool was made …
        self._pool_ready: float | None = None   # … and when one of its tasks first came back
        self._batch: list[tuple[int, Unit]] = []
        self._last_batch = 0.0

    def run(self, on_batch: Batch, cancelled: Callable[[], bool] = lambda: False) -> bool:
        """Read every file, handing the units to ``on_batch``; False when cancelled (the units
        read until then have been handed over)."""
        if not self.items:
            return True
        try:
            self._pool = self._new_pool()
        except (OSError, RuntimeError, ValueError, ImportError) as exc:  # no worker processes here
            LOG.warning("汇总：无法启动读取进程（%s），改为逐个读取", exc)
            return self._run_here(on_batch, cancelled)
        try:
            return self._run_pool(on_batch, cancelled)
        finally:
            self._stop_pool()
            self._flush(on_batch)

    def _run_pool(self, on_batch: Batch, cancelled: Callable[[], bool]) -> bool:
        size = max(1, min(MAX_CHUNK, len(self.items) // (self.workers * 4)))
        pending = deque(self.items[i:i + size] for i in range(0, len(self.items), size))
        suspects: deque = deque()   # read again alone: they were being read when a worker crashed or hung
        running: dict[Future, tuple[list, float, float, bool]] = {}   # → (items, submitted, time allowed, read alone)
        while pending or suspects or running:
            if cancelled():
                return False
            self._submit(pending, suspects, running)
            done, _ = wait(running, timeout=POLL_S, return_when=FIRST_COMPLETED)
            broken = self._collect(done, running, suspects)
            overdue = self._overdue(running, time.monotonic())
            if broken or overdue:
                self._replace_pool(running, suspects, overdue)
            self._maybe_flush(on_batch)
        return True

    def _submit(self, pending: deque, suspects: deque, running: dict) -> None:
        """Keep every worker busy; after trouble, the suspects one at a time, so that the file that
        crashes or hangs a worker is known."""
        pool = self._pool
        assert pool is not None, "_submit runs only while the pool is up"
        if suspects:
            if not running:
                items = [suspects.popleft()]
                future = pool.submit(read_chunk, self.read, items)
                running[future] = (items, time.monotonic(), self.time_limit + ALONE_SLACK_S, True)
            return
        while pending and len(running) < self.workers:
            items = pending.popleft()
            future = pool.submit(read_chunk, self.read, items)
            running[future] = (items, time.monotonic(), self.time_limit * len(items) + TASK_SLACK_S, False)

    def _overdue(self, running: dict, now: float) -> list[Future]:
        """The tasks past their time.  A task's clock starts when it was sent, but not before the
        workers are up: until one of them has finished a task, they may still be starting
        (``WORKER_START_S``) — a file is not blamed for the machine's slowness."""
        ready = self._pool_ready if self._pool_ready is not None else self._pool_made + WORKER_START_S
        return [f for f, (_, sent, allowed, _) in running.items() if now > max(sent, ready) + allowed]

    def _collect(self, done, running: dict, suspects: deque) -> bool:
        """Take the finished tasks' units; True when a worker died (the pool is broken)."""
        broken = False
        for future in done:
            items, _, _, alone = running.pop(future)
            try:
                packed = future.result()
            except BrokenProcessPool:
                broken = True
                self._failed(items, alone, suspects, "读取时读取程序意外退出（文件可能已损坏，或过大以致内存不足）")
                continue
            except Exception as exc:  # noqa: BLE001 - e.g. a unit that cannot be sent back
                LOG.exception("汇总：读取 %d 个文件的任务出错", len(items))
                self._failed(items, alone, suspects, f"读取时出错{error_code(exc)}，文件可能已损坏")
                continue
            if self._pool_ready is None:
                self._pool_ready = time.monotonic()
            packed, records = packed
            replay(records)
            self._batch += [(i, unpack_unit(p)) for i, p in packed]
        return broken

    def _failed(self, items: list, alone: bool, suspects: deque, message: str) -> None:
        """A task that failed: a file read alone is the culprit and becomes an unreadable unit
        saying ``message``; the files of a task of several are read again, each alone."""
        if alone:
            i, path, name = items[0]
            LOG.warning("汇总：%s：%s", path, message)
            self._batch.append((i, unit_unreadable(name, message, path)))
        else:
            suspects.extend(items)

    def _replace_pool(self, running: dict, suspects: deque, overdue: list) -> None:
        """Kill the workers (one crashed, or one is stuck); what they were reading is read again."""
        too_long = f"读取超过{self.time_limit:.0f}秒仍未完成，已停止（文件可能已损坏，或过大）"
        for future, (items, _, _, alone) in running.items():
            if future in overdue:
                self._failed(items, alone, suspects, too_long)
            else:
                suspects.extend(items)
        running.clear()
        self._stop_pool()
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        import multiprocessing
        self._pool_made, self._pool_ready = time.monotonic(), None
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker)

    def _stop_pool(self) -> None:
        """Kill the workers now (a cancel, a crash, a stuck file) and let the pool go.  (The
        executor has no public way to stop a task under way: its processes are killed.)"""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list((getattr(pool, "_processes", None) or {}).values())
        for process in processes:
            self.pids.add(process.pid)
            if process.is_alive():
                process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(2)

    def _maybe_flush(self, on_batch: Batch) -> None:
        if self._batch and time.monotonic() - self._last_batch >= BATCH_EVERY_S:
            self._flush(on_batch)

    def _flush(self, on_batch: Batch) -> None:
        if self._batch:
            batch, self._batch = self._batch, []
            self._last_batch = time.monotonic()
            on_batch(batch)

    def _run_here(self, on_batch: Batch, cancelled: Callable[[], bool]) -> bool:
        """Without worker processes: each file in this thread."""
        for i, path, name in self.items:
            if cancelled():
                self._flush(on_batch)
                return False
            self._batch.append((i, self.read(Path(path), name)))
            self._maybe_flush(on_batch)
        self._flush(on_batch)
        return True
