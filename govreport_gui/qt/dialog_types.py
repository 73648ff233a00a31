"""What the dialog layer offers (``Dialogs``) and the plain answers it gives, without Qt: the
editor calls ``qt/dialogs.py``; the real implementation (``dialogs.QtDialogs``) and the one test
fake both follow this protocol, so their signatures cannot drift apart."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from ..core.records import record

T = TypeVar("T")


@record
class NewReportAnswer:
    """What 新建 was answered: the agency, the year and the format version of the report to start."""

    agency: str
    year: int
    version: str


class Dialogs(Protocol):
    """Every dialog the editor shows.  ``parent`` is the window the dialog belongs to (or None)."""

    def info(self, parent: Any, text: str, details: str = "") -> None: ...

    def warning(self, parent: Any, text: str, details: str = "") -> None: ...

    def error(self, parent: Any, text: str, details: str = "") -> None: ...

    def notes(self, parent: Any, title: str, intro: str, notes: list[str]) -> None: ...

    def ask_yes_no(self, parent: Any, text: str, yes: str = "是", no: str = "否") -> bool: ...

    def ask_save_changes(self, parent: Any, text: str) -> str: ...   # "save" / "discard" / "cancel"

    def open_file(self, parent: Any, title: str, filters: str, folder: str = "") -> str | None: ...

    def save_file(self, parent: Any, title: str, filters: str, suggested: str = "") -> str | None: ...

    def open_files(self, parent: Any, title: str, filters: str, folder: str = "") -> list[str]: ...

    def choose_folder(self, parent: Any, title: str, folder: str = "") -> str | None: ...

    def busy(self, parent: Any, text: str, work: Callable[[Callable[[], bool]], T]) -> T: ...

    def new_report(self, parent: Any, default_year: int, agency: str = "") -> NewReportAnswer | None: ...

    def confirm_import(self, parent: Any, result: Any, path: Any) -> bool: ...

    def accept_reason(self, parent: Any, finding: Any) -> str | None: ...

    def ask_text(self, parent: Any, title: str, label: str, text: str = "") -> str | None: ...   # None: 取消

    def consolidate(self, parent: Any, agency: str = "") -> Any: ...

    def ledger_preview(self, parent: Any, sheets: Any, form: Any, year: int, previous: Any = None,
                       remembered: Any = None) -> Any: ...   # the clerk's assignments, or None
