"""The start page: what the editor shows when no report is open (started without a file, or the
last report closed) — 新建报告 / 从上年报告新建 / 打开 on the left, 最近使用 on the right, as the
start pages of WPS and Word do, instead of an empty report full of to-dos.

It only asks: the window connects its signals to the file flows.

Shown at the editor's start (``govreport`` without a file), it is the first paint: built without
PySide's ``Qt`` namespace (``qt_ints``), and what only matters once the clerk can click — the
greyed entries not selectable, the buttons' labels letting clicks through — is set by ``finish``,
which the window calls right after its first paint.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from .grey_text import COUNT, HINT, grey
from .qt_ints import FOREGROUND_ROLE, NO_FOCUS, RICH_TEXT, STRONG_FOCUS, USER_ROLE
from .screen_fit import scrolled_content

PathRole = USER_ROLE + 20
GoneRole = USER_ROLE + 21   # the file was moved or deleted
MISSING = "（文件已移动或删除）"
ACTIONS = (
    ("new", "新建报告", "从空白报告开始，按所选年度和格式版本列出要写的内容。"),
    ("from_previous", "从上年报告新建", "选择上一年度的报告：结转的数字填好，上年报告载入用于跨年核对。"),
    ("open", "打开…", "打开项目文件（.govreport），或从 Word、Excel、网页、PDF 等文件读入报告（包括上年在网站发布的年报）。"),
)


def saved_text(when: _dt.datetime) -> str:
    """“2026年12月4日 10:30” — the date in the official form, the time beside it."""
    return f"{when.year}年{when.month}月{when.day}日 {when:%H:%M}"


def recent_text(entry) -> str:
    """Two lines for a recent file: its name; agency, year and when it was last saved (or that it
    is gone)."""
    path = Path(entry.path)
    about = [entry.agency or "（未填机关名称）", f"{entry.year}年度" if entry.year else "（未填年度）"]
    if entry.saved is None:
        about.append(MISSING)
    else:
        about.append(f"保存于 {saved_text(entry.saved)}")
    return f"{path.name}\n{'　·　'.join(about)}"


class StartPage(QWidget):
    new_requested = Signal()
    from_previous_requested = Signal()
    open_requested = Signal()
    recent_requested = Signal(str)   # the path of a recent file to open

    def __init__(self, parent: QWidget | None = None, *, finish_later: bool = False) -> None:
        """``finish_later``: the page is the window's first paint; the window calls ``finish`` after it."""
        super().__init__(parent)
        self.setObjectName("startPage")
        self._finished = not finish_later
        self._click_through: list[QLabel] = []   # the buttons' labels
        self._inert: list[QListWidgetItem] = []  # the recent entries that cannot be opened, the "none yet" line
        outer = QVBoxLayout(scrolled_content(self))   # (a 1366×768 screen at 150 % scrolls it)
        outer.setContentsMargins(48, 36, 48, 36)
        outer.setSpacing(18)
        outer.addWidget(self._title())
        row = QHBoxLayout()
        row.setSpacing(36)
        row.addLayout(self._actions(), 2)
        row.addLayout(self._recent(), 3)
        outer.addLayout(row, 1)
        self._finish_if_due()

    def _title(self) -> QWidget:
        title = QLabel(f"{APP_NAME}<br><span style='font-size:11pt; color:{HINT};'>"
                       "政府信息公开工作年度报告的编制、校验与导出（所有数据只保存在本机）</span>")
        title.setProperty("textFormat", RICH_TEXT)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        return title

    def _actions(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(10)
        self.buttons: dict[str, QPushButton] = {}
        signals = {"new": self.new_requested, "from_previous": self.from_previous_requested,
                   "open": self.open_requested}
        for name, text, tip in ACTIONS:
            button = QPushButton()
            button.setObjectName(f"start_{name}")
            button.setAccessibleName(text)
            button.setToolTip(tip)
            inside = QVBoxLayout(button)
            inside.setContentsMargins(16, 10, 16, 10)
            for words, style in ((text, "font-size: 13pt; font-weight: bold;"), (tip, f"color: {HINT};")):
                label = QLabel(words)
                label.setStyleSheet(style)
                label.setWordWrap(True)
                self._click_through.append(label)
                inside.addWidget(label)
            button.setMinimumHeight(inside.sizeHint().height())
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(signals[name].emit)
            button.setAutoDefault(True)   # Enter presses it when it has the focus (outside a dialog only Space did)
            column.addWidget(button)
            self.buttons[name] = button
        column.addStretch(1)
        return column

    def _recent(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(8)  # not the row's
        heading = QLabel("最近使用")
        heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        column.addWidget(heading)
        self.recent = QListWidget()
        self.recent.setObjectName("recentFiles")
        self.recent.setFrameShape(QFrame.Shape.StyledPanel)
        self.recent.setSpacing(3)
        self.recent.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.recent.setIconSize(QSize(0, 0))
        self.recent.setWordWrap(True)
        self.recent.itemActivated.connect(self._activated)  # double-click and Enter
        column.addWidget(self.recent, 1)
        hint = QLabel("双击或按回车键打开；灰色的文件已被移动或删除。")
        grey(hint, COUNT)
        hint.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        column.addWidget(hint)
        return column

    def set_recent(self, entries) -> None:
        """Fill 最近使用 from ``entries`` (``recent_files.RecentFile``, newest first)."""
        self.recent.clear()
        self._inert = []
        for entry in entries:
            item = QListWidgetItem(recent_text(entry))
            item.setData(PathRole, entry.path)
            item.setToolTip(entry.path + ("" if entry.saved is not None else f"\n{MISSING}"))
            if entry.saved is None:  # gone: shown greyed, with a word, and not opened
                item.setData(GoneRole, True)
                item.setData(FOREGROUND_ROLE, QColor("#999"))
                self._inert.append(item)
            self.recent.addItem(item)
        if not entries:   # a line, not an entry: greyed as Qt greys a disabled item, from the first paint on
            none_yet = QListWidgetItem("还没有最近使用的报告。新建一份，或打开已有的报告文件。")
            none_yet.setData(FOREGROUND_ROLE, self.recent.palette().color(QPalette.ColorGroup.Disabled,
                                                                           QPalette.ColorRole.Text))
            self._inert.append(none_yet)
            self.recent.addItem(none_yet)
        # Nothing to open: Tab passes over the list (given the focus, it made the line its current item).
        self.recent.setProperty("focusPolicy", STRONG_FOCUS if entries else NO_FOCUS)
        first = next((i for i, entry in enumerate(entries) if entry.saved is not None), None)
        if first is not None:
            self.recent.setCurrentRow(first)
        self._finish_if_due()

    def finish(self) -> None:
        """After the window's first paint: what needs ``Qt`` (its 92 enumerations, ~14 ms) and matters
        only once the clerk can click."""
        self._finished = True
        self._finish_if_due()

    def _finish_if_due(self) -> None:
        if not self._finished:
            return
        from PySide6.QtCore import Qt
        for label in self._click_through:
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._click_through = []
        for item in self._inert:   # a gone file greyed and not opened; the "none yet" line not even selected
            item.setFlags(Qt.ItemFlag.ItemIsEnabled if item.data(PathRole) else Qt.ItemFlag.NoItemFlags)
        self._inert = []

    def give_focus(self) -> None:
        """The keyboard's place when the page shows: 最近使用 (Enter opens its current file), or
        新建报告 when the list has nothing to open (none yet, or every file moved or deleted)."""
        (self.recent if self.openable_paths() else self.buttons["new"]).setFocus()

    def openable_paths(self) -> list[str]:
        """The files of 最近使用 that can be opened (not moved or deleted)."""
        items = [self.recent.item(i) for i in range(self.recent.count())]
        return [item.data(PathRole) for item in items if item.data(PathRole) and not item.data(GoneRole)]

    def recent_paths(self) -> list[str]:
        return [self.recent.item(i).data(PathRole) for i in range(self.recent.count())
                if self.recent.item(i).data(PathRole)]

    def _activated(self, item: QListWidgetItem) -> None:
        from PySide6.QtCore import Qt
        path = item.data(PathRole)
        if path and item.flags() & Qt.ItemFlag.ItemIsSelectable:
            self.recent_requested.emit(path)

