"""Factories for server tests: settings in a temporary data dir, users with keys, a live
`cinestra serve` subprocess, and waiting on conditions."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx

from cinestra.config import Settings
from cinestra.server.accounts import add_user, issue_api_key
from cinestra.server.db.session import open_database

T = TypeVar("T")
# Prompts made only of words the planner knows (an unknown word costs a 25 s catalog embed).
PROMPT = "a red ball bouncing on a wet floor"
BLOCKED_PROMPT = "a naked woman on the beach"  # tests/safety: blocked as "sexual"


def server_settings(data_dir: Path, **overrides: Any) -> Settings:
    """Test settings: no rate limit or quota unless asked, no workers unless asked."""
    values: dict[str, Any] = {"data_dir": data_dir, "workers": 0, "rate_limit_per_minute": 0,
                              "daily_video_quota": 0}
    values.update(overrides)
    return Settings(**values)


def make_user(settings: Settings, name: str, **options: Any) -> str:
    """A new user; returns its API key."""
    with open_database(settings) as sessions, sessions.begin() as session:
        user = add_user(session=session, name=name, **options)
        return issue_api_key(session=session, user=user)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for(check: Callable[[], T | None], *, timeout_s: float, what: str,
             every_s: float = 0.2) -> T:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(every_s)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")


def server_env(data_dir: Path, **values: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"CINESTRA_DATA_DIR": str(data_dir), "CINESTRA_RATE_LIMIT_PER_MINUTE": "0",
                "CINESTRA_DAILY_VIDEO_QUOTA": "0"})
    env.update({f"CINESTRA_{name.upper()}": value for name, value in values.items()})
    return env


@dataclass
class LiveServer:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def live_server(env: dict[str, str], log: Path, *, port: int | None = None,
                timeout_s: float = 60) -> Iterator[LiveServer]:
    """`cinestra serve` in a subprocess, ready to answer; stopped (or killed) afterwards."""
    port = port or free_port()
    with log.open("ab") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "cinestra", "-v", "serve", "--port", str(port)],
            env=env, stdout=sink, stderr=subprocess.STDOUT)
    server = LiveServer(process=process, port=port, log=log)
    try:
        def ready() -> bool:
            if process.poll() is not None:
                raise AssertionError(f"server exited: {log.read_text()[-3000:]}")
            try:
                return httpx.get(f"{server.base_url}/openapi.json", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        wait_for(ready, timeout_s=timeout_s, what="the server to answer")
        yield server
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def s3_endpoint() -> Iterator[str]:
    """An S3-compatible endpoint (moto's server, in this process) with a new bucket; yields
    the blob URL that points Cinestra at it (credentials: any, given as settings)."""
    import boto3
    from moto.server import ThreadedMotoServer

    bucket = f"cinestra-{secrets.token_hex(4)}"  # moto keeps buckets for the whole process
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    try:
        boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                     aws_access_key_id="test", aws_secret_access_key="test").create_bucket(
            Bucket=bucket)
        yield f"s3://{bucket}/media?endpoint_url={endpoint}&region=us-east-1"
    finally:
        server.stop()
