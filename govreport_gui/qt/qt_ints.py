"""Qt's enumeration values the window's first paint needs, as plain ints.

PySide6 builds its classes when Python first touches them.  The first time anything touches
``PySide6.QtCore.Qt`` — ``from PySide6.QtCore import Qt``, a ``Qt.…`` value, a Qt-enum value Qt
hands to Python (a getter such as ``label.alignment()``, an override receiving an ``Orientation``,
a signal carrying one), or an ``int`` passed where PySide wants a Qt enum (the call fails and its
error message names the enum) — PySide builds the whole ``Qt`` namespace: its 92 enumerations as
Python enum classes, some 14 ms and 1.6 MB, a twelfth of the editor's start.  The code on the way
to the first paint therefore gives Qt these values as ints, through calls that take ints:

* a property of an enum or flags type: ``widget.setProperty("alignment", ALIGN_RIGHT)``, which Qt's
  meta-object converts (the value is never read back as an enum before the paint);
* an item's role: ``item.setData(USER_ROLE + 10, value)`` (roles are ints in PySide too).

Each value is checked against PySide's own enum in ``tests/qt/test_qt_ints.py``.  Code that runs
after the first paint (dialogs, keys, menus' actions, edits) uses ``Qt`` as usual, imported where it
runs (``from PySide6 import QtCore`` and ``QtCore.Qt.…``, or an import inside the function).
``tests/qt/test_startup_lean.py`` fails when the first paint makes ``Qt`` again, and says how to find
what made it.
"""

from __future__ import annotations

# Qt.ItemDataRole
USER_ROLE = 0x100            # UserRole: the first role an application may use for its own data
FOREGROUND_ROLE = 9          # ForegroundRole: an item's text colour, given a QColor (not a QBrush: its
                             # constructor's default brush style would make Qt)

# Qt.AlignmentFlag
ALIGN_LEFT = 0x1
ALIGN_RIGHT = 0x2
ALIGN_VCENTER = 0x80

# Qt.TextFormat
RICH_TEXT = 1

# Qt.TextElideMode
ELIDE_RIGHT = 1
ELIDE_NONE = 3

# Qt.FocusPolicy
NO_FOCUS = 0                 # NoFocus: Tab passes over the widget
STRONG_FOCUS = 0xB           # StrongFocus: Tab and a click give it the focus (an item view's own)

# Qt.ShortcutContext
WIDGET_SHORTCUT = 0          # the shortcut works while its widget has the focus
