"""Never lose work: autosave to the data folder, recovery after a crash (SIGKILL), atomic saves."""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from qt_helpers import SAMPLE, type_into

from govreport_gui.core.edits import SetMeta
from govreport_gui.core.forms import CellKey, get_form
from govreport_gui.core.forms.common import NEW
from govreport_gui.core.serialize import load_file
from govreport_gui.qt import recovery
from govreport_gui.qt.app import create_window

NATURAL = get_form("2021").tables["三"].cols[0]


@pytest.fixture
def fast_autosave(monkeypatch):
    monkeypatch.setattr(recovery, "AUTOSAVE_DELAY_MS", 100)


def test_autosave_writes_the_recovery_file_and_saving_removes_it(qtbot, make_window, sample_loaded, fast_autosave,
                                                                 tmp_path, fake_dialogs):
    window = make_window(sample_loaded.report, sample_loaded.previous)
    recovery_file = window.flows.recovery.path
    assert Path(os.environ["GOVREPORT_DATA_DIR"]) in recovery_file.parents
    p3 = window.page_for_table("三")
    window.tabs.setCurrentWidget(p3)
    type_into(qtbot, p3.grid, CellKey("三", NEW, NATURAL), "777")
    qtbot.waitUntil(recovery_file.exists, timeout=3000)
    assert load_file(recovery_file).report.get(CellKey("三", NEW, NATURAL)) == 777
    assert load_file(recovery_file).previous is not None

    fake_dialogs.answers["save_file"].append(str(tmp_path / "saved"))
    assert window.flows.save()
    assert not recovery_file.exists()
    assert (tmp_path / "saved.govreport").exists()
    # undoing back to the saved state is a change again → autosaved again
    window.session.undo_stack.undo()
    qtbot.waitUntil(recovery_file.exists, timeout=3000)


def test_a_killed_editor_is_recovered_at_the_next_start(qtbot, tmp_path, fake_dialogs):
    work = tmp_path / "report.govreport"
    shutil.copy(SAMPLE, work)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.pathsep.join(sys.path))
    child = subprocess.Popen([sys.executable, str(Path(__file__).with_name("child_editor.py")), str(work)],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        deadline = time.monotonic() + 30
        line = ""
        while time.monotonic() < deadline and not line.startswith("READY"):
            ready, _, _ = select.select([child.stdout], [], [], 0.5)  # never block past the deadline
            if ready:
                line = child.stdout.readline()
                if not line and child.poll() is not None:
                    break
        assert line.startswith("READY"), "the editor did not autosave its edits"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert load_file(work).report.get(CellKey("三", NEW, NATURAL)) != 999  # never saved

    # next start: the recovery is offered, accepted, and the edits are back (still unsaved)
    fake_dialogs.answers["ask_yes_no"].append(True)
    window = create_window([])
    qtbot.addWidget(window)
    [(kind, question)] = fake_dialogs.asked
    assert kind == "ask_yes_no" and "没有正常关闭" in question and "report.govreport" in question
    report = window.session.report
    assert report.get(CellKey("三", NEW, NATURAL)) == 999
    assert report.section_text("六") == "崩溃前写下的文字"
    assert window.session.document.previous is not None
    assert window.flows.path == work
    assert window.flows.is_modified() and window.isWindowModified()
    # saving writes the recovered work to the original file and retires the recovery file
    assert window.flows.save()
    assert load_file(work).report.get(CellKey("三", NEW, NATURAL)) == 999
    recovery_dir = Path(os.environ["GOVREPORT_DATA_DIR"]) / recovery.RECOVERY_DIR
    assert list(recovery_dir.glob("*.govreport")) == []


def test_declined_recovery_is_kept_aside_and_not_offered_again(qtbot, tmp_path, fake_dialogs, sample):
    from govreport_gui.core.serialize import save_native
    recovery_dir = Path(os.environ["GOVREPORT_DATA_DIR"]) / recovery.RECOVERY_DIR
    recovery_dir.mkdir(parents=True)
    save_native(recovery_dir / "session-dead.govreport", sample)
    (recovery_dir / "session-dead.json").write_text(json.dumps({"name": "旧报告", "saved": "2025-01-02T10:00:00"}))
    fake_dialogs.answers["ask_yes_no"].append(False)
    window = create_window([])
    qtbot.addWidget(window)
    assert len(fake_dialogs.asked) == 1 and "旧报告" in fake_dialogs.asked[0][1]
    assert window.session.report.values == {}
    assert (recovery_dir / "declined" / "session-dead.govreport").exists()
    window2 = create_window([])
    qtbot.addWidget(window2)
    assert len(fake_dialogs.asked) == 1


def test_a_running_editors_recovery_file_is_not_offered(qtbot, make_window, sample, fast_autosave, fake_dialogs):
    window = make_window(sample)
    window.session.push(SetMeta("phone", sample.meta.phone, "123", "修改电话"))
    window.flows.recovery.autosave()
    assert window.flows.recovery.path.exists()
    other = create_window([])
    qtbot.addWidget(other)
    assert fake_dialogs.asked == []


def test_stale_lock_files_are_cleaned_up(qtbot):
    from PySide6.QtCore import QSysInfo
    recovery_dir = Path(os.environ["GOVREPORT_DATA_DIR"]) / recovery.RECOVERY_DIR
    recovery_dir.mkdir(parents=True)
    stale = recovery_dir / "session-gone.lock"
    stale.write_text(f"999999\npython3\n{QSysInfo.machineHostName()}\n")
    window = create_window([])
    qtbot.addWidget(window)
    assert not stale.exists()
    window.show()   # the editor takes its own lock with the journal, right after its first paint
    qtbot.waitUntil(lambda: window._checked_once and window.session.document.checked)
    assert window.flows.recovery.path.with_suffix(".lock").exists()  # its own lock stays


def test_autosave_does_not_interrupt_typing_in_a_cell(qtbot, make_window, sample, fast_autosave):
    window = make_window(sample)
    window.session.push(SetMeta("phone", sample.meta.phone, "123", "修改电话"))
    p3 = window.page_for_table("三")
    window.tabs.setCurrentWidget(p3)
    index = p3.model.index_of(CellKey("三", NEW, NATURAL))
    p3.grid.setCurrentIndex(index)
    qtbot.keyClick(p3.grid, "4")
    assert p3.grid.indexWidget(index) is not None
    assert window.flows.recovery.autosave()
    editor = p3.grid.indexWidget(index)
    assert editor is not None and editor.text() == "4"
