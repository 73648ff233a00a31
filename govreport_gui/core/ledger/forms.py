"""登记表 kept one per application: a small table of label | value pairs (申请人类型 | 公民 | 收到申请日期 |
2025年3月2日 …), as an office that fills a 政府信息公开申请登记表 for each application keeps them in one Word
file.  A sheet that has no ledger header and is such a form — every field the count needs named by a
label (the header words of ``ledger_words.COLUMNS``) with its value in the cell to its right — is one
application; the forms of one file are gathered into one sheet (``登记表（N张）``): a header of the labels,
then the forms in order, so that its row k + 1 is the k-th form.  The forms are then counted as any ledger.
"""

from __future__ import annotations

from ..forms.ledger_words import Field, LedgerWords
from .columns import REQUIRED, WEAK, SheetKind, cell_text, field_of, find_header
from .sheet import LedgerSheet

MAX_FORM_ROWS = 30   # a form is a small table (a ledger's sheet has more rows than this)
#: The fields a form's labels may give (a form has no serial-number or tick columns).
_FORM_FIELDS = (Field.APPLICANT, Field.APPLICANT_KIND, Field.RECEIVED, Field.DONE, Field.RESULT, Field.REASON,
                Field.NAME, Field.PERSON, Field.ORGANISATION, Field.STATUS, Field.REMARK)


def gather_forms(sheets: list[LedgerSheet], words: LedgerWords) -> tuple[list[LedgerSheet], list[str]]:
    """``sheets`` with the forms of each file gathered into one sheet (where the first form was), and
    what the count says of them."""
    out: list[LedgerSheet] = []
    notes: list[str] = []
    gathered: dict[str, tuple[LedgerSheet, list[str]]] = {}
    for sheet in sheets:
        form = None if sheet.hidden else form_of(sheet, words)
        if form is None:
            out.append(sheet)
            continue
        entry = gathered.get(sheet.source)
        if entry is None:
            entry = gathered[sheet.source] = (LedgerSheet(sheet.source, "登记表"), [])
            out.append(entry[0])
        _add_form(entry[0], form)
        entry[1].append(sheet.name or sheet.source)
    for combined, names in gathered.values():
        combined.name = f"登记表（{len(names)}张）"
        notes.append(f"{combined.source}中的{len(names)}张表格是每件申请一张的登记表（{names[0]}"
                     f"{'…' + names[-1] if len(names) > 1 else ''}），合成“{combined.name}”一张表读取：第2行是第1张登记表，"
                     "第3行是第2张，依此类推。")
    return out, notes


def form_of(sheet: LedgerSheet, words: LedgerWords) -> dict[Field, tuple[str, object]] | None:
    """Field → (its label, its value) when ``sheet`` is one application's form; else None."""
    if not sheet.rows or len(sheet.rows) > MAX_FORM_ROWS or _is_ledger(sheet, words):
        return None
    found: dict[Field, tuple[int, str, object]] = {}
    for row in sheet.rows:
        for c, value in enumerate(row):   # (a label last in its row: its value cell was left blank)
            label = cell_text(value)
            named = field_of(label, words) if label and isinstance(value, str) else None
            if named is None or named[0] not in _FORM_FIELDS:
                continue
            field, rank = named
            if field not in found or rank < found[field][0]:
                found[field] = (rank, label, row[c + 1] if c + 1 < len(row) else None)
    has = {f for f, (rank, _, _) in found.items() if rank < WEAK or f is Field.APPLICANT}
    needed = set(REQUIRED[SheetKind.APPLICATIONS]) - {Field.APPLICANT}
    if not needed <= has or not ({Field.APPLICANT, Field.NAME, Field.PERSON} & has) \
            or not _a_date(found[Field.RECEIVED][2]):
        return None   # (a 填表说明 of 栏目 | 填写说明 pairs: its "received date" is a sentence)
    return {f: (label, value) for f, (_, label, value) in found.items()}


def _a_date(value: object) -> bool:
    """Whether ``value`` is written as a date (perhaps without its year: the ledger's year supplies it)."""
    from .dates import DateProblem, MonthOnly, YearMissing, read_date
    try:
        return read_date(value) is not None
    except (YearMissing, MonthOnly):
        return True
    except DateProblem:
        return False


def _is_ledger(sheet: LedgerSheet, words: LedgerWords) -> bool:
    """Whether ``sheet`` has a ledger header of its own (then it is read as a ledger, not a form)."""
    from .columns import Header
    return isinstance(find_header(sheet, words), Header)


def _add_form(combined: LedgerSheet, form: dict[Field, tuple[str, object]]) -> None:
    """One form as a row of ``combined`` (its header made of the labels, widened by a form's new fields)."""
    if not combined.rows:
        combined.rows.append(())
    header = list(combined.rows[0])
    column = {}
    for field, (label, _) in form.items():
        known = next((c for c, text in enumerate(header) if text == label), None)
        if known is None:
            header.append(label)
            known = len(header) - 1
        column[field] = known
    combined.rows[0] = tuple(header)
    row: list[object] = [None] * len(header)
    for field, (_, value) in form.items():
        row[column[field]] = value
    combined.rows.append(tuple(row))
