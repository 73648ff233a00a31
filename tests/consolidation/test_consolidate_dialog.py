"""The 汇总 dialog: background reading with progress and cancel, include/exclude, drill-down,
unit list export and the result handed to the caller."""

from datetime import date
from pathlib import Path

import pytest
from consolidation_units import FEES, NEW, unit
from openpyxl import load_workbook
from PySide6.QtCore import Qt, QTimer
from test_consolidate import write_set

from govreport_gui.core import CellKey
from govreport_gui.core.serialize import save_native
from govreport_gui.io.registry import open_filter, save_filter
from govreport_gui.qt.consolidate_dialog import ConsolidateDialog, UnitListModel

PROBLEMS = UnitListModel.HEADERS.index("问题及原因")


class FixedDate(date):
    day_of_test = date(2025, 11, 20)

    @classmethod
    def today(cls):
        return cls(cls.day_of_test.year, cls.day_of_test.month, cls.day_of_test.day)


@pytest.fixture
def today(monkeypatch):
    """Sets the date the editor sees (core.periods): ``today(date(2026, 2, 1))``."""
    from govreport_gui.core import periods
    monkeypatch.setattr(periods, "date", FixedDate)

    def set_today(day: date) -> None:
        FixedDate.day_of_test = day
    return set_today


@pytest.fixture
def dialog(qtbot, fake):
    d = ConsolidateDialog(fake, agency="某某区人民政府")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    yield d
    d._wait_for_thread()


def load(qtbot, dialog, paths):
    with qtbot.waitSignal(dialog.readingFinished, timeout=20000):
        dialog.add_paths(paths)


def test_a_folder_without_report_files_shows_no_count(qtbot, dialog, tmp_path):
    (tmp_path / "empty").mkdir()
    load(qtbot, dialog, [tmp_path / "empty"])
    assert "没有年报文件" in dialog.status.text()
    assert not dialog.progress.isTextVisible()   # (it read “0 / 1”)


