"""Edits: every change to a report is one of these, with ``apply`` and ``revert``.

The editor wraps each edit in one undo command; an import or a paste is a single edit.  An edit
of the report (``ReportEdit``) applies to a ``Report``; a document applies any edit to itself
(``apply_to``/``revert_on``: last year's report, ``SetPrevious``, belongs to the document), and
each edit says what it changed (``change``), so the views update just that.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import TYPE_CHECKING, Protocol

from .findings import Finding, Severity
from .forms import CellKey
from .recalc import recalculate
from .records import record
from .report import AcceptedWarning, Report
from .values import Value

if TYPE_CHECKING:
    from .document import Document


@record
class Change:
    """What an edit touched: ``cells`` (input keys), ``meta``/``section`` names, or ``everything``."""

    cells: tuple[CellKey, ...] = ()
    meta: str | None = None
    section: str | None = None
    everything: bool = False

    @property
    def empty(self) -> bool:
        return not (self.cells or self.meta or self.section or self.everything)


EVERYTHING = Change(everything=True)

# The fields text is typed into: a section's prose (SECTION, "一") or a 基本信息 field (META,
# "preamble"); text typed and not committed yet is journalled as a draft of one (``core.replay``).
SECTION, META = "section", "meta"


class Edit(Protocol):
    """What the editor's undo stack holds: a text for the undo menu, what it changes, and how a
    document applies and reverts it."""

    @property
    def text(self) -> str: ...

    @property
    def change(self) -> Change: ...

    def apply_to(self, document: Document) -> None: ...

    def revert_on(self, document: Document) -> None: ...


class ReportEdit:
    """An edit of the report itself (``apply``/``revert`` on a ``Report``); it changes everything
    unless it says less."""

    @property
    def change(self) -> Change:
        return EVERYTHING

    def apply(self, report: Report) -> None:
        raise NotImplementedError

    def revert(self, report: Report) -> None:
        raise NotImplementedError

    def apply_to(self, document: Document) -> None:
        self.apply(document.report)

    def revert_on(self, document: Document) -> None:
        self.revert(document.report)


@record
class SetCells(ReportEdit):
    """Set one or more input cells; ``changes`` holds (key, old, new).

    A total printed by an imported file is kept while it disagrees with the recomputed one, so
    the "printed total disagrees" error stays until the figures are put right: an edit drops a
    printed total that depends on the edited cells only when it agrees with the recomputed
    total after the edit (the mismatch is resolved), or agreed before it (then it never told
    anything and would only turn the clerk's deliberate change into a false error).  Dropped
    totals are kept in ``printed_dropped`` and restored on revert."""

    changes: tuple[tuple[CellKey, Value, Value], ...]
    text: str
    printed_dropped: tuple[tuple[CellKey, Value], ...] = ()

    def apply(self, report: Report) -> None:
        for key, _old, new in self.changes:
            report.set(key, new)
        for key, _value in self.printed_dropped:
            report.printed.pop(key, None)

    def revert(self, report: Report) -> None:
        for key, old, _new in reversed(self.changes):
            report.set(key, old)
        for key, value in self.printed_dropped:
            report.printed[key] = value

    @property
    def keys(self) -> tuple[CellKey, ...]:
        return tuple(k for k, _, _ in self.changes)

    @property
    def change(self) -> Change:
        return Change(cells=self.keys)   # empty when no cell changes: nothing to undo


def set_cells(report: Report, new_values: Mapping[CellKey, Value], text: str) -> SetCells:
    """An edit setting ``new_values`` (only the cells that actually change)."""
    changes = tuple((k, report.get(k), v) for k, v in new_values.items() if report.get(k) != v
                    or (report.get(k) is None) != (v is None))
    return SetCells(changes, text, _printed_settled_by(report, changes))


def _printed_settled_by(report: Report, changes: tuple[tuple[CellKey, Value, Value], ...]
                        ) -> tuple[tuple[CellKey, Value], ...]:
    """The printed totals depending (directly or through other totals) on the changed cells that
    agree with the recomputed total after the change, or agreed before it."""
    if not report.printed or not changes:
        return ()
    edited = {k for k, _, _ in changes}
    affected = set(edited)
    for total in report.form.totals:  # declared in dependency order
        if any(k in affected for k in total.addends):
            affected.add(total.target)
    candidates = [(k, v) for k, v in report.printed.items() if k in affected and k not in edited]
    if not candidates:
        return ()
    before = recalculate(report.form, report.values)
    after_values = dict(report.values)
    for key, _old, new in changes:
        if new is None:
            after_values.pop(key, None)
        else:
            after_values[key] = new
    after = recalculate(report.form, after_values)
    return tuple((k, v) for k, v in candidates
                 if (v or 0) == (after.get(k) or 0) or (v or 0) == (before.get(k) or 0))


@record
class DismissPrinted(ReportEdit):
    """Set printed totals aside: the clerk has checked the figures a total adds up and the file's
    printed total was the mistake.  (Exports always write the recomputed totals; this only ends
    the "printed total disagrees" error.)  Revert puts them back."""

    dropped: tuple[tuple[CellKey, Value], ...]
    text: str = "采用重新计算的合计"

    def apply(self, report: Report) -> None:
        for key, _value in self.dropped:
            report.printed.pop(key, None)

    def revert(self, report: Report) -> None:
        for key, value in self.dropped:
            report.printed[key] = value


def is_printed_total_finding(report: Report, finding: Finding) -> bool:
    """``finding`` says a total printed by the source file disagrees with the recomputed one."""
    return (finding.severity is Severity.ERROR and bool(finding.cells) and finding.cells[0] in report.printed
            and any(t.rule == finding.rule and t.target == finding.cells[0] for t in report.form.totals))


def dismiss_printed(report: Report, finding: Finding | None = None) -> DismissPrinted:
    """The edit setting aside the printed total ``finding`` is about (every printed total that
    disagrees with the recomputed one when ``finding`` is None)."""
    if finding is not None:
        if not is_printed_total_finding(report, finding):
            raise ValueError("这一条不是“文件所列合计与重新计算不一致”的问题，不能这样处理。")
        key = finding.cells[0]
        return DismissPrinted(((key, report.printed[key]),), f"采用重新计算的合计：{key.name()}")
    computed = recalculate(report.form, report.values)
    dropped = tuple((k, v) for k, v in report.printed.items() if (v or 0) != (computed.get(k) or 0))
    if not dropped:
        raise ValueError("没有与重新计算不一致的文件所列合计。")
    return DismissPrinted(dropped, f"采用重新计算的合计（{len(dropped)}处）")


@record
class SetMeta(ReportEdit):
    """One 基本信息 field changed from ``old`` to ``new``."""

    field: str
    old: object
    new: object
    text: str = "修改基本信息"

    @property
    def change(self) -> Change:
        return Change(meta=self.field)

    def apply(self, report: Report) -> None:
        setattr(report.meta, self.field, self.new)

    def revert(self, report: Report) -> None:
        setattr(report.meta, self.field, self.old)


@record
class SetSection(ReportEdit):
    """The text of one section (``key`` 一 … 六) changed from ``old`` to ``new``."""

    key: str
    old: str
    new: str
    text: str = "修改正文"

    @property
    def change(self) -> Change:
        return Change(section=self.key)

    def apply(self, report: Report) -> None:
        report.sections[self.key] = self.new

    def revert(self, report: Report) -> None:
        report.sections[self.key] = self.old


@record
class ReplaceReport(ReportEdit):
    """Replace the whole content of the open report (an import, a carry-over, a version change)."""

    old: Report
    new: Report
    text: str = "导入"

    def apply(self, report: Report) -> None:
        _assign(report, self.new)

    def revert(self, report: Report) -> None:
        _assign(report, self.old)


def replace_report(report: Report, new: Report, text: str) -> ReplaceReport:
    return ReplaceReport(report.copy(), new.copy(), text)


def _assign(target: Report, source: Report) -> None:
    copy = source.copy()
    for f in fields(Report):
        setattr(target, f.name, getattr(copy, f.name))


@record
class AcceptWarning(ReportEdit):
    """Accept a warning with the clerk's reason (it stays listed, no longer counted as open)."""

    entry: AcceptedWarning
    text: str = "确认警告"

    def apply(self, report: Report) -> None:
        report.accepted.append(self.entry)

    def revert(self, report: Report) -> None:
        for i in range(len(report.accepted) - 1, -1, -1):
            if report.accepted[i] == self.entry:
                del report.accepted[i]
                return


@record
class UnacceptWarning(ReportEdit):
    """Withdraw an accepted warning (it counts as open again)."""

    entry: AcceptedWarning
    index: int
    text: str = "取消确认警告"

    def apply(self, report: Report) -> None:
        if self.index < len(report.accepted) and report.accepted[self.index] == self.entry:
            del report.accepted[self.index]
        elif self.entry in report.accepted:
            report.accepted.remove(self.entry)

    def revert(self, report: Report) -> None:
        report.accepted.insert(min(self.index, len(report.accepted)), self.entry)


def accept_warning(finding: Finding, reason: str) -> AcceptWarning:
    """The edit accepting ``finding`` (a warning) with ``reason`` (required, shown in the check report)."""
    reason = reason.strip()
    if finding.severity is not Severity.WARNING:
        raise ValueError("只有警告可以确认；错误必须更正。")
    if not reason:
        raise ValueError("请写明确认的理由（例如：已核实，系规范性文件集中清理所致）。")
    entry = AcceptedWarning(finding.rule, tuple(finding.cells), reason,
                            section=None if finding.cells else finding.section,
                            anchor="" if finding.cells else finding.anchor)
    return AcceptWarning(entry, f"确认警告：{reason[:20]}")


def unaccept_warning(report: Report, finding: Finding) -> UnacceptWarning:
    """The edit withdrawing the acceptance that matches ``finding``."""
    from .checks import accept_key
    key = accept_key(finding.rule, finding.cells, finding.section, finding.anchor)
    for i, a in enumerate(report.accepted):
        if accept_key(a.rule, tuple(a.cells), a.section, a.anchor) == key:
            return UnacceptWarning(a, i)
    raise ValueError("这条警告尚未确认。")


@record
class SetPrevious:
    """Set or replace last year's report (the cross-year checks compare with it): an edit of the
    document, not of the report."""

    old: Report | None
    new: Report | None
    text: str = "载入上年报告"

    @property
    def change(self) -> Change:
        return EVERYTHING   # every cross-year finding may change

    def apply_to(self, document: Document) -> None:
        document.previous = self.new

    def revert_on(self, document: Document) -> None:
        document.previous = self.old


def set_previous(document: Document, previous: Report | None, text: str) -> SetPrevious:
    """The edit making ``previous`` the document's last-year report."""
    return SetPrevious(document.previous, previous, text)
