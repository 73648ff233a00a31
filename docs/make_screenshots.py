"""Render the editor's main window to PNG files in docs/screenshots/ (shown in the README).

    python3 docs/make_screenshots.py [--out docs/screenshots]

Runs headless (QT_QPA_PLATFORM=offscreen unless set).  Shots: the start page, a new report with
its to-do list, the pre-export check of a report started from last year's, every table tab (with
the cell cursor) of a 2021 report (the bundled sample) and of a 2019 report (a real published 2019
report, transcribed in tests/fixtures), the 基本信息 tab, and the sample with imbalances flagged
(after jumping from the findings panel to the first error).
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


class Shots:
    """The application, the output folder and the helpers every shot uses."""

    def __init__(self, out: Path) -> None:
        from govreport_gui.qt import dialogs
        from govreport_gui.qt.app import ensure_app
        self.app = ensure_app()
        dialogs.set_implementation(_NoDialogs())
        self.out = out

    def window_on(self, argv: list[str]):
        from govreport_gui.qt.app import create_window
        window = create_window(argv, offer_recovery=False)
        window.resize(*SIZE)
        window.show()
        self.app.processEvents()
        return window

    def shoot(self, widget, name: str) -> None:
        for _ in range(3):
            self.app.processEvents()
        target = self.out / name
        widget.grab().save(str(target))
        print(target)

    @staticmethod
    def tab(window, table: str | None):
        page = window.meta_tab if table is None else window.page_for_table(table)
        window.tabs.setCurrentWidget(page)
        return page

    def table_with_cursor(self, window, table: str, name: str) -> None:
        """The table's tab with the cell cursor on its first input cell (the keyboard starts there)."""
        page = self.tab(window, table)
        first = next(c.key for c in page.model.spec.cells if not c.computed)
        page.grid.setCurrentIndex(page.model.index_of(first))
        page.grid.setFocus()
        self.shoot(window, name)


def start_and_drafting(shots: Shots) -> None:
    """The start page (the sample in 最近使用), then a new report: to-dos, not warnings."""
    from govreport_gui.core.document import Document
    from govreport_gui.core.drafting import new_report
    w = shots.window_on([str(SAMPLE)])
    w.flows.close_report()
    shots.shoot(w, "start-page.png")
    w.flows._set_document(Document(new_report("2021", 2025, "青禾市临川区人民政府办公室")), None, False)
    w.findings.refresh()
    w.tabs.setCurrentWidget(w.page_for_section("一"))
    shots.shoot(w, "new-report-todo.png")
    w.flows.shutdown()
    w.hide()


def export_check(shots: Shots) -> None:
    """The pre-export check of a report still being written (a dialog, shot on its own)."""
    from govreport_gui.core.carryover import carry_over
    from govreport_gui.core.document import Document
    from govreport_gui.core.export_check import export_problems
    from govreport_gui.core.serialize import load_file
    from govreport_gui.qt.export_check_dialog import ExportCheckDialog
    w = shots.window_on([str(SAMPLE)])
    previous = load_file(SAMPLE).report
    report = carry_over(previous).report
    report.meta.issuing_organ = previous.meta.issuing_organ
    w.flows._set_document(Document(report, previous), None, False)
    problems = export_problems(w.session.report, w.session.document.findings)
    dialog = ExportCheckDialog(w, "Word 文档", problems)
    dialog.resize(760, 560)
    dialog.show()
    shots.shoot(dialog, "export-check.png")
    dialog.hide()
    w.flows.shutdown()
    w.hide()


def flagged(shots: Shots, w) -> None:
    """Imbalances: a clerk mistypes two figures; the panel jumps to the first error."""
    from govreport_gui.core.findings import Severity
    from govreport_gui.core.forms import CellKey
    from govreport_gui.core.forms.common import NEW
    page = shots.tab(w, "三")
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
    shots.shoot(w, "2021-flagged.png")


SAMPLE = REPO / "resources" / "sample-2024.govreport"
NUMBER = {"二": 2, "三": 3, "四": 4}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["GOVREPORT_DATA_DIR"] = tempfile.mkdtemp(prefix="govreport-shots-")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    shots = Shots(out)

    start_and_drafting(shots)
    export_check(shots)
    w = shots.window_on([str(SAMPLE)])
    shots.shoot(w, "2021-basic-info.png")
    for table in ("二", "三", "四"):
        shots.table_with_cursor(w, table, f"2021-table-{NUMBER[table]}.png")
    flagged(shots, w)
    w.flows.shutdown()
    w.hide()

    old = REPO / "tests" / "fixtures" / "samples" / "2019_haishu_district.json"
    w = shots.window_on([str(old)])
    for table in ("二", "三", "四"):
        shots.table_with_cursor(w, table, f"2019-table-{NUMBER[table]}.png")
    w.flows.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
