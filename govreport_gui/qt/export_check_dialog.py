"""The check before a Word / PDF export: what is still wrong or unfinished (``core.export_check``),
grouped, with 返回修改 (go to the first problem, or the one double-clicked) and 仍然导出.  An empty
落款日期 can be filled in with today's date in the official form right here, an empty 落款机关 with
the agency's name."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ..core.export_check import GROUPS, ExportProblem, official_date, summary
from .grey_text import HINT
from .screen_fit import resize_to_fit

ProblemRole = Qt.ItemDataRole.UserRole + 30
GROUP_COLOURS = {"error": "#d93025", "warning": "#a86f00", "placeholder": HINT, "todo": HINT, "date": HINT}
BACK, EXPORT = "back", "export"


class _WrappedRows(QStyledItemDelegate):
    """Each problem as tall as its text wrapped at the list's width: Qt's own row is one line, and
    a long problem (a sub-heading and its whole prompt) ended in “…” with no way to read the rest."""

    def sizeHint(self, option, index):  # noqa: N802 - a Qt override
        view = self.parent()
        opt = QStyleOptionViewItem(option)
        opt.rect = QRect(0, 0, max(view.viewport().width(), 40), 1)
        opt.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        return super().sizeHint(opt, index)


class ExportCheckDialog(QDialog):
    fill_requested = Signal(str, str)  # (``Metadata`` field, value): 落款日期 / 落款机关 filled in here

    def __init__(self, parent, what: str, problems: list[ExportProblem], today: _dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出前检查")
        self.problems = list(problems)
        self.choice = BACK
        self.target: ExportProblem | None = None
        self.today_text = official_date(today or _dt.date.today())
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setMinimumSize(420, 160)   # (a 1366×768 screen at 150 % has 910×485: see resize_to_fit)
        self.tree.setItemDelegate(_WrappedRows(self.tree))
        self.tree.header().sectionResized.connect(lambda *_: self.tree.doItemsLayout())   # wrapped anew
        self.tree.itemActivated.connect(self._go_to_item)  # Enter (and double-click, where the style says so)
        self.tree.itemDoubleClicked.connect(self._go_to_item)
        layout.addWidget(self.tree, 1)
        self.fill_organ = QPushButton()
        self.fill_organ.clicked.connect(lambda: self._fill("issuing_organ", self._offer("issuing_organ")))
        layout.addWidget(self.fill_organ)
        self.fill_date = QPushButton(f"落款日期填入今天：{self.today_text}")
        self.fill_date.clicked.connect(lambda: self._fill("date", self.today_text))
        layout.addWidget(self.fill_date)
        buttons = QDialogButtonBox()
        self.back_button = buttons.addButton("返回修改", QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button = buttons.addButton("仍然导出", QDialogButtonBox.ButtonRole.AcceptRole)
        self.back_button.setDefault(True)
        self.back_button.clicked.connect(self._back)
        self.export_button.clicked.connect(self._export)
        layout.addWidget(buttons)
        self._what = f" {what}" if what[:1].isascii() else what  # 导出 Word 文档 / 导出报告
        self._list()
        resize_to_fit(self, 660, 450)

    def _list(self) -> None:
        self.tree.clear()
        if not self.problems:
            self.intro.setText(f"检查完毕，没有发现问题，可以导出{self._what}。")
            self.export_button.setText("导出")
        else:
            empty = any(p.group == "placeholder" for p in self.problems)
            self.intro.setText(f"导出{self._what}之前请注意：报告还有 {summary(self.problems)}。"
                               "这些内容会原样写进文档" + ("（尚未填写的部分只有小标题，灰色提示文字不会写进文档）" if empty else "")
                               + "。双击一项可直接去修改。")
        for group, heading in GROUPS.items():
            mine = [p for p in self.problems if p.group == group]
            if not mine:
                continue
            head = QTreeWidgetItem([f"{heading}（{len(mine)}）"])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setForeground(0, QColor(GROUP_COLOURS[group]))
            self.tree.addTopLevelItem(head)
            for problem in mine:
                item = QTreeWidgetItem([f"　• {problem.text}"])
                item.setData(0, ProblemRole, problem)
                item.setToolTip(0, problem.text)
                self.tree.addTopLevelItem(item)
        self.fill_date.setVisible(any(p.meta == "date" for p in self.problems))
        organ = self._offer("issuing_organ")
        self.fill_organ.setText(f"落款机关填入机关名称：{organ}")
        self.fill_organ.setVisible(bool(organ))

    def items(self) -> list[ExportProblem]:
        """The problems as listed (headings left out)."""
        return [self.tree.topLevelItem(i).data(0, ProblemRole) for i in range(self.tree.topLevelItemCount())
                if self.tree.topLevelItem(i).data(0, ProblemRole) is not None]

    def _offer(self, meta: str) -> str:
        return next((p.offer for p in self.problems if p.meta == meta), "")

    def _fill(self, meta: str, value: str) -> None:
        self.fill_requested.emit(meta, value)
        self.problems = [p for p in self.problems if p.meta != meta]
        self._list()

    def _go_to_item(self, item: QTreeWidgetItem) -> None:
        problem = item.data(0, ProblemRole)
        if problem is not None:
            self.target = problem
            self.choice = BACK
            self.reject()

    def _back(self) -> None:
        self.choice = BACK
        self.target = self.problems[0] if self.problems else None
        self.reject()

    def _export(self) -> None:
        self.choice = EXPORT
        self.accept()
