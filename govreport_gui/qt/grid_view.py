"""The spreadsheet-style view of one table: merged cells from the grid, Excel/WPS keyboard habits.

Like a protected sheet, Enter (down), Tab/Shift+Tab (reading order) and the arrows move between
input cells only; typing replaces the cell (typed on a header or label it goes to the nearest input
cell), F2 edits it, Delete clears the selection, Ctrl+C copies the selection as tab-separated
text, Ctrl+V pastes a block (one undo step).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QGuiApplication, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QFrame,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
)

from ..core.forms import CellKey, GridCell, Role
from ..core.values import shorten
from . import clipboard, grid_lines, grid_sizes
from .cell_pictures import LOOK_CHANGES, CellPictures
from .fonts import bold_font
from .input_order import InputOrder
from .table_model import TableModel
from .viewports import keep_viewport

DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)
LINES = "#6b7280"                     # the grid lines and the frame around the table
SELECTED, SELECTED_TEXT = (47, 111, 208, 90), "black"   # selected cells: shaded over (RGBA), their text
GRID_SHEET = (f"QTableView {{ gridline-color: {LINES}; border: 1px solid {LINES}; "
              f"selection-background-color: rgba{SELECTED}; selection-color: {SELECTED_TEXT}; }}")
FUSION_WINDOW = "#80899a"   # the window colour Fusion draws a table's grid lines of ``LINES`` from (darker(120))


def set_grid_look(view: QTableView) -> bool:
    """Grid lines and a 1-pixel frame in ``LINES``, selected cells shaded in ``SELECTED``: said by
    ``GRID_SHEET``, or under Fusion (Qt's style where the system brings none) by the palette, the
    same pixels.  A style sheet makes Qt's style-sheet style for the grid and everything in it (0.6 MB
    of the editor's memory, and slower painting); Fusion draws the grid lines in the window colour
    made darker (``FUSION_WINDOW``, given to what paints the cells: ``GridView.initViewItemOption``)
    and a plain box frame in the window-text colour (the scroll bars keep theirs).  Other styles
    draw the lines and the selection their own way: they get the sheet.  True when the palette
    says it."""
    if view.style().name() != "fusion":
        view.setStyleSheet(GRID_SHEET)
        return False
    own = QApplication.palette(view)
    palette = view.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(LINES))
    view.setPalette(palette)
    view.setFrameShape(QFrame.Shape.Box)
    view.setFrameShadow(QFrame.Shadow.Plain)
    view.setLineWidth(1)
    for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
        kept = bar.palette()
        kept.setColor(QPalette.ColorRole.WindowText, own.color(QPalette.ColorRole.WindowText))
        bar.setPalette(kept)
    return True


def cells_look(palette: QPalette) -> None:
    """The colours Fusion paints the table's cells and grid lines with (see ``set_grid_look``)."""
    palette.setColor(QPalette.ColorRole.Window, QColor(FUSION_WINDOW))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(*SELECTED))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(SELECTED_TEXT))


