"""The editor's first paint waits for nothing it does not show: the file libraries, the journal of
edits and its checksums, the ledger modules, the 2019 declarations and the correspondence of the
versions are loaded after it, when needed.  The journal starting after the first paint loses
nothing: an edit or a keystroke made before it starts it first."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from qt_helpers import SAMPLE

from govreport_gui.core.journal import BASE_SAVED, read_journal
from govreport_gui.core.replay import recover_session
from govreport_gui.qt.app import create_window

# Run in a fresh interpreter: the other tests' imports would hide what the start itself loads.
FIRST_PAINT = r"""
import os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from govreport_gui.qt.app import create_window, ensure_app
app = ensure_app()
window = create_window([sys.argv[1]], offer_recovery=False)

class FirstPaint(QObject):
    done = False
    def eventFilter(self, obj, event):
        if not self.done and event.type() == QEvent.Type.Paint and obj.isWidgetType() and obj.window() is window:
            self.done = True
            from govreport_gui.core.forms import FORMS, VERSION_MAPS
            made = [f"FORMS[{v}]" for v in FORMS if FORMS.is_made(v)] + [f"VERSION_MAPS{p}" for p in VERSION_MAPS
                                                                          if VERSION_MAPS.is_made(p)]
            # the Qt classes named so far (PySide makes each, with its enumerations, when first named)
            made += [f"{m}.{n}" for m in ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets")
                     for n in vars(sys.modules[m]) if n.startswith("Q")]
            # the patterns compiled so far (a LazyPattern is compiled when first used)
            from govreport_gui.core.lazy_pattern import LazyPattern
            made += [f"{m}.{n}" for m, module in list(sys.modules.items()) if m.startswith("govreport_gui")
                     for n, v in vars(module).items() if isinstance(v, LazyPattern) and "_compiled" in vars(v)]
            print(" ".join(sorted(sys.modules) + made), flush=True)
            os._exit(0)
        return False

