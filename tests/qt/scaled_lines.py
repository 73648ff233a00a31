"""Run as a child under QT_SCALE_FACTOR (``python scaled_lines.py``) by test_grid: 表三 of the sample
painted in the window, and the width in device pixels of each grid line that crosses a row of
figures (the vertical lines) and a column of figures (the horizontal ones).  Prints JSON: the two
lists of widths."""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


def runs(dark: list[bool]) -> list[int]:
    """The lengths of the runs of dark pixels."""
    out, n = [], 0
    for d in [*dark, False]:
        if d:
            n += 1
        elif n:
            out.append(n)
            n = 0
    return out


def main() -> None:
    from PySide6.QtGui import QColor

    from govreport_gui.core.forms.common import NEW
    from govreport_gui.qt.app import create_window, ensure_app
    app = ensure_app()
    window = create_window([str(REPO / "resources" / "sample-2024.govreport")], offer_recovery=False)
    window.resize(1053, 522)   # (the window 1366×768 opens at, at 125 %)
    window.show()
    page = window.page_for_table("三")
    window.tabs.setCurrentWidget(page)
    for _ in range(8):
        app.processEvents()
    grid, model = page.grid, page.grid.model()
    image = grid.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    first = model.index_of(next(c.key for c in model.spec.cells if c.key.row == NEW and not c.computed))
    cell = grid.visualRect(first)
    y = int((cell.top() + 4) * ratio)   # above the figure, below the line: only lines are dark there
    x = int((cell.left() + 4) * ratio)

    def dark(px: int, py: int) -> bool:
        return QColor(image.pixel(px, py)).lightness() < 150

    right = int(grid.viewport().width() * ratio) - 1
    vertical = runs([dark(px, y) for px in range(int(cell.left() * ratio) + 2, right)])
    horizontal = runs([dark(x, py) for py in range(int(cell.top() * ratio) + 2, int(grid.viewport().height() * ratio) - 1)])
    print(json.dumps({"vertical": vertical, "horizontal": horizontal}))
    window.flows.shutdown()


if __name__ == "__main__":
    main()
