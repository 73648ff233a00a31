"""Render the pictures of the in-program guide (帮助→使用指南) from the real windows, headless.

    python3 docs/make_guide_screenshots.py [--out resources/guide/images]

Each picture is the program itself doing what the guide describes: the start page, a report
started from last year's (the notes dialog, 基本信息, a prose part with its prompts), table 三 being
filled, imbalances in the 检查结果 panel, the pre-export check, 汇总 of three units, the ledger
preview, and the question after a crash.  Dialogs are the real modal dialogs, photographed while
they wait and then closed.  Run it again whenever the windows change; the pictures are scaled to
at most 900 pixels wide and, when Pillow is installed, reduced to 256 colours (a few tens of KB each).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SAMPLE = REPO / "resources" / "sample-2024.govreport"
WINDOW = (1180, 740)
MAX_WIDTH = 900


class Camera:
    """The application, the output folder, and how a picture is taken and kept small."""

    def __init__(self, out: Path) -> None:
        from govreport_gui.qt.app import ensure_app
        self.app = ensure_app()
        self.out = out

    def settle(self, turns: int = 5) -> None:
        for _ in range(turns):
            self.app.processEvents()

    def shoot(self, widget, name: str, crop=None) -> None:
        from PySide6.QtCore import Qt
        self.settle()
        image = widget.grab(crop) if crop is not None else widget.grab()
        image = image.toImage()
        if image.width() > MAX_WIDTH:
            image = image.scaledToWidth(MAX_WIDTH, Qt.TransformationMode.SmoothTransformation)
        target = self.out / name
        image.save(str(target))
        _reduce_colours(target)
        print(f"{target} {target.stat().st_size // 1024} KB")

    def when_modal(self, class_name: str, name: str, prepare=None, ready=None, answer=None) -> None:
        """When the modal dialog ``class_name`` shows up (from the call that follows), ``prepare`` it,
        wait for ``ready(dialog)``, photograph it as ``name`` and close it (``answer(dialog)``, else reject)."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        state = {"prepared": False}

        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None or type(dialog).__name__ != class_name:
                QTimer.singleShot(50, poll)
                return
            if not state["prepared"]:
                state["prepared"] = True
                if prepare is not None:
                    prepare(dialog)
            if ready is not None and not ready(dialog):
                QTimer.singleShot(100, poll)
                return
            self.shoot(dialog, name)
            (answer or (lambda d: d.reject()))(dialog)
        QTimer.singleShot(0, poll)


def _reduce_colours(path: Path) -> None:
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def new_window(camera: Camera, argv: list[str]):
    from govreport_gui.qt.app import create_window
    window = create_window(argv, offer_recovery=False)
    window.resize(*WINDOW)
    window.show()
    camera.settle()
    return window


def start_and_last_year(camera: Camera) -> None:
    """The start page; 从上年报告新建 (its notes), then the new report's 基本信息, 表三 and a prose part."""
    window = new_window(camera, [str(SAMPLE)])
    window.flows.close_report()
    camera.shoot(window, "start.png")
    camera.when_modal("QDialog", "from-last-year.png", prepare=lambda d: d.resize(760, 480))
    window.flows.new_from_previous(str(SAMPLE))
    window.tabs.setCurrentWidget(window.meta_tab)
    camera.shoot(window, "basic-info.png")
    window.tabs.setCurrentWidget(window.page_for_section("五"))
    camera.shoot(window, "text.png")
    camera.when_modal("ExportCheckDialog", "export-check.png", prepare=lambda d: d.resize(760, 520))
    window.flows.export(".docx")
    window.flows.shutdown()
    window.hide()


def tables_and_findings(camera: Camera) -> None:
    """Filling 表三 of the sample (a cell being typed), then two mistyped figures in the 检查结果 panel."""
    from PySide6.QtCore import QItemSelectionModel, Qt
    from PySide6.QtTest import QTest

    from govreport_gui.core.findings import Severity
    from govreport_gui.core.forms import CellKey
    from govreport_gui.core.forms.common import NEW
    window = new_window(camera, [str(SAMPLE)])
    page = window.page_for_table("三")
    window.tabs.setCurrentWidget(page)
    key = CellKey("三", NEW, page.model.spec.cols[0])
    index = page.model.index_of(key)
    page.grid.setCurrentIndex(index)
    page.grid.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    page.grid.setFocus()
    QTest.keyClick(page.grid, "1")            # typing opens the cell's editor
    QTest.keyClicks(page.grid.indexWidget(index), "9")
    camera.shoot(window, "table.png")
    QTest.keyClicks(page.grid.indexWidget(index), "4")
    QTest.keyClick(page.grid.indexWidget(index), Qt.Key.Key_Return)
    first_error = next(f for f in window.session.document.findings if f.severity is Severity.ERROR and f.cells)
    window.go_to_finding(first_error)
    window.findings.list.setCurrentItem(window.findings.item_for(first_error))
    camera.shoot(window, "findings.png")
    window.flows.shutdown()
    window.hide()


