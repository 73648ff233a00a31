"""Every dialog on the smallest screen clerks have: 1366×768 at 150 % scaling, whose free area is
910×485 once the taskbar is left out. Each dialog, shown, is no larger than that area less the room of
its frame and title bar (``screen_fit.MARGIN``), so its buttons can be reached."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
from qt_helpers import SAMPLE
from test_chinese_texts import _dialogs

from govreport_gui.core.serialize import load_file
from govreport_gui.qt import screen_fit

SMALLEST = QSize(910, 485)   # 1366×768 at 150 %, the taskbar left out


@pytest.fixture
def smallest_screen(monkeypatch):
    monkeypatch.setattr(screen_fit, "free_area", lambda widget: SMALLEST)


def _fits(dialog) -> str | None:
    """What does not fit, said in the clerk's terms; None when the shown dialog fits."""
    dialog.show()
    for _ in range(4):
        QApplication.instance().processEvents()
    room = QSize(SMALLEST.width() - screen_fit.MARGIN[0], SMALLEST.height() - screen_fit.MARGIN[1])
    if dialog.width() > room.width() or dialog.height() > room.height():
        return f"{type(dialog).__name__} {dialog.width()}×{dialog.height()}，屏幕只有 {room.width()}×{room.height()}"
    return None


def test_every_dialog_fits_the_smallest_screen(qtbot, make_window, tmp_path, smallest_screen):
    from govreport_gui.qt.consolidate_charts import UnitsChartWindow
    loaded = load_file(SAMPLE)
    window = make_window(loaded.report, loaded.previous)
    too_large = []
    for dialog in [d for d, _allowed in _dialogs(window, tmp_path)] + [UnitsChartWindow(None, window)]:
        too_large.append(_fits(dialog))
        dialog.grab().save(str(tmp_path / f"{type(dialog).__name__}.png"))
        dialog.close()
        dialog.deleteLater()
    assert [t for t in too_large if t] == []
