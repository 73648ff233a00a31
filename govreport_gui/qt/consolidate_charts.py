"""图表 of the 汇总 dialog: the units counted, side by side, and their total against last year's.

A window beside the dialog (opened by its 图表… button, built then): the applications each unit
received or its results by group (stacked), sorted by figure, name or as listed, the unit under the
mouse named; under it the units' total against last year's where the units' files carry last year's
report.  Follows the dialog's sum (``set_consolidation``); 导出图片 writes the charts for a slide.
The figures come from ``core.year_charts``.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..core.consolidate import Consolidation, Unit
from ..core.year_charts import MEASURES, SORT_ORDERS, UnitFigures, units_chart, units_total_chart
from . import dialogs
from .bar_chart import BarChartView, render_charts
from .dialog_types import Dialogs
from .screen_fit import resize_to_fit
from .work_folders import PICTURE

PNG_FILTER = "PNG 图片 (*.png)"
NO_PREVIOUS = "各单位报送的文件中没有上年报告（只有项目文件会带上年报告），无法与上年比较。"


def unit_figures(unit: Unit) -> UnitFigures:
    return UnitFigures(unit.agency or unit.name, unit.label(), unit.values_in_target(), unit.previous)


class UnitsChartWindow(QDialog):
    def __init__(self, dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dialogs = dialogs
        self.setWindowTitle("汇总图表")
        resize_to_fit(self, 1000, 720)
        self.consolidation: Consolidation | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_choices())
        self.units_view = BarChartView()
        self.units_view.hovered.connect(self._hovered)
        self.units_view.setMinimumHeight(150)   # both charts and the choices in 910×485 (1366×768 at 150 %)
        layout.addWidget(self.units_view, 3)
        self.pointed = QLabel("将鼠标移到柱上，查看是哪个单位。")
        layout.addWidget(self.pointed)
        self.total_view = BarChartView()
        self.total_view.setMinimumHeight(160)
        layout.addWidget(self.total_view, 2)
        self.total_note = QLabel(NO_PREVIOUS)
        self.total_note.setWordWrap(True)
        layout.addWidget(self.total_note)

    def _build_choices(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel("显示："))
        self.measure = QComboBox()
        for key, name in MEASURES.items():
            self.measure.addItem(name, key)
        row.addWidget(self.measure)
        row.addWidget(QLabel("排序："))
        self.order = QComboBox()
        for key, name in SORT_ORDERS.items():
            self.order.addItem(name, key)
        row.addWidget(self.order)
        row.addStretch(1)
        self.export_button = QPushButton("导出图片（PNG）…")
        row.addWidget(self.export_button)
        self.measure.currentIndexChanged.connect(lambda _i: self.refresh())
        self.order.currentIndexChanged.connect(lambda _i: self.refresh())
        self.export_button.clicked.connect(lambda: self.export_png())
        return row

    def set_consolidation(self, consolidation: Consolidation | None) -> None:
        self.consolidation = consolidation
        self.refresh()

    def refresh(self) -> None:
        c = self.consolidation
        units = [unit_figures(u) for u in c.included] if c is not None else []
        form = c.report.form if c is not None else None
        if form is None or not units:
            self.units_view.set_chart(None)
            self.total_view.set_chart(None)
            return
        self.units_view.set_chart(units_chart(form, units, self.measure.currentData(), self.order.currentData()))
        total = units_total_chart(form, units, c.report.meta.year)
        self.total_view.set_chart(total)
        self.total_view.setVisible(total is not None)
        self.total_note.setText(NO_PREVIOUS if total is None else "")
        self.total_note.setVisible(total is None)

    def _hovered(self, category: int) -> None:
        chart = self.units_view.chart
        if category < 0 or chart is None:
            self.pointed.setText("将鼠标移到柱上，查看是哪个单位。")
            return
        self.pointed.setText(self.units_view.describe(category).replace("\n", "　"))

    def export_png(self, path: str | None = None) -> bool:
        """The units' chart (and the comparison with last year, when shown) in one PNG."""
        if path is None:
            year = self.consolidation.report.meta.year if self.consolidation is not None else 0
            path = dialogs.save_file(self, "导出汇总图表", PNG_FILTER, f"{year or ''}汇总图表.png", kind=PICTURE,
                                     via=self.dialogs)
            if not path:
                return False
        if not path.lower().endswith(".png"):
            path += ".png"
        views = [v for v in (self.units_view, self.total_view) if v.chart is not None]
        size = QSize(1280, 720 if len(views) == 1 else 1200)
        if not views or not render_charts(views, size, vertical=True).save(path, "PNG"):
            self.dialogs.error(self, f"无法保存图片到“{path}”：没有可导出的图表，或位置不可写。")
            return False
        return True

