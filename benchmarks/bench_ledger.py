"""A 20 000-row ledger read and counted (tables 三/四) against a bare openpyxl read-only load of the
same file, every row's values iterated (read-only openpyxl reads nothing until the rows are asked for).

Target (issue 24): the ledger is read and counted in under 2 s.  Also timed: the same ledger as a
GBK CSV and as an OpenDocument .ods (written as LibreOffice writes one: typed cells, an empty run
repeated at each row's end).  Prints the times (median of REPEATS runs); never asserts.

    python3 benchmarks/bench_ledger.py [REPEATS]
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import openpyxl  # noqa: E402
from ledger.ledger_builders import Style, ledger_rows, random_apps  # noqa: E402
from ledger.ledger_files import ods_rows, write_ods, write_text  # noqa: E402

from govreport_gui.core.forms import get_form  # noqa: E402
from govreport_gui.core.ledger.count import count_ledgers  # noqa: E402
from govreport_gui.io.workbook.ledger_read import read_ledgers  # noqa: E402

ROWS = 20_000
YEAR = 2025
TARGET_S = 2.0


def median_of(fn, repeats: int) -> tuple[float, float]:
    """Median wall time and median CPU time of this process (the CPU time is what the work itself
    takes when the machine is shared: other processes' load stretches the wall time only)."""
    walls, cpus = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    return statistics.median(walls), statistics.median(cpus)


def bare_read_only(path: Path) -> None:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for ws in wb.worksheets:
        for _row in ws.iter_rows(values_only=True):
            pass
    wb.close()


def ours(path: Path) -> None:
    count = count_ledgers(read_ledgers([path]), get_form("2021"), YEAR)
    assert count.placed > ROWS // 3


def write_ledger(folder: Path) -> tuple[Path, Path, Path]:
    rng = random.Random(20_000)
    style = Style.random(rng, "2021")
    style.date_style, style.blank_every, style.total_row = "datetime", 0, True
    rows, _ = ledger_rows(random_apps(rng, YEAR, ROWS), style)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("2025年")
    for row in rows:
        ws.append(list(row))
    book = folder / "ledger20k.xlsx"
    wb.save(book)
    style.date_style = "dash"
    text_rows, _ = ledger_rows(random_apps(random.Random(20_000), YEAR, ROWS), style)
    tail = '<table:table-cell table:number-columns-repeated="1016"/>'   # (each row's empty end, as LibreOffice writes it)
    ods = write_ods(folder / "ledger20k.ods", {"2025年": ods_rows(rows).replace("</table:table-row>", tail + "</table:table-row>")})
    return book, write_text(folder / "ledger20k.csv", text_rows, "gbk"), ods


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    book, text, ods = write_ledger(Path(tempfile.mkdtemp(prefix="bench-ledger-")))
    bare, bare_cpu = median_of(lambda: bare_read_only(book), repeats)
    mine, mine_cpu = median_of(lambda: ours(book), repeats)
    csv_time, csv_cpu = median_of(lambda: ours(text), repeats)
    ods_time, ods_cpu = median_of(lambda: ours(ods), repeats)
    print(f"ledger rows: {ROWS}")
    print(f"bare openpyxl read-only load + iterate: {bare * 1000:.0f} ms  (cpu {bare_cpu * 1000:.0f} ms)")
    print(f"ledger read + count (.xlsx): {mine * 1000:.0f} ms  (cpu {mine_cpu * 1000:.0f} ms; "
          f"{mine / bare:.2f}x bare; target < {TARGET_S:.0f} s)")
    print(f"ledger read + count (.csv GBK): {csv_time * 1000:.0f} ms  (cpu {csv_cpu * 1000:.0f} ms)")
    print(f"ledger read + count (.ods): {ods_time * 1000:.0f} ms  (cpu {ods_cpu * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
