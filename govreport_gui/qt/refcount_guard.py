"""Keep ``None``, ``True`` and ``False`` alive under a PySide6 reference-count bug on Python 3.11.

PySide6 6.12 (an ``abi3`` wheel) returns ``None`` from every C++ method without a result (e.g.
``QLineEdit.setText``, ``QTabWidget.setTabToolTip``) and from ``QModelIndex.data()`` without
taking a reference, as if ``None`` were immortal — which it is only from Python 3.12 on (PEP 683).
On Python 3.11 each such call lowers ``None``'s reference count by one; after a few thousand
edits it reaches zero and the interpreter aborts ("none_dealloc: deallocating None") — the
editor would crash in a clerk's hands.  (Measured: about 70 lost references per cell edit.)

The guard raises the reference counts of these singletons by a large reserve once, and a timer
tops the reserve up should it ever run low.  Nothing is done on Python 3.12+ (immortal objects),
so this module can go once the project requires 3.12 or PySide6 is fixed.  pyproject.toml keeps
Python 3.11 installs on PySide6 < 6.12 (6.11 does not leak); the guard stays for a build or an
install that ends up with 6.12 anyway.
"""

from __future__ import annotations

import sys

RESERVE = 1 << 40          # references added to each singleton (never reached by decrements)
LOW_WATER = 1 << 39
CHECK_EVERY_MS = 60_000
FIRST_TOP_UP_MS = 2_000
_SINGLETONS = (None, True, False)
_timer = None


def needed() -> bool:
    return sys.version_info < (3, 12) and sys.implementation.name == "cpython"


def known_to_leak() -> bool:
    """PySide6 6.12 and later (measured on 6.12.0; 6.11 does not leak)."""
    import PySide6
    try:
        return tuple(int(p) for p in PySide6.__version__.split(".")[:2]) >= (6, 12)
    except ValueError:
        return True


def top_up() -> None:
    """Add the reserve to each singleton whose count is below the low-water mark."""
    if not needed():
        return
    import ctypes  # only here: the start-up path pays for it once
    for obj in _SINGLETONS:
        if sys.getrefcount(obj) < LOW_WATER:
            # ob_refcnt is the first field of every CPython object (Py_ssize_t)
            ctypes.c_ssize_t.from_address(id(obj)).value += RESERVE


def install(app) -> None:
    """Top up now and check periodically while ``app`` runs."""
    global _timer
    if not needed():
        return
    if _timer is None:
        from PySide6.QtCore import QTimer
        if known_to_leak():
            top_up()
        else:  # a safety net only: the first top-up can wait until the window is up (start-up time)
            QTimer.singleShot(FIRST_TOP_UP_MS, top_up)
        _timer = QTimer(app)
        _timer.setInterval(CHECK_EVERY_MS)
        _timer.timeout.connect(top_up)
        _timer.start()
