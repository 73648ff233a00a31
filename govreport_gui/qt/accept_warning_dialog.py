"""确认警告…: the clerk accepts a warning with a written reason.

``AcceptWarningDialog(parent, finding)`` shows the warning and asks for the reason (required; a few
usual reasons can be picked and edited).  ``ask_accept_reason`` runs it modally and returns the
reason or None; the caller wraps ``core.edits.accept_warning(finding, reason)`` in an undo command.
The editor may route this through ``qt.dialogs`` so tests can answer it with a fake.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ..core.findings import Finding
from ..core.rules import reasons


class AcceptWarningDialog(QDialog):
    def __init__(self, parent: QWidget | None, finding: Finding) -> None:
        super().__init__(parent)
        self.setWindowTitle("确认警告")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel("确认后，这条警告仍列在校验清单中（注明理由），但不再计为未处理的警告。")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        message = QLabel(f"【警告】{finding.message}")
        message.setWordWrap(True)
        message.setStyleSheet("background: #FFF6E0; padding: 6px; border: 1px solid #E8C77A;")
        layout.addWidget(message)
        layout.addWidget(QLabel("确认理由（必填，将打印在校验清单上）："))
        self.suggestions = QComboBox()
        self.suggestions.addItem("常用理由…", "")
        for text in reasons(finding.rule):  # declared with the rule (core.rules)
            self.suggestions.addItem(text, text)
        self.suggestions.setVisible(self.suggestions.count() > 1)
        layout.addWidget(self.suggestions)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("例如：本年开展行政规范性文件集中清理，废止后现行有效件数减少，已核实。")
        self.reason.setFixedHeight(90)
        layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确认")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.suggestions.activated.connect(self._suggest)
        self.reason.textChanged.connect(self._update)
        self._update()
        self.reason.setFocus()

    def _suggest(self, index: int) -> None:
        text = self.suggestions.itemData(index)
        if text:
            self.reason.setPlainText(text)
            cursor = self.reason.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            self.reason.setTextCursor(cursor)
        self.suggestions.setCurrentIndex(0)

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason_text()))

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()


def ask_accept_reason(parent: QWidget | None, finding: Finding) -> str | None:
    dialog = AcceptWarningDialog(parent, finding)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.reason_text() or None
