"""Process-wide instances: made once, on first use, even when threads ask together."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from cinestra.once import process_wide


def test_made_once_on_first_use_across_threads() -> None:
    made: list[object] = []
    gate = threading.Event()

    @process_wide
    def model() -> object:
        gate.wait()  # every thread is inside before the first one finishes
        time.sleep(0.01)
        made.append(object())
        return made[-1]

    assert made == []  # nothing at decoration time
    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(model) for _ in range(8)]
        gate.set()
        results = [future.result() for future in futures]
    assert len(made) == 1
    assert all(result is made[0] for result in results)
    assert model() is made[0]
