"""The findings panel: every finding with its severity, counts per severity, click → jump."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QRect, QSize, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from ..core.edits import is_printed_total_finding
from ..core.findings import Finding, Severity, count, count_todo
from .commands import Session
from .fonts import one_chinese_face
from .grey_text import COUNT, grey
from .qt_ints import ELIDE_NONE, RICH_TEXT, USER_ROLE
from .viewports import keep_viewport
from .wrapped_label import WrappedLabel

SEVERITY_DOT = {Severity.ERROR: "#d93025", Severity.WARNING: "#e8a000", Severity.INFO: "#5f8dd3"}
TODO_DOT = "#7b8794"  # 待填写: not a problem yet, what is left to write
TODO_LABEL = "待填写"
NOTHING_FOUND = "没有发现问题。"
FindingRole = USER_ROLE + 10
SIZES_KEPT = 400   # wrapped items' sizes remembered (texts × widths) before starting afresh
PICTURES_KEPT = 60  # items' pictures kept (more than a panel shows at once)
ICON_SCALES = (1.0, 1.25, 1.5, 2.0)   # the scalings clerks' screens have (100 %–200 %)


def dot_icon(colour: str, text: str = "", size: int = 16):
    """A filled circle (with a small number when ``text`` is given), for lists and tab badges (a
    ``QIcon``), painted for each scaling a screen may have (``ICON_SCALES`` and the screens' own):
    one painted at 16 pixels and enlarged was blurred at 150 % and 200 %.  The painting classes are
    imported here: the window's first paint draws no icon, and PySide6 creates every enum of a class
    (QIcon's 150 theme icons…) when it is first named."""
    from PySide6.QtGui import QGuiApplication, QIcon

    icon = QIcon()
    for ratio in sorted({*ICON_SCALES, QGuiApplication.devicePixelRatio(QGuiApplication.instance())}):
        icon.addPixmap(_dot(colour, text, size, ratio))
    return icon


def _dot(colour: str, text: str, size: int, ratio: float):
    """The dot of ``dot_icon`` painted ``size`` pixels wide on a screen scaled by ``ratio``."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QPainter, QPixmap

    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    if text:
        font = painter.font()
        font.setPixelSize(int(size * 0.62))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pixmap


class WrappingDelegate(QStyledItemDelegate):
    """Item heights for text wrapped at the list's width (the default size is one unwrapped line:
    a long finding was cut off, with a gap under it).  The list asks for them on every repaint
    and every relayout: each text's height at each width is measured once (a finding's text names
    its icon too: 【错误】…), until the list's look changes (``forget``)."""

    def __init__(self, parent) -> None:
        super().__init__(parent)
        self._sizes: dict[tuple, QSize] = {}
        self.kept = None   # the items' pictures (``cell_pictures``), from the first finding painted

    @property
    def pictures(self):
        """The kept pictures of the items (``cell_pictures.CellPictures``: the painting classes it
        names are imported with it, when the first finding is painted — after the first paint)."""
        if self.kept is None:
            from .cell_pictures import CellPictures
            self.kept = CellPictures(most=PICTURES_KEPT)
        return self.kept

    def paint(self, painter, option, index) -> None:
        """Painted as Qt paints it, once; then drawn from the kept picture while the text is the
        same (the list is filled anew after each edit, mostly with the same findings)."""
        text = index.data()
        self.pictures.paint(painter, option, index, super().paint, text, text)

    def listed(self, texts: set[str]) -> None:
        """The list now holds items of ``texts``: the pictures of the others are given up."""
        if self.kept is not None:
            self.kept.keep_only(texts)

    def forget(self) -> None:
        """Measure and paint every item afresh (the list's font, style or screen changed)."""
        self._sizes.clear()
        if self.kept is not None:
            self.kept.forget()

    def measured(self) -> bool:
        """Whether an item has been measured or painted (and would be done afresh by ``forget``)."""
        return bool(self._sizes) or self.kept is not None

    def sizeHint(self, option, index):
        from PySide6.QtWidgets import QStyleOptionViewItem  # only when findings are listed (start-up)

        view = self.parent()
        width = max(view.viewport().width() - 2 * view.spacing(), 40)
        key = (index.data(), width)
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) > SIZES_KEPT:
                self._sizes.clear()
            opt = QStyleOptionViewItem(option)
            opt.rect = QRect(0, 0, width, 1)
            opt.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
            size = self._sizes[key] = super().sizeHint(opt, index)
        return size


