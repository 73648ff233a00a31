"""Autosave, the journal of edits, and recovery: never lose a clerk's work to a crash, a power cut
or a killed process.

Each editor has a session in the recovery folder of the user's data folder (``data_folder``):
``session-<id>.journal`` receives every edit the moment it is made — before anything is repainted
— and every keystroke of text typed but not yet committed (``core.journal`` says what is
guaranteed against a kill and against a power cut); a few seconds after the last change the whole
document is written to ``session-<id>.govreport`` and the journal is compacted to a header naming
that file.  While the document has no unsaved changes there is no autosave and the journal names
the report's own saved file.  A lock file marks the session as belonging to a running editor.

At the application's start the journal of the report just opened (unchanged: its saved file holds
it all) is started right after the window's first paint (``hold``/``release``), or at once when
something needs it first — an edit or a keystroke before then starts it before it is written down.
The journal's modules are loaded then too (start-up time).

At start-up a session whose editor is gone (its lock is free) and that left unsaved work is
offered for restoring: its file with the journal replayed (``core.replay``).  A declined one is
kept aside in ``declined/`` (the newest few), not deleted at once.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ..core.document import Document
from ..core.errors import WriteError
from ..core.serialize import NATIVE_SUFFIX, save_native
from ..data_folder import data_dir
from . import dialogs

if TYPE_CHECKING:  # loaded when the journal starts (start-up time)
    from ..core.journal import Journal
    from ..core.replay import Drafts, Recovered

LOG = logging.getLogger(__name__)
AUTOSAVE_DELAY_MS = 3000
SYNC_DELAY_MS = 1000               # a power cut loses at most about this much (see core.journal)
COMPACT_AT_BYTES = 1024 * 1024     # a journal this long is compacted at once
RECOVERY_DIR = "recovery"
KEEP_DECLINED = 5


def recovery_dir() -> Path:
    return data_dir() / RECOVERY_DIR


def _unlink(*paths: Path) -> None:
    for path in paths:
        try:
            path.unlink()
        except OSError:
            pass


def session_files() -> tuple[str, ...]:
    """The suffixes of a session's files: its recovery file, what names it, its journal, its lock."""
    from ..core.journal import JOURNAL_SUFFIX
    return NATIVE_SUFFIX, ".json", JOURNAL_SUFFIX, ".lock"


def _delete_session(stem: Path) -> None:
    _unlink(*(stem.with_suffix(s) for s in session_files()))


def _lock_file(stem: Path):
    from PySide6.QtCore import QLockFile
    return QLockFile(str(stem.with_suffix(".lock")))


def _is_running(stem: Path) -> bool:
    lock = _lock_file(stem)
    if not lock.tryLock(0):
        return True
    lock.unlock()  # removes the file
    return False


