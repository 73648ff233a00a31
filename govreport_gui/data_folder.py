"""The user's data folder of this application: recovery files, recent files, the log.

Qt-free, so that the command line and the editor use the same folder.  It is the folder Qt's
``QStandardPaths.AppLocalDataLocation`` names for the organisation and application ``govreport``
(the names ``qt/app.py`` gives the application; ``tests/core/test_data_folder.py`` compares the two):

* Windows: ``%LOCALAPPDATA%\\govreport\\govreport`` — local, not the roaming profile that a domain
  copies to the server at every log-off;
* Linux (统信UOS, 银河麒麟 …): ``$XDG_DATA_HOME/govreport/govreport``, by default
  ``~/.local/share/govreport/govreport``;
* macOS: ``~/Library/Application Support/govreport/govreport``.

``GOVREPORT_DATA_DIR`` overrides it (tests, the self-test, benchmarks).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_DATA_DIR = "GOVREPORT_DATA_DIR"
ORGANIZATION = "govreport"
APPLICATION = "govreport"


def standard_data_dir() -> Path:
    """Where the platform keeps an application's local data, for this application."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / ORGANIZATION / APPLICATION


def data_dir() -> Path:
    """The data folder (created when missing)."""
    override = os.environ.get(ENV_DATA_DIR)
    path = Path(override) if override else standard_data_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path
