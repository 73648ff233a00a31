"""The 新建报告 dialog: agency, year and format version (the version follows the year)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from .dialog_types import NewReportAnswer
from .grey_text import grey


class NewReportDialog(QDialog):
    """新建报告: agency, year and format version; the version follows the year until chosen."""

    def __init__(self, parent: QWidget | None, default_year: int, agency: str = "") -> None:
        from ..core.forms import form_for_year, version_hint, versions
        super().__init__(parent)
        self._form_for_year = form_for_year
        self.setWindowTitle("新建年度报告")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.agency = QLineEdit(agency)
        self.agency.setPlaceholderText("例如：某某市某某区人民政府办公室")
        self.agency.setMinimumWidth(360)
        self.year = QSpinBox()
        self.year.setRange(2008, 2100)
        self.year.setValue(default_year)
        self.year.setSuffix(" 年度")
        self.version = QComboBox()
        for f in versions():
            self.version.addItem(f"{f.version}版（{f.basis}）", f.version)
        self._version_chosen = False
        self._follow_year()
        self.year.valueChanged.connect(self._follow_year)
        self.version.activated.connect(self._chosen)
        form.addRow("机关名称：", self.agency)
        form.addRow("报告年度：", self.year)
        form.addRow("格式版本：", self.version)
        layout.addLayout(form)
        hint = QLabel(f"格式版本默认随年度选择：{version_hint()}。")
        hint.setWordWrap(True)
        grey(hint)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("新建")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.agency.setFocus(Qt.FocusReason.OtherFocusReason)

    def _chosen(self) -> None:
        self._version_chosen = True

    def _follow_year(self) -> None:
        if self._version_chosen:
            return
        version = self._form_for_year(self.year.value()).version
        self.version.setCurrentIndex(self.version.findData(version))

    def answer(self) -> NewReportAnswer:
        return NewReportAnswer(self.agency.text().strip(), self.year.value(), self.version.currentData())
