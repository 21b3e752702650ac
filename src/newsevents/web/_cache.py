"""A small thread-safe LRU cache, bounded by the total cost of its values.

The web app opens the store read-only, and DuckDB lets no process write a file
that another has open, so an answer stays true for as long as the app runs.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRUCache(Generic[K, V]):
    """Keeps the most recently used values while their summed cost stays within
    ``max_cost``; a ``max_cost`` of 0 keeps nothing."""

    def __init__(self, *, max_cost: int, cost: Callable[[V], int] = lambda value: 1) -> None:
        self.max_cost = max_cost
        self._cost = cost
        self._items: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._total = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: K) -> V | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return item[0]

    def put(self, key: K, value: V) -> None:
        cost = self._cost(value)
        if cost > self.max_cost:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._total -= old[1]
            self._items[key] = (value, cost)
            self._total += cost
            while self._total > self.max_cost:
                _, (_, dropped) = self._items.popitem(last=False)
                self._total -= dropped

    def __len__(self) -> int:
        return len(self._items)
