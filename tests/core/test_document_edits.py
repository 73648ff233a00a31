"""Edits applied to a document: each says what it changed, so the views refresh just that; last
year's report is set by an edit too (one undo step, Qt-free)."""

from __future__ import annotations

from report_builders import balanced

from govreport_gui.core.document import Change, Document
from govreport_gui.core.edits import (
    SetMeta,
    SetPrevious,
    SetSection,
    accept_warning,
    replace_report,
    set_cells,
    set_previous,
)
from govreport_gui.core.findings import Severity
from govreport_gui.core.forms import Layout
from govreport_gui.core.rules import PREVIOUS_YEAR


def _recording(document: Document) -> list[Change]:
    seen: list[Change] = []
    document.listen(seen.append)
    return seen


def test_each_edit_says_what_it_changed():
    report = balanced("2021", year=2024)
    document = Document(report)
    seen = _recording(document)
    key = report.form.table_laid_out(Layout.ROWS).cells[0].key
    edits = [set_cells(report, {key: (report.get(key) or 0) + 1}, "改"), SetMeta("phone", report.meta.phone, "1", "改电话"),
             SetSection("一", "", "正文", "改正文"), replace_report(report, balanced("2021", year=2024), "导入")]
    for edit in edits:
        document.apply(edit)
    assert seen == [Change(cells=(key,)), Change(meta="phone"), Change(section="一"), Change(everything=True)]
    document.revert(edits[0])
    assert seen[-1] == Change(cells=(key,))
    assert set_cells(report, {}, "无").change.empty and not edits[1].change.empty


def test_last_years_report_is_an_edit_of_the_document():
    report, older = balanced("2021", year=2024), balanced("2021", year=2021)
    document = Document(report)
    seen = _recording(document)
    edit = set_previous(document, older, "载入上年报告")
    assert isinstance(edit, SetPrevious) and edit.old is None
    document.apply(edit)
    assert document.previous is older and seen == [Change(everything=True)]
    assert any(f.rule == PREVIOUS_YEAR.id for f in document.findings)   # 2021 is not the year before 2024
    document.revert(edit)
    assert document.previous is None
    assert not any(f.rule == PREVIOUS_YEAR.id for f in document.findings)


def test_an_accepted_warning_is_an_edit_of_the_report_the_document_applies():
    report = balanced("2021", year=2024)
    document = Document(report, balanced("2021", year=2021))
    warning = next(f for f in document.findings if f.rule == PREVIOUS_YEAR.id)
    edit = accept_warning(warning, "上年报告缺失，用前年报告核对")
    document.apply(edit)
    accepted = next(f for f in document.findings if f.rule == PREVIOUS_YEAR.id)
    assert accepted.severity is Severity.WARNING and not accepted.is_open
    document.revert(edit)
    assert next(f for f in document.findings if f.rule == PREVIOUS_YEAR.id).is_open
