"""Nothing lost on a crash: a real editor process killed (SIGKILL) right after a keystroke, at
any moment of a stream of edits and autosaves, or while typing prose; at the next start recovery
offers the work and brings back every edit made before the kill."""

from __future__ import annotations

import os
import random
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from qt_helpers import SAMPLE

from govreport_gui.core.forms import get_form
from govreport_gui.core.serialize import load_file
from govreport_gui.qt import recovery
from govreport_gui.qt.app import create_window

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
CHILD = Path(__file__).with_name("child_typist.py")
sys.path.insert(0, str(CHILD.parent))
from child_typist import TEXT  # noqa: E402


class Child:
    """The editor in a subprocess, its printed lines read without ever blocking past a deadline."""

    def __init__(self, mode: str, work: Path) -> None:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.pathsep.join(sys.path))
        self.proc = subprocess.Popen([sys.executable, str(CHILD), mode, str(work)], env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.lines: list[str] = []

    def read_until(self, done, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not done(self.lines) and time.monotonic() < deadline:
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.5)
            if ready:
                line = self.proc.stdout.readline()
                if not line:
                    break
                self.lines.append(line.strip())
        assert done(self.lines), f"the editor did not get that far: {self.lines[-3:]}"

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)
        self.proc.stdout.close()
        assert self.proc.returncode == -signal.SIGKILL


@pytest.fixture
def work(tmp_path) -> Path:
    path = tmp_path / "report.govreport"
    shutil.copy(SAMPLE, path)
    return path


def restart_and_recover(qtbot, fake_dialogs):
    fake_dialogs.answers["ask_yes_no"].append(True)
    window = create_window([])
    qtbot.addWidget(window)
    [(kind, question)] = fake_dialogs.asked
    assert kind == "ask_yes_no" and "没有正常关闭" in question and "report.govreport" in question
    return window


def three(version: str):
    return [k for k in get_form(version).input_keys() if k.table == "三"]


def test_killed_right_after_a_keystroke_loses_nothing(qtbot, work, fake_dialogs):
    before = load_file(work).report
    child = Child("die", work)
    child.read_until(lambda lines: "TYPED" in lines)
    child.kill()                      # it killed itself in the statement after the last keystroke
    first = three(before.form_version)[0]
    assert load_file(work).report.get(first) == before.get(first) != 4321   # never saved
    assert not list((Path(os.environ["GOVREPORT_DATA_DIR"]) / recovery.RECOVERY_DIR).glob("*.govreport")), \
        "no autosave ran: the journal alone must bring the edits back"

    window = restart_and_recover(qtbot, fake_dialogs)
    report = window.session.report
    assert report.get(first) == 4321
    assert report.section_text("六").endswith("崩溃前")
    assert report.section_text("六")[:-3] == before.section_text("六")
    assert window.flows.path == work and window.flows.is_modified()
    assert window.page_for_section("六").prose.text() == report.section_text("六")
    assert fake_dialogs.shown == [], "a whole journal reports no damage"
    assert window.flows.save()
    assert load_file(work).report.get(first) == 4321


def test_killed_at_any_moment_of_a_stream_of_edits_and_autosaves(qtbot, work, fake_dialogs):
    stop_after = random.randint(3, 40)
    child = Child("cells", work)
    child.read_until(lambda lines: sum(line.startswith("EDITED") for line in lines) > stop_after)
    child.kill()                      # while it goes on typing and autosaving
    reported = sum(line.startswith("EDITED") for line in child.lines)

    window = restart_and_recover(qtbot, fake_dialogs)
    report = window.session.report
    keys = three(report.form_version)
    got = [report.get(k) for k in keys]
    # every edit reported before the kill is back; the ones after it are back as a whole prefix
    recovered = next((i for i, k in enumerate(keys) if report.get(k) != 1000 + i), len(keys))
    assert recovered >= min(reported, len(keys)), (stop_after, reported, got[:recovered + 2])
    original = load_file(work).report
    assert all(report.get(k) == original.get(k) for k in keys[recovered:]), "edits came back out of order"


def test_killed_while_typing_prose(qtbot, work, fake_dialogs):
    stop_after = random.randint(2, len(TEXT) - 2)
    child = Child("prose", work)
    child.read_until(lambda lines: sum(line.startswith("TYPED") for line in lines) >= stop_after)
    child.kill()
    reported = sum(line.startswith("TYPED") for line in child.lines)

    window = restart_and_recover(qtbot, fake_dialogs)
    before = load_file(work).report.section_text("六")
    text = window.session.report.section_text("六")
    assert text.startswith(before)
    typed = text[len(before):]
    assert TEXT.startswith(typed) and len(typed) >= reported, (reported, typed)
