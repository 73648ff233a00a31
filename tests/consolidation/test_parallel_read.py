"""Reading units on every core (``io.parallel_read``) in real worker processes: every unit comes
back, in batches; a file that crashes or hangs its worker is that unit's problem only; cancelling
kills the workers at once."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from consolidation_units import NEW, unit
from worker_readers import priority, slow_to_start, troublesome

from govreport_gui.core import CellKey
from govreport_gui.core.serialize import save_json, save_native
from govreport_gui.io.consolidation_io import read_units
from govreport_gui.io.parallel_read import ParallelReader, pack_unit, unpack_unit


def write_units(folder: Path, n: int, *, prefix: str = "单位") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"{prefix}{i:03}.{'json' if i % 3 == 0 else 'govreport'}"
        (save_json if i % 3 == 0 else save_native)(path, unit(f"{prefix}{i:03}", 5 + i))
        paths.append(path)
    return paths


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (killed, not yet reaped) is gone too
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def run(reader: ParallelReader, cancel_after: int | None = None):
    batches: list[list] = []
    got: dict[int, object] = {}

    def on_batch(pairs):
        batches.append(pairs)
        got.update(pairs)
    finished = reader.run(on_batch, lambda: cancel_after is not None and len(got) >= cancel_after)
    return finished, batches, got


def test_every_unit_comes_back_in_batches_read_by_other_processes(tmp_path):
    paths = write_units(tmp_path, 60)
    reader = ParallelReader(paths, [p.name for p in paths], read=troublesome, workers=2)
    finished, batches, got = run(reader)
    assert finished and sorted(got) == list(range(60))
    assert len(batches) >= 1 and all(batches)
    assert reader.pids and os.getpid() not in reader.pids
    for i, path in enumerate(paths):
        u = got[i]
        assert u.path == str(path) and u.readable and u.agency == f"单位{i:03}"
        assert u.report.get(CellKey("三", NEW, "自然人")) == 5 + i
    assert not any(alive(pid) for pid in reader.pids)



def test_a_worker_slow_to_start_does_not_make_its_files_too_long(tmp_path, monkeypatch):
    """A file's time limit counts from when the workers are up: a worker that takes 3 s to start
    gets no file called too long (read with a limit of 1 s a task, each of its files was)."""
    from govreport_gui.io import parallel_read
    monkeypatch.setattr(parallel_read, "TASK_SLACK_S", 0.5)
    monkeypatch.setattr(parallel_read, "ALONE_SLACK_S", 0.5)
    paths = write_units(tmp_path, 6)
    reader = ParallelReader(paths, [p.name for p in paths], read=slow_to_start, workers=1, time_limit=0.5)
    finished, _, got = run(reader)
    assert finished and sorted(got) == list(range(6))
    assert [u.read_error for u in got.values() if not u.readable] == []

def test_a_file_that_crashes_its_worker_is_that_units_problem(tmp_path):
    paths = write_units(tmp_path, 30)
    crash = tmp_path / "crash-丙局.govreport"
    save_native(crash, unit("丙局", 7))
    paths.insert(11, crash)
    reader = ParallelReader(paths, [p.name for p in paths], read=troublesome, workers=2)
    finished, _, got = run(reader)
    assert finished and sorted(got) == list(range(len(paths)))
    bad = got[11]
    assert not bad.readable and "意外退出" in bad.read_error and bad.path == str(crash)
    assert all(got[i].readable for i in range(len(paths)) if i != 11)


def test_a_file_that_hangs_its_worker_is_that_units_problem(tmp_path):
    paths = write_units(tmp_path, 12)
    hang = tmp_path / "hang-丁局.govreport"
    save_native(hang, unit("丁局", 7))
    paths.insert(5, hang)
    reader = ParallelReader(paths, [p.name for p in paths], read=troublesome, workers=2, time_limit=2)
    finished, _, got = run(reader)
    assert finished and sorted(got) == list(range(len(paths)))
    assert not got[5].readable and "超过2秒" in got[5].read_error
    assert all(got[i].readable for i in range(len(paths)) if i != 5)
    assert not any(alive(pid) for pid in reader.pids)


def test_cancel_stops_the_workers_at_once(tmp_path):
    paths = write_units(tmp_path, 10, prefix="slow")
    paths += [tmp_path / "hang-a.govreport", tmp_path / "hang-b.govreport"]
    for p in paths[-2:]:
        save_native(p, unit(p.stem, 3))
    reader = ParallelReader(paths, [p.name for p in paths], read=troublesome, workers=2)
    started = time.monotonic()
    finished, _, got = run(reader, cancel_after=3)
    assert not finished and 3 <= len(got) < len(paths)
    assert time.monotonic() - started < 60          # not the hour the hanging files would take
    assert reader.pids and not any(alive(pid) for pid in reader.pids)


def test_read_units_keeps_the_file_order_and_reports_progress(tmp_path):
    paths = write_units(tmp_path, 25)
    seen = []
    result = read_units(paths, progress=lambda done, total, name: seen.append((done, total)))
    assert [u.path for u in result.units] == [str(p) for p in paths]
    assert seen[-1] == (25, 25) and not result.cancelled


def test_packing_keeps_the_unit_whole():
    from govreport_gui.core.consolidate import unit_from_report
    original = unit_from_report("甲.json", unit("甲", 12), "/x/甲.json", "json", ["读取说明"])
    copy = unpack_unit(pack_unit(original))
    assert copy.report == original.report and copy.findings == original.findings
    assert (copy.name, copy.path, copy.kind, copy.notes) == (original.name, original.path, original.kind, original.notes)
    assert original.report is not None   # packing leaves the original as it was


@pytest.mark.skipif(not hasattr(os, "nice"), reason="niceness is POSIX")
def test_workers_run_below_the_windows_priority(tmp_path):
    from govreport_gui.io.parallel_read import WORKER_NICENESS
    paths = write_units(tmp_path, 4)
    finished, _, got = run(ParallelReader(paths, [p.name for p in paths], read=priority, workers=2))
    lowest = 19   # (the kernel's lowest priority: a suite run under nice 15 gets workers at 19, not 25)
    assert finished and {u.read_error for u in got.values()} == {str(min(os.nice(0) + WORKER_NICENESS, lowest))}
