"""Rows and columns hidden inside a ledger sheet (by hand, by a filter, in a collapsed group).

A hidden row is still an entry of the ledger: it is counted like any other — but the clerk cannot
see it when checking the figures against the ledger, and a row hidden instead of deleted (an
application withdrawn, a row entered twice) should not be counted.  So the count says which rows
were hidden (``台账.xlsx“2025年”第12–15行``), names a hidden row that repeats a visible one, and
asks the clerk to unhide and check them.  A hidden column is read only when no visible column of
the sheet holds that field (``columns``), and the count says which field was read from it.
"""

from __future__ import annotations

from ..forms.ledger_words import LedgerWords
from .columns import Header
from .sheet import LedgerSheet, RowRef, column_letter, place, rows_text
from .words import norm

HIDDEN_MARK = "（此行在台账中是隐藏的）"   # after the reason a hidden row was left out
MAX_SAME_SHOWN = 10


def hidden_rows_note(sheet: LedgerSheet, rows: list[int], same: list[tuple[int, int]]) -> str:
    """What the count says of the hidden rows of ``sheet`` it counted (``rows``: 0-based), ``same``
    the ones that repeat a visible row (``repeated_rows``)."""
    refs = [RowRef(sheet.source, sheet.name, i + 1) for i in rows]
    many = len(rows) > 1
    text = (f"{rows_text(refs, limit=20)}是隐藏的行（手动隐藏、筛选或分组折叠）{f'，共{len(rows)}行' if many else ''}，"
            "已和其他行一样计入。")
    if same:
        pairs = "；".join(f"第{h + 1}行与第{v + 1}行" for h, v in same[:MAX_SAME_SHOWN])
        more = f"等{len(same)}处" if len(same) > MAX_SAME_SHOWN else ""
        text += f"{'其中' if many else ''}{pairs}{more}内容相同（序号除外），可能是重复登记后隐藏而未删除。"
    return text + (f"请在 Excel/WPS 中取消隐藏（或清除筛选）后核对{'这些行' if many else '该行'}："
                   "如是已撤回、重复登记等不应计入的行，请从台账中删除后重新读取。")


def repeated_rows(sheet: LedgerSheet, header: Header, rows: list[int], words: LedgerWords) -> list[tuple[int, int]]:
    """(hidden row, the first visible row with the same values) for each of ``rows`` that repeats one
    (its serial number aside: a row entered again gets the next one)."""
    serial = serial_columns(sheet, header, words)
    hidden = sheet.hidden_rows

    def key(row: tuple) -> tuple:
        return tuple((c, v) for c, v in enumerate(row) if c not in serial and v is not None and v != "")
    visible: dict[tuple, int] = {}
    for i in range(header.row + 1, len(sheet.rows)):
        if i not in hidden:
            visible.setdefault(key(sheet.rows[i]), i)
    out = []
    for i in rows:
        found = key(sheet.rows[i])
        if len(found) >= 2 and found in visible:
            out.append((i, visible[found]))
    return out


def serial_columns(sheet: LedgerSheet, header: Header, words: LedgerWords) -> set[int]:
    """The columns headed by a serial number (序号, 编号 …) in the header row or the one above it."""
    marks = [norm(m) for m in words.serial_marks]
    out = set()
    for r in (header.row - 1, header.row):
        if r < 0:
            continue
        for c, value in enumerate(sheet.rows[r]):
            if isinstance(value, str) and any(m in norm(value) for m in marks) and c not in header.columns.values():
                out.add(c)
    return out


def hidden_columns_note(sheet: LedgerSheet, header: Header, words: LedgerWords) -> tuple[list[str], str | None]:
    """The fields read from a hidden column of ``sheet`` and what the count says of them (or None)."""
    read = [(words.column(f).name, header.titles.get(f, ""), c) for f, c in header.columns.items()
            if c in sheet.hidden_columns]
    if not read:
        return [], None
    columns = "、".join(f"{name}按隐藏的“{title}”列（{column_letter(c)}列）" for name, title, c in read)
    return [name for name, _, _ in read], (
        f"{place(sheet.source, sheet.name)}：{columns}读取（表中没有显示这一内容的其他列）。"
        "请在 Excel/WPS 中取消隐藏该列，核对其内容确是台账登记的这一项；如不是（如辅助计算用的列），"
        "请修改该列的表头或删除该列后重新读取。")