class FindingsPanel(QWidget):
    finding_activated = Signal(object)  # Finding
    accept_requested = Signal(object)   # Finding (a warning the clerk wants to confirm)
    unaccept_requested = Signal(object)  # Finding (a confirmed warning the clerk wants open again)
    dismiss_requested = Signal(object)  # Finding (a printed total the clerk wants replaced by the recomputed one)

    def __init__(self, session: Session, parent=None, *, check_later: bool = False) -> None:
        """``check_later``: show “正在检查…” until ``refresh`` is called (the window's first check
        runs after its first paint)."""
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setProperty("textFormat", RICH_TEXT)   # (ints before the first paint: see qt_ints)
        self._summary_face_held = False   # its <b> drawn from the regular face made bold: see refresh
        top.addWidget(self.summary, 1)
        self.show_info = QCheckBox("显示提示")
        self.show_info.setChecked(True)
        self.show_info.toggled.connect(self.refresh)
        top.addWidget(self.show_info)
        layout.addLayout(top)
        self.list = QListWidget()
        keep_viewport(self.list)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        # laid out again at every width (the dock is resized): each item as tall as its wrapped text
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setProperty("textElideMode", ELIDE_NONE)
        self._delegate = WrappingDelegate(self.list)
        self.list.setItemDelegate(self._delegate)
        self.list.setIconSize(QSize(14, 14))
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(True)
        self.list.itemClicked.connect(self._activated)
        self.list.itemActivated.connect(self._activated)
        layout.addWidget(self.list, 1)
        self.accept_button = QPushButton("确认此警告…")
        self.accept_button.setToolTip("数字核实无误时，写明理由后确认；确认的警告不再计入，理由随报告保存。")
        self.accept_button.setEnabled(False)
        self.accept_button.clicked.connect(self._accept_current)
        self.dismiss_button = QPushButton("采用重新计算的合计")
        self.dismiss_button.setToolTip("核对各项数字无误、是文件所列的合计写错了时使用：以重新计算的合计为准"
                                       "（可撤销；导出时总是写入重新计算的合计）。")
        self.dismiss_button.setEnabled(False)
        self.dismiss_button.setVisible(bool(session.report.printed))
        self.dismiss_button.clicked.connect(self._dismiss_current)
        self.list.currentItemChanged.connect(self._current_changed)
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.dismiss_button):
            button.setAutoDefault(True)   # Enter presses it when focused, as in a dialog
            buttons.addWidget(button)
        layout.addLayout(buttons)
        hint = WrappedLabel("单击一条可跳到相关单元格；改正数字后，对应提示即时消失。")
        grey(hint, COUNT)
        layout.addWidget(hint)
        self._dots: dict[str, object] = {}  # colour → icon, drawn when first listed
        self._shown: tuple | None = None
        self._waiting = check_later
        # while waiting, only an edit refreshes (opening the start-up document does not)
        session.changed.connect(lambda change: (self._waiting and change.everything) or self.refresh())
        if check_later:
            self.summary.setText("正在检查…")
        else:
            self.refresh()

    def changeEvent(self, event) -> None:  # noqa: N802 - a Qt override
        if self._delegate.measured():   # nothing measured or painted yet: nothing to forget
            from .cell_pictures import LOOK_CHANGES
            if event.type() in LOOK_CHANGES:
                self._delegate.forget()
        super().changeEvent(event)

    def counts(self) -> dict[Severity, int]:
        """Open findings per severity, the to-dos (待填写) left out: they are counted by ``todo_count``."""
        findings = self.session.document.findings
        return {s: count(findings, s, todo=False) for s in Severity}

    def todo_count(self) -> int:
        return count_todo(self.session.document.findings)

    def refresh(self) -> None:
        self._waiting = False
        self.dismiss_button.setVisible(bool(self.session.report.printed))
        findings = self.session.document.findings
        c = self.counts()
        if not self._summary_face_held:   # with the first counts (their <b>): no font looked up before the first paint
            self.summary.setFont(one_chinese_face(self.summary.font()))
            self._summary_face_held = True
        self.summary.setText(
            f"<b style='color:{SEVERITY_DOT[Severity.ERROR]}'>错误 {c[Severity.ERROR]}</b> · "
            f"<b style='color:#a86f00'>警告 {c[Severity.WARNING]}</b> · "
            f"<span style='color:{SEVERITY_DOT[Severity.INFO]}'>提示 {c[Severity.INFO]}</span> · "
            f"<b style='color:{TODO_DOT}'>{TODO_LABEL} {self.todo_count()}</b>")
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 3}  # the to-dos come third
        shown = tuple(sorted((f for f in findings if self.show_info.isChecked() or f.severity is not Severity.INFO),
                             key=lambda f: (2 if f.todo else order[f.severity], not f.is_open)))
        if shown == self._shown:
            return
        self._shown = shown
        self.list.clear()
        texts = [self._text(f) for f in shown]
        self._delegate.listed({*texts, NOTHING_FOUND})
        for f, text in zip(shown, texts):
            item = QListWidgetItem(self._dot(TODO_DOT if f.todo else SEVERITY_DOT[f.severity]), text)
            item.setData(FindingRole, f)
            item.setToolTip(f.message)
            if not f.is_open:
                item.setForeground(QColor("#777"))
            self.list.addItem(item)
        if not shown:
            item = QListWidgetItem(NOTHING_FOUND)
            item.setFlags(QtCore.Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)

    @staticmethod
    def _text(finding: Finding) -> str:
        """The item's text: the finding's kind (错误, 待填写…) and message, and why it was confirmed."""
        text = f"【{TODO_LABEL if finding.todo else finding.severity.label}】{finding.message}"
        return text if finding.is_open else text + f"（已确认：{finding.accepted_reason}）"

    def _dot(self, colour: str):
        if colour not in self._dots:
            self._dots[colour] = dot_icon(colour)
        return self._dots[colour]

    def items(self) -> list[Finding]:
        return [self.list.item(i).data(FindingRole) for i in range(self.list.count())
                if self.list.item(i).data(FindingRole) is not None]

    def item_for(self, finding: Finding) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            if self.list.item(i).data(FindingRole) == finding:
                return self.list.item(i)
        return None

    def _current_changed(self, item: QListWidgetItem | None, _previous=None) -> None:
        finding = item.data(FindingRole) if item is not None else None
        accepted = finding is not None and not finding.is_open
        self.accept_button.setText("取消确认" if accepted else "确认此警告…")
        self.accept_button.setToolTip("这条警告已确认；取消后重新计入（可撤销）。" if accepted else
                                      "数字核实无误时，写明理由后确认；确认的警告不再计入，理由随报告保存。")
        self.accept_button.setEnabled(finding is not None and finding.severity is Severity.WARNING
                                      and not finding.todo)
        self.dismiss_button.setEnabled(finding is not None
                                       and is_printed_total_finding(self.session.report, finding))
        # only a report read from another program's file has printed totals to set aside
        self.dismiss_button.setVisible(bool(self.session.report.printed))

    def _accept_current(self) -> None:
        item = self.list.currentItem()
        finding = item.data(FindingRole) if item is not None else None
        if finding is not None:
            (self.accept_requested if finding.is_open else self.unaccept_requested).emit(finding)

    def _dismiss_current(self) -> None:
        item = self.list.currentItem()
        finding = item.data(FindingRole) if item is not None else None
        if finding is not None:
            self.dismiss_requested.emit(finding)

    def _activated(self, item: QListWidgetItem) -> None:
        finding = item.data(FindingRole)
        if finding is not None:
            self.finding_activated.emit(finding)