def test_reads_a_folder_and_lists_every_unit(qtbot, dialog, tmp_path):
    files = write_set(tmp_path / "in")
    assert not dialog.progress.isTextVisible()   # nothing to count yet: no “0 / 1”
    load(qtbot, dialog, [tmp_path / "in"])
    model = dialog.model
    assert model.rowCount() == len(files)
    assert dialog.progress.value() == dialog.progress.maximum() == len(files)
    assert dialog.progress.isTextVisible() and dialog.progress.text() == f"{len(files)} / {len(files)}"
    names = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert set(names) == {p.name for p in files.values()}
    checked = {model.index(r, 1).data(): model.index(r, 0).data(Qt.ItemDataRole.CheckStateRole)
               for r in range(model.rowCount())}
    assert checked["甲镇.govreport"] == Qt.CheckState.Checked
    assert checked["己局.govreport"] == Qt.CheckState.Unchecked        # wrong year
    assert checked["甲镇（修改稿）.govreport"] == Qt.CheckState.Unchecked  # duplicate
    row = names.index("丁局.xlsx")
    assert model.index(row, 0).data() == "不可读"
    assert "无法读取" in model.index(row, PROBLEMS).data()
    assert not model.flags(model.index(row, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    assert dialog.year.value() == 2024 and dialog.version.currentData() == "2021"
    assert dialog.result_report().get(CellKey("三", NEW, "自然人")) == 65
    assert "计入4个，未计入4个" in dialog.summary.text()
    assert "现行有效件数" in dialog.summary.text()
    assert "另有 1 个不是年报文件" in dialog.status.text() and "说明.txt" in dialog.status.toolTip()


def test_checkbox_includes_and_excludes(qtbot, dialog, tmp_path):
    files = write_set(tmp_path / "in")
    load(qtbot, dialog, [files["a"], files["b"], files["old"]])
    model = dialog.model
    rows = {model.index(r, 1).data(): r for r in range(model.rowCount())}
    assert model.setData(model.index(rows["己局.govreport"], 0), Qt.CheckState.Checked.value,
                         Qt.ItemDataRole.CheckStateRole)
    assert dialog.result_report().get(CellKey("三", NEW, "自然人")) == 10 + 20 + 40
    assert "已选择计入" in model.index(rows["己局.govreport"], PROBLEMS).data()
    model.setData(model.index(rows["甲镇.govreport"], 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert dialog.result_report().get(CellKey("三", NEW, "自然人")) == 20 + 40
    # back to the default: no choice recorded
    model.setData(model.index(rows["甲镇.govreport"], 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert dialog.units[rows["甲镇.govreport"]].choice is None


def test_drill_down_of_a_selected_cell(qtbot, dialog, tmp_path):
    write_set(tmp_path / "in")
    load(qtbot, dialog, [tmp_path / "in"])
    assert dialog.select_cell(FEES)
    rows = {dialog.drill.item(r, 1).text(): dialog.drill.item(r, 2).text() for r in range(dialog.drill.rowCount())}
    assert rows == {"乙街道.json": "2.25", "甲镇.govreport": "1.5"}
    assert "合计 3.75" in dialog.drill_title.text() and "其余2个单位为0或空白" in dialog.drill_title.text()
    dialog._drill_to_unit(0, 0)
    selected = dialog.table.selectionModel().selectedRows()
    assert [dialog.units[i.row()].name for i in selected] == ["乙街道.json"]


def test_files_and_folders_are_chosen_through_the_dialogs_module(qtbot, dialog, fake, tmp_path):
    files = write_set(tmp_path / "in")
    fake.answers["open_files"].append([str(files["a"]), str(files["b"])])
    with qtbot.waitSignal(dialog.readingFinished, timeout=20000):
        dialog.add_files_button.click()
    assert fake.asked[-1] == ("open_files", "选择各单位的年报文件")
    assert fake.filters[-1] == ("选择各单位的年报文件", open_filter(project_files=False))
    assert "*.xlsx" in fake.filters[-1][1] and "*.docx" in fake.filters[-1][1]
    assert [u.name for u in dialog.units] == ["甲镇.govreport", "乙街道.json"]
    fake.answers["choose_folder"].append(str(tmp_path / "in" / "乡镇"))
    with qtbot.waitSignal(dialog.readingFinished, timeout=20000):
        dialog.add_folder_button.click()
    assert fake.asked[-1] == ("choose_folder", "选择存放各单位年报的文件夹")
    assert [u.name for u in dialog.units] == ["甲镇.govreport", "乙街道.json", "丙乡.govreport"]
    # 取消 in the chooser: nothing is added, nothing is read
    dialog.add_files_button.click()
    dialog.add_folder_button.click()
    assert len(dialog.units) == 3 and not dialog.reading


@pytest.mark.parametrize("day, year", [(date(2025, 11, 20), 2025), (date(2026, 3, 10), 2025),
                                       (date(2026, 9, 30), 2025), (date(2026, 10, 1), 2026)])
def test_default_year_without_units_is_the_year_being_reported(qtbot, fake, today, day, year):
    today(day)
    d = ConsolidateDialog(fake)
    qtbot.addWidget(d)
    assert d.year.value() == year
    assert d.version.currentData() == "2021"


def test_default_year_follows_most_units_until_the_clerk_chooses(qtbot, fake, today, tmp_path):
    today(date(2026, 1, 15))            # compiling the 2025 reports
    d = ConsolidateDialog(fake)
    qtbot.addWidget(d)
    assert d.year.value() == 2025
    save_native(tmp_path / "甲.govreport", unit("甲镇人民政府", 10, year=2023))
    save_native(tmp_path / "乙.govreport", unit("乙街道办事处", 20, year=2023))
    save_native(tmp_path / "丙.govreport", unit("丙乡人民政府", 30, year=2024))
    load(qtbot, d, [tmp_path / "甲.govreport", tmp_path / "乙.govreport", tmp_path / "丙.govreport"])
    assert d.year.value() == 2023 and d.result_report().meta.year == 2023
    assert {u.name for u in d.consolidation.included} == {"甲.govreport", "乙.govreport"}
    d.table.selectAll()
    d.remove_button.click()             # no units left: back to the year being reported
    assert d.units == [] and d.year.value() == 2025
    d.year.setValue(2024)               # the clerk's choice is kept when units come in
    load(qtbot, d, [tmp_path / "甲.govreport", tmp_path / "乙.govreport", tmp_path / "丙.govreport"])
    assert d.year.value() == 2024
    assert [u.name for u in d.consolidation.included] == ["丙.govreport"]
    d._wait_for_thread()


def test_export_unit_list(qtbot, dialog, fake, tmp_path):
    write_set(tmp_path / "in")
    load(qtbot, dialog, [tmp_path / "in"])
    out = tmp_path / "清单"
    fake.answers["save_file"].append(str(out))
    dialog.export_button.click()
    assert fake.filters[-1] == ("导出单位清单", save_filter(".xlsx"))
    wb = load_workbook(str(out) + ".xlsx")
    assert wb["单位清单"].max_row >= 9
    # a failed export (folder does not exist) gives a message, not a traceback
    fake.answers["save_file"].append(str(tmp_path / "nope" / "x.xlsx"))
    dialog.export_button.click()
    assert fake.shown and fake.shown[-1][0] == "error" and "文件夹不存在" in fake.shown[-1][1]


def test_result_is_handed_to_the_caller(qtbot, dialog, tmp_path):
    files = write_set(tmp_path / "in")
    load(qtbot, dialog, [files["a"], files["b"]])
    with qtbot.waitSignal(dialog.resultAccepted) as blocker:
        dialog.ok_button.click()
    report = blocker.args[0]
    assert report.meta.agency == "某某区人民政府"
    assert report.get(CellKey("三", NEW, "自然人")) == 30
    assert "2个单位" in report.meta.preamble


@pytest.fixture
def slow_reader(monkeypatch):
    """Every file takes a little time to read, in the real worker processes."""
    from worker_readers import slowly
    monkeypatch.setattr(ConsolidateDialog, "read", staticmethod(slowly))


def many_files(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        save_native(folder / f"单位{i:03}.govreport", unit(f"单位{i:03}", 5 + i))


def test_window_stays_responsive_and_cancel_stops(qtbot, dialog, tmp_path, slow_reader):
    many_files(tmp_path / "many", 200)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(dialog.progress.value()))
    timer.start(20)
    dialog.add_paths([tmp_path / "many"])
    assert dialog.reading and dialog.cancel_button.isEnabled() and not dialog.ok_button.isEnabled()
    # (the units come in batches: the bar moves by a batch at a time)
    qtbot.waitUntil(lambda: dialog.progress.value() >= 10 and len(set(ticks)) >= 3, timeout=30000)
    with qtbot.waitSignal(dialog.readingFinished, timeout=10000):
        dialog.cancel_button.click()
    timer.stop()
    assert len(ticks) >= 5, "the event loop ran while reading"
    assert len(set(ticks)) >= 3, "the progress bar moved"
    n = len(dialog.units)
    assert 10 <= n < 200
    assert "已取消读取" in dialog.status.text()
    assert not dialog.reading and not dialog.cancel_button.isEnabled()
    assert len(dialog.consolidation.included) == n  # what was read is consolidated


def test_closing_while_reading_stops_the_worker(qtbot, fake, tmp_path, slow_reader):
    many_files(tmp_path / "many", 60)
    d = ConsolidateDialog(fake)
    qtbot.addWidget(d)
    d.show()
    d.add_paths([tmp_path / "many"])
    qtbot.waitUntil(lambda: d.progress.value() >= 2, timeout=10000)
    thread = d._thread
    d.reject()
    assert thread.isFinished()


def test_screenshot(qtbot, dialog, tmp_path):
    write_set(tmp_path / "in")
    load(qtbot, dialog, [tmp_path / "in"])
    dialog.select_cell(CellKey("三", NEW, "总计"))
    out = Path(__file__).resolve().parents[2] / "build" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(out / "consolidate_dialog.png"))


def test_unbalanced_unit_is_named_and_its_cells_marked(qtbot, dialog, tmp_path):
    from consolidation_units import OPEN
    good, bad = unit("甲镇人民政府", 10), unit("乙街道办事处", 20)
    bad.set(CellKey("三", OPEN, "自然人"), 5)
    save_native(tmp_path / "甲.govreport", good)
    save_native(tmp_path / "乙.govreport", bad)
    load(qtbot, dialog, [tmp_path / "甲.govreport", tmp_path / "乙.govreport"])
    text = dialog.summary.text()
    assert "校验错误" in text and "乙街道办事处" in text and "本身的报告有校验错误" in text
    assert "甲镇人民政府" not in text.split("原因在以下单位")[1]
    assert dialog.select_cell(CellKey("三", "（七）总计", "自然人"))   # a cell of the failing balance
    assert dialog.cells.currentItem().foreground(1).color().name() == "#b00020"
    assert dialog.select_cell(CellKey("三", OPEN, "自然人"))
    rows = {dialog.drill.item(r, 0).text(): dialog.drill.item(r, 2).text() for r in range(dialog.drill.rowCount())}
    assert rows == {"甲镇人民政府": "10", "乙街道办事处": "5"}


def test_changing_year_and_version_reassesses(qtbot, dialog, tmp_path):
    files = write_set(tmp_path / "in")
    load(qtbot, dialog, [files["a"], files["old"], files["v2019"]])
    dialog.year.setValue(2023)
    assert [u.name for u in dialog.consolidation.included] == ["己局.govreport"]
    assert dialog.version.currentData() == "2021"
    dialog.year.setValue(2024)
    index = dialog.version.findData("2019")
    dialog.version.setCurrentIndex(index)
    dialog.version.activated.emit(index)
    report = dialog.result_report()
    assert report.form_version == "2019"
    assert {u.name for u in dialog.consolidation.included} == {"甲镇.govreport", "庚局.json"}
    a = next(u for u in dialog.units if u.name == "甲镇.govreport")
    assert "已按2019版格式转换" in a.problem_text() and "现行有效件数" in a.problem_text()


def test_unit_details_on_double_click(qtbot, dialog, fake, tmp_path):
    files = write_set(tmp_path / "in")
    load(qtbot, dialog, [files["a"], files["v2019"]])
    row = next(i for i, u in enumerate(dialog.units) if u.name == "庚局.json")
    dialog.table.doubleClicked.emit(dialog.model.index(row, 2))
    kind, intro, items = fake.shown[-1]
    text = intro + "\n" + items
    assert kind == "notes" and "庚局" in text and "计入汇总" in text
    assert "已按2021版格式转换" in text and "【警告】" in text
