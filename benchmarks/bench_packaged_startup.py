"""Start-up of the built packages on a real X server (Xvfb), against a bare PySide6 QMainWindow and
the unpackaged editor started the same way: process start → its window is mapped and visible
(polling ``xdotool search --onlyvisible --pid``), median of several runs taken in turns.  Beside the
wall time, the CPU time (user + system) the process had spent when its window showed: the shared
machine's load stretches wall times, not the work done.

    python3 benchmarks/bench_packaged_startup.py [--runs 5] [--app PATH]...

Measured, every one that exists (or the ``--app`` given): ``dist/govreport/govreport``
(``packaging/build_linux.sh``), ``dist/oldglibc/govreport/govreport`` (the packages that are
shipped, ``packaging/build_linux_oldglibc.sh``) and the installed ``/opt/govreport/govreport``.
Needs Xvfb and xdotool (``apt-get install xvfb xdotool``) and Qt's xcb libraries; prints
``not measured: …`` with the reason when something is missing.  Reports, never asserts.
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
BUILDS = (REPO / "dist" / "govreport" / "govreport", REPO / "dist" / "oldglibc" / "govreport" / "govreport",
          Path("/opt/govreport/govreport"))
BARE = ("from PySide6.QtWidgets import QApplication, QMainWindow\nimport sys\napp = QApplication(sys.argv[:1])\n"
        "w = QMainWindow(); w.resize(1440, 920); w.show()\napp.exec()\n")


class NotShown(Exception):
    """The program ended, or showed no window in time; ``str()`` says which, with its last words."""


def one_run(command: list[str], env: dict) -> tuple[float, float]:
    """(wall, CPU) seconds from the process's start until its window is mapped and visible."""
    start = time.perf_counter()
    err = tempfile.TemporaryFile()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=err)
    try:
        # poll (xdotool's own --sync waits in steps of half a second)
        while time.perf_counter() - start < 60:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(proc.pid)], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            if found.stdout.strip():
                return time.perf_counter() - start, _cpu_seconds(proc.pid)
            if proc.poll() is not None:
                err.seek(0)
                said = err.read().decode("utf-8", "replace").strip().splitlines()
                raise NotShown(f"{Path(command[0]).name} exited with {proc.returncode} before showing a window"
                               + (f": {' / '.join(said[-3:])}" if said else ""))
            time.sleep(0.005)
        raise NotShown(f"{Path(command[0]).name} showed no window within 60 s")
    finally:
        proc.kill()
        proc.wait()
        err.close()


def _cpu_seconds(pid: int) -> float:
    """The CPU time of a running process: its threads' time on a CPU in nanoseconds
    (``/proc/PID/task/*/schedstat``), else user + system in clock ticks (``/proc/PID/stat``, 10 ms)."""
    try:
        return sum(int((task / "schedstat").read_text().split()[0])
                   for task in Path(f"/proc/{pid}/task").iterdir()) / 1e9
    except (OSError, ValueError, IndexError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def builds(given: list[str] | None) -> list[Path]:
    return [p for p in (map(Path, given) if given else BUILDS) if p.exists()]


def start_xvfb() -> tuple[subprocess.Popen, str]:
    # a display number of our own, away from the low ones other tools (xvfb-run -a) take and drop
    number = next(n for n in range(60 + os.getpid() % 30, 200) if not Path(f"/tmp/.X{n}-lock").exists())
    display = f":{number}"
    # -noreset: otherwise the server resets whenever its last client goes, refusing connections meanwhile
    xvfb = subprocess.Popen(["Xvfb", display, "-noreset", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ready = dict(os.environ, DISPLAY=display)
    for _ in range(200):  # until the server answers
        if subprocess.run(["xdotool", "getdisplaygeometry"], env=ready, capture_output=True).returncode == 0:
            break
        time.sleep(0.05)
    return xvfb, display


def measure(commands: dict[str, list[str]], runs: int, display: str) -> dict[str, list[tuple[float, float]]]:
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as pycache:
        # the source runs from compiled modules, like an installed one (pip compiles them): the warm-up
        # run writes them, also where the environment says not to (PYTHONDONTWRITEBYTECODE), else every
        # start compiled the changed modules again and the source's ratio counted the compiler
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", GOVREPORT_DATA_DIR=data,
                   PYTHONPYCACHEPREFIX=pycache, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for command in commands.values():  # warm the file cache (and write the source's compiled modules)
            one_run(command, env)
        times: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
        for _ in range(runs):  # in turns, so that a busy moment of the machine touches all alike
            for name, command in commands.items():
                times[name].append(one_run(command, env))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--app", action="append", help="a packaged executable (default: every build found: "
                        + ", ".join(str(p) for p in BUILDS) + ")")
    args = parser.parse_args()
    apps = builds(args.app)
    missing = [tool for tool in ("Xvfb", "xdotool") if not shutil.which(tool)]
    if not apps or missing:
        reasons = (["no built package (packaging/build_linux.sh or build_linux_oldglibc.sh)"] if not apps else []) \
            + ([f"{' and '.join(missing)} not installed (apt-get install xvfb xdotool)"] if missing else [])
        print(f"not measured: {'; '.join(reasons)}")
        return 0
    commands = {"bare": [sys.executable, "-c", BARE], "source": [sys.executable, "-m", "govreport_gui", str(SAMPLE)]}
    commands.update({str(app): [str(app), str(SAMPLE)] for app in apps})
    xvfb, display = start_xvfb()
    try:
        times = measure(commands, args.runs, display)
    except NotShown as exc:
        print(f"not measured: {exc}")
        return 0
    finally:
        xvfb.terminate()  # (not kill: Xvfb removes its lock file on SIGTERM)
        xvfb.wait()
    report(times, args.runs)
    return 0


def report(times: dict[str, list[tuple[float, float]]], runs: int) -> None:
    wall = {k: statistics.median(t for t, _ in v) for k, v in times.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in times.items()}
    print(f"X11 (Xvfb), process start → window mapped; runs: {runs} each, in turns (median); CPU = user + system")
    for name in times:
        label = {"bare": "bare QMainWindow (Python)", "source": "editor from source"}.get(name, f"packaged editor ({name})")
        print(f"  {label:44s} {wall[name] * 1000:7.0f} ms  ratio {wall[name] / wall['bare']:.2f}×"
              f"  CPU {cpu[name] * 1000:5.0f} ms  ratio {cpu[name] / cpu['bare']:.2f}×")


if __name__ == "__main__":
    raise SystemExit(main())
