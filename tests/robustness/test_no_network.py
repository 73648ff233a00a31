"""The application makes no network connection at all.

The application is run in subprocesses — the self-test (main window with the sample, checks,
Word/Excel/project/JSON export and re-read), the command line (check, export, merge) and the
editor opening files and exporting through its own file flows — with

* an audit hook (``sitecustomize``) recording every socket, DNS and URL-opening attempt made from
  Python, and whether Qt's network library was ever loaded into the process;
* ``strace`` (when installed; CI installs it) recording every ``connect``/``sendto``/``sendmsg``
  system call of the process and its children, native code included.

Local IPC (``AF_UNIX``, e.g. D-Bus for the input method) is not a network connection and is
allowed; an ``AF_INET``/``AF_INET6``/``AF_NETLINK`` connect is not.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "sample-2024.govreport"

SITECUSTOMIZE = textwrap.dedent('''
    import atexit, json, os, sys
    _LOG = os.environ["GOVREPORT_NET_LOG"]
    _EVENTS = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
               "socket.gethostbyaddr", "socket.sendto", "socket.sendmsg", "socket.bind", "urllib.Request",
               "http.client.connect", "ftplib.connect", "smtplib.connect", "webbrowser.open")
    _seen = []

    def _hook(event, args):
        if event in _EVENTS:
            _seen.append(f"{event} {args!r}"[:300])
        elif event == "socket.__new__" and args and args[1] not in (1,):  # AF_UNIX is local IPC
            _seen.append(f"{event} {args!r}"[:300])

    def _finish():
        try:
            with open("/proc/self/maps", encoding="utf-8", errors="replace") as f:
                qt_network = sorted({line.split()[-1] for line in f if "Qt6Network" in line})
        except OSError:
            qt_network = []
        # (http.client and ssl get imported by xml.sax.saxutils → urllib.request: importing is not
        # connecting, the audit events above would show any use)
        modules = sorted(m for m in sys.modules if m.startswith("PySide6.QtNetwork"))
        with open(_LOG, "a", encoding="utf-8") as f:
            f.write(json.dumps({"argv": sys.argv, "events": _seen, "qt_network": qt_network,
                                "modules": modules}) + "\\n")

    sys.addaudithook(_hook)
    atexit.register(_finish)
''')

EDITOR = textwrap.dedent('''
    # the editor's own file flows: open a project file, import an Excel file, export Word and Excel
    import os, sys
    from pathlib import Path
    from govreport_gui.qt.app import create_window, ensure_app
    from govreport_gui.qt import dialogs
    class Yes:
        def __getattr__(self, name):
            return lambda *a, **k: True
    dialogs.set_implementation(Yes())
    app = ensure_app()
    sample, folder = sys.argv[1], Path(sys.argv[2])
    window = create_window([sample], offer_recovery=False)
    window.show()
    for _ in range(50):
        app.processEvents()
    assert window.flows.import_into(str(folder / "ours.xlsx"))
    for suffix in (".docx", ".xlsx"):
        dialogs.set_implementation(type("D", (Yes,), {"save_file": lambda self, *a, **k: str(folder / f"out{suffix}")})())
        assert window.flows.export(suffix), suffix
        assert (folder / f"out{suffix}").is_file()
    window.flows.shutdown()
    print("EDITOR-OK")
''')


def _run(args: list[str], tmp_path: Path, log: Path, use_strace: bool) -> tuple[subprocess.CompletedProcess, str]:
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir(exist_ok=True)
    (hook_dir / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = dict(os.environ, GOVREPORT_NET_LOG=str(log), QT_QPA_PLATFORM="offscreen",
               GOVREPORT_DATA_DIR=str(tmp_path / "data"),
               PYTHONPATH=os.pathsep.join([str(hook_dir), str(REPO), os.environ.get("PYTHONPATH", "")]))
    command = [sys.executable, *args]
    trace = tmp_path / f"strace-{len(list(tmp_path.glob('strace-*')))}.txt"
    if use_strace:
        command = ["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(trace), *command]
    proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240, cwd=tmp_path)
    return proc, trace.read_text(errors="replace") if use_strace and trace.exists() else ""


def _strace_usable() -> bool:
    if not shutil.which("strace"):
        return False
    probe = subprocess.run(["strace", "-f", "-qq", "-e", "trace=connect", "-o", os.devnull, "true"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


def _network_syscalls(trace: str) -> list[str]:
    bad = []
    for line in trace.splitlines():
        if re.search(r"\b(connect|sendto|sendmsg)\(", line) and "AF_UNIX" not in line and "AF_LOCAL" not in line:
            if re.search(r"AF_INET6?|AF_NETLINK|AF_PACKET|sin_addr|sin6_addr", line):
                bad.append(line.strip())
    return bad


def test_the_application_makes_no_network_connection(tmp_path):
    use_strace = _strace_usable()
    if not use_strace and os.environ.get("CI"):
        pytest.fail("strace is needed for this test in CI (apt-get install strace) and cannot trace here")
    from govreport_gui.io.registry import read_report, write_report
    folder = tmp_path / "files"
    folder.mkdir()
    sample = read_report(SAMPLE)
    write_report(folder / "ours.xlsx", sample.report, sample.previous)
    write_report(folder / "unit2.govreport", sample.report, sample.previous)
    (tmp_path / "editor.py").write_text(EDITOR, encoding="utf-8")
    log = tmp_path / "net.jsonl"
    runs = [
        ["-m", "govreport_gui", "--self-test"],
        ["-m", "govreport_gui", "check", str(folder / "ours.xlsx")],
        ["-m", "govreport_gui", "export", str(SAMPLE), "-o", str(folder / "cli.docx")],
        ["-m", "govreport_gui", "merge", str(SAMPLE), str(folder / "unit2.govreport"), "-o",
         str(folder / "merged.govreport"), "--agency", "某某县人民政府"],
        [str(tmp_path / "editor.py"), str(SAMPLE), str(folder)],
    ]
    traces = []
    for args in runs:
        proc, trace = _run(args, tmp_path, log, use_strace)
        assert proc.returncode in (0, 1), f"{args}: exit {proc.returncode}\n{proc.stdout}\n{proc.stderr[-3000:]}"
        traces.append((args, trace))
    assert "自检通过" in _run(["-m", "govreport_gui", "--self-test"], tmp_path, log, False)[0].stdout
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    # every process reported (the hook was active); the 汇总's worker processes (started by
    # multiprocessing as ``python -c …``) report too and are held to the same rules below
    programs = [r for r in records if r["argv"] != ["-c"]]
    assert len(programs) == len(runs) + 1, records
    for record in records:
        assert record["events"] == [], record
        assert record["qt_network"] == [], record
        assert record["modules"] == [], record
    for args, trace in traces:
        assert _network_syscalls(trace) == [], (args, _network_syscalls(trace))


def test_the_watchers_see_a_connection_attempt(tmp_path):
    """The same watchers catch a process that does try to connect (so the test above can fail)."""
    use_strace = _strace_usable()
    log = tmp_path / "net.jsonl"
    script = tmp_path / "connects.py"
    script.write_text("import socket\ns = socket.socket()\ns.settimeout(0.2)\n"
                      "try:\n    s.connect(('127.0.0.1', 9))\nexcept OSError:\n    pass\ns.close()\n")
    proc, trace = _run([str(script)], tmp_path, log, use_strace)
    assert proc.returncode == 0, proc.stderr
    record = json.loads(log.read_text(encoding="utf-8").splitlines()[-1])
    assert any(e.startswith("socket.connect") for e in record["events"])
    if use_strace:
        assert _network_syscalls(trace)
