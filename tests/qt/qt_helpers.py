"""Helpers for the editor tests (imported by conftest and the test modules)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from govreport_gui.core.forms import CellKey, get_form
from govreport_gui.core.report import Report

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample-2024.govreport"

class FakeDialogs:
    """Records every dialog; answers questions from per-kind queues (defaults when empty)."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []   # (kind, text, details)
        self.answers: dict[str, list] = {"ask_yes_no": [], "ask_save_changes": [], "open_file": [],
                                          "save_file": [], "open_files": [], "choose_folder": [],
                                          "new_report": [], "confirm_import": [],
                                          "accept_reason": [], "consolidate": []}
        self.filters: list[tuple[str, str]] = []      # (title, file types) of every file chooser
        self.previews: list = []
        self.asked: list[tuple[str, str]] = []

    def _answer(self, kind: str, default):
        queue = self.answers[kind]
        return queue.pop(0) if queue else default

    def info(self, parent, text, details=""):
        self.shown.append(("info", text, details))

    def warning(self, parent, text, details=""):
        self.shown.append(("warning", text, details))

    def error(self, parent, text, details=""):
        self.shown.append(("error", text, details))

    def notes(self, parent, title, intro, items):
        self.shown.append(("notes", intro, "\n".join(items)))

    def ask_yes_no(self, parent, text, yes="是", no="否"):
        self.asked.append(("ask_yes_no", text))
        return self._answer("ask_yes_no", True)

    def ask_save_changes(self, parent, text):
        self.asked.append(("ask_save_changes", text))
        return self._answer("ask_save_changes", "discard")

    def open_file(self, parent, title, filters, folder=""):
        self.asked.append(("open_file", title))
        self.filters.append((title, filters))
        return self._answer("open_file", None)

    def save_file(self, parent, title, filters, suggested=""):
        self.asked.append(("save_file", title))
        self.filters.append((title, filters))
        return self._answer("save_file", None)

    def open_files(self, parent, title, filters, folder=""):
        self.asked.append(("open_files", title))
        self.filters.append((title, filters))
        return self._answer("open_files", [])

    def choose_folder(self, parent, title, folder=""):
        self.asked.append(("choose_folder", title))
        return self._answer("choose_folder", None)

    def busy(self, parent, text, work):
        """The real modal dialog: it blocks nothing (the work ends it) and tests drive its 取消."""
        from govreport_gui.qt.dialogs import QtDialogs
        self.asked.append(("busy", text))
        return QtDialogs().busy(parent, text, work)

    def new_report(self, parent, default_year, agency=""):
        self.asked.append(("new_report", str(default_year)))
        return self._answer("new_report", None)

    def confirm_import(self, parent, result, path):
        self.asked.append(("confirm_import", str(path)))
        self.previews.append(result)
        return self._answer("confirm_import", True)

    def accept_reason(self, parent, finding):
        self.asked.append(("accept_reason", finding.message))
        return self._answer("accept_reason", None)

    def consolidate(self, parent, agency=""):
        self.asked.append(("consolidate", agency))
        return self._answer("consolidate", None)

    def kinds(self) -> list[str]:
        return [k for k, _, _ in self.shown]

    def texts(self, kind: str) -> list[str]:
        return [t + "\n" + d for k, t, d in self.shown if k == kind]


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
