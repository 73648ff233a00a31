"""Windows and dialogs no larger than the screen they open on.

A dialog sized for a large monitor (汇总 at 1100×720) is taller than a 1366×768 screen's free area
once the title bar is counted, and half as large again as the screen at 150 % scaling: its buttons
at the bottom cannot be reached.  Each window asks here for its first size.  A page whose content
needs more room than such a screen has (the start page, 基本信息) scrolls instead of making the
window larger than the screen (``scrolled_content``).
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from .qt_ints import NO_FOCUS
from .viewports import keep_viewport

MARGIN = (40, 60)   # pixels left for the window's frame and title bar, and a little room


def fitted(preferred: tuple[int, int], available) -> tuple[int, int]:
    """``preferred`` (width, height), shrunk to the screen's free ``available`` area (a QSize; the
    taskbar left out) less ``MARGIN``; ``preferred`` when the free area is not known."""
    if available is None or available.width() <= 0:
        return preferred
    return (min(preferred[0], available.width() - MARGIN[0]), min(preferred[1], available.height() - MARGIN[1]))


def free_area(widget):
    """The free area of the screen ``widget`` opens on; None on the offscreen platform, whose
    800×800 “screen” is no monitor (pictures and tests get the sizes asked for)."""
    screen = widget.screen()
    if screen is None or QGuiApplication.platformName() == "offscreen":
        return None
    return screen.availableGeometry().size()


def resize_to_fit(widget, width: int, height: int) -> None:
    """Give ``widget`` its first size: ``width``×``height`` where the screen has room for it."""
    widget.resize(*fitted((width, height), free_area(widget)))


def scrolled_content(page: QWidget) -> QWidget:
    """The widget ``page``'s content goes in, scrolled when the window is smaller than it needs."""
    scroll = QScrollArea()
    keep_viewport(scroll)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setProperty("focusPolicy", NO_FOCUS)   # Tab goes to its fields, not to the area: it shows no focus
    content = QWidget()
    scroll.setWidget(content)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(scroll)
    return content
