"""The 汇总 dialog's unit list as the clerk reads it: the year most units report, full file names,
each unit's counts as the editor shows them for the same file, the clerk's own choices marked
手动 with the reason; and the reading itself — units in batches, read in worker processes that a
cancel stops at once, a file that crashes or hangs its worker listed as that unit's problem."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from consolidation_units import NEW, OPEN, unit
from openpyxl import load_workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QStyleOptionViewItem
from test_consolidate_dialog import FixedDate
from test_parallel_read import alive
from worker_readers import slowly, troublesome

from govreport_gui.core import CellKey
from govreport_gui.core.drafting import new_report
from govreport_gui.core.report import Report
from govreport_gui.core.serialize import load_file, save_native
from govreport_gui.qt.consolidate_dialog import ConsolidateDialog, UnitListModel

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample-2024.govreport"
COLUMN = {name: i for i, name in enumerate(UnitListModel.HEADERS)}


@pytest.fixture
def make_dialog(qtbot, fake):
    made = []

    def make(read=None, time_limit=None) -> ConsolidateDialog:
        d = ConsolidateDialog(fake, agency="某某区人民政府")
        d.read, d.time_limit = read, time_limit
        qtbot.addWidget(d)
        d.show()
        qtbot.waitExposed(d)
        made.append(d)
        return d
    yield make
    for d in made:
        d._wait_for_thread()


def load(qtbot, dialog, paths, timeout=60000):
    with qtbot.waitSignal(dialog.readingFinished, timeout=timeout):
        dialog.add_paths(paths)


def cell(dialog, row: int, column: str) -> str:
    return dialog.model.index(row, COLUMN[column]).data()


def row_of(dialog, name: str) -> int:
    return next(i for i, u in enumerate(dialog.units) if u.name == name)


def test_the_year_is_the_one_most_units_report_from_the_first_batch(qtbot, make_dialog, monkeypatch, tmp_path):
    from govreport_gui.core import periods
    monkeypatch.setattr(periods, "date", FixedDate)
    FixedDate.day_of_test = date(2026, 12, 6)    # this year's reports are being started …
    d = make_dialog(read=slowly)
    assert d.year.value() == 2026
    for i in range(30):                           # … but the units sent in last year's
        save_native(tmp_path / f"单位{i:02}.govreport", unit(f"单位{i:02}", 5 + i, year=2025))
    save_native(tmp_path / "迟报单位.govreport", unit("迟报单位", 3, year=2024))
    seen = []   # (rows listed, year shown) while reading, as the clerk would see them
    timer = QTimer()
    timer.timeout.connect(lambda: d.reading and seen.append((d.model.rowCount(), d.year.value())))
    timer.start(5)
    load(qtbot, d, [tmp_path])
    timer.stop()
    listed = [year for rows, year in seen if 0 < rows < 31]
    assert listed and set(listed) == {2025}      # already while the rest were being read
    assert d.year.value() == 2025 and d.result_report().meta.year == 2025
    assert len(d.consolidation.included) == 30


def test_without_a_year_in_the_reports_the_file_names_say_it(qtbot, make_dialog, tmp_path):
    for name in ("淮安市人民政府2025年度报告.govreport", "某某局2025年度政府信息公开工作年度报告.govreport"):
        save_native(tmp_path / name, unit(name[:4], 5, year=0))
    d = make_dialog()
    load(qtbot, d, [tmp_path])
    assert d.year.value() == 2025
    assert all("未填写报告年度" in u.problem_text() and "2025" in u.problem_text() for u in d.units)


def test_file_names_are_whole_elided_in_the_middle_with_the_path_in_the_tooltip(qtbot, make_dialog, tmp_path):
    folder = tmp_path / "各单位报送"
    folder.mkdir()
    names = ["淮安市人民政府2025年度政府信息公开工作年度报告.govreport",
             "淮安市人民政府2025年度政府信息公开工作年度报告（修改稿）.govreport"]
    save_native(folder / names[0], unit("淮安市人民政府", 10))
    save_native(folder / names[1], unit("淮安市人民政府", 11))
    d = make_dialog()
    load(qtbot, d, [folder])
    delegate = d.table.itemDelegateForColumn(COLUMN["文件"])
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, d.model.index(0, COLUMN["文件"]))
    assert option.textElideMode == Qt.TextElideMode.ElideMiddle
    for name in names:
        row = row_of(d, name)
        index = d.model.index(row, COLUMN["文件"])
        assert index.data() == name
        assert index.data(Qt.ItemDataRole.ToolTipRole) == str(folder / name)
    shot = Path(__file__).resolve().parents[2] / "build" / "screenshots"
    shot.mkdir(parents=True, exist_ok=True)
    assert d.grab().save(str(shot / "consolidate_dialog_names.png"))


def counts_in_the_editor(qtbot, path: Path) -> str:
    """What the editor's status bar says for ``path`` opened the way a clerk opens it."""
    from govreport_gui.qt.app import create_window
    window = create_window([str(path)], offer_recovery=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.session.document.checked and "正在检查" not in window.status_counts.text(),
                    timeout=10000)
    return window.status_counts.text()


