"""Run every benchmark present and print one markdown table: each measurement against its baseline
measured in the same run (or its fixed target), with the verdict, then the details a reader needs
to act on a miss (the start-up breakdown, what holds the memory).

    python3 benchmarks/run_all.py [--quick] [--units N] [--units-folder DIR] [--before REV]

Each benchmark script runs in its own process (they take medians of several runs themselves); its
printed lines are parsed.  Peak memory is measured here: the editor with the sample report open
(offscreen, all pages built) against a bare PySide6 QMainWindow, ``ru_maxrss``, median of 3 runs,
with the mappings that hold most of the difference (libraries, fonts, the heap), and a bare window
showing only the Chinese characters the editor shows (the font's floor: the font file is mapped and
each character drawn keeps the pages around its glyph resident, whatever draws it).
The 汇总 reads 10 000 units (300 with ``--quick``; ``--units`` to choose), generated once into a
cache folder that later runs reuse.  Start-up and repaint are also measured for the code before the
上年数/同比图 panels (``--before``, default the commit before them; a copy made with ``git archive``)
and with the panels shown, to show them unchanged while hidden.
The machine's load (``uptime``) is noted before and after each benchmark; a benchmark that ran
while the load was above ``HIGH_LOAD`` per core is run once more and the run under the lower load
is reported (both are printed).  A benchmark that is missing or whose output cannot be parsed is
listed as such, never left out.  Reports, never asserts.
"""

from __future__ import annotations

import argparse
import collections
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
BEFORE_PANELS = "866f862"   # the last commit before the 上年数/同比图 panels (issue 23)
HIGH_LOAD = 2.0             # load average per core above which a benchmark is run again
DETAILS: list[str] = []     # lines printed under the table
ARGS = argparse.Namespace(quick=False, units=None, units_folder=None, before=BEFORE_PANELS)   # main() sets them

