"""Beside a table counted from the ledger (三/四): which ledger rows the current cell counts.

The tooltip says it too, but a tooltip hides as soon as the mouse moves and cannot be copied; the
clerk checking a figure against the ledger needs the rows in view while the ledger is open beside
the editor.  The panel sits under the table and follows the grid's current cell: hidden for a cell
not counted from a ledger (and for every cell when the report has no ledger record), else the cell,
its count — and whether the figure was changed by hand since — and the rows, one line per sheet
(``core.ledger.record.LedgerRecord.drill_down``), selectable for copying.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QVBoxLayout

LINES_SHOWN = 4   # the row list's height, in lines (it scrolls beyond)


class LedgerRowsPanel(QFrame):
    def __init__(self, session, grid, model) -> None:
        super().__init__()
        self.setObjectName("ledgerRows")
        self.setStyleSheet("#ledgerRows { background: #eef5fb; border: 1px solid #9cc3e0; border-radius: 3px; }")
        self.session, self.grid, self.model = session, grid, model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.title = QLabel()
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.rows = QPlainTextEdit()
        self.rows.setReadOnly(True)
        self.rows.setFixedHeight(self.rows.fontMetrics().lineSpacing() * LINES_SHOWN + 12)
        layout.addWidget(self.rows)
        grid.selectionModel().currentChanged.connect(lambda current, _previous: self.follow(current))
        session.changed.connect(lambda _change: self.follow(self.grid.currentIndex()))
        self.hide()

    def follow(self, index: QModelIndex) -> None:
        """Show what ``index`` (the grid's current cell) counts from the ledger, or hide."""
        record = self.session.report.ledger
        key = self.model.key_at(index)
        shown = record.drill_down(key, self.session.report.get(key)) if record is not None and key is not None else None
        if shown is None:
            self.hide()
            return
        title, lines = shown
        self.title.setText(title)
        text = "\n".join(lines)
        if self.rows.toPlainText() != text:
            self.rows.setPlainText(text)
        self.show()
