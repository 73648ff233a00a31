"""What the grid keeps between repaints — each cell's paint roles (TableModel.painted, answered in
one multiData call) and each cell's picture (CellPictures) — shows what the document holds after
every edit and undo, and the tab badges follow the findings while drawn only when they change."""

from __future__ import annotations

import zlib

import pytest
from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QStyledItemDelegate
from qt_helpers import key3

from govreport_gui.core.document import Document
from govreport_gui.core.findings import Severity
from govreport_gui.core.values import value_with_unit
from govreport_gui.qt.commands import Session
from govreport_gui.qt.findings_panel import WrappingDelegate
from govreport_gui.qt.grid_view import GridView
from govreport_gui.qt.previous_figures import PriorDelegate
from govreport_gui.qt.table_model import BACKGROUND, DISPLAY, PAINT_ROLES, SEVERITY_COLOURS, TableModel


def _plain(value):
    if isinstance(value, QBrush):
        return value.color().name()
    if isinstance(value, QFont):
        return value.toString()
    return value


def painted_roles(model: TableModel) -> dict:
    """Every cell's paint roles as the view's delegate gets them (one multiData call per role)."""
    shown = {}
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            index = model.index(r, c)
            for role in sorted(PAINT_ROLES):
                data = QModelRoleData(role)
                index.multiData(QModelRoleDataSpan(data))
                shown[(r, c, role)] = _plain(data.data())
                assert shown[(r, c, role)] == _plain(model.data(index, role)), (r, c, role)
    return shown


def test_an_edit_repaints_every_total_it_moves_and_undo_restores_them(sample):
    session = Session(Document(sample))
    model = TableModel(session, "三")
    before = painted_roles(model)          # every cell's roles are kept now
    key = key3("2021", "（一）", "商业企业")   # moves （七）总计 and 总计 of both rows
    edited = model.index_of(key)
    old_totals = {c.key: session.document.value(c.key) for c in model.spec.cells if c.computed}
    assert model.setData(edited, "999")
    after = painted_roles(model)
    assert after == painted_roles(TableModel(session, "三"))   # as a model made afresh shows it
    moved = [k for k, v in old_totals.items() if session.document.value(k) != v]
    assert len(moved) >= 2   # (its row's total and its column's: a stale one would be seen)
    for k in moved:
        index = model.index_of(k)
        assert model.data(index) == value_with_unit(session.document.value(k), model.spec.cell(k))
        assert after[(index.row(), index.column(), DISPLAY)] != before[(index.row(), index.column(), DISPLAY)]
    where = (edited.row(), edited.column(), BACKGROUND)
    assert after[where] == SEVERITY_COLOURS[Severity.ERROR].name() != before[where]   # the imbalance is flagged
    session.undo_stack.undo()
    assert painted_roles(model) == before
    session.undo_stack.redo()
    assert painted_roles(model) == after


def _picture(widget) -> tuple[int, int, int]:
    """The widget as painted now: its size and its pixels' checksum (two images compared in an
    assertion would be reported pixel by pixel)."""
    image = widget.grab().toImage()
    return image.width(), image.height(), zlib.crc32(bytes(image.constBits()))


def _steady(widget, pictures) -> tuple[int, int, int]:
    """The widget painted three times — directly, while its pictures are made, from them — the
    same each time."""
    shown = _picture(widget)
    assert _picture(widget) == shown
    assert len(pictures) > 0 and _picture(widget) == shown
    return shown


def shown_grid(qtbot, sample) -> tuple[Session, TableModel, GridView]:
    """表三 of the sample in a grid of its own, 900×600, shown."""
    session = Session(Document(sample))
    model = TableModel(session, "三")
    grid = GridView(model)
    qtbot.addWidget(grid)
    grid.resize(900, 600)
    grid.show()
    qtbot.waitExposed(grid)
    return session, model, grid


def test_grid_drawn_from_kept_pictures_looks_as_painted_afresh(qtbot, sample):
    session, model, grid = shown_grid(qtbot, sample)
    pictures = grid.itemDelegate().pictures
    first = _steady(grid, pictures)
    assert len(pictures) > 50    # (the cells in view were drawn into pictures)
    edited = model.index_of(key3("2021", "（一）", "商业企业"))
    grid.setCurrentIndex(edited)  # the current, selected cell is drawn as such
    assert model.setData(edited, "999")
    kept = _steady(grid, pictures)
    assert kept != first
    grid.forget_pictures()
    assert len(pictures) == 0
    assert _picture(grid) == kept   # every cell as if painted for the first time
    own = grid.itemDelegate()
    grid.setItemDelegate(QStyledItemDelegate(grid))
    assert _picture(grid) == kept   # … and as Qt's own delegate paints it (the selection's tint too)
    grid.setItemDelegate(own)
    session.undo_stack.undo()
    grid.setCurrentIndex(model.index(0, 0))
    grid.setCurrentIndex(edited)
    undone = _steady(grid, pictures)
    assert 0 < pictures.pixels() < grid.viewport().width() * grid.viewport().height() / 3   # the text's part of each
    grid.forget_pictures()
    assert _picture(grid) == undone
    grid.hide()
    assert len(pictures) == 0       # a table not in view keeps no pictures


