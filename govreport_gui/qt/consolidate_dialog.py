"""汇总… — consolidate the reports of the units (townships, streets, departments) into one.

A standalone dialog the main window opens: the clerk adds files or folders; they are read and
checked in worker processes on every core and summed in a background thread
(``consolidate_reading``: progress bar, 取消; the units come in batches and the dialog only adds
rows and paints); every unit is listed with whether it is counted (已计入 / 未计入, 手动 when by
the clerk's choice, with the clerk's reason), its file name (elided in the middle, the path in the
tooltip), agency, year, version, its errors, warnings and to-dos counted as the editor counts
them, and its problems; the sum is recomputed at once; selecting a cell of the result shows which
units contributed what (drill-down); the unit list can be exported to Excel; ``生成汇总报告``
hands the consolidated report to the caller (signal ``resultAccepted(Report)``, or
``result_report()`` after ``exec``).  The year is the one most units report until the clerk
chooses one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QThread,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.consolidate import Consolidation, Unit
from ..core.findings import Severity
from ..core.forms import CellKey, form_for_year, versions
from ..core.periods import reporting_year
from ..core.recalc import all_values
from ..core.report import Report
from ..core.values import format_value
from . import dialogs
from .consolidate_reading import (
    Choice,
    Prepared,
    ReadOutcome,
    ReadWorker,
    Settings,
    SumWorker,
    apply_choice,
    prepare,
    release_units,
)
from .dialog_types import Dialogs
from .screen_fit import resize_to_fit
from .work_folders import EXPORT, UNITS

if TYPE_CHECKING:
    from ..io.consolidation_io import FileList

EXCLUDED_BRUSH = QBrush(QColor("#F3F3F3"))
PROBLEM_BRUSH = QBrush(QColor("#FFF1E0"))
GREY = QBrush(QColor("#777777"))


# ---------------------------------------------------------------------------------------------
# The unit list


@dataclass(frozen=True)
class _Column:
    header: str
    text: Callable[[Unit], str]
    centred: bool = False


def _readable(text: Callable[[Unit], str]) -> Callable[[Unit], str]:
    return lambda u: text(u) if u.readable else ""


# The unit list's columns, in order; the first is also the include checkbox (sets ``Unit.choice``).
# 错误/警告/待填写: the unit's own check, counted as the editor's status bar counts it.
UNIT_COLUMNS = (
    _Column("计入", lambda u: u.status_text()),
    _Column("文件", lambda u: u.name),
    _Column("机关名称", lambda u: u.agency or ("" if not u.readable else "（未填写）")),
    _Column("年度", lambda u: str(u.year) if u.year else "", centred=True),
    _Column("版本", lambda u: f"{u.version}版" if u.version else "", centred=True),
    _Column("错误", _readable(lambda u: str(u.errors)), centred=True),
    _Column("警告", _readable(lambda u: str(u.warnings)), centred=True),
    _Column("待填写", _readable(lambda u: str(u.todo)), centred=True),
    _Column("问题及原因", lambda u: u.problem_text()),
)
COLUMN_WIDTHS = (118, 260, 200, 56, 56, 44, 44, 52)   # the last column stretches
FILE_COLUMN = 1
NAMES = (1, 2)          # 文件, 机关名称: narrowed (elided; the tooltip has them whole) when the list is narrow …
NAMES_LEAST = 110       # … down to this …
REASON_LEAST = 220      # … so that 问题及原因 keeps this much in view

LOG = logging.getLogger(__name__)
INCLUDE_COLUMN = 0
ROLES = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.ToolTipRole,
                   Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
                   Qt.ItemDataRole.TextAlignmentRole))   # the roles the unit list answers
CENTRED = int(Qt.AlignmentFlag.AlignCenter)


class UnitListModel(QAbstractTableModel):
    """Adapts the list of units (columns: ``UNIT_COLUMNS``)."""

    HEADERS = tuple(c.header for c in UNIT_COLUMNS)
    toggled = Signal(int, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.units: list[Unit] = []

    def set_units(self, units: list[Unit]) -> None:
        self.beginResetModel()
        self.units = units
        self.endResetModel()

    def append_units(self, units: list[Unit]) -> None:
        """Units just read, at the end of the list (while reading: rows added, nothing reset)."""
        if units:
            first = len(self.units)
            self.beginInsertRows(QModelIndex(), first, first + len(units) - 1)
            self.units.extend(units)
            self.endInsertRows()

    def refresh(self) -> None:
        if self.units:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.units) - 1, len(self.HEADERS) - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self.HEADERS[section]
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == INCLUDE_COLUMN and self.units[index.row()].readable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def multiData(self, index: QModelIndex | QPersistentModelIndex, roleDataSpan) -> None:  # noqa: N802, N803
        """Every role the delegate asks for, in one call: Qt's own calls ``data`` once for each of
        the seven roles of every visible cell, on every repaint — one per batch while reading."""
        u, col = self.units[index.row()], index.column()
        for role_data in roleDataSpan:
            role = role_data.role()
            value = self._answer(u, col, role) if role in ROLES else None
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in ROLES or not index.isValid():
            return None
        return self._answer(self.units[index.row()], index.column(), role)

    def _answer(self, u: Unit, col: int, role: int):
        """What unit ``u``'s cell in column ``col`` shows for ``role`` (one of ``ROLES``)."""
        if role == Qt.ItemDataRole.DisplayRole:
            return UNIT_COLUMNS[col].text(u)
        if role == Qt.ItemDataRole.CheckStateRole:
            if col != INCLUDE_COLUMN:
                return None
            return Qt.CheckState.Checked if (u.include and u.readable) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(u, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            if not (u.include and u.readable):
                return EXCLUDED_BRUSH
            return PROBLEM_BRUSH if u.problems else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return None if u.include and u.readable else GREY
        if role == Qt.ItemDataRole.TextAlignmentRole and UNIT_COLUMNS[col].centred:
            return CENTRED
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != INCLUDE_COLUMN or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if not self.units[index.row()].readable:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        self.toggled.emit(index.row(), bool(checked))
        return True


def _tooltip(u: Unit, col: int) -> str:
    """The whole path over the file name; elsewhere the path, the unit's problems, its own
    check's findings and the reader's notes."""
    if col == FILE_COLUMN:
        return u.path or u.name
    lines = [u.path or u.name]
    lines += [p.message for p in u.problems]
    lines += [f"【{f.severity.label}】{f.message}" for f in u.findings if f.severity is not Severity.INFO][:12]
    lines += [f"【读取】{n}" for n in u.notes[:6]]
    return "\n".join(lines)


class RowNumbers(QHeaderView):
    """The unit list's row numbers: as wide as the widest number, measured again only when the
    numbers gain a digit.  (Qt's own measures the first and last hundred rows — a dozen calls of
    the model each — every time rows are added: twice the cost of painting the list, at every
    batch while ten thousand units are read.)"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self._measured: tuple[int, str] | None = None   # the digits and font last measured
        self._hint = QSize()
        self.setSectionsClickable(True)   # (as QTableView's own: a click selects the row)
        self.setHighlightSections(True)

    def sizeHint(self) -> QSize:  # noqa: N802 - a Qt override
        count = self.count()
        key = (len(str(count)) if count else 0, self.font().key())   # (none: nothing measured)
        if key != self._measured:
            self._measured, self._hint = key, super().sizeHint()
        return self._hint


class MiddleElidingDelegate(QStyledItemDelegate):
    """File names cut in the middle: two copies of a report differ at the end of their names
    (“…年度报告（修改稿）.docx”), so both ends stay visible; the whole path is in the tooltip."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802 - Qt override
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


# ---------------------------------------------------------------------------------------------
# The dialog


class ConsolidateDialog(QDialog):
    resultAccepted = Signal(object)   # the consolidated Report
    readingFinished = Signal()        # after each batch of files has been read (or cancelled)
    summed = Signal()                 # a sum made in the background is shown (see recompute)
    read = None                       # the reader run in the worker processes (None: the registry's; tests)
    time_limit: float | None = None   # one file's time limit there (None: io.parallel_read's; tests)
    sum_here_up_to = 500              # more units are summed again in a background thread (recompute)

    def __init__(self, dialogs: Dialogs, parent: QWidget | None = None, agency: str = "") -> None:
        """``dialogs``: how it asks and tells (``qt.dialogs.QtDialogs``, or a test's fake)."""
        super().__init__(parent)
        self.dialogs = dialogs
        self.setWindowTitle("汇总各单位年度报告")
        resize_to_fit(self, 1100, 720)
        self.units: list[Unit] = []
        self.consolidation: Consolidation | None = None
        self._thread: QThread | None = None
        self._worker: ReadWorker | None = None
        self._year_chosen = False
        self._version_chosen = False
        self._queue: list[Path] = []
        self._skipped: list[str] = []      # files of the last batch that are not reports, and why
        self._drill_units: list[Unit] = []  # the units of the drill-down's rows
        self._chosen_while_reading = False  # a unit counted or left out while the others were read
        self.worker_pids: set[int] = set()  # the processes that read the files (all ended once read)
        self.charts = None                  # the 图表 window, built when first asked for
        self._summing: QThread | None = None  # the thread summing many units again (see recompute)
        self._sum_worker: SumWorker | None = None
        self._choices: list[Choice] = []    # the clerk's choices not yet summed
        self._sum_again = False             # something changed while summing
        self._status_before_sum = ""

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_sources(agency))
        layout.addLayout(self._build_progress())
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._build_unit_list())
        splitter.addWidget(self._build_result())
        splitter.setSizes([330, 330])
        layout.addWidget(splitter, 1)
        layout.addLayout(self._build_buttons())
        self.model.set_units(self.units)   # the model shows the dialog's own list
        self._connect()
        self._follow_year()
        self._update_buttons()

    def _build_sources(self, agency: str) -> QHBoxLayout:
        """The file buttons, then 汇总机关 / 年度 / 格式."""
        top = QHBoxLayout()
        self.add_files_button = QPushButton("添加文件…")
        self.add_folder_button = QPushButton("添加文件夹…")
        self.remove_button = QPushButton("移除所选")
        for b in (self.add_files_button, self.add_folder_button, self.remove_button):
            top.addWidget(b)
        top.addSpacing(16)
        top.addWidget(QLabel("汇总机关："))
        self.agency = QLineEdit(agency)
        self.agency.setPlaceholderText("例如：某某县人民政府")
        self.agency.setMinimumWidth(200)
        top.addWidget(self.agency)
        top.addWidget(QLabel("年度："))
        self.year = QSpinBox()
        self.year.setRange(2008, 2100)
        self.year.setSuffix(" 年度")
        self.year.setValue(reporting_year())  # until units are added: then the year most of them report
        top.addWidget(self.year)
        top.addWidget(QLabel("格式："))
        self.version = QComboBox()
        for f in versions():
            self.version.addItem(f"{f.version}版", f.version)
        top.addWidget(self.version)
        top.addStretch(1)
        return top

    def _build_progress(self) -> QHBoxLayout:
        prog = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setFormat("%v / %m")
        self.progress.setValue(0)
        self.progress.setMaximum(1)
        self.progress.setTextVisible(False)   # (no “0 / 1” before there is anything to read)
        self.status = QLabel("请添加各单位报送的年报文件或所在文件夹（可混合项目文件、Excel、Word）。")
        self.cancel_button = QPushButton("取消读取")
        self.cancel_button.setEnabled(False)
        prog.addWidget(self.status, 1)
        prog.addWidget(self.progress)
        prog.addWidget(self.cancel_button)
        return prog

    def _build_unit_list(self) -> QTableView:
        self.model = UnitListModel(self)
        self.table = QTableView()
        self.table.setVerticalHeader(RowNumbers(self.table))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        for col, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(len(UNIT_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(FILE_COLUMN, MiddleElidingDelegate(self.table))
        self.table.viewport().installEventFilter(self)
        return self.table

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - a Qt override
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_unit_columns(event.size().width())
        return False

    def _fit_unit_columns(self, room: int) -> None:
        """On a small screen (1366×768 at 150 %) 文件 and 机关名称 give up width, in proportion, so
        that 问题及原因 — why a unit was left out — stays in view without scrolling sideways."""
        others = sum(w for c, w in enumerate(COLUMN_WIDTHS) if c not in NAMES)
        wanted = [COLUMN_WIDTHS[c] for c in NAMES]
        share = min(1.0, max(0, room - others - REASON_LEAST) / sum(wanted))
        for c, width in zip(NAMES, wanted):
            self.table.setColumnWidth(c, max(NAMES_LEAST, int(width * share)))

    def _build_result(self) -> QWidget:
        """The summary line, the consolidated cells and, beside them, the selected cell's units."""
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        bl.addWidget(self.summary)
        inner = QSplitter(Qt.Orientation.Horizontal)
        self.cells = QTreeWidget()
        self.cells.setHeaderLabels(("汇总结果（选择单元格查看各单位构成）", "合计"))
        self.cells.setColumnWidth(0, 420)
        inner.addWidget(self.cells)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.drill_title = QLabel("选择左侧的单元格，查看哪些单位贡献了多少。")
        self.drill_title.setWordWrap(True)
        rl.addWidget(self.drill_title)
        self.drill = QTableWidget(0, 3)
        self.drill.setHorizontalHeaderLabels(("单位", "文件", "数值"))
        self.drill.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.drill.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.drill.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        rl.addWidget(self.drill)
        inner.addWidget(right)
        inner.setSizes([560, 440])
        bl.addWidget(inner)
        return bottom

    def _build_buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.export_button = QPushButton("导出单位清单（Excel）…")
        self.charts_button = QPushButton("图表…")
        self.charts_button.setToolTip("各单位的申请数、办理结果对比，以及汇总与上年比较（可导出为图片）")
        buttons.addWidget(self.charts_button)
        self.ok_button = QPushButton("生成汇总报告")
        self.ok_button.setDefault(True)
        self.close_button = QPushButton("关闭")
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(self.close_button)
        return buttons

    def _connect(self) -> None:
        self.add_files_button.clicked.connect(self._ask_files)
        self.add_folder_button.clicked.connect(self._ask_folder)
        self.remove_button.clicked.connect(self.remove_selected)
        self.cancel_button.clicked.connect(self.cancel_reading)
        self.model.toggled.connect(self._toggled)
        self.year.valueChanged.connect(self._year_changed)
        self.version.activated.connect(self._version_changed)
        self.agency.editingFinished.connect(self.recompute)
        self.cells.currentItemChanged.connect(self._cell_selected)
        self.drill.cellDoubleClicked.connect(self._drill_to_unit)
        self.export_button.clicked.connect(self.export_unit_list)
        self.charts_button.clicked.connect(self.show_charts)
        self.table.doubleClicked.connect(lambda index: self.show_unit_details(index.row()))
        self.ok_button.clicked.connect(self._accept_result)
        self.close_button.clicked.connect(self.reject)

    # --- adding files -----------------------------------------------------------------------

    def _ask_files(self) -> None:
        from ..io.registry import open_filter
        paths = dialogs.open_files(self, "选择各单位的年报文件", open_filter(project_files=False), kind=UNITS,
                                   via=self.dialogs)
        if paths:
            self.add_paths(paths)

    def _ask_folder(self) -> None:
        folder = dialogs.choose_folder(self, "选择存放各单位年报的文件夹", kind=UNITS, via=self.dialogs)
        if folder:
            self.add_paths([folder])

    def add_paths(self, paths: list[str | Path]) -> None:
        """Add files and folders; finding the unit files in them and reading them starts in the
        background (queued if already reading)."""
        self._queue.extend(Path(p) for p in paths)
        if self._thread is None and self._summing is None:   # (else once summed)
            self._start_reading()

    def _start_reading(self) -> None:
        paths, self._queue = self._queue, []
        self.progress.setMaximum(0)   # (busy until the files are counted)
        self.status.setText("正在查找年报文件…")
        self._thread = QThread(self)
        self._worker = ReadWorker(paths, self.units, self._settings(), self.read, self.time_limit)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.collected.connect(self._on_collected)
        self._worker.progress.connect(self._on_progress)
        self._worker.year.connect(self._on_year)
        self._worker.batch.connect(self._on_batch)
        self._worker.finished.connect(self._on_finished)
        self._worker.finished.connect(self._thread.quit)
        self._thread.finished.connect(self._thread_done)
        self.cancel_button.setEnabled(True)
        self._update_buttons()
        self._thread.start()

    @Slot(object)
    def _on_collected(self, found: FileList) -> None:
        self._skipped = found.skipped
        self.status.setToolTip("\n".join(found.skipped))
        self.progress.setMaximum(max(len(found.files), 1))
        self.progress.setValue(0)
        self.progress.setTextVisible(bool(found.files))
        if found.files:
            self.status.setText(f"正在读取 {len(found.files)} 个文件…")
        elif found.skipped:
            self.status.setText("；".join(found.skipped[:3]))
        else:
            self.status.setText("没有新的年报文件（所选文件已在清单中）。")

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        if self._worker is not None and not self._worker._cancel.is_set():
            self.status.setText(f"正在读取：已读取 {done}/{total} 个文件…")

    @Slot(object)
    def _on_batch(self, units: list[Unit]) -> None:
        """Units just read: listed at once (rows added)."""
        self.model.append_units(units)

    @Slot(int)
    def _on_year(self, year: int) -> None:
        """The year most units read so far report: followed until the clerk chooses one."""
        if not self._year_chosen:
            self._show_year(year or reporting_year())

    @Slot(object)
    def _on_finished(self, outcome: ReadOutcome) -> None:
        self.worker_pids |= outcome.pids
        if outcome.units:  # the rows the batches added, in the order read, become the files' order
            self.units[len(self.units) - len(outcome.units):] = outcome.units
        self.model.set_units(self.units)
        if outcome.cancelled:
            self._queue.clear()
            self.status.setText(f"已取消读取：已读取 {len(outcome.units)} 个文件，其余未读取。")
        elif outcome.units:
            self.progress.setValue(self.progress.maximum())
            bad = outcome.unreadable
            skipped = self._skipped
            self.status.setText(f"已读取 {len(outcome.units)} 个文件" + (f"，其中 {bad} 个无法读取" if bad else "")
                                + (f"；另有 {len(skipped)} 个不是年报文件，已跳过（鼠标停留可查看）" if skipped else "") + "。")
        prepared = outcome.prepared
        if prepared is None or prepared.settings != self._settings() or self._chosen_while_reading or self._choices:
            self._chosen_while_reading = False
            self.recompute()   # the clerk changed something meanwhile (or the worker failed)
        else:
            self._apply(prepared)

    @Slot()
    def _thread_done(self) -> None:
        if self._thread is not None:
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = None
        self._worker = None
        self.cancel_button.setEnabled(False)
        self._update_buttons()
        self.readingFinished.emit()
        if self._queue:
            self._start_reading()

    def cancel_reading(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self.status.setText("正在取消…")

    @property
    def reading(self) -> bool:
        return self._thread is not None

    def show_unit_details(self, row: int) -> None:
        """Everything known about one unit: problems, its own check results, the reader's notes."""
        if not 0 <= row < len(self.units):
            return
        u = self.units[row]
        items = [f"问题：{p.message}" for p in u.problems]
        items += [f"【{f.severity.label}】{f.message}" + (f"（已确认：{f.accepted_reason}）" if not f.is_open else "")
                  for f in u.findings if f.severity is not Severity.INFO]
        items += [f"【读取】{n}" for n in u.notes]
        state = "计入汇总" if u.include and u.readable else "未计入汇总"
        intro = (f"{u.agency or u.name}（{u.path or u.name}）：{u.year or '未填'}年度，{u.version}版格式，{state}。"
                 if u.readable else f"“{u.name}”无法读取，{state}。")
        self.dialogs.notes(self, "单位详情", intro, items or ["没有发现问题。"])

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}, reverse=True)
        for r in rows:
            del self.units[r]
        self.model.set_units(self.units)
        self.recompute()

    # --- choices and the sum ----------------------------------------------------------------

    def _follow_year(self) -> None:
        if not self._version_chosen:
            self.version.setCurrentIndex(self.version.findData(form_for_year(self.year.value()).version))

    def _year_changed(self) -> None:
        self._year_chosen = True
        self._follow_year()
        self.recompute()

    def _version_changed(self) -> None:
        self._version_chosen = True
        self.recompute()

    def _toggled(self, row: int, wanted: bool) -> None:
        """The include checkbox: going against the default asks for the clerk's reason (kept in
        the list and the exported unit list); going back to the default does not."""
        unit = self.units[row]
        if wanted == (unit.include and unit.readable):
            return
        reason = ""
        if unit.choice is None:
            what = "计入" if wanted else "不计入"
            reason = self.dialogs.ask_text(self, f"{what}汇总", f"{what}“{unit.agency or unit.name}”的理由"
                                           "（写入单位清单，可不填）：")
            if reason is None:  # 取消: nothing changes
                self.model.refresh()
                return
        self.set_included(row, wanted, reason)

    def set_included(self, row: int, wanted: bool, reason: str = "") -> None:
        """The clerk counts a unit or leaves it out (``reason``: why); back to the default when it
        matches."""
        unit = self.units[row]
        if self.reading:   # summed with the others once they are read
            unit.choice, unit.choice_reason = wanted, reason
            self._chosen_while_reading = True
            self.model.refresh()
            return
        self.recompute(Choice(unit, wanted, reason, self.year.value(), self.version.currentData()))

    def _settings(self) -> Settings:
        return Settings(self.year.value() if self._year_chosen else None,
                        self.version.currentData() if self._version_chosen else None, self.agency.text().strip())

    def _show_year(self, year: int) -> None:
        """The year the units report (not the clerk's choice): shown, the version following it."""
        if year != self.year.value():
            self.year.blockSignals(True)
            self.year.setValue(year)
            self.year.blockSignals(False)
            self._follow_year()

    def recompute(self, choice: Choice | None = None) -> None:
        """Assess and sum every unit again, after a change of the clerk's (``choice``: a unit
        counted or left out): up to ``sum_here_up_to`` units at once, more in a background thread
        (10 000 units take 0.6 s; the window keeps moving and shows the sum when it is done, a
        change meanwhile is summed after it).  While reading: once all are read."""
        if choice is not None:
            self._choices.append(choice)
        if self.reading:
            return
        if self._summing is not None:
            self._sum_again = True
            return
        choices, self._choices = self._choices, []
        if len(self.units) > self.sum_here_up_to:
            self._start_summing(choices)
            return
        for c in choices:
            apply_choice(self.units, c)
        self._apply(prepare(self.units, self._settings()))

    def _start_summing(self, choices: list[Choice]) -> None:
        self._summing = QThread(self)
        self._sum_worker = SumWorker(list(self.units), self._settings(), choices)
        self._sum_worker.moveToThread(self._summing)
        self._summing.started.connect(self._sum_worker.run)
        self._sum_worker.finished.connect(self._on_summed)
        self._summing.finished.connect(self._sum_worker.deleteLater)
        self._summing.finished.connect(self._summing.deleteLater)
        self._status_before_sum = self.status.text()
        self.status.setText(f"正在重新汇总 {len(self.units)} 个单位…")
        self._update_buttons()
        self._summing.start()

    @Slot(object)
    def _on_summed(self, prepared: Prepared | None) -> None:
        if self._summing is not None:   # (its work is done: it ends at once)
            self._summing.quit()
            self._summing.wait()
        self._summing = self._sum_worker = None
        self.status.setText(self._status_before_sum)
        again = self._sum_again or bool(self._choices) or (prepared is not None and prepared.settings != self._settings())
        self._sum_again = False
        if not again:
            self._apply(prepared or prepare(self.units, self._settings()))   # (None: failed, logged; made here)
            self.summed.emit()
        if self._queue:
            self._start_reading()
        elif again:
            self.recompute()
        self._update_buttons()

    @property
    def summing(self) -> bool:
        return self._summing is not None

    def _apply(self, prepared: Prepared) -> None:
        """Show a sum (made here or, after reading, in the reading thread)."""
        self._show_year(prepared.year)
        if self.version.currentData() != prepared.version:
            self.version.setCurrentIndex(self.version.findData(prepared.version))
        self.consolidation = prepared.consolidation
        self.model.refresh()
        self._show_result(prepared)
        self._update_buttons()
        if self.charts is not None:
            self.charts.set_consolidation(self.consolidation)

    def show_charts(self) -> None:
        if self.charts is None:
            from .consolidate_charts import UnitsChartWindow
            self.charts = UnitsChartWindow(self.dialogs, self)
        self.charts.set_consolidation(self.consolidation)
        self.charts.show()
        self.charts.raise_()

    def _update_buttons(self) -> None:
        has = self.consolidation is not None and any(u.include and u.readable for u in self.consolidation.units)
        busy = self.reading or self.summing
        self.ok_button.setEnabled(has and not busy)
        self.export_button.setEnabled(bool(self.units) and not busy)
        self.charts_button.setEnabled(has)
        self.remove_button.setEnabled(bool(self.units) and not busy)

    def _show_result(self, prepared: Prepared) -> None:
        c, errors = prepared.consolidation, prepared.errors
        self.cells.clear()
        self.drill.setRowCount(0)
        self.summary.setText(prepared.summary)
        values = all_values(c.report.form, c.report.values)
        bad_cells = {k for f in errors for k in f.cells}
        for table_id, table in c.report.form.tables.items():
            top = QTreeWidgetItem([f"表{table_id}", ""])
            self.cells.addTopLevelItem(top)
            rows: dict[str, QTreeWidgetItem] = {}
            for spec in table.cells:
                key = spec.key
                if key.row not in rows:
                    rows[key.row] = QTreeWidgetItem([key.row, ""])
                    top.addChild(rows[key.row])
                v = values.get(key)
                item = QTreeWidgetItem([key.col + ("（合计）" if spec.computed else "")
                                        + ("（存量）" if spec.stock else ""), format_value(v if v is not None else 0)])
                item.setData(0, Qt.ItemDataRole.UserRole, tuple(key))
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if key in bad_cells:
                    item.setForeground(1, QBrush(QColor("#B00020")))
                rows[key.row].addChild(item)
            top.setExpanded(table_id in c.report.form.balanced_tables)

    def select_cell(self, key: CellKey) -> bool:
        """Select a result cell (as the main window's grid would) and show its drill-down."""
        for i in range(self.cells.topLevelItemCount()):
            top = self.cells.topLevelItem(i)
            for j in range(top.childCount()):
                row = top.child(j)
                for k in range(row.childCount()):
                    item = row.child(k)
                    if item.data(0, Qt.ItemDataRole.UserRole) == tuple(key):
                        self.cells.setCurrentItem(item)
                        return True
        return False

    def _cell_selected(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if not data or self.consolidation is None:
            return
        self.show_breakdown(CellKey(*data))

    def show_breakdown(self, key: CellKey) -> None:
        c = self.consolidation
        if c is None:
            return
        parts = c.breakdown(key)
        total = sum((p.value or 0 for p in parts), 0)
        others = len(c.included) - len(parts)
        self.drill_title.setText(f"{key.name()}合计 {format_value(total)}，"
                                 f"{len(parts)}个单位有数字" + (f"，其余{others}个单位为0或空白" if others > 0 else "") + "。")
        self.drill.setRowCount(len(parts))
        for r, p in enumerate(parts):
            for col, text in enumerate((p.unit.agency or "（未填写）", p.unit.name, format_value(p.value))):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.drill.setItem(r, col, item)
        self._drill_units = [p.unit for p in parts]

    def _drill_to_unit(self, row: int, _col: int) -> None:
        unit = self._drill_units[row] if row < len(self._drill_units) else None
        if unit is not None and unit in self.units:
            self.table.selectRow(self.units.index(unit))

    # --- output -------------------------------------------------------------------------------

    def export_unit_list(self) -> None:
        from ..core.errors import WriteError
        from ..io.consolidation_io import export_unit_list
        if self.consolidation is None:
            return
        suggested = f"{self.agency.text().strip() or '汇总'}{self.year.value()}年度单位清单.xlsx"
        from ..io.registry import save_filter
        path = dialogs.save_file(self, "导出单位清单", save_filter(".xlsx"), suggested, kind=EXPORT, via=self.dialogs)
        if not path:
            return
        if not path.lower().endswith((".xlsx", ".xlsm")):
            path += ".xlsx"
        title = f"{self.agency.text().strip()}{self.year.value()}年度政府信息公开工作年度报告汇总——单位清单"
        try:
            export_unit_list(path, self.consolidation, title)
        except WriteError as exc:
            self.dialogs.error(self, str(exc))
            return
        self.status.setText(f"已导出单位清单：{path}")

    def result_report(self) -> Report | None:
        return self.consolidation.report if self.consolidation is not None else None

    def _accept_result(self) -> None:
        report = self.result_report()
        if report is None or self.consolidation is None or not self.consolidation.included:
            return
        if not self.agency.text().strip():
            if not self.dialogs.ask_yes_no(self, "尚未填写汇总机关名称，生成的报告中机关名称为空（可稍后在“基本信息”中填写）。继续吗？",
                                      "继续", "返回填写"):
                return
        self.resultAccepted.emit(report)
        self.accept()

    def reject(self) -> None:
        self.cancel_reading()
        self._wait_for_thread()
        super().reject()

    def done(self, r: int) -> None:
        self._wait_for_thread()
        release_units()
        super().done(r)

    def closeEvent(self, event) -> None:
        self.cancel_reading()
        self._wait_for_thread()
        release_units()
        super().closeEvent(event)

    def _wait_for_thread(self) -> None:
        if self._summing is not None and self._sum_worker is not None:
            self._sum_worker.cancel()
            self._summing.quit()
            self._summing.wait(10000)
            self._summing = self._sum_worker = None
        if self._thread is not None:
            self._queue.clear()
            if self._worker is not None:
                self._worker.cancel()
            self._thread.quit()
            self._thread.wait(10000)


__all__ = ["ConsolidateDialog", "UnitListModel", "ReadWorker"]
