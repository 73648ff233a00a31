"""Start-up time: process start → first painted main window with the sample report, against a
minimal Chinese table window and a bare PySide6 QMainWindow started the same way in the same run
(target: within 1.15× of the minimal Chinese table window).

    python3 benchmarks/bench_startup.py [--runs 7] [--tree LABEL=PATH ...]

Also measured, to read the ratio by:
  * "one Chinese label": the bare window showing a single QLabel of Chinese text, i.e. what the
    first Chinese glyphs cost (the font database, fontconfig, a CJK font) — the bare window paints
    no text at all;
  * "minimal Chinese table window": a QMainWindow with menus, tabs, a 30×10 QTableWidget of
    Chinese text, a dock and a status bar — about the least a window for this job paints;
  * "editor: checks shown": the editor after its first paint runs the checks and fills the
    findings panel; this is when the findings are on screen;
  * the editor with 视图→显示上年数 and the 同比图 remembered as shown (its own data folder);
  * ``--tree LABEL=PATH``: the editor started from another copy of the code (``run_all.py`` passes
    the code before the 上年数/同比图 panels, to show start-up unchanged with them hidden).

First paint: the window's own Paint event, which opens the pass that paints it and its children,
seen by an event filter on the window; the pass is over when the next event-loop turn runs.  (An
event filter on the whole application, as before, makes PySide create a Python class for every Qt
class whose objects get an event — some 250 classes with their enumerations, in every window
measured alike — which added the same cost to both sides of the ratio and brought it closer to 1.)

Reports, never asserts.  Runs headless (QT_QPA_PLATFORM=offscreen) unless QT_QPA_PLATFORM is set.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "resources" / "sample-2024.govreport"

CHILD = r"""
import os, sys
mode, sample = sys.argv[1], sys.argv[2]
from PySide6.QtCore import QEvent, QObject, QTimer
if mode == "app":
    from govreport_gui.qt.app import create_window, ensure_app
    app = ensure_app()
    window = create_window([sample], offer_recovery=False)
else:
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1440, 920)
    if mode == "label":
        from PySide6.QtWidgets import QLabel
        window.setCentralWidget(QLabel("政府信息公开工作年度报告"))
    elif mode == "table":
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QDockWidget, QLabel, QListWidget, QTableWidget, QTableWidgetItem, QTabWidget
        tabs = QTabWidget()
        table = QTableWidget(30, 10)
        for r in range(30):
            for c in range(10):
                table.setItem(r, c, QTableWidgetItem(f"申请{r * c}"))
        tabs.addTab(table, "三、收到和处理政府信息公开申请情况")
        for heading in ("一、总体情况", "二、主动公开政府信息情况", "四、行政复议、行政诉讼情况"):
            tabs.addTab(QLabel(heading), heading)
        window.setCentralWidget(tabs)
        for title in ("文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"):
            window.menuBar().addMenu(title).addAction("新建…")
        dock = QDockWidget("检查结果", window)
        dock.setWidget(QListWidget())
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        window.statusBar().showMessage("错误 0 · 警告 0")

class FirstPaint(QObject):
    done = False
    def eventFilter(self, obj, event):
        if not self.done and event.type() == QEvent.Type.Paint:   # (the window's own paint opens the pass)
            self.done = True
            QTimer.singleShot(0, self.painted)  # after the paint has been flushed
        return False
    def painted(self):
        import resource
        used = resource.getrusage(resource.RUSAGE_SELF)
        print(f"CPU {used.ru_utime + used.ru_stime:.4f}", flush=True)
        print("PAINTED", flush=True)
        if mode != "app":
            os._exit(0)
        self.poll()
    def poll(self):  # the editor: until the first check has filled the findings panel
        if window.session.document.checked and window.findings.summary.text() != "正在检查…":
            app.processEvents()  # the panel's repaint
            print("CHECKED", flush=True)
            os._exit(0)
        QTimer.singleShot(1, self.poll)

