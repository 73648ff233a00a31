import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import REPO, SHARED, shared_path  # noqa: E402,F401  (kept importable from here too)


@pytest.fixture(scope="session", autouse=True)
def _data_folder_of_the_run(tmp_path_factory):
    """Never the user's own data folder (recovery files, recent files, the log): one for the run,
    inherited by the programs the tests start (tests/qt gives each test its own)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GOVREPORT_DATA_DIR", str(tmp_path_factory.mktemp("data")))
        yield


@pytest.fixture
def sample_path() -> Path:
    return REPO / "resources" / "sample-2024.govreport"


@pytest.fixture(autouse=True)
def _pyside_refcount_guard(request):
    """PySide6 6.12 drops references to None/True/False on Python 3.11 (see
    govreport_gui/qt/refcount_guard.py); keep them alive in every test that uses Qt."""
    if {"qtbot", "qapp", "qtmodeltester"} & set(request.fixturenames):
        from govreport_gui.qt import refcount_guard
        refcount_guard.top_up()
    yield
