"""SIGKILL during a save: the file on disk is always either the previous version or the new one,
complete, and it opens.  (The editor's own test kills it during editing and checks the recovery
file; this one kills a process in the middle of writing.)

A child process saves a big report over and over — each version with a different figure and a
different (long) text — through ``core.serialize.save_native`` and through ``io.registry.write_report``
for Word and Excel; it is killed at random moments (fixed seed).  After each kill the file must
read back as one of the versions written.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from govreport_gui.io.registry import read_report

REPO = Path(__file__).resolve().parents[2]
KILLS = 8

CHILD = textwrap.dedent('''
    import sys
    from pathlib import Path
    from govreport_gui.core.serialize import save_native
    from govreport_gui.io.registry import read_report, write_report
    from govreport_gui.resources import SAMPLE_REPORT, resource
    target, start = Path(sys.argv[1]), int(sys.argv[2])
    sample = read_report(resource(SAMPLE_REPORT))
    report, previous = sample.report, sample.previous
    key = next(k for k in report.form.input_keys() if k.table == "三")
    version = start
    while True:
        version += 1
        report.set(key, version)
        report.sections["六"] = f"版本{version}。" + "本年度政务公开工作有序推进。" * 20000  # ~400 KB of text
        if target.suffix == ".govreport":
            save_native(target, report, previous)
        else:
            write_report(target, report, previous)
        print(version, flush=True)
''')


def _key(report):
    return next(k for k in report.form.input_keys() if k.table == "三")


@pytest.mark.parametrize("suffix", [".govreport", ".xlsx", ".docx"])
def test_a_kill_during_a_save_leaves_a_complete_file(suffix, tmp_path):
    rng = random.Random(7)
    target = tmp_path / f"report{suffix}"
    script = tmp_path / "saver.py"
    script.write_text(CHILD, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    written: set[int] = set()
    version = 0
    kills_mid_write = 0
    for _ in range(KILLS):
        proc = subprocess.Popen([sys.executable, str(script), str(target), str(version)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=env)
        first = proc.stdout.readline()  # one complete save before the kill: there is a previous file
        assert first.strip().isdigit(), proc.stderr.read()
        written.add(int(first))
        time.sleep(rng.uniform(0.0, 0.4))
        proc.send_signal(signal.SIGKILL)
        rest, err = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        finished = [int(v) for v in rest.split()]
        written.update(finished)
        in_flight = (finished[-1] if finished else int(first)) + 1  # the save the kill interrupted
        result = read_report(target)  # never a ReadError: the file is complete
        on_disk = result.report.get(_key(result.report))
        assert on_disk in written | {in_flight}, (on_disk, sorted(written)[-3:])
        assert result.report.sections["六"].startswith(f"版本{on_disk}。")
        kills_mid_write += on_disk != in_flight
        version = max(written | {in_flight}) + 1
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(f".{target.name}.")]
    print(f"{suffix}: {KILLS} kills, file always complete; temporary files left by killed saves: {len(leftovers)}")
    assert kills_mid_write >= 1  # at least one kill caught a save half-way (the previous file survived)
