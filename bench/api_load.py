"""Load on the API: 50 concurrent clients against a live `cinestra serve` on SQLite.

Starts the server in a subprocess with a fresh data dir and no worker pool (jobs stay
queued: this measures the API, not generation), then times `GET /v1/videos` (a page of 20
from a user's 100 videos) and `POST /v1/videos` (a job row: validation, prompt screening,
quota check, insert). Prints one row per endpoint: requests, errors, requests/s, p50 and
p99 latency. Client and server share this machine's cores.

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
from pathlib import Path

import httpx

from cinestra.config import Settings
from cinestra.server.accounts import add_user, issue_api_key
from cinestra.server.db.session import open_database

PROMPT = "a red ball bouncing on a wet floor"


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
                 path: str, keys: list[str]) -> tuple[list[float], int, float]:
    """Each client sends `requests` requests one after the other; all clients at once."""
    latencies: list[float] = []
    errors = 0

    async def one_client(key: str) -> None:
        nonlocal errors
        headers = {"Authorization": f"Bearer {key}"}
        for number in range(requests):
            started = time.perf_counter()
            body = {"prompt": f"{PROMPT} {number}", "size": "360x640"}  # no two alike
            try:
                response = await client.request(method, path, headers=headers, json=(
                    body if method == "POST" else None))
                errors += not response.is_success
            except httpx.HTTPError:
                errors += 1
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(one_client(keys[number % len(keys)]) for number in range(clients)))
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
        print(f"{'endpoint':>16} {'requests':>9} {'errors':>7} {'req/s':>8} {'p50 ms':>8} "
              f"{'p99 ms':>8}")
        for method, path in (("GET", "/v1/videos"), ("POST", "/v1/videos")):
            await hammer(client, clients=clients, requests=2, method=method, path=path,
                         keys=keys)  # warm-up: connections, threads, caches
            latencies, errors, wall = await hammer(client, clients=clients, requests=requests,
                                                   method=method, path=path, keys=keys)
            print(f"{method + ' ' + path:>16} {len(latencies):9d} {errors:7d} "
                  f"{len(latencies) / wall:8.1f} {1000 * statistics.median(latencies):8.1f} "
                  f"{1000 * percentile(latencies, 0.99):8.1f}")
    print(f"({clients} concurrent clients, {requests} requests each, SQLite, one uvicorn "
          "process, no worker pool)")


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
