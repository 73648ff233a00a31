"""Sheets that repeat applications already registered on other sheets: a workbook kept per month with a
全年 sheet listing every application again, a copy of a sheet (``Sheet1 (2)``), the same ledger chosen
twice.  Summing every sheet would count those applications twice, silently.

A sheet is a repeat when each of its rows (the values of the columns the count reads, a serial number
aside) is a row of a sheet counted before it — as many times as it occurs.  Within one workbook a
sheet of any size is compared; across files only one of ``MIN_ROWS_ACROSS_FILES`` rows or more (two
offices' ledgers may share a row or two by chance: the same kind of applicant, the same days, the
same answer).  The repeat is not counted and the clerk is asked to check it (``repeat_note``).

A sheet that repeats another only in part — the second half-year begun with June's last rows pasted
again, a copy of the sheet written on — has its pasted block left out, each row naming the row it
repeats (``copied_rows``, ``copied_note``)."""

from __future__ import annotations

from collections import Counter

from .columns import Header
from .sheet import LedgerSheet, RowRef, place

MIN_ROWS_ACROSS_FILES = 3
MIN_COPIED_RUN = 3    # rows pasted from another sheet, one after the other
MAX_STARTS = 50       # the places in the other sheet a run is looked for from (rows alike by chance)

Key = tuple[tuple[str, str], ...]


def _keyed_rows(sheet: LedgerSheet, header: Header) -> list[tuple[int, Key]]:
    """The sheet's rows under ``header`` (0-based index) by what the count reads of them (field → text;
    the applicant a sheet's name stands for too)."""
    read = sorted(((f.value, c) for f, c in header.columns.items()), key=lambda x: x[0])
    read += sorted((f"mark:{name}", c) for c, name in header.marks.items())
    read += sorted((f"result:{name}", c) for c, name in header.result_marks.items())
    out: list[tuple[int, Key]] = []
    for i in range(header.row + 1, len(sheet.rows)):
        row = sheet.rows[i]
        key = tuple((name, _text(row[c] if c < len(row) else None)) for name, c in read)
        if any(text for _, text in key):
            out.append((i, (("kind", header.kind.value), ("sheet", header.sheet_applicant or ""), *key)))
    return out


def _keys(sheet: LedgerSheet, header: Header) -> Counter[Key]:
    """The sheet's rows under ``header`` by what the count reads of them, as many times as they occur."""
    return Counter(key for _, key in _keyed_rows(sheet, header))


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


def copied_rows(pairs: list[tuple[LedgerSheet, Header]], repeats: dict[int, list[LedgerSheet]]) -> dict[int, dict[int, RowRef]]:
    """Rows of a sheet that were pasted from an earlier sheet of the same file (the sheet repeating it
    only in part): index in ``pairs`` → its row (0-based) → the earlier row it repeats.  A pasted
    block is ``MIN_COPIED_RUN`` rows or more, one after the other in both sheets and in the same
    order — applications alike by chance (the same kind, days and answer) are not such a run."""
    keyed: dict[int, list[tuple[int, Key]]] = {}   # (each sheet's rows read once, when compared)

    def rows_of(n: int) -> list[tuple[int, Key]]:
        if n not in keyed:
            keyed[n] = _keyed_rows(*pairs[n])
        return keyed[n]
    out: dict[int, dict[int, RowRef]] = {}
    counted: list[int] = []
    for n, (sheet, _) in enumerate(pairs):
        if n in repeats:
            continue
        for m in (m for m in counted if pairs[m][0].source == sheet.source):
            other = pairs[m][0]
            for i, j in _runs(rows_of(n), rows_of(m)).items():
                out.setdefault(n, {}).setdefault(i, RowRef(other.source, other.name, j + 1))
        counted.append(n)
    return out


def _runs(rows: list[tuple[int, Key]], other: list[tuple[int, Key]]) -> dict[int, int]:
    """Row of ``rows`` → row of ``other`` for each run of ``MIN_COPIED_RUN`` or more rows alike in order."""
    where: dict[Key, list[int]] = {}
    for q, (_, key) in enumerate(other):
        where.setdefault(key, []).append(q)
    found: dict[int, int] = {}
    p = 0
    while p < len(rows):
        best, start = 0, 0
        for q in where.get(rows[p][1], ())[:MAX_STARTS]:
            length = 0
            while p + length < len(rows) and q + length < len(other) and rows[p + length][1] == other[q + length][1]:
                length += 1
            if length > best:
                best, start = length, q
        if best >= MIN_COPIED_RUN:
            found.update((rows[p + k][0], other[start + k][0]) for k in range(best))
            p += best
        else:
            p += 1
    return found


def copied_note(first: RowRef) -> str:
    """Why a pasted row is not counted again, and what to do (the row is of the same file)."""
    return (f"与“{first.sheet}”第{first.row}行完全相同（像是复制来的重复登记），未重复计入；"
            "如确是另一件申请，请在台账中写明区别后重新读取")


def repeat_note(sheet: LedgerSheet, others: list[LedgerSheet]) -> str:
    where = "、".join(place(s.source, s.name) for s in others)
    return (f"{place(sheet.source, sheet.name)}登记的申请都已在{where}中登记过（像是汇总表或副本），未重复计入。"
            "如其中确有另外的申请，请删去台账中重复登记的行后重新读取。")
