"""The Qt-free data folder (command line, log) is the folder the editor's Qt names: recovery files,
recent files and the log of both programs end up in one place."""

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QStandardPaths

from govreport_gui.data_folder import APPLICATION, ENV_DATA_DIR, ORGANIZATION, data_dir


def qt_data_dir() -> Path:
    QCoreApplication.setOrganizationName(ORGANIZATION)   # as qt/app.ensure_app names the application
    QCoreApplication.setApplicationName(APPLICATION)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation))


@pytest.mark.parametrize("xdg", [None, "xdg-data"])
def test_the_data_folder_is_the_one_qt_names(qapp, tmp_path, monkeypatch, xdg):
    monkeypatch.delenv(ENV_DATA_DIR)
    monkeypatch.setenv("HOME", str(tmp_path))
    if xdg:
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / xdg))
    else:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert data_dir() == qt_data_dir()
    assert data_dir().is_dir() and data_dir().is_relative_to(tmp_path)


def test_the_override_wins(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "elsewhere"))
    assert data_dir() == tmp_path / "elsewhere" and data_dir().is_dir()
