"""The guard keeps the singletons alive through many edits (PySide6 drops references to None)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from govreport_gui.qt import refcount_guard


@pytest.mark.skipif(not refcount_guard.needed(), reason="None is immortal on this Python")
def test_many_edits_do_not_kill_none():
    # in a fresh interpreter: without the guard this aborts with "deallocating None"
    script = textwrap.dedent("""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from govreport_gui.qt.app import ensure_app
        from PySide6.QtWidgets import QLineEdit
        app = ensure_app()
        edit = QLineEdit()
        start = sys.getrefcount(None)
        for i in range(200_000):
            edit.setText("x")
        print("alive", start - sys.getrefcount(None))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.startswith("alive")


def test_top_up_is_idempotent():
    before = sys.getrefcount(None)
    refcount_guard.top_up()
    refcount_guard.top_up()
    assert abs(sys.getrefcount(None) - before) < refcount_guard.RESERVE // 2
