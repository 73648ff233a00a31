"""A dock placed on the window's right without naming ``Qt`` before the first paint (see ``qt_ints``).

``QMainWindow.addDockWidget`` and ``resizeDocks`` take a ``Qt.DockWidgetArea`` and a
``Qt.Orientation``: the first call of either makes PySide build the whole ``Qt`` namespace.  A
main window also places a dock from a layout it saved (``saveState``): ``restoreState`` given the
layout of a dock not made yet keeps its place, and ``restoreDockWidget(dock)`` puts the dock there
once it is made.  ``right_dock_layout`` writes the layout ``saveState`` writes for one dock on the
right of a window not shown yet (added by ``addDockWidget``, sized by ``resizeDocks``), so::

    window.restoreState(right_dock_layout("findings", 330))   # before any tool bar is added
    ...
    dock = QDockWidget("检查结果", window)
    dock.setObjectName("findings")
    window.restoreDockWidget(dock)

gives the window the layout (and, once shown, the geometry) those two calls gave it.
``restoreState`` sets the tool bars too (none in this layout): it is called before any is added.

The format is Qt's (``QMainWindow::saveState``, ``QDockAreaLayout::saveState``; the same since
Qt 4.3), in ``QDataStream``'s big-endian order; ``tests/qt/test_dock_state.py`` checks it against
what ``saveState`` writes for a dock placed the usual way.
"""

from __future__ import annotations

import struct

from PySide6.QtCore import QByteArray

VERSION_MARKER = 0xFF   # QMainWindow::saveState: this marker, then the caller's version of its layouts
VERSION = 0             # (saveState's and restoreState's default)
DOCK_STATE = 0xFD       # QDockAreaLayout::DockWidgetStateMarker: the docks' part of the layout follows
RIGHT_AREA = 1          # QInternal::RightDock: the areas are numbered left 0, right 1, top 2, bottom 3
SEQUENCE = 0xFC         # QDockAreaLayoutInfo::SequenceMarker: the area's docks one after another …
VERTICAL = 2            # … top to bottom (Qt.Orientation.Vertical)
WIDGET = 0xFB           # QDockAreaLayoutInfo::WidgetMarker: a dock, by its object name
SHOWN = 1               # StateFlagVisible (not floating)
CORNERS = (4, 4, 8, 8)  # Qt.DockWidgetArea of the corners (top-left, top-right, bottom-left, bottom-right):
#                         the top ones belong to the top area, the bottom ones to the bottom area (Qt's default)


def right_dock_layout(name: str, width: int) -> QByteArray:
    """The saved layout of a window whose only dock, the one named ``name``, is on its right,
    ``width`` pixels wide, shown, and is laid out when the window is first shown."""
    encoded = name.encode("utf-16-be")
    data = struct.pack(">iiB", VERSION_MARKER, VERSION, DOCK_STATE)
    data += struct.pack(">i", 1)                                   # one dock area holds docks:
    data += struct.pack(">iii", RIGHT_AREA, width, 0)             # the right one, its size (height: not laid out yet)
    data += struct.pack(">BBi", SEQUENCE, VERTICAL, 1)             # one dock in it:
    data += struct.pack(">Bi", WIDGET, len(encoded)) + encoded     # its name (a QString: length in bytes, UTF-16)
    data += struct.pack(">Biiii", SHOWN, 0, -1, 0, 0)              # shown; position 0, its size left to the layout
    #                                                                (its least and largest width: read, not used)
    data += struct.pack(">ii", 0, 0)                               # the central widget's size (not laid out yet)
    data += struct.pack(">iiii", *CORNERS)
    return QByteArray(data)
