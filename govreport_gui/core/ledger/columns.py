"""Where a ledger's header is and which column holds what — by the header's words, not its position.

The header is looked for in the first ``HEADER_SCAN`` rows (title rows, notes and blank rows above
it are passed over); a header written over two rows (办理情况 over 办结日期 | 处理结果) is read
as both rows together.  A column is recognised by ``ledger_words.Column``: its words, the words it
must not have (答复期限 is not a date of answering).  When two columns qualify for one field the
better-ranked word wins and the other is named in a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

from ..forms.ledger_words import Field, LedgerWords
from .sheet import LedgerSheet
from .words import Kind, Matcher, norm

HEADER_SCAN = 200   # (a sheet may begin with a long 填表说明)
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
    # The applicant type kept as one column per category, marked ✓/1/是 in the applicant's row
    # (自然人 | 商业企业 | …): column → the applicant column of 三 it stands for.
    marks: dict[int, str] = field(default_factory=dict)
    # A sheet without an applicant-type column whose name is one category (自然人申请, 企业): that column.
    sheet_applicant: str | None = None
    # The 情形 kept in one column per result group (不予公开理由 | 无法提供理由 | 不予处理理由): those
    # columns besides ``columns[REASON]``; a row fills one of them (two filled: unclear).
    reasons: tuple[int, ...] = ()
    # The column of applicants' names (申请人, 单位名称) beside an applicant-type column: where the type
    # says only 法人或其他组织, the name's ending tells its kind (某某律师事务所 → 法律服务机构).
    names: int | None = None
    # The result ticked in one column per result group (予以公开 | 部分公开 | 不予公开 | … under 办理结果):
    # column → its header's words (the 情形 column beside them says which row of a group).
    result_marks: dict[int, str] = field(default_factory=dict)


@dataclass
class Incomplete:
    """A row that looks like a ledger header but lacks columns the count needs."""

    row: int
    kind: SheetKind
    found: dict[Field, str]
    missing: tuple[Field, ...]
    notes: list[str] = field(default_factory=list)   # the columns passed over, and why


def cell_text(value: object) -> str:
    return "" if value is None else str(value).strip()


def header_texts(sheet: LedgerSheet, r: int, with_above: bool) -> list[tuple[str, ...]]:
    """The header texts of each column of row ``r``: its own text; with ``with_above`` also the
    text of row r-1 in front of it (spread over its merged range: a group header over several
    columns), for the columns whose own text names nothing."""
    row = sheet.rows[r] if r < len(sheet.rows) else ()
    own = [cell_text(v) for v in row]
    if with_above and r > 0:
        _merged_from_above(sheet, r, own)
    if not with_above or r == 0:
        return [(t,) for t in own]
    above = [cell_text(v) for v in sheet.rows[r - 1]]
    for top, left, bottom, right in sheet.merges:
        if top <= r - 1 <= bottom and left < len(above) and above[left]:
            for c in range(left + 1, min(right, len(above) - 1) + 1):   # (a merge may claim far more columns)
                if not above[c]:
                    above[c] = above[left]
    width = max(len(own), len(above))
    own += [""] * (width - len(own))
    return [(own[c], (above[c] if c < len(above) else "") + own[c]) for c in range(width)]


def _merged_from_above(sheet: LedgerSheet, r: int, own: list[str]) -> None:
    """The texts of row ``r`` where a cell merged down from a row above covers it (收到日期 over three
    header rows beside 申请人情况 → 法人或其他组织 → 商业企业 …): that cell's text."""
    for top, left, bottom, right in sheet.merges:
        if top < r <= bottom and left == right and top < len(sheet.rows):
            text = cell_text(sheet.rows[top][left]) if left < len(sheet.rows[top]) else ""
            if text:
                own += [""] * (left + 1 - len(own))
                own[left] = own[left] or text


# a note in brackets in a header cell (申请人类型（填写：自然人、商业企业……）)
_BRACKETED = re.compile(r"[（(【\[［〔][^（(）)【】\[\]［］〔〕]*[）)】\]］〕]")


