"""No cyclic garbage collection while the editor starts, until its window's first paint.

Starting, the editor makes tens of thousands of objects that live for the session (its modules'
functions and classes, the format's declarations, the widgets' wrappers) and almost no garbage.
Python's collector, run every 700 new objects, walked them over and over: some sixty collections
before the first paint, about 12 ms of CPU (a minimal window's start spends about 6 ms so).  The
collector is paused when the application is made (``ensure_app``) and resumes after the window's
first paint (``MainWindow._first_check``), or at the latest ``LATEST_MS`` after the event loop
starts, should no window be painted.  What the start made then joins the oldest generation at
once, where it is looked at only by the rare full collections (the few hundred objects of the
start's cycles are freed at the next one).  A collector paused by someone else is left paused.
"""

from __future__ import annotations

import gc

LATEST_MS = 3000
_paused = False


def pause() -> None:
    """Pause the collector (if it runs) until ``resume``, or ``LATEST_MS`` into the event loop."""
    global _paused
    if _paused or not gc.isenabled():
        return
    from PySide6.QtCore import QTimer

    gc.disable()
    _paused = True
    QTimer.singleShot(LATEST_MS, resume)


def resume() -> None:
    """Let the collector run again, if ``pause`` paused it; what the start made is counted old
    (``freeze`` then ``unfreeze`` moves every object into the oldest generation, without looking
    at them), so that the next collections do not walk it again as new."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.unfreeze()
        gc.enable()
