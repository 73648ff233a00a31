"""Run every benchmark present and print one markdown table: each measurement against its baseline
measured in the same run (or its fixed target), with the verdict.

    python3 benchmarks/run_all.py [--quick]

Each benchmark script runs in its own process (they take medians of several runs themselves); its
printed lines are parsed.  Peak memory is measured here: the editor with the sample report open
(offscreen, all pages built) against a bare PySide6 QMainWindow, ``ru_maxrss``, median of 3 runs.
A benchmark that is missing or whose output cannot be parsed is listed as such, never left out.
Reports, never asserts.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SAMPLE = REPO / "resources" / "sample-2024.govreport"

MEMORY_CHILD = r"""
import os, resource, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
mode, sample = sys.argv[1], sys.argv[2]
if mode == "bare":
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv[:1])
    window = QMainWindow(); window.resize(1440, 920); window.show()
    for _ in range(20): app.processEvents()
else:
    from govreport_gui.qt.app import create_window, ensure_app
    app = ensure_app()
    window = create_window([sample], offer_recovery=False); window.show()
    while not all(p.built for p in window.pages): app.processEvents()
    for page in window.pages:
        window.tabs.setCurrentWidget(page); app.processEvents()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
os._exit(0)
"""


def run_script(name: str, args: list[str], timeout: int = 900) -> tuple[str, float]:
    path = HERE / name
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, str(path), *args], capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=timeout, cwd=REPO)
    out = proc.stdout + ("\n" + proc.stderr if proc.returncode else "")
    return out, time.perf_counter() - t0


def num(pattern: str, text: str) -> float | None:
    m = re.search(pattern, text)
    return float(m.group(1)) if m else None


def row(what, measured, baseline, ratio, target, ok) -> dict:
    return {"what": what, "measured": measured, "baseline": baseline, "ratio": ratio, "target": target,
            "verdict": "—" if ok is None else ("met" if ok else "**MISSED**")}


def bench_startup(quick: bool) -> list[dict]:
    out, _ = run_script("bench_startup.py", ["--runs", "3" if quick else "7"])
    bare = num(r"bare QMainWindow\s+([\d.]+) ms", out)
    app = num(r"editor \+ sample report\s+([\d.]+) ms", out)
    if bare is None or app is None:
        return [row("start-up to first paint", "unparsed", "", "", "≤ 1.5×", None)]
    rows = [row("start-up to first paint (sample report)", f"{app:.0f} ms", f"{bare:.0f} ms bare QMainWindow",
                f"{app / bare:.2f}×", "≤ 1.5×", app / bare <= 1.5)]
    for label, what in (("editor: checks shown", "start-up until the findings are shown"),
                        ("minimal Chinese table window", "reference: minimal Chinese table window"),
                        ("one Chinese label", "reference: bare window + one Chinese label")):
        measured = num(label + r"\s+([\d.]+) ms", out)
        if measured is not None:
            rows.append(row(what, f"{measured:.0f} ms", f"{bare:.0f} ms bare QMainWindow",
                            f"{measured / bare:.2f}×", "—", None))
    return rows


def bench_packaged_startup(quick: bool) -> list[dict]:
    out, _ = run_script("bench_packaged_startup.py", ["--runs", "3" if quick else "7"])
    if out.startswith("not measured"):
        return [row("start-up of the built package (X11)", out.strip(), "", "", "≤ 1.5×", None)]
    bare = num(r"bare QMainWindow \(Python\)\s+([\d.]+) ms", out)
    package = num(r"packaged editor \(.*\)\s+([\d.]+) ms", out)
    if bare is None or package is None:
        return [row("start-up of the built package (X11)", "unparsed", "", "", "≤ 1.5×", None)]
    return [row("start-up of the built package to its window on X11 (Xvfb)", f"{package:.0f} ms",
                f"{bare:.0f} ms bare QMainWindow", f"{package / bare:.2f}×", "≤ 1.5×", package / bare <= 1.5)]


def bench_edit(quick: bool) -> list[dict]:
    out, _ = run_script("bench_edit.py", ["--edits", "100" if quick else "200"])
    m = re.search(r"edit → (?:window|grid/panel) repainted\s+median\s+([\d.]+) ms,\s+p95\s+([\d.]+) ms", out)
    if not m:
        return [row("edit → repaint", "unparsed", "", "", "p95 < 16 ms", None)]
    median, p95 = map(float, m.groups())
    rows = [row("edit → totals, checks, window repainted", f"median {median:.1f} ms, p95 {p95:.1f} ms",
                "16 ms (one frame at 60 Hz)", f"{p95 / 16:.2f}× (p95)", "p95 < 16 ms", p95 < 16)]
    worst = re.search(r"worst case: whole grid, panel and tab bar repainted: median\s+([\d.]+) ms, p95\s+([\d.]+) ms", out)
    if worst:
        wm, wp = map(float, worst.groups())
        rows.append(row("  worst case: whole grid + panel + tab bar repainted", f"median {wm:.1f} ms, p95 {wp:.1f} ms",
                        "16 ms", f"{wp / 16:.2f}× (p95)", "— (informative)", None))
    return rows


def bench_recalc(quick: bool) -> list[dict]:
    out, _ = run_script("bench_recalc.py", [])
    full = num(r"recalculate \+ checks \(with last year\)\s+([\d.]+) µs", out)
    if full is None:
        return [row("recalc + checks", "unparsed", "", "", "≪ 1 ms", None)]
    return [row("recalculate + all checks (core, per edit)", f"{full:.0f} µs", "1000 µs", f"{full / 1000:.2f}×",
                "well under 1 ms", full < 1000)]


def bench_excel(quick: bool) -> list[dict]:
    out, _ = run_script("bench_excel_import.py", ["3" if quick else "7"])
    rows = []
    for label in ("典型（官方版式，合并单元格，文本数字）", "本程序导出的工作簿"):
        m = re.search(re.escape(label) + r"\s+([\d.]+) ms\s+([\d.]+) ms\s+([\d.]+)×", out)
        if m:
            bare, ours, ratio = map(float, m.groups())
            rows.append(row(f"Excel import: {label}", f"{ours:.1f} ms", f"{bare:.1f} ms bare openpyxl.load_workbook",
                            f"{ratio:.2f}×", "≤ 2×", ratio <= 2.0))
    return rows or [row("Excel import", "unparsed", "", "", "≤ 2×", None)]


def bench_word(quick: bool) -> list[dict]:
    out, _ = run_script("bench_word_export.py", [])
    full = num(r"full export \(render \+ self-check \+ atomic write\):\s+([\d.]+) ms", out)
    bare = num(r"python-docx, the three tables bare:\s+([\d.]+) ms", out)
    if full is None or bare is None:
        return [row("Word export", "unparsed", "", "", "≤ 2×", None)]
    return [row("Word export (render + self-check + atomic write)", f"{full:.0f} ms",
                f"{bare:.0f} ms bare python-docx tables", f"{full / bare:.2f}×", "≤ 2×", full / bare <= 2.0)]


def bench_pdf_import(quick: bool) -> list[dict]:
    out, _ = run_script("bench_pdf_import.py", ["3" if quick else "7"])
    bare = num(r"bare pdfplumber open \+ extract_tables:\s+([\d.]+) ms", out)
    ours = num(r"PDF import \(read_report\):\s+([\d.]+) ms", out)
    if bare is None or ours is None:
        return [row("PDF import (6 pages)", "unparsed", "", "", "≤ 1.5×", None)]
    return [row("PDF import of a 6-page published report", f"{ours:.0f} ms",
                f"{bare:.0f} ms bare pdfplumber open + extract_tables", f"{ours / bare:.2f}×", "≤ 1.5×", ours / bare <= 1.5)]


def bench_web_import(quick: bool) -> list[dict]:
    out, _ = run_script("bench_web_import.py", ["7" if quick else "20"])
    rows = []
    for what, name in (("article", "the article alone"), ("portal", "as saved from a portal")):
        size = num(rf"{what} page:\s+(\d+) KB", out)
        bare = num(rf"{what} bare lxml.html parse:\s+([\d.]+) ms", out)
        ours = num(rf"{what} web page import \(read_report\):\s+([\d.]+) ms", out)
        if bare is None or ours is None:
            rows.append(row(f"web page import ({name})", "unparsed", "", "", "≤ 2×", None))
            continue
        rows.append(row(f"web page import, {name} ({size:.0f} KB)", f"{ours:.1f} ms", f"{bare:.1f} ms bare lxml.html parse",
                        f"{ours / bare:.2f}×", "≤ 2×", ours / bare <= 2.0))
    return rows

def bench_consolidate(quick: bool) -> list[dict]:
    n = 100 if quick else 300
    out, _ = run_script("bench_consolidate.py", [str(n)])
    total = num(r"total\s+([\d.]+) s", out)
    pause = num(r"longest pause\s+([\d.]+) ms", out)
    if total is None:
        return [row(f"consolidation of {n} files", "unparsed", "", "", "< 30 s", None)]
    rows = [row(f"consolidation of {n} unit files (read, check, sum)", f"{total:.1f} s", "30 s target",
                f"{total / 30:.2f}×", "< 30 s", total < 30)]
    if pause is not None:
        rows.append(row("汇总 dialog: longest event-loop pause while reading", f"{pause:.0f} ms", "", "",
                        "— (informative: no target set)", None))
    return rows


def bench_ledger(quick: bool) -> list[dict]:
    out, _ = run_script("bench_ledger.py", ["3" if quick else "5"])
    bare = num(r"bare openpyxl read-only load \+ iterate:\s+([\d.]+) ms", out)
    ours = num(r"ledger read \+ count \(\.xlsx\):\s+([\d.]+) ms", out)
    cpu = num(r"ledger read \+ count \(\.xlsx\):\s+[\d.]+ ms\s+\(cpu ([\d.]+) ms", out)
    if bare is None or ours is None:
        return [row("ledger of 20 000 rows read and counted", "unparsed", "", "", "< 2 s", None)]
    rows = [row("ledger of 20 000 rows read and counted (三/四)", f"{ours / 1000:.2f} s",
                f"{bare / 1000:.2f} s bare openpyxl read-only load", f"{ours / bare:.2f}×", "< 2 s", ours < 2000)]
    if cpu is not None:
        rows.append(row("  the same, CPU time of the process", f"{cpu / 1000:.2f} s", "", "", "— (informative)", None))
    return rows


def bench_memory(quick: bool) -> list[dict]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GOVREPORT_DATA_DIR=tempfile.mkdtemp(prefix="bench-mem-"),
               PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    peaks: dict[str, list[float]] = {"bare": [], "app": []}
    for _ in range(3):
        for mode in ("bare", "app"):
            out = subprocess.run([sys.executable, "-c", MEMORY_CHILD, mode, str(SAMPLE)], capture_output=True,
                                 text=True, env=env, timeout=120).stdout.strip().splitlines()
            peaks[mode].append(int(out[-1]) / 1024)
    bare, app = statistics.median(peaks["bare"]), statistics.median(peaks["app"])
    return [row("peak memory, sample report open (all pages built)", f"{app:.0f} MB",
                f"{bare:.0f} MB bare QMainWindow", f"{app / bare:.2f}×", "— (informative: no target set)", None)]


BENCHMARKS = [("bench_startup.py", bench_startup), ("bench_packaged_startup.py", bench_packaged_startup),
              ("bench_edit.py", bench_edit), ("bench_recalc.py", bench_recalc),
              ("bench_excel_import.py", bench_excel), ("bench_word_export.py", bench_word),
              ("bench_pdf_import.py", bench_pdf_import), ("bench_web_import.py", bench_web_import),
              ("bench_consolidate.py", bench_consolidate), ("bench_ledger.py", bench_ledger), (None, bench_memory)]


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(line for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")).split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        pass
    return (f"`nproc` {os.cpu_count()}, CPU {cpu}, {mem} memory, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, Qt platform {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and 100 instead of 300 units")
    args = parser.parse_args()
    rows: list[dict] = []
    for script, fn in BENCHMARKS:
        if script and not (HERE / script).exists():
            rows.append(row(script, "missing", "", "", "", None))
            continue
        t0 = time.perf_counter()
        try:
            rows += fn(args.quick)
        except Exception as exc:  # noqa: BLE001 - one broken benchmark does not hide the others
            rows.append(row(script or "memory", f"failed: {type(exc).__name__}: {exc}", "", "", "", None))
        print(f"  ran {script or 'peak memory'} in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    print(f"Machine: {machine()}\n")
    print("| benchmark | measured | baseline (same run) | ratio | target | verdict |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['what']} | {r['measured']} | {r['baseline']} | {r['ratio']} | {r['target']} | {r['verdict']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
