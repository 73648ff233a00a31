"""``OnDemand``: a mapping whose values are made when first asked for (start-up time).

The editor opens a report of one format version: the declarations of the others (and how the
versions correspond) are built only when a report, a conversion or a 汇总 needs them.  The keys
are known at once; ``mapping[key]`` makes the value the first time (once, under a lock: the 汇总
reads in a thread) and keeps it, so a declaration is always the same object.  Setting and deleting
work as on a ``dict`` (tests put a variant in place).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, MutableMapping
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class _Later(Generic[V]):
    __slots__ = ("make",)

    def __init__(self, make: Callable[[], V]) -> None:
        self.make = make


class OnDemand(MutableMapping[K, V]):
    def __init__(self, makers: dict[K, Callable[[], V]]) -> None:
        self._items: dict[K, V | _Later[V]] = {key: _Later(make) for key, make in makers.items()}
        self._lock = threading.RLock()

    def __getitem__(self, key: K) -> V:
        item = self._items[key]
        if isinstance(item, _Later):
            with self._lock:
                item = self._items[key]
                if isinstance(item, _Later):
                    item = self._items[key] = item.make()
        return item

    def is_made(self, key: K) -> bool:
        """Whether the value of ``key`` has been made (asked for) already."""
        return not isinstance(self._items[key], _Later)

    def __setitem__(self, key: K, value: V) -> None:
        self._items[key] = value

    def __delitem__(self, key: K) -> None:
        del self._items[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items
