"""Every dialog the editor shows goes through this module.

The rest of the editor calls the functions below (``dialogs.error(parent, text)``, …); they forward
to one implementation object.  Tests install a fake with ``set_implementation`` so no modal dialog
ever blocks a test run; the fake records what was shown and answers from a script.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import APP_NAME as APP_TITLE
from . import work_folders
from .dialog_types import Dialogs, NewReportAnswer

if TYPE_CHECKING:  # Qt classes are imported when a dialog is first shown (start-up time)
    from PySide6.QtWidgets import QWidget


__all__ = ["APP_TITLE", "Dialogs", "NewReportAnswer", "QtDialogs", "set_implementation"]


class QtDialogs:
    """The real dialogs (modal message boxes and file choosers)."""

    def info(self, parent: QWidget | None, text: str, details: str = "") -> None:
        self._box(parent, "Information", text, details)

    def warning(self, parent: QWidget | None, text: str, details: str = "") -> None:
        self._box(parent, "Warning", text, details)

    def error(self, parent: QWidget | None, text: str, details: str = "") -> None:
        self._box(parent, "Critical", text, details)

    def _box(self, parent, icon, text: str, details: str) -> None:
        from PySide6.QtWidgets import QMessageBox
        box = QMessageBox(getattr(QMessageBox.Icon, icon), APP_TITLE, text, QMessageBox.StandardButton.Ok, parent)
        if details:
            box.setDetailedText(details)
        box.exec()

    def notes(self, parent: QWidget | None, title: str, intro: str, notes: list[str]) -> None:
        """A list of things a reader/writer interpreted or could not place, to read at leisure."""
        from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout
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
        from PySide6.QtWidgets import QMessageBox
        box = QMessageBox(QMessageBox.Icon.Question, APP_TITLE, text, QMessageBox.StandardButton.NoButton, parent)
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
        box.addButton(no, QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(yes_button)
        box.exec()
        return box.clickedButton() is yes_button

    def ask_save_changes(self, parent: QWidget | None, text: str) -> str:
        """"save", "discard" or "cancel"."""
        from PySide6.QtWidgets import QMessageBox
        box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, text, QMessageBox.StandardButton.NoButton, parent)
        save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "discard" if clicked is discard else "cancel"

    # The file choosers: Qt's dialog where the desktop has none, with sizes, dates and kinds in
    # Chinese form (file_dialog); a native one where there is one.

    def open_file(self, parent: QWidget | None, title: str, filters: str, folder: str = "") -> str | None:
        from .file_dialog import choose, make_file_dialog
        dialog = make_file_dialog(parent, title, folder, filters)
        dialog.setFileMode(dialog.FileMode.ExistingFile)
        paths = choose(dialog)
        return paths[0] if paths else None

    def save_file(self, parent: QWidget | None, title: str, filters: str, suggested: str = "") -> str | None:
        from .file_dialog import choose, make_file_dialog
        dialog = make_file_dialog(parent, title, suggested, filters)
        dialog.setAcceptMode(dialog.AcceptMode.AcceptSave)
        dialog.setFileMode(dialog.FileMode.AnyFile)
        paths = choose(dialog)
        return paths[0] if paths else None

    def open_files(self, parent: QWidget | None, title: str, filters: str, folder: str = "") -> list[str]:
        from .file_dialog import choose, make_file_dialog
        dialog = make_file_dialog(parent, title, folder, filters)
        dialog.setFileMode(dialog.FileMode.ExistingFiles)
        return choose(dialog)

    def choose_folder(self, parent: QWidget | None, title: str, folder: str = "") -> str | None:
        from .file_dialog import choose, make_file_dialog
        dialog = make_file_dialog(parent, title, folder, "")
        dialog.setFileMode(dialog.FileMode.Directory)
        dialog.setOption(dialog.Option.ShowDirsOnly, True)
        paths = choose(dialog)
        return paths[0] if paths else None

    def busy(self, parent: QWidget | None, text: str, work):
        """Run ``work(cancelled)`` in a worker thread behind a modal “please wait” dialog with 取消;
        the window keeps repainting.  Returns what ``work`` returns, raises what it raises."""
        from .busy import run_busy
        return run_busy(parent, text, work)

    def new_report(self, parent: QWidget | None, default_year: int, agency: str = "") -> NewReportAnswer | None:
        from PySide6.QtWidgets import QDialog

        from .new_report_dialog import NewReportDialog
        dialog = NewReportDialog(parent, default_year, agency)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.answer()


    def confirm_import(self, parent: QWidget | None, result, path) -> bool:
        """The import preview (figures, printed totals that disagree, notes); True for 导入."""
        from .import_preview_dialog import confirm_import
        return confirm_import(result, path, parent)

    def accept_reason(self, parent: QWidget | None, finding) -> str | None:
        """确认警告: the clerk's reason for accepting a warning, or None."""
        from .accept_warning_dialog import ask_accept_reason
        return ask_accept_reason(parent, finding)

    def ask_text(self, parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
        """One line of text from the clerk (a reason, a name), or None on 取消."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit
        answer, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
        return answer.strip() if ok else None

    def consolidate(self, parent: QWidget | None, agency: str = ""):
        """汇总: the consolidated report of the units the clerk chose, or None."""
        from PySide6.QtWidgets import QDialog

        from .consolidate_dialog import ConsolidateDialog
        dialog = ConsolidateDialog(self, parent, agency)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_report()


    def ledger_preview(self, parent: QWidget | None, sheets, form, year: int, previous=None, remembered=None):
        """The ledger preview; the clerk's assignments of unclear values on 填写, None on 取消."""
        from PySide6.QtWidgets import QDialog

        from .ledger_dialog import LedgerDialog
        dialog = LedgerDialog(sheets, form, year, previous, remembered, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.assignments()


_impl: Dialogs = QtDialogs()


def set_implementation(impl: Dialogs) -> Dialogs:
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


# The file choosers start where the work is and remember the folder of the clerk's answer for
# that kind of file (``work_folders``: REPORT, PREVIOUS, EXPORT …).  ``via``: the implementation
# to ask when the caller holds its own (the 汇总 dialog), else the installed one.

def open_file(parent, title: str, filters: str, *, kind: str, via: Dialogs | None = None) -> str | None:
    chosen = (via or _impl).open_file(parent, title, filters, str(work_folders.start_folder(parent, kind)))
    work_folders.remember(kind, chosen)
    return chosen


def save_file(parent, title: str, filters: str, name: str, *, kind: str, via: Dialogs | None = None) -> str | None:
    """``name``: the suggested file name, offered in the start folder."""
    chosen = (via or _impl).save_file(parent, title, filters, work_folders.start_path(parent, kind, name))
    work_folders.remember(kind, chosen)
    return chosen


def open_files(parent, title: str, filters: str, *, kind: str, via: Dialogs | None = None) -> list[str]:
    chosen = (via or _impl).open_files(parent, title, filters, str(work_folders.start_folder(parent, kind)))
    work_folders.remember(kind, chosen[0] if chosen else None)
    return chosen


def choose_folder(parent, title: str, *, kind: str, via: Dialogs | None = None) -> str | None:
    chosen = (via or _impl).choose_folder(parent, title, str(work_folders.start_folder(parent, kind)))
    work_folders.remember(kind, chosen, is_folder=True)
    return chosen


def busy(parent, text: str, work):
    """``work(cancelled)`` in the background behind a modal dialog with 取消 (see ``QtDialogs.busy``)."""
    return _impl.busy(parent, text, work)


def new_report(parent, default_year: int, agency: str = "") -> NewReportAnswer | None:
    return _impl.new_report(parent, default_year, agency)


def confirm_import(parent, result, path) -> bool:
    return _impl.confirm_import(parent, result, path)


def accept_reason(parent, finding) -> str | None:
    return _impl.accept_reason(parent, finding)


def ask_text(parent, title: str, label: str, text: str = "") -> str | None:
    return _impl.ask_text(parent, title, label, text)


def consolidate(parent, agency: str = ""):
    return _impl.consolidate(parent, agency)


def ledger_preview(parent, sheets, form, year: int, previous=None, remembered=None):
    return _impl.ledger_preview(parent, sheets, form, year, previous, remembered)
