"""A modal “please wait” dialog with 取消, over work that runs in a worker thread (PDF export).

The same pattern as the 汇总 dialog's reading: a ``QObject`` worker moved to a ``QThread`` that
signals when it is done.  The caller waits in a local event loop, so the window keeps repainting
and its timers keep running while the work runs, and gets the work's result (or its exception)
as if it had called the work itself.  取消, Esc and the title bar's close button only *ask* the
work to stop (``cancelled()`` becomes true); the dialog closes when the work has returned, so
whatever the work cleans up on cancel is cleaned up before the caller goes on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from .. import APP_NAME as APP_TITLE

T = TypeVar("T")
CANCELLING = "正在取消…"


class _Worker(QObject):
    """Runs ``work(cancelled)`` once in the thread it was moved to; ``done`` when it returns."""

    done = Signal()

    def __init__(self, work: Callable[[Callable[[], bool]], object], cancelled: Callable[[], bool]) -> None:
        super().__init__()
        self._work = work
        self._cancelled = cancelled
        self.result: object = None
        self.error: BaseException | None = None

    @Slot()
    def run(self) -> None:
        try:
            self.result = self._work(self._cancelled)
        except BaseException as exc:  # noqa: BLE001 - re-raised by the caller in the window's thread
            self.error = exc
        self.done.emit()


class BusyDialog(QDialog):
    """The modal dialog: what is happening, a busy bar and 取消."""

    def __init__(self, parent: QWidget | None, text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_TITLE)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.cancel_event = threading.Event()   # read by the worker thread
        self._finished = False
        layout = QVBoxLayout(self)
        self.label = QLabel(text)
        layout.addWidget(self.label)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # no steps to count: a moving bar
        self.bar.setTextVisible(False)
        self.bar.setMinimumWidth(320)
        layout.addWidget(self.bar)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.request_cancel)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)

    def request_cancel(self) -> None:
        if not self.cancel_event.is_set():
            self.cancel_event.set()
            self.label.setText(CANCELLING)
            self.cancel_button.setEnabled(False)

    def finish(self) -> None:
        """The work has returned: the dialog may close now."""
        self._finished = True
        self.hide()

    def reject(self) -> None:  # Esc
        self.request_cancel()
        if self._finished:
            super().reject()

    def closeEvent(self, event) -> None:  # the title bar's close button
        if self._finished:
            super().closeEvent(event)
        else:
            event.ignore()
            self.request_cancel()


def run_busy(parent: QWidget | None, text: str, work: Callable[[Callable[[], bool]], T]) -> T:
    """Run ``work(cancelled)`` in a worker thread behind a ``BusyDialog``; return its result or
    raise its exception once it has returned.  ``work`` must not touch Qt objects."""
    dialog = BusyDialog(parent, text)
    thread = QThread()
    worker = _Worker(work, dialog.cancel_event.is_set)
    worker.moveToThread(thread)
    loop = QEventLoop()
    thread.started.connect(worker.run)
    worker.done.connect(thread.quit)
    thread.finished.connect(loop.quit)  # queued to this thread: delivered inside loop.exec()
    thread.start()
    dialog.show()
    loop.exec()
    if not thread.isFinished():  # the loop was ended from outside (the application quitting)
        dialog.cancel_event.set()
    thread.wait()
    dialog.finish()
    dialog.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result  # type: ignore[return-value]