def test_a_repaint_of_the_grid_asks_python_only_what_the_cells_show(qtbot, sample):
    """Qt asks every visible cell for its index (the row and column counts) and its flags at each
    repaint: the model answers those from C++, and Python only for what a cell shows — once per
    cell painted afresh (``multiData``), never for a cell drawn from its picture."""
    import sys

    session, model, grid = shown_grid(qtbot, sample)
    assert model.setData(model.index_of(key3("2021", "（一）", "商业企业")), "999")

    def asked_while_painted() -> list[str]:
        asked = []

        def called(frame, event, arg):
            if event == "call" and frame.f_code.co_filename.endswith("table_model.py"):
                asked.append(frame.f_code.co_name)

        sys.setprofile(called)
        try:
            grid.grab()
        finally:
            sys.setprofile(None)
        assert not {"rowCount", "columnCount", "flags", "index"} & set(asked), set(asked)
        return asked

    grid.forget_pictures()
    afresh = asked_while_painted()
    assert 100 < afresh.count("multiData") <= afresh.count("painted")
    asked_while_painted()   # (the pictures made)
    # (the selected cells are painted directly: their translucent shade blends as the view's does)
    assert asked_while_painted().count("multiData") <= len(grid.selectedIndexes())


class _QtsOwnPainting(WrappingDelegate):
    def paint(self, painter, option, index) -> None:
        QStyledItemDelegate.paint(self, painter, option, index)


def test_findings_drawn_from_kept_pictures_look_as_qt_paints_them(make_window, sample):
    window = make_window(sample)
    panel = window.findings
    panel.list.setCurrentRow(1)       # one selected, current
    model = window.page_for_table("三").model
    own = panel.list.itemDelegate()
    for value in (None, "999", "998"):  # as opened, then the list filled anew after edits
        if value is not None:
            assert model.setData(model.index_of(key3("2021", "（一）", "商业企业")), value)
            panel.list.setCurrentRow(0)
        kept = _steady(panel.list.viewport(), own.pictures)
        panel.list.setItemDelegate(_QtsOwnPainting(panel.list))
        assert _picture(panel.list.viewport()) == kept
        panel.list.setItemDelegate(own)


def test_tab_badges_follow_the_findings(make_window, sample):
    window = make_window(sample)
    page = window.page_for_table("三")
    window.tabs.setCurrentWidget(page)
    i = window.tabs.indexOf(page)
    errors = window.tab_error_count(i)
    icon = window.tabs.tabIcon(i).cacheKey()
    model = page.model
    assert model.setData(model.index_of(key3("2021", "（一）", "商业企业")), "999")
    more = window.tab_error_count(i)
    assert more > errors
    assert window.tabs.tabIcon(i).cacheKey() != icon    # the badge's number was drawn anew
    icon = window.tabs.tabIcon(i).cacheKey()
    assert model.setData(model.index_of(key3("2021", "（一）", "商业企业")), "998")   # as many errors
    assert window.tab_error_count(i) == more
    assert window.tabs.tabIcon(i).cacheKey() == icon    # same badge: not set again
    window.session.undo_stack.undo()
    window.session.undo_stack.undo()
    assert window.tab_error_count(i) == errors
    assert window.tabs.tabIcon(i).cacheKey() != icon


def test_last_years_figures_drawn_from_kept_pictures_follow_an_edit(qtbot, make_window, sample_loaded):
    window = make_window(sample_loaded.report, sample_loaded.previous)
    qtbot.waitUntil(lambda: all(p.built for p in window.pages))
    page = window.page_for_table("三")
    window.tabs.setCurrentWidget(page)
    window.previous_action.trigger()
    grid, model = page.grid, page.model
    delegate = grid.itemDelegate()
    assert isinstance(delegate, PriorDelegate)
    before = _steady(grid, delegate.pictures)
    assert len(delegate.pictures) > 50
    key = key3("2021", "一、", "自然人")
    assert model.setData(model.index_of(key), "300")   # this year's figure and the change under it
    kept = _steady(grid, delegate.pictures)
    assert kept != before
    grid.forget_pictures()
    assert _picture(grid) == kept
    grid.setItemDelegate(_PriorPaintedDirectly(grid, window.year_view()))
    assert _picture(grid) == kept     # as PriorDelegate paints without pictures
    grid.setItemDelegate(delegate)


