"""What a clerk's day in the real window showed: each test drives the widgets the way the clerk did
(mouse clicks on the findings panel, keys in the grid) and asserts on the document and the window."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from qt_helpers import type_into

from govreport_gui.core.findings import Severity
from govreport_gui.core.forms import CellKey, get_form

T3 = get_form("2021").tables["三"]
NATURAL = T3.cols[0]
CARRIED_OUT = T3.rows[-1]   # 四、结转下年度继续办理: the last row, far below 一 and 二


def _click(widget, point: QPoint) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def test_the_findings_panel_shows_the_cell_it_jumps_to(qtbot, make_window, sample):
    """A figure of 四 mistyped: the error names it and makes it the current cell; the other cells of
    the identity (一, 二 at the top of the table) do not fit with it, and the jump used to scroll to
    them — the current cell, where the correction is typed, out of sight at the bottom."""
    window = make_window(sample)
    window.resize(1280, 760)
    page = window.page_for_table("三")
    window.tabs.setCurrentWidget(page)
    grid, key = page.grid, CellKey("三", CARRIED_OUT, NATURAL)
    qtbot.waitUntil(lambda: grid.isVisible())
    type_into(qtbot, grid, key, str(window.session.report.get(key) + 1))
    error = next(f for f in window.session.document.findings
                 if f.severity is Severity.ERROR and f.cells and f.cells[0] == key)
    grid.scrollToTop()
    window.tabs.setCurrentWidget(window.meta_tab)
    panel = window.findings.list
    item = window.findings.item_for(error)
    _click(panel.viewport(), panel.visualItemRect(item).center())
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is page)
    assert grid.model().key_at(grid.currentIndex()) == key
    assert grid.viewport().rect().contains(grid.visualRect(grid.currentIndex())), "the current cell is in view"
    assert grid.verticalScrollBar().value() > 0, "the table has scrolled down to it"


def test_ctrl_w_closes_the_report(qtbot, make_window, sample, tmp_path):
    """关闭 is Ctrl+W (the README, the menu's platform keys Ctrl+F4 and Ctrl+W): pressed in the
    table it brings the start page back; only Ctrl+F4 used to be bound."""
    window = make_window(sample)
    page = window.page_for_table("三")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.grid.isVisible())
    page.grid.setFocus()
    from PySide6.QtGui import QAction
    close = next(a for a in window.findChildren(QAction) if a.text() == "关闭")
    assert "Ctrl+W" in [k.toString() for k in close.shortcuts()]
    qtbot.keyClick(page.grid, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.start_page_shown)


def test_the_export_check_shows_each_problem_whole(qtbot, sample_loaded):
    """导出前检查 lists a problem with its whole prompt (“…尚未填写：请写明…”): at the dialog's size
    the long ones ended in “…”, one line each; each row is now as tall as its text wrapped, at any
    width the dialog is given."""
    from PySide6.QtGui import QFontMetrics

    from govreport_gui.core.carryover import carry_over
    from govreport_gui.core.checks import check_report
    from govreport_gui.core.export_check import export_problems
    from govreport_gui.qt.export_check_dialog import ExportCheckDialog
    report = carry_over(sample_loaded.report).report
    dialog = ExportCheckDialog(None, "Word 文档", export_problems(report, check_report(report, sample_loaded.report)))
    qtbot.addWidget(dialog)
    for width in (640, 900):
        dialog.resize(width, 480)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.wait(30)
        tree = dialog.tree
        room = tree.viewport().width() - 8   # the item's own margins
        long_rows = 0
        for i in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(i)
            text = item.text(0)
            needed = QFontMetrics(item.font(0)).boundingRect(QRect(0, 0, room, 10_000), Qt.TextFlag.TextWordWrap,
                                                             text).height()
            long_rows += needed > QFontMetrics(item.font(0)).lineSpacing() * 1.5
            rect = tree.visualItemRect(item)
            if rect.isValid():
                assert rect.height() >= needed, (width, text)
        assert long_rows, "some problems take more than one line at this width"


def test_exporting_over_a_read_only_file_changes_nothing(qtbot, make_window, sample_loaded, fake_dialogs, tmp_path):
    """The clerk exports over last week's Word file, marked read-only (只读) to keep it: the export
    says so in Chinese and what to do, the file and its folder are as they were — a rename used to
    replace it on Linux without a word (and left the new file read-only)."""
    import os
    import stat

    from PySide6.QtGui import QAction
    window = make_window(sample_loaded.report, sample_loaded.previous)
    folder = tmp_path / "导出"
    folder.mkdir()
    target = folder / "临川区年报.docx"
    target.write_bytes(b"last week's file")
    target.chmod(0o444)
    fake_dialogs.answers["save_file"].append(str(target))
    export = next(a for a in window.findChildren(QAction) if a.text().startswith("导出为") and "Word" in a.text())
    export.trigger()
    [error] = fake_dialogs.texts("error")
    assert "只读" in error and "另存为其他文件名" in error
    assert target.read_bytes() == b"last week's file"
    assert not stat.S_IMODE(os.stat(target).st_mode) & 0o222
    assert sorted(p.name for p in folder.iterdir()) == ["临川区年报.docx"]
    assert not fake_dialogs.texts("info"), "no “已导出” after a refusal"


def _paste(qtbot, grid, key: CellKey, text: str) -> None:
    from PySide6.QtGui import QGuiApplication
    index = grid.model().index_of(key)
    grid.scrollTo(index)
    _click(grid.viewport(), grid.visualRect(index).center())
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_a_plain_paste_over_an_interpreted_one_closes_its_notes(qtbot, make_window):
    """The clerk pastes 一 with a full-width “１” and a “—” (the bar lists how they were read), then
    pastes the corrected figures over them from another sheet: the bar went on saying “１”按1读取
    about cells that no longer hold it; a paste read plainly now closes a paste's notes."""
    from qt_helpers import blank
    window = make_window(blank("2021"))
    page = window.page_for_table("三")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.grid.isVisible())
    first = CellKey("三", T3.rows[0], NATURAL)
    _paste(qtbot, page.grid, first, "１\t—\t3\n")
    bar = window.interpretations
    assert bar.isVisible() and len(bar.notes()) == 2
    _paste(qtbot, page.grid, first, "7\t0\t3\n")
    assert window.session.report.get(first) == 7
    assert not bar.isVisible() and bar.notes() == []
    type_into(qtbot, page.grid, first, "12件")   # a value typed and read: the bar speaks again
    assert bar.isVisible() and "12件" in bar.notes()[0]


