"""Where the editor's start-up goes: the steps from process start to the findings shown, and the
imports that cost most (``python -X importtime``).

    python3 benchmarks/bench_startup_breakdown.py [--runs 5]

The steps are timed inside the editor's own start (``qt.app.create_window``), in order: Python
up, PySide6 imported, QApplication made (with the Chinese translation; made first, as the editor
starts), the application's modules imported, the first Chinese text measured (the font database and a CJK font: what any
Chinese window pays), the sample report read, the window built (its first page and the tabs),
shown to its first paint, and the checks run with the findings panel filled.  Medians of
``--runs`` processes.  The import list comes from one more process started with ``-X importtime``:
the top-level imports by cumulative time.  Reports, never asserts.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "resources" / "sample-2024.govreport"

CHILD = r"""
import os, sys, time
def mark(name):
    print(f"MARK {name} {time.perf_counter():.6f}", flush=True)
mark("Python up")
import PySide6.QtWidgets
mark("PySide6 imported")
from govreport_gui.qt import app as qt_app
app = qt_app.ensure_app()   # first, as the editor starts (the collector paused from here to the first paint)
mark("QApplication made")
from govreport_gui.qt import main_window
from govreport_gui.io import registry
mark("application modules imported")
from PySide6.QtGui import QFontMetrics
QFontMetrics(app.font()).horizontalAdvance("政府信息公开工作年度报告")
mark("first Chinese text measured (fonts)")
read = registry.read_report
def timed_read(path):
    result = read(path)
    mark("sample report read")
    return result
registry.read_report = timed_read
window = qt_app.create_window([sys.argv[1]], offer_recovery=False)
mark("window built (first page, tabs)")
from PySide6.QtCore import QEvent, QObject, QTimer
class Watch(QObject):
    painted = False
    def eventFilter(self, obj, event):
        if not self.painted and event.type() == QEvent.Type.Paint:   # (the window's own: as bench_startup)
            self.painted = True
            QTimer.singleShot(0, self.after_paint)
        return False
    def after_paint(self):
        mark("first paint")
        self.poll()
    def poll(self):
        if window.session.document.checked and window.findings.summary.text() != "正在检查…":
            app.processEvents()
            mark("checks run, findings shown")
            os._exit(0)
        QTimer.singleShot(1, self.poll)
watch = Watch()
window.installEventFilter(watch)
window.show()
app.exec()
"""


def one_run(env: dict) -> list[tuple[str, float]]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, str(SAMPLE)], env=env, capture_output=True, text=True,
                         timeout=60).stdout
    marks = [(m.group(1), float(m.group(2))) for m in re.finditer(r"MARK (.+) ([\d.]+)", out)]
    steps, last = [], start
    for name, t in marks:
        steps.append((name, t - last))
        last = t
    return steps


def import_times(env: dict, top: int = 10) -> list[tuple[str, float]]:
    """The top-level imports of the editor's start by cumulative time (ms), largest first."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", CHILD, str(SAMPLE)], env=env,
                          capture_output=True, text=True, timeout=60)
    found = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \| (\S.*)$", line)  # depth 0: no indent before the name
        if m:
            found.append((m.group(2), int(m.group(1)) / 1000))
    return sorted(found, key=lambda f: -f[1])[:top]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as pycache:
        env = dict(os.environ, GOVREPORT_DATA_DIR=data, PYTHONPYCACHEPREFIX=pycache)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
        one_run(env)  # warm the caches
        runs = [one_run(env) for _ in range(args.runs)]
        imports = import_times(env)
    names = [name for name, _ in runs[0]]
    print(f"start-up steps (median of {args.runs} processes):")
    total = 0.0
    for i, name in enumerate(names):
        ms = statistics.median(r[i][1] for r in runs if len(r) > i) * 1000
        total += ms
        print(f"  step {name:40s} {ms:7.1f} ms  (until then {total:6.0f} ms)")
    print("largest top-level imports (-X importtime, cumulative, one process):")
    for name, ms in imports:
        print(f"  import {name:40s} {ms:7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
