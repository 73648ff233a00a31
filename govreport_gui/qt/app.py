"""Start the editor: ``govreport [FILE]`` → ``run(["FILE"])``."""

from __future__ import annotations

import sys

APP_NAME = "年报编制助手"


def ensure_app():
    """The QApplication (created once, with the names the data folder is derived from)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setOrganizationName("govreport")
    app.setApplicationName("govreport")
    app.setApplicationDisplayName(APP_NAME)
    return app


def create_window(argv: list[str], *, offer_recovery: bool = True):
    """The main window for ``argv`` (``[]`` or ``[FILE]``): offers to restore unsaved work left by
    an editor that did not close normally, otherwise opens FILE when given."""
    ensure_app()
    from .main_window import MainWindow

    window = MainWindow()
    restored = window.flows.offer_recovery() if offer_recovery else False
    files = [a for a in argv if not a.startswith("-")]
    if files and not restored:
        window.flows.open_file(files[0])
    return window


def run(argv: list[str]) -> int:
    app = ensure_app()
    window = create_window(list(argv))
    window.show()
    return app.exec()
