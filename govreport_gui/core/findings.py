"""Findings: what the checks say about a report, as data (shown as cell tints, a panel, JSON)."""

from __future__ import annotations

from dataclasses import replace
from enum import Enum

from .forms import CellKey
from .records import record


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@record
class Finding:
    """One problem found by a check: its rule, the cells involved and what the clerk reads."""

    severity: Severity
    rule: str                          # stable identifier, e.g. "三.balance"
    cells: tuple[CellKey, ...]         # the cells involved (may be empty)
    message: str                       # what the clerk reads, with equation, sides, difference
    section: str | None = None         # a prose section the finding points at ("一" … "六")
    accepted_reason: str | None = None  # set when the clerk accepted this warning
    # For findings without cells (prose checks): what the warning is about (the sentence, the
    # topic), so an accepted warning can be matched again after unrelated edits.
    anchor: str = ""
    # The 基本信息 field (a ``Metadata`` attribute, e.g. "year", "phone") the finding is about:
    # the editor shows it on the 基本信息 tab and the check report names the field.
    meta: str | None = None
    # 待填写: the finding follows only from what is not written yet — an outline placeholder, a
    # topic with its sub-heading and nothing under it, a balance or a cross-year figure whose own
    # cells are still blank.  While drafting the editor lists it as a to-do, not as an error or a
    # warning; a finished report (export, ``govreport check``) still counts it by its severity.
    todo: bool = False
    # The words of the prose the finding is about, exactly as written in its section (a sentence,
    # a placeholder line): the editor selects them to show the finding's place.
    quote: str = ""
    # The one cell the editor marks (tint, tooltip) when not every cell of ``cells`` should be: an
    # imbalance is marked on the cell the clerk changed last among those it adds up (it comes first
    # in ``cells``, the others it involves after it).  None: every cell of ``cells`` is marked.
    mark: CellKey | None = None

    @property
    def marked(self) -> tuple[CellKey, ...]:
        """The cells the editor tints and explains this finding on."""
        return (self.mark,) if self.mark is not None else self.cells

    @property
    def is_open(self) -> bool:
        return self.accepted_reason is None

    def belongs_to(self, section: str | None, table_id: str | None = None) -> bool:
        """Whether the finding is shown on the editor's page of ``section`` (the prose section,
        with ``table_id`` its table), or with ``section`` None on the 基本信息 page."""
        if section is None:
            return self.meta is not None
        return self.section == section or bool(table_id and any(k.table == table_id for k in self.cells))

    def accept(self, reason: str) -> "Finding":
        return replace(self, accepted_reason=reason)

    def to_json(self) -> dict:
        out: dict = {
            "severity": self.severity.value,
            "rule": self.rule,
            "cells": [{"table": c.table, "row": c.row, "col": c.col} for c in self.cells],
            "message": self.message,
        }
        if self.section is not None:
            out["section"] = self.section
        if self.meta is not None:
            out["meta"] = self.meta
        if self.accepted_reason is not None:
            out["accepted"] = self.accepted_reason
        if self.todo:
            out["todo"] = True
        return out


def count(findings: list[Finding], severity: Severity, open_only: bool = True, *, todo: bool | None = None) -> int:
    """Findings of ``severity``; ``todo=False`` leaves the to-dos out (the editor's counts while
    drafting), ``todo=True`` counts only them, ``None`` counts both (a finished report)."""
    return sum(1 for f in findings if f.severity is severity and (f.is_open or not open_only)
               and (todo is None or f.todo == todo))


def count_todo(findings: list[Finding]) -> int:
    """The to-dos (待填写) among ``findings``, whatever their severity."""
    return sum(1 for f in findings if f.todo and f.is_open)


@record
class Tally:
    """The counts the editor shows while a report is drafted: open errors and warnings, the
    to-dos (待填写) apart; the status bar, the tab badges and the 汇总 unit list all use them."""

    errors: int
    warnings: int
    todo: int


def tally(findings: list[Finding]) -> Tally:
    return Tally(count(findings, Severity.ERROR, todo=False), count(findings, Severity.WARNING, todo=False),
                 count_todo(findings))


def findings_json(findings: list[Finding]) -> dict:
    return {
        "errors": count(findings, Severity.ERROR),
        "warnings": count(findings, Severity.WARNING),
        "findings": [f.to_json() for f in findings],
    }


def format_text(findings: list[Finding]) -> str:
    lines = []
    for f in findings:
        mark = f"【{f.severity.label}】"
        line = f"{mark}{f.message}"
        if f.accepted_reason is not None:
            line += f"（已确认：{f.accepted_reason}）"
        lines.append(line)
    lines.append(f"共 {count(findings, Severity.ERROR)} 个错误，{count(findings, Severity.WARNING)} 个警告，"
                 f"{count(findings, Severity.INFO)} 条提示。")
    return "\n".join(lines)
