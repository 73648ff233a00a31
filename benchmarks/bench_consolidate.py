"""汇总 of N unit files (default 300; ``--units 10000`` for the issue's 10 000: 60 % project files,
30 % JSON, 5 % Excel, 5 % Word), read and checked in worker processes on every core and summed:
the wall time, the time per file, and the longest pause of the 汇总 dialog's event loop while it
reads them (its thread only adds rows and paints).

    python3 benchmarks/bench_consolidate.py [--units N] [--keep DIR]

The units are generated once into DIR (default: a folder in the temporary directory named after N,
reused by later runs — generating 500 Word and 500 Excel files takes a while) with one broken
file, one duplicate and one of another year among them.  Prints the times; never asserts.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from govreport_gui.core import CellKey, Report  # noqa: E402
from govreport_gui.core.consolidate import merge_units  # noqa: E402
from govreport_gui.core.forms import get_form  # noqa: E402
from govreport_gui.core.report import Metadata  # noqa: E402
from govreport_gui.core.serialize import save_json, save_native  # noqa: E402
from govreport_gui.io.consolidation_io import collect_files, read_units  # noqa: E402

TARGET_S = {300: 30.0, 10000: 15.0}
DONE = ".complete"


def make_unit(i: int, rng: random.Random, year: int = 2024) -> Report:
    """A balanced 2021 report with random figures."""
    form = get_form("2021")
    r = Report("2021", Metadata(agency=f"第{i:05}号单位", year=year))
    t3 = form.tables["三"]
    new_row, carried_row, forward_row = t3.rows[0], t3.rows[1], t3.rows[-1]
    results = list(t3.rows[2:-2])
    for col in t3.cols[:-1]:
        new, carried = rng.randint(0, 30), rng.randint(0, 3)
        r.set(CellKey("三", new_row, col), new)
        r.set(CellKey("三", carried_row, col), carried)
        left = new + carried
        forward = rng.randint(0, min(2, left))
        r.set(CellKey("三", forward_row, col), forward)
        left -= forward
        while left:
            key = CellKey("三", rng.choice(results), col)
            step = rng.randint(1, left)
            r.set(key, (r.get(key) or 0) + step)
            left -= step
    for spec in form.tables["二"].cells:
        if not spec.computed:
            r.set(spec.key, Decimal(rng.randint(0, 100000)) / 100 if spec.kind.value == "money" else rng.randint(0, 200))
    t4 = form.tables["四"]
    for group in t4.rows:
        for col in t4.cols[:-1]:
            r.set(CellKey("四", group, col), rng.randint(0, 2))
    return r


def suffix_of(i: int, n: int) -> str:
    """The mix of the issue: 5 % Word, 5 % Excel, 30 % JSON, the rest project files."""
    slot = i % 20
    return ".docx" if slot == 0 else ".xlsx" if slot == 10 else ".json" if slot % 3 == 1 else ".govreport"


def write_some(folder: str, first: int, last: int, n: int) -> None:
    from govreport_gui.io.registry import write_report
    for i in range(first, last):
        report = make_unit(i, random.Random(i))
        path = Path(folder) / f"unit{i:05}{suffix_of(i, n)}"
        if path.suffix == ".govreport":
            save_native(path, report)
        elif path.suffix == ".json":
            save_json(path, report)
        else:
            write_report(path, report)


def generate(folder: Path, n: int) -> None:
    """The units (in parallel), then a broken file, a duplicate and last year's report."""
    if (folder / DONE).exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    step = max(1, n // 40)
    with ProcessPoolExecutor(os.cpu_count()) as pool:
        list(pool.map(write_some, [str(folder)] * len(range(0, n, step)), range(0, n, step),
                      [min(n, a + step) for a in range(0, n, step)], [n] * len(range(0, n, step))))
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 broken")
    save_native(folder / "duplicate.govreport", make_unit(0, random.Random(0)))
    save_native(folder / "last_year.govreport", make_unit(n + 1, random.Random(n + 1), year=2023))
    (folder / DONE).write_text("ok")


def children_cpu() -> float:
    """CPU seconds of the worker processes that have ended (user + system)."""
    import resource
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_core(folder: Path, n: int) -> float:
    cpu0, workers0 = time.process_time(), children_cpu()
    t0 = time.perf_counter()
    files = collect_files([folder]).files
    t1 = time.perf_counter()
    units = read_units(files).units
    t2 = time.perf_counter()
    result = merge_units(units, agency="某某县人民政府")
    t3 = time.perf_counter()
    result.breakdown(CellKey("三", get_form("2021").tables["三"].rows[0], "自然人"))
    t4 = time.perf_counter()
    target = TARGET_S.get(n, 30.0)
    total = t3 - t0
    print(f"  find files        {t1 - t0:7.2f} s  ({len(files)} files)")
    print(f"  read + check      {t2 - t1:7.2f} s  ({(t2 - t1) / len(files) * 1000:.2f} ms per file, "
          f"{os.cpu_count()} cores)")
    print(f"  assess + sum      {t3 - t2:7.3f} s  (included {len(result.included)}, left out {len(result.excluded)})")
    print(f"  one drill-down    {(t4 - t3) * 1000:7.3f} ms")
    parent, workers = time.process_time() - cpu0, children_cpu() - workers0
    print(f"  parent's own CPU  {parent:7.2f} s")
    print(f"  workers' CPU      {workers:7.2f} s  ({workers / len(files) * 1000:.2f} ms per file)")
    print(f"  on idle cores     {(parent + workers) / (os.cpu_count() or 1):7.2f} s  (all the CPU time shared by "
          f"{os.cpu_count()} cores: what the wall time would be with no other load)")
    print(f"  total             {total:7.2f} s  (target under {target:.0f} s: {'met' if total < target else 'MISSED'})")
    return total


def bench_dialog(folder: Path) -> None:
    """Run the dialog offscreen and measure the longest pause of the event loop while reading."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
        from PySide6.QtWidgets import QApplication
    except ImportError:
        print("  (PySide6 not available: dialog not measured)")
        return
    from govreport_gui.qt.consolidate_dialog import ConsolidateDialog
    from govreport_gui.qt.dialogs import QtDialogs
    app = QApplication.instance() or QApplication([])
    dialog = ConsolidateDialog(QtDialogs(), agency="某某县人民政府")
    dialog.show()
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now
    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    loop = QEventLoop()
    dialog.readingFinished.connect(loop.quit)
    t0 = time.perf_counter()
    dialog.add_paths([folder])
    loop.exec()
    elapsed = time.perf_counter() - t0
    timer.stop()
    gaps.sort()
    p99 = gaps[int(len(gaps) * 0.99) - 1] if gaps else 0
    print(f"  dialog: {len(dialog.units)} units read and summed in {elapsed:.2f} s")
    print(f"  event loop while reading: {len(gaps)} ticks of 10 ms, longest pause {max(gaps, default=0):.0f} ms, "
          f"99th percentile {p99:.0f} ms")
    dialog.close()
    app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("units", nargs="?", type=int, default=None, help=argparse.SUPPRESS)  # the old way
    parser.add_argument("--units", dest="n", type=int, default=300)
    parser.add_argument("--keep", type=Path, default=None, help="the folder of generated units (reused)")
    args = parser.parse_args()
    n = args.units or args.n
    folder = args.keep or Path(tempfile.gettempdir()) / f"govreport-bench-units-{n}"
    t0 = time.perf_counter()
    generate(folder, n)
    counts: dict[str, int] = {}
    for p in folder.iterdir():
        counts[p.suffix] = counts.get(p.suffix, 0) + 1
    print(f"{n} units + 3 problem files in {folder} (ready in {time.perf_counter() - t0:.1f} s): "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if k))
    print("core (govreport merge without writing):")
    bench_core(folder, n)
    print("dialog (read in worker processes, summed in a background thread):")
    bench_dialog(folder)


if __name__ == "__main__":
    main()