def orphaned_sessions(own: Path | None = None) -> list[Path]:
    """The sessions (``…/session-<id>``, without suffix) whose editor is no longer running and that
    left unsaved work, newest first; those that left nothing are cleaned up."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    files = [p for p in folder.iterdir() if p.is_file()]
    if not files:   # as a clean close leaves it (the journal's modules are loaded only when needed)
        return []
    suffixes = session_files()
    stems = {p.with_suffix("") for p in files if p.suffix in suffixes}
    from ..core.replay import summary
    found = []
    for stem in stems - {own}:
        if _is_running(stem):
            continue
        about = summary(stem)
        if about is None:
            _delete_session(stem)
        else:
            found.append((about.when, stem))
    return [stem for _when, stem in sorted(found, reverse=True)]


class Recovery(QObject):
    """This editor's session: the journal of ``flows``' open document (``file_flows.FileFlows``), its
    autosave a few seconds after each change, and the offer of earlier sessions' work."""

    sync_failed = Signal(object)   # the OSError of a journal's sync on its own thread

    def __init__(self, flows) -> None:
        super().__init__(flows)
        self.flows = flows
        self._timer = self._single_shot(AUTOSAVE_DELAY_MS, self.autosave)
        self._sync_timer = self._single_shot(SYNC_DELAY_MS, self._sync)
        self._folder = recovery_dir()
        self.stem = self._folder / f"session-{os.urandom(6).hex()}"
        self.path = self.stem.with_suffix(NATIVE_SUFFIX)
        self._lock = None            # taken, and the journal made, on ``release`` or before anything is written
        self._journal: Journal | None = None
        self._drafts: Drafts | None = None
        self._held = False           # the start is put off until ``release`` (the first paint) …
        self._pending = False        # … and is still to come
        self._paused = False
        self._failed = False
        self._watched: weakref.WeakSet[Document] = weakref.WeakSet()
        self.sync_failed.connect(self._journal_failed)
        self.watch(flows.session.document)
        flows.session.drafted.connect(self.draft)

    def _begin(self) -> Journal:
        """This session's lock and journal file, the first time anything is to be written."""
        if self._journal is None:
            from ..core.journal import Journal
            self._folder.mkdir(parents=True, exist_ok=True)
            self._lock = _lock_file(self.stem)
            self._lock.tryLock(0)
            self._journal = Journal(self.stem.with_suffix(session_files()[2]))
        return self._journal

    @property
    def journal(self) -> Journal:
        """The journal of the open document (started now if its start was put off until the first paint)."""
        self._start_if_pending()
        return self._begin()

    @property
    def drafts(self) -> Drafts:
        """Text typed and not committed yet (``core.replay.Drafts``)."""
        if self._drafts is None:
            from ..core.replay import Drafts
            self._drafts = Drafts()
        return self._drafts

    # -- the start, after the first paint ----------------------------------------------------------

    def hold(self) -> None:
        """Put off the journal's start on an unchanged document until ``release`` (the application's
        start: the window is painted first).  Unsaved work is still written at once."""
        self._held = True

    def release(self) -> None:
        """The window has been painted (or is not held): the session's lock is taken and the journal
        starts now if it has not already."""
        self._held = False
        self._begin()
        self._start_if_pending()

    def _start_if_pending(self) -> None:
        """The start that was put off, now: the document has not changed since (a change starts it
        first), so the journal starts on its saved file as ``autosave`` would."""
        if self._pending:
            self._pending = False
            self._journal_unchanged()

    def _single_shot(self, ms: int, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    # -- the journal ------------------------------------------------------------------------------

    def watch(self, document: Document) -> None:
        """Journal every edit of ``document`` while it is the open one."""
        if document in self._watched:
            return
        self._watched.add(document)
        document.record_with(lambda edit, reverted: self._recorded(document, edit, reverted))

    def _recorded(self, document: Document, edit, reverted: bool) -> None:
        if document is not self.flows.session.document or self._paused:
            return
        self._start_if_pending()   # on the file as it was before this edit: the edit is recorded after it
        self.drafts.edited(edit.change)
        if not self._begin().started:   # nothing on disk to replay it on yet: write the document itself
            self._snapshot()
            return
        from ..core.edit_records import NotRecordable, edit_record
        try:
            record = {"undo" if reverted else "do": edit_record(edit)}
        except NotRecordable:
            LOG.warning("修改“%s”（%s）无法写入修改记录，改为保存整份报告", edit.text, type(edit).__name__)
            self._snapshot()
            return
        self._append(record)

    def draft(self, target, text: str) -> None:
        """Text typed into a field and not yet committed (``core.replay.Drafts``)."""
        if self._paused:
            return
        self._start_if_pending()
        record = self.drafts.typed(self.flows.session.report, tuple(target), text)
        if record is None:
            return
        if self._begin().started:
            self._append(record)
        else:
            self._snapshot()

    def _append(self, record: dict) -> None:
        try:
            self.journal.append(record)
        except OSError as exc:
            self._journal_failed(exc)
            return
        self._failed = False
        if not self._sync_timer.isActive():
            self._sync_timer.start()
        if self.journal.size > COMPACT_AT_BYTES:
            self._snapshot()

    def _sync(self) -> None:
        """Force the journal to the disk, on a thread of its own: the window does not wait for the
        disk (tens of milliseconds on a busy or slow one, a second after typing)."""
        try:
            handle = self._begin().sync_handle()
        except OSError as exc:
            self._journal_failed(exc)
            return
        if handle is not None:
            threading.Thread(target=self._sync_on_thread, args=(handle,), name="journal-sync", daemon=True).start()

    def _sync_on_thread(self, handle: int) -> None:
        try:
            os.fsync(handle)
        except OSError as exc:
            try:
                self.sync_failed.emit(exc)   # (said on the window's thread)
            except RuntimeError:             # the window is gone
                pass
        finally:
            os.close(handle)

    def _journal_failed(self, exc: Exception) -> None:
        LOG.warning("无法写入修改记录 %s：%s", self.journal.path, exc, exc_info=True)
        self.journal.close()   # the next edit tries a whole autosave again
        if not self._failed:
            self._failed = True
            self.flows.message.emit(f"无法记录刚才的修改（{exc}），请尽快保存报告。")

    # -- autosave and compaction ------------------------------------------------------------------

    def schedule(self) -> None:
        """The document changed: autosave in a few seconds (again from now on a further change)."""
        self._timer.start()

    def cancel(self) -> None:
        """Another document is being put in place: nothing is written until ``restart``."""
        self._timer.stop()
        self._paused = True
        self._pending = False

    def restart(self, document: Document) -> None:
        """``document`` is the open document now: journal it, on a file written at once when it holds
        unsaved work (an import, a restored session …); on its saved file after ``release`` when held."""
        self._paused = False
        self._drafts = None
        self.watch(document)
        if self._held and not self.flows.is_modified():
            self._pending = True
        else:
            self.autosave()

    def autosave(self) -> bool:
        """Compact: the open document with unsaved work is written to the recovery file and the journal
        starts afresh on it; without unsaved work the recovery file goes and the journal starts on the
        report's saved file.  True when the recovery file was written."""
        self._timer.stop()
        if self._paused:
            return False
        self._pending = False
        flows = self.flows
        # nothing is committed here: closing a cell editor the clerk is typing in would disrupt
        # them (prose is committed by its own editor a moment after typing stops; meanwhile it is
        # journalled as a draft)
        if flows.is_modified() or (flows.path is None and self.drafts.pending):
            if self._snapshot():
                flows.message.emit(f"已自动保存（{_now():%H:%M:%S}）。")
                return True
            return False
        self._journal_unchanged()
        return False

    def _journal_unchanged(self) -> None:
        """No unsaved work: the recovery file goes and the journal starts on the report's saved file
        (none for a report never saved)."""
        retired = self._digest(self.path) if self.path.exists() else None
        if self.flows.path is None:
            self._begin().remove()
        else:
            from ..core.journal import BASE_SAVED
            self._start_journal(BASE_SAVED, self.flows.path, retired)
        self.remove()

    def _snapshot(self) -> bool:
        """Write the whole open document to the recovery file and start the journal on it."""
        self._begin()   # the folder, and this session's lock before its first file
        flows = self.flows
        try:
            info = {"path": str(flows.path) if flows.path else None, "name": flows.display_name(),
                    "saved": _now().isoformat(timespec="seconds"), "pid": os.getpid()}
            self.path.with_suffix(".json").write_text(json.dumps(info, ensure_ascii=False), "utf-8")
            save_native(self.path, flows.session.report, flows.session.document.previous)
        except (WriteError, OSError) as exc:
            LOG.warning("自动保存到 %s 失败：%s", self.path, exc, exc_info=True)
            flows.message.emit(f"自动保存失败：{exc}")
            self._begin().close()
            return False
        from ..core.journal import BASE_AUTOSAVE
        return self._start_journal(BASE_AUTOSAVE, self.path)

    def _start_journal(self, base: str, file: Path, retired: str | None = None) -> bool:
        from ..core.journal import CHECKSUM, file_digest
        flows = self.flows
        journal = self._begin()
        try:
            header = {"base": base, "file": str(file), CHECKSUM: file_digest(file),
                      "path": str(flows.path) if flows.path else None, "name": flows.display_name(),
                      "saved": _now().isoformat(timespec="seconds"), "pid": os.getpid()}
            if retired:   # the recovery file this header replaces: a leftover, should it outlive a crash
                header["retired"] = retired
            journal.start(header)
            # (no drafts yet, none to state again: the replaying modules are imported at the first draft)
            for record in self._drafts.restated(flows.session.report) if self._drafts is not None else ():
                journal.append(record)
        except (WriteError, OSError) as exc:
            self._journal_failed(exc)
            return False
        return True

    @staticmethod
    def _digest(path: Path) -> str | None:
        from ..core.journal import file_digest
        try:
            return file_digest(path)
        except OSError:
            return None

    def remove(self) -> None:
        """Remove the recovery file (the journal stays)."""
        _unlink(self.path, self.path.with_suffix(".json"))

    # -- at start-up --------------------------------------------------------------------------------

    def candidates(self) -> list[Path]:
        """Sessions left by editors that are no longer running, newest first."""
        return orphaned_sessions(self.stem)

    def offer(self) -> bool:
        """At start-up: offer each orphaned session's work; True when one was restored."""
        from ..core.replay import summary
        restored = False
        for stem in self.candidates():
            about = summary(stem)
            if about is None:
                continue
            recovered, name = self._named(stem, about) if not restored else (None, "")
            if not restored and dialogs.ask_yes_no(
                    self.flows.window, f"年报编制助手上次没有正常关闭。\n发现“{name}”未保存的修改"
                    f"（最后记录于 {_when(about.when)}）。\n\n是否恢复这些修改？", "恢复", "不恢复"):
                restored = self._restore(stem, recovered)
            else:
                self._discard(stem)
        return restored

    @staticmethod
    def _named(stem: Path, about) -> tuple[Recovered | None, str]:
        """What the question calls the session's report: its file or the name it was given; a report
        never saved, the 机关+年度报告 its save will offer (read from its recovered work, which is
        then restored without being read again)."""
        from ..core.errors import ReadError
        from ..core.replay import NO_NAME, recover_session
        from .file_flows import NEW_REPORT, UNNAMED, unsaved_report_name
        if about.path or about.name not in (UNNAMED, NO_NAME):
            return None, about.name
        try:
            recovered = recover_session(stem)
        except ReadError:   # said when the clerk asks to restore it
            return None, NEW_REPORT
        return recovered, unsaved_report_name(recovered.report)

    def _restore(self, stem: Path, recovered: Recovered | None = None) -> bool:
        from ..core.errors import ReadError
        from ..core.replay import recover_session
        try:
            recovered = recovered or recover_session(stem)
        except ReadError as exc:
            LOG.warning("无法恢复 %s：%s", stem, exc, exc_info=True)
            dialogs.error(self.flows.window, f"无法恢复：{exc}")
            self._discard(stem)
            return False
        from ..core.prompts import prompts_made_placeholders
        prompts_made_placeholders(recovered.report, recovered.previous)  # saved by an earlier version
        from .file_flows import UNNAMED
        original = Path(recovered.path) if recovered.path else None
        named = recovered.name if not original and recovered.name != UNNAMED else ""   # else 机关+年度报告
        document = Document(recovered.report, recovered.previous)
        if recovered.progress is not None:   # the cells changed last, as the clerk left them
            document.progress = recovered.progress
        self.flows._set_document(document, original, dirty=True, suggested=named)
        _delete_session(stem)
        self.flows.message.emit("已恢复上次未保存的修改，请检查后保存。")
        if recovered.problems:
            dialogs.warning(self.flows.window, "已恢复上次未保存的修改，但有一部分没能恢复：\n"
                            + "\n".join(recovered.problems) + "\n\n请核对报告后保存。")
        return True

    def _discard(self, stem: Path) -> None:
        """A declined session is kept aside (the newest few), not deleted at once."""
        keep = self._folder / "declined"
        keep.mkdir(exist_ok=True)
        suffixes = session_files()
        for suffix in suffixes[:-1]:
            try:
                os.replace(stem.with_suffix(suffix), keep / stem.with_suffix(suffix).name)
            except OSError:
                pass
        _unlink(stem.with_suffix(".lock"))
        kept = {p.with_suffix("") for p in keep.iterdir() if p.suffix in suffixes}
        newest = sorted(kept, key=lambda s: max(p.stat().st_mtime for p in keep.glob(f"{s.name}.*")), reverse=True)
        for old in newest[KEEP_DECLINED:]:
            _delete_session(old)

    def shutdown(self) -> None:
        """The editor closes after the clerk saved or chose to discard: no recovery needed."""
        self._timer.stop()
        self._sync_timer.stop()
        self._paused = True
        self._pending = False
        if self._journal is not None:
            self._journal.remove()
        self.remove()
        if self._lock is not None:
            self._lock.unlock()


def _now():
    """The local time now (``datetime`` imported when a time is written: start-up time)."""
    import datetime as _dt

    return _dt.datetime.now()


def _when(stamp: str) -> str:
    """“2026-12-07 10:29:29” (the session's last record) as the start page writes times: 2026年12月7日 10:29."""
    import datetime as dt

    from .start_page import saved_text
    try:
        return saved_text(dt.datetime.fromisoformat(stamp))
    except ValueError:
        return stamp or "未知时间"
