"""Edits as JSON records and back: what the journal of unsaved edits (``journal``) writes.

Each edit type is one entry of ``_CODECS``: its name in the record, how its fields are written and
how they are read back.  A record holds everything ``apply_to``/``revert_on`` need (old and new
values alike), so replaying it on the document state it was made on gives the same document.
Values stay exact: a count is a JSON integer, money a decimal string (``"12.50"``), blank ``null``.

>>> from .forms import CellKey
>>> edit = SetCells(((CellKey("t", "r", "c"), None, 12),), "输入")
>>> edit_record(edit)
{'type': 'SetCells', 'changes': [[['t', 'r', 'c'], None, 12]], 'text': '输入', 'printed_dropped': []}

An edit type without an entry raises ``NotRecordable``: the caller then keeps the whole document
instead (nothing is lost, only more is written).  ``edit_from_record`` raises ``ValueError`` on a
record it cannot read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from .edits import (
    AcceptWarning,
    DismissPrinted,
    ReplaceReport,
    SetCells,
    SetMeta,
    SetPrevious,
    SetSection,
    UnacceptWarning,
)
from .forms import CellKey, FormSpec
from .ledger.apply import FillFromLedger
from .report import Report
from .values import Value


class NotRecordable(TypeError):
    """An edit of a type the journal cannot write."""


@dataclass(frozen=True)
class _Codec:
    kind: type
    write: Callable[[Any], dict]
    read: Callable[[dict, FormSpec], Any]


def _value_out(value: Value) -> object:
    return str(value) if isinstance(value, Decimal) else value


def _value_in(raw: object) -> Value:
    if raw is None or (isinstance(raw, int) and not isinstance(raw, bool)):
        return raw
    if isinstance(raw, str):
        try:
            return Decimal(raw)
        except InvalidOperation:
            pass
    raise ValueError(f"value {raw!r}")


def _key_in(raw: object) -> CellKey:
    if not (isinstance(raw, list) and len(raw) == 3 and all(isinstance(p, str) for p in raw)):
        raise ValueError(f"cell {raw!r}")
    return CellKey(*raw)


def _report_out(report: Report | None) -> dict | None:
    from .serialize import native_to_json
    return None if report is None else native_to_json(report)


def _report_in(raw: object) -> Report | None:
    if raw is None:
        return None
    from .errors import ReadError
    from .serialize import loaded_from_json
    try:
        return loaded_from_json(raw, "修改记录").report
    except ReadError as exc:
        raise ValueError(str(exc)) from None


def _whole_report_in(raw: object) -> Report:
    report = _report_in(raw)
    if report is None:
        raise ValueError("report missing")
    return report


def _pairs_out(pairs) -> list:
    return [[list(k), _value_out(v)] for k, v in pairs]


def _pairs_in(raw: list) -> tuple[tuple[CellKey, Value], ...]:
    return tuple((_key_in(k), _value_in(v)) for k, v in raw)


def _set_cells_out(e: SetCells) -> dict:
    return {"changes": [[list(k), _value_out(old), _value_out(new)] for k, old, new in e.changes],
            "text": e.text, "printed_dropped": _pairs_out(e.printed_dropped)}


def _set_cells_in(r: dict, _form: FormSpec) -> SetCells:
    changes = tuple((_key_in(k), _value_in(old), _value_in(new)) for k, old, new in r["changes"])
    return SetCells(changes, str(r["text"]), _pairs_in(r.get("printed_dropped", [])))


def _accepted_out(entry) -> dict:
    from .serialize import accepted_to_json
    return accepted_to_json(entry)


def _accepted_in(raw: object):
    from .serialize import accepted_from_json
    if not isinstance(raw, dict):
        raise ValueError(f"accepted warning {raw!r}")
    return accepted_from_json(raw)


def _ledger_out(record) -> dict | None:
    from .ledger.record import to_json
    return None if record is None else to_json(record)


def _ledger_in(raw: object, form: FormSpec):
    from .ledger.record import from_json
    return None if raw is None else from_json(raw, form)


_CODECS: dict[str, _Codec] = {c.kind.__name__: c for c in (
    _Codec(SetCells, _set_cells_out, _set_cells_in),
    _Codec(DismissPrinted, lambda e: {"dropped": _pairs_out(e.dropped), "text": e.text},
           lambda r, f: DismissPrinted(_pairs_in(r["dropped"]), str(r["text"]))),
    _Codec(SetMeta, lambda e: {"field": e.field, "old": e.old, "new": e.new, "text": e.text},
           lambda r, f: SetMeta(str(r["field"]), r["old"], r["new"], str(r["text"]))),
    _Codec(SetSection, lambda e: {"key": e.key, "old": e.old, "new": e.new, "text": e.text},
           lambda r, f: SetSection(str(r["key"]), str(r["old"]), str(r["new"]), str(r["text"]))),
    _Codec(ReplaceReport, lambda e: {"old": _report_out(e.old), "new": _report_out(e.new), "text": e.text},
           lambda r, f: ReplaceReport(_whole_report_in(r["old"]), _whole_report_in(r["new"]), str(r["text"]))),
    _Codec(AcceptWarning, lambda e: {"entry": _accepted_out(e.entry), "text": e.text},
           lambda r, f: AcceptWarning(_accepted_in(r["entry"]), str(r["text"]))),
    _Codec(UnacceptWarning, lambda e: {"entry": _accepted_out(e.entry), "index": e.index, "text": e.text},
           lambda r, f: UnacceptWarning(_accepted_in(r["entry"]), int(r["index"]), str(r["text"]))),
    _Codec(SetPrevious, lambda e: {"old": _report_out(e.old), "new": _report_out(e.new), "text": e.text},
           lambda r, f: SetPrevious(_report_in(r["old"]), _report_in(r["new"]), str(r["text"]))),
    _Codec(FillFromLedger, lambda e: {"cells": _set_cells_out(e.cells), "old": _ledger_out(e.old),
                                      "new": _ledger_out(e.new), "text": e.text},
           lambda r, f: FillFromLedger(_set_cells_in(r["cells"], f), _ledger_in(r["old"], f),
                                       _ledger_in(r["new"], f), str(r["text"]))),
)}


def recordable_types() -> tuple[type, ...]:
    return tuple(c.kind for c in _CODECS.values())


def edit_record(edit: object) -> dict:
    """``edit`` as a JSON-ready dict (``NotRecordable`` for a type without a codec)."""
    name = type(edit).__name__
    codec = _CODECS.get(name)
    if codec is None or type(edit) is not codec.kind:
        raise NotRecordable(name)
    return {"type": name, **codec.write(edit)}


def edit_from_record(record: object, form: FormSpec):
    """The edit ``record`` describes, read for a report of ``form`` (``ValueError`` when it cannot be read)."""
    if not isinstance(record, dict) or record.get("type") not in _CODECS:
        raise ValueError("not an edit record")
    try:
        return _CODECS[record["type"]].read(record, form)
    except (KeyError, TypeError, AttributeError, IndexError) as exc:
        raise ValueError(f"damaged {record['type']} record: {exc!r}") from None
