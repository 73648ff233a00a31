"""Rows the clerk cancelled in the ledger without deleting them: struck through (every filled cell in
a strikethrough font: how a paper ledger crosses out an entry, kept in Excel/WPS) or marked void in a
cell of their own (作废, 重复登记, 录入错误 …: ``LedgerWords.void_marks``).

Such a row is no application: it is not counted, and the count names it for the clerk to check
(``LedgerCount.voided``, a 请核对 note) — a strikethrough the clerk did not mean, or a mark that
means something else, is then seen and undone in the ledger.  A mark is a whole cell of void marks
only (``重复登记，作废``); 重复申请 is a result, not a mark, and a remark that merely contains 作废
(``原申请作废后重新提交``) marks nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..forms.ledger_words import LedgerWords
from .sheet import LedgerSheet, RowRef, rows_text
from .words import norm

STRUCK, MARKED = "struck", "marked"
_PARTS = re.compile(r"[\s,，;；、/|（）()。.！!]+")


def void_how(sheet: LedgerSheet, i: int, row: tuple, marks: frozenset[str]) -> str | None:
    """``STRUCK`` or ``MARKED`` when row ``i`` of ``sheet`` was cancelled, else None."""
    if i in sheet.struck_rows:
        return STRUCK
    for value in row:
        if isinstance(value, str) and len(value) <= 30 and _only_marks(value, marks):
            return MARKED
    return None


def void_marks(words: LedgerWords) -> frozenset[str]:
    return frozenset(norm(w) for w in words.void_marks)


@lru_cache(maxsize=8192)   # a ledger repeats its few remarks thousands of times
def _only_marks(text: str, marks: frozenset[str]) -> bool:
    parts = [norm(p) for p in _PARTS.split(text)]
    parts = [p for p in parts if p]
    return bool(parts) and all(p in marks for p in parts)


def void_note(sheet: LedgerSheet, struck: list[int], marked: list[int]) -> str:
    """What the count says of the rows of ``sheet`` it did not count as cancelled (0-based)."""
    said = []
    if struck:
        said.append(f"{rows_text([RowRef(sheet.source, sheet.name, i + 1) for i in struck], limit=20)}整行有删除线")
    if marked:
        said.append(f"{rows_text([RowRef(sheet.source, sheet.name, i + 1) for i in marked], limit=20)}注明作废（或重复登记、录入错误）")
    n = len(struck) + len(marked)
    return ("；".join(said) + f"，按已作废的登记{'共' + str(n) + '行' if n > 1 else ''}未计入。"
            f"如{'其中有' if n > 1 else '该行是'}应计入的申请，请在台账中去掉删除线或“作废”字样后重新读取。")
