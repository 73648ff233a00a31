"""Run by test_journal_kill in a subprocess: start the editor on FILE and type like a clerk through
the real widgets, then get killed.

``python child_typist.py MODE FILE``

* ``die``: type a figure into a cell of 三 (Enter), type into the prose of 六 without committing it
  (through the input method, as Chinese is typed), then kill this process with SIGKILL in the very
  next statement — no event-loop turn, no timer, no autosave in between.
* ``cells``: every few milliseconds type the figure ``1000 + i`` into the i-th input cell of 三
  (Enter), print ``EDITED i`` after each; autosaves (every 40 ms of quiet) interleave.  The test
  kills the process from outside at a moment it chooses.
* ``prose``: type ``TEXT`` into the prose of 六 one character at a time through the input method,
  print ``TYPED n`` after the n-th; the prose commits itself after each pause as usual.
"""

from __future__ import annotations

import os
import random
import signal
import sys

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from govreport_gui.core.forms import get_form
from govreport_gui.qt import prose, recovery
from govreport_gui.qt.app import create_window, ensure_app

TEXT = "本年度我办收到政府信息公开申请的数量较上年有所增加，均已按期答复。"


def cells_of_three(window):
    form = get_form(window.session.report.form_version)
    return [k for k in form.input_keys() if k.table == "三"]


def type_cell(window, key, text: str) -> None:
    page = window.page_for_table(key.table)
    window.tabs.setCurrentWidget(page)
    index = page.model.index_of(key)
    page.grid.setCurrentIndex(index)
    page.grid.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    QTest.keyClick(page.grid, text[0])
    editor = page.grid.indexWidget(index)
    QTest.keyClicks(editor, text[1:])
    QTest.keyClick(editor, Qt.Key.Key_Return)


def type_prose(window, text: str) -> None:
    edit = window.page_for_section("六").prose.edit
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)   # typing goes on at the end of the text
    for ch in text:
        event = QInputMethodEvent()
        event.setCommitString(ch)
        QApplication.sendEvent(edit, event)


def die(window) -> None:
    type_cell(window, cells_of_three(window)[0], "4321")
    type_prose(window, "崩溃前")
    print("TYPED", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


def cells(window) -> None:
    keys = cells_of_three(window)
    state = {"i": 0}

    def step() -> None:
        i = state["i"]
        type_cell(window, keys[i % len(keys)], str(1000 + i))
        print("EDITED", i, flush=True)
        state["i"] = i + 1
        QTimer.singleShot(random.choice((0, 5, 20, 60)), step)  # some pauses let an autosave in
    step()


def typed_prose(window) -> None:
    state = {"n": 0}

    def step() -> None:
        n = state["n"]
        if n < len(TEXT):
            type_prose(window, TEXT[n])
            print("TYPED", n + 1, flush=True)
            state["n"] = n + 1
            QTimer.singleShot(random.choice((0, 5, 30)), step)
    step()


def main() -> None:
    mode, path = sys.argv[1], sys.argv[2]
    recovery.AUTOSAVE_DELAY_MS = 3000 if mode == "die" else 40
    prose.COMMIT_AFTER_MS = 25
    app = ensure_app()
    window = create_window([path])
    window.show()
    QTimer.singleShot(0, lambda: {"die": die, "cells": cells, "prose": typed_prose}[mode](window))
    app.exec()


if __name__ == "__main__":
    main()
