"""Start-up of the built package (``dist/govreport/govreport`` or the installed
``/opt/govreport/govreport``) on a real X server (Xvfb), against a bare PySide6 QMainWindow and
the unpackaged editor started the same way: process start → its window is mapped and visible
(polling ``xdotool search --onlyvisible --pid``), median of several runs.

    python3 benchmarks/bench_packaged_startup.py [--runs 5] [--app PATH]

Needs Xvfb and xdotool (``apt-get install xvfb xdotool``); prints why when something is missing.
Reports, never asserts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "resources" / "sample-2024.govreport"
BARE = ("from PySide6.QtWidgets import QApplication, QMainWindow\nimport sys\napp = QApplication(sys.argv[:1])\n"
        "w = QMainWindow(); w.resize(1440, 920); w.show()\napp.exec()\n")


def one_run(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    err = tempfile.TemporaryFile()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=err)
    try:
        # poll (xdotool's own --sync waits in steps of half a second)
        while time.perf_counter() - start < 60:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(proc.pid)], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            if found.stdout.strip():
                return time.perf_counter() - start
            if proc.poll() is not None:
                err.seek(0)
                raise RuntimeError(f"exited with {proc.returncode} before showing a window: {command}\n"
                                   + err.read().decode("utf-8", "replace")[-2000:])
            time.sleep(0.005)
        raise RuntimeError(f"no window within 60 s: {command}")
    finally:
        proc.kill()
        proc.wait()
        err.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--app", help="the packaged executable (default: dist/govreport/govreport, else /opt/govreport/govreport)")
    args = parser.parse_args()
    app = Path(args.app) if args.app else next(
        (p for p in (REPO / "dist" / "govreport" / "govreport", Path("/opt/govreport/govreport")) if p.exists()), None)
    missing = [tool for tool in ("Xvfb", "xdotool") if not shutil.which(tool)]
    if app is None or missing:
        print(f"not measured: {'no built package (run packaging/build_linux.sh)' if app is None else ''}"
              f"{' missing ' + ', '.join(missing) if missing else ''}")
        return 0
    # a display number of our own, away from the low ones other tools (xvfb-run -a) take and drop
    number = next(n for n in range(60 + os.getpid() % 30, 200) if not Path(f"/tmp/.X{n}-lock").exists())
    display = f":{number}"
    # -noreset: otherwise the server resets whenever its last client goes, refusing connections meanwhile
    xvfb = subprocess.Popen(["Xvfb", display, "-noreset", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ready = dict(os.environ, DISPLAY=display)
        for _ in range(200):  # until the server answers
            if subprocess.run(["xdotool", "getdisplaygeometry"], env=ready, capture_output=True).returncode == 0:
                break
            time.sleep(0.05)
        with tempfile.TemporaryDirectory() as data:
            env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", GOVREPORT_DATA_DIR=data,
                       PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
            commands = {"bare": [sys.executable, "-c", BARE],
                        "source": [sys.executable, "-m", "govreport_gui", str(SAMPLE)],
                        "package": [str(app), str(SAMPLE)]}
            for command in commands.values():  # warm the file cache
                one_run(command, env)
            times: dict[str, list[float]] = {k: [] for k in commands}
            for _ in range(args.runs):
                for name, command in commands.items():
                    times[name].append(one_run(command, env))
    finally:
        xvfb.terminate()  # (not kill: Xvfb removes its lock file on SIGTERM)
        xvfb.wait()
    bare = statistics.median(times["bare"])
    print(f"X11 (Xvfb), window mapped; runs: {args.runs} each (median)")
    for name, label in (("bare", "bare QMainWindow (Python)"), ("source", "editor from source"),
                        ("package", f"packaged editor ({app})")):
        t = statistics.median(times[name])
        print(f"  {label:44s} {t * 1000:7.0f} ms  ratio {t / bare:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
