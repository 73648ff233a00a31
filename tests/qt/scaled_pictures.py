"""Run as a child under QT_SCALE_FACTOR (``python scaled_pictures.py``) by test_repaint_cache: 表三's
grid painted directly, while its cells' pictures are made, and from them — as opened, after an
edit with a cell current and selected, scrolled by one logical pixel (a fraction of a device
pixel) — the same each time.  Prints JSON: the steps whose pictures differed, how many pictures
were kept and how many cells the last repaint painted directly."""

from __future__ import annotations

import json
import sys
import zlib
from pathlib import Path

from PySide6.QtWidgets import QApplication, QStyledItemDelegate

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


def main() -> None:
    from govreport_gui.core.document import Document
    from govreport_gui.core.forms import CellKey
    from govreport_gui.core.forms.common import NEW
    from govreport_gui.core.serialize import load_file
    from govreport_gui.qt.commands import Session
    from govreport_gui.qt.grid_view import GridView
    from govreport_gui.qt.table_model import TableModel

    app = QApplication.instance() or QApplication([])
    session = Session(Document(load_file(REPO / "resources" / "sample-2024.govreport").report))
    model = TableModel(session, "三")
    grid = GridView(model)
    grid.resize(700, 500)
    grid.show()
    app.processEvents()
    direct = []
    painted = QStyledItemDelegate.paint
    QStyledItemDelegate.paint = lambda self, p, o, i: (direct.append(1), painted(self, p, o, i))
    failed = []
    edited = model.index_of(CellKey("三", NEW, model.spec.cols[1]))

    def picture() -> int:
        image = grid.grab().toImage()
        return zlib.crc32(bytes(image.constBits()))

    for step in ("opened", "edited", "scrolled"):
        if step == "edited":
            grid.setCurrentIndex(edited)
            model.setData(edited, "999")
        if step == "scrolled":
            grid.verticalScrollBar().setValue(grid.verticalScrollBar().value() + 1)
        app.processEvents()
        grid.forget_pictures()
        shown = [picture() for _ in range(3)]   # directly, pictures made, from them
        direct.clear()
        shown.append(picture())
        drawn_directly = len(direct)
        if len(set(shown)) != 1:
            failed.append(step)
    print(json.dumps({"failed": failed, "pictures": len(grid.itemDelegate().pictures), "direct": drawn_directly}))


if __name__ == "__main__":
    main()