def field_of(text: str, words: LedgerWords) -> tuple[Field, int] | None:
    """The field a header text names, with its rank (lower is better; a bare word ranks last); when
    the whole text names none (too long, or a note says 期限 …), the text without its notes in brackets."""
    found = _field_of(text, words)
    if found is None and (short := _BRACKETED.sub("", text)) != text:
        found = _field_of(short, words)
    return found


def _field_of(text: str, words: LedgerWords) -> tuple[Field, int] | None:
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


WEAK = 1000   # the rank of a bare header word (类型, 申请人): trusted only when its values agree


def _column_field(candidates: tuple[str, ...], words: LedgerWords) -> tuple[tuple[Field, int], str] | None:
    """The field of a column from its header texts: a column's own text first, unless only the text
    with the group header above names it well (类型 under 申请人)."""
    found = [(f, text) for text in candidates if (f := field_of(text, words)) is not None]
    strong = [x for x in found if x[0][1] < WEAK]
    return (strong or found)[0] if found else None


def fields_of(texts: list[tuple[str, ...]], words: LedgerWords
              ) -> tuple[dict[Field, list[tuple[int, int]]], dict[int, str]]:
    """For one header row: field → its candidate columns (rank, column), and each column's header text."""
    candidates: dict[Field, list[tuple[int, int]]] = {}
    shown: dict[int, str] = {}
    for c, texts_of_column in enumerate(texts):
        column = _column_field(texts_of_column, words)
        if column is not None:
            (f, rank), shown[c] = column
            candidates.setdefault(f, []).append((rank, c))
    return candidates, shown


def _choose(sheet: LedgerSheet, r: int, candidates: dict[Field, list[tuple[int, int]]], shown: dict[int, str],
            words: LedgerWords) -> tuple[dict[Field, int], list[str]]:
    """Field → column: the best-ranked header word; a bare one (类型, 申请人) only when the column's
    values are that field's words — or a case list's kinds (行政复议) — so a 申请人 column of names is
    not taken for the applicant type.  A column hidden in the sheet only when no visible one
    qualifies (a helper column hidden beside the one the clerk sees).  Notes name the columns passed over."""
    hidden = sheet.hidden_columns
    columns = {f: min((c in hidden, rank, c) for rank, c in cands if rank < WEAK)[2] for f, cands in candidates.items()
               if any(x[0] < WEAK for x in cands)}
    notes = []
    for f, cands in candidates.items():
        weak = sorted((c for rank, c in cands if rank >= WEAK), key=lambda c: c in hidden)
        if f in columns or not weak:
            continue
        for c in weak:
            judged = _judge_values(sheet, r, c, words, f)
            if judged is not None and judged not in columns:
                columns[judged] = c
                break
            notes.append(f"“{shown[c]}”列的内容不是{_name(words, f)}，未按{_name(words, f)}读取")
    notes += [f"另有{'隐藏的' if c in hidden else ''}“{shown[c]}”列，{_name(words, f)}按“{shown[columns[f]]}”列读取"
              for f, cands in candidates.items() if f in columns for _, c in cands if c not in columns.values()]
    return columns, notes


def _judge_values(sheet: LedgerSheet, r: int, c: int, words: LedgerWords, weak: Field) -> Field | None:
    """What a weakly named column holds by its first values.  类型/申请人: applicant types, case kinds
    (a case list's 类型), or neither (names); 处理方式: results (予以公开 …) or not (邮寄, 当面).  A
    column without values is what its header says."""
    if weak is Field.RESULT:
        shares = _shares(sheet, r, c, (words.results, words.case_outcomes))
        return Field.RESULT if shares is None or max(shares) * 2 >= 1 else None
    shares = _shares(sheet, r, c, (words.applicants, words.case_kinds))
    if shares is None or shares[0] * 2 >= 1 and shares[0] >= shares[1]:
        return Field.APPLICANT
    return Field.CASE_KIND if shares[1] * 2 >= 1 else None


