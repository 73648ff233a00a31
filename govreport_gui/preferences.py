"""The clerk's view settings (视图→显示上年数, the 同比图 panels) and the folder last used for each
kind of file (``qt/work_folders``), remembered between sessions in
``settings.json`` of the data folder (``data_folder.data_dir``).  Qt-free.

A missing, damaged or unreadable file means the defaults; a failed write loses only the setting
(logged), never anything else.  Read and written each time: another editor running at the same
time may have changed another setting.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from .data_folder import data_dir

LOG = logging.getLogger(__name__)
SETTINGS_FILE = "settings.json"

SHOW_PREVIOUS = "show_previous_figures"   # 视图→显示上年数
SHOW_YEAR_CHARTS = "show_year_charts"     # the 同比图 under 三 and 四
LAST_FOLDERS = "last_folders"             # {kind of file: the folder last chosen in a file dialog}


def _file() -> Path:
    return data_dir() / SETTINGS_FILE


def _settings() -> dict:
    try:
        data = json.loads(_file().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def flag(name: str, default: bool = False) -> bool:
    value = _settings().get(name)
    return value if isinstance(value, bool) else default


def set_flag(name: str, value: bool) -> bool:
    """Remember ``name``; False when the settings could not be written."""
    return _store(name, bool(value))


def last_folder(kind: str) -> str:
    """The folder last used for files of ``kind`` ("" when none was remembered)."""
    folders = _settings().get(LAST_FOLDERS)
    folder = folders.get(kind) if isinstance(folders, dict) else None
    return folder if isinstance(folder, str) else ""


def set_last_folder(kind: str, folder: str) -> bool:
    """Remember ``folder`` for files of ``kind``; False when the settings could not be written."""
    folders = _settings().get(LAST_FOLDERS)
    folders = dict(folders) if isinstance(folders, dict) else {}
    folders[kind] = folder
    return _store(LAST_FOLDERS, folders)


def _store(name: str, value) -> bool:
    from .core.errors import WriteError
    from .core.serialize import write_atomic
    settings = _settings()
    settings[name] = value
    try:
        write_atomic(_file(), json.dumps(settings, ensure_ascii=False, indent=1).encode("utf-8"))
    except (WriteError, OSError):
        LOG.warning("未能保存设置 %s", _file(), exc_info=True)
        return False
    return True
