"""Tables 三 and 四 counted from an agency's ledgers, row by row, with the year deciding where each row goes.

For a report on year Y (1 January – 31 December), an application row counts

* in ``一、本年新收…`` when it was received in Y, in ``二、上年结转…`` when it was received before Y and
  not answered before Y;
* in its result row when it was answered in Y, in ``四、结转下年度继续办理`` when it was not answered
  by 31 December;
* not at all when it was answered before Y or received after it (another year's: counted in the
  summary, not left out).

A case row (行政复议/行政诉讼) counts in its kind's group of 四: in its outcome when it was concluded
in Y, in 尚未审结 when it was not concluded by 31 December; a case concluded before Y or received
after it is another year's.

A row the clerk struck through or marked 作废 is no application (``void``): not counted, named for
the clerk to check.  Nothing is guessed: a row without a received date, with a date that cannot be read, answered
before it was received, with a value that fits no declared word (``ledger_words``), answered
without a result or with a result but no date of answering — each is left out and listed with its
file, sheet, row number and value; the distinct unclear values are collected for the clerk to
assign once.  A row is counted whole or not at all, so the counted tables always balance.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import ReadError
from ..forms import CellKey, FormSpec
from ..forms.ledger_words import Field, LedgerWords
from ..forms.spec import Layout, Tag
from .columns import Header, Incomplete, SheetKind, field_of, find_header, header_row
from .continued import continued_note, continued_rows
from .copies import copied_note, copied_rows, repeat_note, repeated_sheets
from .dates import FIRST_YEAR, DateProblem, MonthOnly, YearMissing, format_date, is_same_day, read_date
from .forms import gather_forms
from .hidden import HIDDEN_MARK, hidden_columns_note, hidden_rows_note, repeated_rows
from .legend import Legend, code_key, read_legend
from .names import by_name, ending_kind, named
from .several import END, RESTART, merged_numbers, same_numbers
from .sheet import LedgerSheet, RowRef, place
from .void import MARKED, STRUCK, void_how, void_marks, void_note
from .words import Kind, Match, Matcher, norm
from .year import LedgerYear, ledger_year

Assignments = Mapping[Field, Mapping[str, str]]


@dataclass(frozen=True)
class LeftOut:
    """A row of the year that was not counted: why, and the value concerned as written."""

    ref: RowRef
    why: str
    value: str = ""


@dataclass
class Unclear:
    """A value that fits no word, with the rows that hold it (the clerk may assign it once)."""

    field: Field
    key: str                  # ``words.norm`` of the value (``result|reason`` for a pair)
    shown: str                # as written (``不予公开 / 涉及隐私`` for a pair)
    choices: tuple[str, ...]  # the labels it may be assigned to
    refs: list[RowRef] = dataclasses.field(default_factory=list)   # (``field`` is the attribute above)


@dataclass
class LedgerCount:
    """What the ledgers give for one report year: the rows counted in each input cell of the
    tables counted (``tables``), and every row that was not."""

    form: FormSpec
    year: int
    counted: dict[CellKey, list[RowRef]] = field(default_factory=dict)
    tables: list[str] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    unclear: dict[tuple[Field, str], Unclear] = field(default_factory=dict)
    other_years: dict[str, list[RowRef]] = field(default_factory=dict)   # why → rows
    skipped: dict[str, list[RowRef]] = field(default_factory=dict)       # the clerk's "do not count"
    notes: list[str] = field(default_factory=list)
    # what the clerk should check in the ledger before the figures are used (hidden rows and columns)
    to_check: list[str] = field(default_factory=list)
    # the clerk's assignments that placed rows: (field, key) → (value as written, label)
    assigned_used: dict[tuple[Field, str], tuple[str, str]] = field(default_factory=dict)
    findings: list = field(default_factory=list)                          # core.findings.Finding
    sources: list[str] = field(default_factory=list)
    rows_read: int = 0
    hidden_rows: list[RowRef] = field(default_factory=list)    # rows hidden in the ledger, counted
    # (hidden row, the visible row it repeats): perhaps entered twice and hidden instead of deleted
    hidden_repeats: list[tuple[RowRef, RowRef]] = field(default_factory=list)
    hidden_columns: list[str] = field(default_factory=list)    # fields read from a hidden column
    voided: list[RowRef] = field(default_factory=list)         # struck out or marked 作废: not counted

    def values(self) -> dict[CellKey, int]:
        """Every input cell of the tables counted → its count (0 included)."""
        out: dict[CellKey, int] = {}
        for table_id in self.tables:
            for spec in self.form.table(table_id).cells:
                if not spec.computed:
                    out[spec.key] = len(self.counted.get(spec.key, ()))
        return out

    @property
    def placed(self) -> int:
        """Rows counted (an application row counts in two cells, a case row in one)."""
        return len({ref for refs in self.counted.values() for ref in refs})

    @property
    def complete(self) -> bool:
        """Every row of the year was placed."""
        return not self.left_out


def count_ledgers(sheets: list[LedgerSheet], form: FormSpec, year: int,
                  assigned: Assignments | None = None, previous=None) -> LedgerCount:
    """Count ``sheets`` (of one or more files) into tables 三/四 of ``form`` for ``year``.  Raises
    ``ReadError`` when no sheet holds a ledger (nothing could be read)."""
    words = form.ledger
    if words is None:
        raise ReadError(f"{form.version}版格式没有声明台账用语，无法按台账计数。")
    sheets, form_notes = gather_forms(sheets, words)
    counter = _Counter(form, year, words, assigned or {})
    counter.result.notes += form_notes
    headers = counter.find_headers(sheets)
    if not headers:
        raise ReadError(_nothing_found(counter.result, sheets))
    repeats = repeated_sheets(headers)
    for n, rows in copied_rows(headers, repeats).items():
        counter.copied[(headers[n][0].source, headers[n][0].name)] = rows
    for n, (sheet, header) in enumerate(headers):
        if n in repeats:
            counter.result.to_check.append(repeat_note(sheet, repeats[n]))
            continue
        counter.count_sheet(sheet, header)
    result = counter.result
    for legend in (legend for legends in counter.legends.values() for legend in legends):
        where = place(legend.sheet.source, legend.sheet.name)
        result.notes.append(f"{where}是代码说明表（{legend.example()}），台账中的这些代码按它读取。" if legend.used
                            else f"{where}没有台账的表头，未读取。")
    persons = result.unclear.get((Field.APPLICANT, norm(words.person_names)))
    if persons is not None:   # the question for the names read as persons', with some of them
        persons.shown = f"{words.person_names}（如{'、'.join(counter.person_examples)}）"
    result.tables = [t for t, kind in ((counter.t3.id, SheetKind.APPLICATIONS), (counter.t4.id, SheetKind.CASES))
                     if kind in counter.kinds]
    result.sources = list(dict.fromkeys(s.source for s in sheets))
    if previous is not None and counter.t3.id in result.tables:
        from .carry import carry_in_findings
        result.findings += carry_in_findings(result, previous)
    return result


def _nothing_found(result: LedgerCount, sheets: list[LedgerSheet]) -> str:
    names = "、".join(dict.fromkeys(s.source for s in sheets)) or "所给文件"
    problems = "；".join(note.rstrip("。") for note in result.notes)
    return (f"{names}中没有找到可以计数的登记台账：需要一行表头，写明申请人类型、收到日期、办结（答复）日期和"
            f"处理结果（复议诉讼案件：案件类型、收到/立案日期、审结日期和结果）" + (f"。{problems}" if problems else "")
            + "。可用“导出申请台账模板”得到可直接读取的台账格式。")


class _Counter:
    def __init__(self, form: FormSpec, year: int, words: LedgerWords, assigned: Assignments) -> None:
        self.form, self.year, self.words = form, year, words
        self.start, self.end = _dt.date(year, 1, 1), _dt.date(year, 12, 31)
        self.t3, self.t4 = form.table_laid_out(Layout.ROWS), form.table_laid_out(Layout.COLUMN_GROUPS)
        self.new, self.carried_in, self.carried_out = (self.t3.group(t).rows[0] for t in
                                                      (Tag.NEW, Tag.CARRIED_IN, Tag.CARRIED_OUT))
        self.matchers = {
            Field.APPLICANT: Matcher(words.applicants, assigned.get(Field.APPLICANT)),
            Field.RESULT: Matcher(words.results, assigned.get(Field.RESULT)),
            Field.CASE_KIND: Matcher(words.case_kinds, assigned.get(Field.CASE_KIND)),
            Field.CASE_OUTCOME: Matcher(words.case_outcomes, assigned.get(Field.CASE_OUTCOME)),
        }
        self.assigned = assigned
        self.natural = words.applicants.targets()[0]
        self.endings = sorted(((norm(w), leaf.target) for leaf in words.name_endings for w in leaf.words),
                              key=lambda x: -len(x[0]))   # longest first: 研究院有限公司 is a company
        self.result = LedgerCount(form, year)
        self._date_cache: dict = {}
        self._void_marks = void_marks(words)
        self._carry_marks = frozenset(norm(m) for m in words.carried_in_marks)
        self._example_marks = frozenset(norm(m) for m in words.example_marks)
        self._section_marks = frozenset(norm(m) for m in words.section_marks)
        self._withdrawn = frozenset(norm(m) for m in words.withdrawn)
        self._status_done = frozenset(norm(m) for m in words.status_done)
        self.person_examples: list[str] = []   # names read as a person's (``_by_name``), shown with the question
        self.by_merge: set[int] = set()   # rows joined to the row above by a serial number merged over them
        self._filled: dict[int, dict] = {}   # first row under a number → its blank fields, from its later rows
        self._header_words: dict[str, bool] = {}
        self.kinds: set[SheetKind] = set()   # the kinds of ledger counted (applications → 三, cases → 四)
        # the sheet being counted, for its dates written without a year: (sheet, header), its year, used
        self._sheet: tuple[LedgerSheet, Header] | None = None
        self._year: LedgerYear | None = None
        self._year_used = False
        self.legends: dict[str, list[Legend]] = {}   # file → its sheets explaining codes (代码说明)
        self._legends: list[Legend] = []             # those of the sheet being counted
        self._carry_section = False                    # the rows counted are under 上年结转
        self._override: Match | None = None            # the result of the row counted, read from several rows
        # (file, sheet) → its rows pasted from an earlier sheet → the row they repeat (``copies``)
        self.copied: dict[tuple[str, str], dict[int, RowRef]] = {}

    # -- sheets ---------------------------------------------------------------------------------

    def find_headers(self, sheets: list[LedgerSheet]) -> list[tuple[LedgerSheet, Header]]:
        found = []
        for sheet in sheets:
            where = place(sheet.source, sheet.name)
            header = find_header(sheet, self.words)
            if header is None and (legend := read_legend(sheet, self.matchers)) is not None:   # (a ledger lacking a column is no legend)
                self.legends.setdefault(sheet.source, []).append(legend)
                continue
            if sheet.hidden:
                if header is not None:
                    self.result.notes.append(f"{where}是隐藏的工作表，未读取（如需计入，请在 Excel/WPS 中取消隐藏）。")
                continue
            if isinstance(header, Header):
                found.append((sheet, header))
            elif isinstance(header, Incomplete):
                missing = "、".join(self.words.column(f).name for f in header.missing)
                why = f"（{'；'.join(header.notes)}）" if header.notes else ""
                names = (f"如台账只写了申请人的姓名或名称，可把该列的表头写作“{self.words.column(Field.NAME).name}”或"
                         "“申请人姓名或名称”：单位按名称的结尾归类，个人的姓名经确认一次后按自然人计入。"
                         if Field.APPLICANT in header.missing
                         and any(f"不是{self.words.column(Field.APPLICANT).name}" in n for n in header.notes) else "")
                self.result.notes.append(f"{where}第{header.row + 1}行像是台账的表头，但缺少{missing}列{why}，未读取。{names}")
            elif any(any(v is not None for v in row) for row in sheet.rows):
                self.result.notes.append(f"{where}没有台账的表头，未读取。")
        return found

    def count_sheet(self, sheet: LedgerSheet, header: Header | None) -> None:
        """The rows under ``header``; another ledger header further down (a case list under the
        applications) is counted by its own columns."""
        while header is not None:
            header = self._count_under(sheet, header)

    def _count_under(self, sheet: LedgerSheet, header: Header) -> Header | None:
        """Count the rows below ``header`` up to the next header; returns that header (or None)."""
        cols = header.columns
        titles = [_cell(sheet.rows[header.row], c) for c in cols.values()]
        counted_before, notes_before, following = self.result.rows_read, len(self.result.notes), None
        self.kinds.add(header.kind)
        self._sheet, self._year, self._year_used = (sheet, header), None, False
        self._carry_section = norm(sheet.name) in self._carry_marks   # (上年结转 rows: a section or a sheet)
        self._legends = sorted(self.legends.get(sheet.source, []), key=lambda legend: legend.reasons)   # answers first
        copied = self.copied.get((sheet.source, sheet.name), {})
        merged, hidden = _merged_down(sheet, header), sheet.hidden_rows
        continued = continued_rows(sheet, header, merged, self.words)
        same_number, combined = self._several(sheet, header, merged)
        hidden_placed: list[int] = []
        voided: dict[str, list[int]] = {STRUCK: [], MARKED: []}
        for i in range(header.row + 1, len(sheet.rows)):
            row = sheet.rows[i]
            if [_cell(row, c) for c in cols.values()] == titles:
                continue   # the header repeated (a printed page's header row)
            if self._header_like(row) and isinstance(found := header_row(sheet, i, False, self.words), Header):
                following = found
                break
            if i in continued:
                continue   # (the application above, written on; said once for the sheet)
            if i in same_number:
                continue   # (the application of a row above, under its number; said once for the sheet)
            if not any((i, c) in merged for c in cols.values()):   # (a row filled by cells merged down is an application's)
                self._follow_parts(row)
            values = self._values(row, i, header, merged)
            values.update(self._filled.get(i, {}))   # (an application's answer on a later row under its number)
            if all(_blank(v) for v in values.values()):
                continue
            ref = RowRef(sheet.source, sheet.name, i + 1)
            if self._no_application(sheet, i, ref, voided):
                continue
            self.result.rows_read += 1
            if (first := copied.get(i)) is not None:
                self._leave(ref, copied_note(first), "")
                continue
            left_before = len(self.result.left_out)
            self._override = combined.get(i)
            placed = (self._application if header.kind is SheetKind.APPLICATIONS else self._case)(ref, values)
            self._override = None
            if i in hidden:
                self._hidden_row(i, placed, left_before, hidden_placed)
        self.result.notes.insert(notes_before, self._sheet_note(sheet, header, self.result.rows_read - counted_before))
        if numbered := sorted(r for r in same_number if r not in self.by_merge):
            self.result.notes.append(f"{place(sheet.source, sheet.name)}第{'、'.join(str(r + 1) for r in numbered)}行"
                                     "与上面同一申请编号的行是同一件申请：按一件计入，处理结果合在一起读。")
        if self.by_merge:
            self.result.notes.append(f"{place(sheet.source, sheet.name)}第{'、'.join(str(r + 1) for r in sorted(self.by_merge))}行"
                                     "与上面的行合用一个序号单元格（合并单元格），是同一件申请的各项：按一件计入，处理结果合在一起读。")
        if seen := sorted(r for r in continued if header.row < r < (following.row if following else len(sheet.rows))):
            self.result.notes.append(continued_note(sheet, seen))
        self._hidden_notes(sheet, header, hidden_placed)
        if voided[STRUCK] or voided[MARKED]:
            self.result.to_check.append(void_note(sheet, voided[STRUCK], voided[MARKED]))
        return following

    def _several(self, sheet: LedgerSheet, header: Header, merged) -> tuple[dict[int, int], dict[int, Match]]:
        """Rows under one application number (``several``): each later row → the first, and the first
        row → its rows' results together (unclear when they make no one label).  Rows whose results
        are not all labels are counted each as it is, and so are rows received on another day or
        from another kind of applicant (a number begun again: they cannot be one application).
        Rows sharing one serial number merged down over them (``merged_numbers``) are one application
        whatever their results: the merge says so (``self.by_merge``: those later rows)."""
        self.by_merge, self._filled = set(), {}
        if header.kind is not SheetKind.APPLICATIONS:
            return {}, {}
        later: dict[int, int] = {}
        combined: dict[int, Match] = {}
        for first, others in same_numbers(sheet, header, self.words, lambda i: self._boundary(sheet, header, i)).items():
            rows = {i: self._values(sheet.rows[i], i, header, merged) for i in (first, *others)}
            for one, *more in _one_application_each(rows):
                found = [m for m in map(self._result, (rows[i] for i in (one, *more))) if m.kind is not Kind.BLANK]
                self._join(one, more, found, later, combined)
                if one in combined:
                    self._filled[one] = _filled_from(rows[one], [rows[i] for i in more])
        for first, others in merged_numbers(sheet, header, self.words).items():
            rows = {i: self._values(sheet.rows[i], i, header, merged) for i in (first, *others)
                    if i not in later and i not in combined}
            for one, *more in _one_application_each(rows) if first in rows else ():
                found = [m for m in map(self._result, (rows[i] for i in (one, *more))) if m.kind is not Kind.BLANK]
                self._join(one, more, found, later, combined, sure=True)
                self.by_merge.update(more)
        return later, combined

    def _join(self, first: int, others: list[int], found: list[Match], later: dict[int, int],
              combined: dict[int, Match], sure: bool = False) -> None:
        """Rows ``others`` counted as the application of row ``first``, with the results ``found``
        of them all together — when every one names a label; ``sure`` (one merged serial number):
        also when none does (an open application: as its first row says), else unclear."""
        labels = all(m.kind is Kind.FOUND for m in found)
        if sure and all(m.kind is Kind.PENDING for m in found):
            later.update({i: first for i in others})
            return
        if not found or not (labels or sure):
            return
        shown = "＋".join(dict.fromkeys(m.key for m in found))
        why = (f"{'同一序号（合并单元格）' if sure else '同一申请编号'}的{len(others) + 1}行处理结果（{shown}）合不成一种，"
               "请在台账中写明这件申请的处理结果")
        combined[first] = (self.matchers[Field.RESULT].together(found) if labels else None) \
            or Match(Kind.UNCLEAR, key=shown, note=why)
        later.update({i: first for i in others})

    def _boundary(self, sheet: LedgerSheet, header: Header, i: int) -> str | None:
        """Row ``i`` as ``same_numbers`` asks: another header (``END``; not ``header`` printed again on
        a new page), a section heading (``RESTART``)."""
        row = sheet.rows[i]
        if [_cell(row, c) for c in header.columns.values()] == [_cell(sheet.rows[header.row], c) for c in header.columns.values()]:
            return None
        if self._header_like(row) and isinstance(header_row(sheet, i, False, self.words), Header):
            return END
        return RESTART if _section_heading(row, self._section_marks) is not None else None

    def _follow_parts(self, row: tuple) -> None:
        """A row of one text alone heads a part of the ledger — 上年结转 when it names it; any other
        (本年新收, 本年度新收申请, 2025年新收, 今年受理, a note) ends the 上年结转 part, so that this
        year's applications under a heading not foreseen are never moved to the year before."""
        filled = [v for v in row if not _blank(v)]
        if len(filled) == 1 and isinstance(filled[0], str):
            text = norm(filled[0])
            self._carry_section = any(mark in text for mark in self._carry_marks)

    def _no_application(self, sheet: LedgerSheet, i: int, ref: RowRef, voided: dict[str, list[int]]) -> bool:
        """Whether row ``i`` is no application (a sum, the signatures, a title or note, a cancelled
        entry: kept in ``voided`` by how), said in the notes."""
        row = sheet.rows[i]
        if _is_total_row(row, self.words):
            self.result.notes.append(f"{ref.where()}是合计行，未计入。")
        elif _is_footer_row(row, self.words):
            self.result.notes.append(f"{ref.where()}是表尾的签署栏（{_shown(' '.join(map(str, filter(None, row))))}），未计入。")
        elif (text := _section_heading(row, self._section_marks)) is not None:
            self.result.notes.append(f"{ref.where()}是分段标题“{text}”，不是登记的申请，未计入。")
        elif _is_example_row(row, self._example_marks):
            self.result.notes.append(f"{ref.where()}是填写示例（{_shown(' '.join(map(str, filter(None, row))))}），未计入。")
        elif (text := _only_text(row)) is not None:
            self.result.notes.append(f"{ref.where()}只有一段文字“{_shown(text)}”（标题或说明），不是登记的申请，未计入。")
        elif (how := void_how(sheet, i, row, self._void_marks)) is not None:
            voided[how].append(i)
            self.result.voided.append(ref)
        else:
            return False
        return True

    def _hidden_row(self, i: int, placed: bool, left_before: int, hidden_placed: list[int]) -> None:
        """A row hidden in the ledger: remembered when counted, marked so when left out."""
        if placed:
            hidden_placed.append(i)
        elif len(self.result.left_out) > left_before:
            last = self.result.left_out[-1]
            self.result.left_out[-1] = dataclasses.replace(last, why=last.why + HIDDEN_MARK)

    def _hidden_notes(self, sheet: LedgerSheet, header: Header, rows: list[int]) -> None:
        """What the count says of the sheet's hidden columns it read and hidden rows it counted."""
        fields, columns_note = hidden_columns_note(sheet, header, self.words)
        self.result.hidden_columns += [f for f in fields if f not in self.result.hidden_columns]
        if columns_note:
            self.result.to_check.append(columns_note)
        if rows:
            same = repeated_rows(sheet, header, rows, self.words)
            ref = {i: RowRef(sheet.source, sheet.name, i + 1) for i in (*rows, *(v for _, v in same))}
            self.result.hidden_rows += [ref[i] for i in rows]
            self.result.hidden_repeats += [(ref[h], ref[v]) for h, v in same]
            self.result.to_check.append(hidden_rows_note(sheet, rows, same))

    def _values(self, row: tuple, i: int, header: Header, merged: dict[tuple[int, int], object]) -> dict:
        """Field → the row's value: its cell, or the value of a cell merged down over it; the
        applicant's type from the category columns marked, the names, or the sheet's name."""
        values = {f: (row[c] if c < len(row) and not _blank(row[c]) else merged.get((i, c))) for f, c in header.columns.items()}
        for legend in self._legends:   # (a value read by one legend is words: no later legend reads it)
            values.update({f: words for f, v in values.items() if (words := legend.words_for(f, v)) is not None})
        if header.result_marks:   # (the answer ticked under its group's column)
            values[Field.RESULT] = _marked(row, header.result_marks)
        if header.marks:
            values[Field.APPLICANT] = _marked(row, header.marks)
        elif Field.PERSON in header.columns:
            values[Field.APPLICANT] = named(_shown(values.get(Field.PERSON)), _shown(values.get(Field.ORGANISATION)),
                                            self.natural, self.endings)
        elif Field.NAME in header.columns:
            values[Field.APPLICANT] = self._by_name(_shown(values.get(Field.NAME)))
        elif header.sheet_applicant and any(not _blank(v) for v in values.values()):
            values[Field.APPLICANT] = header.sheet_applicant
        if header.reasons:   # the 情形 in its group's column (two filled: unclear)
            filled = [_shown(row[c]) for c in (header.columns[Field.REASON], *header.reasons) if c < len(row) and not _blank(row[c])]
            values[Field.REASON] = "／".join(filled) or None
        if Field.DISCLOSE in header.columns:
            values[Field.RESULT] = self._disclosed(values)
        if header.names is not None and header.names < len(row) and not _blank(row[header.names]):
            values[Field.NAME] = row[header.names]
        return values

    def _by_name(self, name: str) -> str | None:
        """The applicant's type from a column of names (``names.by_name``); a person's name is kept as
        an example for the clerk's question."""
        found = by_name(name, self.endings, self.words.organisation_marks, self.words.person_names)
        if found == self.words.person_names and len(self.person_examples) < 5 and name not in self.person_examples:
            self.person_examples.append(name)
        return found

    def _disclosed(self, values: dict) -> object:
        """The result of a ledger that says 是否公开 (and for 否 the 情形): 是 → 予以公开, 部分 → 部分公开,
        否 (or nothing) and a 情形 → that 情形 when it is one of the other results' leaves; anything
        else as written (unclear: 是否公开 and 情形 disagree, or say nothing known)."""
        flag, reason = values.get(Field.DISCLOSE), values.get(Field.REASON)
        said = norm(flag).lower()
        groups = self.words.results.groups
        if said in (norm(w).lower() for w in self.words.disclose_all):
            return groups[0].target if _blank(reason) else f"{_shown(flag)}／{_shown(reason)}"
        if said in (norm(w).lower() for w in self.words.disclose_part):
            return groups[1].target
        if (said == "" or said in (norm(w).lower() for w in self.words.disclose_none)) and not _blank(reason):
            found = self.matchers[Field.RESULT].match(reason)
            if found.kind is Kind.FOUND and found.group not in (0, 1):
                return reason
        return None if said == "" and _blank(reason) else f"{_shown(flag)}／{_shown(reason)}".strip("／")

    def _header_like(self, row: tuple) -> bool:
        """A row of at least three column names (a header further down the sheet)."""
        named = 0
        for value in row:
            if isinstance(value, str) and len(value) <= 40:
                known = self._header_words.get(value)
                if known is None:
                    known = self._header_words[value] = field_of(value, self.words) is not None
                named += known
        return named >= 3

    def _sheet_note(self, sheet: LedgerSheet, header: Header, rows: int) -> str:
        kind = "依申请公开登记台账" if header.kind is SheetKind.APPLICATIONS else "行政复议、行政诉讼案件"
        columns = "，".join(f"{c.name}：“{header.titles[c.field]}”" for c in self.words.columns if c.field in header.titles)
        more = f"（{'；'.join(header.notes)}）" if header.notes else ""
        cut = "；工作表很大，只读取了开头部分" if sheet.truncated else ""
        year = (f"；未写年份的日期按{self._year.year}年读取（年份见{self._year.where}）"
                if self._year_used and self._year is not None else "")
        return (f"{place(sheet.source, sheet.name)}：{kind}，表头在第{header.row + 1}行（{columns}）{more}，"
                f"登记{rows}行{cut}{year}。{sheet.converted}")

    # -- one row --------------------------------------------------------------------------------

    def _date(self, raw: object):
        """``read_date``, remembered per value (a ledger repeats its dates): a date, None, or the problem."""
        key = (type(raw), raw) if isinstance(raw, (str, int, float, _dt.date)) else None
        found = self._date_cache.get(key) if key is not None else None
        if found is None:
            try:
                found = (read_date(raw),)
            except DateProblem as exc:
                found = (exc,)
            if key is not None:
                self._date_cache[key] = found
        if isinstance(found[0], YearMissing):
            return self._with_sheet_year(raw, found[0])
        return found[0]

    def _with_sheet_year(self, raw: object, problem: YearMissing):
        """A date written without its year, read with the year the sheet names (``year``); the
        problem, saying where the year was looked for, when it names none or several."""
        if self._year is None and self._sheet is not None:
            sheet, header = self._sheet
            self._year = ledger_year(sheet, header.row)
        if self._year is None or self._year.year is None:
            why = self._year.problem if self._year is not None else ""
            return DateProblem(f"{problem}，{why}。请在台账中补写年份（如 2025年3月1日），或在标题中写明年度")
        try:
            day = read_date(raw, self._year.year)
        except DateProblem as exc:
            return exc
        self._year_used = True
        return day

    def _carried_in(self, raw: object) -> _dt.date | None:
        """The received date of a row that says, instead of a date, that it was carried in from an
        earlier year (上年结转, 2023年结转): the last day of that year (of the year before, when it
        names none) — received before the report's year, as the clerk wrote."""
        if not isinstance(raw, str):
            return None
        n = norm(raw)
        if n in self._carry_marks:
            return _dt.date(self.year - 1, 12, 31)
        m = _YEAR_CARRIED.match(n)
        return _dt.date(int(m.group(1)), 12, 31) if m and FIRST_YEAR <= int(m.group(1)) < self.year else None

    def _pending(self, raw: object) -> bool:
        """A date of answering written as the state of a row still open (办理中, 结转下年, 审理中)."""
        return isinstance(raw, str) and any(self.matchers[f].match(raw).kind is Kind.PENDING
                                            for f in (Field.RESULT, Field.CASE_OUTCOME))

    def _without_year(self, *raws: object) -> bool:
        """Whether any of ``raws`` is a date written without its year."""
        return any(isinstance(self._date_cache.get((type(raw), raw), (None,))[0], YearMissing) for raw in raws
                   if isinstance(raw, str))

    def _dates(self, ref: RowRef, values: dict, received_name: str, done_name: str):
        """(received, done), or None when the row is left out or is another year's."""
        received = self._carried_in(values.get(Field.RECEIVED)) or self._date(values.get(Field.RECEIVED))
        if isinstance(received, MonthOnly):
            received = received.first   # the year rule needs the month only; its first day for the order
        if isinstance(received, DateProblem):
            return self._leave(ref, f"{received_name}无法识别", str(received))
        if isinstance(received, _dt.date):
            received = self._last_year_if_carried(received, values.get(Field.RECEIVED))
        done_raw = values.get(Field.DONE)
        done = received if is_same_day(done_raw) else None if self._pending(done_raw) else self._date(done_raw)
        if isinstance(done, MonthOnly):
            done = self._done_in_month(done, received)
            if isinstance(done, DateProblem):
                return self._leave(ref, f"{done_name}只写到月份", str(done))
        if isinstance(done, DateProblem):
            return self._leave(ref, f"{done_name}无法识别", str(done))
        if received is None:
            return self._leave(ref, f"没有{received_name}", _row_summary(values))
        if done is not None and done < received and (received < self.start or done > self.end):
            return self._other_year(ref, received)   # both dates outside the year: not this year's to check
        if done is not None and done < received:
            hint = (f"；未写年份的日期按{received.year}年读取，如是跨年办结，请在台账中补写年份"
                    if self._without_year(values.get(Field.RECEIVED), values.get(Field.DONE)) else "")
            return self._leave(ref, f"{done_name}早于{received_name}",
                               f"{received_name}{format_date(received)}，{done_name}{format_date(done)}{hint}")
        if received > self.end or (done is not None and done < self.start):
            return self._other_year(ref, received)
        return received, done

    def _other_year(self, ref: RowRef, received: _dt.date) -> None:
        """A row of another year: received after it, or answered before it."""
        why = f"{self.year + 1}年及以后收到" if received > self.end else f"{self.year}年以前已办结"
        self.result.other_years.setdefault(why, []).append(ref)

    def _last_year_if_carried(self, received: _dt.date, raw: object) -> _dt.date:
        """A received date written without its year under 上年结转 (a section or a sheet of that name):
        of the year before the report's, whichever year the sheet's title names."""
        if not self._carry_section or received.year != self.year or not self._without_year(raw):
            return received
        try:
            return received.replace(year=self.year - 1)
        except ValueError:   # (29 February)
            return received

    def _done_in_month(self, month: MonthOnly, received: object) -> _dt.date | DateProblem:
        """A date of answering written as a month: a day of it that decides as any would (a month
        before or after the year; inside it, after the month received) — else a problem, where the
        day is wanted: the year's last month (checked against the year-end carry-over row by row, as
        the clerk's to say) and the month the application was received in (answered before it?)."""
        if month.last < self.start:
            return month.last
        if month.first > self.end:
            return month.first
        if month.last == self.end:
            return DateProblem(f"{month}。{self.year}年12月是本年度最后一个月，这个月的办结日期须写明哪一天，"
                               f"以便与年末结转逐件核对")
        if isinstance(received, _dt.date) and month.first <= received <= month.last:
            return DateProblem(f"{month}。收到日期（{format_date(received)}）也在这个月，须写明哪一天才能核对办结是否晚于收到")
        return month.first

    def _application(self, ref: RowRef, values: dict) -> bool:
        """Count an application row; True when it was placed in the tables."""
        dates = self._dates(ref, values, "收到日期", "办结日期")
        if dates is None:
            return False
        received, done = dates
        problems: list[tuple[str, str]] = []
        applicant = self._need(ref, Field.APPLICANT, *self._applicant(values), "申请人类型", problems)
        if values.get(Field.APPLICANT) == self.words.person_names and applicant.kind is Kind.UNCLEAR:
            problems[-1] = ("只写了申请人的姓名，是否按自然人计入需经办人确认", _shown(values.get(Field.NAME)))
        result, closed = self._with_status(self._result(values), values, done, problems)
        answered = (done is not None and done <= self.end) or closed
        if answered:
            row = self._answered_row(ref, result, values, done, problems)
        else:
            row = self.carried_out
            if done is None and result.kind not in (Kind.BLANK, Kind.PENDING):
                problems.append(("有处理结果但没有办结日期", _shown(values.get(Field.RESULT))))
        placed = self._finish(ref, values, problems, (Field.APPLICANT, applicant), (Field.RESULT, result if answered else None))
        if placed and applicant.target is not None and row is not None:   # no problems: both are labels
            first = self.new if received >= self.start else self.carried_in
            for r in (first, row):
                self._add(CellKey(self.t3.id, r, applicant.target), ref)
            return True
        return False

    def _applicant(self, values: dict) -> tuple[object, Match | None]:
        """The applicant's type as written and, with a column of the kind of organisation beside it
        (法人或其他组织 | 商业企业), the match of the two together."""
        raw = values.get(Field.APPLICANT)
        if Field.APPLICANT_KIND not in values:
            return raw, (self._kind_by_name(raw, values[Field.NAME]) if Field.NAME in values else None)
        kind = values.get(Field.APPLICANT_KIND)
        shown = f"{_shown(raw)} / {_shown(kind)}" if not _blank(kind) else raw
        return shown, self.matchers[Field.APPLICANT].match_pair(raw, kind)

    def _kind_by_name(self, raw: object, name: object) -> Match | None:
        """法人或其他组织 without its kind, beside the applicant's name: the kind its name ends with
        (某某律师事务所 → 法律服务机构), if it ends with one; else None (the type is read alone)."""
        found = self.matchers[Field.APPLICANT].match(raw)
        if found.kind is not Kind.GROUP or _blank(name):
            return None
        kind = ending_kind(norm(_shown(name)), self.endings)
        if kind is None:   # (said with the question: the name was looked at)
            return dataclasses.replace(found, note=f"名称“{_shown(name)}”看不出类别")
        return Match(Kind.FOUND, kind, found.group, found.key)

    def _result(self, values: dict) -> Match:
        """The result's row: from the result (and its 情形) — or, for a group without its row and no
        情形 column, from a 备注 that is nothing but words of one row of that group (不予处理 | 重复申请)."""
        if self._override is not None:   # (the results of the rows under one application number)
            return self._override
        matcher = self.matchers[Field.RESULT]
        if Field.REASON in values:
            return matcher.match_pair(values.get(Field.RESULT), values.get(Field.REASON))
        found = matcher.match(values.get(Field.RESULT))
        if found.kind is Kind.GROUP and not _blank(remark := values.get(Field.REMARK)):
            with_remark = matcher.match_pair(values.get(Field.RESULT), remark)
            if with_remark.kind is Kind.FOUND and with_remark.group == found.group:
                return with_remark
        return found

    def _with_status(self, result: Match, values: dict, done: _dt.date | None,
                     problems: list[tuple[str, str]]) -> tuple[Match, bool]:
        """The result, read from the status column (办理状态) when the result column is blank, and whether
        the row is closed without a date of answering: withdrawn by the applicant (申请人撤回), as a
        withdrawal in the result column would be.  A status of finished (已办结) with neither a date nor a
        result is the clerk's to complete, never guessed."""
        status = values.get(Field.STATUS)
        if result.kind is Kind.BLANK and not _blank(status):
            said = self.matchers[Field.RESULT].match(status)
            if said.kind is Kind.FOUND:
                result = said
            elif done is None and norm(status) in self._status_done:
                problems.append(("办理状态写着已办结，却没有办结日期和处理结果，请在台账中补写后重新读取", _shown(status)))
        said_by = status if result.kind is Kind.FOUND and _blank(values.get(Field.RESULT)) else values.get(Field.RESULT)
        return result, done is None and result.kind is Kind.FOUND and norm(said_by) in self._withdrawn

    def _answered_row(self, ref: RowRef, result: Match, values: dict, done: _dt.date | None,
                      problems: list[tuple[str, str]]) -> str | None:
        shown = _pair_shown(values)
        if result.kind is Kind.FOUND:
            return result.target
        if done is None:   # (closed without a date only when withdrawn: a result found)
            return None
        if result.kind is Kind.BLANK:
            problems.append((f"已办结（{format_date(done)}）但没有处理结果", ""))
        elif result.kind is Kind.PENDING:
            problems.append((f"有办结日期（{format_date(done)}），处理结果却是未办结", shown))
        elif result.kind is Kind.GROUP:
            self._unclear(ref, Field.RESULT, result.key, shown)
            problems.append((result.note or "处理结果没有写明具体情形（如不予公开的哪一种）", shown))
        elif result.kind is Kind.UNCLEAR:
            self._unclear(ref, Field.RESULT, result.key, shown)
            problems.append((result.note or self._uncoded(values.get(Field.RESULT), "处理结果")
                             or "处理结果无法归入官方类别", shown))
        return None

    def _need(self, ref: RowRef, f: Field, raw: object, match: Match | None, name: str,
              problems: list[tuple[str, str]]) -> Match:
        """The match of a value the row needs; a problem when it names no label."""
        match = match or self.matchers[f].match(raw)
        if match.kind is Kind.BLANK:
            problems.append((f"没有{name}", ""))
        elif match.kind in (Kind.UNCLEAR, Kind.GROUP, Kind.PENDING):
            self._unclear(ref, f, match.key, _shown(raw))
            problems.append((self._group_only(f, match) or self._uncoded(raw, name) or f"{name}无法归入官方类别", _shown(raw)))
        return match

    def _group_only(self, f: Field, match: Match) -> str:
        """Why an applicant written as a group (法人或其他组织) is not counted, and what to write."""
        if f is not Field.APPLICANT or match.kind is not Kind.GROUP or match.group is None:
            return ""
        *kinds, last = (leaf.target for leaf in self.matchers[f].choice.groups[match.group].leaves)
        return (f"只写了“{match.key}”，没写明是{'、'.join(kinds)}还是{last}" + (f"（{match.note}）" if match.note else "")
                + "，请在台账中写明")

    def _uncoded(self, raw: object, name: str) -> str:
        """Why a code the sheet's legend does not list is not counted, and what to do."""
        if not self._legends or code_key(raw) is None:
            return ""
        where = "、".join(f"“{legend.sheet.name}”" for legend in self._legends)
        return f"{name}代码“{_shown(raw)}”不在{where}表中，不知道代表什么；请在该表补上它的含义后重新读取，或在“需要归类的值”中归类"

    def _finish(self, ref: RowRef, values: dict, problems: list[tuple[str, str]],
                *matches: tuple[Field, Match | None]) -> bool:
        """True when the row is to be counted; else it is left out (or skipped by the clerk)."""
        if problems:
            why = "；".join(p for p, _ in problems)
            value = "；".join(v for _, v in problems if v)
            self._leave(ref, why, value)
            return False
        if any(m is not None and m.kind is Kind.SKIPPED for _, m in matches):
            self.result.skipped.setdefault("经办人选择不计入", []).append(ref)
            return False
        for f, m in matches:
            if m is not None and m.target is not None and self.assigned.get(f, {}).get(m.key) == m.target:
                self.result.assigned_used[(f, m.key)] = (_value_of(f, values), m.target)
        return True

    def _case(self, ref: RowRef, values: dict) -> bool:
        """Count a case row; True when it was placed in table 四."""
        dates = self._dates(ref, values, "收到（立案）日期", "审结日期")
        if dates is None:
            return False
        _received, done = dates
        problems: list[tuple[str, str]] = []
        kind = self._need(ref, Field.CASE_KIND, values.get(Field.CASE_KIND), None, "案件类型", problems)
        outcome_raw = values.get(Field.RESULT)
        outcome = self.matchers[Field.CASE_OUTCOME].match(outcome_raw)
        concluded = done is not None and done <= self.end
        column = self.words.case_pending
        if concluded:
            if outcome.kind is Kind.PENDING:
                problems.append((f"有审结日期（{format_date(done)}），结果却是未审结", _shown(outcome_raw)))
            else:
                outcome = self._need(ref, Field.CASE_OUTCOME, outcome_raw, outcome, "审理结果", problems)
                column = outcome.target or column
        elif done is None and outcome.kind not in (Kind.BLANK, Kind.PENDING):
            problems.append(("有审理结果但没有审结日期", _shown(outcome_raw)))
        placed = self._finish(ref, values, problems, (Field.CASE_KIND, kind),
                              (Field.CASE_OUTCOME, outcome if concluded else None))
        if placed and kind.target is not None:   # no problems: the kind is a label
            self._add(CellKey(self.t4.id, kind.target, column), ref)
            return True
        return False

    # -- bookkeeping ----------------------------------------------------------------------------

    def _add(self, key: CellKey, ref: RowRef) -> None:
        self.result.counted.setdefault(key, []).append(ref)

    def _leave(self, ref: RowRef, why: str, value: str) -> None:
        self.result.left_out.append(LeftOut(ref, why, value))
        return None

    def _unclear(self, ref: RowRef, f: Field, key: str, shown: str) -> None:
        entry = self.result.unclear.get((f, key))
        if entry is None:
            entry = self.result.unclear[(f, key)] = Unclear(f, key, shown, self.matchers[f].targets)
        entry.refs.append(ref)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_NOT_MARKED = {"0", "否", "无", "×", "x", "X", "—", "-", "/", "false", "False"}


