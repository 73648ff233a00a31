"""The ints the window's first paint gives Qt (``qt_ints``) are Qt's own values, and each property set
with one holds the enum value the typed setter would have set."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QListWidget, QMenu, QTabBar
from qt_helpers import filled

from govreport_gui.qt import qt_ints
from govreport_gui.qt.findings_panel import FindingRole


def test_each_int_is_the_value_of_its_qt_enum():
    assert qt_ints.USER_ROLE == Qt.ItemDataRole.UserRole.value and FindingRole == Qt.ItemDataRole.UserRole + 10
    assert qt_ints.FOREGROUND_ROLE == Qt.ItemDataRole.ForegroundRole.value
    assert qt_ints.STRONG_FOCUS == Qt.FocusPolicy.StrongFocus.value
    assert qt_ints.ALIGN_LEFT == Qt.AlignmentFlag.AlignLeft.value
    assert qt_ints.ALIGN_RIGHT == Qt.AlignmentFlag.AlignRight.value
    assert qt_ints.ALIGN_VCENTER == Qt.AlignmentFlag.AlignVCenter.value
    assert qt_ints.RICH_TEXT == Qt.TextFormat.RichText.value
    assert qt_ints.ELIDE_RIGHT == Qt.TextElideMode.ElideRight.value
    assert qt_ints.ELIDE_NONE == Qt.TextElideMode.ElideNone.value
    assert qt_ints.WIDGET_SHORTCUT == Qt.ShortcutContext.WidgetShortcut.value
    assert qt_ints.NO_FOCUS == Qt.FocusPolicy.NoFocus.value


def test_a_property_set_from_an_int_holds_the_enum_value(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    assert label.setProperty("alignment", qt_ints.ALIGN_VCENTER | qt_ints.ALIGN_LEFT)
    assert label.alignment() == Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
    assert label.setProperty("alignment", qt_ints.ALIGN_RIGHT)
    assert label.alignment() == Qt.AlignmentFlag.AlignRight
    assert label.setProperty("textFormat", qt_ints.RICH_TEXT)
    assert label.textFormat() == Qt.TextFormat.RichText
    items = QListWidget()
    qtbot.addWidget(items)
    assert items.setProperty("textElideMode", qt_ints.ELIDE_NONE)
    assert items.textElideMode() == Qt.TextElideMode.ElideNone
    bar = QTabBar()
    qtbot.addWidget(bar)
    assert bar.setProperty("elideMode", qt_ints.ELIDE_RIGHT)
    assert bar.elideMode() == Qt.TextElideMode.ElideRight
    menu = QMenu()
    action = menu.addAction("使用指南")
    assert action.setProperty("shortcutContext", qt_ints.WIDGET_SHORTCUT)
    assert action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut
    assert bar.setProperty("focusPolicy", qt_ints.NO_FOCUS)
    assert bar.focusPolicy() == Qt.FocusPolicy.NoFocus


def _action(window, menu: str, text: str):
    menu_of = next(m for m in window.menuBar().findChildren(QMenu) if m.title().startswith(menu))
    return next(a for a in menu_of.actions() if a.text() == text)


def test_the_window_uses_them(qtbot, make_window):
    window = make_window(filled("2021"))
    assert window.findings.summary.textFormat() == Qt.TextFormat.RichText
    assert window.findings.list.textElideMode() == Qt.TextElideMode.ElideNone
    assert window.tabs.tabBar().elideMode() == Qt.TextElideMode.ElideRight
    assert window.meta_tab.previous_info.alignment() == Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
    assert window.meta_tab.preamble.counter.alignment() == Qt.AlignmentFlag.AlignRight
    guide = _action(window, "帮助", "使用指南")
    assert guide.shortcutContext() == Qt.ShortcutContext.WidgetShortcut
    assert guide.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    clear = _action(window, "编辑", "清除所选单元格")
    assert clear.shortcuts() == [QKeySequence(Qt.Key.Key_Delete)]
