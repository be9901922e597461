"""Throwaway PostgreSQL and Redis servers for the scale test, from the Debian packages
(`make deps` installs them). PostgreSQL refuses to run as root, so as root it runs as
`nobody` in a folder that user owns."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis

from tests.utils.server import free_port, wait_for

POSTGRES_BINS = sorted(Path("/usr/lib/postgresql").glob("*/bin"))


def missing_services() -> list[str]:
    missing = [] if POSTGRES_BINS else ["postgresql (initdb, pg_ctl)"]
    return missing + ([] if shutil.which("redis-server") else ["redis-server"])


@contextmanager
def postgres_server() -> Iterator[str]:
    """A fresh cluster on a free port; yields its SQLAlchemy URL."""
    bins = POSTGRES_BINS[-1]
    root = Path(tempfile.mkdtemp(prefix="cinestra-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        os.chown(root, nobody.pw_uid, nobody.pw_gid)
        as_user = ["runuser", "-u", "nobody", "--"]
    data, port = root / "data", free_port()
    try:
        subprocess.run([*as_user, str(bins / "initdb"), "-D", str(data), "-U", "postgres",
                        "--auth=trust", "--no-sync", "-E", "UTF8"],
                       check=True, capture_output=True, cwd=root)
        subprocess.run([*as_user, str(bins / "pg_ctl"), "-D", str(data), "-l",
                        str(root / "postgres.log"), "-w", "-o",
                        f"-p {port} -h 127.0.0.1 -k {root} -c fsync=off", "start"],
                       check=True, capture_output=True, cwd=root)
        try:
            yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run([*as_user, str(bins / "pg_ctl"), "-D", str(data), "-m", "immediate",
                            "stop"], capture_output=True, cwd=root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def redis_server() -> Iterator[str]:
    """redis-server on a free port, nothing saved to disk; yields its URL."""
    port = free_port()
    process = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                                "--save", "", "--appendonly", "no"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)

        def answers() -> bool:
            try:
                return bool(client.ping())
            except redis.ConnectionError:
                return False

        wait_for(answers, timeout_s=20, what="redis-server")
        yield url
    finally:
        process.terminate()
        process.wait(10)
