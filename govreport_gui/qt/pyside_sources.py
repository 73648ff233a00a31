"""PySide's look at each imported module's source, made cheap and without keeping the source.

Once PySide6 is imported, its import hook asks of every module imported after it whether the
module's source says "PySide6" (for its ``from __feature__ import …`` switches).  It reads the
source with ``inspect.getsource``: the file decoded and split into lines, through ``linecache``,
which then keeps every line of every such module for the rest of the session (about 0.5 MB with a
report open).  For the fifteen modules it asks about before the editor's first paint that took
about 2 ms of CPU; asked of the bytes, 0.6 ms.

``light_source_check`` puts in PySide's place the same question asked of the file's bytes: a
module with a ``.py`` file is read as bytes and searched for ``b"PySide6"`` (the same answer for
a source in UTF-8, Python's own, or any encoding that writes ASCII as ASCII), nothing kept.  Any
other module (built in, compiled only, frozen in the built package, or a file that cannot be read)
is asked of PySide's own check, and what that read into ``linecache`` is dropped at once.  What
PySide's check had read before it was replaced (``enum.py``, 0.2 MB, as PySide itself is imported)
goes then.  Nothing is done where PySide has no such check.
"""

from __future__ import annotations

import linecache
import sys

FEATURE_MODULE = "shibokensupport.feature"   # where PySide 6 keeps the check (``_mod_uses_pyside``)


def light_source_check() -> None:
    feature = sys.modules.get(FEATURE_MODULE)
    check = getattr(feature, "_mod_uses_pyside", None)
    if check is None or getattr(check, "light", False):
        return

    def uses_pyside(module, *args):
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return _without_keeping_sources(check, module, *args)

    uses_pyside.light = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]
    linecache.clearcache()   # … and what it read before now (``enum.py``, imported by PySide's own: 0.2 MB)


def _without_keeping_sources(check, *args):
    cached = set(linecache.cache)
    try:
        return check(*args)
    finally:
        for name in linecache.cache.keys() - cached:
            linecache.cache.pop(name, None)
