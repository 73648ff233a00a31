"""帮助→使用指南: the offline guide, bundled as HTML pages with pictures in ``resources/guide/``,
read in a window of the program; F1 opens the page about what the clerk is doing.

``page_for(widget)`` answers which page (and place on it) explains the window ``widget`` belongs to:
the tab shown in the main window, or the dialog.  F1 and the menu's entry are given by ``help_keys``
(at start-up, without this module).  The guide opened from a modal dialog is that dialog's
child window, so it can be read and scrolled while the dialog waits.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QTextCursor, QTextDocument, QTextImageFormat
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..resources import resource
from .screen_fit import resize_to_fit

GUIDE = "guide"
PICTURE_MARGIN = 8   # pixels beside a picture fitted to the window (the page's own margin besides)
CONTENTS = "index.html"
# The page explaining each dialog, by its class name (dialogs not named here: the contents).
DIALOG_PAGES = {
    "ConsolidateDialog": "consolidate.html",
    "LedgerDialog": "ledger.html",
    "ExportCheckDialog": "export.html#check",
    "ImportPreviewDialog": "from-last-year.html#import",
    "NewReportDialog": "index.html#new",
    "AcceptWarningDialog": "findings.html#accept",
    "AboutDialog": "recovery.html#log",
    "DiagnosticsDialog": "recovery.html#log",
    "BusyDialog": "export.html#pdf",
}


def guide_dir():
    return resource(GUIDE)


def guide_url(page: str = CONTENTS) -> QUrl:
    """The URL of ``page`` (``name.html`` or ``name.html#place``) in the bundled guide."""
    name, _, place = page.partition("#")
    url = QUrl.fromLocalFile(str(guide_dir() / name))
    if place:
        url.setFragment(place)
    return url


def _main_window_page(window) -> str:
    if window.start_page_shown():
        return "index.html#start"
    focus = QApplication.focusWidget()
    if focus is not None and window.findings_dock.isAncestorOf(focus):
        return "findings.html"
    page = window.tabs.currentWidget()
    if page is window.meta_tab:
        return "basic-info.html"
    table = getattr(page, "table_id", None)
    return f"tables.html#table-{table}" if table else "text.html"


def page_for(widget: QWidget | None) -> str:
    """The guide's page about the window ``widget`` is in."""
    window = widget.window() if widget is not None else None
    if window is None:
        return CONTENTS
    if hasattr(window, "start_page_shown"):      # the main window
        return _main_window_page(window)
    for cls in type(window).__mro__:
        if cls.__name__ in DIALOG_PAGES:
            return DIALOG_PAGES[cls.__name__]
    parent = window.parentWidget()
    return page_for(parent) if parent is not None and not isinstance(window, HelpWindow) else CONTENTS


class HelpWindow(QDialog):
    """The guide: the page, 目录 / 后退 / 前进 above it; links between the pages followed inside."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("使用指南 — 年报编制助手")
        self.setModal(False)
        resize_to_fit(self, 980, 720)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setSearchPaths([str(guide_dir())])
        for text, slot in (("目录", lambda: self.show_page(CONTENTS)), ("后退", self.browser.backward),
                           ("前进", self.browser.forward)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
        bar.addStretch(1)
        close = QPushButton("关闭")
        close.clicked.connect(self.close)
        bar.addWidget(close)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)
        self.browser.sourceChanged.connect(lambda _url: self.setWindowTitle(
            f"{self.browser.documentTitle() or '使用指南'} — 使用指南"))
        self.browser.sourceChanged.connect(lambda _url: self._fit_pictures())
        self.browser.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - a Qt override
        if event.type() == QEvent.Type.Resize and watched is self.browser.viewport():
            self._fit_pictures()
        return False

    def _fit_pictures(self) -> None:
        """Each picture of the page no wider than the window shows it (the guide's are up to 900 px
        wide; on 1366×768 at 150 % the window has 870): made smaller, not scrolled sideways."""
        document = self.browser.document()
        room = self.browser.viewport().width() - 2 * int(document.documentMargin()) - PICTURE_MARGIN
        for start, length, picture in _pictures(document):
            natural = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(picture.name()))
            if natural is None or natural.width() <= 0:
                continue
            width = min(natural.width(), max(room, 1))
            if picture.width() in (0, natural.width()) and width == natural.width():
                continue   # (shown as it is: the page left as the browser laid it out)
            picture.setWidth(width)
            picture.setHeight(natural.height() * width / natural.width())
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(picture)

    def show_page(self, page: str = CONTENTS) -> None:
        self.browser.setSource(guide_url(page))   # (the page shown: only scrolled to the place)

    def current_page(self) -> str:
        """The page shown, as ``name.html`` (with ``#place`` when it was opened at one)."""
        source = self.browser.source()
        name = source.fileName()
        return f"{name}#{source.fragment()}" if source.fragment() else name


def _pictures(document) -> list[tuple[int, int, QTextImageFormat]]:
    """The pictures of ``document``: where each is, and its format."""
    found = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().isImageFormat():
                found.append((fragment.position(), fragment.length(), fragment.charFormat().toImageFormat()))
            fragments += 1
        block = block.next()
    return found


def show_guide(parent: QWidget | None, page: str | None = None) -> HelpWindow:
    """Show the guide at ``page`` (the page about ``parent``'s window when None), in the help window
    belonging to ``parent``'s window (made when there is none yet)."""
    owner = parent.window() if parent is not None else None
    if isinstance(owner, HelpWindow):
        owner.show_page(page or CONTENTS)
        return owner
    page = page or page_for(parent)
    help_window = owner.findChild(HelpWindow, options=Qt.FindChildOption.FindDirectChildrenOnly) if owner else None
    if help_window is None:
        help_window = HelpWindow(owner)
    help_window.show_page(page)
    help_window.show()
    help_window.raise_()
    help_window.activateWindow()
    return help_window
