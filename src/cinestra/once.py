"""One instance per process, made on first use: the shared models and matchers.

Loading a model at import would slow every command that never uses it, and two threads
asking at once (a server's workers) must not load it twice.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def process_wide(factory: Callable[[], T]) -> Callable[[], T]:
    """`factory` called once, on the first call of the returned function; thread-safe."""
    lock = threading.Lock()
    made: list[T] = []

    @functools.wraps(factory)
    def instance() -> T:
        with lock:
            if not made:
                made.append(factory())
            return made[0]

    return instance