def test_the_carry_over_notes_read_as_one_line(qtbot, make_window):
    """从上年报告新建: the bar above the pages names what was carried; each note is a sentence ending
    in “。”, and joined by “；” they read “…其他2）。；已结转：…”."""
    from qt_helpers import SAMPLE
    window = make_window()
    assert window.flows.new_from_previous(SAMPLE)
    line = window.interpretations.line.text()
    assert line.count("已结转") >= 2, line
    assert "。；" not in line


def test_the_carry_over_says_where_last_years_text_is(qtbot, make_window, fake_dialogs):
    """从上年报告新建 said last year's text could be read “在‘上年报告’中” — a place the editor does not
    have. It now says to open last year's file, and that sentences copied from it are marked: a
    sentence of last year's 一 typed into this year's is highlighted."""
    from qt_helpers import SAMPLE

    from govreport_gui.core.serialize import load_file
    window = make_window()
    assert window.flows.new_from_previous(SAMPLE)
    [(_, _, notes)] = [s for s in fake_dialogs.shown if s[0] == "notes"]
    line = next(n for n in notes.splitlines() if "正文" in n and "不复制" in n)
    assert "“上年报告”中" not in line and "打开上年的报告文件" in line
    last_year = load_file(SAMPLE).report
    one = window.session.report.form.sections[0].key
    sentence = next(s + "。" for s in last_year.sections[one].split("。") if len(s) > 20)
    page = window.page_for_section(one)
    window.tabs.setCurrentWidget(page)
    page.prose.edit.setPlainText(sentence)
    qtbot.waitUntil(lambda: any(r.format.background().color().name().lower() == "#ffe08a"
                                for r in page.prose.edit.document().firstBlock().layout().formats()))


def _ledger_workbook(path) -> None:
    import datetime as dt

    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2025年"
    sheet.append(["序号", "申请人类型", "收到申请日期", "答复日期", "处理结果"])
    sheet.append([1, "公民", dt.date(2025, 1, 6), dt.date(2025, 1, 20), "予以公开"])
    sheet.append([2, "企业", dt.date(2025, 2, 3), dt.date(2025, 2, 18), "部分公开"])
    book.save(path)


