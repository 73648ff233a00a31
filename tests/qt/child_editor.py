"""Run by test_recovery in a subprocess: start the editor on FILE, edit a cell and a prose section
through the real widgets, wait for the autosave, print READY and keep running until killed."""

from __future__ import annotations

import sys

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtTest import QTest

from govreport_gui.core.forms import CellKey, get_form
from govreport_gui.core.forms.common import NEW
from govreport_gui.qt import recovery
from govreport_gui.qt.app import create_window, ensure_app


def main() -> None:
    recovery.AUTOSAVE_DELAY_MS = 200
    app = ensure_app()
    window = create_window(sys.argv[1:])
    window.show()

    def edit() -> None:
        page = window.page_for_table("三")
        window.tabs.setCurrentWidget(page)
        key = CellKey("三", NEW, get_form(window.session.report.form_version).tables["三"].cols[0])
        index = page.model.index_of(key)
        page.grid.setCurrentIndex(index)
        page.grid.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        QTest.keyClick(page.grid, "9")
        editor = page.grid.indexWidget(index)
        QTest.keyClicks(editor, "99")
        QTest.keyClick(editor, Qt.Key.Key_Return)
        prose = window.page_for_section("六").prose
        prose.edit.setPlainText("崩溃前写下的文字")
        prose.commit()
        poll()

    def poll() -> None:
        if window.flows.recovery.path.exists() and window.flows.recovery.path.with_suffix(".json").exists():
            print("READY", window.flows.recovery.path, flush=True)
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(0, edit)
    app.exec()


if __name__ == "__main__":
    main()
