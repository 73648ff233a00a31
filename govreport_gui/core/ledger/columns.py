"""Where a ledger's header is and which column holds what — by the header's words, not its position.

The header is looked for in the first ``HEADER_SCAN`` rows (title rows, notes and blank rows above
it are passed over); a header written over two rows (办理情况 over 办结日期 | 处理结果) is read
as both rows together.  A column is recognised by ``ledger_words.Column``: its words, the words it
must not have (答复期限 is not a date of answering).  When two columns qualify for one field the
better-ranked word wins and the other is named in a note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from ..forms.ledger_words import Field, LedgerWords
from .sheet import LedgerSheet
from .words import Kind, Matcher, norm

HEADER_SCAN = 60
#: A weakly named column (a bare 类型) is judged by this many of its values.
SAMPLE_VALUES = 200


class SheetKind(str, Enum):
    APPLICATIONS = "applications"   # 依申请公开登记台账 → 三
    CASES = "cases"                 # 行政复议/行政诉讼案件 → 四


REQUIRED = {
    SheetKind.APPLICATIONS: (Field.APPLICANT, Field.RECEIVED, Field.DONE, Field.RESULT),
    SheetKind.CASES: (Field.CASE_KIND, Field.RECEIVED, Field.DONE, Field.RESULT),
}


@dataclass
class Header:
    """The header found on a sheet: its last row (0-based), the column of each field, notes."""

    row: int
    kind: SheetKind
    columns: dict[Field, int]
    titles: dict[Field, str]
    notes: list[str] = field(default_factory=list)


@dataclass
class Incomplete:
    """A row that looks like a ledger header but lacks columns the count needs."""

    row: int
    kind: SheetKind
    found: dict[Field, str]
    missing: tuple[Field, ...]


def cell_text(value: object) -> str:
    return "" if value is None else str(value).strip()


def header_texts(sheet: LedgerSheet, r: int, with_above: bool) -> list[tuple[str, ...]]:
    """The header texts of each column of row ``r``: its own text; with ``with_above`` also the
    text of row r-1 in front of it (spread over its merged range: a group header over several
    columns), for the columns whose own text names nothing."""
    row = sheet.rows[r] if r < len(sheet.rows) else ()
    own = [cell_text(v) for v in row]
    if not with_above or r == 0:
        return [(t,) for t in own]
    above = [cell_text(v) for v in sheet.rows[r - 1]]
    for top, left, bottom, right in sheet.merges:
        if top <= r - 1 <= bottom and left < len(above) and above[left]:
            for c in range(left + 1, right + 1):
                if c < len(above) and not above[c]:
                    above[c] = above[left]
    width = max(len(own), len(above))
    own += [""] * (width - len(own))
    return [(own[c], (above[c] if c < len(above) else "") + own[c]) for c in range(width)]


def field_of(text: str, words: LedgerWords) -> tuple[Field, int] | None:
    """The field a header text names, with its rank (lower is better; a bare word ranks last)."""
    h = norm(text)
    if not h or len(h) > 40:
        return None
    for column in words.columns:
        if any(norm(w) in h for w in column.never):
            continue
        if all(any(w in h for w in group) for group in column.needs):
            rank = min(i for i, w in enumerate(column.needs[0]) if w in h)
            return column.field, rank
    for column in words.columns:
        if h in (norm(w) for w in column.alone):
            return column.field, 1000
    return None


def _column_field(candidates: tuple[str, ...], words: LedgerWords) -> tuple[tuple[Field, int], str] | None:
    """The field of a column from its header texts: a column's own text first, unless only the text
    with the group header above names it well (类型 under 申请人)."""
    found = [(f, text) for text in candidates if (f := field_of(text, words)) is not None]
    strong = [x for x in found if x[0][1] < 1000]
    return (strong or found)[0] if found else None


def fields_of(texts: list[tuple[str, ...]], words: LedgerWords
              ) -> tuple[dict[Field, int], dict[Field, str], list[str]]:
    """Field → column for one header row (the best-ranked column per field), their titles, notes."""
    best: dict[Field, tuple[int, int]] = {}
    seen: dict[Field, list[int]] = {}
    shown: dict[int, str] = {}
    for c, candidates in enumerate(texts):
        column = _column_field(candidates, words)
        if column is None:
            continue
        found, shown[c] = column
        f, rank = found
        seen.setdefault(f, []).append(c)
        if f not in best or rank < best[f][0]:
            best[f] = (rank, c)
    columns = {f: c for f, (_, c) in best.items()}
    titles = {f: shown[c] for f, c in columns.items()}
    notes = [f"另有“{shown[c]}”列，{_name(words, f)}按“{titles[f]}”列读取"
             for f, cols in seen.items() for c in cols if c != columns[f]]
    return columns, titles, notes


def _name(words: LedgerWords, f: Field) -> str:
    return words.column(f).name


def find_header(sheet: LedgerSheet, words: LedgerWords) -> Header | Incomplete | None:
    """The ledger header of ``sheet``; an ``Incomplete`` one when the best candidate lacks columns;
    None when nothing on the sheet looks like a ledger header (a 填表说明 sheet)."""
    best: Incomplete | None = None
    for r in range(min(HEADER_SCAN, len(sheet.rows))):
        for with_above in (False, True):
            texts = header_texts(sheet, r, with_above)
            columns, titles, notes = fields_of(texts, words)
            if len(columns) < 2:
                continue
            kind = _kind(sheet, r, columns, words)
            missing = tuple(f for f in REQUIRED[kind] if f not in columns)
            if not missing:
                return Header(r, kind, columns, titles, notes)
            if best is None or len(columns) > len(best.found):
                best = Incomplete(r, kind, titles, missing)
    return best


def _kind(sheet: LedgerSheet, r: int, columns: dict[Field, int], words: LedgerWords) -> SheetKind:
    """Applications when an applicant column is named (a bare 类型 whose values are 行政复议/行政诉讼
    is a case list's kind column after all), cases when a case-kind column is."""
    if Field.CASE_KIND in columns and Field.APPLICANT not in columns:
        return SheetKind.CASES
    if Field.APPLICANT in columns and Field.CASE_KIND not in columns:
        title = cell_text(sheet.rows[r][columns[Field.APPLICANT]])
        if norm(title) in (norm(w) for w in words.column(Field.APPLICANT).alone) \
                and _values_are_case_kinds(sheet, r, columns[Field.APPLICANT], words):
            columns[Field.CASE_KIND] = columns.pop(Field.APPLICANT)
            return SheetKind.CASES
    return SheetKind.APPLICATIONS


def _values_are_case_kinds(sheet: LedgerSheet, r: int, c: int, words: LedgerWords) -> bool:
    applicants, kinds = Matcher(words.applicants), Matcher(words.case_kinds)
    as_applicant = as_kind = 0
    for row in sheet.rows[r + 1:r + 1 + SAMPLE_VALUES]:
        value = row[c] if c < len(row) else None
        if value is None:
            continue
        as_applicant += applicants.match(value).kind in (Kind.FOUND, Kind.GROUP)
        as_kind += kinds.match(value).kind in (Kind.FOUND, Kind.GROUP)
    return as_kind > as_applicant