MEMORY_CHILD = r"""
import gc, os, re, resource, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
mode, sample = sys.argv[1], sys.argv[2]
def stage(label):  # resident now and its high-water mark so far (is the peak a burst, or what stays?)
    with open("/proc/self/status") as f:
        kb = {k: v.split()[0] for k, v in (line.split(":", 1) for line in f if line.startswith(("VmRSS", "VmHWM")))}
    print(f"STAGE {kb['VmRSS']} {kb['VmHWM']} {label}")
if mode in ("bare", "table", "chars"):
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTableWidget, QTableWidgetItem
    app = QApplication(sys.argv[:1])
    stage("QApplication made")
    window = QMainWindow(); window.resize(1440, 920)
    if mode == "chars":  # only the Chinese characters the editor shows (argv[2]), in one label
        window.setCentralWidget(QLabel("\n".join(sample[i:i + 60] for i in range(0, len(sample), 60))))
    if mode == "table":  # (bench_startup.py's minimal Chinese table window, reduced to its table)
        table = QTableWidget(30, 10)
        for r in range(30):
            for c in range(10):
                table.setItem(r, c, QTableWidgetItem(f"申请{r * c}"))
        window.setCentralWidget(table)
        window.menuBar().addMenu("文件(&F)").addAction("新建…")
    window.show()
    for _ in range(20): app.processEvents()
    stage("window shown")
else:
    from govreport_gui.qt.app import create_window, ensure_app
    app = ensure_app()
    stage("QApplication made")
    window = create_window([sample], offer_recovery=False)
    stage("report read, window built")
    window.show(); app.processEvents()
    while not window.session.document.checked: app.processEvents()
    stage("window shown, first paint, checks")
    while not all(p.built for p in window.pages): app.processEvents()
    stage("every section page built (hidden)")
    for page in window.pages:
        window.tabs.setCurrentWidget(page); app.processEvents()
    stage("every section page shown once")
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss   # (before the counting below allocates)
held = {}
name = None
with open("/proc/self/smaps") as f:
    for line in f:
        if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
            parts = line.split()
            path = parts[5] if len(parts) > 5 else "[anonymous: Python objects, Qt's allocations]"
            name = os.path.basename(path) if path.startswith("/") else path
        elif line.startswith("Rss:"):
            held[name] = held.get(name, 0) + int(line.split()[1])
for name, kb in held.items():
    print(f"HELD {kb} {name}")
print(f"COUNT Python objects tracked by the collector {len(gc.get_objects())}")
print(f"COUNT Python memory blocks allocated {sys.getallocatedblocks()}")
print(f"COUNT Qt widgets {len(app.allWidgets())}")
print(f"COUNT Python modules imported {len(sys.modules)}")
pyside = [m for m in sys.modules.values() if getattr(m, "__name__", "").startswith("PySide6.Qt")]
made = [v for m in pyside for v in vars(m).values() if isinstance(v, type)]   # (PySide makes a class when first used)
print(f"COUNT PySide classes made {len(made)}")
try:  # glibc's malloc: what is in use now (Python's small objects are in its own arenas, outside it)
    import ctypes
    class MallInfo2(ctypes.Structure):
        _fields_ = [(n, ctypes.c_size_t) for n in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                                                   "fsmblks", "uordblks", "fordblks", "keepcost")]
    mallinfo2 = ctypes.CDLL(None).mallinfo2
    mallinfo2.restype = MallInfo2
    info = mallinfo2()
    print(f"COUNT kB in use from malloc (Qt's allocations, Python's objects over 512 bytes) {(info.uordblks + info.hblkhd) // 1024}")
except (AttributeError, OSError, TypeError):
    pass
import enum
members = sum(len(o.__members__) for o in gc.get_objects() if isinstance(o, enum.EnumMeta))
print(f"COUNT Python enum members (PySide makes a class's enums with it) {members}")
if mode == "app":  # the Chinese characters the window shows (the font holds the pages of each one's glyph)
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QGroupBox, QLabel, QLineEdit,
                                   QPlainTextEdit, QTabBar)
    def columns(m):
        try: return m.columnCount(QModelIndex())
        except TypeError: return 1   # a list model
    shown = [a.text() for a in window.menuBar().actions()]
    for w in app.allWidgets():
        if isinstance(w, (QLabel, QAbstractButton, QLineEdit)): shown.append(re.sub("<[^>]*>", "", w.text()))
        elif isinstance(w, QPlainTextEdit): shown += [w.toPlainText() or w.placeholderText()]
        elif isinstance(w, QComboBox): shown.append(w.currentText())
        elif isinstance(w, QGroupBox): shown.append(w.title())
        elif isinstance(w, QTabBar): shown += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            shown += [str(m.index(r, c).data() or "") for r in range(m.rowCount(QModelIndex())) for c in range(columns(m))]
    print("CHARS " + "".join(sorted({ch for ch in "".join(shown) if ord(ch) >= 0x2E80})))
print(peak, flush=True)
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


def before_panels_tree(rev: str) -> Path | None:
    """A copy of the code at ``rev`` (``git archive``), made once per run; None without git."""
    if not hasattr(before_panels_tree, "made"):
        folder = Path(tempfile.mkdtemp(prefix="bench-before-"))
        try:
            archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], capture_output=True, check=True).stdout
            subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
            before_panels_tree.made = folder  # type: ignore[attr-defined]
        except (OSError, subprocess.CalledProcessError):
            before_panels_tree.made = None  # type: ignore[attr-defined]
    return before_panels_tree.made  # type: ignore[attr-defined]


def bench_startup(quick: bool) -> list[dict]:
    tree = before_panels_tree(ARGS.before)
    label = f"before the panels, {ARGS.before}"
    out, _ = run_script("bench_startup.py", ["--runs", "3" if quick else "7"]
                        + (["--tree", f"{label}={tree}"] if tree else []))
    bare = num(r"bare QMainWindow\s+([\d.]+) ms", out)
    table = num(r"minimal Chinese table window\s+([\d.]+) ms", out)
    app = num(r"editor \+ sample report\s+([\d.]+) ms", out)
    if bare is None or app is None or table is None:
        return [row("start-up to first paint", "unparsed", "", "", "≤ 1.15× table window", None)]
    rows = [row("start-up to first paint (sample report)", f"{app:.0f} ms", f"{table:.0f} ms minimal Chinese table window",
                f"{app / table:.2f}×", "≤ 1.15×", app / table <= 1.15),
            row("  the same against a bare window", f"{app:.0f} ms", f"{bare:.0f} ms bare QMainWindow",
                f"{app / bare:.2f}×", "—", None)]
    cpu_app, cpu_table = num(r"cpu editor \+ sample report\s+([\d.]+) ms", out), num(r"cpu minimal Chinese table window\s+([\d.]+) ms", out)
    if cpu_app and cpu_table:
        rows.append(row("  the same, CPU time until the first paint (the program's own share)", f"{cpu_app:.0f} ms",
                        f"{cpu_table:.0f} ms minimal Chinese table window", f"{cpu_app / cpu_table:.2f}×", "— (informative)", None))
    for what, label_re in (("start-up until the findings are shown", "editor: checks shown"),
                           ("reference: bare window + one Chinese label", "one Chinese label"),
                           ("start-up, 上年数 + 同比图 shown", "editor, 上年数 \\+ 同比图 shown"),
                           (f"start-up of the code {label} (panels hidden = unchanged?)", re.escape(f"editor ({label})"))):
        measured = num(label_re + r"\s+([\d.]+) ms", out)
        if measured is not None:
            rows.append(row(what, f"{measured:.0f} ms", f"{table:.0f} ms minimal Chinese table window",
                            f"{measured / table:.2f}×", "—", None))
    return rows


def bench_startup_breakdown(quick: bool) -> list[dict]:
    out, _ = run_script("bench_startup_breakdown.py", ["--runs", "3" if quick else "5"])
    lines = [line for line in out.splitlines() if line.startswith(("  step ", "  import "))]
    if not lines:
        return [row("start-up breakdown", "unparsed", "", "", "", None)]
    DETAILS.append("Start-up breakdown (steps inside the editor's start, medians; then -X importtime's largest "
                   "top-level imports):")
    DETAILS.extend(lines)
    return []


def bench_packaged_startup(quick: bool) -> list[dict]:
    """Each built package found (dist/govreport, dist/oldglibc/govreport, /opt/govreport) against the
    editor from source, both to their window on X11 (issue 21: the package's ratio to a bare window
    no worse than the source's)."""
    out, _ = run_script("bench_packaged_startup.py", ["--runs", "3" if quick else "7"])
    what = "start-up of the built package to its window on X11 (Xvfb)"
    if out.startswith("not measured"):
        return [row(what, out.strip(), "", "", "≤ the source's ratio", None)]
    lines = {m.group(1): (float(m.group(2)), float(m.group(3)), float(m.group(4)), float(m.group(5))) for m in
             re.finditer(r"^  (.+?)\s+(\d+) ms  ratio ([\d.]+)×  CPU\s+(\d+) ms  ratio ([\d.]+)×$", out, re.M)}
    bare, source = lines.get("bare QMainWindow (Python)"), lines.get("editor from source")
    packages = {label[len("packaged editor ("):-1]: v for label, v in lines.items() if label.startswith("packaged editor (")}
    if bare is None or source is None or not packages:
        return [row(what, "unparsed: " + " / ".join(out.strip().splitlines()[-3:]), "", "", "≤ the source's ratio", None)]
    rows = [row("  the editor from source, the same way", f"{source[0]:.0f} ms", f"{bare[0]:.0f} ms bare QMainWindow",
                f"{source[1]:.2f}×", "—", None)]
    for path, (wall, ratio, cpu, cpu_ratio) in packages.items():
        shown = os.path.relpath(path, REPO) if path.startswith(str(REPO)) else path
        rows.append(row(f"{what}: {shown}", f"{wall:.0f} ms", f"{bare[0]:.0f} ms bare QMainWindow", f"{ratio:.2f}×",
                        f"≤ {source[1]:.2f}× (the source's)", ratio <= source[1]))
        rows.append(row("  the same, CPU time until the window shows", f"{cpu:.0f} ms", f"{bare[2]:.0f} ms bare QMainWindow",
                        f"{cpu_ratio:.2f}×", f"≤ {source[3]:.2f}× (the source's)", cpu_ratio <= source[3]))
    return rows[1:] + rows[:1]


def _edit_run(args: list[str], tree: Path | None = None) -> tuple[tuple[float, float] | None, tuple[float, float] | None]:
    """(median, p95) of edit → repaint and of the whole grid + panel repainted."""
    if tree is None:
        out, _ = run_script("bench_edit.py", args)
    else:   # the same measuring code, run against the other copy of the code
        copy = tree / "benchmarks" / "bench_edit_now.py"
        copy.write_text((HERE / "bench_edit.py").read_text(encoding="utf-8"), encoding="utf-8")
        out = subprocess.run([sys.executable, str(copy), *args], capture_output=True, text=True, timeout=900,
                             env=dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(tree))).stdout
    edit = re.search(r"edit → (?:window|grid/panel) repainted\s+median\s+([\d.]+) ms,\s+p95\s+([\d.]+) ms", out)
    whole = re.search(r"whole grid, panel and tab bar repainted: median\s+([\d.]+) ms, p95\s+([\d.]+) ms", out)
    cpu = re.search(r"CPU time of the window's thread: median\s+([\d.]+) ms,\s+p95\s+([\d.]+) ms", out)
    return (tuple(map(float, edit.groups())) if edit else None,  # type: ignore[return-value]
            tuple(map(float, whole.groups())) + (tuple(map(float, cpu.groups())) if cpu else ()) if whole else None)