def unit_files(folder: Path) -> Path:
    """Three units' reports of the sample's year (the sample, with other agencies and figures)."""
    from govreport_gui.core.serialize import load_file, save_native
    units = folder / "各单位年报"
    units.mkdir()
    for i, agency in enumerate(("临川区教育局", "临川区民政局", "临川区交通运输局")):
        report = load_file(SAMPLE).report
        report.meta.agency = agency
        for key, value in list(report.values.items()):   # every figure times i + 1: the tables still balance
            if value is not None and key.table != "二":
                report.values[key] = value * (i + 1)
        save_native(units / f"{agency}2024年度报告.govreport", report)
    return units


def _tree_items(tree):
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop(0)
        yield item
        stack[:0] = [item.child(i) for i in range(item.childCount())]


def _path(item) -> str:
    return item.text(0) + (_path(item.parent()) if item.parent() is not None else "")


def consolidate(camera: Camera, folder: Path) -> None:
    units = unit_files(folder)
    window = new_window(camera, [])

    def prepare(dialog) -> None:
        dialog.resize(1000, 660)
        dialog.add_paths([str(units)])

    def ready(dialog) -> bool:
        if len(dialog.units) < 3 or dialog.cells.topLevelItemCount() == 0:
            return False
        leaves = [item for item in _tree_items(dialog.cells) if not item.childCount() and item.text(1) not in ("", "0")]
        dialog.cells.setCurrentItem(next((item for item in leaves if "三" in _path(item)), leaves[0]))
        return True
    camera.when_modal("ConsolidateDialog", "consolidate.png", prepare, ready)
    window.flows.consolidate()
    window.flows.shutdown()
    window.hide()


def ledger_file(folder: Path) -> Path:
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2024年"
    ws.append(["临川区人民政府办公室依申请公开登记台账"])
    ws.append(["序号", "申请人类型", "收到日期", "答复日期", "处理结果"])
    results = ("同意公开", "同意公开", "部分公开", "信息不存在", "同意公开", "不予公开（国家秘密）")
    for i in range(1, 41):
        kind = ("公民", "企业", "律所", "公民", "个体户")[i % 5]
        received = dt.datetime(2024, 1 + i % 12, 1 + i % 27)
        answered = received + dt.timedelta(days=10) if i % 13 else None
        ws.append([i, kind, received, answered, results[i % len(results)] if answered else "办理中"])
    path = folder / "依申请公开登记台账.xlsx"
    wb.save(path)
    return path


class _LedgerFiles:
    """The real dialogs, except that the file chooser answers with the ledger at once."""

    def __init__(self, real, path: Path) -> None:
        self.real, self.path = real, path

    def __getattr__(self, name):
        return getattr(self.real, name)

    def open_files(self, *args, **kwargs):
        return [str(self.path)]


def ledger(camera: Camera, folder: Path) -> None:
    from govreport_gui.qt import dialogs, ledger_flow
    window = new_window(camera, [str(SAMPLE)])
    real = dialogs.set_implementation(_LedgerFiles(dialogs.QtDialogs(), ledger_file(folder)))
    camera.when_modal("LedgerDialog", "ledger.png", prepare=lambda d: d.resize(1000, 640))
    ledger_flow.fill_from_ledgers(window)
    dialogs.set_implementation(real)
    window.flows.shutdown()
    window.hide()


def crash_question(camera: Camera, folder: Path) -> None:
    """An editor 'killed' after an edit (its lock released, its journal left), then the next start."""
    from govreport_gui.core.edits import SetMeta
    from govreport_gui.qt.app import create_window
    work = folder / "临川区2024年度报告.govreport"
    shutil.copy(SAMPLE, work)
    window = new_window(camera, [str(work)])
    report = window.session.report
    window.session.push(SetMeta("phone", report.meta.phone, "0794-1234567"))
    window.flows.recovery._lock.unlock()
    window.flows.recovery.journal.close()
    window.hide()
    camera.when_modal("QMessageBox", "recovery.png")
    again = create_window([])
    again.flows.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "resources" / "guide" / "images"))
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["GOVREPORT_DATA_DIR"] = tempfile.mkdtemp(prefix="govreport-guide-")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    camera = Camera(out)
    folder = Path(tempfile.mkdtemp(prefix="govreport-guide-files-"))
    start_and_last_year(camera)
    tables_and_findings(camera)
    consolidate(camera, folder)
    ledger(camera, folder)
    crash_question(camera, folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
