"""Start the editor: ``govreport [FILE]`` → ``run(["FILE"])``."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import APP_NAME
from ..data_folder import APPLICATION, ORGANIZATION


def ensure_app():
    """The QApplication (created once, with the names the data folder is derived from)."""
    from PySide6.QtWidgets import QApplication

    from . import pyside_sources
    pyside_sources.light_source_check()
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        from . import start_collection
        start_collection.pause()   # until the first window's first paint
    app.setOrganizationName(ORGANIZATION)   # Qt's data folder is then data_folder.data_dir()
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APP_NAME)
    _install_chinese_translation(app)
    from . import fonts, fusion_icons, refcount_guard
    fonts.prefer_simplified_chinese(app)   # Han in its Simplified Chinese forms whatever the locale
    fusion_icons.install()
    refcount_guard.install(app)
    return app


def _install_chinese_translation(app) -> None:
    """Qt's own texts (standard dialog buttons: 确定/取消/是/否, context menus, the file dialog) in
    Chinese: Qt's catalogue, then the texts it lacks (zh_translator); the Chinese locale for the
    names of file kinds and for numbers and dates Qt formats."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from .zh_translator import MissingQtChinese

    if getattr(app, "_govreport_translator", None) is not None:
        return
    chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    QLocale.setDefault(chinese)
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(chinese, "qtbase", "_", folder):
        app.installTranslator(translator)
    missing = MissingQtChinese(app)  # installed last: asked first, answers only what Qt's lacks
    app.installTranslator(missing)
    app._govreport_translator = (translator, missing)


def create_window(argv: list[str], *, offer_recovery: bool = True):
    """The main window for ``argv`` (``[]`` or ``[FILE]``): offers to restore unsaved work left by
    an editor that did not close normally, otherwise opens FILE when given, else the start page."""
    ensure_app()
    from ..core.document import Document
    from .main_window import MainWindow
    from .recovery import orphaned_sessions

    files = [a for a in argv if not a.startswith("-")]
    recovering = offer_recovery and bool(orphaned_sessions())
    result = None
    if files and not recovering:
        # read FILE before building the window, so the window is built once, on its document
        from ..core.errors import ReadError
        from ..io.registry import read_report
        try:
            result = read_report(files[0])
        except ReadError:
            result = None  # opened again below through the file flows, which show the message
    # without a file (or one that cannot be read) the start page shows until a report is open
    window = MainWindow(Document(result.report, result.previous) if result is not None else None,
                        check_after_first_paint=True, start_page=result is None)
    if result is not None:
        window.flows.adopt(Path(files[0]), result, window.session.document)
        return window
    restored = window.flows.recovery.offer() if recovering else False
    if files and not restored:
        window.flows.open_file(files[0])
    return window


def install_excepthook(window) -> None:
    """An unexpected error inside the editor: the work is autosaved and the clerk reads a message
    (in Chinese) instead of a traceback; the details go to the log (and stderr) for support."""
    import logging
    import traceback

    from . import dialogs

    busy = []

    def hook(exc_type, exc, tb) -> None:
        logging.getLogger(__name__).error("编辑器中的意外错误", exc_info=(exc_type, exc, tb))
        traceback.print_exception(exc_type, exc, tb)
        if busy:
            return
        busy.append(True)
        try:
            try:
                saved = window.flows.recovery.autosave()
            except Exception:  # noqa: BLE001 - never fail inside the hook
                saved = False
            note = "未保存的修改已自动保存，" if saved else ""
            dialogs.error(window, f"程序遇到了意外错误，刚才的操作可能没有完成。{note}可以继续编辑，"
                          "建议先保存一次。", f"{exc_type.__name__}: {exc}")
        finally:
            busy.clear()

    sys.excepthook = hook


def run(argv: list[str]) -> int:
    app = ensure_app()
    window = create_window(list(argv))
    install_excepthook(window)
    window.show()
    return app.exec()