def bench_edit(quick: bool) -> list[dict]:
    edits = ["--edits", "100" if quick else "200"]
    edit, whole = _edit_run(edits)
    if edit is None or whole is None:
        return [row("edit → repaint", "unparsed", "", "", "p95 ≤ 16 ms", None)]
    rows = [row("whole grid + findings panel + tab bar repainted", f"median {whole[0]:.1f} ms, p95 {whole[1]:.1f} ms",
                "16 ms (one frame at 60 Hz)", f"{whole[1] / 16:.2f}× (p95)", "p95 ≤ 16 ms", whole[1] <= 16)]
    if len(whole) > 2:
        rows.append(row("  the same, CPU time of the window's thread (the program's own share)",
                        f"median {whole[2]:.1f} ms, p95 {whole[3]:.1f} ms", "16 ms", f"{whole[3] / 16:.2f}× (p95)",
                        "— (informative)", None))
    rows += [
            row("edit → totals, checks, what changed repainted", f"median {edit[0]:.1f} ms, p95 {edit[1]:.1f} ms",
                "16 ms", f"{edit[1] / 16:.2f}× (p95)", "p95 ≤ 16 ms", edit[1] <= 16)]
    tree = before_panels_tree(ARGS.before)
    for what, (e, w) in (("  the same, 上年数 + 同比图 shown", _edit_run(edits + ["--panels"])),
                         (f"  the same, code before the panels ({ARGS.before})", _edit_run(edits, tree) if tree else (None, None))):
        if w is not None:
            rows.append(row(what, f"whole: p95 {w[1]:.1f} ms; edit: p95 {e[1]:.1f} ms" if e else f"whole: p95 {w[1]:.1f} ms",
                            "16 ms", f"{w[1] / 16:.2f}× (p95)", "— (comparison)", None))
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
    n = ARGS.units or (300 if quick else 10000)
    folder = ARGS.units_folder or Path(tempfile.gettempdir()) / f"govreport-bench-units-{n}"
    out, _ = run_script("bench_consolidate.py", ["--units", str(n), "--keep", str(folder)], timeout=3600)
    total = num(r"total\s+([\d.]+) s", out)
    idle = num(r"on idle cores\s+([\d.]+) s", out)
    pause = num(r"longest pause\s+([\d.]+) ms", out)
    dialog = num(r"units read and summed in\s+([\d.]+) s", out)
    target = 15.0 if n >= 10000 else 30.0 * n / 300
    if total is None:
        return [row(f"汇总 of {n} unit files", "unparsed", "", "", f"< {target:.0f} s", None)]
    mix = re.search(r"\): (\.docx.*)", out)
    rows = [row(f"汇总 of {n} unit files ({mix.group(1) if mix else ''}): read, check, sum on {os.cpu_count()} cores",
                f"{total:.1f} s", f"{idle:.1f} s = all CPU time / cores (no other load)" if idle else "",
                f"{total / target:.2f}×", f"< {target:.0f} s", total < target)]
    if dialog is not None:
        rows.append(row("  the same in the 汇总 dialog", f"{dialog:.1f} s", "", "", "—", None))
    if pause is not None:
        p99 = num(r"99th percentile\s+([\d.]+) ms", out)
        rows.append(row("汇总 dialog: longest event-loop pause while reading",
                        f"{pause:.0f} ms" + (f" (99th percentile of the 10 ms ticks: {p99:.0f} ms)" if p99 else ""),
                        "50 ms", f"{pause / 50:.2f}×", "≤ 50 ms", pause <= 50))
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
    ods = num(r"ledger read \+ count \(\.ods\):\s+([\d.]+) ms", out)
    if ods is not None:
        rows.append(row("  the same ledger as .ods", f"{ods / 1000:.2f} s", "", "", "< 2 s", ods < 2000))
    return rows


