"""An open report with its derived state (totals, findings) and change notifications.

The editor's Qt models adapt a ``Document``: they subscribe with ``listen`` and translate the
events into Qt signals; they never own data.  Every change goes through ``apply``/``revert``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .checks import check_report
from .edits import Edit, SetCells, SetMeta, SetSection
from .findings import Finding
from .forms import CellKey
from .recalc import recalculate
from .report import Report
from .values import Value


@dataclass(frozen=True)
class Change:
    """What an edit touched: ``cells`` (input keys), ``meta``/``section`` names, or ``everything``."""

    cells: tuple[CellKey, ...] = ()
    meta: str | None = None
    section: str | None = None
    everything: bool = False


class Document:
    def __init__(self, report: Report, previous: Report | None = None) -> None:
        self.report = report
        self.previous = previous
        self.computed: dict[CellKey, Value] = {}
        self._findings: list[Finding] | None = None
        self._listeners: list[Callable[[Change], None]] = []
        self.refresh()

    def listen(self, callback: Callable[[Change], None]) -> None:
        self._listeners.append(callback)

    def value(self, key: CellKey) -> Value:
        return self.computed[key] if key in self.computed else self.report.values.get(key)

    @property
    def findings(self) -> list[Finding]:
        """Every finding on the report as it is now.  Checked when first asked for after a change
        (recalculation is cheap, the checks less so: the window shows its first page before the
        first check)."""
        if self._findings is None:
            self._findings = check_report(self.report, self.previous, self.computed)
        return self._findings

    @property
    def checked(self) -> bool:
        """Whether the findings of the current state have been computed already."""
        return self._findings is not None

    def refresh(self) -> None:
        self.computed = recalculate(self.report.form, self.report.values)
        self._findings = None

    def apply(self, edit: Edit) -> None:
        edit.apply(self.report)
        self._changed(edit)

    def revert(self, edit: Edit) -> None:
        edit.revert(self.report)
        self._changed(edit)

    def set_previous(self, previous: Report | None) -> None:
        self.previous = previous
        self._changed(None)

    def _changed(self, edit: Edit | None) -> None:
        self.refresh()
        if isinstance(edit, SetCells):
            change = Change(cells=edit.keys)
        elif isinstance(edit, SetMeta):
            change = Change(meta=edit.field)
        elif isinstance(edit, SetSection):
            change = Change(section=edit.key)
        else:
            change = Change(everything=True)
        for callback in list(self._listeners):
            callback(change)
