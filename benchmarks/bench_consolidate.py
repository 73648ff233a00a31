"""Consolidate 300 unit files (target: under 30 s on a 2-core machine), and check that the 汇总
dialog's window stays responsive while they are read in the background.

The units are generated in a temporary folder: mostly our own files, with Excel workbooks (and
Word reports when that writer exists) mixed in, plus one broken file, one duplicate and one of
the wrong year.  Prints the times; never asserts.

    python3 benchmarks/bench_consolidate.py [N_UNITS]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from govreport_gui.core import CellKey, Report  # noqa: E402
from govreport_gui.core.consolidate import merge_units  # noqa: E402
from govreport_gui.core.forms import get_form  # noqa: E402
from govreport_gui.core.report import Metadata  # noqa: E402
from govreport_gui.core.serialize import save_json, save_native  # noqa: E402
from govreport_gui.io.consolidation_io import collect_files, read_units  # noqa: E402
from govreport_gui.io.registry import writable_suffixes, write_report  # noqa: E402

TARGET_S = 30.0


def make_unit(i: int, rng: random.Random, year: int = 2024) -> Report:
    """A balanced 2021 report with random figures."""
    form = get_form("2021")
    r = Report("2021", Metadata(agency=f"第{i:03}号单位", year=year))
    t3 = form.tables["三"]
    applicants = t3.cols[:-1]
    new_row, carried_row, forward_row = t3.rows[0], t3.rows[1], t3.rows[-1]
    results = [row for row in t3.rows[2:-2]]
    for col in applicants:
        new, carried = rng.randint(0, 30), rng.randint(0, 3)
        r.set(CellKey("三", new_row, col), new)
        r.set(CellKey("三", carried_row, col), carried)
        left = new + carried
        forward = rng.randint(0, min(2, left))
        r.set(CellKey("三", forward_row, col), forward)
        left -= forward
        while left:
            row = rng.choice(results)
            step = rng.randint(1, left)
            key = CellKey("三", row, col)
            r.set(key, (r.get(key) or 0) + step)
            left -= step
    for spec in form.tables["二"].cells:
        if spec.kind.value == "money":
            from decimal import Decimal
            r.set(spec.key, Decimal(rng.randint(0, 100000)) / 100)
        else:
            r.set(spec.key, rng.randint(0, 200))
    t4 = form.tables["四"]
    for group in t4.rows:
        for col in t4.cols[:-1]:
            r.set(CellKey("四", group, col), rng.randint(0, 2))
    return r


def generate(folder: Path, n: int) -> dict[str, int]:
    rng = random.Random(20241231)
    counts: dict[str, int] = {}
    office = [s for s in (".xlsx", ".docx") if s in writable_suffixes()]
    for i in range(n):
        report = make_unit(i, rng)
        if office and i % 10 == 0:
            suffix = office[(i // 10) % len(office)]
            write_report(folder / f"unit{i:03}{suffix}", report)
        elif i % 3 == 0:
            suffix = ".json"
            save_json(folder / f"unit{i:03}.json", report)
        else:
            suffix = ".govreport"
            save_native(folder / f"unit{i:03}.govreport", report)
        counts[suffix] = counts.get(suffix, 0) + 1
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 broken")
    save_native(folder / "duplicate.govreport", make_unit(0, random.Random(1)))
    save_native(folder / "last_year.govreport", make_unit(n + 1, rng, year=2023))
    return counts


def bench_core(folder: Path) -> float:
    t0 = time.perf_counter()
    files = collect_files([folder]).files
    t1 = time.perf_counter()
    units = read_units(files).units
    t2 = time.perf_counter()
    result = merge_units(units, agency="某某县人民政府")
    t3 = time.perf_counter()
    result.breakdown(CellKey("三", get_form("2021").tables["三"].rows[0], "自然人"))
    t4 = time.perf_counter()
    print(f"  find files        {t1 - t0:7.2f} s  ({len(files)} files)")
    print(f"  read + check      {t2 - t1:7.2f} s  ({(t2 - t1) / len(files) * 1000:.1f} ms per file)")
    print(f"  assess + sum      {t3 - t2:7.3f} s  (included {len(result.included)}, left out {len(result.excluded)})")
    print(f"  one drill-down    {(t4 - t3) * 1000:7.3f} ms")
    total = t3 - t0
    print(f"  total             {total:7.2f} s  (target under {TARGET_S:.0f} s: {'met' if total < TARGET_S else 'MISSED'})")
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
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        counts = generate(folder, n)
        print(f"generated {n} units + 3 problem files in {time.perf_counter() - t0:.1f} s: "
              + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        print("core (govreport merge without writing):")
        bench_core(folder)
        print("dialog (background thread):")
        bench_dialog(folder)


if __name__ == "__main__":
    main()
