"""The application's start: the report is painted first, the checks run just after the first paint,
then the pages not shown yet are built; nothing is lost if the clerk is quicker than that."""

from __future__ import annotations

from qt_helpers import SAMPLE

from govreport_gui.core.checks import check_report
from govreport_gui.core.edits import SetMeta
from govreport_gui.core.findings import Severity
from govreport_gui.qt.app import create_window


def _shown(qtbot, window):
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)


def test_checks_wait_for_the_first_paint_then_fill_panel_and_badges(qtbot):
    window = create_window([str(SAMPLE)], offer_recovery=False)
    document = window.session.document
    # built, not yet painted: nothing has been checked, and the window says so
    assert not document.checked
    assert window.status_counts.text() == "正在检查…"
    assert window.findings.summary.text() == "正在检查…" and window.findings.items() == []
    assert not any(page.built for page in window.pages)

    _shown(qtbot, window)
    qtbot.waitUntil(lambda: document.checked and window._checked_once)
    expected = check_report(document.report, document.previous, document.computed)
    assert [f.message for f in window.findings.items()] == [f.message for f in sorted(
        expected, key=lambda f: ({Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}[f.severity],
                                 not f.is_open))]
    errors = sum(1 for f in expected if f.is_open and f.severity is Severity.ERROR)
    assert window.status_counts.text().startswith(f"错误 {errors} ")
    qtbot.waitUntil(lambda: all(page.built for page in window.pages))


def test_an_edit_before_the_first_paint_is_checked_at_once(qtbot):
    window = create_window([str(SAMPLE)], offer_recovery=False)
    meta = window.session.report.meta
    window.session.push(SetMeta("year", meta.year, 2019, "改年度"))  # a stale year: a finding
    assert window.session.document.checked
    assert window.findings.summary.text() != "正在检查…"
    assert window.findings.items(), "the edit's findings are listed before any paint"
    assert window.status_counts.text() != "正在检查…"
    qtbot.addWidget(window)


def test_a_window_made_directly_checks_at_once(qtbot, make_window, sample):
    window = make_window(sample)
    assert window.session.document.checked
    assert window.findings.summary.text() != "正在检查…"


def test_without_a_paint_the_first_check_still_comes(qtbot, monkeypatch):
    from govreport_gui.qt import main_window
    monkeypatch.setattr(main_window, "FIRST_CHECK_LATEST_MS", 50)
    window = create_window([str(SAMPLE)], offer_recovery=False)
    window.paintEvent = lambda event: None  # e.g. a window started minimised is never painted
    _shown(qtbot, window)
    qtbot.waitUntil(lambda: window.session.document.checked and window._checked_once, timeout=3000)
    assert window.findings.summary.text() != "正在检查…"
    assert window.status_version.text() == "2021版格式"


def test_the_window_fits_a_small_office_screen():
    from PySide6.QtCore import QSize

    from govreport_gui.qt.main_window import PREFERRED_SIZE, window_size
    assert window_size(QSize(1366, 728)) == (1326, 668)
    assert window_size(QSize(2560, 1400)) == PREFERRED_SIZE
    assert window_size(None) == PREFERRED_SIZE
