"""Bold text without a second Chinese face.

A Chinese font is a file of 15–20 MB (Noto Sans CJK, Microsoft YaHei) that the font engine maps
into memory and reads a glyph at a time: each face in use holds the pages of every glyph it has
drawn and its own tables.  The window's bold text (the tables' headers, captions and totals, the
pages' headings) drawn from the bold face held 5.6 MB of Noto Sans CJK Bold and 1 MB of its
tables — a fifth of what the open report costs beyond a bare window.  ``bold_font`` draws it from
the regular face made bold instead, as Qt does for any face that has no bold of its own: at the
window's sizes it looks the same (strokes a little less varied in width), and the Chinese in the
window is read from one face.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: naming QFont and QTextLayout creates their enumerations (start-up time)
    from PySide6.QtGui import QFont

CHINESE_SAMPLE = "汉字"
_made: dict[str, QFont] = {}


def bold_font(font: QFont) -> QFont:
    """``font`` in bold, its Chinese drawn from the regular face of the font's Chinese family made
    bold (see the module); the Latin letters and figures from the family's bold face as before."""
    bold = one_chinese_face(font)
    bold.setBold(True)
    return bold


def one_chinese_face(font: QFont) -> QFont:
    """``font`` held to the regular face of its Chinese family: what it draws bold (``setBold``, a
    rich text's ``<b>``) is that face made bold (see the module)."""
    from PySide6.QtGui import QFont

    key = font.key()
    if key not in _made:
        _made[key] = _held_to_regular(font)
    return QFont(_made[key])


def _held_to_regular(font: QFont) -> QFont:
    from PySide6.QtGui import QFont

    held = QFont(font)
    face = chinese_face(font)
    if face is not None:
        family, style = face
        # the Chinese family first: a style name is matched only in the first family (the others
        # take the style the first one resolved to: its bold face); what it lacks, from the font's
        held.setFamilies([family, *(f for f in font.families() if f != family)])
        held.setStyleName(style)
    return held


def chinese_face(font: QFont) -> tuple[str, str] | None:
    """The family and style name of the face ``font`` draws Chinese with (None when none does, or
    when that face is itself bold: nothing to spare)."""
    from PySide6.QtGui import QFont, QTextLayout

    layout = QTextLayout(CHINESE_SAMPLE, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = layout.glyphRuns()
    if not runs:
        return None
    raw = runs[0].rawFont()
    if not raw.isValid() or raw.weight() >= int(QFont.Weight.DemiBold) or not raw.styleName():
        return None
    return raw.familyName(), raw.styleName()
