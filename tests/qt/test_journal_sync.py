"""The journal is forced to the disk about a second after an edit on a thread of its own — the
window's thread never waits for the disk — and a sync that fails is said to the clerk once."""

from __future__ import annotations

import os
import shutil
import threading

from qt_helpers import SAMPLE, type_into

from govreport_gui.core.forms import CellKey, get_form
from govreport_gui.core.forms.common import NEW
from govreport_gui.core.journal import read_journal
from govreport_gui.qt.app import create_window

NATURAL = CellKey("三", NEW, get_form("2021").tables["三"].cols[0])


def _opened(tmp_path, qtbot):
    work = tmp_path / "report.govreport"
    shutil.copy(SAMPLE, work)
    window = create_window([str(work)])
    qtbot.addWidget(window)
    window.show()
    page = window.page_for_table("三")
    window.tabs.setCurrentWidget(page)
    return window, page.grid


def test_an_edit_is_synced_on_another_thread(qtbot, tmp_path, fake_dialogs, monkeypatch):
    window, grid = _opened(tmp_path, qtbot)
    journal = window.flows.recovery.journal
    real_fsync, synced = os.fsync, []

    def fsync(handle):
        synced.append((threading.get_ident(), os.fstat(handle).st_ino))
        real_fsync(handle)
    monkeypatch.setattr(os, "fsync", fsync)
    type_into(qtbot, grid, NATURAL, "777")
    assert len(read_journal(journal.path).records) == 1   # written at once …
    qtbot.waitUntil(lambda: len(synced) == 1, timeout=5000)   # … and synced a moment later
    type_into(qtbot, grid, NATURAL, "778")
    qtbot.waitUntil(lambda: len(synced) == 2, timeout=5000)   # the next edit's record too
    inode = os.stat(journal.path).st_ino
    assert all(thread != threading.get_ident() and node == inode for thread, node in synced)


def test_a_sync_that_fails_is_said_once_and_editing_goes_on(qtbot, tmp_path, fake_dialogs, monkeypatch):
    window, grid = _opened(tmp_path, qtbot)
    messages = []
    window.flows.message.connect(messages.append)

    def fsync(handle):
        raise OSError(5, "Input/output error")
    monkeypatch.setattr(os, "fsync", fsync)
    type_into(qtbot, grid, NATURAL, "777")
    qtbot.waitUntil(lambda: any("无法记录刚才的修改" in m for m in messages), timeout=5000)
    type_into(qtbot, grid, NATURAL, "778")
    assert window.session.report.get(NATURAL) == 778
    assert sum("无法记录刚才的修改" in m for m in messages) == 1