watcher = FirstPaint()
app.installEventFilter(watcher)
window.show()
app.exec()
"""

NOT_BEFORE_THE_FIRST_PAINT = (
    # the readers and writers of other files, and what they load
    "openpyxl", "docx", "lxml", "pdfplumber", "pdfminer", "govreport_gui.io.workbook",
    "govreport_gui.io.office", "govreport_gui.io.published", "govreport_gui.io.write",
    # the journal of edits (its checksums: hashlib, OpenSSL) and the recovery of a session
    "hashlib", "_hashlib", "govreport_gui.core.journal", "govreport_gui.core.replay",
    "govreport_gui.core.edit_records",
    # the ledgers, the 汇总, the year-on-year view, the checks of the prose
    "govreport_gui.core.ledger.sheet", "govreport_gui.core.ledger.apply", "govreport_gui.core.ledger.record",
    "govreport_gui.core.ledger.count", "govreport_gui.core.forms.ledger_words", "govreport_gui.core.consolidate",
    "govreport_gui.core.year_compare", "govreport_gui.core.prose_checks", "govreport_gui.core.forms.correspondence",
    # the patterns of the contact lines (the parts of the prose left empty: none in the sample)
    "govreport_gui.core.contacts",
    # the guide's window (F1 and 帮助→使用指南 are given by qt.help_keys)
    "govreport_gui.qt.help_window",
    "govreport_gui.qt.consolidate_dialog", "govreport_gui.qt.ledger_dialog", "govreport_gui.qt.year_view",
    # the grids (the first page shown is 基本信息) and the kept pictures their cells and the findings are drawn from
    "govreport_gui.qt.grid_view", "govreport_gui.qt.table_model", "govreport_gui.qt.cell_pictures",
    # the 2019 declarations (the sample is a 2021 report) and how the versions correspond
    "FORMS[2019]", "VERSION_MAPS('2019', '2021')", "VERSION_MAPS('2021', '2019')",
    # Qt classes the first paint does not use: the fonts' lookup of the face drawing Chinese (the findings'
    # counts are bold only once checked), the pages' size policy (the pages are built when shown).  (QFont is
    # named by ensure_app: the application font draws Han from the Simplified Chinese face, see qt.fonts)
    "PySide6.QtGui.QTextLayout", "PySide6.QtGui.QRawFont", "PySide6.QtWidgets.QSizePolicy",
    # the patterns of the values and of the prose's prompts (nothing is parsed or prompted before the paint)
    "govreport_gui.core.values._NUMBER", "govreport_gui.core.values._GROUPED", "govreport_gui.core.values._HAS_INVISIBLE",
    "govreport_gui.core.values.TABLE_NOTE_START", "govreport_gui.core.prompts.OLD_PROMPT",
    "govreport_gui.core.prompts._LEVEL2", "govreport_gui.core.prompts._BARE",
    # dates and times: the recent files' menu asks only whether each file is there (最近使用 is not empty here)
    "datetime", "_datetime",
)


def test_the_first_paint_loads_only_what_it_shows(tmp_path):
    (tmp_path / "recent.json").write_text(json.dumps([{"path": str(SAMPLE), "agency": "某局", "year": 2024},
                                                      {"path": str(tmp_path / "gone.govreport")}]), "utf-8")
    env = dict(os.environ, GOVREPORT_DATA_DIR=str(tmp_path), QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.pathsep.join(
        [str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, "-c", FIRST_PAINT, str(SAMPLE)], capture_output=True, text=True, env=env,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    loaded = set(out.stdout.split())
    assert "govreport_gui.qt.main_window" in loaded and "FORMS[2021]" in loaded   # the window on the sample
    assert "PySide6.QtWidgets.QMainWindow" in loaded   # (the Qt classes made are seen)
    early = sorted(name for name in loaded
                   if any(name == n or name.startswith(n + ".") for n in NOT_BEFORE_THE_FIRST_PAINT))
    assert early == [], f"loaded before the first paint: {early}"



# The first paint seen as benchmarks/bench_startup.py sees it (an event filter on the window, not on the
# application: one on the application makes PySide create a class for every object that gets an event).
# With "trace", the stack that first made a class watched is printed (a profile hook looks after each call).
LARGE_CLASSES = r"""
import os, sys, traceback
from PySide6 import QtCore, QtWidgets
WATCHED = {"PySide6.QtCore.Qt": (QtCore, "Qt"), "PySide6.QtWidgets.QStyle": (QtWidgets, "QStyle")}
if sys.argv[2] == "trace":
    seen = set()
    def watch(frame, event, arg):
        for name, (module, attr) in WATCHED.items():
            if name not in seen and attr in vars(module):
                seen.add(name)
                print(f"{name} made here:", "".join(traceback.format_stack(frame)[-12:]), file=sys.stderr)
    sys.setprofile(watch)
from PySide6.QtCore import QEvent, QObject, QTimer
from govreport_gui.qt.app import create_window, ensure_app
app = ensure_app()
window = create_window([sys.argv[1]] if sys.argv[1] else [], offer_recovery=False)   # "": the start page

class FirstPaint(QObject):
    done = False
    def eventFilter(self, obj, event):
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self.painted)   # after the paint has been flushed
        return False
    def painted(self):
        sys.setprofile(None)
        print(" ".join(name for name, (module, attr) in WATCHED.items() if attr in vars(module)), flush=True)
        os._exit(0)

watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""


