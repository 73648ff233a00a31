"""The start page: what the editor shows when no report is open (started without a file, or the
last report closed) — 新建报告 / 从上年报告新建 / 打开 on the left, 最近使用 on the right, as the
start pages of WPS and Word do, instead of an empty report full of to-dos.

It only asks: the window connects its signals to the file flows.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor
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
from .screen_fit import scrolled_content

PathRole = Qt.ItemDataRole.UserRole + 20
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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        outer = QVBoxLayout(scrolled_content(self))   # (a 1366×768 screen at 150 % scrolls it)
        outer.setContentsMargins(48, 36, 48, 36)
        outer.setSpacing(18)
        outer.addWidget(self._title())
        row = QHBoxLayout()
        row.setSpacing(36)
        row.addLayout(self._actions(), 2)
        row.addLayout(self._recent(), 3)
        row.setAlignment(Qt.AlignmentFlag.AlignTop)
        outer.addLayout(row, 1)

    def _title(self) -> QWidget:
        title = QLabel(f"{APP_NAME}<br><span style='font-size:11pt; color:{HINT};'>"
                       "政府信息公开工作年度报告的编制、校验与导出（所有数据只保存在本机）</span>")
        title.setTextFormat(Qt.TextFormat.RichText)
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
                label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
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
        for entry in entries:
            item = QListWidgetItem(recent_text(entry))
            item.setData(PathRole, entry.path)
            item.setToolTip(entry.path + ("" if entry.saved is not None else f"\n{MISSING}"))
            if entry.saved is None:  # gone: shown greyed, with a word, and not opened
                item.setForeground(QColor("#999"))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.recent.addItem(item)
        if not entries:
            item = QListWidgetItem("还没有最近使用的报告。新建一份，或打开已有的报告文件。")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(item)
        first = next((i for i in range(self.recent.count())
                      if self.recent.item(i).flags() & Qt.ItemFlag.ItemIsSelectable), None)
        if first is not None:
            self.recent.setCurrentRow(first)

    def recent_paths(self) -> list[str]:
        return [self.recent.item(i).data(PathRole) for i in range(self.recent.count())
                if self.recent.item(i).data(PathRole)]

    def _activated(self, item: QListWidgetItem) -> None:
        path = item.data(PathRole)
        if path and item.flags() & Qt.ItemFlag.ItemIsSelectable:
            self.recent_requested.emit(path)