class _PriorPaintedDirectly(PriorDelegate):
    def paint(self, painter, option, index) -> None:
        if self._prior_at(index) is None:
            QStyledItemDelegate.paint(self, painter, option, index)
        else:
            self._paint_with_prior(painter, option, index)


def shown_findings_list(qtbot, height: int, texts: list[str]):
    """A findings list as the panel makes it (wrapped, its delegate), 320 px wide, holding ``texts``, shown."""
    from PySide6.QtWidgets import QListWidget

    shown = QListWidget()
    shown.setWordWrap(True)
    shown.setItemDelegate(WrappingDelegate(shown))
    qtbot.addWidget(shown)
    shown.resize(320, height)
    shown.addItems(texts)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_findings_list_paints_directly_only_the_texts_new_to_it(qtbot, monkeypatch):
    """Each edit lists a few findings anew (their figures moved); those still listed are drawn
    from their pictures however many texts came and went before."""
    from PySide6.QtWidgets import QApplication

    from govreport_gui.qt.findings_panel import PICTURES_KEPT

    shown = shown_findings_list(qtbot, 300, ["【提示】表三有6个空白单元格，空白按0计。", "【错误】表三“总计”列：相差0"])
    direct = []
    painted = QStyledItemDelegate.paint
    monkeypatch.setattr(QStyledItemDelegate, "paint",
                        lambda self, p, o, i: (direct.append(i.data()), painted(self, p, o, i)))
    for n in range(1, 2 * PICTURES_KEPT):
        shown.item(1).setText(f"【错误】表三“总计”列：相差{n}")
        direct.clear()
        QApplication.processEvents()   # laid out, painted
        shown.viewport().repaint()     # (the second time a text is painted, its picture is made)
        shown.viewport().repaint()
        assert direct == [f"【错误】表三“总计”列：相差{n}"] * 2 or n == 1, (n, direct)


def test_findings_list_keeps_a_picture_for_each_width_of_its_items(qtbot, monkeypatch):
    """A finding more or less brings the list's scroll bar and takes it away, and every item is
    as much narrower or wider: the pictures of both widths are kept, not painted afresh each time."""
    from PySide6.QtWidgets import QApplication

    texts = [f"【错误】表三第{n}列：一(100)+二(7)=107，（七）总计(186)+四(7)=193，相差86" for n in range(4)]
    shown = shown_findings_list(qtbot, 130, texts[:3])
    direct = []
    painted = QStyledItemDelegate.paint
    monkeypatch.setattr(QStyledItemDelegate, "paint",
                        lambda self, p, o, i: (direct.append(i.data()), painted(self, p, o, i)))
    widths = set()
    for n in range(6):
        if n % 2:
            shown.takeItem(3)
        else:
            shown.addItem(texts[3])
        QApplication.processEvents()
        widths.add(shown.viewport().width())
        direct.clear()
        shown.viewport().repaint()
        shown.viewport().repaint()
        if n >= 2:   # each width seen twice: drawn from pictures
            assert direct == [], (n, direct)
    assert len(widths) == 2   # (the scroll bar came and went)


def test_findings_panel_keeps_pictures_of_listed_findings_only(make_window, sample):
    window = make_window(sample)
    panel = window.findings
    model = window.page_for_table("三").model
    delegate = panel.list.itemDelegate()
    key = key3("2021", "（一）", "商业企业")
    for value in range(900, 912):   # each edit lists findings quoting the new figure
        assert model.setData(model.index_of(key), str(value))
        panel.list.viewport().grab()
        panel.list.viewport().grab()
    listed = {panel.list.item(i).text() for i in range(panel.list.count())}
    kept = {content for content, _, _ in delegate.pictures._pictures.values()}
    assert kept and kept <= listed


@pytest.mark.parametrize("scale", ["1", "1.25", "1.5"])
def test_cells_drawn_from_pictures_on_a_scaled_screen_look_as_painted_directly(scale):
    """On 125 % and 150 % screens a cell's edges and digits fall between device pixels: its picture
    is kept in device pixels and drawn where the view paints it — the same pixels as painting it
    directly, after an edit and scrolled by a fraction of a pixel too (run under QT_SCALE_FACTOR)."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale)
    child = Path(__file__).with_name("scaled_pictures.py")
    done = subprocess.run([sys.executable, str(child)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["failed"] == []
    assert shown["pictures"] > 50 and shown["direct"] <= 2, shown   # (drawn from the pictures)
