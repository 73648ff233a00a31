"""A wrapped label lays its text out once for each width it is asked about (Qt's QLabel does it at
every call: 63 layouts of 15 widths on 基本信息 before the first paint), and answers as QLabel does."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from govreport_gui.qt.wrapped_label import WrappedLabel

TEXT = "《中华人民共和国政府信息公开工作年度报告格式》，适用于2021年度至今的报告。"


def test_the_heights_are_qlabels_and_laid_out_once_per_width(qtbot, monkeypatch):
    label, plain = WrappedLabel(TEXT), QLabel(TEXT)
    plain.setWordWrap(True)
    qtbot.addWidget(label)
    qtbot.addWidget(plain)
    laid_out = []
    qt_height = QLabel.heightForWidth
    monkeypatch.setattr(QLabel, "heightForWidth", lambda self, w: laid_out.append(w) or qt_height(self, w))
    widths = [120, 240, 120, 480, 240, 120]
    assert [label.heightForWidth(w) for w in widths] == [qt_height(plain, w) for w in widths]
    assert sorted(laid_out) == [120, 240, 480]
    # what the height depends on changes: asked again
    for change in (lambda lb: lb.setText(TEXT * 2), lambda lb: lb.setMargin(6), lambda lb: lb.setIndent(12),
                   lambda lb: lb.setFont(QFont(lb.font().family(), 20)), lambda lb: lb.setContentsMargins(9, 9, 9, 9)):
        change(label)
        change(plain)
        laid_out.clear()
        assert label.heightForWidth(240) == qt_height(plain, 240) and laid_out == [240]
