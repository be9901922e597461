"""Load on the API: 50 concurrent clients against a live `cinestra serve` on SQLite.

Starts the server in a subprocess with a fresh data dir and no worker pool (jobs stay
queued: this measures the API, not generation), then times `GET /v1/videos` (a page of 20
from a user's 100 videos) and `POST /v1/videos` (a job row: validation, prompt screening,
quota check, insert), after `GET /openapi.json` as the baseline (the HTTP stack with no
database), back to back; then the list again with each client polling once a second, as
the openai client does. Prints one row per load: requests, errors, requests/s, p50 and
p99 latency, p99 as a ratio of the baseline, and what any error was. Client and server
share this machine's cores.

    .venv/bin/python -m bench.api_load [--clients 50] [--requests 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

from cinestra.config import Settings
from cinestra.server.accounts import add_user, issue_api_key
from cinestra.server.db.session import open_database

PROMPT = "a red ball bouncing on a wet floor"
FAILURES: Counter[str] = Counter()  # what each error was, printed after the table
POLL_EVERY_S = 1.0  # how often the openai client's poll helper asks (openai-poll-after-ms)


def start_server(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, CINESTRA_DATA_DIR=str(data_dir), CINESTRA_WORKERS="0",
               CINESTRA_RATE_LIMIT_PER_MINUTE="0", CINESTRA_DAILY_VIDEO_QUOTA="0")
    process = subprocess.Popen([sys.executable, "-m", "cinestra", "serve", "--port", str(port)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=1).is_success:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


async def hammer(client: httpx.AsyncClient, *, clients: int, requests: int, method: str,
                 path: str, keys: list[str], every_s: float = 0.0,
                 ) -> tuple[list[float], int, float]:
    """Each client sends `requests` requests one after the other (a new one as soon as the
    last is answered, or every `every_s` seconds, as a polling client does); all clients
    at once."""
    latencies: list[float] = []
    errors = 0

    async def one_client(key: str, first_s: float) -> None:
        nonlocal errors
        headers = {"Authorization": f"Bearer {key}"}
        await asyncio.sleep(first_s)  # polling clients do not start in step
        for number in range(requests):
            started = time.perf_counter()
            body = {"prompt": f"{PROMPT} {number}", "size": "360x640"}  # no two alike
            try:
                response = await client.request(method, path, headers=headers, json=(
                    body if method == "POST" else None))
                if not response.is_success:
                    errors += 1
                    FAILURES[f"{method} {path}: {response.status_code} {response.text[:200]}"] += 1
            except httpx.HTTPError as error:
                errors += 1
                FAILURES[f"{method} {path}: {error!r}"] += 1
            latencies.append(time.perf_counter() - started)
            await asyncio.sleep(max(0.0, every_s - latencies[-1]))

    started = time.perf_counter()
    await asyncio.gather(*(one_client(keys[number % len(keys)], every_s * number / clients)
                           for number in range(clients)))
    return latencies, errors, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def run(port: int, keys: list[str], clients: int, requests: int) -> None:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits,
                                 timeout=60) as client:
        for key in keys:  # 100 videos per user, so a list page is a real page
            for _ in range(5):  # 20 users x 5: each list is a full page
                await client.post("/v1/videos", headers={"Authorization": f"Bearer {key}"},
                                  json={"prompt": PROMPT, "size": "360x640"})
        print(f"{'endpoint':>16} {'load':>14} {'requests':>9} {'errors':>7} {'req/s':>8} "
              f"{'p50 ms':>8} {'p99 ms':>8} {'p99 vs baseline':>16}")
        baseline = 0.0
        for method, path, every_s in (
                ("GET", "/openapi.json", 0.0),  # baseline: the HTTP stack, no database
                ("GET", "/v1/videos", 0.0), ("POST", "/v1/videos", 0.0),
                ("GET", "/v1/videos", POLL_EVERY_S)):
            await hammer(client, clients=clients, requests=2, method=method, path=path,
                         keys=keys)  # warm-up: connections, threads, caches
            latencies, errors, wall = await hammer(client, clients=clients, requests=requests,
                                                   method=method, path=path, keys=keys,
                                                   every_s=every_s)
            p99 = percentile(latencies, 0.99)
            baseline = baseline or p99
            load = f"poll every {every_s:g} s" if every_s else "back to back"
            print(f"{method + ' ' + path:>16} {load:>14} {len(latencies):9d} {errors:7d} "
                  f"{len(latencies) / wall:8.1f} {1000 * statistics.median(latencies):8.1f} "
                  f"{1000 * p99:8.1f} {p99 / baseline:16.2f}")
    print(f"({clients} concurrent clients, {requests} requests each, SQLite, one uvicorn "
          "process, no worker pool; the client shares the server's cores)")
    for failure, count in FAILURES.most_common():
        print(f"error x{count}: {failure}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        with open_database(Settings(data_dir=data_dir)) as sessions, sessions.begin() as db:
            keys = [issue_api_key(session=db, user=add_user(session=db, name=f"user{number}"))
                    for number in range(20)]
        server = start_server(data_dir, args.port)
        try:
            asyncio.run(run(args.port, keys, args.clients, args.requests))
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main()
