"""The bar above the pages that says what a paste, a typed value or an import interpreted
(“'12件'按12读取；'—'按空白（0）读取…”), until the clerk closes it.

The status bar is no place for it: the line runs off its edge and the next message (已自动保存)
replaces it within seconds, before the clerk has read which cells were read how.  The bar shows a
line of what happened with the first interpretations, 详情 opens the whole list, × closes it.
A new paste or import replaces what it shows; values typed one after another add up in it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

SHOWN_IN_LINE = 2      # interpretations named in the bar's line; 详情 lists them all
LINES = 2              # the bar's text wraps onto two lines at most (the rest: 详情, and the tooltip)
TYPED = "typed"        # the kind of notes that add up (values typed one after another)
PASTED = "pasted"      # the kind of a paste's notes: the next paste replaces them, or closes them if it read all plainly
# given when the bar is first shown, not when the window is built: a style sheet makes Qt draw the
# widget and its children through its style-sheet style, work the first paint does not need
LOOK = "#interpretations { background: #fff8e1; border: 1px solid #e8c66a; border-radius: 3px; }"


class InterpretationBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interpretations")   # (its look: ``LOOK``, given when first shown)
        self._kind = ""
        self._title = ""
        self._notes: list[str] = []
        self._line_parts = ("", "", "")   # what the line says: before, the notes (cut to fit), after
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.setSpacing(4)
        self._details: QPlainTextEdit | None = None   # made when first opened
        self.hide()   # its line and buttons are made when it is first shown (``_build_row``)

    def _build_row(self) -> None:
        """The line and its buttons (详情, ×), made when the bar is first shown: they name ``Qt``,
        which the window's first paint does without (see ``qt_ints``)."""
        from PySide6.QtCore import Qt

        row = QHBoxLayout()
        self.line = QLabel()
        self.line.setWordWrap(True)
        self.line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.line, 1)
        self.details_button = QToolButton()
        self.details_button.setText("详情")
        self.details_button.setCheckable(True)
        self.details_button.setToolTip("列出每一处是怎样读取的")
        self.details_button.toggled.connect(self._show_details)
        row.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignTop)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("关闭这条说明")
        self.close_button.clicked.connect(self.dismiss)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.layout().insertLayout(0, row)

    @property
    def details(self) -> QPlainTextEdit:
        """The whole list (详情)."""
        if self._details is None:
            self._details = QPlainTextEdit()
            self._details.setReadOnly(True)
            self._details.setMaximumHeight(self._details.fontMetrics().lineSpacing() * 8 + 12)
            self._details.hide()
            self.layout().addWidget(self._details)
        return self._details

    def show_notes(self, title: str, notes: list[str], kind: str = "") -> None:
        """Show ``notes`` (what was interpreted, one per item) under ``title``; notes of the kind
        ``TYPED`` add to those shown already of that kind; none of the kind shown (a paste read
        plainly after one interpreted) closes the bar: it spoke of figures pasted over since."""
        if not notes:
            if kind and kind == self._kind:
                self.dismiss()
            return
        if kind == TYPED and self._kind == TYPED and not self.isHidden():
            notes = [*self._notes, *notes]
        self._kind, self._title, self._notes = kind, title, list(notes)
        first = "；".join(n.rstrip("。；") for n in self._notes[:SHOWN_IN_LINE])   # not “…）。；…”
        more = f"……（共 {len(self._notes)} 处，见“详情”）" if len(self._notes) > SHOWN_IN_LINE else ""
        self._line_parts = (f"{title}：", first, more)
        if not hasattr(self, "line"):
            self._build_row()
        self.line.setToolTip(f"{title}：{first}{more}")
        self.details_button.setChecked(False)
        self._show_details(False)
        if not self.styleSheet():
            self.setStyleSheet(LOOK)
        self.show()
        self._fit_line()

    def resizeEvent(self, event) -> None:  # noqa: N802 - a Qt override
        super().resizeEvent(event)
        self._fit_line()

    def _fit_line(self) -> None:
        """The line cut to ``LINES`` lines of the bar's width (a long note on a small screen took
        five lines of a 1366×768 screen at 150 %, and made the window taller than the screen);
        详情 shows whenever something is left out."""
        if not hasattr(self, "line"):
            return   # (never shown yet)
        from PySide6.QtCore import Qt

        before, notes, after = self._line_parts
        fm = self.line.fontMetrics()
        room = self.line.width() * LINES - fm.horizontalAdvance(before + after) - 3 * fm.horizontalAdvance("国")
        shown = fm.elidedText(notes, Qt.TextElideMode.ElideRight, max(room, 0)) if self.line.width() > 0 else notes
        self.line.setText(before + shown + after)
        self.details_button.setVisible(len(self._notes) > SHOWN_IN_LINE or shown != notes)

    def notes(self) -> list[str]:
        """What the bar lists now (empty when it is closed)."""
        return list(self._notes) if not self.isHidden() else []

    def dismiss(self) -> None:
        self._kind, self._title, self._notes = "", "", []
        self.hide()

    def _show_details(self, shown: bool) -> None:
        if shown:
            self.details.setPlainText("\n".join(f"• {n}" for n in self._notes))
        if shown or self._details is not None:
            self.details.setVisible(shown)
