"""Highlight, in a prose editor, the sentences copied unchanged from last year's report.

    CopiedHighlighter(text_edit.document(), lambda: document.previous)

The editor attaches it to the QTextDocument of a section's editor; with no previous report it
highlights nothing.  Call ``rehighlight()`` after last year's report changes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from ..core.prose_checks import copied_in_text
from ..core.report import Report

COPIED_COLOR = QColor("#FFE08A")


class CopiedHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, previous: Callable[[], Report | None]) -> None:
        super().__init__(document)
        self._previous = previous
        self._format = QTextCharFormat()
        self._format.setBackground(COPIED_COLOR)
        self._format.setToolTip("与上年报告的句子完全相同（上级通知将“内容雷同”列为问责情形），请按本年实际改写。")

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        previous = self._previous()
        if previous is None or not text:
            return
        for s in copied_in_text(text, previous):
            self.setFormat(s.start, s.end - s.start, self._format)