def reports_to_count() -> dict[str, Report]:
    sample = load_file(SAMPLE).report
    broken = load_file(SAMPLE).report
    broken.set(CellKey("三", OPEN, "自然人"), 999)           # an error, and what follows from it
    drafted = new_report("2021", 2024, "某某乡人民政府")      # the outline: to-dos (待填写)
    for k, v in unit("某某乡人民政府", 12).values.items():
        drafted.set(k, v)
    half = new_report("2021", 2024, "某某街道办事处")
    half.set(CellKey("三", NEW, "自然人"), 30)                # figures still being typed
    return {"样本.govreport": sample, "错了一个数.govreport": broken, "提纲.govreport": drafted, "半截.govreport": half}


def test_each_units_counts_are_what_the_editor_shows_for_its_file(qtbot, make_dialog, fake, tmp_path, monkeypatch):
    monkeypatch.setenv("GOVREPORT_DATA_DIR", str(tmp_path / "appdata"))
    paths = []
    for name, report in reports_to_count().items():
        save_native(tmp_path / name, report, load_file(SAMPLE).previous if name != "提纲.govreport" else None)
        paths.append(tmp_path / name)
    d = make_dialog()
    load(qtbot, d, paths)
    todo_seen = False
    for path in paths:
        row = row_of(d, path.name)
        errors, warnings, todo = (cell(d, row, c) for c in ("错误", "警告", "待填写"))
        shown = f"错误 {errors} · 警告 {warnings}" + (f" · 待填写 {todo}" if todo != "0" else "")
        assert shown == counts_in_the_editor(qtbot, path), path.name
        todo_seen |= todo != "0"
    assert todo_seen and any(cell(d, row_of(d, p.name), "错误") != "0" for p in paths)


