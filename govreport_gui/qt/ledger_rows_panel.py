"""Beside a table counted from the ledger (三/四): which ledger rows the current cell counts.

The tooltip says it too, but a tooltip hides as soon as the mouse moves and cannot be copied; the
clerk checking a figure against the ledger needs the rows in view while the ledger is open beside
the editor.  The panel sits under the table and follows the grid's current cell: hidden for a cell
not counted from a ledger (and for every cell when the report has no ledger record), else the cell,
its count — and whether the figure was changed by hand since — and the rows, one line per sheet
(``core.ledger.record.LedgerRecord.drill_down``), selectable for copying.

What the panel shows (the title, the rows' text field, its frame's style) is made when it first
shows: a report without a ledger record — one typed by hand, the sample — never shows it, and the
two panels' text fields and style sheets held about half a megabyte of the editor's memory.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QVBoxLayout

LINES_SHOWN = 4   # the row list's height, in lines (it scrolls beyond)


class LedgerRowsPanel(QFrame):
    def __init__(self, session, grid, model) -> None:
        super().__init__()
        self.setObjectName("ledgerRows")
        self.session, self.grid, self.model = session, grid, model
        self.title: QLabel | None = None          # made when the panel first shows (see the module)
        self.rows: QPlainTextEdit | None = None
        grid.selectionModel().currentChanged.connect(lambda current, _previous: self.follow(current))
        session.changed.connect(lambda _change: self.follow(self.grid.currentIndex()))
        self.hide()

    @property
    def made(self) -> bool:
        """Whether what the panel shows has been made (it has shown once)."""
        return self.rows is not None

    def _make(self) -> tuple[QLabel, QPlainTextEdit]:
        if self.title is None or self.rows is None:
            self.setStyleSheet("#ledgerRows { background: #eef5fb; border: 1px solid #9cc3e0; border-radius: 3px; }")
            layout = QVBoxLayout(self)
            layout.setContentsMargins(8, 4, 8, 4)
            self.title = QLabel()
            self.title.setWordWrap(True)
            layout.addWidget(self.title)
            self.rows = QPlainTextEdit()
            self.rows.setReadOnly(True)
            self.rows.setFixedHeight(self.rows.fontMetrics().lineSpacing() * LINES_SHOWN + 12)
            layout.addWidget(self.rows)
        return self.title, self.rows

    def follow(self, index: QModelIndex) -> None:
        """Show what ``index`` (the grid's current cell) counts from the ledger, or hide."""
        record = self.session.report.ledger
        key = self.model.key_at(index)
        shown = record.drill_down(key, self.session.report.get(key)) if record is not None and key is not None else None
        if shown is None:
            self.hide()
            return
        title, lines = shown
        title_label, rows = self._make()
        title_label.setText(title)
        text = "\n".join(lines)
        if rows.toPlainText() != text:
            rows.setPlainText(text)
        self.show()
