"""The import preview: what a file would bring in, confirmed with 导入 or dropped with 取消.

Shows ``io.import_preview.build_preview``: a summary line, then a tree — one branch per table
with its figures, and branches for printed totals that disagree, values that could not be read,
labels not placed, conversions and formulas (problem branches open, the rest closed).  The
dialog changes nothing; the caller applies ``import_preview.import_edit`` on 导入 (one undo step).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ..core.carryover import CarryOver
from ..io.import_preview import ImportPreview, build_preview
from ..io.registry import ImportResult
from .screen_fit import resize_to_fit

_ATTENTION = {"文件所列合计与重新计算不一致", "重复且数字不一致的表格", "未能读取的数字", "未能放置的标签",
              "导入后的其他错误"}


class ImportPreviewDialog(QDialog):
    def __init__(self, result: ImportResult, path: str | Path | None = None, parent: QWidget | None = None,
                 verb: str = "导入", carried: CarryOver | None = None):
        super().__init__(parent)
        self.preview: ImportPreview = build_preview(result, path, carried)
        self.setWindowTitle(f"{verb}预览")
        resize_to_fit(self, 760, 560)
        layout = QVBoxLayout(self)

        p = self.preview
        head = [f"<b>{_escape(p.source)}</b>　{_escape(p.version)}"]
        meta = "　".join(f"{name}：{_escape(value)}" for name, value in p.metadata[:3])
        if meta:
            head.append(meta)
        head.append(f"共读取 {p.n_figures} 个数字"
                    + (f"；正文 {len(p.sections)} 部分" if p.sections else ""))
        if p.needs_attention:
            head.append("<span style='color:#b00000'>有需要核对的内容，请看下面标红的项目；"
                        "确认无误后点“导入”，导入后可以撤销。</span>")
        else:
            head.append("请核对后点“导入”，导入后可以撤销。")
        self.summary = QLabel("<br>".join(head))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["内容", "数值"])
        self.tree.setColumnWidth(0, 560)
        self.tree.setWordWrap(True)
        layout.addWidget(self.tree, 1)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText("选中一行可在此看到全文。")
        self.detail.setFixedHeight(84)
        layout.addWidget(self.detail)
        self.tree.currentItemChanged.connect(self._show_detail)
        self._fill()

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(verb, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _fill(self) -> None:
        red = QBrush(QColor("#b00000"))
        for title, items in self.preview.groups():
            branch = QTreeWidgetItem([f"{title}（{len(items)}）", ""])
            branch.setToolTip(0, f"{title}（{len(items)}）")
            attention = title in _ATTENTION
            if attention:
                branch.setForeground(0, red)
            for text in items:
                leaf = QTreeWidgetItem([text, ""])
                leaf.setToolTip(0, text)
                branch.addChild(leaf)
            self.tree.addTopLevelItem(branch)
            for i in range(branch.childCount()):
                branch.child(i).setFirstColumnSpanned(True)  # long sentences: the full width
            branch.setExpanded(attention)
        for table in self.preview.tables:
            branch = QTreeWidgetItem([f"{table.heading} — {table.summary}", ""])
            for f in table.figures:
                leaf = QTreeWidgetItem([f"{f.row} / {f.col}", f.text])
                leaf.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                leaf.setToolTip(0, f"{f.row} / {f.col}")
                branch.addChild(leaf)
            self.tree.addTopLevelItem(branch)
            branch.setFirstColumnSpanned(True)
            branch.setToolTip(0, f"{table.heading} — {table.summary}")
        if self.preview.sections:
            self.tree.addTopLevelItem(QTreeWidgetItem(["正文：" + "、".join(self.preview.sections), ""]))

    def _show_detail(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is not None:
            text = item.toolTip(0) or item.text(0)
            value = item.text(1)
            self.detail.setPlainText(f"{text}：{value}" if value else text)

    def branch_titles(self) -> list[str]:
        return [self.tree.topLevelItem(i).text(0) for i in range(self.tree.topLevelItemCount())]


def confirm_import(result: ImportResult, path: str | Path | None = None, parent: QWidget | None = None,
                   verb: str = "导入", carried: CarryOver | None = None) -> bool:
    """Show the preview modally; True when the clerk chose ``verb`` (导入).  For 导入上一年度…
    pass the ``carry_over`` result as ``carried`` (its summary is listed) and e.g. verb="结转"."""
    dialog = ImportPreviewDialog(result, path, parent, verb, carried)
    return dialog.exec() == QDialog.DialogCode.Accepted


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
