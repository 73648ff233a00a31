"""Undo commands and the editing session.

One ``QUndoCommand`` wraps one core edit (``SetCells``, ``SetMeta``, ``SetSection``,
``ReplaceReport``, ``SetPrevious`` …); it stores the edit (cell keys and values), never a
``QModelIndex``, and never touches a widget: ``redo``/``undo`` call ``Document.apply``/``revert``
and the views follow the document's change notifications.

``Session`` holds the open ``Document`` and its ``QUndoStack``; it listens to the document and
re-emits every change as a Qt signal, so the models need not care which document is open.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.document import Change, Document
from ..core.edits import Edit, set_previous
from ..core.report import Report


class EditCommand(QUndoCommand):
    def __init__(self, document: Document, edit: Edit) -> None:
        super().__init__(edit.text)
        self._document = document
        self.edit = edit

    def redo(self) -> None:
        self._document.apply(self.edit)

    def undo(self) -> None:
        self._document.revert(self.edit)


class Session(QObject):
    """The open document, its undo stack, and a Qt signal for every change."""

    changed = Signal(object)        # core.document.Change
    document_replaced = Signal()    # a different document was opened (after ``changed``)
    drafted = Signal(object, str)   # text typed into a field, not committed yet: (core.replay target, text)

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.document = document
        document.listen(self._make_listener(document))

    def _make_listener(self, document: Document):
        def listener(change: Change) -> None:
            if document is self.document:  # an old document's late events are ignored
                self.changed.emit(change)
        return listener

    @property
    def report(self) -> Report:
        return self.document.report

    def push(self, edit: Edit) -> bool:
        """Apply ``edit`` as one undo step; an edit that changes nothing is dropped."""
        if edit.change.empty:
            return False
        self.undo_stack.push(EditCommand(self.document, edit))
        return True

    def leave_table(self, table_id: str | None = None) -> bool:
        """The clerk left table ``table_id`` (every table when None): what was being filled in
        there is judged now (``Document.leave_table``); the views hear it through ``changed``."""
        return self.document.leave_table(table_id)

    def draft(self, target: tuple[str, str], text: str) -> None:
        """``text`` is in the field ``target`` (``core.replay.SECTION``/``META``, name) and not committed
        yet: the journal keeps it, so that a crash before the commit loses nothing."""
        self.drafted.emit(target, text)

    def set_previous(self, previous: Report | None, text: str) -> None:
        """Set or replace last year's report (used by the cross-year checks), as one undo step."""
        self.push(set_previous(self.document, previous, text))

    def replace_document(self, document: Document) -> None:
        """Open another document: the undo history starts afresh."""
        self.undo_stack.clear()
        if document is not self.document:
            self.document = document
            document.listen(self._make_listener(document))
        self.undo_stack.setClean()
        self.changed.emit(Change(everything=True))
        self.document_replaced.emit()