def test_a_ledger_opened_as_a_report_says_where_it_goes(qtbot, make_window, sample, fake_dialogs, tmp_path):
    """The clerk picks the agency's 登记台账 under 打开…: the reader rightly finds no report tables,
    and the message now also says it is a ledger and which menu entry counts it; the open report
    is untouched. A workbook that is neither gets the reader's message alone."""
    from PySide6.QtGui import QAction

    from govreport_gui.core.ledger.tables import fill_action
    window = make_window(sample)
    before = window.session.report
    ledger, other = tmp_path / "2025年申请登记.xlsx", tmp_path / "值班表.xlsx"
    _ledger_workbook(ledger)
    import openpyxl
    book = openpyxl.Workbook()
    book.active.append(["日期", "值班人员"])
    book.save(other)
    open_action = next(a for a in window.findChildren(QAction) if a.text() == "打开…")
    for path in (ledger, other):
        fake_dialogs.answers["open_file"].append(str(path))
        open_action.trigger()
    first, second = fake_dialogs.texts("error")
    assert "没有找到年报表格" in first and "登记台账" in first and f"文件→{fill_action()}" in first
    assert "没有找到年报表格" in second and "台账" not in second
    assert window.session.report is before and not window.isWindowModified()


def test_year_on_year_leaves_out_a_stock_not_typed_yet(qtbot, make_window, sample_loaded):
    """插入同比情况 in a report started from last year's: 现行有效件数 is still blank (the panel lists
    it as 待填写), and the inserted text said “现行有效行政规范性文件0件，较上年减少42件、下降100%”.
    It is left out until typed, then compared."""
    from PySide6.QtGui import QAction

    from govreport_gui.core.carryover import carry_over
    from govreport_gui.core.forms.spec import Tag
    report = carry_over(sample_loaded.report).report
    window = make_window(report, sample_loaded.report)
    [stock] = [s.key for s in report.form.table_tagged(Tag.IN_FORCE).tagged(Tag.IN_FORCE) if s.key.row == "行政规范性文件"]
    assert report.get(stock) is None
    page = window.page_for_section("一")
    window.tabs.setCurrentWidget(page)
    page.prose.edit.setFocus()
    qtbot.waitUntil(page.prose.edit.hasFocus)
    [insert] = [a for a in window.findChildren(QAction) if "同比" in a.text()]
    insert.trigger()
    assert "新收政府信息公开申请" in report.sections["一"]
    assert "现行有效" not in report.sections["一"]
    table2 = window.page_for_table(stock.table)
    window.tabs.setCurrentWidget(table2)
    type_into(qtbot, table2.grid, stock, "45")
    window.tabs.setCurrentWidget(page)
    page.prose.edit.setFocus()
    qtbot.waitUntil(page.prose.edit.hasFocus)
    insert.trigger()
    assert "现行有效行政规范性文件45件，较上年增加3件" in report.sections["一"]


def _figures(report, row: str) -> list:
    return [report.get(CellKey("三", row, col)) for col in T3.cols[:-1]]


def test_rows_copied_with_their_names_paste_their_figures(qtbot, make_window, fake_dialogs):
    """The clerk copies 一 and 二 from the office's sheet with the row names (the usual selection
    from the name to 总计) and pastes on 一/自然人: every figure landed one column to the right
    (自然人 blank, 12 in 商业企业, …, the 总计 outside the table). The names are set aside and
    the figures go under their columns; a name naming another row than the one its figures go to
    (a row missing in the clerk's sheet) is listed to check; a leading column of blanks is still
    figures left blank."""
    from qt_helpers import blank
    window = make_window(blank("2021"))
    page = window.page_for_table("三")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.grid.isVisible())
    report = window.session.report
    new, carried, disclosed, partly = T3.rows[:4]
    _paste(qtbot, page.grid, CellKey("三", new, NATURAL),
           f"{new}\t12\t3\t0\t0\t1\t0\t16\n{carried}\t7\t1\t0\t0\t2\t2\t12\n")
    assert _figures(report, new) == [12, 3, 0, 0, 1, 0]
    assert _figures(report, carried) == [7, 1, 0, 0, 2, 2]
    assert any("行名称" in n for n in window.interpretations.notes())
    assert not fake_dialogs.texts("warning"), "nothing left unplaced"
    secret, other_law = T3.rows[4:6]
    _paste(qtbot, page.grid, CellKey("三", secret, NATURAL),       # with the group's column too
           f"（三）不予公开\t{secret}\t2\t0\t0\t0\t0\t0\n\t{other_law}\t1\t0\t0\t0\t0\t0\n")
    assert _figures(report, secret)[:2] == [2, 0] and _figures(report, other_law)[:2] == [1, 0]
    _paste(qtbot, page.grid, CellKey("三", disclosed, NATURAL),   # the sheet lacks （二）: 1. lands in it
           f"{disclosed}\t5\t0\t0\t0\t0\t0\n{secret}\t3\t0\t0\t0\t0\t0\n")
    [warning] = fake_dialogs.texts("warning")
    assert f"第2行的行名称“{secret}”与粘贴到的行“{partly}”不同" in warning
    _paste(qtbot, page.grid, CellKey("三", new, NATURAL), "\t4\t0\t0\t0\t0\n")   # 自然人 left blank
    assert _figures(report, new)[:2] == [None, 4]


