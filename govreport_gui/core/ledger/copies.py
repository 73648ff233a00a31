"""Sheets that repeat applications already registered on other sheets: a workbook kept per month with a
全年 sheet listing every application again, a copy of a sheet (``Sheet1 (2)``), the same ledger chosen
twice.  Summing every sheet would count those applications twice, silently.

A sheet is a repeat when each of its rows (the values of the columns the count reads, a serial number
aside) is a row of a sheet counted before it — as many times as it occurs.  Within one workbook a
sheet of any size is compared; across files only one of ``MIN_ROWS_ACROSS_FILES`` rows or more (two
offices' ledgers may share a row or two by chance: the same kind of applicant, the same days, the
same answer).  The repeat is not counted and the clerk is asked to check it (``repeat_note``)."""

from __future__ import annotations

from collections import Counter

from .columns import Header
from .sheet import LedgerSheet, place

MIN_ROWS_ACROSS_FILES = 3

Key = tuple[tuple[str, str], ...]


def _keys(sheet: LedgerSheet, header: Header) -> Counter[Key]:
    """The sheet's rows under ``header`` by what the count reads of them (field → text)."""
    read = sorted(((f.value, c) for f, c in header.columns.items()), key=lambda x: x[0])
    read += sorted((f"mark:{name}", c) for c, name in header.marks.items())
    out: Counter[Key] = Counter()
    for row in sheet.rows[header.row + 1:]:
        key = tuple((name, _text(row[c] if c < len(row) else None)) for name, c in read)
        if any(text for _, text in key):
            out[(("kind", header.kind.value), *key)] += 1
    return out


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def repeated_sheets(pairs: list[tuple[LedgerSheet, Header]]) -> dict[int, list[LedgerSheet]]:
    """Index in ``pairs`` of each sheet that repeats sheets before it → those sheets."""
    counted: dict[str, Counter[Key]] = {}       # per file: the rows of the sheets counted
    holders: dict[Key, list[int]] = {}          # a row → the counted sheets that hold it (their index)
    out: dict[int, list[LedgerSheet]] = {}
    for n, (sheet, header) in enumerate(pairs):
        keys = _keys(sheet, header)
        everywhere: Counter[Key] = sum(counted.values(), Counter())
        if keys and (_within(keys, counted.get(sheet.source, Counter()))
                     or (sum(keys.values()) >= MIN_ROWS_ACROSS_FILES and _within(keys, everywhere))):
            out[n] = [pairs[i][0] for i in sorted({i for k in keys for i in holders[k]})]
            continue
        counted[sheet.source] = counted.get(sheet.source, Counter()) + keys
        for k in keys:
            holders.setdefault(k, []).append(n)
    return out


def _within(rows: Counter[Key], pool: Counter[Key]) -> bool:
    return all(pool[k] >= v for k, v in rows.items())


def repeat_note(sheet: LedgerSheet, others: list[LedgerSheet]) -> str:
    where = "、".join(place(s.source, s.name) for s in others)
    return (f"{place(sheet.source, sheet.name)}登记的申请都已在{where}中登记过（像是汇总表或副本），未重复计入。"
            "如其中确有另外的申请，请删去台账中重复登记的行后重新读取。")
