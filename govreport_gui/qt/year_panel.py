"""The 同比图 under table 三 or 四: this year beside last year, drawn from ``core.year_charts``.

Built the first time it is shown (``year_view.ChartToggle``); follows the document while visible,
and catches up when shown again.  导出图片 writes the charts side by side in one PNG for a slide;
a chart's context menu writes that chart alone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from ..core.year_charts import BarChart, table_charts
from ..core.year_compare import comparison_caveat
from . import dialogs
from .bar_chart import BarChartView, render_charts
from .commands import Session
from .grey_text import grey
from .work_folders import PICTURE

PANEL_HEIGHT = 300
PNG_FILTER = "PNG 图片 (*.png)"


class YearChartPanel(QWidget):
    def __init__(self, session: Session, table_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.table_id = session, table_id
        self._stale = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        grey(self.caption)
        self.export_button = QPushButton("导出图片（PNG）…")
        self.export_button.setToolTip("把本页的同比图存为一张 PNG 图片（可放入幻灯片）；右键单击某张图可只导出该图")
        self.export_button.clicked.connect(lambda: self.export_png())
        self.export_button.setAutoDefault(True)   # Enter presses it when focused, as in a dialog
        top.addWidget(self.caption, 1)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        self.row = QHBoxLayout()
        layout.addLayout(self.row)
        self.views: list[BarChartView] = []
        self.setFixedHeight(PANEL_HEIGHT)
        session.changed.connect(self._on_change)
        self.refresh()

    @property
    def charts(self) -> list[BarChart]:
        return [v.chart for v in self.views if v.chart is not None]

    def refresh(self) -> None:
        document = self.session.document
        charts = table_charts(document.report, document.previous, self.table_id)
        while len(self.views) < len(charts):
            view = BarChartView()
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda pos, v=view: self._chart_menu(v, pos))
            self.views.append(view)
            self.row.addWidget(view)
        for view, chart in zip(self.views, charts):
            view.set_chart(chart)
        self.caption.setText(self._caption())
        self._stale = False

    def _caption(self) -> str:
        document = self.session.document
        if document.previous is None:
            return "尚未载入上年报告，只显示本年数字。用“文件→导入上一年度…”载入上年的报告后，即可与上年比较。"
        caveat = comparison_caveat(document.report, document.previous)
        text = "蓝色为本年，灰色为上年；鼠标停留在柱上可查看数字。"
        return text + (f"注意：{caveat}。" if caveat else "")

    def _on_change(self, _change) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - a Qt override
        if self._stale:
            self.refresh()
        super().showEvent(event)

    # -- pictures -------------------------------------------------------------------------------

    def export_png(self, path: str | None = None, views: list[BarChartView] | None = None) -> bool:
        """Ask where (unless ``path``) and write the picture; says so on failure."""
        if path is None:
            path = dialogs.save_file(self, "导出同比图", PNG_FILTER, self._suggested_name(views), kind=PICTURE)
            if not path:
                return False
        if not path.lower().endswith(".png"):
            path += ".png"
        if not render_charts(views or self.views).save(path, "PNG"):
            dialogs.error(self, f"无法保存图片到“{path}”：位置不可写或磁盘已满。请选择其他位置。")
            return False
        return True

    def _suggested_name(self, views: list[BarChartView] | None) -> str:
        report = self.session.report
        section = next((s.heading for s in report.form.sections if s.table == self.table_id), "")
        which = views[0].chart.title if views and views[0].chart is not None else section
        year = f"{report.meta.year}年度" if report.meta.year else ""
        return f"{report.meta.agency}{year}同比图-{which}.png"

    def _chart_menu(self, view: BarChartView, pos) -> None:
        menu = QMenu(self)
        menu.addAction("将此图导出为 PNG 图片…", lambda: self.export_png(views=[view]))
        menu.exec(view.mapToGlobal(pos))