def _marked(row: tuple, marks: dict[int, str]) -> str | None:
    """The applicant category marked in a row (✓, 1, 是 …) when the type is kept one column per
    category; several marked come out as "自然人、商业企业" (unclear), none as None."""
    chosen = [label for c, label in marks.items() if c < len(row) and not _blank(row[c])
              and row[c] is not False and row[c] != 0 and str(row[c]).strip() not in _NOT_MARKED]
    return "、".join(dict.fromkeys(chosen)) or None


def _merged_down(sheet: LedgerSheet, header: Header) -> dict[tuple[int, int], object]:
    """(row, column) → the value of a cell merged down over several rows under the header (one
    received date for the applications of one day): the merge says the value is each row's."""
    out: dict[tuple[int, int], object] = {}
    columns = set(header.columns.values())
    for top, left, bottom, right in sheet.merges:
        if top <= header.row or top == bottom or left not in columns or top >= len(sheet.rows):
            continue
        value = _cell(sheet.rows[top], left)
        if not _blank(value):
            for r in range(top + 1, min(bottom, len(sheet.rows) - 1) + 1):
                out[(r, left)] = value
    return out


def _filled_from(first: dict, later: list[dict]) -> dict:
    """The fields blank in an application's first row that its later rows under its number hold (a
    system listing 登记 then 答复 on rows of their own): the answer's date from the last row that has
    one (the application is answered when its last part is), any other field from the first."""
    out = {}
    for f, value in first.items():
        if _blank(value) and f is not Field.RESULT:
            said = [v for v in (row.get(f) for row in later) if not _blank(v)]
            if said:
                out[f] = said[-1] if f is Field.DONE else said[0]
    return out


