"""The editor's journal of edits, in process: each edit is in the journal when the keystroke has
been handled (before any repaint), undo too, typed prose as drafts; saving and autosaving compact
it; a session whose journal was cut short is restored with what is whole, and the clerk is told."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from qt_helpers import SAMPLE, type_into

from govreport_gui.core.forms import CellKey, get_form
from govreport_gui.core.forms.common import NEW
from govreport_gui.core.journal import BASE_AUTOSAVE, BASE_SAVED, CHECKSUM, file_digest, read_journal
from govreport_gui.core.serialize import load_file
from govreport_gui.qt import recovery
from govreport_gui.qt.app import create_window

NATURAL = CellKey("三", NEW, get_form("2021").tables["三"].cols[0])


def open_copy(tmp_path: Path, qtbot):
    work = tmp_path / "report.govreport"
    shutil.copy(SAMPLE, work)
    window = create_window([str(work)])
    qtbot.addWidget(window)
    window.show()
    return window, work


def test_a_keystroke_is_journalled_before_anything_else_runs(qtbot, tmp_path, fake_dialogs):
    window, work = open_copy(tmp_path, qtbot)
    journal = window.flows.recovery.journal
    header = read_journal(journal.path).header
    assert header["base"] == BASE_SAVED and header["file"] == str(work) and header[CHECKSUM] == file_digest(work)
    page = window.page_for_table("三")
    window.tabs.setCurrentWidget(page)
    type_into(qtbot, page.grid, NATURAL, "777")        # no event loop turn between the Enter and the read
    [record] = read_journal(journal.path).records
    assert record["do"]["type"] == "SetCells" and record["do"]["changes"][0][2] == 777
    type_into(qtbot, page.grid, NATURAL, "778")
    window.session.undo_stack.undo()
    assert [list(r) for r in read_journal(journal.path).records] == [["do"], ["do"], ["undo"]]
    assert window.session.report.get(NATURAL) == 777
    window.session.undo_stack.undo()
    assert not window.flows.is_modified()           # undone back to the saved file: the journal starts again on it
    assert read_journal(journal.path).records == []


def test_typed_prose_is_journalled_as_it_is_typed(qtbot, tmp_path, fake_dialogs):
    window, _work = open_copy(tmp_path, qtbot)
    edit = window.page_for_section("六").prose.edit
    edit.setFocus()
    for ch in "新增":
        event = QInputMethodEvent()
        event.setCommitString(ch)
        QApplication.sendEvent(edit, event)
    records = read_journal(window.flows.recovery.journal.path).records
    assert [r.get("insert") for r in records] == ["新", "增"] and records[0]["draft"] == ["section", "六"]
    assert not window.flows.is_modified()           # not committed yet: a draft, not an edit


def test_autosave_and_save_compact_the_journal(qtbot, tmp_path, fake_dialogs, monkeypatch):
    monkeypatch.setattr(recovery, "AUTOSAVE_DELAY_MS", 50)
    window, work = open_copy(tmp_path, qtbot)
    flows = window.flows
    page = window.page_for_table("三")
    window.tabs.setCurrentWidget(page)
    type_into(qtbot, page.grid, NATURAL, "777")
    qtbot.waitUntil(flows.recovery.path.exists, timeout=5000)
    read = read_journal(flows.recovery.journal.path)
    assert read.header["base"] == BASE_AUTOSAVE and read.records == []
    assert read.header[CHECKSUM] == file_digest(flows.recovery.path)
    assert flows.save()
    read = read_journal(flows.recovery.journal.path)
    assert read.header["base"] == BASE_SAVED and read.records == [] and not flows.recovery.path.exists()
    assert load_file(work).report.get(NATURAL) == 777
    window.close()
    assert not flows.recovery.journal.path.exists()   # a clean close leaves nothing behind


def test_a_journal_cut_short_is_restored_with_what_is_whole_and_the_rest_reported(qtbot, tmp_path, fake_dialogs):
    window, work = open_copy(tmp_path, qtbot)
    page = window.page_for_table("三")
    window.tabs.setCurrentWidget(page)
    keys = [k for k in get_form("2021").input_keys() if k.table == "三"][:3]
    for i, key in enumerate(keys):
        type_into(qtbot, page.grid, key, str(500 + i))
    journal = window.flows.recovery.journal.path
    data = journal.read_bytes()
    window.flows.recovery._lock.unlock()               # as if the editor had been killed …
    window.flows.recovery.journal.close()
    journal.write_bytes(data[:-5])                     # … while writing its last record

    fake_dialogs.answers["ask_yes_no"].append(True)
    again = create_window([])
    qtbot.addWidget(again)
    report = again.session.report
    assert [report.get(k) for k in keys] == [500, 501, load_file(work).report.get(keys[2])]
    [(kind, text, _details)] = fake_dialogs.shown
    assert kind == "warning" and "最后 1 条修改记录不完整" in text


def test_after_a_crash_the_imbalance_is_marked_on_the_cell_changed_last(qtbot, tmp_path, fake_dialogs):
    """Recovered, the report shows what it showed before the kill: the column that no longer balances
    is marked on the figure the clerk had just typed (it fell back on the column's first cells)."""
    window, _work = open_copy(tmp_path, qtbot)
    page = window.page_for_table("三")
    window.tabs.setCurrentWidget(page)
    key = CellKey("三", "（一）予以公开", "科研机构")
    type_into(qtbot, page.grid, key, str((window.session.report.get(key) or 0) + 5))
    before = [f for f in window.session.document.findings if f.mark is not None]
    assert before and all(f.mark == key for f in before)   # (its column's identity, and the 总计 column's)
    window.flows.recovery._lock.unlock()               # as if the editor had been killed
    window.flows.recovery.journal.close()

    fake_dialogs.answers["ask_yes_no"].append(True)
    again = create_window([])
    qtbot.addWidget(again)
    after = [f for f in again.session.document.findings if f.rule in {b.rule for b in before}]
    assert [(f.rule, f.mark) for f in after] == [(f.rule, key) for f in before]
    assert all("最近修改的是表三“（一）予以公开”/“科研机构”" in f.message for f in after)


def test_a_journal_that_cannot_be_written_is_said_once_and_editing_goes_on(qtbot, tmp_path, fake_dialogs, monkeypatch):
    window, _work = open_copy(tmp_path, qtbot)
    messages = []
    window.flows.message.connect(messages.append)

    def refuse(record):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(window.flows.recovery.journal, "append", refuse)
    page = window.page_for_table("三")
    window.tabs.setCurrentWidget(page)
    type_into(qtbot, page.grid, NATURAL, "777")
    assert window.session.report.get(NATURAL) == 777
    assert sum("无法记录刚才的修改" in m for m in messages) == 1
    assert os.path.exists(window.flows.recovery.path) or not window.flows.recovery.journal.started
