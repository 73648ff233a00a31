"""The editor while drafting: a new report opens with no errors and no warnings, and what is left
to write (待填写) is counted on the section tabs, in the status bar and in the findings panel."""

from __future__ import annotations

import pytest
from qt_helpers import SAMPLE

from govreport_gui.core.drafting import new_report
from govreport_gui.core.findings import Severity
from govreport_gui.core.prompts import prompts


def todo_lines(report, key: str) -> int:
    """The parts of section ``key`` still empty (each shows its prompt)."""
    return len(prompts(report.form_version, key, report.sections.get(key, "")))


@pytest.mark.parametrize("version, year", [("2019", 2020), ("2021", 2025)])
def test_an_empty_new_report_opens_with_a_to_do_list_not_warnings(qtbot, make_window, version, year):
    report = new_report(version, year, "某某局")
    window = make_window(report)
    panel = window.findings
    assert panel.counts()[Severity.ERROR] == 0 and panel.counts()[Severity.WARNING] == 0
    expected = sum(todo_lines(report, k) for k in ("一", "五", "六"))
    assert panel.todo_count() == expected > 0
    assert f"待填写 {expected}" in panel.summary.text()
    assert window.status_counts.text() == f"错误 0 · 警告 0 · 待填写 {expected}"
    for key in ("一", "五", "六"):
        index = window.tabs.indexOf(window.page_for_section(key))
        assert window.tab_error_count(index) == 0
        assert window.tab_todo_count(index) == todo_lines(report, key)
        assert not window.tabs.tabIcon(index).isNull()
        assert f"{todo_lines(report, key)} 项待填写" in window.tabs.tabToolTip(index)
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert sum(t.startswith("【待填写】") for t in texts) == expected
    panel.list.setCurrentRow(0)
    assert not panel.accept_button.isEnabled()  # a to-do is written, not confirmed


def test_writing_the_text_shortens_the_to_do_list(qtbot, make_window):
    report = new_report("2021", 2025, "某某局")
    window = make_window(report)
    page = window.page_for_section("五")
    index = window.tabs.indexOf(page)
    before = window.tab_todo_count(index)
    window.tabs.setCurrentWidget(page)
    text = page.prose.edit.toPlainText().replace("（二）存在的主要问题。", "（二）存在的主要问题。一是公开不够及时。")
    page.prose.edit.setPlainText(text)
    page.prose.commit()
    assert window.tab_todo_count(index) == before - 1
    assert window.findings.todo_count() == sum(todo_lines(window.session.report, k) for k in ("一", "五", "六"))


def test_a_report_started_from_last_years_has_no_red_errors(qtbot, make_window, fake_dialogs):
    window = make_window()
    fake_dialogs.answers["open_file"].append(str(SAMPLE))
    assert window.flows.new_from_previous()
    panel = window.findings
    assert panel.counts()[Severity.ERROR] == 0 and panel.counts()[Severity.WARNING] == 0
    page3 = window.page_for_table("三")
    index = window.tabs.indexOf(page3)
    assert window.tab_error_count(index) == 0 and window.tab_todo_count(index) > 0
    model = page3.model
    carried = [f for f in window.session.document.findings if f.rule == "三.balance"]
    assert carried and all(f.todo for f in carried)
    assert all(model.severity_at(k) is None for f in carried for k in f.cells)  # no red tint
    assert "待填写" in window.status_counts.text() and window.status_counts.text().startswith("错误 0 · 警告 0")


def _edge_pixels(pixmap) -> int:
    """Pixels partly covered (the antialiased edge of a dot): about its perimeter when painted at the
    screen's density, about twice that when a smaller picture was enlarged (blurred)."""
    image = pixmap.toImage()
    return sum(20 < image.pixelColor(x, y).alpha() < 235 for y in range(image.height()) for x in range(image.width()))


def test_the_dots_are_sharp_on_a_scaled_screen(qtbot):
    """The tabs' badges and the findings' dots at 125 %, 150 %, 200 % (a 4K screen): the dot was
    painted at 16 pixels and enlarged, its edge and figure blurred; it is painted at each scaling."""
    from PySide6.QtCore import QSize

    from govreport_gui.qt.findings_panel import TODO_DOT, dot_icon
    icon = dot_icon(TODO_DOT)
    plain = _edge_pixels(icon.pixmap(QSize(16, 16), 1.0))
    for ratio in (1.25, 1.5, 2.0):
        pixmap = icon.pixmap(QSize(16, 16), ratio)
        assert pixmap.devicePixelRatio() == ratio and pixmap.width() == round(16 * ratio)
        assert _edge_pixels(pixmap) < 1.4 * ratio * plain, ratio
