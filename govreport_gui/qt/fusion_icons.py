"""The Fusion style's dock-restore icon without loading every image-format plugin.

Fusion (Qt's style on a Linux desktop that brings none of its own) builds the icon of a dock
widget's float button from files of its own resources, some of which it names wrongly: it asks
for ``fusion_normalizedockup-10.png`` where the resource is ``fusion_normalizedockup_10.png``
(Qt 6.9).  Qt then tries the missing name with every image format's extension, and to know the
formats it loads every image-format plugin (JPEG, TIFF, WebP, …) and QtSvg: about 1.1 MB held for
the session, by the findings dock's construction alone (the window shows no image besides).

``install`` puts a proxy in front of Fusion that builds that one icon from the sizes that exist
(Qt scales them to the others: the same look); every other call goes to Fusion unchanged.  Other
styles (Windows, the 信创 desktops' own) are left alone: they do not have this fault.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle

RESTORE_FILES = [f":/qt-project.org/styles/fusionstyle/images/fusion_normalizedockup-{size}.png" for size in (16, 32)]


class FusionWithoutIconProbing(QProxyStyle):
    """Fusion, its dock float button's icon made of the files that exist (see the module)."""

    def standardIcon(self, standard_icon, option=None, widget=None):  # noqa: N802 - a Qt override
        if standard_icon == QStyle.StandardPixmap.SP_TitleBarNormalButton:
            icon = QIcon()
            for name in RESTORE_FILES:
                icon.addFile(name)
            return icon
        return super().standardIcon(standard_icon, option, widget)


def install(app: QApplication) -> None:
    """Put the proxy in front of the application's style when it is Fusion (once)."""
    style = app.style()
    if isinstance(style, FusionWithoutIconProbing) or style.name().lower() != "fusion":
        return
    app.setStyle(FusionWithoutIconProbing("Fusion"))
