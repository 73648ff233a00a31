"""Recovering an editor session after a crash: its base file with the journal's edits replayed.

A session leaves beside each other in the recovery folder (``stem`` is ``…/session-<id>``):

* ``stem.govreport`` — the last autosave (only while there are unsaved changes);
* ``stem.journal`` — the edits made since that autosave, or since the report's own file was last
  saved or opened (the header says which, with the file's checksum);
* ``stem.json`` — the report's file and name, for the question asked at the next start.

``recover_session`` starts from the file the journal names and replays every complete record on
it; a damaged tail (the kill came while a record was being written) is left out and reported.
When the autosave is newer than the journal (the editor was killed while compacting), the autosave
already holds the journal's edits and is taken alone.

Text typed into a prose or 基本信息 field and not yet committed as an edit is journalled as a
*draft* (``Drafts``): the difference from the field's previous text.  A draft is superseded by the
edit that commits the field (or by any change that reloads it); drafts still pending at the end of
the journal are applied as edits, so what was on the screen comes back.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
from dataclasses import dataclass, field, fields
from pathlib import Path

from .document import Document
from .edit_records import edit_from_record
from .edits import META, SECTION, Change, SetMeta, SetSection
from .errors import ReadError
from .fill_progress import FillProgress
from .journal import BASE_AUTOSAVE, BASE_SAVED, JOURNAL_SUFFIX, JournalRead, digest_matches, header_digest, read_journal
from .report import SECTION_KEYS, Metadata, Report
from .serialize import NATIVE_SUFFIX, load_file

LOG = logging.getLogger(__name__)
Target = tuple[str, str]          # (SECTION, "一") or (META, "preamble")
_TEXT_FIELDS = {f.name for f in fields(Metadata) if f.type in ("str", str)}
_REPLAYED_ERRORS = (ValueError, KeyError, TypeError, AttributeError, IndexError)


# -- drafts: text typed but not committed --------------------------------------------------------

def stored_text(report: Report, target: Target) -> str:
    kind, name = target
    return report.section_text(name) if kind == SECTION else getattr(report.meta, name)


def _check_target(raw: object) -> Target:
    if isinstance(raw, list) and len(raw) == 2 and (
            (raw[0] == SECTION and raw[1] in SECTION_KEYS) or (raw[0] == META and raw[1] in _TEXT_FIELDS)):
        return raw[0], raw[1]
    raise ValueError(f"draft target {raw!r}")


def draft_record(target: Target, before: str, after: str) -> dict:
    """The journal record turning ``before`` into ``after``: the span replaced and its new text."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return {"draft": list(target), "at": start, "cut": len(before) - start - end,
            "insert": after[start:len(after) - end]}


def apply_draft(text: str, record: dict) -> str:
    at, cut, insert = record.get("at"), record.get("cut"), record.get("insert")
    if not (isinstance(at, int) and isinstance(cut, int) and isinstance(insert, str)
            and 0 <= at and 0 <= cut and at + cut <= len(text)):
        raise ValueError("damaged draft record")
    return text[:at] + insert + text[at + cut:]


def supersedes(change: Change, target: Target) -> bool:
    """Whether an edit with ``change`` reloads the field ``target`` (its draft is then void)."""
    kind, name = target
    return change.everything or (change.section == name if kind == SECTION else change.meta == name)


class Drafts:
    """The text of each field typed and not yet committed, as the journal has recorded it."""

    def __init__(self) -> None:
        self.pending: dict[Target, str] = {}

    def typed(self, report: Report, target: Target, text: str) -> dict | None:
        """The record for ``text`` now in ``target`` (None when it says nothing new)."""
        before = self.pending.get(target, stored_text(report, target))
        if text == before:
            return None
        self.pending[target] = text
        return draft_record(target, before, text)

    def replayed(self, report: Report, record: dict) -> None:
        target = _check_target(record.get("draft"))
        self.pending[target] = apply_draft(self.pending.get(target, stored_text(report, target)), record)

    def edited(self, change: Change) -> None:
        for target in [t for t in self.pending if supersedes(change, t)]:
            del self.pending[target]

    def restated(self, report: Report) -> list[dict]:
        """After the journal was compacted: the records stating again the drafts still pending."""
        self.pending = {t: text for t, text in self.pending.items() if text != stored_text(report, t)}
        return [draft_record(t, stored_text(report, t), text) for t, text in self.pending.items()]

    def edits(self, report: Report) -> list[SetSection | SetMeta]:
        out: list[SetSection | SetMeta] = []
        for (kind, name), text in self.pending.items():
            old = stored_text(report, (kind, name))
            if text != old:
                out.append(SetSection(name, old, text) if kind == SECTION else SetMeta(name, old, text))
        return out


# -- replaying -----------------------------------------------------------------------------------

