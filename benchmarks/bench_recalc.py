"""Recalculate and check a full 2021 report after an edit-sized change (target: well under 1 ms).

Prints the median time per edit of: recalculation alone, recalculation + all checks, and the
full Document.apply path (edit, recalc, checks, notifications). Reports, never asserts.

    python3 benchmarks/bench_recalc.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from govreport_gui.core import CellKey, Document, check_report, recalculate  # noqa: E402
from govreport_gui.core.edits import set_cells  # noqa: E402
from govreport_gui.core.serialize import load_file  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "sample-2024.govreport"


def median_us(fn, repeat: int = 2000) -> float:
    samples = []
    for i in range(repeat):
        t0 = time.perf_counter()
        fn(i)
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1e6


def main() -> dict[str, float]:
    loaded = load_file(SAMPLE)
    report, previous = loaded.report, loaded.previous
    form = report.form
    key = CellKey("三", "（一）予以公开", "自然人")

    def recalc_only(i):
        report.values[key] = 72 + i % 3
        recalculate(form, report.values)

    def recalc_and_check(i):
        report.values[key] = 72 + i % 3
        check_report(report, previous)

    doc = Document(report, previous)

    def document_edit(i):
        doc.apply(set_cells(report, {key: 72 + i % 3}, "输入"))
        doc.findings  # noqa: B018 - checked when first asked for, as the editor's panel does

    results = {
        "recalculate": median_us(recalc_only),
        "recalculate + checks (with last year)": median_us(recalc_and_check),
        "Document.apply (edit → recalc → checks → notify)": median_us(document_edit),
    }
    print(f"{'benchmark':<52}{'median':>12}")
    for name, us in results.items():
        print(f"{name:<52}{us:>9.1f} µs")
    print("target: recalculation + checks of a full 2021 report well under 1000 µs per edit")
    return results


if __name__ == "__main__":
    main()
