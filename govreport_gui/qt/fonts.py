"""The Chinese of the window drawn from a Simplified Chinese face, and its bold text without a
second Chinese face.

Simplified Chinese whatever the locale: Qt draws a character its font lacks (Han, for the Latin
fonts a Linux desktop uses by default) from the faces fontconfig sorts first for the *system's*
language.  The CJK collections on 信创 Linux and most others (Noto Sans CJK, Source Han Sans) hold
one face per region — SC, TC, HK, JP, KR — all claiming every CJK language, so under a locale that
is not Chinese (C, en_US: a clerk's machine set up in English, the tests) fontconfig's preference
list puts the Japanese face first, and the window drew Han characters in their Japanese forms: of
the 181 distinct characters the sample's first page shows, 65 (门, 关, 复, 今, 网, 与…, and the
full-width colon centred) differ from the Simplified Chinese ones.  ``prefer_simplified_chinese`` puts the Simplified
Chinese face of such a collection after the application font's own family: what the font draws
itself (Latin letters, figures) is unchanged, a Han character is then looked for in that face
before Qt's own fallback.  Where no installed family names itself Simplified Chinese (Windows with
Microsoft YaHei/SimSun, a Linux with only one Chinese font) nothing is changed: Qt's fallback finds
that font as before.

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
SIMPLIFIED_TAGS = frozenset({"SC", "CN"})   # a collection's region word for its Simplified Chinese face
_made: dict[str, QFont] = {}


def prefer_simplified_chinese(app) -> str | None:
    """Draw the Han characters the application font lacks from a Simplified Chinese face (see the
    module): its family appended to the application font's families.  The family, or None when
    no installed family names itself Simplified Chinese (nothing changed)."""
    from PySide6.QtGui import QFont, QFontDatabase, QFontInfo

    font = app.font()
    family = simplified_chinese_family(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese),
                                       serif=font.styleHint() == QFont.StyleHint.Serif)
    if family is not None and family not in font.families():
        # the family the font resolves to first (Qt's "Sans Serif" is an alias that a list of
        # families skips: the Chinese face would then draw the Latin letters too)
        font.setFamilies([QFontInfo(font).family(), *font.families()[1:], family])
        app.setFont(font)
    return family


def simplified_chinese_family(families: list[str], *, serif: bool = False) -> str | None:
    """Of ``families`` (those that draw Simplified Chinese), the one a CJK collection names as its
    Simplified Chinese face (a last word SC or CN: Noto Sans CJK SC, Source Han Sans CN); a sans
    face before a serif one (``serif``: the other way round), a proportional one before a
    monospaced one.  None when no family is so named."""
    named = [f for f in families if f.split()[-1:] and f.split()[-1].upper() in SIMPLIFIED_TAGS]
    if not named:
        return None
    return min(named, key=lambda f: (("Serif" in f) != serif, "Mono" in f))


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
