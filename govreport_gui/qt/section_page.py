"""One section's page of the editor: its heading, its table (if any) with the optional notes under
it, or its text.  Built when first shown (start-up time); a table page fits its table to the page's
width and scrolls as a whole rather than squeeze the table (a 1366×768 screen, at 125 %/150 %)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QToolButton, QVBoxLayout, QWidget

from .commands import Session
from .fonts import bold_font
from .prose import ProseField
from .screen_fit import scrolled_content

if TYPE_CHECKING:  # the grids are imported when the first table page is built (start-up time)
    from .grid_view import GridView
    from .table_model import TableModel

GRID_LEAST_HEIGHT = 260   # a table is not squeezed below this (or its whole height, when less): its page scrolls
FOLLOW_MARGIN = 8         # pixels kept in view around the current cell when the page scrolls to it


def prose_hint(form, key: str) -> str:
    """The placeholder of section ``key``'s text: the sub-headings its version's outline offers."""
    topics = form.outline.get(key, ())
    if not topics:
        return ""
    names = "、".join(t.name for t in topics)
    if any(r.section == key for r in form.required):  # the version requires content here
        return f"本部分一般写：{names}。"
    return f"本部分一般写：{names}。没有可写的内容时写“无。”"


class SectionPage(QWidget):
    """One section: its heading, the table (if any) and the prose (main text or optional notes).

    Everything on the page, its heading too, is built when the page is first shown or used
    (``ensure_built``), so the window paints its first tab without building the others (start-up
    time): until then the page is an empty widget that knows its heading's text."""

    def __init__(self, session: Session, key: str, heading: str, table_id: str | None, on_built) -> None:
        super().__init__()
        self.session = session
        self.key = key
        self.table_id = table_id
        self.heading_text = heading
        self._on_built = on_built
        self._grid: GridView | None = None
        self._model: TableModel | None = None
        self._prose: ProseField | None = None
        self._heading: QLabel | None = None
        self.body: QWidget | None = None
        self._scroller: QScrollArea | None = None
        self._fitting = False

    @property
    def built(self) -> bool:
        return self._prose is not None

    @property
    def heading(self) -> QLabel:
        self._build_frame()
        return self._heading

    def set_heading(self, text: str) -> None:
        self.heading_text = text
        if self._heading is not None:
            self._heading.setText(text)

    def _build_frame(self) -> None:
        """The body the page's parts go in, and its heading."""
        if self.body is not None:
            return
        from PySide6.QtWidgets import QSizePolicy  # naming it creates its enumerations: when a page is first built

        # a table page scrolls as a whole when its parts (the table, 同比图, the notes) need more
        # height than the window has: the table is then shown whole, one scroll bar (``_fit_grid``)
        self.body = scrolled_content(self) if self.table_id is not None else self
        self._scroller = self.findChild(QScrollArea)
        self.body.installEventFilter(self)   # its width is the table's room
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(8, 6, 8, 6)
        self._heading = QLabel(self.heading_text)
        font = self._heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self._heading.setFont(bold_font(font))
        self._heading.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout.addWidget(self._heading)
        if self.isVisible():   # made as the page is shown: laid out at once, its parts fitted to its size
            self._show_parts()
            self.layout().activate()

    def _show_parts(self) -> None:
        """Show the frame just put on the page shown (Qt would show it an event-loop turn later; the
        parts put in it next are shown as Qt shows them)."""
        for child in self.findChildren(QWidget, options=QtCore.Qt.FindChildOption.FindDirectChildrenOnly):
            if not child.testAttribute(QtCore.Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
                child.show()

    @property
    def grid(self) -> GridView | None:
        self.ensure_built()
        return self._grid

    @property
    def model(self) -> TableModel | None:
        self.ensure_built()
        return self._model

    @property
    def prose(self) -> ProseField:
        self.ensure_built()
        return self._prose

    def showEvent(self, event) -> None:
        self.ensure_built()
        super().showEvent(event)
        if self._grid is not None:   # built while hidden, or the window resized meanwhile
            self._fit_grid()

    def ensure_built(self) -> None:
        if self._prose is not None:
            return
        self._build_frame()
        session, key, heading, layout = self.session, self.key, self.heading_text, self.body.layout()
        if self.table_id is not None:
            from .grid_view import GridView
            from .table_model import TableModel
            self._model = TableModel(session, self.table_id, self)
            self._grid = GridView(self._model)
            self._prose = ProseField(session, section=key, label=heading,
                                     placeholder="（可选）表格之外需要说明的文字，例如对数字的解释。")
            row = self._grid_row = QHBoxLayout()
            row.addStretch(0)   # (the stretches take only what the grid, at its largest, leaves)
            row.addWidget(self._grid, 1)
            row.addStretch(0)
            layout.addLayout(row, 1)
            self.notes_toggle = QToolButton()
            self.notes_toggle.setText("本部分的说明文字（可选）")
            self.notes_toggle.setCheckable(True)
            self.notes_toggle.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.notes_toggle.setAutoRaise(True)
            self.notes_toggle.toggled.connect(self._show_notes)
            layout.addWidget(self.notes_toggle)
            self._prose.edit.setFixedHeight(max(70, self._prose.edit.fontMetrics().height() * 4))
            layout.addWidget(self._prose)
            layout.addStretch(0)  # what the grid does not need stays below it
            self._show_notes(bool(self._prose.text()))
            session.changed.connect(self._notes_follow_document)
            self._fit_grid()
            self._model.grid_changed.connect(self._fit_grid)
            self._grid.left.connect(self.leave_table)
            self._grid.heights_changed.connect(self._fit_grid)
            self._grid.verticalScrollBar().rangeChanged.connect(lambda _lo, _hi: self._fit_grid())
            self._grid.selectionModel().currentChanged.connect(self._follow_current)
        else:
            self._prose = ProseField(session, section=key, label=heading,
                                     placeholder=prose_hint(session.report.form, key))
            layout.addWidget(self._prose, 1)
        self._on_built(self)

    def leave_table(self) -> None:
        """The clerk moved on from this page's table: what was being filled in is judged now."""
        if self.table_id is not None:
            self.session.leave_table(self.table_id)

    def add_below_table(self, widget: QWidget) -> None:
        """Put ``widget`` under the table, above the notes (the 同比图)."""
        layout = self.body.layout()
        layout.insertWidget(layout.indexOf(self.notes_toggle), widget)

    def _show_notes(self, shown: bool) -> None:
        """The optional text under a table: folded away unless it holds text or is asked for."""
        self._prose.setVisible(shown)
        self.notes_toggle.setArrowType(QtCore.Qt.ArrowType.DownArrow if shown else QtCore.Qt.ArrowType.RightArrow)
        if self.notes_toggle.isChecked() != shown:
            self.notes_toggle.setChecked(shown)

    def _notes_follow_document(self, change) -> None:
        if self._prose.text() and not self.notes_toggle.isChecked():
            self._show_notes(True)

    def _fit_grid(self) -> None:
        """The grid is as large as its table (with room for a vertical scroll bar), never larger,
        its columns narrowed to the page's width when the table is wider (``GridView.fit_width``).
        When the page has less height than the table: the grid scrolls inside a page that does not,
        or — when the page must scroll anyway for what is under the table (同比图, the notes) — the
        table is shown whole and only the page scrolls (no scrolling area inside another)."""
        grid = self._grid
        if grid is None or self._fitting:
            return
        self._fitting = True
        try:
            scrolls = grid.verticalScrollBar().maximum() > 0
            extra = grid.style().pixelMetric(grid.style().PixelMetric.PM_ScrollBarExtent) + 2 if scrolls else 0
            margins = self.body.layout().contentsMargins()
            if self.body.width() > 0 and self.isVisible():   # (the stretches either side of the grid take their spacing)
                room = self.body.width() - margins.left() - margins.right() - 2 * self._grid_row.spacing()
                grid.fit_width(room - extra)
            grid.setMaximumWidth(grid.preferred_width() + extra)
            sideways = grid.horizontalScrollBar().maximum() > 0   # (only when even the least widths are too wide)
            height = grid.preferred_height() + (grid.horizontalScrollBar().sizeHint().height() if sideways else 0)
            grid.setMaximumHeight(height)
            least = min(height, GRID_LEAST_HEIGHT)
            grid.setMinimumHeight(height if self._page_scrolls_with(least) else least)
        finally:
            self._fitting = False

    def _page_scrolls_with(self, grid_height: int) -> bool:
        """Whether the page needs more height than it is shown in, with the grid ``grid_height`` high."""
        others = self.body.layout().minimumSize().height() - self._grid.minimumHeight()
        return self.isVisible() and others + grid_height > self._scroller.viewport().height()

    def _follow_current(self, current, _previous=None) -> None:
        """Keep the current cell in view when the page scrolls and the grid, shown whole, does not."""
        grid = self._grid
        if not current.isValid() or grid.verticalScrollBar().maximum() > 0 or self._scroller.verticalScrollBar().maximum() == 0:
            return
        cell = grid.visualRect(current)
        centre = grid.viewport().mapTo(self.body, cell.center())
        self._scroller.ensureVisible(centre.x(), centre.y(), cell.width() // 2 + FOLLOW_MARGIN,
                                     cell.height() // 2 + FOLLOW_MARGIN)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - a Qt override
        if watched is self.body and event.type() == QEvent.Type.Resize and self._grid is not None:
            self._fit_grid()
        return False
