"""A Qt table model over one of the report's tables (二, 三 or 四), for any format version.

The model owns no data: positions, merged cells, labels and which cells are inputs come from
``form.tables[id].grid``; values, totals and findings from the ``Document``.  Editing a cell
pushes a ``SetCells`` edit through the session (one undo step); the document's change comes back
as ``Session.changed`` and becomes ``dataChanged`` on what moved: the edited cells, the totals
whose value changed and the cells whose tint changed (over the whole table when many did).

What a cell paints with (text, font, alignment, colours) is kept per cell and answered to the
view's delegate in one call (``multiData``: Qt asks for seven roles of each cell it paints); a
cell's entry is made again only when its ``dataChanged`` is emitted.  The grid's shape and each
cell's flags are held in C++ (an item per position, holding nothing else): Qt asks every visible
cell of a repaint for its index (the row and column counts) and twice for its flags, and those
calls into Python were a third of a repaint drawn from the cells' pictures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from ..core.document import Change
from ..core.edits import set_cells
from ..core.findings import Finding, Severity
from ..core.forms import CellKey, GridCell, Role, TableSpec
from ..core.rules import BLANK
from ..core.values import ValueProblem, format_value, normalise_text, parse_value, value_with_unit
from .commands import Session
from .fonts import bold_font

SEVERITY_COLOURS = {Severity.ERROR: QColor("#f6b4ac"), Severity.WARNING: QColor("#fbe09a")}
HEADER_COLOUR = QColor("#eef1f5")
CAPTION_COLOUR = QColor("#dbe5f1")
COMPUTED_COLOUR = QColor("#e4ecf7")
COMPUTED_TEXT = QColor("#1f3f73")
LABEL_COLOUR = QColor("#fbfbfb")
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
MAX_SINGLE_UPDATES = 48  # more changed cells than this: one dataChanged over the whole table
# Findings about every blank cell are listed in the panel, not painted on the cells.
UNTINTED_RULES = {BLANK.id}

DISPLAY, EDIT = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.EditRole)
DECORATION, CHECK_STATE = int(Qt.ItemDataRole.DecorationRole), int(Qt.ItemDataRole.CheckStateRole)
BACKGROUND, FOREGROUND = int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.ForegroundRole)
FONT, ALIGNMENT = int(Qt.ItemDataRole.FontRole), int(Qt.ItemDataRole.TextAlignmentRole)
TOOLTIP, ACCESSIBLE = int(Qt.ItemDataRole.ToolTipRole), int(Qt.ItemDataRole.AccessibleTextRole)
ALIGN_NUMBER = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
ALIGN_LABEL = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
ALIGN_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
# the roles a QStyledItemDelegate paints a cell with: kept per cell (``painted``)
PAINT_ROLES = frozenset({DISPLAY, DECORATION, FONT, ALIGNMENT, BACKGROUND, FOREGROUND, CHECK_STATE})
SEVERITY_BRUSHES = {s: QBrush(c) for s, c in SEVERITY_COLOURS.items()}
COMPUTED_TEXT_BRUSH = QBrush(COMPUTED_TEXT)
_bold: dict[Role, QFont] = {}
_FLAGS_INPUT = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
_FLAGS_OTHER = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_FLAGS_COVERED = Qt.ItemFlag.ItemIsEnabled


def bold_fonts() -> dict[Role, QFont]:
    """The fonts of the cells drawn bold (made on first use: they need the application's font):
    headers and captions with their Chinese drawn from the regular face made bold (``bold_font``),
    the totals — figures alone — in the bold face."""
    if not _bold:
        _bold[Role.HEADER] = _bold[Role.CAPTION] = bold_font(QFont())
        figures = QFont()
        figures.setBold(True)
        _bold[Role.COMPUTED] = figures
    return _bold


@dataclass
class PastePlan:
    values: dict[CellKey, object] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)   # values that could not be placed, why
    notes: list[str] = field(default_factory=list)      # interpretations (“12件”按12读取)
    skipped_computed: int = 0
    outside: int = 0
    # the grid rectangle the block covers (top, left, bottom, right), inside the table; None when a
    # single value was pasted onto a selection (the selection is the area)
    area: tuple[int, int, int, int] | None = None


class TableModel(QStandardItemModel):
    problem = Signal(str)   # a typed value could not be read (message for the clerk)
    note = Signal(str)      # a typed value was interpreted (“１２”按12读取)
    grid_changed = Signal()  # after a reset to another format version's grid (views re-apply spans)

    def __init__(self, session: Session, table_id: str, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.table_id = table_id
        self._load_spec()
        session.changed.connect(self._on_change)

    # -- layout ---------------------------------------------------------------------------------

    def _load_spec(self) -> None:
        self.form = self.session.report.form
        self.spec: TableSpec = self.form.tables[self.table_id]
        self._at: dict[tuple[int, int], GridCell] = {}
        self._owner: dict[tuple[int, int], GridCell] = {}
        self._pos: dict[CellKey, tuple[int, int]] = {}
        for g in self.spec.grid:
            self._at[(g.row, g.col)] = g
            for r in range(g.row, g.row + g.rowspan):
                for c in range(g.col, g.col + g.colspan):
                    self._owner[(r, c)] = g
            if g.key is not None:
                self._pos[g.key] = (g.row, g.col)
        self._alignment = {g: (ALIGN_NUMBER if g.role in (Role.INPUT, Role.COMPUTED)
                               else ALIGN_LABEL if g.role is Role.CAPTION
                               or (g.role is Role.LABEL and g.rowspan == 1) else ALIGN_CENTRE)
                           for g in self.spec.grid}
        self._base_brush = {g: QBrush(self._background(g)) for g in self.spec.grid}
        self._computed_keys = tuple(c.key for c in self.spec.cells if c.computed)
        self._kinds = {c.key: c.kind for c in self.spec.cells}
        self._severity: dict = {}
        self._totals: dict = {}
        self._paint: dict[tuple[int, int], dict[int, object]] = {}   # (row, col) → role → value
        self._refresh_marks()
        self._make_items()

    def _make_items(self) -> None:
        """An item for each position of the grid, holding its flags (an input cell is editable, a
        position inside a merged cell only enabled); what a cell shows is answered by ``data``."""
        flags = {(g.row, g.col): _FLAGS_INPUT if g.role is Role.INPUT else _FLAGS_OTHER for g in self.spec.grid}
        blocked = self.blockSignals(True)   # (a new model, or between a reset's beginning and end)
        try:
            self.setRowCount(0)
            self.setColumnCount(0)
            self.setRowCount(self.spec.n_rows)
            self.setColumnCount(self.spec.n_cols)
            for r in range(self.spec.n_rows):
                for c in range(self.spec.n_cols):
                    item = QStandardItem()
                    item.setFlags(flags.get((r, c), _FLAGS_COVERED))
                    self.setItem(r, c, item)
        finally:
            self.blockSignals(blocked)

    def grid_cell(self, row: int, col: int) -> GridCell | None:
        """The grid cell whose top-left corner is (row, col) (None inside a merged cell)."""
        return self._at.get((row, col))

    def owner(self, row: int, col: int) -> GridCell | None:
        """The grid cell covering (row, col)."""
        return self._owner.get((row, col))

    def spans(self) -> list[GridCell]:
        return [g for g in self.spec.grid if g.rowspan > 1 or g.colspan > 1]

    def key_at(self, index: QModelIndex) -> CellKey | None:
        g = self._owner.get((index.row(), index.column())) if index.isValid() else None
        return g.key if g is not None else None

    def index_of(self, key: CellKey) -> QModelIndex:
        pos = self._pos.get(key)
        return self.index(*pos) if pos else QModelIndex()

    # -- findings -------------------------------------------------------------------------------

    def _refresh_marks(self) -> None:
        marks: dict[CellKey, list[Finding]] = {}
        for f in self.session.document.findings:
            if f.rule in UNTINTED_RULES:
                continue
            for key in f.marked:   # an imbalance: the cell changed last, not every cell it involves
                if key.table == self.table_id:
                    marks.setdefault(key, []).append(f)
        self._marks = marks
        self._severity = {k: s for k in marks if (s := self.severity_at(k)) is not None}
        document = self.session.document
        self._value = document.value
        self._totals = {k: document.computed.get(k) for k in self._computed_keys}

    def severity_at(self, key: CellKey) -> Severity | None:
        # a to-do (a balance whose other side is not typed yet) is not tinted as an error
        open_ = [f.severity for f in self._marks.get(key, ())
                 if f.is_open and not f.todo and f.severity in SEVERITY_COLOURS]
        return min(open_, key=SEVERITY_ORDER.__getitem__) if open_ else None

    def _on_change(self, change: Change) -> None:
        if change.everything and self.session.report.form is not self.form:
            self.beginResetModel()
            self._load_spec()
            self.endResetModel()
            self.grid_changed.emit()
            return
        old_severity, old_totals = self._severity, self._totals
        self._refresh_marks()
        if not (self.spec.n_rows and self.spec.n_cols):
            return
        if not change.everything:
            # only what moved: the edited cells, totals whose value changed, cells whose flag changed
            # (the view then repaints those cells, not the whole table; a text edited elsewhere
            # changes no figure, only perhaps a flag)
            touched = {k for k in change.cells if k in self._pos}
            touched |= {k for k, v in self._totals.items() if old_totals.get(k) != v}
            touched |= {k for k in old_severity.keys() | self._severity.keys()
                        if old_severity.get(k) != self._severity.get(k)}
            if len(touched) <= MAX_SINGLE_UPDATES:
                for key in touched:
                    pos = self._pos[key]
                    self._paint.pop(pos, None)
                    index = self.index(*pos)
                    self.dataChanged.emit(index, index)
                return
        self._paint.clear()
        self.dataChanged.emit(self.index(0, 0), self.index(self.spec.n_rows - 1, self.spec.n_cols - 1))

    # -- Qt model interface ---------------------------------------------------------------------

    def multiData(self, index: QModelIndex | QPersistentModelIndex, roleDataSpan) -> None:  # noqa: N802, N803
        """Every role the delegate asks for, in one call (Qt's own would call ``data`` for each)."""
        painted = self.painted(index.row(), index.column())
        for role_data in roleDataSpan:
            role = role_data.role()
            value = painted.get(role) if role in PAINT_ROLES else self.data(index, role)
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY):
        if role in PAINT_ROLES:
            return self.painted(index.row(), index.column()).get(role)
        g = self._at.get((index.row(), index.column()))
        if g is None or g.key is None:
            return g.text if g is not None and role == ACCESSIBLE else None
        if role == EDIT:
            return format_value(self._value(g.key))
        if role == TOOLTIP:
            return self._tooltip(g)
        if role == ACCESSIBLE:
            return f"{g.key.row} {g.key.col} {format_value(self._value(g.key))}"
        return None

    def painted(self, row: int, col: int) -> dict[int, object]:
        """The roles the cell at (row, col) is painted with, made when first asked for after its
        last change: a new dictionary each time it changes (``CellPictures`` relies on that)."""
        painted = self._paint.get((row, col))
        if painted is None:
            g = self._at.get((row, col))
            painted = {} if g is None else {role: value for role in PAINT_ROLES
                                            if (value := self._role_value(g, role)) is not None}
            self._paint[(row, col)] = painted
        return painted

    def _role_value(self, g: GridCell, role: int):
        if role == DISPLAY:
            if g.key is None:
                return g.text
            return value_with_unit(self._value(g.key), self.spec.cell(g.key))
        if role == BACKGROUND:
            if g.key is not None:
                sev = self._severity.get(g.key)
                if sev is not None:
                    return SEVERITY_BRUSHES[sev]
            return self._base_brush[g]
        if role == FONT:
            return bold_fonts().get(g.role)
        if role == ALIGNMENT:
            return self._alignment[g]
        if role == FOREGROUND:
            return COMPUTED_TEXT_BRUSH if g.role is Role.COMPUTED else None
        return None

    def _background(self, g: GridCell) -> QColor:
        """The colour of a cell without findings."""
        if g.key is not None:
            return COMPUTED_COLOUR if g.role is Role.COMPUTED else QColor(Qt.GlobalColor.white)
        if g.role is Role.CAPTION:
            return CAPTION_COLOUR
        if g.role in (Role.HEADER, Role.NOTE):
            return HEADER_COLOUR
        return LABEL_COLOUR

    def _tooltip(self, g: GridCell) -> str | None:
        if g.key is None:
            return g.text if len(g.text) > 12 else None
        lines = []
        if g.role is Role.COMPUTED:
            lines.append("合计单元格：由程序根据各项自动计算，不能直接填写。")
        ledger = self.session.report.ledger
        if ledger is not None and g.key in ledger.cells:   # the drill-down: which ledger rows it counts
            lines.append(ledger.explain(g.key))
        for f in self._marks.get(g.key, ()):
            label = "待填写" if f.todo else f.severity.label
            mark = f"【{label}】" if f.is_open else f"【{label}·已确认：{f.accepted_reason}】"
            lines.append(mark + f.message)
        return "\n".join(lines) or None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        return None  # the grid itself carries the official headers

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        g = self._at.get((index.row(), index.column()))
        if g is None or g.role is not Role.INPUT or g.key is None:
            return False
        kind = self.form.cell(g.key).kind
        try:
            parsed = parse_value("" if value is None else value, kind)
        except ValueProblem as exc:
            self.problem.emit(f"{_where(g.key)}：{exc}。请填写数字（空白或“/”表示0）。")
            return False
        if parsed.note:
            self.note.emit(f"{_where(g.key)}：{parsed.note}")
        edit = set_cells(self.session.report, {g.key: parsed.value}, f"修改{g.key.name()}")
        self.session.push(edit)
        return True

    # -- block operations -----------------------------------------------------------------------

    def clear_cells(self, positions: list[tuple[int, int]]) -> int:
        """Clear the input cells at ``positions`` as one undo step; returns how many changed."""
        keys = []
        for pos in positions:
            g = self._owner.get(pos)
            if g is not None and g.role is Role.INPUT and g.key not in keys:
                keys.append(g.key)
        edit = set_cells(self.session.report, {k: None for k in keys}, "")
        if not edit.changes:
            return 0
        edit = set_cells(self.session.report, {k: None for k in keys}, f"清除 {len(edit.changes)} 个单元格")
        self.session.push(edit)
        return len(edit.changes)

    def plan_paste(self, block: list[list[str]], anchor: tuple[int, int],
                   selection: list[tuple[int, int]] | None = None) -> PastePlan:
        """Where each text of ``block`` goes, starting at ``anchor`` (a merged cell counts once).

        One value pasted onto a selection of several cells fills every selected input cell."""
        plan = PastePlan()
        if len(block) == 1 and len(block[0]) == 1 and selection and len(selection) > 1:
            targets: list[GridCell] = []
            for pos in selection:
                g = self._owner.get(pos)
                if g is not None and g.role is Role.INPUT and g not in targets:
                    targets.append(g)
            for g in targets:
                self._place(plan, g, block[0][0], 1, 1)
            return plan
        start = self._owner.get(anchor)
        r0, c0 = (start.row, start.col) if start is not None else anchor
        if start is not None and start.role is Role.INPUT:   # rows copied with their names: the figures
            block = self._without_row_names(plan, block, r0, c0)
        bottom, right = r0, c0
        for i, line in enumerate(block):
            r, c = r0 + i, c0
            for j, text in enumerate(line):
                if r >= self.spec.n_rows or c >= self.spec.n_cols:
                    if text.strip():
                        plan.outside += 1
                    c += 1
                    continue
                g = self._owner[(r, c)]
                self._place(plan, g, text, i + 1, j + 1)
                bottom, right = max(bottom, g.row + g.rowspan - 1), max(right, g.col + g.colspan - 1)
                c = g.col + g.colspan
        plan.area = (r0, c0, bottom, right)
        if plan.outside:
            plan.problems.append(f"有 {plan.outside} 个值超出了表格范围，未粘贴（粘贴的区域比表格大）。")
        if plan.skipped_computed:
            plan.notes.append(f"{plan.skipped_computed} 个值落在合计单元格上，已跳过（合计由程序计算）。")
        return plan

    def _without_row_names(self, plan: PastePlan, block: list[list[str]], r0: int, c0: int) -> list[list[str]]:
        """``block`` without the row names it was copied with (pasted on a figure, they shifted every
        figure one column to the right); a name naming another row than the one its figures go
        to is a problem to check (a row missing or extra in the clerk's sheet)."""
        from ..io.locate.labels import canonical_label
        from .clipboard import split_row_labels
        labels, figures = split_row_labels(block)
        if not labels:
            return block
        plan.notes.append(f"每行前面的行名称（如“{next(t for t in labels if t)}”）未作为数字粘贴，只粘贴了其后的数字。")
        rows = {canonical_label(r) for r in self.spec.rows}
        for i, label in enumerate(labels):
            g = self._owner.get((r0 + i, c0))
            if label and g is not None and g.key is not None and canonical_label(label) in rows \
                    and canonical_label(label) != canonical_label(g.key.row):
                plan.problems.append(f"第{i + 1}行的行名称“{label}”与粘贴到的行“{g.key.row}”不同，"
                                     "请核对是否错行（数字已按粘贴的位置填入，可撤销）。")
        return figures

    def _place(self, plan: PastePlan, g: GridCell, text: str, line: int, item: int) -> None:
        where = f"第{line}行第{item}个值“{text.strip()}”"
        if g.role is Role.INPUT and g.key is not None:
            if g.key in plan.values:
                return
            try:
                parsed = parse_value(text, self.form.cell(g.key).kind)
            except ValueProblem as exc:
                plan.problems.append(f"{where}（{_where(g.key)}）：{exc}")
                return
            if parsed.note:
                plan.notes.append(f"{_where(g.key)}：{parsed.note}")
            plan.values[g.key] = parsed.value
        elif g.role is Role.COMPUTED:
            if text.strip():
                plan.skipped_computed += 1
        elif text.strip() and normalise_text(text) != normalise_text(g.text):
            plan.problems.append(f"{where}落在标题/栏目“{g.text}”上，未粘贴。")

    def apply_paste(self, plan: PastePlan) -> int:
        edit = set_cells(self.session.report, plan.values, "")
        n = len(edit.changes)
        if n:
            self.session.push(set_cells(self.session.report, plan.values, f"粘贴 {n} 个单元格"))
        return n


def _where(key: CellKey) -> str:
    return key.name()
