"""The journal of unsaved edits, without Qt: every edit type written and read back exactly, a
damaged tail tolerated (every complete record kept, the rest counted), and a session's work
recovered from its base file with the journal replayed — never onto a file that has changed."""

from __future__ import annotations

import hashlib
import importlib
import json
import pkgutil
from decimal import Decimal
from pathlib import Path

import pytest

import govreport_gui.core as core
from govreport_gui.core.document import Document
from govreport_gui.core.edit_records import NotRecordable, edit_from_record, edit_record, recordable_types
from govreport_gui.core.edits import (
    AcceptWarning,
    DismissPrinted,
    ReportEdit,
    SetMeta,
    SetPrevious,
    SetSection,
    UnacceptWarning,
    replace_report,
    set_cells,
)
from govreport_gui.core.errors import ReadError
from govreport_gui.core.journal import (
    BASE_AUTOSAVE,
    BASE_SAVED,
    CHECKSUM,
    LEGACY_SHA256,
    Journal,
    digest_matches,
    encode,
    file_digest,
    read_journal,
)
from govreport_gui.core.ledger.apply import FillFromLedger
from govreport_gui.core.ledger.record import LedgerCell, LedgerRecord
from govreport_gui.core.ledger.sheet import RowRef
from govreport_gui.core.replay import META, SECTION, Drafts, recover_session, replay, summary
from govreport_gui.core.report import AcceptedWarning
from govreport_gui.core.rules import YEAR
from govreport_gui.core.serialize import load_file, native_to_json, save_native

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample-2024.govreport"


@pytest.fixture
def loaded():
    return load_file(SAMPLE)


def _keys(report, table: str, kind: str | None = None):
    return [k for k, s in report.form.cell_specs().items()
            if k.table == table and not s.computed and (kind is None or s.kind.value == kind)]


def every_kind_of_edit(loaded) -> list:
    report, previous = loaded.report, loaded.previous
    [money] = _keys(report, "二", "money")[:1]
    count = _keys(report, "三")[0]
    total = next(k for k, s in report.form.cell_specs().items() if s.computed and k.table == "三")
    other = report.copy()
    other.meta.agency = "另一个机关"
    other.sections["一"] = "导入的文字"
    entry = AcceptedWarning(YEAR.id, (count,), "已核实")
    ledger = LedgerRecord(("台账.xlsx",), 2024, {count: LedgerCell(3, (RowRef("台账.xlsx", "2024年", 4),))},
                          (("公民", "自然人"),), 1)
    return [
        set_cells(report, {count: 4321, money: Decimal("12.50")}, "输入"),
        set_cells(report, {count: None}, "清除"),
        DismissPrinted(((total, 99),)),
        SetMeta("phone", report.meta.phone, "0571-1234"),
        SetMeta("year", report.meta.year, report.meta.year + 1),
        SetSection("六", report.section_text("六"), "新的文字\n第二段"),
        replace_report(report, other, "导入"),
        AcceptWarning(entry),
        UnacceptWarning(entry, 0),
        SetPrevious(previous, None),
        SetPrevious(None, previous),
        FillFromLedger(set_cells(report, {count: 3}, "台账"), None, ledger, "从登记台账填写"),
    ]


def _state(document: Document) -> dict:
    return native_to_json(document.report, document.previous) | {"ledger": repr(document.report.ledger),
                                                                  "printed": repr(document.report.printed)}


def test_every_kind_of_edit_is_written_and_read_back_exactly(loaded):
    for edit in every_kind_of_edit(loaded):
        record = json.loads(encode(edit_record(edit)).split(b" ", 1)[1])   # through the journal's own text
        again = edit_from_record(record, loaded.report.form)
        assert type(again) is type(edit)
        if not isinstance(edit, (SetPrevious,)):
            assert again.change == edit.change
        one, two = Document(loaded.report.copy(), loaded.previous), Document(loaded.report.copy(), loaded.previous)
        if isinstance(edit, UnacceptWarning):
            one.report.accepted.append(edit.entry)
            two.report.accepted.append(edit.entry)
        one.apply(edit)
        two.apply(again)
        assert _state(one) == _state(two), type(edit).__name__
        one.revert(edit)
        two.revert(again)
        assert _state(one) == _state(two), type(edit).__name__


def test_money_stays_exact_and_blank_stays_blank(loaded):
    money = _keys(loaded.report, "二", "money")[0]
    record = edit_record(set_cells(loaded.report, {money: Decimal("0.10")}, "输入"))
    assert record["changes"][0][2] == "0.10"
    edit = edit_from_record(json.loads(json.dumps(record)), loaded.report.form)
    assert edit.changes[0][2] == Decimal("0.10") and str(edit.changes[0][2]) == "0.10"