def test_the_clerks_choice_is_marked_manual_with_the_reason(qtbot, make_dialog, fake, tmp_path):
    save_native(tmp_path / "甲镇.govreport", unit("甲镇人民政府", 10))
    save_native(tmp_path / "己局.govreport", unit("己局", 40, year=2023))
    d = make_dialog()
    load(qtbot, d, [tmp_path])
    old, a = row_of(d, "己局.govreport"), row_of(d, "甲镇.govreport")
    assert (cell(d, old, "计入"), cell(d, a, "计入")) == ("未计入", "已计入")
    assert "未计入" in cell(d, old, "问题及原因")
    fake.answers["ask_text"].append("已与该单位核实：年度填错，实为2024年度")
    model = d.model
    model.setData(model.index(old, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert cell(d, old, "计入") == "已计入（手动）"
    problems = cell(d, old, "问题及原因")
    assert "年度填错，实为2024年度" in problems and "未计入" not in problems
    assert d.result_report().get(CellKey("三", NEW, "自然人")) == 50
    fake.answers["ask_text"].append(None)        # 取消 when asked why: nothing changes
    model.setData(model.index(a, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert cell(d, a, "计入") == "已计入" and d.units[a].choice is None
    fake.answers["ask_text"].append("重复报送")
    model.setData(model.index(a, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert cell(d, a, "计入") == "未计入（手动）" and "重复报送" in cell(d, a, "问题及原因")
    asked = len(fake.asked)
    model.setData(model.index(a, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)  # back: no question
    assert len(fake.asked) == asked
    assert cell(d, a, "计入") == "已计入" and "重复报送" not in cell(d, a, "问题及原因")
    out = tmp_path / "清单.xlsx"
    fake.answers["save_file"].append(str(out))
    d.export_button.click()
    sheet = load_workbook(out)["单位清单"]
    rows = {r[1]: r for r in sheet.iter_rows(values_only=True) if r and r[1] in ("己局.govreport", "甲镇.govreport")}
    assert rows["己局.govreport"][6] == "计入（手动）" and "年度填错" in rows["己局.govreport"][9]


def test_units_come_in_batches_and_cancel_stops_the_workers(qtbot, make_dialog, tmp_path):
    for i in range(200):
        save_native(tmp_path / f"单位{i:03}.govreport", unit(f"单位{i:03}", 5 + i))
    d = make_dialog(read=slowly)
    batches = []
    d.add_paths([tmp_path])
    d._worker.batch.connect(lambda units: batches.append(len(units)))
    qtbot.waitUntil(lambda: len(batches) >= 2, timeout=60000)
    assert d.reading and 0 < d.model.rowCount() < 200       # listed while the rest is read
    with qtbot.waitSignal(d.readingFinished, timeout=30000):
        d.cancel_button.click()
    assert "已取消读取" in d.status.text() and 0 < len(d.units) < 200
    assert len(d.consolidation.included) == len(d.units)
    assert d.worker_pids and not any(alive(pid) for pid in d.worker_pids)


def test_a_file_that_crashes_or_hangs_a_worker_is_that_units_problem(qtbot, make_dialog, tmp_path):
    for i in range(20):
        save_native(tmp_path / f"单位{i:02}.govreport", unit(f"单位{i:02}", 5 + i))
    save_native(tmp_path / "crash-甲局.govreport", unit("甲局", 3))
    save_native(tmp_path / "hang-乙局.govreport", unit("乙局", 4))
    d = make_dialog(read=troublesome, time_limit=3)
    load(qtbot, d, [tmp_path], timeout=120000)
    assert len(d.units) == 22
    crashed, hung = d.units[row_of(d, "crash-甲局.govreport")], d.units[row_of(d, "hang-乙局.govreport")]
    assert not crashed.readable and "意外退出" in cell(d, row_of(d, crashed.name), "问题及原因")
    assert not hung.readable and "超过3秒" in cell(d, row_of(d, hung.name), "问题及原因")
    assert len(d.consolidation.included) == 20
    assert not any(alive(pid) for pid in d.worker_pids)


def test_folders_are_walked_off_the_dialogs_thread_and_units_released_on_close(qtbot, make_dialog, tmp_path,
                                                                                monkeypatch):
    import gc
    import threading

    from govreport_gui.io import consolidation_io
    for i in range(3):
        save_native(tmp_path / f"单位{i}.govreport", unit(f"单位{i}", 5 + i))
    walked_on = []
    real = consolidation_io.collect_files
    monkeypatch.setattr(consolidation_io, "collect_files",
                        lambda *a, **k: walked_on.append(threading.current_thread()) or real(*a, **k))
    d = make_dialog()
    load(qtbot, d, [tmp_path])
    assert len(d.units) == 3 and walked_on and threading.main_thread() not in walked_on
    assert gc.get_freeze_count() > 0          # the units are out of the collector's full passes
    load(qtbot, d, [tmp_path])                # the same folder again: nothing new
    assert len(d.units) == 3 and "没有新的年报文件" in d.status.text()
    d.close()
    assert gc.get_freeze_count() == 0
