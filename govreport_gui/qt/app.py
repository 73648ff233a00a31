"""Start the editor (placeholder until the editor lands)."""

from __future__ import annotations

import sys


def run(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("年报编制助手")
    window.setCentralWidget(QLabel("年报编制助手"))
    window.show()
    return app.exec()
