"""The one fake of the editor's dialog layer, for every test that drives the editor."""

from __future__ import annotations


class FakeDialogs:
    """The one test stand-in for ``govreport_gui.qt.dialogs`` (it follows its ``Dialogs`` protocol):
    records every dialog; answers questions from per-kind queues, else the standing answer given
    to the constructor, else a default (yes, 不保存, no file chosen)."""

    def __init__(self, **answers) -> None:
        self.defaults: dict = {}
        self.shown: list[tuple[str, str, str]] = []   # (kind, text, details)
        self.answers: dict[str, list] = {"ask_yes_no": [], "ask_save_changes": [], "open_file": [],
                                          "save_file": [], "open_files": [], "choose_folder": [],
                                          "new_report": [], "confirm_import": [],
                                          "accept_reason": [], "consolidate": [], "ledger_preview": [],
                                          "ask_text": []}
        self.filters: list[tuple[str, str]] = []      # (title, file types) of every file chooser
        self.folders: list[tuple[str, str]] = []      # (title, start folder or suggested path) of each
        self.previews: list = []
        self.asked: list[tuple[str, str]] = []
        for kind, answer in answers.items():   # a standing answer: FakeDialogs(ask_yes_no=True, …)
            self.defaults[kind] = answer

    def _answer(self, kind: str, default):
        queue = self.answers[kind]
        return queue.pop(0) if queue else self.defaults.get(kind, default)

    def info(self, parent, text, details=""):
        self.shown.append(("info", text, details))

    def warning(self, parent, text, details=""):
        self.shown.append(("warning", text, details))

    def error(self, parent, text, details=""):
        self.shown.append(("error", text, details))

    def notes(self, parent, title, intro, notes):
        self.shown.append(("notes", intro, "\n".join(notes)))

    def ask_yes_no(self, parent, text, yes="是", no="否"):
        self.asked.append(("ask_yes_no", text))
        return self._answer("ask_yes_no", True)

    def ask_save_changes(self, parent, text):
        self.asked.append(("ask_save_changes", text))
        return self._answer("ask_save_changes", "discard")

    def open_file(self, parent, title, filters, folder=""):
        self.asked.append(("open_file", title))
        self.filters.append((title, filters))
        self.folders.append((title, folder))
        return self._answer("open_file", None)

    def save_file(self, parent, title, filters, suggested=""):
        self.asked.append(("save_file", title))
        self.filters.append((title, filters))
        self.folders.append((title, suggested))
        return self._answer("save_file", None)

    def open_files(self, parent, title, filters, folder=""):
        self.asked.append(("open_files", title))
        self.filters.append((title, filters))
        self.folders.append((title, folder))
        return self._answer("open_files", [])

    def choose_folder(self, parent, title, folder=""):
        self.asked.append(("choose_folder", title))
        self.folders.append((title, folder))
        return self._answer("choose_folder", None)

    def busy(self, parent, text, work):
        """The real modal dialog: it blocks nothing (the work ends it) and tests drive its 取消."""
        from govreport_gui.qt.dialogs import QtDialogs
        self.asked.append(("busy", text))
        return QtDialogs().busy(parent, text, work)

    def new_report(self, parent, default_year, agency=""):
        self.asked.append(("new_report", str(default_year)))
        return self._answer("new_report", None)

    def confirm_import(self, parent, result, path):
        self.asked.append(("confirm_import", str(path)))
        self.previews.append(result)
        return self._answer("confirm_import", True)

    def accept_reason(self, parent, finding):
        self.asked.append(("accept_reason", finding.message))
        return self._answer("accept_reason", None)

    def ask_text(self, parent, title, label, text=""):
        self.asked.append(("ask_text", label))
        return self._answer("ask_text", text)

    def consolidate(self, parent, agency=""):
        self.asked.append(("consolidate", agency))
        return self._answer("consolidate", None)

    def ledger_preview(self, parent, sheets, form, year, previous=None, remembered=None):
        """Answers from the queue: the clerk's assignments ({} = 填写 as counted), None = 取消; a
        callable answer is called with the real dialog (shown, not executed) and its result returned."""
        self.asked.append(("ledger_preview", str(year)))
        answer = self._answer("ledger_preview", {})
        if callable(answer):
            from govreport_gui.qt.ledger_dialog import LedgerDialog
            dialog = LedgerDialog(sheets, form, year, previous, remembered, parent)
            self.previews.append(dialog)
            return answer(dialog)
        return answer

    def kinds(self) -> list[str]:
        return [k for k, _, _ in self.shown]

    def texts(self, kind: str) -> list[str]:
        return [t + "\n" + d for k, t, d in self.shown if k == kind]
