"""Last year beside this year in the editor: 视图→显示上年数 over the grids, and the 同比图 toggle
under the tables that have charts (三, 四).

The window hands each table page to ``YearView.attach`` when the page is built.  With 显示上年数 on,
the page's grid paints through ``previous_figures.PriorDelegate`` (last year's figure and the change
in small grey text under each figure, rows made taller for it); off, it keeps its plain delegate,
whose painting stays in C++.  Last year's figures come from ``core.year_compare`` and are
recomputed only when last year's report or the format version changes.  Both settings are
remembered (``preferences``).  Nothing here reaches printing or exports: they are written from the
report, never from the screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QToolButton, QVBoxLayout, QWidget

from .. import preferences
from ..core.document import Change
from ..core.forms import CellKey, FormSpec
from ..core.report import Report
from ..core.year_charts import has_charts, year_name
from ..core.year_compare import Prior, comparison_caveat, prior_figures
from .commands import Session

NO_PREVIOUS = "尚未载入上年报告，无法显示上年数。请用“文件→导入上一年度…”载入上年的报告。"


class YearView(QObject):
    def __init__(self, session: Session, action, message: Callable[[str], None]) -> None:
        super().__init__(action.parent())
        self.session = session
        self.action = action
        self.message = message
        self.pages: list = []
        self._plain: dict = {}          # grid → its own delegate, while the other one paints
        self._priors: tuple[Report | None, FormSpec | None, dict[CellKey, Prior]] = (None, None, {})
        self.charts: list[ChartToggle] = []
        self._charts_shown = preferences.flag(preferences.SHOW_YEAR_CHARTS)
        action.blockSignals(True)
        action.setChecked(preferences.flag(preferences.SHOW_PREVIOUS))
        action.blockSignals(False)
        session.changed.connect(self._on_change)

    @property
    def shown(self) -> bool:
        return self.action.isChecked()

    def attach(self, page) -> None:
        """A table page was built: paint its grid as the setting says; give it its 同比图 toggle."""
        self.pages.append(page)
        if self.shown:
            self._show_on(page.grid)
        if has_charts(self.session.report.form, page.table_id):
            toggle = ChartToggle(self.session, page.table_id, self._charts_shown)
            toggle.button.toggled.connect(self._show_charts)
            self.charts.append(toggle)
            page.add_below_table(toggle)

    def _show_charts(self, shown: bool) -> None:
        """The 同比图 of every table shown or folded together, and remembered."""
        if shown == self._charts_shown:
            return
        self._charts_shown = shown
        preferences.set_flag(preferences.SHOW_YEAR_CHARTS, shown)
        for toggle in self.charts:
            toggle.button.setChecked(shown)

    def set_shown(self, shown: bool) -> None:
        preferences.set_flag(preferences.SHOW_PREVIOUS, shown)
        for page in self.pages:
            if shown:
                self._show_on(page.grid)
            else:
                self._hide_on(page.grid)
        if shown:
            previous = self.session.document.previous
            caveat = comparison_caveat(self.session.report, previous) if previous is not None else ""
            self.message(NO_PREVIOUS if previous is None else "已显示上年数（灰色小字：上年数字和增减）。"
                         + (caveat + "。" if caveat else ""))

    # -- last year's figures --------------------------------------------------------------------

    def prior(self, key: CellKey) -> Prior | None:
        """Last year's figure for ``key`` (None: no report of last year loaded)."""
        previous, form = self.session.document.previous, self.session.report.form
        if previous is None:
            return None
        cached_previous, cached_form, priors = self._priors
        if cached_previous is not previous or cached_form is not form:
            priors = prior_figures(form, previous)
            self._priors = (previous, form, priors)
        return priors.get(key)

    def last_name(self) -> str:
        previous = self.session.document.previous
        return year_name(previous, "上年") if previous is not None else "上年"

    def value(self, key: CellKey):
        return self.session.document.value(key)

    def kind(self, key: CellKey):
        return self.session.report.form.cell(key).kind

    def _on_change(self, change: Change) -> None:
        if change.everything and self.shown:   # last year's report or the version may have changed
            for page in self.pages:
                page.grid.viewport().update()

    # -- the grids ------------------------------------------------------------------------------

    def _show_on(self, grid) -> None:
        if grid in self._plain:
            return
        from .previous_figures import PriorDelegate, value_room
        _close_editor(grid)
        self._plain[grid] = grid.itemDelegate()
        grid.setItemDelegate(PriorDelegate(grid, self))
        grid.set_value_room(value_room(grid))

    def _hide_on(self, grid) -> None:
        plain = self._plain.pop(grid, None)
        if plain is None:
            return
        _close_editor(grid)
        shown = grid.itemDelegate()
        grid.setItemDelegate(plain)
        shown.deleteLater()
        grid.set_value_room(0)


def _close_editor(grid) -> None:
    """Store what is being typed in the grid before its delegate changes."""
    editor = grid.indexWidget(grid.currentIndex())
    if editor is not None:
        from PySide6.QtWidgets import QAbstractItemDelegate
        grid.commitData(editor)
        grid.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


class ChartToggle(QWidget):
    """同比图 under a table: a toggle, and the charts built the first time they are shown."""

    def __init__(self, session: Session, table_id: str, shown: bool) -> None:
        super().__init__()
        self.session, self.table_id = session, table_id
        self.panel: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.button = QToolButton()
        self.button.setText("同比图（本年与上年比较）")
        self.button.setCheckable(True)
        self.button.setAutoRaise(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setArrowType(Qt.ArrowType.RightArrow)
        layout.addWidget(self.button)
        self.button.setChecked(shown)
        self.button.toggled.connect(lambda _shown: self._follow())

    def showEvent(self, event) -> None:  # noqa: N802 - a Qt override
        super().showEvent(event)
        self._follow()

    def _follow(self) -> None:
        shown = self.button.isChecked()
        self.button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        if shown and self.panel is None and self.isVisible():
            from .year_panel import YearChartPanel
            self.panel = YearChartPanel(self.session, self.table_id)
            self.layout().addWidget(self.panel)
        if self.panel is not None:
            self.panel.setVisible(shown)