def _memory_run(mode: str, env: dict, arg: str = str(SAMPLE)) -> tuple[float, dict[str, int], list[str]]:
    lines = subprocess.run([sys.executable, "-c", MEMORY_CHILD, mode, arg], capture_output=True,
                           text=True, env=env, timeout=120).stdout.strip().splitlines()
    held = {}
    for line in lines:
        if line.startswith("HELD "):
            _, kb, name = line.split(" ", 2)
            held[name] = held.get(name, 0) + int(kb)
    counts = [line[len("COUNT "):] for line in lines if line.startswith("COUNT ")]
    counts += [line for line in lines if line.startswith(("CHARS ", "STAGE "))]
    return int(lines[-1]) / 1024, held, counts


def memory_timeline(stages: dict[str, list[list[str]]], peak: float) -> list[str]:
    """The editor's resident memory and its high-water mark at each stage (medians of the runs), beside
    the bare window's where it has the stage, and whether the peak is a burst or what stays resident."""
    def medians(runs: list[list[str]]) -> dict[str, tuple[float, float]]:
        by_label = collections.defaultdict(list)
        for run in runs:
            for line in run:
                _, rss, hwm, label = line.split(" ", 3)
                by_label[label].append((int(rss) / 1024, int(hwm) / 1024))
        return {label: (statistics.median(r for r, _ in v), statistics.median(h for _, h in v))
                for label, v in by_label.items()}
    app, bare = medians(stages["app"]), medians(stages["bare"])
    if not app:
        return []
    lines = ["Memory over time, the editor (resident MB, its high-water mark so far; the bare window's "
             "resident beside it where it has the stage):"]
    for label, (rss, hwm) in app.items():
        beside = f"  (bare window: {bare[label][0]:.1f})" if label in bare else ""
        lines.append(f"  {rss:6.1f} {hwm:6.1f}  {label}{beside}")
    lines += [f"  {rss:6.1f} {hwm:6.1f}  the bare window: {label}" for label, (rss, hwm) in bare.items() if label not in app]
    last = list(app.values())[-1][0]
    lines.append(f"  peak {peak:.1f} MB: " + (f"{peak - last:.1f} MB above what stays at the end — a burst sets it"
                                                if peak - last > 1 else "what stays resident at the end, no burst"))
    return lines