def test_every_edit_type_of_the_program_can_be_journalled():
    for module in pkgutil.walk_packages(core.__path__, core.__name__ + "."):
        importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)
    edits = set(subclasses(ReportEdit)) | {SetPrevious}
    missing = {e.__name__ for e in edits} - {t.__name__ for t in recordable_types()}
    assert not missing, f"give these edits a codec in core/edit_records.py: {sorted(missing)}"


def test_an_unknown_edit_is_refused_so_that_the_whole_document_is_saved_instead():
    class Strange(ReportEdit):
        text = "?"
    with pytest.raises(NotRecordable):
        edit_record(Strange())
    with pytest.raises(ValueError):
        edit_from_record({"type": "SetCells", "changes": [[["a", "b"], 1, 2]], "text": ""}, None)
    with pytest.raises(ValueError):
        edit_from_record({"type": "Nothing"}, None)


# -- the file --------------------------------------------------------------------------------------

def _journal_with(tmp_path: Path, records: list[dict]) -> Path:
    journal = Journal(tmp_path / "s.journal")
    journal.start({"base": BASE_AUTOSAVE})
    for record in records:
        journal.append(record)
    journal.sync()
    journal.close()
    return journal.path


def test_a_tail_cut_anywhere_keeps_every_complete_record(tmp_path):
    records = [{"n": i, "text": "中文" * i} for i in range(4)]
    path = _journal_with(tmp_path, records)
    data = path.read_bytes()
    last = data.rstrip(b"\n").rfind(b"\n") + 1          # where the last record begins
    for cut in range(last, len(data)):
        path.write_bytes(data[:cut])
        read = read_journal(path)
        assert read.header["base"] == BASE_AUTOSAVE
        assert read.records == records[:3] and read.damaged == (1 if cut > last else 0), cut
    path.write_bytes(data)
    assert read_journal(path).records == records and read_journal(path).damaged == 0


def test_a_garbled_record_stops_the_reading_and_the_rest_is_counted(tmp_path):
    path = _journal_with(tmp_path, [{"n": i} for i in range(5)])
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b'"n":2', b'"n":7')     # same length, checksum no longer matches
    path.write_bytes(b"\n".join(lines))
    read = read_journal(path)
    assert read.records == [{"n": 0}, {"n": 1}] and read.damaged == 3
    path.write_bytes(b"\x00" * 40 + b"\n")              # a header lost to a power cut
    assert read_journal(path).header is None


# -- recovering a session ---------------------------------------------------------------------------

def _session(tmp_path: Path, loaded, base: str, edits: list, saved: Path | None = None, *, legacy: bool = False) -> Path:
    """``legacy``: the header as earlier versions wrote it (the base file's SHA-256)."""
    stem = tmp_path / "session-x"
    file = saved if base == BASE_SAVED else stem.with_suffix(".govreport")
    if base == BASE_AUTOSAVE:
        save_native(file, loaded.report, loaded.previous)
    digest = {LEGACY_SHA256: hashlib.sha256(file.read_bytes()).hexdigest()} if legacy else {CHECKSUM: file_digest(file)}
    journal = Journal(stem.with_suffix(".journal"))
    journal.start({"base": base, "file": str(file), **digest, "path": str(saved) if saved else None,
                   "name": "临川区.govreport"})
    for edit in edits:
        journal.append({"do": edit_record(edit)})
    journal.close()
    return stem


def test_a_session_is_its_autosave_with_the_journal_replayed(tmp_path, loaded):
    count = _keys(loaded.report, "三")[0]
    stem = _session(tmp_path, loaded, BASE_AUTOSAVE, [set_cells(loaded.report, {count: 4321}, "输入")])
    about = summary(stem)
    assert about.edits == 1 and about.name == "临川区.govreport"
    recovered = recover_session(stem)
    assert recovered.report.get(count) == 4321 and recovered.replayed == 1 and recovered.problems == []
    assert recovered.previous is not None


def test_an_autosave_newer_than_its_journal_is_taken_alone(tmp_path, loaded):
    count = _keys(loaded.report, "三")[0]
    stem = _session(tmp_path, loaded, BASE_AUTOSAVE, [set_cells(loaded.report, {count: 4321}, "输入")])
    newer = loaded.report.copy()
    newer.set(count, 4321)                   # the autosave was rewritten, the journal not yet compacted
    save_native(stem.with_suffix(".govreport"), newer, loaded.previous)
    recovered = recover_session(stem)
    assert recovered.report.get(count) == 4321 and recovered.replayed == 0


