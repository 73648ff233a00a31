"""Plain-text editors for the prose (sections 一 … 六 and the preamble).

Typing is committed to the document as one undo step when the editor loses focus, after a short
pause, or before undo/redo/save; pasting from Word or a web page keeps the text and drops the
formatting.  A label under the editor counts the characters (white space not counted).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ..core.document import Change
from ..core.edits import SetMeta, SetSection
from .commands import Session

COMMIT_AFTER_MS = 1500
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff"), None)


def clean_pasted_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n").replace("\u2028", "\n")
    text = text.replace("\u00a0", " ").replace("\x0b", "\n").replace("\x0c", "\n").translate(_INVISIBLE)
    return text


class PlainEdit(QPlainTextEdit):
    """A QPlainTextEdit that pastes plain text only and leaves Ctrl+Z/Ctrl+Y to the document."""

    def __init__(self, before_undo: Callable[[], None], parent=None) -> None:
        super().__init__(parent)
        self._before_undo = before_undo
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)

    def insertFromMimeData(self, source) -> None:
        if source.hasText():
            self.insertPlainText(clean_pasted_text(source.text()))

    def canInsertFromMimeData(self, source) -> bool:
        return source.hasText()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
                or (event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier)):
            self._before_undo()
            event.ignore()  # let the window's 撤销/恢复 actions handle it
            return False
        return super().event(event)


class ProseField(QWidget):
    """An editor bound to one text of the report: a section (``SetSection``) or a metadata field."""

    def __init__(self, session: Session, *, section: str | None = None, meta: str | None = None,
                 label: str = "", placeholder: str = "", parent=None) -> None:
        super().__init__(parent)
        assert (section is None) != (meta is None)
        self.session = session
        self.section = section
        self.meta = meta
        self.label = label
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = PlainEdit(self.commit)
        self.edit.setPlaceholderText(placeholder)
        layout.addWidget(self.edit, 1)
        self.counter = QLabel()
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.counter.setStyleSheet("color: #666;")
        layout.addWidget(self.counter)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COMMIT_AFTER_MS)
        self._timer.timeout.connect(self.commit)
        self._loading = False
        self.edit.textChanged.connect(self._typed)
        self.edit.installEventFilter(self)
        self._highlighter = None
        if section is not None:  # sentences copied unchanged from last year's report are tinted
            from .copied_highlighter import CopiedHighlighter
            self._highlighter = CopiedHighlighter(self.edit.document(), lambda: self.session.document.previous)
        session.changed.connect(self._on_change)
        self._load()

    def show_quote(self, quote: str) -> bool:
        """Select ``quote`` (a finding's sentence) in the editor and scroll both its ends into view;
        False (the cursor put in the editor) when the text no longer holds it."""
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        found = self.edit.document().find(quote, 0, QTextDocument.FindFlag.FindCaseSensitively) if quote else None
        if found is None or found.isNull():
            return False
        start, end = found.selectionStart(), found.selectionEnd()
        cursor = QTextCursor(self.edit.document())
        cursor.setPosition(end)
        self.edit.setTextCursor(cursor)
        self.edit.centerCursor()  # the sentence in the middle of the editor, with its context
        cursor.setPosition(start, QTextCursor.MoveMode.KeepAnchor)  # the cursor at the start, shown last
        self.edit.setTextCursor(cursor)
        self.edit.ensureCursorVisible()
        return True

    def stored_text(self) -> str:
        report = self.session.report
        if self.section is not None:
            return report.section_text(self.section)
        return getattr(report.meta, self.meta)

    def text(self) -> str:
        return self.edit.toPlainText()

    def _load(self) -> None:
        text = self.stored_text()
        if text != self.edit.toPlainText():
            self._loading = True
            self.edit.setPlainText(text)
            self._loading = False
        self._count()

    def _count(self) -> None:
        text = self.edit.toPlainText()
        chars = sum(1 for ch in text if not ch.isspace())
        paragraphs = sum(1 for p in text.split("\n") if p.strip())
        self.counter.setText(f"{chars} 字 · {paragraphs} 段")

    def _typed(self) -> None:
        self._count()
        if not self._loading:
            self._timer.start()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.edit and event.type() == QEvent.Type.FocusOut:
            self.commit()
        return super().eventFilter(obj, event)

    def commit(self) -> bool:
        """Store the typed text in the document (one undo step); False when nothing changed."""
        self._timer.stop()
        new, old = self.edit.toPlainText(), self.stored_text()
        if new == old:
            return False
        if self.section is not None:
            heading = self.label or self.section
            edit = SetSection(self.section, old, new, f"修改“{heading}”正文")
        else:
            edit = SetMeta(self.meta, old, new, f"修改“{self.label or self.meta}”")
        self.session.push(edit)
        return True

    def _on_change(self, change: Change) -> None:
        if change.everything or change.section == self.section and self.section is not None \
                or change.meta == self.meta and self.meta is not None:
            self._load()
        if change.everything and self._highlighter is not None:
            self._highlighter.rehighlight()  # last year's report may have changed
