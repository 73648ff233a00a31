"""Start-up time: process start → first painted main window with the sample report, against a bare
PySide6 QMainWindow started the same way in the same run (target: within 1.5× of it).

    python3 benchmarks/bench_startup.py [--runs 7]

Reports, never asserts.  Runs headless (QT_QPA_PLATFORM=offscreen) unless QT_QPA_PLATFORM is set.
"""

from __future__ import annotations

import argparse
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
if mode == "bare":
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1440, 920)
else:
    from govreport_gui.qt.app import create_window, ensure_app
    app = ensure_app()
    window = create_window([sample])

class FirstPaint(QObject):
    done = False
    def eventFilter(self, obj, event):
        if not self.done and event.type() == QEvent.Type.Paint and getattr(obj, "window", None) \
                and obj.isWidgetType() and obj.window() is window:
            self.done = True
            QTimer.singleShot(0, self.report)  # after the paint has been flushed
        return False
    def report(self):
        print("PAINTED", flush=True)
        os._exit(0)

watcher = FirstPaint()
app.installEventFilter(watcher)
window.show()
app.exec()
"""


def one_run(mode: str, env: dict) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, mode, str(SAMPLE)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait(30)
    if not line.startswith("PAINTED"):
        raise RuntimeError(f"{mode}: the window was not painted")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as pycache:
        # an installed application has its bytecode compiled: let both runs cache theirs
        env = dict(os.environ, GOVREPORT_DATA_DIR=data, PYTHONPYCACHEPREFIX=pycache)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
        one_run("bare", env)  # warm the file cache for both
        one_run("app", env)
        times: dict[str, list[float]] = {"bare": [], "app": []}
        for _ in range(args.runs):
            for mode in ("bare", "app"):  # interleaved: both see the same machine load
                times[mode].append(one_run(mode, env))
    bare, app = statistics.median(times["bare"]), statistics.median(times["app"])
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs} each (median, min–max)")
    for mode, label in (("bare", "bare QMainWindow"), ("app", "editor + sample report")):
        t = times[mode]
        print(f"  {label:24s} {statistics.median(t) * 1000:7.0f} ms  ({min(t) * 1000:.0f}–{max(t) * 1000:.0f})")
    ratio = app / bare
    best = min(times["app"]) / min(times["bare"])  # best of each: least disturbed by machine load
    verdict = "within" if ratio <= 1.5 else "OVER"
    print(f"  ratio of medians {ratio:.2f}× ({verdict} the 1.5× target); ratio of best runs {best:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