def test_edits_are_replayed_on_the_saved_file_only_while_it_is_unchanged(tmp_path, loaded):
    count = _keys(loaded.report, "三")[0]
    saved = tmp_path / "report.govreport"
    save_native(saved, loaded.report, loaded.previous)
    stem = _session(tmp_path, loaded, BASE_SAVED, [set_cells(loaded.report, {count: 4321}, "输入")], saved)
    recovered = recover_session(stem)
    assert recovered.report.get(count) == 4321 and recovered.path == str(saved)
    changed = loaded.report.copy()
    changed.meta.phone = "改过"
    save_native(saved, changed, loaded.previous)
    with pytest.raises(ReadError, match="改动或重新保存过"):
        recover_session(stem)


def test_the_checksum_tells_any_change_of_the_file(tmp_path):
    path = tmp_path / "report.govreport"
    data = SAMPLE.read_bytes()
    path.write_bytes(data)
    recorded = file_digest(path)
    assert digest_matches(path, recorded) and file_digest(path) == recorded
    for at in range(0, len(data), max(1, len(data) // 97)):      # a byte changed anywhere, the size kept
        path.write_bytes(data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1:])
        assert not digest_matches(path, recorded), at
    for changed in (data + b" ", data[:-1], data[1:] + data[:1], b""):  # longer, shorter, moved, emptied
        path.write_bytes(changed)
        assert not digest_matches(path, recorded)
    path.unlink()
    assert not digest_matches(path, recorded)                   # gone: nothing to replay onto
    assert not digest_matches(SAMPLE, None) and not digest_matches(SAMPLE, "0" * 63)


@pytest.mark.parametrize("base", [BASE_AUTOSAVE, BASE_SAVED])
def test_a_journal_left_by_an_earlier_version_is_recovered_by_its_sha256(tmp_path, loaded, base):
    count = _keys(loaded.report, "三")[0]
    saved = tmp_path / "report.govreport"
    save_native(saved, loaded.report, loaded.previous)
    stem = _session(tmp_path, loaded, base, [set_cells(loaded.report, {count: 4321}, "输入")], saved, legacy=True)
    assert LEGACY_SHA256 in read_journal(stem.with_suffix(".journal")).header
    assert recover_session(stem).report.get(count) == 4321
    if base == BASE_SAVED:
        changed = loaded.report.copy()
        changed.meta.phone = "改过"
        save_native(saved, changed, loaded.previous)
        with pytest.raises(ReadError, match="改动或重新保存过"):
            recover_session(stem)


def test_a_saved_session_leaves_nothing_to_recover_even_with_its_old_autosave_left_behind(tmp_path, loaded):
    saved = tmp_path / "report.govreport"
    save_native(saved, loaded.report, loaded.previous)
    stem = tmp_path / "session-x"
    old = loaded.report.copy()
    old.meta.phone = "保存前"
    save_native(stem.with_suffix(".govreport"), old, loaded.previous)
    journal = Journal(stem.with_suffix(".journal"))
    journal.start({"base": BASE_SAVED, "file": str(saved), CHECKSUM: file_digest(saved),
                   "retired": file_digest(stem.with_suffix(".govreport"))})
    journal.close()
    assert summary(stem) is None             # killed after the save, before the old autosave was removed
    save_native(stem.with_suffix(".govreport"), old, None)    # an autosave written after that header: newer
    assert summary(stem) is not None and recover_session(stem).report.meta.phone == "保存前"


def test_a_damaged_tail_is_reported_and_everything_before_it_recovered(tmp_path, loaded):
    keys = _keys(loaded.report, "三")
    stem = _session(tmp_path, loaded, BASE_AUTOSAVE,
                    [set_cells(loaded.report, {k: 100 + i}, "输入") for i, k in enumerate(keys[:3])])
    path = stem.with_suffix(".journal")
    path.write_bytes(path.read_bytes()[:-7])   # killed while writing the third
    recovered = recover_session(stem)
    assert [recovered.report.get(k) for k in keys[:3]] == [100, 101, loaded.report.get(keys[2])]
    assert recovered.replayed == 2 and "最后 1 条修改记录不完整" in recovered.problems[0]


def test_drafts_come_back_unless_an_edit_committed_them(loaded):
    report = loaded.report
    drafts = Drafts()
    records = [drafts.typed(report, (SECTION, "六"), report.section_text("六") + "甲"),
               drafts.typed(report, (SECTION, "六"), report.section_text("六") + "甲乙"),
               drafts.typed(report, (META, "phone"), "123")]
    assert records[1] == {"draft": [SECTION, "六"], "at": len(report.section_text("六")) + 1, "cut": 0,
                          "insert": "乙"}
    document = Document(report.copy(), loaded.previous)
    assert replay(document, records) == (3, 0)
    assert document.report.section_text("六").endswith("甲乙") and document.report.meta.phone == "123"
    committed = SetSection("六", report.section_text("六"), "提交的文字")
    document = Document(report.copy(), loaded.previous)
    replay(document, [*records, {"do": edit_record(committed)}])
    assert document.report.section_text("六") == "提交的文字" and document.report.meta.phone == "123"
