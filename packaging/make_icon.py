"""Draw the application icon (and the project-file icon) with Qt, no image files in the repository:

    python3 packaging/make_icon.py OUT_DIR

writes OUT_DIR/govreport-{16,24,32,48,64,128,256}.png, OUT_DIR/govreport-file-{...}.png and
OUT_DIR/govreport.ico / govreport-file.ico (PNG-compressed ICO entries, read by Windows Vista and
later).  The icon: a red rounded square with a white report page carrying a small table and a red
seal — no text, so it needs no font.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256)
RED = "#b3261e"


def draw(size: int, file_icon: bool):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256.0
    if not file_icon:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(RED))
        p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 44 * s, 44 * s)
        page = QRectF(60 * s, 36 * s, 136 * s, 184 * s)
    else:
        page = QRectF(40 * s, 16 * s, 176 * s, 224 * s)
    fold = 36 * s if not file_icon else 48 * s
    path = QPainterPath()
    path.moveTo(page.left(), page.top())
    path.lineTo(page.right() - fold, page.top())
    path.lineTo(page.right(), page.top() + fold)
    path.lineTo(page.right(), page.bottom())
    path.lineTo(page.left(), page.bottom())
    path.closeSubpath()
    p.setBrush(QColor("white"))
    p.setPen(QPen(QColor("#5f6368"), max(1.0, 4 * s)) if file_icon else QPen(Qt.PenStyle.NoPen))
    p.drawPath(path)
    p.setBrush(QColor("#dadce0"))
    corner = QPainterPath()
    corner.moveTo(page.right() - fold, page.top())
    corner.lineTo(page.right() - fold, page.top() + fold)
    corner.lineTo(page.right(), page.top() + fold)
    corner.closeSubpath()
    p.drawPath(corner)
    # the table: a header bar and grid lines
    left, right = page.left() + 18 * s, page.right() - 18 * s
    top = page.top() + fold + 10 * s
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(RED))
    p.drawRect(QRectF(left, top, right - left, 14 * s))
    pen = QPen(QColor("#5f6368"), max(1.0, 5 * s))
    p.setPen(pen)
    rows = 4 if size >= 32 else 2
    bottom = page.bottom() - 46 * s
    step = (bottom - top - 14 * s) / rows
    for i in range(rows + 1):
        y = top + 14 * s + i * step
        p.drawLine(QPointF(left, y), QPointF(right, y))
    if size >= 32:
        for x in (left, left + (right - left) * 0.45, right):
            p.drawLine(QPointF(x, top + 14 * s), QPointF(x, bottom))
    # the seal
    p.setPen(QPen(QColor(RED), max(1.0, 6 * s)))
    p.setBrush(Qt.BrushStyle.NoBrush)
    r = 20 * s
    p.drawEllipse(QPointF(page.right() - 30 * s, page.bottom() - 26 * s), r, r)
    p.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def write_ico(path: Path, pngs: dict[int, bytes]) -> None:
    """An ICO file whose entries are PNG images (valid since Windows Vista)."""
    entries = sorted(pngs.items())
    header = struct.pack("<HHH", 0, 1, len(entries))
    offset = 6 + 16 * len(entries)
    directory, blobs = b"", b""
    for size, png in entries:
        dim = 0 if size >= 256 else size
        directory += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    path.write_bytes(header + directory + blobs)


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "build/icon")
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 - needed by QImage text/AA
    for name, file_icon in (("govreport", False), ("govreport-file", True)):
        pngs = {size: draw(size, file_icon) for size in SIZES}
        for size, png in pngs.items():
            (out / f"{name}-{size}.png").write_bytes(png)
        write_ico(out / f"{name}.ico", {s: pngs[s] for s in (16, 24, 32, 48, 64, 256)})
    print(f"icons written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