def _first_paint_makes(tmp_path: Path, how: str, start: str) -> tuple[list[str], str]:
    env = dict(os.environ, GOVREPORT_DATA_DIR=str(tmp_path), QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.pathsep.join(
        [str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, "-c", LARGE_CLASSES, start, how], capture_output=True, text=True,
                         env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout.split(), out.stderr


@pytest.mark.parametrize("start", ["the sample", "the start page"])
def test_the_first_paint_never_makes_the_qt_namespace_nor_qstyle(tmp_path, start):
    """PySide makes ``Qt`` (its 92 enumerations, about 14 ms) when Python first touches it — naming it,
    or a Qt enum value handed to or from Python — and ``QStyle`` (5 ms) likewise: the editor's first
    paint does without both (``govreport_gui.qt.qt_ints`` says how), on a report (``govreport FILE``)
    and on the start page (``govreport``: 最近使用 with a file there and one gone)."""
    argument = str(SAMPLE) if start == "the sample" else ""
    if not argument:
        (tmp_path / "recent.json").write_text(json.dumps([{"path": str(SAMPLE), "agency": "某局", "year": 2024},
                                                          {"path": str(tmp_path / "gone.govreport")}]), "utf-8")
    made, _ = _first_paint_makes(tmp_path, "plain", argument)
    if made:
        _, where = _first_paint_makes(tmp_path, "trace", argument)
        raise AssertionError(
            f"the editor's first paint made {made}, each some milliseconds of every start. What made it:\n{where}\n"
            "Found by a profile hook (sys.setprofile) that looks after each call whether the class is in its "
            "module's namespace (vars(PySide6.QtCore)). Before the first paint, give Qt ints (qt_ints), or import "
            "Qt inside the code that runs after it; see the docstring of govreport_gui/qt/qt_ints.py.")


def _open_copy(tmp_path: Path, qtbot):
    work = tmp_path / "report.govreport"
    shutil.copy(SAMPLE, work)
    window = create_window([str(work)], offer_recovery=False)
    qtbot.addWidget(window)
    window.show()   # no event-loop turn after this: the window has not been painted yet
    return window, work


def test_an_edit_made_at_once_after_show_is_journalled_before_the_first_paint(qtbot, tmp_path, fake_dialogs):
    window, work = _open_copy(tmp_path, qtbot)
    recovery = window.flows.recovery
    journal = recovery.stem.with_suffix(".journal")
    assert not journal.exists() and not window._checked_once   # the journal waits for the first paint
    phone = window.meta_tab.fields["phone"]
    phone.setFocus()
    phone.selectAll()
    qtbot.keyClicks(phone, "0871-1234567")
    qtbot.keyClick(phone, "\r")
    assert window.session.report.meta.phone == "0871-1234567"
    assert not window._checked_once, "the edit came after the first paint: this test would test nothing"
    read = read_journal(journal)
    assert read.header["base"] == BASE_SAVED and read.header["file"] == str(work)
    assert [r["do"]["type"] for r in read.records if "do" in r] == ["SetMeta"]   # (after the drafts typed)
    # the editor killed now: the edit comes back on the saved file
    assert recover_session(recovery.stem).report.meta.phone == "0871-1234567"
    # after the first paint the journal goes on as it was (not started again: the record stays)
    qtbot.waitUntil(lambda: window._checked_once and window.session.document.checked)
    assert [r["do"]["type"] for r in read_journal(journal).records if "do" in r] == ["SetMeta"]


def test_text_typed_at_once_after_show_is_journalled_as_a_draft(qtbot, tmp_path, fake_dialogs):
    window, _work = _open_copy(tmp_path, qtbot)
    edit = window.meta_tab.preamble.edit
    edit.setFocus()
    for ch in "前言":
        event = QInputMethodEvent()
        event.setCommitString(ch)
        QApplication.sendEvent(edit, event)
    assert not window._checked_once
    records = read_journal(window.flows.recovery.stem.with_suffix(".journal")).records
    assert [r.get("insert") for r in records] == ["前", "言"] and records[0]["draft"] == ["meta", "preamble"]
    assert "前言" in recover_session(window.flows.recovery.stem).report.meta.preamble


def test_a_report_with_unsaved_work_is_written_at_once_even_before_the_first_paint(qtbot, tmp_path, fake_dialogs):
    from govreport_gui.core.serialize import save_json
    from govreport_gui.io.registry import read_report
    source = tmp_path / "report.json"
    save_json(source, read_report(SAMPLE).report)
    window = create_window([str(source)], offer_recovery=False)   # read from another kind: unsaved
    qtbot.addWidget(window)
    assert window.flows.is_modified() and not window._checked_once
    assert window.flows.recovery.path.exists()   # the recovery file, before anything is painted


def test_the_file_opened_goes_first_in_recent_files_after_the_first_paint(qtbot, tmp_path, fake_dialogs):
    from govreport_gui.data_folder import data_dir
    window, work = _open_copy(tmp_path, qtbot)
    assert not (data_dir() / "recent.json").exists()   # not written before the first paint
    qtbot.waitUntil(lambda: window._checked_once and window.session.document.checked)
    assert (data_dir() / "recent.json").exists()
    assert window.flows.recent.paths()[0] == str(work.resolve())
    assert [a.text() for a in window.recent_menu.actions()][0] == str(work.resolve())


def test_recent_files_read_before_the_first_paint_already_hold_the_file_opened(qtbot, tmp_path, fake_dialogs):
    window, work = _open_copy(tmp_path, qtbot)
    assert window.flows.recent.paths()[0] == str(work.resolve()) and not window._checked_once


def test_the_pages_not_shown_hold_nothing_until_shown_and_then_show_all_at_once(qtbot, tmp_path, fake_dialogs):
    window, _work = _open_copy(tmp_path, qtbot)
    assert window.pages and all(not page.built and not page.children() for page in window.pages)
    table_page = window.page_for_table("三")
    window.tabs.setCurrentWidget(table_page)     # built as it is shown: its frame laid out at the page's size at once
    assert table_page.built and table_page.heading.isVisible() and table_page.body.width() >= table_page.width() - 40
    assert table_page.heading.text() == table_page.heading_text == window.tabs.tabText(window.tabs.currentIndex())
    qtbot.waitUntil(table_page.grid.isVisible)
    prose_page = next(page for page in window.pages if page.table_id is None)
    window.tabs.setCurrentWidget(prose_page)
    assert prose_page.heading.isVisible()
    qtbot.waitUntil(prose_page.prose.isVisible)


COLLECTOR = r"""
import gc, os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from govreport_gui.qt.app import create_window, ensure_app
app = ensure_app()
window = create_window([sys.argv[1]], offer_recovery=False)

class Watch(QObject):
    painted = False
    def eventFilter(self, obj, event):
        if not self.painted and event.type() == QEvent.Type.Paint and obj.isWidgetType() and obj.window() is window:
            self.painted = True
            print("at the first paint", gc.isenabled(), flush=True)
            QTimer.singleShot(0, self.after)
        return False
    def after(self):
        if window.flows._held:   # (released by the first check)
            QTimer.singleShot(1, self.after)
            return
        print("after the first check", gc.isenabled(), gc.get_freeze_count(), gc.get_count()[0] < 700, flush=True)
        os._exit(0)

watch = Watch()
app.installEventFilter(watch)
window.show()
app.exec()
"""


def test_no_garbage_collection_until_the_first_paint_then_as_before(tmp_path):
    """The collector is paused from the application's making to the window's first paint (the start
    makes objects that live for the session: the collections walked them again and again), then
    runs again, the start's objects counted old (none left frozen, the young generation empty)."""
    env = dict(os.environ, GOVREPORT_DATA_DIR=str(tmp_path), QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.pathsep.join(
        [str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, "-c", COLLECTOR, str(SAMPLE)], capture_output=True, text=True, env=env,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["at the first paint False", "after the first check True 0 True"]


def test_the_collector_runs_again_should_no_window_be_painted(qtbot, monkeypatch):
    import gc

    from govreport_gui.qt import start_collection

    monkeypatch.setattr(start_collection, "LATEST_MS", 10)
    assert gc.isenabled()
    try:
        start_collection.pause()
        assert not gc.isenabled()
        qtbot.waitUntil(gc.isenabled)
    finally:
        start_collection.resume()
        gc.enable()
    gc.disable()   # paused by someone else: left so
    try:
        start_collection.pause()
        start_collection.resume()
        assert not gc.isenabled()
    finally:
        gc.enable()
