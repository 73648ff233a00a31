"""帮助→使用指南: the bundled guide opens inside the program; F1 on every tab, on the start page
and in the dialogs opens the page about it, at an anchor the page has; every link and picture of
the guide resolves, every page is reachable from the contents, and the pictures stay small."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QImage, QTextDocument
from PySide6.QtWidgets import QApplication
from qt_helpers import SAMPLE

from govreport_gui.core.serialize import load_file
from govreport_gui.qt.help_window import DIALOG_PAGES, HelpWindow, guide_dir

GUIDE = guide_dir()
PAGES = sorted(p.name for p in GUIDE.glob("*.html"))
MAX_IMAGE_BYTES = 150 * 1024


def anchors(page: str) -> set[str]:
    return set(re.findall(r'<a name="([^"]+)"', (GUIDE / page).read_text(encoding="utf-8")))


def links(page: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)"', (GUIDE / page).read_text(encoding="utf-8"))


def images(page: str) -> list[str]:
    return re.findall(r'<img src="([^"]+)"', (GUIDE / page).read_text(encoding="utf-8"))


def resolves(page: str, target: str) -> bool:
    name, _, place = target.partition("#")
    name = name or page
    return (GUIDE / name).is_file() and (not place or place in anchors(name))


def help_windows() -> list[HelpWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, HelpWindow) and w.isVisible()]


def test_the_guide_has_its_pages():
    assert {"index.html", "from-last-year.html", "tables.html", "findings.html", "export.html",
            "consolidate.html", "recovery.html", "ledger.html"} <= set(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_every_link_and_picture_of_a_page_resolves(qtbot, page):
    text = (GUIDE / page).read_text(encoding="utf-8")
    assert re.search(r"<title>[^<]+</title>", text)
    assert '<link rel="stylesheet" type="text/css" href="guide.css">' in text and (GUIDE / "guide.css").is_file()
    assert not re.search(r"[\u4e00-\u9fff，。、；：）”]\n[\u4e00-\u9fff（“]", text), "a line break inside Chinese text shows as a space"
    for target in links(page):
        assert resolves(page, target), f"{page}: link to {target}"
    for src in images(page):
        path = GUIDE / src
        assert path.is_file() and path.stat().st_size <= MAX_IMAGE_BYTES, f"{page}: {src}"
        assert not QImage(str(path)).isNull()
    from PySide6.QtWidgets import QTextBrowser
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.setSource(QUrl.fromLocalFile(str(GUIDE / page)))
    assert browser.document().toPlainText().strip()
    for src in images(page):   # what the window shows: the picture loaded through the page's own URL
        loaded = browser.loadResource(QTextDocument.ResourceType.ImageResource.value,
                                      browser.source().resolved(QUrl(src)))
        assert loaded is not None and not (hasattr(loaded, "isNull") and loaded.isNull()), src


def test_every_page_is_reachable_from_the_contents_and_every_picture_is_shown():
    seen, todo = set(), ["index.html"]
    while todo:
        page = todo.pop()
        if page not in seen:
            seen.add(page)
            todo += [t.partition("#")[0] for t in links(page) if t.partition("#")[0]]
    assert seen == set(PAGES)
    shown = {src for page in PAGES for src in images(page)}
    assert shown == {f"images/{p.name}" for p in (GUIDE / "images").iterdir()}


def test_the_help_menu_opens_the_guide(make_window, qtbot):
    window = make_window()
    action = next(a for a in window.findChildren(QAction) if a.text() == "使用指南")
    assert action.shortcut().matches(Qt.Key.Key_F1)
    action.trigger()
    [guide] = help_windows()
    assert guide.parent() is window and not guide.isModal()
    assert guide.current_page() == "index.html" and "年报编制助手" in guide.browser.documentTitle()


def press_f1(qtbot, widget) -> HelpWindow:
    widget.window().activateWindow()   # (the guide shown last has the focus)
    qtbot.waitUntil(widget.window().isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget or widget.isAncestorOf(QApplication.focusWidget()))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(help_windows()))
    return help_windows()[-1]


def test_f1_on_each_tab_opens_its_page(make_window, qtbot):
    loaded = load_file(SAMPLE)
    window = make_window(loaded.report, loaded.previous)
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        page = window.tabs.currentWidget()
        if page is window.meta_tab:
            target = window.meta_tab.fields["agency"]
        else:
            target = page.grid if page.table_id else page.prose.edit
        guide = press_f1(qtbot, target)
        shown = guide.current_page()
        if page is window.meta_tab:
            assert shown == "basic-info.html"
        elif page.table_id:
            assert shown == f"tables.html#table-{page.table_id}"
        else:
            assert shown == "text.html"
        assert resolves(shown.partition("#")[0], shown), shown
        if "#" in shown:   # scrolled to the table's section
            assert guide.browser.verticalScrollBar().value() > 0
    assert len(help_windows()) == 1, "one guide window, reused"


def test_f1_on_the_start_page_and_in_the_findings_panel(make_window, qtbot):
    loaded = load_file(SAMPLE)
    window = make_window(loaded.report, loaded.previous)
    assert press_f1(qtbot, window.findings.list).current_page() == "findings.html"
    window.flows.close_report()
    assert press_f1(qtbot, window.start_page.recent).current_page() == "index.html#start"


def _consolidate(window):
    from govreport_gui.qt import dialogs
    from govreport_gui.qt.consolidate_dialog import ConsolidateDialog
    return ConsolidateDialog(dialogs, window)


def _export_check(window):
    from govreport_gui.core.export_check import export_problems
    from govreport_gui.qt.export_check_dialog import ExportCheckDialog
    return ExportCheckDialog(window, "Word 文档", export_problems(window.session.report, window.session.document.findings))


def _new_report(window):
    from govreport_gui.qt.new_report_dialog import NewReportDialog
    return NewReportDialog(window, 2025, "某某局")


@pytest.mark.parametrize("make_dialog", [_consolidate, _export_check, _new_report])
def test_f1_in_a_modal_dialog_opens_its_page_over_it(make_window, qtbot, fake_dialogs, make_dialog):
    window = make_window()
    dialog = make_dialog(window)
    qtbot.addWidget(dialog)
    dialog.open()   # modal over the window: the window's own F1 cannot reach it
    qtbot.waitExposed(dialog)
    guide = press_f1(qtbot, dialog)
    assert guide.current_page() == DIALOG_PAGES[type(dialog).__name__]
    assert guide.parent() is dialog, "a child of the modal dialog, so that it can be read while it waits"


def test_every_dialog_named_for_f1_exists_and_its_page_resolves():
    import importlib
    import pkgutil

    import govreport_gui.qt as qt
    names = set()
    for module in pkgutil.iter_modules(qt.__path__):
        loaded = importlib.import_module(f"govreport_gui.qt.{module.name}")
        names |= {n for n, obj in vars(loaded).items() if isinstance(obj, type)}
    for name, page in DIALOG_PAGES.items():
        assert name in names, name
        assert resolves(page.partition("#")[0], page), page


def test_the_guide_is_packaged_from_resources():
    assert GUIDE == Path(__file__).resolve().parents[2] / "resources" / "guide"


def test_the_pictures_fit_the_window_on_a_small_screen(qtbot):
    """The guide on 1366×768 at 150 % (its window 870×425): the pictures, 900 px wide, made every
    page scroll sideways to see the right of the picture and of the text beside it. They are now as
    wide as the window shows, in proportion; in a large window, as they are."""
    from govreport_gui.qt.help_window import _pictures
    window = HelpWindow()
    qtbot.addWidget(window)
    window.show()
    pages = sorted(p.name for p in guide_dir().glob("*.html"))
    for size, fitted in (((870, 425), True), ((1200, 800), False)):
        window.resize(*size)
        for page in pages:
            window.show_page(page)
            qtbot.wait(10)
            assert window.browser.horizontalScrollBar().maximum() == 0, (size, page)
            document = window.browser.document()
            for _start, _length, picture in _pictures(document):
                natural = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(picture.name()))
                shown = picture.width() or natural.width()
                assert shown <= window.browser.viewport().width()
                if fitted and natural.width() > window.browser.viewport().width():
                    assert abs(picture.height() / shown - natural.height() / natural.width()) < 0.01
                if not fitted:
                    assert shown == natural.width(), page