class _Delegate(QStyledItemDelegate):
    """A plain line editor; Enter commits and moves down, like a spreadsheet.  A value the model
    refuses ("'abc'不是数字") leaves the editor open on its cell with the text selected, so that
    what the clerk types next replaces it (the message box that says why is no reason to close it).
    A cell is painted as Qt paints it, once, then drawn again from its picture until it changes
    (``CellPictures``: most of a repaint is laying the cells' text out)."""

    def __init__(self, view: "GridView") -> None:
        super().__init__(view)
        self._view = view
        self._refused = False
        self._committing = None   # the editor whose value is being stored (and may be refused)
        self.pictures = CellPictures()
        self._paint_directly = super().paint   # (looked up once: paint is called for every cell in view)

    def paint(self, painter, option, index) -> None:
        row, col = index.row(), index.column()
        self.pictures.paint(painter, option, index, self._paint_directly, (row, col), index.model().painted(row, col))

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor

    def setEditorData(self, editor, index):
        if not editor.text():  # typing to replace: the first key is already in the editor
            editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor, model, index):
        self._refused = not model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor, event):
        if event.type() == QEvent.Type.FocusOut and self._committing is editor:
            return False   # the refusal's message box took the focus: the editor stays open
        if event.type() == QEvent.Type.KeyPress and event.key() in _COMMIT_KEYS:
            if not self._commit(editor):
                return True
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                back = event.key() == Qt.Key.Key_Backtab or event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                hint = QAbstractItemDelegate.EndEditHint
                self.closeEditor.emit(editor, hint.EditPreviousItem if back else hint.EditNextItem)
                return True
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self._view.move_after_enter(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return True
        return super().eventFilter(editor, event)

    def _commit(self, editor) -> bool:
        """Store the editor's value; False when refused (the editor stays, its text selected)."""
        self._refused, self._committing = False, editor
        try:
            self.commitData.emit(editor)
        finally:
            self._committing = None
        if self._refused:
            editor.selectAll()
            editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return not self._refused


_COMMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


def _in_dock(widget) -> bool:
    while widget is not None:
        if isinstance(widget, QDockWidget):
            return True
        widget = widget.parentWidget()
    return False


class GridView(QTableView):
    message = Signal(str)          # a line for the status bar
    paste_problems = Signal(list)  # what a paste could not place (shown by the window)
    left = Signal()                # the keyboard focus moved from the grid to another part of the window
    interpreted = Signal(str, list)  # what a paste read how (“'12件'按12读取”): a title and one line each
    heights_changed = Signal()     # rows made taller or shorter after the layout (``set_value_room``)

    def __init__(self, model: TableModel, parent=None) -> None:
        super().__init__(parent)
        self._palette_look = False   # (``set_grid_look``, below)
        keep_viewport(self)
        self.setModel(model)
        self.setItemDelegate(_Delegate(self))
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for header in (self.horizontalHeader(), self.verticalHeader()):
            # the sizes are ``grid_sizes``' alone: Qt's least section is the font's widest glyph
            # and margins (40 px in Noto Sans CJK SC, the Latin face of a zh_CN desktop), which
            # kept 表四's narrowed columns wider than the page and made it scroll sideways
            header.setMinimumSectionSize(1)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setTabKeyNavigation(True)
        self.setWordWrap(True)
        self.setCornerButtonEnabled(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # (the delegate's paint() draws each cell's kept picture: laying out the text of every
        # cell again, in C++, was most of a repaint of 三)
        self._palette_look = set_grid_look(self)
        self._column_hint: tuple[int, tuple[int, int] | None] = (-1, None)
        self._tab_run: tuple[int, tuple[int, int] | None] = (-1, None)
        self._value_room = 0
        self._room: int | None = None   # the width the columns are narrowed to (``fit_width``)
        self._narrowed = False           # … and whether they are narrower than their content
        model.grid_changed.connect(self.apply_layout)
        model.dataChanged.connect(self._figures_changed)
        self.apply_layout()
        QApplication.instance().focusChanged.connect(self._focus_changed)

    @property
    def table_model(self) -> TableModel:
        return self.model()

    # -- layout from the grid -------------------------------------------------------------------

    def apply_layout(self) -> None:
        model = self.table_model
        self._order = InputOrder(model.spec)
        self.clearSpans()
        for g in model.spans():
            self.setSpan(g.row, g.col, g.rowspan, g.colspan)
        self._wide_spans = [g for g in model.spans() if g.colspan > 1]   # (``_cover_grid_line_starts``)
        widths = self._column_widths()
        for c, w in enumerate(widths):
            self.setColumnWidth(c, w)
        for r, h in enumerate(self._row_heights(widths)):
            self.setRowHeight(r, h)
        first = self._index(self._order.first())
        if first.isValid():
            self.setCurrentIndex(first)

    def _column_widths(self) -> list[int]:
        """As wide as the content, narrowed to the room given by ``fit_width`` (``grid_sizes``)."""
        fm = QFontMetrics(self.font())
        natural = grid_sizes.natural_widths(self.table_model.spec, fm)
        if self._room is None or sum(natural) <= self._room:
            return natural
        spec, fm = self.table_model.spec, self._bold_metrics()
        least = grid_sizes.least_widths(spec, fm, self._figures(), natural, grid_sizes.FigureMetrics(self.font()))
        return grid_sizes.balance(spec, fm, grid_sizes.fit(natural, least, self._room), least)

    def _bold_metrics(self) -> QFontMetrics:
        """Headers and captions as they are drawn (bold: ``fonts.bold_font``)."""
        return QFontMetrics(bold_font(self.font()))

    def _figures(self) -> dict[int, list[str]]:
        """The texts shown in each column's figure cells."""
        model = self.table_model
        shown: dict[int, list[str]] = {}
        for g in model.spec.grid:
            if g.key is not None:
                shown.setdefault(g.col, []).append(model.index(g.row, g.col).data() or "")
        return shown

    def _row_heights(self, widths: list[int]) -> list[int]:
        return grid_sizes.row_heights(self.table_model.spec, widths, self.font(), self._value_room)

    def fit_width(self, room: int | None) -> bool:
        """Narrow the columns so that the table fits ``room`` pixels (frame included) when its
        content allows (None: as wide as the content); True when the layout changed."""
        self._room = None if room is None else room - 2 * self.frameWidth()
        widths = self._column_widths()
        self._narrowed = self._room is not None and sum(widths) <= self._room < sum(
            grid_sizes.natural_widths(self.table_model.spec, QFontMetrics(self.font())))
        if widths == [self.columnWidth(c) for c in range(len(widths))]:
            return False
        for c, w in enumerate(widths):
            self.setColumnWidth(c, w)
        for r, h in enumerate(self._row_heights(widths)):
            self.setRowHeight(r, h)
        return True

    def _figures_changed(self, top_left, bottom_right, roles=()) -> None:
        """A figure now wider than its narrowed column: the columns are fitted again."""
        if not self._narrowed or (roles and DISPLAY_ROLE not in roles):
            return
        fm = grid_sizes.FigureMetrics(self.font())
        for row in range(top_left.row(), bottom_right.row() + 1):
            for col in range(top_left.column(), bottom_right.column() + 1):
                text = self.table_model.index(row, col).data() or ""
                if fm.horizontalAdvance(text) + grid_sizes.TIGHT_PADDING > self.columnWidth(col):
                    if self.fit_width(self._room + 2 * self.frameWidth()):
                        self.heights_changed.emit()
                    return

    def set_value_room(self, extra: int) -> None:
        """Rows holding figures ``extra`` pixels taller than laid out (room for a second line under
        each figure, e.g. last year's; 0: as laid out)."""
        self._value_room = extra
        widths = [self.columnWidth(c) for c in range(self.table_model.columnCount())]
        for r, h in enumerate(self._row_heights(widths)):
            self.setRowHeight(r, h)
        self.heights_changed.emit()

    def preferred_width(self) -> int:
        return sum(self.columnWidth(c) for c in range(self.table_model.columnCount())) + 2 * self.frameWidth()

    def preferred_height(self) -> int:
        return sum(self.rowHeight(r) for r in range(self.table_model.rowCount())) + 2 * self.frameWidth()

    def _focus_changed(self, old, new) -> None:
        """``left`` when the focus goes from the grid (or its cell editor) to another widget of the
        same window — a prose field, another tab's page.  A dialog over the window, another
        program, or the findings panel beside the grid (reading what the figures say is part of
        filling them in; its list would move under the click) is not the clerk leaving the table."""
        try:
            if old is None or new is None or not self._holds(old) or self._holds(new):
                return
            if new.window() is self.window() and not _in_dock(new):
                self.left.emit()
        except RuntimeError:  # the grid is being destroyed
            pass

    def _holds(self, widget) -> bool:
        return widget is self or self.isAncestorOf(widget)

    # -- navigation -----------------------------------------------------------------------------

    def select_keys(self, keys: tuple[CellKey, ...]) -> None:
        """Select the cells of ``keys`` (of this table) and make the first one current."""
        model = self.table_model
        indexes = [model.index_of(k) for k in keys if k.table == model.table_id]
        indexes = [i for i in indexes if i.isValid()]
        if not indexes:
            return
        self.setCurrentIndex(indexes[0])
        selection = QItemSelection()
        for i in indexes:
            selection.select(i, i)
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scroll_to_cells(indexes)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def scroll_to_cells(self, indexes: list[QModelIndex]) -> None:
        """Scroll so that all of ``indexes`` are in view (their union rectangle); when they do not
        fit, as much of them as fits around the first (the current cell, where typing goes), which
        always stays in view."""
        self.scrollTo(indexes[0], QAbstractItemView.ScrollHint.EnsureVisible)
        area, first = QRect(), self.visualRect(indexes[0])
        for i in indexes:
            area = area.united(self.visualRect(i))
        view = self.viewport().rect()
        for bar, low, high, view_low, view_high, first_low, first_high in (
                (self.horizontalScrollBar(), area.left(), area.right(), view.left(), view.right(),
                 first.left(), first.right()),
                (self.verticalScrollBar(), area.top(), area.bottom(), view.top(), view.bottom(),
                 first.top(), first.bottom())):
            shift = max(0, high - view_high)      # bring the far edge in …
            shift = min(shift, low - view_low)    # … without pushing the near edge out …
            shift = max(min(shift, first_low - view_low), first_high - view_high)   # … nor the current cell
            bar.setValue(bar.value() + shift)
        view = self.viewport().rect()
        hidden = sum(1 for i in indexes if not view.contains(self.visualRect(i)))
        if hidden:
            self.message.emit(f"还有 {hidden} 个相关单元格不在可见区域内，请滚动表格查看（选中的单元格即是）。")

    # Like a protected sheet: Enter, Tab and the arrows go from input cell to input cell only
    # (InputOrder); a vertical move keeps the column it started in across merged cells, and Enter
    # after a run of Tabs goes to the next row under the cell where the run began (Excel's habit).

    def _here(self) -> GridCell | None:
        current = self.currentIndex()
        return self.table_model.owner(current.row(), current.column()) if current.isValid() else None

    def _index(self, g: GridCell | None) -> QModelIndex:
        return self.table_model.index(g.row, g.col) if g is not None else QModelIndex()

    def _column_of(self, here: GridCell) -> int:
        """The column a vertical move follows: the one it came down (or up) in, else the cell's own."""
        col, at = self._column_hint
        return col if at == (here.row, here.col) and here.col <= col < here.col + here.colspan else here.col

    def moveCursor(self, action, modifiers):  # noqa: N802 - a Qt override
        here = self._here()
        if here is None or not self._order.inputs:
            first = self._order.first()
            return self._index(first) if first is not None else super().moveCursor(action, modifiers)
        target = self._target(action, here)
        return self._index(target) if target is not None else self.currentIndex()

    def _target(self, action, here: GridCell) -> GridCell | None:
        move, order = QAbstractItemView.CursorAction, self._order
        if action in (move.MoveNext, move.MovePrevious):
            return self._tab_target(here, action == move.MoveNext)
        if action in (move.MoveDown, move.MoveUp, move.MovePageDown, move.MovePageUp):
            col = self._column_of(here)
            if action == move.MoveDown:
                target = order.below(here, col)
            elif action == move.MoveUp:
                target = order.above(here, col)
            else:
                target = order.column_bottom(col) if action == move.MovePageDown else order.column_top(col)
            if target is not None:
                self._column_hint = (col, (target.row, target.col))
            return target
        if action == move.MoveRight:
            return order.right_of(here) or order.after(here)
        if action == move.MoveLeft:
            return order.left_of(here) or order.before(here)
        if action == move.MoveHome:
            return order.first()
        if action == move.MoveEnd:
            return order.last()
        return None

    def _tab_target(self, here: GridCell, forward: bool) -> GridCell | None:
        order = self._order
        target = order.after(here) if forward else order.before(here)
        if target is None:
            target = order.first() if forward else order.last()
            self.message.emit("已到本表最后一个填写格，回到第一个。" if forward else "已到本表第一个填写格，回到最后一个。")
        origin, at = self._tab_run
        if at != (here.row, here.col):
            origin = self._column_of(here)
        self._tab_run = (origin, (target.row, target.col)) if forward else (-1, None)
        return target

    def move_after_enter(self, backwards: bool = False) -> None:
        """Enter: the next input cell down the column (Shift+Enter: up); at the foot of a column
        the top of the next one; after the last, back to the first (the status bar says so)."""
        here = self._here()
        if here is None:
            self.setCurrentIndex(self._index(self._order.first()))
            return
        origin, at = self._tab_run
        col = origin if at == (here.row, here.col) and not backwards and origin >= 0 else self._column_of(here)
        self._tab_run = (-1, None)
        order = self._order
        target = order.above(here, col) if backwards else order.below(here, col)
        if target is None:
            step = -1 if backwards else 1
            next_col = order.next_column(col, step)
            if next_col is None:
                next_col = order.next_column(-1 if step > 0 else 10 ** 6, step)
                self.message.emit("已到本表最后一个填写格，回到第一个。" if step > 0 else "已到本表第一个填写格，回到最后一个。")
            if next_col is None:
                return
            col = next_col
            target = order.column_top(col) if step > 0 else order.column_bottom(col)
        self._column_hint = (col, (target.row, target.col))
        self.setCurrentIndex(self._index(target))

    def closeEditor(self, editor, hint) -> None:
        # Tab while editing: commit and move to the next input cell without opening its editor (Excel).
        if hint in (QAbstractItemDelegate.EndEditHint.EditNextItem, QAbstractItemDelegate.EndEditHint.EditPreviousItem):
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            action = (QAbstractItemView.CursorAction.MoveNext
                      if hint == QAbstractItemDelegate.EndEditHint.EditNextItem
                      else QAbstractItemView.CursorAction.MovePrevious)
            index = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
            if index.isValid():
                self.setCurrentIndex(index)
            return
        super().closeEditor(editor, hint)

    def _redirect_typing(self) -> bool:
        """Typing where no figure goes: True when the current cell is (now) an input cell — the
        keystroke is then typed there; False after saying on the status bar why nothing happened."""
        here = self._here()
        if here is not None and here.role is Role.INPUT:
            return True
        if here is not None and here.role is Role.COMPUTED:
            self.message.emit("这是合计单元格，由程序根据各项自动计算；请修改它左边或上面的数字。")
            return False
        target = self._order.nearest(here) if here is not None else self._order.first()
        if target is None:
            self.message.emit("本表没有需要填写的单元格。")
            return False
        index = self._index(target)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        where = f"“{shorten(here.text, 16)}”不是填写格，" if here is not None and here.text else ""
        self.message.emit(f"{where}已转到{target.key.name(16)}填写。")
        return True

    def keyboardSearch(self, search: str) -> None:  # noqa: N802 - a Qt override
        """Typed letters never jump to a label by its first letters (a spreadsheet does not)."""

    def inputMethodEvent(self, event) -> None:
        """Text from an input method (a Chinese IME) typed on a cell: like a key typed there, the
        nearest input cell's editor opens and receives it (Qt's own view would drop it)."""
        if self.state() == QAbstractItemView.State.EditingState or not (event.commitString() or event.preeditString()):
            super().inputMethodEvent(event)
            return
        event.accept()
        if not self._redirect_typing():
            return
        index = self.currentIndex()
        if not self.edit(index, QAbstractItemView.EditTrigger.AllEditTriggers, None):
            self.message.emit("这个单元格现在不能填写。")
            return
        editor = self.indexWidget(index)
        if isinstance(editor, QLineEdit):
            editor.clear()  # typing replaces the cell, as a key does
            QApplication.sendEvent(editor, event)

    def event(self, event) -> bool:
        if event.type() in LOOK_CHANGES or event.type() == QEvent.Type.Hide:
            self.forget_pictures()   # (hidden: a table not in view holds no pictures)
        # Take Ctrl+C / Ctrl+V / Delete before the window's menu shortcuts, like a text field does.
        if event.type() == QEvent.Type.ShortcutOverride and self.state() != QAbstractItemView.State.EditingState:
            if (event.matches(QKeySequence.StandardKey.Copy) or event.matches(QKeySequence.StandardKey.Paste)
                    or event.matches(QKeySequence.StandardKey.Cut) or event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)):
                event.accept()
                return True
        return super().event(event)

    def initViewItemOption(self, option) -> None:  # noqa: N802 - a Qt override
        """What the cells and the grid lines are painted with: the view's colours, and ``cells_look``
        when the palette gives the grid its look."""
        super().initViewItemOption(option)
        if self._palette_look:
            cells_look(option.palette)

    def paintEvent(self, event) -> None:  # noqa: N802 - a Qt override
        super().paintEvent(event)
        if self.showGrid():
            self._cover_grid_line_starts(event.region())
            if grid_lines.uneven(self.devicePixelRatioF()):   # (125 %, 150 %: see grid_lines)
                grid_lines.even_lines(self, self.table_model.spec.grid, LINES, event.region())

    def _cover_grid_line_starts(self, region) -> None:
        """QTableView draws each vertical grid line from the top of the area it repaints, and the
        line's first pixel is left inside a spanned cell there: a tick under the top edge of 行政复议
        or 未经复议直接起诉.  That pixel is painted again in the cell's own colour (a header's
        background; a selected or current cell, shaded over, is left as Qt drew it)."""
        model, selection, current = self.table_model, self.selectionModel(), self.currentIndex()
        painter = None
        for area in region:
            top, row = area.top(), self.rowAt(area.top())
            for g in self._wide_spans:
                if not g.row <= row < g.row + g.rowspan:
                    continue
                index = model.index(g.row, g.col)
                if index == current or selection.isSelected(index):
                    continue
                ends = [self.columnViewportPosition(c) + self.columnWidth(c) - 1 for c in range(g.col, g.col + g.colspan - 1)]
                ends = [x for x in ends if area.left() <= x <= area.right()]
                if ends:
                    painter = painter or QPainter(self.viewport())
                    colour = index.data(Qt.ItemDataRole.BackgroundRole) or self.palette().color(QPalette.ColorRole.Base)
                    for x in ends:
                        painter.fillRect(x, top, 1, 1, colour)
        if painter is not None:
            painter.end()

    def forget_pictures(self) -> None:
        """Paint every cell afresh next time (its look changed other than through the model)."""
        delegate = self.itemDelegate()
        if isinstance(delegate, _Delegate):
            delegate.pictures.forget()

    def keyPressEvent(self, event) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                return
            if event.matches(QKeySequence.StandardKey.Cut):
                self.copy_selection()
                self.clear_selection()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
                self.clear_selection()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.move_after_enter(bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
                return
            if event.key() == Qt.Key.Key_F2 and not event.modifiers():
                if self._redirect_typing():  # F2 on a header: edit the nearest input cell
                    self.edit(self.currentIndex())
                return
            if event.text().strip() and not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                                                  | Qt.KeyboardModifier.AltModifier)):
                if self._redirect_typing():
                    self._type_into_current(event)
                return
        super().keyPressEvent(event)

    def _type_into_current(self, event) -> None:
        """Open the current (input) cell's editor with the typed key as its first character."""
        if not self.edit(self.currentIndex(), QAbstractItemView.EditTrigger.AnyKeyPressed, event):
            self.message.emit("这个单元格现在不能填写。")

    # -- clipboard ------------------------------------------------------------------------------

    def _selected_positions(self) -> list[tuple[int, int]]:
        positions = {(i.row(), i.column()) for i in self.selectionModel().selectedIndexes()}
        current = self.currentIndex()
        if not positions and current.isValid():
            positions.add((current.row(), current.column()))
        return sorted(positions)

    def selection_text(self) -> str:
        positions = self._selected_positions()
        if not positions:
            return ""
        model = self.table_model
        rows = sorted({r for r, _ in positions})
        cols = sorted({c for _, c in positions})
        chosen = set(positions)
        out = []
        for r in range(rows[0], rows[-1] + 1):
            line = []
            for c in range(cols[0], cols[-1] + 1):
                g = model.grid_cell(r, c)
                text = ""
                if g is not None and (r, c) in chosen:
                    # a value cell copies its plain number (no 万元), so Excel/WPS take it as a number
                    role = Qt.ItemDataRole.EditRole if g.key is not None else Qt.ItemDataRole.DisplayRole
                    text = model.data(model.index(r, c), role) or ""
                line.append(text)
            out.append(line)
        return clipboard.to_tsv(out)

    def _select_area(self, top: int, left: int, bottom: int, right: int) -> None:
        """Select the rectangle of grid cells (the pasted block), its top-left cell current."""
        model = self.table_model
        self.setCurrentIndex(model.index(top, left))
        area = QItemSelection(model.index(top, left), model.index(bottom, right))
        self.selectionModel().select(area, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def copy_selection(self) -> None:
        text = self.selection_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.message.emit("已复制所选单元格（可粘贴到 Excel、WPS 或 Word）。")

    def clear_selection(self) -> None:
        n = self.table_model.clear_cells(self._selected_positions())
        self.message.emit(f"已清除 {n} 个单元格。" if n else "所选单元格中没有可清除的数字（合计由程序计算）。")

    def paste(self, text: str | None = None) -> int:
        block: list[list[str]] = []
        if text is None:
            mime = QGuiApplication.clipboard().mimeData()
            text = mime.text() if mime is not None and mime.hasText() else ""
            if not text.strip() and mime is not None and mime.hasHtml():
                block = clipboard.parse_html_table(mime.html())  # a table copied as HTML only
        block = block or clipboard.parse_block(text or "")
        if not block:
            self.message.emit("剪贴板中没有可粘贴的文字。")
            return 0
        current = self.currentIndex()
        if not current.isValid():
            current = self.table_model.index(0, 0)
        selection = self._selected_positions()
        anchor = min(selection) if selection and len(selection) > 1 else (current.row(), current.column())
        plan = self.table_model.plan_paste(block, anchor, selection)
        n = self.table_model.apply_paste(plan)
        if plan.area is not None:
            self._select_area(*plan.area)
        summary = f"已粘贴 {n} 个单元格。" if n else "没有粘贴任何数字。"
        if plan.notes:   # listed above the table until the clerk closes them (the status bar moves on)
            summary += f"其中 {len(plan.notes)} 处作了解读，见表格上方的说明。"
        self.interpreted.emit(f"粘贴时作了 {len(plan.notes)} 处解读", plan.notes)   # none: an earlier paste's go
        self.message.emit(summary)
        if plan.problems:
            self.paste_problems.emit([f"已粘贴 {n} 个单元格，以下内容未能粘贴："] + plan.problems)
        return n


CellDelegate = _Delegate   # the grid's delegate, for a view that paints more in its cells (previous_figures)
