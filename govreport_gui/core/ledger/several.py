"""One application on several rows under one application number (申请编号 YSQ-0012 twice): a system's
export that lists each answer given, or a clerk who wrote each item of the application on a row.

``same_numbers`` finds the rows that repeat the number of a row above them in a column headed by an
application number (``LedgerWords.number_marks``: 申请编号, 受理编号 … — never a mere 序号).  The
count reads such rows as one application: counted once, on the first row, with the results of all
its rows together (``Matcher.together``: 部分公开 when one part was disclosed and another not, the
label they all name) — and only when every row's result names a label; otherwise each row is
counted as it is.  A placeholder where a row has no number (“/”, “无”, “—”: no digit, no letter) joins
no rows, and the numbers start again where a part of the ledger does (a section heading such as
上年结转 or 本年新收 whose numbers begin again at 1; another header further down).
"""

from __future__ import annotations

from collections.abc import Callable

from ..forms.ledger_words import LedgerWords
from .columns import Header
from .hidden import serial_columns
from .sheet import LedgerSheet
from .words import norm


def number_column(sheet: LedgerSheet, header: Header, words: LedgerWords) -> int | None:
    """The column of ``header``'s row headed by an application number, when the count reads no other
    field from it."""
    marks = [norm(m) for m in words.number_marks]
    titles = sheet.rows[header.row] if header.row < len(sheet.rows) else ()
    for c, title in enumerate(titles):
        if c not in header.columns.values() and isinstance(title, str) and any(m in norm(title) for m in marks):
            return c
    return None


RESTART, END = "restart", "end"   # what ``same_numbers``' ``boundary`` says of a row


def same_numbers(sheet: LedgerSheet, header: Header, words: LedgerWords,
                 boundary: Callable[[int], str | None] = lambda i: None) -> dict[int, list[int]]:
    """First row (0-based) → the later rows with its application number, for each number on more
    than one row of the part under ``header``.  ``boundary(i)``: ``RESTART`` where the rows below
    may number again from the start (a section heading), ``END`` where the part ends (another header)."""
    column = number_column(sheet, header, words)
    if column is None:
        return {}
    first: dict[str, int] = {}
    out: dict[int, list[int]] = {}
    for i in range(header.row + 1, len(sheet.rows)):
        if (edge := boundary(i)) == END:
            break
        if edge == RESTART:
            first = {}
            continue
        row = sheet.rows[i]
        number = str(row[column]).strip() if column < len(row) and row[column] is not None else ""
        if not _is_number(number):
            continue
        if number in first:
            out.setdefault(first[number], []).append(i)
        else:
            first[number] = i
    return out


def merged_numbers(sheet: LedgerSheet, header: Header, words: LedgerWords) -> dict[int, list[int]]:
    """First row (0-based) → the rows below it that share its serial number by one cell merged down over
    them (序号 or 编号 merged over an application whose items the clerk wrote a row each, each item's
    answer on its row): the merge says they are one application, whatever the rows' own values."""
    serial = serial_columns(sheet, header, words)
    out: dict[int, list[int]] = {}
    for top, left, bottom, right in sheet.merges:
        if top <= header.row or bottom <= top or top >= len(sheet.rows) or not any(left <= c <= right for c in serial):
            continue
        number = sheet.rows[top][left] if left < len(sheet.rows[top]) else None
        if number is not None and _is_number(str(number).strip()):
            out[top] = list(range(top + 1, min(bottom, len(sheet.rows) - 1) + 1))
    return out


def _is_number(text: str) -> bool:
    """Whether ``text`` can number an application: a digit or a Latin letter in it (not “/”, “无”, “—”)."""
    return any(ch.isdigit() or ("a" <= ch.lower() <= "z") for ch in text)
