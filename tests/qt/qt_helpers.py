"""Helpers for the editor tests (imported by conftest and the test modules)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from fake_dialogs import FakeDialogs  # noqa: F401  (the editor tests' fake, imported from here)

from govreport_gui.core.forms import CellKey, get_form
from govreport_gui.core.report import Report

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample-2024.govreport"

def blank(version: str, year: int | None = None) -> Report:
    return Report.new(version, year or (2024 if version == "2021" else 2020), "某某县人民政府办公室")


def filled(version: str) -> Report:
    """Every input cell filled with a small distinct value (money as Decimal)."""
    report = blank(version)
    form = get_form(version)
    for i, spec in enumerate(c for c in form.all_cells() if not c.computed):
        value = (i % 7) + 1
        report.set(spec.key, Decimal(value) / 4 if spec.kind.value == "money" else value)
    return report


def key3(form_version: str, row_startswith: str, col: str) -> CellKey:
    table = get_form(form_version).tables["三"]
    row = next(r for r in table.rows if r.startswith(row_startswith))
    return CellKey("三", row, col)


def type_into(qtbot, view, key: CellKey, text: str, finish=None) -> None:
    """Type ``text`` into the cell of ``key`` like a clerk: select it, type (replacing), press Enter."""
    from PySide6.QtCore import Qt
    model = view.model()
    index = model.index_of(key)
    assert index.isValid(), key
    from PySide6.QtCore import QItemSelectionModel
    view.setCurrentIndex(index)
    view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.setFocus()
    if text[0].isascii():
        qtbot.keyClick(view, text[0])   # typing opens the editor, replacing the content
        rest = text[1:]
    else:                               # QTest types ASCII only: open with F2, then "type" via the IME path
        qtbot.keyClick(view, Qt.Key.Key_F2)
        rest = text
    editor = view.indexWidget(index)
    assert editor is not None, "typing did not open the cell editor"
    if rest.isascii():
        qtbot.keyClicks(editor, rest)
    else:
        editor.selectAll() if not text[0].isascii() else None
        editor.insert(rest)
    qtbot.keyClick(editor, finish if finish is not None else Qt.Key.Key_Return)


def findings_with(window, rule: str):
    return [f for f in window.session.document.findings if f.rule == rule]
