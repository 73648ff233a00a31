"""Fixtures for the 汇总 dialog's tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def fake(monkeypatch):
    """The dialogs answered by the test (``FakeDialogs``); a real file chooser fails the test, since it
    would block the run."""
    from fake_dialogs import FakeDialogs
    from PySide6.QtWidgets import QFileDialog

    from govreport_gui.qt import dialogs
    f = FakeDialogs()
    previous = dialogs.set_implementation(f)

    def no_qt_chooser(*args, **kwargs):
        raise AssertionError("the dialog must choose files through qt/dialogs.py")
    for name in ("getOpenFileName", "getOpenFileNames", "getExistingDirectory", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, no_qt_chooser)
    yield f
    dialogs.set_implementation(previous)