def _one_application_each(rows: dict[int, dict]) -> list[list[int]]:
    """The rows under one number (row → its values) that can be one application, in groups of two or
    more: received the same day, from the same kind of applicant (as written; a later row may leave
    them blank, said on the first)."""
    groups: list[tuple[list[str], list[int]]] = []
    for i, values in rows.items():
        said = [str(values.get(f) or "").strip() for f in (Field.RECEIVED, Field.APPLICANT)]
        group = next((g for first, g in groups if all(s in ("", f) for s, f in zip(said, first))), None)
        if group is None:
            groups.append((said, [i]))
        else:
            group.append(i)
    return [group for _, group in groups if len(group) > 1]


def _only_text(row: tuple) -> str | None:
    """The text of a row that holds one text of some length and nothing else (a title, a note)."""
    filled = [v for v in row if not _blank(v)]
    if len(filled) == 1 and isinstance(filled[0], str) and len(filled[0].strip()) >= 6:
        return filled[0].strip()
    return None


def _cell(row: tuple, c: int) -> object:
    return row[c] if c < len(row) else None


# a received date written as the year it was carried from: 2023年结转, 2023年度结转的
_YEAR_CARRIED = re.compile(r"^(\d{4})年度?(结转|转结|遗留)(的|件|申请)?$")

