"""F1 and 帮助→使用指南, given at start-up without the guide's window (``help_window``), which is
imported when the guide is first opened: its dialog class, the page URLs (QUrl) and the bundled
files are nothing the editor's first paint needs.

Each top-level window gets an F1 shortcut the first time it receives the focus (``install``), so
that F1 works in modal dialogs too — a shortcut of the main window would be blocked by them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from .qt_ints import WIDGET_SHORTCUT

_HAS_HELP_KEY = "_govreport_help_key"


def open_guide(parent: QWidget | None, contents: bool = False) -> None:
    """The guide at its contents, or at the page about ``parent``'s window (``help_window.show_guide``)."""
    from .help_window import CONTENTS, show_guide
    show_guide(parent, CONTENTS if contents else None)


def add_guide_action(window: QWidget, menu) -> QAction:
    """帮助→使用指南 in the main window ``window``: the guide's contents.  F1 in this window (and in
    every other window of the program) opens the page about what is in use; the menu shows the key."""
    action = menu.addAction("使用指南")   # (not QAction(text, window): its overloads make PySide6 build QIcon's enums)
    action.setShortcuts([QKeySequence(QKeySequence.StandardKey.HelpContents)])   # (setShortcut's overloads make Qt's enums)
    action.setProperty("shortcutContext", WIDGET_SHORTCUT)   # shown in the menu; F1 itself is add_help_key's
    action.setStatusTip("按 F1 可随时打开与当前页面有关的说明。")
    action.triggered.connect(lambda _checked=False: open_guide(window, contents=True))
    add_help_key(window)
    install(QApplication.instance())
    return action


def add_help_key(window: QWidget) -> None:
    """F1 in ``window`` opens the guide's page about it (once per window)."""
    if window.property(_HAS_HELP_KEY):
        return
    window.setProperty(_HAS_HELP_KEY, True)
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), window)   # (in the whole window:
    # a shortcut's context is WindowShortcut unless said otherwise)
    shortcut.activated.connect(lambda: open_guide(QApplication.focusWidget() or window))


class _HelpKeys(QObject):
    """Gives each window F1 when it first receives the focus."""

    def focus_changed(self, _old, new) -> None:
        if new is not None:
            add_help_key(new.window())


def install(app: QApplication) -> None:
    """F1 in every window of ``app`` (installed once)."""
    if getattr(app, "_govreport_help_keys", None) is None:
        keys = _HelpKeys(app)
        app.focusChanged.connect(keys.focus_changed)
        app._govreport_help_keys = keys
