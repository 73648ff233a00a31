"""The Fusion style's dock-restore icon without loading every image-format plugin.

Fusion (Qt's style on a Linux desktop that brings none of its own) builds the icon of a dock
widget's float button from files of its own resources, some of which it names wrongly: it asks
for ``fusion_normalizedockup-10.png`` where the resource is ``fusion_normalizedockup_10.png``
(Qt 6.9: sizes 10, 20, 48 and 64).  Qt then tries the missing name with every image format's
extension, and to know the formats it loads every image-format plugin (JPEG, TIFF, WebP, …) and
QtSvg: about 1.1 MB held for the session, by the findings dock's construction alone (the window
shows no image besides).

``install`` adds the names Fusion asks for to Qt's resources, each holding the bytes of the file
Qt ships under the other name: Fusion finds every file it names, so the icon is the one Qt meant
(its six sizes) and no plugin is loaded.  It is done with a resource tree made here (Qt's
``rcc`` format, version 1), not with a style of our own: a Python subclass of QProxyStyle made
PySide build every enumeration of QStyle at start-up, about a twentieth of the start's work.
Where Qt has the names right (another version), nothing is added; where the style is not Fusion,
the added names are never asked for.
"""

from __future__ import annotations

import struct

FOLDER = "qt-project.org/styles/fusionstyle/images"
ASKED, SHIPPED = "fusion_normalizedockup-{}.png", "fusion_normalizedockup_{}.png"
SIZES = (10, 16, 20, 32, 48, 64)   # the sizes Fusion asks for

_registered: list[tuple[bytes, bytes, bytes]] = []   # Qt reads the tree where it lies: kept for the session


def install() -> None:
    """Add to Qt's resources each file Fusion asks for under a name Qt does not ship it under (once)."""
    from PySide6.QtCore import QResource, qRegisterResourceData

    if _registered:
        return
    files = {}
    for size in SIZES:
        asked, shipped = (QResource(f":/{FOLDER}/{name.format(size)}") for name in (ASKED, SHIPPED))
        if not asked.isValid() and shipped.isValid():
            files[ASKED.format(size)] = bytes(shipped.uncompressedData())
    if not files:
        return
    tree = resource_tree(FOLDER, files)
    if qRegisterResourceData(1, *tree):
        _registered.append(tree)


def resource_tree(folder: str, files: dict[str, bytes]) -> tuple[bytes, bytes, bytes]:
    """The (structure, names, data) of a resource tree holding ``files`` (name → bytes) in
    ``folder`` ("a/b/c"), as Qt's ``rcc`` writes them in format 1: 14-byte nodes (a folder: its
    name, flag 2, its number of children and the first one's node; a file: its name, flag 0, the
    C locale and its data's offset), each name with its length and hash, each file's data with
    its length; the children of a folder sorted by the hash of their names (Qt searches them so)."""
    names, data, named = bytearray(), bytearray(), {}

    def name(text: str) -> int:
        if text not in named:
            named[text] = len(names)
            names.extend(struct.pack(">HI", len(text), qt_hash(text)) + text.encode("utf-16-be"))
        return named[text]

    parts = folder.split("/")
    nodes = [struct.pack(">IHII", 0, 2, 1, 1)]   # the root: one child, node 1
    for depth, part in enumerate(parts):
        children = len(files) if depth == len(parts) - 1 else 1
        nodes.append(struct.pack(">IHII", name(part), 2, children, len(nodes) + 1))
    for file_name in sorted(files, key=qt_hash):
        nodes.append(struct.pack(">IHhhI", name(file_name), 0, 0, 1, len(data)))   # territory any, language C
        data.extend(struct.pack(">I", len(files[file_name])) + files[file_name])
    return b"".join(nodes), bytes(names), bytes(data)


def qt_hash(text: str) -> int:
    """Qt's hash of a resource name (``qt_hash`` over its UTF-16 code units)."""
    h = 0
    units = text.encode("utf-16-be")
    for i in range(0, len(units), 2):
        h = (h << 4) + (units[i] << 8 | units[i + 1])
        h ^= (h & 0xF0000000) >> 23
        h &= 0x0FFFFFFF
    return h