# the period a sum is of, before its mark: 3月小计, 十二月份合计, 第一季度小计, 上半年合计, 2025年合计
_PERIOD = re.compile(r"^(\d{4}年度?|(\d{1,2}|[一二三四五六七八九十]{1,3})月份?|第?[一二三四1-4]季度|[上下]半年|全年|本年度?|本月|本季度?)")


def _is_total_row(row: tuple, words: LedgerWords) -> bool:
    """A row of sums (合计、总计：25件, 3月小计): a text cell that is a total mark, after the period it
    sums if any, alone or with a number."""
    for value in row:
        if not isinstance(value, str) or len(value) > 30 or not any(mark in value for mark in words.total_marks):
            continue
        n = norm(value)
        n = _after_section(n, words.section_marks)
        n = _PERIOD.sub("", n, count=1) or n
        for mark in words.total_marks:
            if n.startswith(mark) and (n == mark or n[len(mark):].rstrip("件条个项").isdigit()):
                return True
    return False


def _after_section(n: str, marks: tuple[str, ...]) -> str:
    """``n`` (``norm``) without the part of the ledger it begins with (上年结转小计: the sum of that part)."""
    for mark in sorted((norm(m) for m in marks), key=len, reverse=True):
        if len(n) > len(mark) and n.startswith(mark):
            return n[len(mark):]
    return n


