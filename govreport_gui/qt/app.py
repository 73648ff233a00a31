"""Start the editor: ``govreport [FILE]`` → ``run(["FILE"])``."""

from __future__ import annotations

import sys
from pathlib import Path

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
    from . import refcount_guard
    refcount_guard.install(app)
    return app


def create_window(argv: list[str], *, offer_recovery: bool = True):
    """The main window for ``argv`` (``[]`` or ``[FILE]``): offers to restore unsaved work left by
    an editor that did not close normally, otherwise opens FILE when given."""
    ensure_app()
    from ..core.document import Document
    from .file_flows import orphaned_recovery_files
    from .main_window import MainWindow

    files = [a for a in argv if not a.startswith("-")]
    recovering = offer_recovery and bool(orphaned_recovery_files())
    result = None
    if files and not recovering:
        # read FILE before building the window, so the window is built once, on its document
        from ..core.errors import ReadError
        from ..io.registry import read_report
        try:
            result = read_report(files[0])
        except ReadError:
            result = None  # opened again below through the file flows, which show the message
    window = MainWindow(Document(result.report, result.previous) if result is not None else None)
    if result is not None:
        window.flows.adopt(Path(files[0]), result, window.session.document)
        return window
    restored = window.flows.offer_recovery() if recovering else False
    if files and not restored:
        window.flows.open_file(files[0])
    return window


def run(argv: list[str]) -> int:
    app = ensure_app()
    window = create_window(list(argv))
    window.show()
    return app.exec()
