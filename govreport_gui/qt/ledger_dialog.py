"""The ledger preview (文件→从申请台账填写表三/表四…): what the ledgers give before anything is filled in.

Four tabs over one ``core.ledger.count.LedgerCount``: the counted tables (each cell's tooltip names
its ledger rows), the rows left out and why, the unclear values — each distinct value once, with a
list to assign it to an official label or to 不计入 — and the reading notes.  Every assignment
recounts at once (the ledgers were read once; counting is fast).  The dialog changes nothing; on
填写 the caller applies the count as one undoable edit and remembers the clerk's assignments for
the agency's next ledgers (``assignments()``).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.forms import FormSpec, tables_named
from ..core.forms.ledger_words import Field
from ..core.ledger.count import LedgerCount, count_ledgers
from ..core.ledger.sheet import LedgerSheet, rows_text
from ..core.ledger.summary import FIELD_NAMES, ledger_tables, summary_lines
from ..core.ledger.words import SKIP
from ..core.recalc import recalculate
from .screen_fit import resize_to_fit

NOT_CHOSEN, DO_NOT_COUNT = "（请选择）", "不计入"

Choices = dict[tuple[Field, str], tuple[str, str]]   # (field, key) → (value as written, label or SKIP)


class LedgerDialog(QDialog):
    def __init__(self, sheets: list[LedgerSheet], form: FormSpec, year: int, previous=None,
                 remembered: dict[Field, dict[str, str]] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"从申请台账填写{tables_named(ledger_tables(form))}")
        resize_to_fit(self, 980, 660)
        self._sheets, self._form, self._year, self._previous = sheets, form, year, previous
        self._remembered = remembered or {}
        self.choices: Choices = {}
        self.count: LedgerCount = self._count()
        self._unclear = list(self.count.unclear.values())   # stays listed after it is assigned
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self._build_tabs()
        self.buttons = QDialogButtonBox()
        self.fill_button = self.buttons.addButton("填写", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.fill_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._refresh()

    # -- counting --------------------------------------------------------------------------------

    def _count(self) -> LedgerCount:
        assigned = {f: dict(values) for f, values in self._remembered.items()}
        for (f, key), (_shown, label) in self.choices.items():
            assigned.setdefault(f, {})[key] = label
        return count_ledgers(self._sheets, self._form, self._year, assigned, self._previous)

    def assign(self, field: Field, key: str, label: str | None) -> None:
        """The clerk's choice for one unclear value (None: no choice); recounts."""
        shown = next((u.shown for u in self._unclear if (u.field, u.key) == (field, key)), key)
        if label is None:
            self.choices.pop((field, key), None)
        else:
            self.choices[(field, key)] = (shown, label)
        self.count = self._count()
        self._refresh()

    def assignments(self) -> Choices:
        """The clerk's assignments made in this dialog (to remember for the agency)."""
        return dict(self.choices)

    # -- views -----------------------------------------------------------------------------------

    def _build_tabs(self) -> None:
        self.tables_page = QWidget()
        self.tables_layout = QVBoxLayout(self.tables_page)
        self.figure_tables: dict[str, QTableWidget] = {}
        for table_id in self.count.tables:
            self.tables_layout.addWidget(QLabel(f"表{table_id}"))
            view = QTableWidget()
            view.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            self.figure_tables[table_id] = view
            self.tables_layout.addWidget(view, 3 if len(self.figure_tables) == 1 else 1)
        self.tabs.addTab(self.tables_page, "计数")
        self.left_out_view = _list_view(("位置", "原因", "值"))
        _fit_to_width(self.left_out_view, long_columns=(1, 2))
        self.tabs.addTab(self.left_out_view, "未计入的行")
        self.unclear_view = _list_view(("台账中的值", "栏目", "行数", "归入"))
        self._fill_unclear()
        self.tabs.addTab(self.unclear_view, "需要归类的值")
        self.notes = QPlainTextEdit()
        self.notes.setReadOnly(True)
        self.tabs.addTab(self.notes, "读取说明")

    def _refresh(self) -> None:
        count = self.count
        computed = recalculate(self._form, count.values())
        for table_id, view in self.figure_tables.items():
            _fill_figures(view, self._form.table(table_id), count, computed)
        _fill_rows(self.left_out_view, [(lo.ref.where(), lo.why, lo.value) for lo in count.left_out])
        self.notes.setPlainText("\n".join(summary_lines(count)))
        self.tabs.setTabText(1, f"未计入的行（{len(count.left_out)}）")
        self.tabs.setTabText(2, f"需要归类的值（{self._open_unclear()}）")
        self.tabs.setTabText(3, f"读取说明（请核对 {len(count.to_check)} 处）" if count.to_check else "读取说明")
        self.summary.setText(self._summary_text())
        self.fill_button.setText("填写" + "、".join(f"表{t}" for t in count.tables))

    def _summary_text(self) -> str:
        count = self.count
        other = sum(len(refs) for refs in count.other_years.values())
        parts = [f"<b>{html.escape('、'.join(count.sources))}</b>　按{count.year}年度、{self._form.version}版格式计数：",
                 f"计入 {count.placed} 行；不属于本年度 {other} 行。"]
        if count.left_out:   # what to do: assign the unclear values here, else correct the ledger's rows
            todo = ("其中无法归类的值可在“需要归类的值”中逐一归入官方类别，归类会记住，以后读取本机关的台账时自动沿用"
                    if self._open_unclear() else "请逐行核对：台账中写错的，改正后重新读取")
            parts.append(f"<span style='color:#b00000'>有 {len(count.left_out)} 行未计入（见“未计入的行”）；{todo}。</span>")
        if count.findings:
            parts.append(f"<span style='color:#b00000'>台账中的上年结转与上年报告不一致（{len(count.findings)} 处，"
                         "见“读取说明”）。</span>")
        if count.to_check:
            parts.append(f"<span style='color:#8a5a00'>{_to_check_text(count)}详见“读取说明”中的“请核对”。</span>")
        parts.append("确认后点“填写”：只改写所计数的表格，可以撤销。")
        return "<br>".join(parts)

    def _open_unclear(self) -> int:
        """How many unclear values the clerk has not assigned yet."""
        return sum(1 for u in self._unclear if (u.field, u.key) not in self.choices)

    def _fill_unclear(self) -> None:
        view = self.unclear_view
        view.setRowCount(len(self._unclear))
        for r, u in enumerate(self._unclear):
            for c, text in enumerate((u.shown, FIELD_NAMES.get(u.field, ""), str(len(u.refs)))):
                item = QTableWidgetItem(text)
                item.setToolTip(rows_text(u.refs, limit=30))
                view.setItem(r, c, item)
            combo = QComboBox()
            combo.addItems([NOT_CHOSEN, *u.choices, DO_NOT_COUNT])
            combo.currentIndexChanged.connect(lambda _i, u=u, combo=combo: self._chosen(u, combo.currentText()))
            view.setCellWidget(r, 3, combo)
        view.resizeColumnsToContents()
        view.setColumnWidth(3, max(view.columnWidth(3), 360))

    def _chosen(self, unclear, text: str) -> None:
        label = None if text == NOT_CHOSEN else SKIP if text == DO_NOT_COUNT else text
        self.assign(unclear.field, unclear.key, label)

    def unclear_combo(self, shown: str) -> QComboBox:
        """The assignment list of the unclear value written ``shown`` (for tests and accessibility)."""
        row = next(r for r, u in enumerate(self._unclear) if u.shown == shown)
        return self.unclear_view.cellWidget(row, 3)