def _shares(sheet: LedgerSheet, r: int, c: int, choices) -> tuple[float, ...] | None:
    """The share of the column's first non-blank values each vocabulary names (None: no values)."""
    matchers = [_matcher(choice) for choice in choices]
    named = [0] * len(matchers)
    filled = 0
    for row in sheet.rows[r + 1:r + 1 + SAMPLE_VALUES]:
        value = row[c] if c < len(row) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        filled += 1
        for i, m in enumerate(matchers):
            named[i] += m.match(value).kind in (Kind.FOUND, Kind.GROUP, Kind.PENDING)
    return tuple(n / filled for n in named) if filled else None


@lru_cache(maxsize=16)
def _matcher(choice) -> Matcher:
    return Matcher(choice)


def _name(words: LedgerWords, f: Field) -> str:
    return words.column(f).name


def find_header(sheet: LedgerSheet, words: LedgerWords) -> Header | Incomplete | None:
    """The ledger header of ``sheet``; an ``Incomplete`` one when the best candidate lacks columns;
    None when nothing on the sheet looks like a ledger header (a 填表说明 sheet)."""
    best: Incomplete | None = None
    for r in range(min(HEADER_SCAN, len(sheet.rows))):
        for with_above in (False, True):
            found = header_row(sheet, r, with_above, words)
            if isinstance(found, Header):
                return _under(sheet, found, words)
            if found is not None and (best is None or len(found.found) > len(best.found)):
                best = found
    return best


def _under(sheet: LedgerSheet, header: Header, words: LedgerWords) -> Header:
    """``header``, or the header it makes with a row under it when that one says more (申请人类型
    over 自然人 | 商业企业 | …; 办理情况 over 办结日期 | 处理结果 …; 申请人情况 over 自然人 | 法人或其他组织
    over 商业企业 | 科研机构 | …: three rows, the categories on the last)."""
    for r in range(header.row + 1, min(header.row + 3, len(sheet.rows))):
        below = header_row(sheet, r, True, words)
        if isinstance(below, Header) and (below.marks or below.result_marks or len(below.columns) > len(header.columns)):
            return below
    return header


def header_row(sheet: LedgerSheet, r: int, with_above: bool, words: LedgerWords) -> Header | Incomplete | None:
    """The header that row ``r`` (with the row above it) is, if any: complete, lacking columns, or none."""
    texts = header_texts(sheet, r, with_above)
    marks = applicant_marks(sheet.rows[r] if r < len(sheet.rows) else (), texts, words)
    results = result_marks(sheet.rows[r] if r < len(sheet.rows) else (), texts, words)
    candidates, shown = fields_of(texts, words)
    if marks:   # the category columns are not an applicant-type column each (申请人类型 over 自然人 | …)
        candidates.pop(Field.APPLICANT, None)
    if results:   # (nor are the result groups' columns a result column each: 办理结果 over 予以公开 | …)
        candidates.pop(Field.RESULT, None)
    if len(candidates) + bool(marks) + bool(results) < 2:
        return None
    columns, notes = _choose(sheet, r, candidates, shown, words)
    if Field.RESULT in columns or Field.DISCLOSE not in columns:
        columns.pop(Field.DISCLOSE, None)   # 是否公开 stands for the result only without one
    if Field.APPLICANT not in columns:
        columns.pop(Field.APPLICANT_KIND, None)   # (the kind of organisation says something only beside it)
    if Field.RESULT not in columns or columns.get(Field.REMARK) in sheet.hidden_columns:
        columns.pop(Field.REMARK, None)   # (a remark is read only beside a result, and only when shown)
    if Field.RESULT not in columns:
        columns.pop(Field.STATUS, None)   # (a status is read only beside a result column)
    names = next((columns[f] for f in (Field.ORGANISATION, Field.NAME) if f in columns), None)
    by_name = _applicant_from_names(sheet, columns, marks, words)
    if names is None:   # a bare 申请人 column of names beside the 申请人类型 column
        names = next((c for rank, c in sorted(candidates.get(Field.APPLICANT, ())) if rank >= WEAK), None)
    names = names if Field.APPLICANT in columns and names not in columns.values() else None
    if names is not None:
        notes = [n for n in notes if not n.startswith(f"另有“{shown[names]}”列")]
        notes.append(f"只写了“法人或其他组织”的申请人按“{shown[names]}”列中单位名称的结尾归类，"
                     "如“……律师事务所”为法律服务机构、“……有限公司”为商业企业")
    applicants = Field.APPLICANT in columns or bool(marks) or Field.PERSON in columns or Field.NAME in columns
    kind = SheetKind.CASES if Field.CASE_KIND in columns and not applicants else SheetKind.APPLICATIONS
    if kind is SheetKind.CASES:
        by_name = None
    titles = {f: shown[c] for f, c in columns.items()}
    if marks:
        titles[Field.APPLICANT] = "、".join(marks.values())
    if results:
        titles[Field.RESULT] = "、".join(results.values())
    if Field.PERSON in columns:
        titles[Field.APPLICANT] = f"{titles[Field.PERSON]}（自然人）、{titles[Field.ORGANISATION]}（按名称的结尾归类）"
    if Field.NAME in columns:
        titles[Field.APPLICANT] = f"{titles[Field.NAME]}（单位按名称的结尾归类，个人姓名请确认）"
    if by_name is not None:
        titles[Field.APPLICANT] = f"按工作表名，均为{by_name}"
    missing = tuple(f for f in REQUIRED[kind] if f not in columns
                    and not (f is Field.APPLICANT and (marks or Field.PERSON in columns or Field.NAME in columns or by_name))
                    and not (f is Field.RESULT and (Field.DISCLOSE in columns or results)))
    if missing:
        return Incomplete(r, kind, titles, missing, notes)
    _codes_beside_result(sheet, r, columns, titles, shown, words)
    reasons = _reasons_by_group(columns, candidates, shown, words)
    if reasons:
        titles[Field.REASON] = "、".join(shown[c] for c in (columns[Field.REASON], *reasons))
        notes = [n for n in notes if not any(f"“{shown[c]}”列，{words.column(Field.REASON).name}按" in n for c in reasons)]
    return Header(r, kind, columns, titles, notes, marks, by_name, reasons, names, results)