def bench_memory(quick: bool) -> list[dict]:
    # an installed application has its bytecode compiled (as in bench_startup.py): each window's first run
    # writes it to a cache of this run's own, not counted; compiled from source, the editor held 0.15–0.45 MB
    # more (the compiler's leftovers), and more or less as the checkout's own caches happened to be fresh
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GOVREPORT_DATA_DIR=tempfile.mkdtemp(prefix="bench-mem-"),
               PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
               PYTHONPYCACHEPREFIX=tempfile.mkdtemp(prefix="bench-mem-pycache-"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    peaks: dict[str, list[float]] = {"bare": [], "table": [], "app": [], "chars": []}
    for mode in peaks:
        _memory_run(mode, env, "汉字" if mode == "chars" else str(SAMPLE))
    held: dict[str, dict[str, int]] = {}
    counts: dict[str, list[str]] = {}
    stages: dict[str, list[list[str]]] = {mode: [] for mode in peaks}
    for _ in range(3):
        for mode in peaks:
            shown = next((c[len("CHARS "):] for c in counts.get("app", []) if c.startswith("CHARS ")), "")
            peak, held[mode], counts[mode] = _memory_run(mode, env, shown if mode == "chars" else str(SAMPLE))
            peaks[mode].append(peak)
            stages[mode].append([c for c in counts[mode] if c.startswith("STAGE ")])
            counts[mode] = [c for c in counts[mode] if not c.startswith("STAGE ")]
    shown = next((c[len("CHARS "):] for c in counts["app"] if c.startswith("CHARS ")), "")
    counts["app"] = [c for c in counts["app"] if not c.startswith("CHARS ")]
    bare, app = statistics.median(peaks["bare"]), statistics.median(peaks["app"])
    more = collections.Counter(held["app"])
    more.subtract(held["bare"])
    DETAILS.append(f"Memory: {app:.0f} MB against {bare:.0f} MB; what the editor holds beyond the bare window "
                   "(resident, by mapping):")
    DETAILS.extend(f"  {kb / 1024:6.1f} MB  {name}" for name, kb in more.most_common(8))
    ours = collections.Counter(held["app"])
    ours.subtract(held["chars"])
    DETAILS.append("  beyond the bare window showing the editor's Chinese characters (the font's floor: what is the "
                   "editor's own), by mapping:")
    DETAILS.extend(f"  {kb / 1024:6.1f} MB  {name}" for name, kb in ours.most_common(10) if kb >= 100)
    DETAILS.extend(f"  {line}  (bare window: {b.rsplit(' ', 1)[-1]})" for line, b in zip(counts["app"], counts["bare"]))
    DETAILS.extend(memory_timeline(stages, app))
    table, chars = statistics.median(peaks["table"]), statistics.median(peaks["chars"])
    return [row("peak memory, sample report open (all pages built)", f"{app:.0f} MB",
                f"{bare:.0f} MB bare QMainWindow", f"{app / bare:.2f}×", "≤ 1.5×", app / bare <= 1.5),
            row("  the same against the minimal Chinese table window (its CJK font loaded)", f"{app:.0f} MB",
                f"{table:.0f} MB minimal Chinese table window", f"{app / table:.2f}×", "—", None),
            row(f"  a bare window showing only the {len(shown)} Chinese characters the editor shows (the font's floor)",
                f"{chars:.0f} MB", f"{bare:.0f} MB bare QMainWindow", f"{chars / bare:.2f}×", "—", None)]


BENCHMARKS = [("bench_startup.py", bench_startup), ("bench_startup_breakdown.py", bench_startup_breakdown),
              ("bench_packaged_startup.py", bench_packaged_startup),
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


def load() -> float:
    """The 1-minute load average (0 where the system does not say)."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, timeout=10).stdout.strip()
    except OSError:
        return f"load average {load():.2f}"


def run_one(script: str | None, fn) -> list[dict]:
    """Run one benchmark; again if the machine was busy (the run under the lower load is kept)."""
    cores = os.cpu_count() or 1
    tries = []
    kept = len(DETAILS)
    for attempt in range(2):
        before = load()
        t0 = time.perf_counter()
        rows = fn(ARGS.quick)
        after = load()
        note = f"load {before:.1f} → {after:.1f}"
        print(f"  ran {script or 'peak memory'} in {time.perf_counter() - t0:.0f} s ({note}; {uptime()})",
              file=sys.stderr, flush=True)
        tries.append((max(before, after), note, rows, DETAILS[kept:]))
        del DETAILS[kept:]
        if max(before, after) <= HIGH_LOAD * cores or attempt or not any(r["verdict"] != "—" for r in rows):
            break
    _, note, rows, details = min(tries, key=lambda t: t[0])
    if len(tries) > 1:
        DETAILS.append(f"{script or 'peak memory'}: run twice, the load was high; kept the run under {note}; the other: "
                       + "; ".join(f"{r['what'].strip()} {r['measured']}" for r in tries[0 if tries[1][2] is rows else 1][2][:3]))
    DETAILS.extend(details)
    for r in rows:
        r["load"] = note
    return rows


def main() -> int:
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, 300 units instead of 10 000")
    parser.add_argument("--units", type=int, default=None, help="units of the 汇总 (default 10 000; 300 with --quick)")
    parser.add_argument("--units-folder", type=Path, default=None, help="where the generated units are kept")
    parser.add_argument("--before", default=BEFORE_PANELS, help="the code to compare start-up and repaint with")
    parser.add_argument("--only", default="", help="run only the benchmarks whose script names contain this")
    ARGS = parser.parse_args()
    started = uptime()
    rows: list[dict] = []
    for script, fn in BENCHMARKS:
        if ARGS.only and ARGS.only not in (script or "memory"):
            continue
        if script and not (HERE / script).exists():
            rows.append(row(script, "missing", "", "", "", None))
            continue
        try:
            rows += run_one(script, fn)
        except Exception as exc:  # noqa: BLE001 - one broken benchmark does not hide the others
            rows.append(row(script or "memory", f"failed: {type(exc).__name__}: {exc}", "", "", "", None))
    print(f"Machine: {machine()}\n")
    print(f"Load: at the start `{started}`; at the end `{uptime()}`\n")
    print("| benchmark | measured | baseline (same run) | ratio | target | verdict | load (1 min, before → after) |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['what']} | {r['measured']} | {r['baseline']} | {r['ratio']} | {r['target']} | {r['verdict']} "
              f"| {r.get('load', '')} |")
    if DETAILS:
        print("\n```\n" + "\n".join(DETAILS) + "\n```")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
