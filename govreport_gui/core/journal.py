"""The journal of unsaved edits: an append-only file beside the editor's recovery file.

Every edit is written here as it is made (``edit_records``), so that a crash between two autosaves
loses nothing; the journal is replayed on top of the file it names in its header (``replay``) and
compacted — rewritten to a header alone — whenever the document is autosaved or saved.

What ``Journal.append`` guarantees when it returns:

* the record has been handed to the operating system (``write`` + ``flush``): from then on it
  survives the editor being killed at any moment (kill -9, 结束任务 in the Task Manager, a crash of
  Python or Qt) — the operating system writes its cache to the disk by itself;
* against a power cut or a crash of the operating system only what ``sync`` (``os.fsync``) has
  forced to the disk is safe: the editor syncs about a second after an edit, so a power cut loses
  at most about the last second of edits;
* a record cut short (the kill or the power cut came while it was being written) or garbled is
  recognised by its checksum: ``read_journal`` returns every complete record before it and counts
  it and whatever follows as damaged, never to be applied.

Format, UTF-8, one record a line: ``<CRC-32 of the JSON as 8 hex digits> <JSON>\\n``.  The first
record is the header (``{"journal": 1, "base": …}``): the file the edits apply to and its checksum
(``file_digest``), so that edits are never replayed onto a file that has changed since.
"""

from __future__ import annotations

import json
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .serialize import write_atomic

JOURNAL_SUFFIX = ".journal"
FORMAT = 1
BASE_AUTOSAVE = "recovery"   # the header's base: the recovery file beside the journal …
BASE_SAVED = "saved"         # … or the report's own saved project file
MAX_JOURNAL_BYTES = 256 * 1024 * 1024
CHECKSUM = "checksum"        # the header's ``file_digest`` of its base file …
LEGACY_SHA256 = "sha256"     # … where journals written by earlier versions kept its SHA-256
_CRC32 = "crc32:"


def encode(record: dict) -> bytes:
    """One line of the journal: the checksum, a space, the JSON, a newline."""
    data = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b"%08x %s\n" % (zlib.crc32(data), data)


def _decode(line: bytes) -> dict | None:
    """The record of a complete line, or None when it is cut short or garbled."""
    crc, sep, data = line.partition(b" ")
    if not sep or len(crc) != 8:
        return None
    try:
        if int(crc, 16) != zlib.crc32(data):
            return None
        record = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    return record if isinstance(record, dict) else None


def file_digest(path: Path) -> str:
    """A checksum of a file's bytes, ``crc32:<CRC-32 as 8 hex digits>:<size>`` (``OSError`` when it
    cannot be read): whether a file is still the one a journal's edits apply to.  Any change a clerk
    or a program makes shows (a changed file keeps both its CRC-32 and its size once in 4 billion);
    SHA-256 would add only resistance to a file forged on purpose, which is not the threat here (who
    can rewrite the file can rewrite the journal), and ``hashlib`` loads OpenSSL: 3 MB held for the
    whole session."""
    data = Path(path).read_bytes()
    return f"{_CRC32}{zlib.crc32(data):08x}:{len(data)}"


def digest_matches(path: Path, recorded: object) -> bool:
    """Whether the file at ``path`` is the one whose digest was ``recorded``: a ``file_digest``, or
    the SHA-256 in hex that journals written by earlier versions hold.  False when it cannot be read."""
    if not isinstance(recorded, str):
        return False
    try:
        if recorded.startswith(_CRC32):
            return file_digest(path) == recorded
        if len(recorded) == 64:
            import hashlib  # only for a journal an earlier version left behind (see file_digest)

            return hashlib.sha256(Path(path).read_bytes()).hexdigest() == recorded
    except OSError:
        return False
    return False


def header_digest(header: dict) -> object:
    """The digest of its base file a journal's header recorded (under its earlier name too)."""
    return header.get(CHECKSUM, header.get(LEGACY_SHA256))


@dataclass
class JournalRead:
    """What ``read_journal`` found: the header (None when the journal has none that can be read),
    the complete records after it, and how many records of the tail are damaged."""

    header: dict | None
    records: list[dict] = field(default_factory=list)
    damaged: int = 0


def read_journal(path: Path) -> JournalRead:
    """Every complete record up to the first damaged one (``OSError`` when the file cannot be read)."""
    with open(path, "rb") as f:
        data = f.read(MAX_JOURNAL_BYTES + 1)
    lines = data.split(b"\n")
    tail = lines.pop()               # what follows the last newline: empty when the last record is whole
    good: list[dict] = []
    damaged = 1 if tail else 0
    for i, line in enumerate(lines):
        record = _decode(line)
        if record is None:
            damaged = len(lines) - i + (1 if tail else 0)
            break
        good.append(record)
    if not good or good[0].get("journal") != FORMAT:
        return JournalRead(None, [], damaged + len(good))
    return JournalRead(good[0], good[1:], damaged)


class Journal:
    """The journal file of one editor session, open for appending once ``start`` has written its header."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._file: BinaryIO | None = None
        self._unsynced = False
        self.size = 0

    @property
    def started(self) -> bool:
        return self._file is not None

    def start(self, header: dict) -> None:
        """A new journal holding only ``header``, written atomically (and synced), then open for
        appending: the compaction, and the start of a journal.  ``WriteError`` when it cannot be written."""
        self.close()
        data = encode({"journal": FORMAT, **header})
        write_atomic(self.path, data)
        self._file = open(self.path, "ab")
        self.size = len(data)
        self._unsynced = False

    def append(self, record: dict) -> None:
        """Write ``record`` and hand it to the operating system before returning (see the module's
        guarantees).  ``OSError`` when it cannot be written."""
        if self._file is None:
            raise OSError("the journal has not been started")
        data = encode(record)
        self._file.write(data)
        self._file.flush()
        self.size += len(data)
        self._unsynced = True

    def sync(self) -> None:
        """Force what was appended to the disk (survives a power cut once this returns)."""
        if self._file is not None and self._unsynced:
            os.fsync(self._file.fileno())
            self._unsynced = False

    def sync_handle(self) -> int | None:
        """For ``sync`` on another thread (the window's must not wait for the disk): a duplicate of
        the file's descriptor, to ``os.fsync`` and ``os.close`` there, or None when everything
        appended is synced already.  What was appended so far counts as synced from now on; what
        is appended later waits for the next sync."""
        if self._file is None or not self._unsynced:
            return None
        handle = os.dup(self._file.fileno())
        self._unsynced = False
        return handle

    def close(self) -> None:
        if self._file is not None:
            try:
                self._file.close()
            finally:
                self._file = None

    def remove(self) -> None:
        self.close()
        try:
            self.path.unlink()
        except OSError:
            pass