def test_enter_presses_a_start_page_button(qtbot, make_window, fake_dialogs):
    """On the start page the clerk tabs to 新建报告 and presses Enter: nothing happened (a button
    outside a dialog answered Space only); Enter now starts it, on each of the three."""
    window = make_window()
    window.flows.close_report()
    assert window.start_page_shown()
    for name, asked in (("new", "new_report"), ("from_previous", "open_file"), ("open", "open_file")):
        button = window.start_page.buttons[name]
        button.setFocus()
        qtbot.waitUntil(button.hasFocus)
        qtbot.keyClick(button, Qt.Key.Key_Return)
        assert fake_dialogs.asked and fake_dialogs.asked[-1][0] == asked, name
        fake_dialogs.asked.clear()


def test_enter_presses_the_windows_focused_buttons(qtbot, make_window, sample_loaded, fake_dialogs):
    """Tab to 导入上一年度… (基本信息) or 确认此警告… (检查结果) and press Enter: as on the start page,
    nothing happened; Enter now presses them as Space does."""
    from govreport_gui.core.findings import Severity
    report = sample_loaded.report
    window = make_window(report, sample_loaded.previous)
    page = window.page_for_table("三")
    window.tabs.setCurrentWidget(page)
    key = CellKey("三", T3.rows[2], NATURAL)
    type_into(qtbot, page.grid, key, str(report.get(key) * 3))   # an unusual change: a warning to confirm
    warning = next(f for f in window.session.document.findings if f.severity is Severity.WARNING and not f.todo)
    window.findings.list.setCurrentItem(window.findings.item_for(warning))
    button = window.findings.accept_button
    assert button.isEnabled()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert fake_dialogs.asked[-1][0] == "accept_reason"
    window.tabs.setCurrentWidget(window.meta_tab)
    [load] = [b for b in window.meta_tab.findChildren(type(button)) if b.text() == "导入上一年度…"]
    load.setFocus()
    qtbot.waitUntil(load.hasFocus)
    qtbot.keyClick(load, Qt.Key.Key_Return)
    assert fake_dialogs.asked[-1][0] == "open_file"


def test_a_recovered_report_never_saved_is_offered_under_its_agencys_name(qtbot, sample_loaded, fake_dialogs,
                                                                          tmp_path):
    """从上年报告新建, figures typed, the editor killed before the first save: the work comes back,
    and 保存 offered the file name “未命名” (the window's placeholder); it now offers the name a
    report not yet saved gets — the agency and the year —, and the question at the start names the
    report so too (it said 发现“未命名”未保存的修改)."""
    import json
    import os
    from pathlib import Path

    from govreport_gui.core.carryover import carry_over
    from govreport_gui.core.serialize import save_native
    from govreport_gui.qt import recovery
    from govreport_gui.qt.app import create_window
    from govreport_gui.qt.file_flows import UNNAMED
    report = carry_over(sample_loaded.report).report
    folder = Path(os.environ["GOVREPORT_DATA_DIR"]) / recovery.RECOVERY_DIR
    folder.mkdir(parents=True)
    save_native(folder / "session-dead.govreport", report, sample_loaded.report)
    (folder / "session-dead.json").write_text(json.dumps({"path": None, "name": UNNAMED, "saved": "2026-12-07T10:00:00"}))
    fake_dialogs.answers["ask_yes_no"].append(True)
    fake_dialogs.answers["save_file"].append(str(tmp_path / "saved.govreport"))
    window = create_window([])
    qtbot.addWidget(window)
    [(_, question)] = fake_dialogs.asked   # named as its save will name it, not “未命名”
    assert f"发现“{report.meta.agency}2025年度报告”未保存的修改" in question, question
    assert window.session.report.meta.year == 2025 and window.flows.is_modified()
    assert window.flows.save()
    suggested = fake_dialogs.folders[-1][1]
    assert Path(suggested).name == f"{report.meta.agency}2025年度报告.govreport"


