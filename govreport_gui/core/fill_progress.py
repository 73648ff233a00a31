"""What the clerk is still filling in: the identities not to judge yet, and the cell changed last.

A clerk types 表三 row by row.  After 一、本年新收 and two result rows, the “一 + 二 = （七）总计 + 四”
identity of a column does not balance — not because a figure is wrong, but because the other
result rows are not typed yet.  Calling that an error (“相差1453”) while the clerk is typing is
noise; so an identity is *in progress* from the moment the clerk fills a blank cell it adds up
while others of its cells are still blank, until

* every input cell it adds up is filled (then it is judged at once), or
* the clerk leaves its table (another tab, the findings panel, another field: ``leave``).

An identity the clerk has not started filling (a report opened or imported, a correction of a
figure already there) is judged at once.  Once judged, an imbalance is marked on the cell changed
most recently among the cells it adds up (``latest``): the figure the clerk just typed, not the
totals it feeds.

This only shapes what the editor shows while drafting: ``core.checks.check_report`` without a
progress (the command line, the pre-export check after ``leave_all``) judges every identity.
Qt-free; the editor's ``Document`` keeps one and feeds it every change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .edits import Change
from .forms import CellKey, FormSpec
from .forms.spec import Balance
from .recalc import inputs_of
from .report import Report
from .values import Value


class FillProgress:
    """The balances the clerk is filling in now, and the order in which cells were last changed."""

    def __init__(self, report: Report) -> None:
        self._form: FormSpec | None = None
        self.reset(report)

    def reset(self, report: Report) -> None:
        """A report opened, imported or replaced: nothing in progress, no cell changed yet."""
        form = report.form
        if form is not self._form:
            self._form = form
            self._cells = {b: inputs_of(form, [k for _, k in (*b.lhs, *b.rhs)]) for b in form.balances}
            self._by_cell: dict[CellKey, list[Balance]] = {}
            for balance, cells in self._cells.items():
                for key in cells:
                    self._by_cell.setdefault(key, []).append(balance)
        self._seen: dict[CellKey, Value] = dict(report.values)
        self._filling: set[Balance] = set()
        self._order: dict[CellKey, int] = {}
        self._tick = 0

    def note(self, report: Report, change: Change) -> None:
        """The document changed by ``change`` (an edit, its undo or redo)."""
        if change.everything or report.form is not self._form:
            self.reset(report)
            return
        started: set[Balance] = set()
        for key in change.cells:
            old, new = self._seen.get(key), report.values.get(key)
            self._seen[key] = new
            self._tick += 1
            self._order[key] = self._tick
            if old is None and new is not None:   # a blank cell filled: the clerk is typing it in
                started.update(self._by_cell.get(key, ()))
        for balance in self._filling | started:
            if self.blanks(balance, report.values):
                self._filling.add(balance)
            else:
                self._filling.discard(balance)   # every cell filled: judged now

    def leave(self, table_id: str | None = None) -> tuple[CellKey, ...]:
        """The clerk left table ``table_id`` (every table when None): its identities are judged.
        Returns the cells of the identities that were in progress (empty: nothing changes)."""
        done = {b for b in self._filling if table_id is None or b.table == table_id}
        self._filling -= done
        return tuple(dict.fromkeys(k for b in done for _, k in (*b.lhs, *b.rhs)))

    def filling(self, balance: Balance) -> bool:
        """Whether ``balance`` is in progress (shown as 待填写, not judged yet)."""
        return balance in self._filling

    def blanks(self, balance: Balance, values: Mapping[CellKey, Value]) -> int:
        """How many input cells ``balance`` adds up are still blank."""
        return sum(1 for k in self._cells.get(balance, ()) if values.get(k) is None)

    def latest(self, balance: Balance) -> CellKey | None:
        """The cell changed most recently among those ``balance`` adds up (None: none changed)."""
        return _latest(self._cells.get(balance, ()), self._order)


def _latest(keys: Iterable[CellKey], order: Mapping[CellKey, int]) -> CellKey | None:
    changed = [k for k in keys if k in order]
    return max(changed, key=order.__getitem__) if changed else None
