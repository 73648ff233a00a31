"""A label's text in grey (the hints under a field, the character count), said by its palette.

A style sheet saying the same (``color: #555``) made Qt draw the widget through its style-sheet
style: the sheet parsed, its rules matched against the widget on every polish, and the first one
in the window built the style-sheet machinery itself — about 3 M instructions of the editor's
first paint for the four grey labels it shows.  The palette's text colour is what that style sheet
set: the text is drawn in the same grey, pixel for pixel.
"""

from __future__ import annotations

HINT, COUNT = "#555", "#666"   # the hints' grey; the lighter one of counts and help under lists


def grey(widget, colour: str = HINT) -> None:
    """Draw ``widget``'s text in ``colour`` (#rrggbb), whatever the palette it inherits."""
    from PySide6.QtGui import QColor, QPalette

    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    widget.setPalette(palette)
