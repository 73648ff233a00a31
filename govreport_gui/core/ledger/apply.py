"""Filling the open report from a ledger count: one edit (one undo step) that sets every input cell
of the tables counted — 0 included: a ledger without applications gives a table of zeros — and the
record of which rows each cell counts."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from ..edits import ReportEdit, SetCells, set_cells
from .record import LedgerRecord, record_of


@dataclass(frozen=True)
class FillFromLedger(ReportEdit):
    """The counted cells (``SetCells``) and the ledger record, replaced together (changes everything:
    the cells, their tooltips and findings)."""

    cells: SetCells
    old: LedgerRecord | None
    new: LedgerRecord
    text: str

    def apply(self, report) -> None:
        self.cells.apply(report)
        report.ledger = copy.deepcopy(self.new)

    def revert(self, report) -> None:
        self.cells.revert(report)
        report.ledger = copy.deepcopy(self.old)


def fill_from_ledger(report, count) -> FillFromLedger:
    """The edit putting ``count`` (a ``LedgerCount`` for the report's format and year) into ``report``."""
    if count.form.version != report.form_version:
        raise ValueError(f"台账按{count.form.version}版格式计数，报告使用{report.form_version}版格式。")
    values = count.values()
    tables = "、".join(f"表{t}" for t in count.tables)
    text = f"从登记台账填写{tables}"
    return FillFromLedger(set_cells(report, values, text), report.ledger, record_of(count, report.ledger), text)
