"""The outline's guide text in the prose editors: grey placeholders inside each empty part of 一/五/六
— drawn, never text of the document (not counted, not copied, not saved, not exported); a click on
one puts the cursor where typing fills the part, and the prompt goes; a project file that holds the
old prompts as text is opened with them turned into placeholders, and the clerk is told."""

from __future__ import annotations

import json

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QInputMethodEvent, QPalette
from PySide6.QtWidgets import QApplication, QToolTip

from govreport_gui.core.drafting import new_report
from govreport_gui.core.prompts import prompts
from govreport_gui.core.serialize import report_to_json


def prose_page(window, key: str):
    page = window.page_for_section(key)
    window.tabs.setCurrentWidget(page)
    return page


def type_chinese(qtbot, edit, text: str) -> None:
    """Text committed by an input method, as a clerk types Chinese."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def painted_grey(edit, rect) -> int:
    """How many pixels of ``rect`` (viewport coordinates) are painted in the placeholder colour (as
    blended over the editor's background); 0 when anything darker — text — is drawn there."""
    image = edit.viewport().grab().toImage()
    colour = edit.palette().color(QPalette.ColorRole.PlaceholderText)
    base = edit.palette().color(QPalette.ColorRole.Base)
    alpha = colour.alphaF()
    grey = base.lightness() * (1 - alpha) + colour.lightness() * alpha
    ratio = image.width() / edit.viewport().width()
    hits = 0
    for x in range(int(rect.left() * ratio), int(min(rect.right(), rect.left() + 200) * ratio)):
        for y in range(int(rect.top() * ratio), int(rect.bottom() * ratio)):
            light = QColor(image.pixel(x, y)).lightness()
            if light < grey - 40:
                return 0
            hits += abs(light - grey) < 20
    return hits


def test_a_new_reports_parts_show_their_prompts_in_grey_and_count_nothing(qtbot, make_window):
    report = new_report("2021", 2025, "某某局")
    window = make_window(report)
    page = prose_page(window, "一")
    edit = page.prose.edit
    qtbot.waitExposed(edit)
    expected = prompts("2021", "一", report.sections["一"])
    assert [p.line for p in edit.prompts] == [p.line for p in expected] == [0, 1, 2, 3, 4, 5]
    assert page.prose.counter.text() == "0 字 · 0 段 · 6 处待填写"
    text = edit.toPlainText()
    assert all(p.hint not in text for p in expected) and "请在此" not in text
    for prompt in edit.prompts:
        rect = edit.prompt_rect(prompt)
        assert rect is not None and rect.left() > 0
        assert painted_grey(edit, rect) > 20, f"prompt of line {prompt.line} not drawn"
    # the heading of a part is left of its prompt, on the same line
    heading = edit.prompt_rect(edit.prompts[1])
    assert heading.left() > edit.fontMetrics().horizontalAdvance("（一）主动公开") * 0.8
    # select all and copy: the prompts are not text
    edit.selectAll()
    edit.copy()
    assert QApplication.clipboard().text() == report.sections["一"]


def test_a_click_on_a_prompt_puts_the_cursor_where_typing_replaces_it(qtbot, make_window):
    window = make_window(new_report("2021", 2025, "某某局"))
    page = prose_page(window, "五")
    edit = page.prose.edit
    qtbot.waitExposed(edit)
    second = edit.prompts[1]
    rect = edit.prompt_rect(second)
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(rect.center().x()), int(rect.center().y())))
    cursor = edit.textCursor()
    assert cursor.blockNumber() == second.line and cursor.positionInBlock() == len(second.heading)
    assert not cursor.hasSelection()
    composing = QInputMethodEvent("yi'shi", [])  # an input method's text not yet chosen
    QApplication.sendEvent(edit, composing)
    assert edit.prompt_rect(second) is None       # the prompt makes way for it at once
    type_chinese(qtbot, edit, "一是公开不够及时。")
    assert [p.line for p in edit.prompts] == [0, 2]  # that part's prompt is gone, the others stay
    assert page.prose.counter.text().endswith("· 2 处待填写")
    page.prose.commit()
    lines = window.session.report.sections["五"].split("\n")
    assert lines[second.line] == "（二）存在的主要问题。一是公开不够及时。"
    index = window.tabs.indexOf(page)
    assert window.tab_todo_count(index) == 2
    assert not [f for f in window.session.document.findings if f.quote == second.heading]
    window.undo_action.trigger()  # the prompt comes back with the empty part
    assert [p.line for p in edit.prompts] == [0, 1, 2]


def test_a_long_prompt_is_cut_to_the_editor_and_whole_in_the_tooltip(qtbot, make_window):
    window = make_window(new_report("2021", 2025, "某某局"))
    page = prose_page(window, "六")
    edit = page.prose.edit
    qtbot.waitExposed(edit)
    edit.setFixedWidth(360)  # a narrow editor (a small screen, the findings panel wide)
    qtbot.waitUntil(lambda: edit.viewport().width() < 360)
    longest = max(edit.prompts, key=lambda p: edit.fontMetrics().horizontalAdvance(p.heading + p.hint))
    rect = edit.prompt_rect(longest)
    assert edit.fontMetrics().horizontalAdvance(longest.hint) > rect.width()  # it does not fit: cut
    assert painted_grey(edit, rect) > 20
    centre = rect.center().toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, edit.viewport().mapToGlobal(centre))
    QApplication.sendEvent(edit.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text().startswith(longest.hint + "\n")


def test_the_finding_of_an_empty_part_goes_to_the_end_of_its_sub_heading(qtbot, make_window):
    window = make_window(new_report("2021", 2025, "某某局"))
    finding = next(f for f in window.session.document.findings if f.quote == "（三）政府信息管理。")
    window.go_to_finding(finding)  # a click in the findings panel, 返回修改 of the export check
    page = window.page_for_section("一")
    assert window.tabs.currentWidget() is page
    cursor = page.prose.edit.textCursor()
    assert cursor.block().text() == "（三）政府信息管理。" and cursor.atBlockEnd() and not cursor.hasSelection()


def test_an_old_project_file_with_prompts_as_text_is_opened_with_placeholders(qtbot, make_window, fake_dialogs,
                                                                             tmp_path):
    report = new_report("2021", 2025, "某某局")
    old = {k: "\n".join(line + "（请在此" + "写明情况）" if line else "（请在此概述本年情况）" for line in v.split("\n"))
           for k, v in report.sections.items()}
    old["五"] = old["五"].replace("（二）存在的主要问题。（请在此写明情况）", "（二）存在的主要问题。（请在此写明情况）一是公开不及时。")
    data = report_to_json(report)
    data["sections"] = {k: old[k] for k in data["sections"]}
    path = tmp_path / "旧版.govreport"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    window = make_window()
    assert window.flows.open_file(str(path))
    opened = window.session.report
    assert "请在此" not in "".join(opened.sections.values())
    assert opened.sections["一"] == report.sections["一"]
    assert opened.sections["五"].split("\n")[1] == "（二）存在的主要问题。一是公开不及时。"
    [note] = [notes for kind, _, notes in fake_dialogs.shown if kind == "notes"]
    assert "13 处旧版提纲的提示文字" in note and "灰色提示" in note and "不会导出" in note
    page = prose_page(window, "一")
    qtbot.waitExposed(page.prose.edit)
    assert len(page.prose.edit.prompts) == 6
