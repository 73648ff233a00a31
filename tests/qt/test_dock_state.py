"""The findings panel is placed on the window's right by a saved layout (``dock_state``) instead of
``addDockWidget`` + ``resizeDocks`` (which name Qt's enums before the first paint): the layout
written is the one Qt saves for a dock placed the usual way, and the window looks and behaves as it did."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QListWidget, QMainWindow, QMenu, QToolBar

from govreport_gui.qt.dock_state import right_dock_layout
from govreport_gui.qt.main_window import FINDINGS_DOCK, FINDINGS_LEAST_WIDTH, FINDINGS_WIDTH


def _window(qtbot, width: int, placed_by_layout: bool):
    """A window like the editor's: a tool bar row, a central widget, a dock on the right ``width`` wide."""
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(1200, 800)
    if placed_by_layout:
        assert window.restoreState(right_dock_layout("panel", width))
    bar = QToolBar("章节")
    bar.setObjectName("bar")
    bar.addWidget(QLabel("基本信息"))
    window.addToolBar(bar)
    window.setCentralWidget(QLabel("表格"))
    dock = QDockWidget("检查结果", window)
    dock.setObjectName("panel")
    dock.setWidget(QListWidget())
    if placed_by_layout:
        assert window.restoreDockWidget(dock)
    else:
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
    return window, dock, bar


@pytest.mark.parametrize("width", [FINDINGS_WIDTH, FINDINGS_LEAST_WIDTH, 501])
def test_the_layout_written_is_the_one_qt_saves_for_a_dock_added_on_the_right(qtbot, width):
    usual, usual_dock, usual_bar = _window(qtbot, width, placed_by_layout=False)
    ours, our_dock, our_bar = _window(qtbot, width, placed_by_layout=True)
    assert ours.saveState() == usual.saveState()          # before it is shown (what restoreState was given)…
    for window in (usual, ours):
        window.show()
        qtbot.waitExposed(window)
    assert ours.saveState() == usual.saveState()          # … and once laid out
    assert our_dock.geometry() == usual_dock.geometry() and our_dock.width() == width
    assert our_bar.geometry() == usual_bar.geometry()     # the tool bar kept (restoreState came before it)
    assert ours.centralWidget().geometry() == usual.centralWidget().geometry()
    assert ours.dockWidgetArea(our_dock) == Qt.DockWidgetArea.RightDockWidgetArea


def test_the_findings_panel_is_on_the_right_as_wide_as_before_and_the_view_menu_toggles_it(qtbot, make_window):
    window = make_window()
    window.resize(1440, 920)
    qtbot.waitExposed(window)
    dock = window.findings_dock
    assert dock.objectName() == FINDINGS_DOCK
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea and not dock.isFloating()
    qtbot.waitUntil(lambda: dock.width() == FINDINGS_WIDTH)
    assert dock.geometry().right() == window.rect().right()
    assert dock.features() == (QDockWidget.DockWidgetFeature.DockWidgetMovable
                               | QDockWidget.DockWidgetFeature.DockWidgetClosable)
    view = next(m for m in window.menuBar().findChildren(QMenu) if m.title().startswith("视图"))
    toggle = next(a for a in view.actions() if a.text() == dock.windowTitle())
    assert toggle.isChecked()
    toggle.trigger()
    assert not dock.isVisible() and not toggle.isChecked()
    toggle.trigger()
    assert dock.isVisible() and dock.width() == FINDINGS_WIDTH


def test_a_narrow_window_starts_with_a_narrower_panel():
    from govreport_gui.qt.main_window import MainWindow
    assert MainWindow._findings_width(1440) == FINDINGS_WIDTH
    assert MainWindow._findings_width(1000) == 250        # a quarter of the window
    assert MainWindow._findings_width(600) == FINDINGS_LEAST_WIDTH


def test_a_qt_that_does_not_read_the_layout_still_docks_the_panel_on_the_right(qtbot, monkeypatch):
    from govreport_gui.qt import main_window
    monkeypatch.setattr(main_window, "right_dock_layout", lambda name, width: QByteArray(b"not a layout"))
    window = main_window.MainWindow()
    qtbot.addWidget(window)
    window.resize(1440, 920)
    window.show()
    qtbot.waitExposed(window)
    dock = window.findings_dock
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea and not dock.isFloating()
    qtbot.waitUntil(lambda: dock.width() == FINDINGS_WIDTH)