def _codes_beside_result(sheet: LedgerSheet, r: int, columns: dict[Field, int], titles: dict[Field, str],
                         shown: dict[int, str], words: LedgerWords) -> None:
    """The 情形 kept as codes in the column right after the result (处理结果 不予公开 | 类别 3, （三）3):
    a column not otherwise read, whose values are mostly codes of rows, is the 情形 column."""
    result = columns.get(Field.RESULT)
    if Field.REASON in columns or result is None or result + 1 in columns.values():
        return
    c, matcher = result + 1, _matcher(words.results)
    values = [row[c] for row in sheet.rows[r + 1:r + 1 + SAMPLE_VALUES] if c < len(row) and cell_text(row[c])]
    title = shown.get(c) or cell_text(sheet.rows[r][c] if c < len(sheet.rows[r]) else None)
    if not title or any(ch.isdigit() for ch in title) or matcher.is_code(title) \
            or any(m in title for m in words.serial_marks) or _numbering(values):
        return   # (a data row under the header, or a serial number column)
    if values and sum(matcher.is_code(v) for v in values) * 2 >= len(values):
        columns[Field.REASON] = c
        titles[Field.REASON] = shown[c] = title


def _numbering(values: list) -> bool:
    """Values that number the rows (1, 2, 3 …: a serial number column), not codes of results."""
    numbers = [int(v) for v in values if isinstance(v, int) or (isinstance(v, str) and v.strip().isdigit())]
    return len(numbers) > 2 and len(numbers) == len(values) and all(a < b for a, b in zip(numbers, numbers[1:]))


def _reasons_by_group(columns: dict[Field, int], candidates: dict[Field, list[tuple[int, int]]], shown: dict[int, str],
                      words: LedgerWords) -> tuple[int, ...]:
    """The further 情形 columns, each named by a result group (无法提供理由 beside 不予公开理由), when the
    chosen one is named by a group too; a column of another kind (法律依据) is not one of them."""
    if Field.REASON not in columns:
        return ()
    group_words = sorted({norm(w) for g in words.results.groups for w in g.words if len(norm(w)) >= 3}, key=len)

    def by_group(c: int) -> bool:
        return any(w in norm(shown[c]) for w in group_words)
    if not by_group(columns[Field.REASON]):
        return ()
    return tuple(c for rank, c in sorted(candidates.get(Field.REASON, ()), key=lambda x: x[1])
                 if rank < WEAK and c != columns[Field.REASON] and by_group(c))


