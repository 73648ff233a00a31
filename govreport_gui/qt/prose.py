"""Plain-text editors for the prose (sections 一 … 六 and the preamble).

Typing is committed to the document as one undo step when the editor loses focus, after a short
pause, or before undo/redo/save; pasting from Word or a web page keeps the text and drops the
formatting.  A label under the editor counts the characters written (white space and the
sub-headings of empty parts not counted).

Each part of the outline still empty shows its prompt (``core.prompts``) in grey after its
sub-heading, like a form field's placeholder: not text of the document, so it is never counted,
saved or exported; a click on it puts the cursor at the end of the sub-heading, where typing fills
the part and the prompt goes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QRectF, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QToolTip, QVBoxLayout, QWidget

from ..core.document import Change
from ..core.edits import META, SECTION, SetMeta, SetSection
from ..core.prompts import Prompt, prompts, written_chars, written_text
from ..core.values import without_invisible
from .commands import Session
from .grey_text import COUNT, grey
from .qt_ints import ALIGN_RIGHT
from .viewports import keep_viewport

COMMIT_AFTER_MS = 1500


def clean_pasted_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n").replace("\u2028", "\n")
    text = text.replace("\u00a0", " ").replace("\x0b", "\n").replace("\x0c", "\n")
    return without_invisible(text)


class PlainEdit(QPlainTextEdit):
    """A QPlainTextEdit that pastes plain text only and leaves Ctrl+Z/Ctrl+Y to the document."""

    def __init__(self, before_undo: Callable[[], None], parent=None) -> None:
        super().__init__(parent)
        keep_viewport(self)
        self._before_undo = before_undo
        self.prompts: list[Prompt] = []
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)

    def set_prompts(self, shown: list[Prompt]) -> None:
        if shown != self.prompts:
            self.prompts = shown
            self.viewport().update()

    def prompt_rect(self, prompt: Prompt) -> QRectF | None:
        """Where ``prompt`` is drawn: after the text of its line, to the editor's right edge."""
        block = self.document().findBlockByNumber(prompt.line)
        if not block.isValid():
            return None
        place = self.blockBoundingGeometry(block).translated(self.contentOffset())  # lays the block out
        layout = block.layout()
        if layout is None or layout.lineCount() == 0 or layout.preeditAreaText():
            return None   # (an input method composing on this line: its text takes the place)
        line = layout.lineAt(layout.lineCount() - 1)
        gap = self.fontMetrics().horizontalAdvance(" ") if block.text() else 0
        left = place.left() + line.x() + line.naturalTextWidth() + gap
        width = self.viewport().width() - left - self.document().documentMargin()
        return QRectF(left, place.top() + line.y(), width, line.height()) if width > 0 else None

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self.prompts:
            return
        from PySide6.QtGui import QPainter, QPalette  # only with prompts shown (start-up: PySide6 makes a class's enums when it is named)
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        metrics = self.fontMetrics()
        for prompt in self.prompts:
            rect = self.prompt_rect(prompt)
            if rect is not None and rect.intersects(QRectF(event.rect())):
                shown = metrics.elidedText(prompt.hint, QtCore.Qt.TextElideMode.ElideRight, int(rect.width()))
                painter.drawText(rect, QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter, shown)
        painter.end()

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip:
            for prompt in self.prompts:
                rect = self.prompt_rect(prompt)
                if rect is not None and rect.contains(event.pos()):
                    QToolTip.showText(event.globalPos(), f"{prompt.hint}\n（提示文字：点击后直接输入即可，不会写入报告）",
                                      self.viewport())
                    return True
        return super().viewportEvent(event)

    def insertFromMimeData(self, source) -> None:
        if source.hasText():
            self.insertPlainText(clean_pasted_text(source.text()))

    def canInsertFromMimeData(self, source) -> bool:
        return source.hasText()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
                or (event.key() == QtCore.Qt.Key.Key_Y and event.modifiers() == QtCore.Qt.KeyboardModifier.ControlModifier)):
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
        self.counter.setProperty("alignment", ALIGN_RIGHT)   # (ints before the first paint: see qt_ints)
        grey(self.counter, COUNT)
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
        an empty part's sub-heading (or, with no quote, the first empty part) gets the cursor at its
        end, where typing fills it.  False (the cursor put in the editor) when the text no longer
        holds it."""
        self.edit.setFocus()   # (OtherFocusReason)
        if self._to_prompt(quote):
            return True
        from PySide6.QtGui import QTextCursor, QTextDocument  # (start-up time, see PlainEdit.paintEvent)
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

    def _to_prompt(self, quote: str) -> bool:
        target = next((p for p in self.edit.prompts if p.heading == quote), None)
        if target is None:
            return False
        from PySide6.QtGui import QTextCursor
        block = self.edit.document().findBlockByNumber(target.line)
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
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
        """The count of what is written, and the prompts of the parts still empty."""
        text = self.edit.toPlainText()
        version = self.session.report.form_version
        shown = prompts(version, self.section, text)
        self.edit.set_prompts(shown)
        chars = written_chars(version, self.section, text)
        paragraphs = sum(1 for p in written_text(version, self.section, text).split("\n") if p.strip())
        todo = f" · {len(shown)} 处待填写" if shown else ""
        self.counter.setText(f"{chars} 字 · {paragraphs} 段{todo}")

    def _typed(self) -> None:
        self._count()
        if not self._loading:
            self._timer.start()
            self.session.draft((SECTION, self.section) if self.section is not None else (META, self.meta),
                               self.edit.toPlainText())

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
