"""The log: one file in the user's data folder that keeps what went wrong, for support.

Every module logs through ``logging.getLogger(__name__)`` (all below the logger ``govreport_gui``);
a caught exception is logged with its traceback and the file it concerned, then turned into a
message for the clerk.  ``setup()`` — called once at start by the command line, which also starts
the editor — sends those records to ``<data folder>/logs/govreport.log``; past ``MAX_BYTES`` the file
becomes ``govreport.log.1`` (``.2``, ``.3``; older ones are dropped).  The file never leaves the
machine by itself: 帮助 → 导出诊断信息 (``diagnostics.py``) writes a zip the clerk hands on.
"""

from __future__ import annotations

import copy
import logging
import os
import sys
from pathlib import Path

from . import APP_NAME, __version__
from .data_folder import data_dir

PACKAGE = "govreport_gui"
LOG_DIR = "logs"
LOG_NAME = "govreport.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"


def log_path() -> Path:
    """The log file of this user (its folder is created; the file is written at the first record)."""
    folder = data_dir() / LOG_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return folder / LOG_NAME


class _Formatter(logging.Formatter):
    """Tracebacks with the exceptions that ``raise ReadError(…) from None`` hid: the clerk's message
    needs no cause, the log does."""

    def formatException(self, ei) -> str:  # noqa: N802 - logging's own name
        shown, exc, seen = [], ei[1], set()
        while exc is not None and id(exc) not in seen:
            seen.add(id(exc))
            if exc.__suppress_context__ and exc.__context__ is not None:
                exc.__suppress_context__ = False
                shown.append(exc)
            exc = exc.__cause__ or exc.__context__
        try:
            return super().formatException(ei)
        finally:
            for hidden in shown:
                hidden.__suppress_context__ = True


class Kept(logging.Handler):
    """Records kept in memory as plain text (message and traceback formatted, as
    ``logging.handlers.QueueHandler`` prepares them), to be handed to another process and written
    to the log there (``replay``): a 汇总's worker processes send what they logged back with the
    units they read, so that one process writes the file."""

    def __init__(self, level: int = logging.INFO) -> None:
        super().__init__(level)
        self.records: list[logging.LogRecord] = []
        self._formatter = _Formatter(FORMAT)

    def emit(self, record: logging.LogRecord) -> None:
        record = copy.copy(record)
        record.msg, record.args = record.getMessage(), None
        if record.exc_info:
            record.exc_text = self._formatter.formatException(record.exc_info)
        record.exc_info = None
        self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        records, self.records = self.records, []
        return records


def keep_records(level: int = logging.INFO) -> Kept:
    """In a process whose records another writes: the package's records from ``level`` up kept."""
    kept = Kept(level)
    logger = logging.getLogger(PACKAGE)
    logger.addHandler(kept)
    logger.setLevel(level)
    return kept


def replay(records: list[logging.LogRecord]) -> None:
    """Write records kept by another process (``Kept``) as if they had been made here."""
    for record in records:
        logging.getLogger(record.name).handle(record)


class RotatingLog(logging.FileHandler):
    """A log file that starts afresh past ``MAX_BYTES``, keeping ``BACKUPS`` old ones.

    Not ``logging.handlers.RotatingFileHandler``: importing ``logging.handlers`` loads socket,
    pickle and queue, 25–35 ms of the editor's start-up for nothing used here.  A log that cannot
    be written or turned over (a read-only folder; on Windows another editor holding the file) is
    skipped silently: the log must never stop the clerk's work, nor print on their console."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8", delay=True)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._size() >= MAX_BYTES:
                self._turn_over()
            super().emit(record)
        except Exception:  # noqa: BLE001 - the log itself failing: nowhere left to report it
            self.handleError(record)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's own name
        """Dropped (the default prints "--- Logging error ---" on stderr)."""

    def _size(self) -> int:
        if self.stream is not None:
            return os.fstat(self.stream.fileno()).st_size
        try:
            return os.path.getsize(self.baseFilename)
        except OSError:
            return 0

    def _turn_over(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None  # reopened by the next emit
        base = self.baseFilename
        for i in range(BACKUPS - 1, 0, -1):
            if os.path.exists(f"{base}.{i}"):
                os.replace(f"{base}.{i}", f"{base}.{i + 1}")
        os.replace(base, f"{base}.1")


def setup(what: str) -> Path | None:
    """Send the package's records (INFO and above) to the log file of the current data folder;
    ``what`` names the program started ("编辑器", "命令行 check").  Called again, it keeps the
    handler, or moves it when the data folder changed.  Returns the file, or None when the data
    folder cannot be made (the program then runs without a log)."""
    try:
        path = log_path()
    except OSError:
        return None
    logger = logging.getLogger(PACKAGE)
    for handler in list(logger.handlers):
        if isinstance(handler, RotatingLog):
            if handler.baseFilename == os.path.abspath(path):
                return path
            logger.removeHandler(handler)
            handler.close()
    handler = RotatingLog(path)
    handler.setFormatter(_Formatter(FORMAT))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.info("%s %s 启动：%s（Python %s，%s）", APP_NAME, __version__, what, sys.version.split()[0],
                sys.platform)
    return path


def stop() -> None:
    """Close the log file (tests; the interpreter closes it at exit anyway)."""
    logger = logging.getLogger(PACKAGE)
    for handler in list(logger.handlers):
        if isinstance(handler, RotatingLog):
            logger.removeHandler(handler)
            handler.close()
