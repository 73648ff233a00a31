"""``LazyPattern``: a regular expression compiled when it is first used (start-up time).

Compiling a pattern costs from a few hundred thousand to four million instructions (a class of
Chinese characters is the dearest); a module's patterns compiled at its import are paid by every
start of the editor, even those its first paint never uses.  ``LazyPattern(source, flags)`` is
used as the compiled pattern is (``.match``, ``.search``, ``.sub``, ``.pattern`` …): the first use
compiles it, and the method or attribute asked for is then kept on the object, so later uses cost
what the compiled pattern's do.  Two threads using it first at once compile it twice, harmlessly.
"""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags = source, flags

    def compiled(self) -> re.Pattern[str]:
        pattern = self.__dict__.get("_compiled")
        if pattern is None:
            pattern = self._compiled = re.compile(self._source, self._flags)
        return pattern

    def __getattr__(self, name: str) -> Any:   # only what is not kept yet: the first use of each method
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(self.compiled(), name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"LazyPattern({self._source!r})"
