"""Edits: every change to a report is one of these, with ``apply`` and ``revert``.

The editor wraps each edit in one undo command; an import or a paste is a single edit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from .forms import CellKey
from .report import Report
from .values import Value


@dataclass(frozen=True)
class SetCells:
    """Set one or more input cells; ``changes`` holds (key, old, new)."""

    changes: tuple[tuple[CellKey, Value, Value], ...]
    text: str

    def apply(self, report: Report) -> None:
        for key, _old, new in self.changes:
            report.set(key, new)

    def revert(self, report: Report) -> None:
        for key, old, _new in reversed(self.changes):
            report.set(key, old)

    @property
    def keys(self) -> tuple[CellKey, ...]:
        return tuple(k for k, _, _ in self.changes)


def set_cells(report: Report, new_values: Mapping[CellKey, Value], text: str) -> SetCells:
    """An edit setting ``new_values`` (only the cells that actually change)."""
    changes = tuple((k, report.get(k), v) for k, v in new_values.items() if report.get(k) != v
                    or (report.get(k) is None) != (v is None))
    return SetCells(changes, text)


@dataclass(frozen=True)
class SetMeta:
    field: str
    old: object
    new: object
    text: str = "修改基本信息"

    def apply(self, report: Report) -> None:
        setattr(report.meta, self.field, self.new)

    def revert(self, report: Report) -> None:
        setattr(report.meta, self.field, self.old)


@dataclass(frozen=True)
class SetSection:
    key: str
    old: str
    new: str
    text: str = "修改正文"

    def apply(self, report: Report) -> None:
        report.sections[self.key] = self.new

    def revert(self, report: Report) -> None:
        report.sections[self.key] = self.old


@dataclass(frozen=True)
class ReplaceReport:
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


Edit = SetCells | SetMeta | SetSection | ReplaceReport