def _applicant_from_names(sheet: LedgerSheet, columns: dict[Field, int], marks: dict[int, str],
                          words: LedgerWords) -> str | None:
    """Where the applicant's type comes from when the sheet has no applicant-type column: the
    category columns marked, a person's and an organisation's name together, the sheet's name (the
    category returned), or one column of names — in that order; the columns not used are dropped."""
    named = (Field.PERSON, Field.ORGANISATION)
    if Field.APPLICANT in columns or marks or not all(f in columns for f in named):
        for f in named:   # the names stand for the applicant's type only together, and only without it
            columns.pop(f, None)
    found = None
    if Field.APPLICANT not in columns and not marks and Field.PERSON not in columns:
        found = applicant_of_sheet(sheet.name, words)
    if Field.APPLICANT in columns or marks or Field.PERSON in columns or found is not None:
        columns.pop(Field.NAME, None)
    return found


def applicant_of_sheet(name: str, words: LedgerWords) -> str | None:
    """The applicant column a sheet's name is (``自然人``, ``企业申请``, ``法律服务机构登记表``): the
    name without its declared ending (``LedgerWords.sheet_endings``) is one category's word."""
    n = norm(name)
    for ending in sorted((norm(e) for e in words.sheet_endings), key=len, reverse=True):
        if n.endswith(ending) and len(n) > len(ending):
            n = n[:-len(ending)]
            break
    if n in (norm(w) for w in words.sheet_not_applicant):
        return None
    found = _matcher(words.applicants).match(n)
    return found.target if found.kind is Kind.FOUND else None


def result_marks(row: tuple, texts: list[tuple[str, ...]], words: LedgerWords) -> dict[int, str]:
    """Columns headed by a result group itself (予以公开 | 部分公开 | 不予公开 | 无法提供 …, under 办理结果):
    the answer ticked in one column per group.  A header row of texts only, three groups at least, and
    they are most of its texts (a data row holds one result and dates)."""
    if any(not isinstance(v, str) for v in row if v is not None):
        return {}
    matcher, heads = _matcher(words.results), _result_words(words.results)
    found: dict[int, tuple[str, int | None]] = {}
    for c, candidates in enumerate(texts):
        m = matcher.match(candidates[0]) if norm(candidates[0]) in heads else None   # (不予公开理由 is no group)
        if m is not None and m.kind in (Kind.FOUND, Kind.GROUP):
            found[c] = (candidates[0], m.group)
    filled = sum(1 for candidates in texts if candidates[0])
    groups = {group for _, group in found.values()}
    return {c: text for c, (text, _) in found.items()} if len(groups) >= 3 and len(found) * 2 >= filled else {}


@lru_cache(maxsize=4)
def _result_words(choice) -> frozenset[str]:
    """Every word of a result group or row itself (``norm``), as a column may be headed by one."""
    return frozenset(norm(w) for g in choice.groups for w in (*g.words, *(w for leaf in g.leaves for w in leaf.words)))


def applicant_marks(row: tuple, texts: list[tuple[str, ...]], words: LedgerWords) -> dict[int, str]:
    """Columns headed by an applicant category itself (自然人 | 商业企业 | …): the applicant type kept
    as one column per category.  A header row of texts only, two categories at least, and they are
    most of its texts (a data row that happens to hold 其他 and 商业企业 has dates and numbers too)."""
    if any(not isinstance(v, str) for v in row if v is not None):
        return {}
    matcher = _matcher(words.applicants)
    found = {}
    for c, candidates in enumerate(texts):
        m = matcher.match(candidates[0])
        if candidates[0] and m.kind is Kind.FOUND and m.target is not None:
            found[c] = m.target
    filled = sum(1 for candidates in texts if candidates[0])
    return found if len(set(found.values())) >= 2 and len(found) * 2 >= filled else {}
