"""A scroll area's viewport handed to Python without PySide creating every widget class.

PySide 6 creates its Python classes when they are first used.  Given a widget Qt made whose class
is plain ``QWidget`` — a scroll area's viewport, as ``viewport()`` returns it —, it looks for a more
derived class that might describe it by creating every class derived from QWidget it has (about
seventy: QCalendarWidget, QMdiArea, QLCDNumber …, with their enums and the pages of PySide's library
that define them): 2.1 MB held for the session, by the first ``viewport()`` of a list, a grid or a
text field.  Found among the area's children, the same widget is described by its class's name (a
QWidget) without that search.  ``keep_viewport`` does so when the area is made and keeps the object
with the area, so that every later ``viewport()`` returns it: the same widget, the same calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractScrollArea

VIEWPORT_NAME = "qt_scrollarea_viewport"   # the object name Qt gives a scroll area's viewport


def keep_viewport(area: QAbstractScrollArea) -> None:
    """Hand ``area``'s viewport to Python now, from its children, and keep it with ``area``."""
    viewport = area.findChild(QWidget, VIEWPORT_NAME)   # (the area's own children are searched first)
    if viewport is not None:
        area._kept_viewport = viewport   # (a wrapper dropped would be made again, with the search)