def _to_check_text(count: LedgerCount) -> str:
    """``台账中有 5 行是隐藏的…，已照常计入；处理结果按隐藏的列读取，请在 Excel/WPS 中取消隐藏后核对；
    有 2 行有删除线或注明作废，未计入，请核对。``"""
    parts = []
    if count.hidden_rows:
        repeats = f"，其中 {len(count.hidden_repeats)} 行与未隐藏的行内容相同，可能是重复登记" if count.hidden_repeats else ""
        parts.append(f"台账中有 {len(count.hidden_rows)} 行是隐藏的（手动隐藏、筛选或分组折叠），已照常计入{repeats}")
    if count.hidden_columns:
        parts.append(f"{'、'.join(count.hidden_columns)}按隐藏的列读取")
    if parts:
        parts[-1] += "，请在 Excel/WPS 中取消隐藏后核对"
    if count.voided:
        parts.append(f"台账中有 {len(count.voided)} 行有删除线或注明作废，按已作废未计入，请核对是否确应不计")
    return "；".join(parts) + "。"


def _list_view(headers: tuple[str, ...]) -> QTableWidget:
    view = QTableWidget(0, len(headers))
    view.setHorizontalHeaderLabels(list(headers))
    view.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    return view


# Rows wrapped to their text up to this many; a longer list keeps one line a row (each cell's whole
# text is its tooltip): sizing every row to its text would make a list of thousands slow to show.
WRAPPED_ROWS = 400
SHORT_COLUMN = 300   # pixels at most for a column of short text (位置), before the long ones share the rest