watcher = FirstPaint()
window.installEventFilter(watcher)   # (not the application's: see "First paint" in the docstring)
window.show()
app.exec()
"""

MODES = {"bare": "bare QMainWindow", "label": "one Chinese label", "table": "minimal Chinese table window",
         "app": "editor + sample report"}
PANELS = "editor, 上年数 + 同比图 shown"


def one_run(mode: str, env: dict) -> dict[str, float]:
    start = time.perf_counter()
    # -P: the code comes from PYTHONPATH only (``--tree``), not from the folder the benchmark is run in, which
    # ``-c`` would put first on the path (run from a checkout, every tree measured was that checkout)
    proc = subprocess.Popen([sys.executable, "-P", "-c", CHILD, mode, str(SAMPLE)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    times: dict[str, float] = {}
    for line in proc.stdout:
        if line.startswith("CPU "):
            times["CPU"] = float(line.split()[1])
        else:
            times[line.strip()] = time.perf_counter() - start
    proc.wait(30)
    if "PAINTED" not in times or (mode == "app" and "CHECKED" not in times):
        raise RuntimeError(f"{mode}: the window was not painted")
    return times


def environments(base: dict, panels_data: str, trees: list[str]) -> dict[str, tuple[str, dict]]:
    """label → (child mode, environment): the four windows, the editor with the panels shown (its
    own data folder remembering them), and the editor of each other code tree (``LABEL=PATH``)."""
    runs = {label: (mode, base) for mode, label in MODES.items()}
    runs[PANELS] = ("app", dict(base, GOVREPORT_DATA_DIR=panels_data))
    for tree in trees:
        label, path = tree.split("=", 1)
        runs[f"editor ({label})"] = ("app", dict(base, PYTHONPATH=os.pathsep.join([path, base.get("PYTHONPATH", "")])))
    return runs


def measure(runs: dict[str, tuple[str, dict]], count: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    for mode, env in runs.values():
        one_run(mode, env)  # warm the file and bytecode caches
    painted: dict[str, list[float]] = {label: [] for label in runs}
    checked: dict[str, list[float]] = {label: [] for label in runs}
    for _ in range(count):
        for label, (mode, env) in runs.items():  # interleaved: all see the same machine load
            times = one_run(mode, env)
            painted[label].append(times["PAINTED"])
            CPU.setdefault(label, []).append(times.get("CPU", 0.0))
            if "CHECKED" in times:
                checked[label].append(times["CHECKED"])
    return painted, checked


CPU: dict[str, list[float]] = {}   # label → CPU seconds of each process until its first paint


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--tree", action="append", default=[], metavar="LABEL=PATH",
                        help="also start the editor from another copy of the code (e.g. before a change)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as panels, \
            tempfile.TemporaryDirectory() as pycache:
        (Path(panels) / "settings.json").write_text(json.dumps({"show_previous_figures": True,
                                                                "show_year_charts": True}), encoding="utf-8")
        # an installed application has its bytecode compiled: let every run cache its own
        env = dict(os.environ, GOVREPORT_DATA_DIR=data, PYTHONPYCACHEPREFIX=pycache)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
        painted, checked = measure(environments(env, panels, args.tree), args.runs)
    bare = statistics.median(painted[MODES["bare"]])
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs} each (median, min–max; ratio to bare)")
    rows = list(painted.items()) + [("editor: checks shown", checked[MODES["app"]])]
    for label, t in rows:
        median = statistics.median(t)
        print(f"  {label:30s} {median * 1000:7.0f} ms  ({min(t) * 1000:.0f}–{max(t) * 1000:.0f})  "
              f"{median / bare:.2f}×")
    print("CPU time until the first paint (user + system; what the program itself spends, whatever else runs):")
    for label, t in CPU.items():
        print(f"  cpu {label:26s} {statistics.median(t) * 1000:7.0f} ms  "
              f"{statistics.median(t) / statistics.median(CPU[MODES['table']]):.2f}× the table window")
    table = statistics.median(painted[MODES["table"]])
    ratio = statistics.median(painted[MODES["app"]]) / table
    best = min(painted[MODES["app"]]) / min(painted[MODES["table"]])  # best of each: least disturbed by load
    verdict = "within" if ratio <= 1.15 else "OVER"
    print(f"  editor / minimal Chinese table window: ratio of medians {ratio:.2f}× ({verdict} the 1.15× target); "
          f"ratio of best runs {best:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
