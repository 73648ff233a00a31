"""An application written over two or more rows: the clerk merged its cells down and went on writing its
content (申请内容) on the next line.  Such a row has no value of its own in any column the count reads —
every one comes from a cell merged down from above — and no serial number of its own: it is the same
application, not another (a received date merged down over a day's applications is different: each
row there has its own applicant and result)."""

from __future__ import annotations

from ..forms.ledger_words import LedgerWords
from .columns import Header
from .hidden import serial_columns
from .sheet import LedgerSheet, place, row_runs


def continued_rows(sheet: LedgerSheet, header: Header, merged: dict[tuple[int, int], object],
                   words: LedgerWords) -> set[int]:
    """The rows (0-based) under ``header`` that continue the application above them."""
    if not merged:
        return set()
    read = set(header.columns.values()) | set(header.marks) | set(header.result_marks)
    serial = serial_columns(sheet, header, words)
    out = set()
    for i in sorted({r for r, _ in merged}):
        row = sheet.rows[i] if i < len(sheet.rows) else ()
        own = [c for c, v in enumerate(row) if v is not None and str(v).strip()]
        if any(c in read or c in serial for c in own):
            continue
        if any((i, c) in merged for c in read):
            out.add(i)
    return out


def continued_note(sheet: LedgerSheet, rows: list[int]) -> str:
    """What the count says of the continued rows of ``sheet`` (0-based)."""
    runs = "、".join(f"{a + 1}" if a == b else f"{a + 1}–{b + 1}" for a, b in row_runs(sorted(rows)))
    return (f"{place(sheet.source, sheet.name)}第{runs}行与上一行合并单元格、接续上一行的内容，"
            "是同一件申请，未另计。")