def _fit_to_width(view: QTableWidget, long_columns: tuple[int, ...]) -> None:
    """A list as wide as its window (never scrolled sideways, at any width the dialog opens at): the
    columns of long text share the room left by the others — sized to their contents up to
    ``SHORT_COLUMN``, the clerk may widen them — and wrap."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    for c in range(view.columnCount()):
        mode = QHeaderView.ResizeMode.Stretch if c in long_columns else QHeaderView.ResizeMode.Interactive
        header.setSectionResizeMode(c, mode)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setWordWrap(True)


def _fill_rows(view: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    view.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            view.setItem(r, c, item)
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for c in range(view.columnCount()):   # (a short column no wider than SHORT_COLUMN: a long file name elided)
        if header.sectionResizeMode(c) is QHeaderView.ResizeMode.Interactive and header.sectionSize(c) > SHORT_COLUMN:
            header.resizeSection(c, SHORT_COLUMN)
    wrapped = len(rows) <= WRAPPED_ROWS
    view.verticalHeader().setSectionResizeMode(
        QHeaderView.ResizeMode.ResizeToContents if wrapped else QHeaderView.ResizeMode.Interactive)


def _fill_figures(view: QTableWidget, table, count: LedgerCount, computed) -> None:
    """The table's figures: one line per row (三) or group (四), a column per applicant/outcome."""
    view.setRowCount(len(table.rows))
    view.setColumnCount(len(table.cols))
    view.setHorizontalHeaderLabels(list(table.cols))
    view.setVerticalHeaderLabels(_row_labels(table))
    bold = QFont()
    bold.setBold(True)
    values = count.values()
    for r, row in enumerate(table.rows):
        for c, col in enumerate(table.cols):
            key = next((s.key for s in table.cells if s.key.row == row and s.key.col == col), None)
            value = values.get(key, computed.get(key)) if key is not None else None
            item = QTableWidgetItem("" if value is None else str(value))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            refs = count.counted.get(key, [])
            if refs:
                item.setToolTip(f"{len(refs)}件：{rows_text(refs, limit=30)}")
                item.setFont(bold)
            if key is not None and key not in values:
                item.setForeground(QBrush(QColor("#1f3f73")))   # a total, as in the editor
            view.setItem(r, c, item)
    view.resizeColumnsToContents()


def _row_labels(table) -> list[str]:
    """The rows' labels, a leaf of a group after its group's (``（四）无法提供　1.本机关不掌握…``): the
    preview has no spanning group cells, and without them 表三's leaves numbered 1. 2. 3. again
    under each group read as one list."""
    group_of = {row: g.label for g in table.groups if len(g.rows) > 1 for row in g.rows if row != g.label}
    return [f"{group_of[row]}　{row}" if row in group_of else row for row in table.rows]
