"""PySide's look at each imported module's source, without keeping the source.

Once PySide6 is imported, its import hook asks of every module imported after it whether the
module's source says "PySide6" (for its ``from __feature__ import …`` switches), and reads the
source with ``inspect.getsource``: ``linecache`` then keeps every line of every such module for
the rest of the session — about 0.5 MB with a report open (the editor's own modules, imported
lazily after PySide), and more as later imports come.  ``drop_read_sources`` wraps PySide's
check so that what it read into the cache is dropped at once; its answer is the same.  The
source is read again should a traceback need it.  Nothing is done where PySide has no such check.
"""

from __future__ import annotations

import linecache
import sys

FEATURE_MODULE = "shibokensupport.feature"   # where PySide 6 keeps the check (``_mod_uses_pyside``)


def drop_read_sources() -> None:
    feature = sys.modules.get(FEATURE_MODULE)
    check = getattr(feature, "_mod_uses_pyside", None)
    if check is None or getattr(check, "drops_sources", False):
        return

    def uses_pyside(*args):
        cached = set(linecache.cache)
        try:
            return check(*args)
        finally:
            for name in linecache.cache.keys() - cached:
                linecache.cache.pop(name, None)

    uses_pyside.drops_sources = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]
