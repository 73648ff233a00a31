"""最近使用: the reports opened or saved last, kept in ``recent.json`` in the user's data folder.

Each entry is ``{path, agency, year}`` (older versions wrote a bare path, still read); when the
list is shown, the time each file was last saved is read from the file itself.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.records import record
from ..data_folder import data_dir

if TYPE_CHECKING:  # made when a time is shown (start-up time: the menu only asks whether the file is there)
    import datetime as _dt

LOG = logging.getLogger(__name__)
MAX_RECENT = 10


@record
class RecentFile:
    """A file of 最近使用: where it is, whose report of which year, when it was last saved
    (``None``: the file is gone — moved or deleted since)."""

    path: str
    agency: str = ""
    year: int | None = None
    modified: float | None = None   # the file's time stamp (``os.stat``), None when it is gone

    @property
    def saved(self) -> _dt.datetime | None:
        """When the file was last saved, in local time (None: gone, or a time stamp out of range)."""
        import datetime as _dt

        try:
            return None if self.modified is None else _dt.datetime.fromtimestamp(self.modified)
        except (ValueError, OverflowError, OSError):
            return None


def _recent_entry(item) -> RecentFile | None:
    """One entry of ``recent.json``: a path (older versions) or ``{path, agency, year}``."""
    if isinstance(item, str):
        item = {"path": item}
    if not isinstance(item, dict) or not isinstance(item.get("path"), str):
        return None
    try:
        modified: float | None = os.stat(item["path"]).st_mtime
    except (OSError, ValueError):
        modified = None
    year = item.get("year")
    return RecentFile(item["path"], str(item.get("agency") or ""), year if isinstance(year, int) else None, modified)


def _item_path(item) -> str | None:
    return item if isinstance(item, str) else item.get("path") if isinstance(item, dict) else None


class RecentFiles:
    """The list of 最近使用, read and written in the user's data folder each time (another editor
    running at the same time may have changed it)."""

    def __init__(self) -> None:
        self._later: tuple[Path, str, int | None] | None = None

    def add_later(self, path: Path, agency: str, year: int | None) -> None:
        """``add`` put off (the application's start: the file opened is written after the first
        paint, by ``flush``), done first should the list be read or written before."""
        self._later = (path, agency, year)

    def flush(self) -> bool:
        """Do the ``add`` put off, if any; True when it was done and written."""
        later, self._later = self._later, None
        return later is not None and self.add(*later)

    def _file(self) -> Path:
        return data_dir() / "recent.json"

    def _items(self) -> list:
        self.flush()
        try:
            items = json.loads(self._file().read_text("utf-8"))
        except (OSError, ValueError):
            return []
        return items if isinstance(items, list) else []

    def entries(self) -> list[RecentFile]:
        """最近使用, newest first, with agency, year and the time each file was last saved."""
        entries = [e for e in map(_recent_entry, self._items()) if e is not None]
        return entries[:MAX_RECENT]

    def paths(self) -> list[str]:
        return [e.path for e in self.entries()]

    def add(self, path: Path, agency: str, year: int | None) -> bool:
        """Put ``path`` first, with the report's agency and year; False when the list could not be
        written (the data folder is read-only: nothing else goes wrong)."""
        text = str(Path(path).resolve())
        entry = {"path": text, "agency": agency, "year": year}
        kept = [i for i in self._items() if _item_path(i) != text]
        try:
            self._file().write_text(json.dumps([entry, *kept][:MAX_RECENT], ensure_ascii=False), "utf-8")
        except OSError:
            LOG.warning("未能写入最近使用的文件列表 %s", self._file(), exc_info=True)
            return False
        return True
