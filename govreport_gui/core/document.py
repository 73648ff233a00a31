"""An open report with its derived state (totals, findings) and change notifications.

The editor's Qt models adapt a ``Document``: they subscribe with ``listen`` and translate the
events into Qt signals; they never own data.  Every change goes through ``apply``/``revert``.
"""

from __future__ import annotations

from collections.abc import Callable

from .edits import Change, Edit
from .fill_progress import FillProgress
from .findings import Finding
from .forms import CellKey
from .recalc import recalculate
from .report import Report
from .values import Value

__all__ = ["Change", "Document"]   # Change: what an edit touched (``core.edits``)


class Document:
    def __init__(self, report: Report, previous: Report | None = None) -> None:
        self.report = report
        self.previous = previous
        self.computed: dict[CellKey, Value] = {}
        self._findings: list[Finding] | None = None
        self._listeners: list[Callable[[Change], None]] = []
        # what the clerk is filling in now: not judged yet (core.fill_progress)
        self.progress = FillProgress(report)
        self._recorders: list[Callable[[Edit, bool], None]] = []
        self.refresh()

    def listen(self, callback: Callable[[Change], None]) -> None:
        self._listeners.append(callback)

    def record_with(self, recorder: Callable[[Edit, bool], None]) -> None:
        """``recorder(edit, reverted)`` is called after each edit is applied (``reverted`` False) or
        reverted (True), before the listeners hear of the change: the journal of unsaved edits
        writes it down before anything is repainted."""
        self._recorders.append(recorder)

    def value(self, key: CellKey) -> Value:
        return self.computed[key] if key in self.computed else self.report.values.get(key)

    @property
    def findings(self) -> list[Finding]:
        """Every finding on the report as it is now, as the editor shows it while drafting: an
        identity the clerk is still filling in is a to-do (``progress``; ``leave_table`` judges
        it).  Checked when first asked for after a change (recalculation is cheap, the checks less
        so: the window shows its first page before the first check)."""
        if self._findings is None:
            from .checks import check_report  # the checks' rules load with the first check (start-up time)
            self._findings = check_report(self.report, self.previous, self.computed, self.progress)
        return self._findings

    def leave_table(self, table_id: str | None = None) -> bool:
        """The clerk left table ``table_id`` (every table when None): the identities in progress
        there are judged now.  Listeners hear of it (the cells whose findings changed) as of a
        change; the report itself is untouched.  False when nothing was in progress."""
        cells = self.progress.leave(table_id)
        if not cells:
            return False
        self._findings = None
        self._tell(Change(cells=cells))
        return True

    @property
    def checked(self) -> bool:
        """Whether the findings of the current state have been computed already."""
        return self._findings is not None

    def refresh(self) -> None:
        self.computed = recalculate(self.report.form, self.report.values)
        self._findings = None

    def apply(self, edit: Edit) -> None:
        edit.apply_to(self)
        self._recorded(edit, False)
        self._changed(edit.change)

    def revert(self, edit: Edit) -> None:
        edit.revert_on(self)
        self._recorded(edit, True)
        self._changed(edit.change)

    def _recorded(self, edit: Edit, reverted: bool) -> None:
        for recorder in list(self._recorders):
            recorder(edit, reverted)

    def _changed(self, change: Change) -> None:
        self.progress.note(self.report, change)
        self.refresh()
        self._tell(change)

    def _tell(self, change: Change) -> None:
        for callback in list(self._listeners):
            callback(change)