def _section_heading(row: tuple, marks: frozenset[str]) -> str | None:
    """The text of a row that heads a part of the ledger: one short text alone, a period (1月,
    二月份, 第二季度, 上半年, 2024年) or a declared section (上年结转, 本年新收: ``norm``-ed ``marks``)."""
    text = None
    for value in row:
        if not _blank(value):
            if text is not None or not isinstance(value, str) or len(value) > 12:
                return None   # (two filled cells, or one that is no short text)
            text = value
    if text is None:
        return None
    n = norm(text)
    period = _PERIOD.match(n)
    return text.strip() if n in marks or (period is not None and period.end() == len(n)) else None


def _is_example_row(row: tuple, marks: frozenset[str]) -> bool:
    """A template's example row: its first filled cell is an example mark (``norm``-ed ``marks``: 例,
    示例：) alone or before a colon (``例：张三``)."""
    first = next((v for v in row if not _blank(v)), None)
    if not isinstance(first, str):
        return False
    head = re.split(r"[:：]", first.strip(), maxsplit=1)
    return norm(first) in marks or (len(head) == 2 and norm(head[0]) in marks)


_FOOTER = re.compile(r"^\s*([^:：]{1,8})\s*[:：]")


def _is_footer_row(row: tuple, words: LedgerWords) -> bool:
    """A row of signatures under the table: every filled cell a text ``制表人：…`` / ``审核人:`` whose
    word before the colon is a footer mark (declared data)."""
    filled = [v for v in row if not _blank(v)]
    if not filled:
        return False
    for value in filled:
        m = _FOOTER.match(value) if isinstance(value, str) else None
        if m is None or norm(m.group(1)) not in words.footer_marks:
            return False
    return True


def _shown(raw: object) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip()
    return text if len(text) <= 40 else text[:39] + "…"


def _pair_shown(values: dict) -> str:
    result, reason = _shown(values.get(Field.RESULT)), _shown(values.get(Field.REASON))
    return f"{result} / {reason}" if reason else result


def _value_of(f: Field, values: dict) -> str:
    """A field's value as the ledger wrote it (a case's outcome is in its result column)."""
    if f is Field.RESULT:
        return _pair_shown(values)
    if f is Field.APPLICANT and not _blank(values.get(Field.APPLICANT_KIND)):
        return f"{_shown(values.get(f))} / {_shown(values.get(Field.APPLICANT_KIND))}"
    return _shown(values.get(Field.RESULT if f is Field.CASE_OUTCOME else f))


def _row_summary(values: dict) -> str:
    return "，".join(_shown(v) for v in values.values() if not _blank(v))