def replay(document: Document, records: list[dict]) -> tuple[int, int]:
    """Apply ``records`` in order: (replayed, left out).  A record that cannot be read or applied
    stops the replay — every later record depends on it — and it and the rest are left out."""
    drafts = Drafts()
    for i, record in enumerate(records):
        try:
            if "draft" in record:
                drafts.replayed(document.report, record)
                continue
            reverted = "undo" in record
            edit = edit_from_record(record.get("undo" if reverted else "do"), document.report.form)
            (document.revert if reverted else document.apply)(edit)
            drafts.edited(edit.change)
        except _REPLAYED_ERRORS as exc:
            LOG.warning("修改记录第 %d 条无法套用，其后 %d 条未恢复：%r", i + 1, len(records) - i, exc)
            return i, len(records) - i
    for edit in drafts.edits(document.report):
        document.apply(edit)
    return len(records), 0


@dataclass
class Recovered:
    """A session's work brought back: the report (and last year's), the report's own file, and
    what could not be brought back (sentences for the clerk).  ``progress``: what the clerk was
    filling in, as the replayed edits left it (``core.fill_progress``: an imbalance marked on the
    cell changed last, as before the crash)."""

    report: Report
    previous: Report | None
    path: str | None
    name: str
    replayed: int = 0
    problems: list[str] = field(default_factory=list)
    progress: FillProgress | None = None


NO_NAME = "未命名报告"   # a session whose header names no report


@dataclass(frozen=True)
class SessionSummary:
    """What the question at start-up says about a session left behind."""

    name: str
    path: str | None
    when: str
    edits: int        # complete journal records not yet in any file


def _journal(stem: Path) -> JournalRead | None:
    path = stem.with_suffix(JOURNAL_SUFFIX)
    try:
        return read_journal(path) if path.exists() else None
    except OSError as exc:
        LOG.warning("无法读取修改记录 %s：%s", path, exc)
        return JournalRead(None, [], 0)


def _info(stem: Path, header: dict | None) -> dict:
    if header is not None:
        return header
    try:
        info = json.loads(stem.with_suffix(".json").read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def summary(stem: Path) -> SessionSummary | None:
    """The session ``stem`` left something to recover (None when it left nothing: no autosave and
    no complete record in its journal)."""
    journal = _journal(stem)
    autosaved = stem.with_suffix(NATIVE_SUFFIX)
    edits = len(journal.records) if journal and journal.header else 0
    base, _applies = _base(journal.header if journal else None, autosaved)
    if base != autosaved and not edits:
        if journal is not None and journal.damaged:
            LOG.warning("修改记录 %s 没有可恢复的完整记录（%d 条已损坏）", stem, journal.damaged)
        return None
    info = _info(stem, journal.header if journal else None)
    times = [p.stat().st_mtime for p in (autosaved, stem.with_suffix(JOURNAL_SUFFIX)) if p.exists()]
    when = _dt.datetime.fromtimestamp(max(times)).isoformat(sep=" ", timespec="seconds") if times else ""
    return SessionSummary(str(info.get("name") or NO_NAME), info.get("path") or None, when, edits)


def _retired(header: dict | None, autosaved: Path) -> bool:
    """The recovery file is one the journal's header says was retired (the work was saved, or undone
    back to the saved state, and the editor was killed before it could remove the file)."""
    return header is not None and bool(header.get("retired")) and digest_matches(autosaved, header["retired"])


def _base(header: dict | None, autosaved: Path) -> tuple[Path | None, bool]:
    """The file to start from, and whether the journal's records apply to it."""
    if header is not None and header.get("base") == BASE_AUTOSAVE:
        if autosaved.exists():  # not matching: an autosave newer than the journal, holding its edits
            return autosaved, digest_matches(autosaved, header_digest(header))
        return None, False
    if autosaved.exists() and not _retired(header, autosaved):
        return autosaved, False  # no journal (or none readable), or newer than a journal on the saved file
    if header is not None and header.get("base") == BASE_SAVED and isinstance(header.get("file"), str):
        saved = Path(header["file"])
        return saved, digest_matches(saved, header_digest(header))
    return None, False


def recover_session(stem: Path) -> Recovered:
    """The work of the session ``stem``; ``ReadError`` (the clerk's message) when none can be recovered."""
    journal = _journal(stem) or JournalRead(None)
    header = journal.header
    base, records_apply = _base(header, stem.with_suffix(NATIVE_SUFFIX))
    info = _info(stem, header)
    if base is None:
        raise ReadError(f"上次编辑的自动保存文件已不存在，记录下的 {len(journal.records)} 处修改无法恢复。")
    if journal.records and not records_apply and base != stem.with_suffix(NATIVE_SUFFIX):
        raise ReadError(f"“{base.name}”在上次编辑之后被改动或重新保存过，上次记录下的 {len(journal.records)} 处修改"
                        "无法套用到它上面，没有恢复。")
    loaded = load_file(base)
    document = Document(loaded.report, loaded.previous)
    replayed, left_out = replay(document, journal.records) if records_apply else (0, 0)
    problems = []
    if journal.damaged:
        LOG.warning("修改记录 %s 末尾 %d 条不完整，未恢复", stem, journal.damaged)
        problems.append(f"最后 {journal.damaged} 条修改记录不完整（程序被强行结束时正在写入），这部分修改未能恢复。")
    if left_out:
        problems.append(f"有 {left_out} 条修改记录无法读取，这部分修改未能恢复。")
    return Recovered(document.report, document.previous, info.get("path") or None,
                     str(info.get("name") or NO_NAME), replayed, problems, document.progress)
