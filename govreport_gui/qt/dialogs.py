"""Every dialog the editor shows goes through this module.

The rest of the editor calls the functions below (``dialogs.error(parent, text)``, …); they forward
to one implementation object.  Tests install a fake with ``set_implementation`` so no modal dialog
ever blocks a test run; the fake records what was shown and answers from a script.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QSpinBox, QVBoxLayout,
                               QWidget)

APP_TITLE = "年报编制助手"


@dataclass(frozen=True)
class NewReportAnswer:
    agency: str
    year: int
    version: str


class QtDialogs:
    """The real dialogs (modal message boxes and file choosers)."""

    def info(self, parent: QWidget | None, text: str, details: str = "") -> None:
        self._box(parent, QMessageBox.Icon.Information, text, details)

    def warning(self, parent: QWidget | None, text: str, details: str = "") -> None:
        self._box(parent, QMessageBox.Icon.Warning, text, details)

    def error(self, parent: QWidget | None, text: str, details: str = "") -> None:
        self._box(parent, QMessageBox.Icon.Critical, text, details)

    def _box(self, parent, icon, text: str, details: str) -> None:
        box = QMessageBox(icon, APP_TITLE, text, QMessageBox.StandardButton.Ok, parent)
        if details:
            box.setDetailedText(details)
        box.exec()

    def notes(self, parent: QWidget | None, title: str, intro: str, notes: list[str]) -> None:
        """A list of things a reader/writer interpreted or could not place, to read at leisure."""
        dialog = QDialog(parent)
        dialog.setWindowTitle(title)
        layout = QVBoxLayout(dialog)
        label = QLabel(intro)
        label.setWordWrap(True)
        layout.addWidget(label)
        text = QPlainTextEdit("\n".join(f"• {n}" for n in notes))
        text.setReadOnly(True)
        text.setMinimumSize(560, 260)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(dialog.accept)
        layout.addWidget(buttons)
        dialog.exec()

    def ask_yes_no(self, parent: QWidget | None, text: str, yes: str = "是", no: str = "否") -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, APP_TITLE, text, QMessageBox.StandardButton.NoButton, parent)
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
        box.addButton(no, QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(yes_button)
        box.exec()
        return box.clickedButton() is yes_button

    def ask_save_changes(self, parent: QWidget | None, text: str) -> str:
        """"save", "discard" or "cancel"."""
        box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, text, QMessageBox.StandardButton.NoButton, parent)
        save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "discard" if clicked is discard else "cancel"

    def open_file(self, parent: QWidget | None, title: str, filters: str, folder: str = "") -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
        return path or None

    def save_file(self, parent: QWidget | None, title: str, filters: str, suggested: str = "") -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return path or None

    def new_report(self, parent: QWidget | None, default_year: int, agency: str = "") -> NewReportAnswer | None:
        dialog = NewReportDialog(parent, default_year, agency)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.answer()


class NewReportDialog(QDialog):
    """新建报告: agency, year and format version; the version follows the year until chosen."""

    def __init__(self, parent: QWidget | None, default_year: int, agency: str = "") -> None:
        from ..core.forms import FORMS, form_for_year
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
        for f in sorted(FORMS.values(), key=lambda f: f.first_year):
            self.version.addItem(f"{f.version}版（{f.basis}）", f.version)
        self._version_chosen = False
        self._follow_year()
        self.year.valueChanged.connect(self._follow_year)
        self.version.activated.connect(self._chosen)
        form.addRow("机关名称：", self.agency)
        form.addRow("报告年度：", self.year)
        form.addRow("格式版本：", self.version)
        layout.addLayout(form)
        hint = QLabel("格式版本默认随年度选择：2019、2020 年度用 2019 版，2021 年度起用 2021 版。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
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


_impl: object = QtDialogs()


def set_implementation(impl: object) -> object:
    """Install another implementation (a test fake); returns the previous one."""
    global _impl
    previous, _impl = _impl, impl
    return previous


def info(parent, text: str, details: str = "") -> None:
    _impl.info(parent, text, details)


def warning(parent, text: str, details: str = "") -> None:
    _impl.warning(parent, text, details)


def error(parent, text: str, details: str = "") -> None:
    _impl.error(parent, text, details)


def notes(parent, title: str, intro: str, items: list[str]) -> None:
    _impl.notes(parent, title, intro, items)


def ask_yes_no(parent, text: str, yes: str = "是", no: str = "否") -> bool:
    return _impl.ask_yes_no(parent, text, yes, no)


def ask_save_changes(parent, text: str) -> str:
    return _impl.ask_save_changes(parent, text)


def open_file(parent, title: str, filters: str, folder: str = "") -> str | None:
    return _impl.open_file(parent, title, filters, folder)


def save_file(parent, title: str, filters: str, suggested: str = "") -> str | None:
    return _impl.save_file(parent, title, filters, suggested)


def new_report(parent, default_year: int, agency: str = "") -> NewReportAnswer | None:
    return _impl.new_report(parent, default_year, agency)
