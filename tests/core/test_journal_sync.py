"""The journal synced on another thread: ``Journal.sync_handle`` hands over a descriptor of the
journal's own file once for what was appended since the last sync, and again after a new record."""

from __future__ import annotations

import os

from govreport_gui.core.journal import BASE_AUTOSAVE, Journal


def test_a_sync_handle_is_the_journal_file_once_per_unsynced_record(tmp_path):
    journal = Journal(tmp_path / "s.journal")
    assert journal.sync_handle() is None          # not started: nothing to sync
    journal.start({"base": BASE_AUTOSAVE})
    assert journal.sync_handle() is None          # the header is written synced
    journal.append({"n": 1})
    handle = journal.sync_handle()
    assert handle is not None
    try:
        assert os.fstat(handle).st_ino == os.stat(journal.path).st_ino
        os.fsync(handle)
    finally:
        os.close(handle)
    assert journal.sync_handle() is None          # handed over already
    journal.append({"n": 2})                      # appended after the hand-over: waits for the next
    handle = journal.sync_handle()
    assert handle is not None
    journal.close()                               # the journal may close while the other thread syncs
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
    assert journal.sync_handle() is None
