"""Render the editor's main window to PNG files in docs/screenshots/ (shown in the README).

    python3 docs/make_screenshots.py [--out docs/screenshots]

Runs headless (QT_QPA_PLATFORM=offscreen unless set).  Shots: every table tab of a 2021 report
(the bundled sample) and of a 2019 report (a real published 2019 report, transcribed in
tests/fixtures), the 基本信息 tab, and the sample with imbalances flagged (after jumping from
the findings panel to the first error).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SIZE = (1600, 1040)


class _NoDialogs:
    """Screenshots never wait for a click: questions are answered 'no', messages dropped."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None

    def ask_yes_no(self, *args, **kwargs):
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["GOVREPORT_DATA_DIR"] = tempfile.mkdtemp(prefix="govreport-shots-")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from govreport_gui.core.findings import Severity
    from govreport_gui.core.forms import CellKey
    from govreport_gui.core.forms.common import NEW
    from govreport_gui.qt import dialogs
    from govreport_gui.qt.app import create_window, ensure_app

    app = ensure_app()
    dialogs.set_implementation(_NoDialogs())

    def window_on(path: Path):
        window = create_window([str(path)], offer_recovery=False)
        window.resize(*SIZE)
        window.show()
        app.processEvents()
        return window

    def shoot(window, name: str) -> None:
        for _ in range(3):
            app.processEvents()
        target = out / name
        window.grab().save(str(target))
        print(target)

    def tab(window, table: str | None):
        page = window.meta_tab if table is None else window.page_for_table(table)
        window.tabs.setCurrentWidget(page)
        return page

    sample = REPO / "resources" / "sample-2024.govreport"
    w = window_on(sample)
    shoot(w, "2021-basic-info.png")
    for table in ("二", "三", "四"):
        tab(w, table)
        shoot(w, f"2021-table-{ {'二': 2, '三': 3, '四': 4}[table] }.png")

    # imbalances: a clerk mistypes two figures; the panel jumps to the first error
    page = tab(w, "三")
    natural = page.model.spec.cols[0]
    key = CellKey("三", NEW, natural)
    page.model.setData(page.model.index_of(key), str(w.session.report.get(key) + 4))
    page4 = w.page_for_table("四")
    k4 = CellKey("四", page4.model.spec.rows[0], page4.model.spec.cols[0])
    page4.model.setData(page4.model.index_of(k4), "-1")
    first_error = next(f for f in w.session.document.findings if f.severity is Severity.ERROR and f.cells
                       and f.cells[0].table == "三")
    w.go_to_finding(first_error)
    w.findings.list.setCurrentItem(w.findings.item_for(first_error))
    shoot(w, "2021-flagged.png")
    w.flows.shutdown()
    w.hide()

    old = REPO / "tests" / "fixtures" / "samples" / "2019_haishu_district.json"
    w = window_on(old)
    for table in ("二", "三", "四"):
        tab(w, table)
        shoot(w, f"2019-table-{ {'二': 2, '三': 3, '四': 4}[table] }.png")
    w.flows.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