def test_a_signing_date_within_the_report_year_is_questioned(qtbot, make_window, sample_loaded):
    """The 2025 report started from 2024's: the clerk types the 落款日期 the way last year's read,
    “2025年1月20日” — a date before the year the report covers has ended. It is now a warning on
    the field (a click on it puts the cursor there), gone once the year is right; the field's
    example shows the year after the report's."""
    from govreport_gui.core.carryover import carry_over
    from govreport_gui.core.findings import Severity
    report = carry_over(sample_loaded.report).report
    window = make_window(report, sample_loaded.report)
    window.tabs.setCurrentWidget(window.meta_tab)
    field = window.meta_tab.fields["date"]
    assert field.placeholderText() == "例如：2026年1月20日"

    def typed(text: str) -> None:
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        field.selectAll()
        field.insert(text)
        qtbot.keyClick(field, Qt.Key.Key_Return)
        qtbot.keyClick(field, Qt.Key.Key_Tab)

    typed("2025年1月20日")
    assert report.meta.date == "2025年1月20日"
    [warning] = [f for f in window.session.document.findings if f.meta == "date"]
    assert warning.severity is Severity.WARNING and "早于2025年度报告的编制" in warning.message
    window.findings.list.setFocus()
    _click(window.findings.list.viewport(), window.findings.list.visualItemRect(window.findings.item_for(warning)).center())
    qtbot.waitUntil(field.hasFocus)
    typed("2026年1月20日")
    assert not [f for f in window.session.document.findings if f.meta == "date"]
    typed("2025年12月7日")   # a draft dated while the report is being compiled (填入今天 in December)
    assert not [f for f in window.session.document.findings if f.meta == "date"]


def test_the_recovery_question_writes_the_time_as_the_start_page_does(qtbot, sample, fake_dialogs):
    """“最后记录于 2026-12-07 10:29:29” (ISO) beside the start page's “保存于 2026年12月7日 10:29”."""
    import datetime as dt
    import json
    import os
    import re
    from pathlib import Path

    from govreport_gui.core.serialize import save_native
    from govreport_gui.qt import recovery
    from govreport_gui.qt.app import create_window
    folder = Path(os.environ["GOVREPORT_DATA_DIR"]) / recovery.RECOVERY_DIR
    folder.mkdir(parents=True)
    save_native(folder / "session-dead.govreport", sample)
    (folder / "session-dead.json").write_text(json.dumps({"path": None, "name": "临川区年报"}))
    stamp = dt.datetime(2026, 12, 7, 10, 29, 29).timestamp()
    os.utime(folder / "session-dead.govreport", (stamp, stamp))
    fake_dialogs.answers["ask_yes_no"].append(False)
    window = create_window([])
    qtbot.addWidget(window)
    [(_, question)] = fake_dialogs.asked
    assert "最后记录于 2026年12月7日 10:29）" in question
    assert not re.search(r"\d{4}-\d{2}-\d{2}", question)


def _tab_stops(qtbot, window, start, until) -> list:
    """The widgets Tab puts the focus on, from ``start`` until one of ``until`` (or 40 presses);
    each visible when it had the focus."""
    from PySide6.QtWidgets import QApplication
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    stops = []
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget())
        assert stops[-1].isVisible(), f"Tab went to a hidden {type(stops[-1]).__name__}"
        if stops[-1] in until:
            break
    return stops


def test_tab_stops_only_where_the_clerk_can_type_or_press(qtbot, make_window, sample):
    """Tab through 基本信息, a table page and the start page: the first press after the tab bar
    went to the page's scroll area — invisible, it shows no focus, and the clerk's next key went
    nowhere. Every stop is now a field, a button, a list or the table."""
    from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit
    window = make_window(sample)
    window.resize(910, 512)
    bar = window.tabs.tabBar()
    window.tabs.setCurrentWidget(window.meta_tab)
    stops = _tab_stops(qtbot, window, bar, {bar})
    assert stops[0] is window.meta_tab.fields["agency"]
    page = window.page_for_table("三")
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.grid.isVisible())
    stops += _tab_stops(qtbot, window, window.findings.list, {page.grid, bar})
    assert stops[-1] is page.grid
    window.flows.close_report()
    stops += _tab_stops(qtbot, window, window.start_page.buttons["new"], {window.start_page.buttons["new"]})
    bare = [type(s).__name__ for s in stops if isinstance(s, QAbstractScrollArea)
            and not isinstance(s, (QPlainTextEdit, type(page.grid), type(window.findings.list)))]
    assert bare == [], "Tab stopped on a scroll area"
    assert any(isinstance(s, (QLineEdit, QAbstractSpinBox, QComboBox)) for s in stops)
