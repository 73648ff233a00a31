"""Fixtures for the editor tests: a fake dialogs implementation, a private data folder, windows."""

from __future__ import annotations

import pytest
from qt_helpers import SAMPLE, FakeDialogs

from govreport_gui.core.document import Document
from govreport_gui.core.report import Report
from govreport_gui.core.serialize import load_file
from govreport_gui.qt import dialogs


@pytest.fixture(scope="session", autouse=True)
def _refcount_guard(qapp):
    """The editor's guard against PySide6's None/True/False reference leak on Python 3.11."""
    from govreport_gui.qt import refcount_guard
    refcount_guard.install(qapp)


@pytest.fixture(scope="session", autouse=True)
def _application_font(qapp):
    """The application's font as the editor sets it at its start (``ensure_app``: Han from the
    Simplified Chinese face), from the first test on: the fonts kept once made (the tables' bold
    fonts) are then the editor's whichever test makes them first."""
    from govreport_gui.qt import fonts
    fonts.prefer_simplified_chinese(qapp)


@pytest.fixture(autouse=True)
def fake_dialogs(monkeypatch, tmp_path):
    monkeypatch.setenv("GOVREPORT_DATA_DIR", str(tmp_path / "appdata"))
    fake = FakeDialogs()
    previous = dialogs.set_implementation(fake)
    yield fake
    dialogs.set_implementation(previous)


@pytest.fixture
def make_window(qtbot):
    """make_window(report=None, previous=None) → a shown MainWindow on that report."""
    from govreport_gui.qt.main_window import MainWindow

    def make(report: Report | None = None, previous: Report | None = None):
        document = Document(report, previous) if report is not None else None
        window = MainWindow(document)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window
    return make


@pytest.fixture
def sample() -> Report:
    return load_file(SAMPLE).report


@pytest.fixture
def sample_loaded():
    return load_file(SAMPLE)
