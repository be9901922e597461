"""Blob storage: the local filesystem by default, S3-compatible object storage by URL.

Keys are relative paths ("videos/video_x/video.mp4"). Workers write to a temporary key
and `publish` moves it to its final key only once the whole file is there, so a reader
or a crash never sees half a file under a final key.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

from cinestra.config import Settings
from cinestra.errors import CinestraError

CHUNK = 1 << 20


class BlobMissing(CinestraError, FileNotFoundError):
    """No blob under this key."""


class BlobStore(Protocol):
    def put_file(self, key: str, path: Path) -> None: ...
    def publish(self, temp_key: str, key: str) -> None: ...
    def size(self, key: str) -> int: ...
    def read(self, key: str) -> Iterator[bytes]: ...
    def local_path(self, key: str) -> Path | None: ...
    def delete_prefix(self, prefix: str) -> None: ...
    def keys(self, prefix: str) -> list[str]: ...


def _check_key(key: str) -> str:
    parts = key.split("/")
    if not key or key.startswith("/") or any(part in ("", ".", "..") for part in parts):
        raise ValueError(f"blob key must be a relative path without '..', got {key!r}")
    return key


class LocalBlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / _check_key(key)

    def put_file(self, key: str, path: Path) -> None:
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)

    def publish(self, temp_key: str, key: str) -> None:
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self._path(temp_key), target)  # atomic on one filesystem

    def size(self, key: str) -> int:
        try:
            return self._path(key).stat().st_size
        except FileNotFoundError:
            raise BlobMissing(key) from None

    def read(self, key: str) -> Iterator[bytes]:
        try:
            handle = self._path(key).open("rb")
        except FileNotFoundError:
            raise BlobMissing(key) from None
        with handle:
            while chunk := handle.read(CHUNK):
                yield chunk

    def local_path(self, key: str) -> Path | None:
        return self._path(key)

    def delete_prefix(self, prefix: str) -> None:
        shutil.rmtree(self._path(prefix.rstrip("/")), ignore_errors=True)

    def keys(self, prefix: str) -> list[str]:
        folder = self._path(prefix.rstrip("/")) if prefix.strip("/") else self.root
        return sorted(str(path.relative_to(self.root)) for path in folder.rglob("*")
                      if path.is_file())


class S3BlobStore:
    """Any S3-compatible store (AWS, MinIO, Ceph...) through boto3 (the `scale` extra)."""

    def __init__(self, *, bucket: str, prefix: str, client: Any) -> None:
        self.bucket, self.prefix, self.client = bucket, prefix, client

    def _name(self, key: str) -> str:
        return self.prefix + _check_key(key)

    def put_file(self, key: str, path: Path) -> None:
        self.client.upload_file(str(path), self.bucket, self._name(key))

    def publish(self, temp_key: str, key: str) -> None:
        # S3 has no rename: copy (atomic for readers of the final key), then drop the temp.
        self.client.copy_object(Bucket=self.bucket, Key=self._name(key),
                                CopySource={"Bucket": self.bucket, "Key": self._name(temp_key)})
        self.client.delete_object(Bucket=self.bucket, Key=self._name(temp_key))

    def size(self, key: str) -> int:
        try:
            head = self.client.head_object(Bucket=self.bucket, Key=self._name(key))
        except self.client.exceptions.ClientError as error:
            raise BlobMissing(key) from error
        return int(head["ContentLength"])

    def read(self, key: str) -> Iterator[bytes]:
        try:
            body = self.client.get_object(Bucket=self.bucket, Key=self._name(key))["Body"]
        except self.client.exceptions.NoSuchKey:
            raise BlobMissing(key) from None
        try:
            yield from body.iter_chunks(CHUNK)
        finally:
            body.close()

    def local_path(self, key: str) -> Path | None:
        return None

    def delete_prefix(self, prefix: str) -> None:
        names = [{"Key": self._name(key)} for key in self.keys(prefix)]
        for start in range(0, len(names), 1000):
            self.client.delete_objects(Bucket=self.bucket,
                                       Delete={"Objects": names[start:start + 1000]})

    def keys(self, prefix: str) -> list[str]:
        found: list[str] = []
        folder = self._name(prefix.rstrip("/")) + "/" if prefix.strip("/") else self.prefix
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=folder)
        for page in pages:
            found += [item["Key"].removeprefix(self.prefix) for item in page.get("Contents", [])]
        return sorted(found)


def open_blob_store(settings: Settings) -> BlobStore:
    """The store `settings.blob_url` names: unset or file:///path → local; s3://bucket/prefix."""
    url = settings.blob_url
    if not url:
        return LocalBlobStore(settings.data_dir / "blobs")
    parts = urlsplit(url)
    if parts.scheme == "file":
        return LocalBlobStore(Path(parts.path))
    if parts.scheme != "s3" or not parts.netloc:
        raise CinestraError(f"blob_url: use file:///path or s3://bucket/prefix, got {url!r}")
    import boto3  # the `scale` extra; only S3 users need it

    query = {name: values[-1] for name, values in parse_qs(parts.query).items()}
    client = boto3.client("s3", endpoint_url=query.get("endpoint_url"),
                          region_name=query.get("region", "us-east-1"),
                          aws_access_key_id=settings.s3_access_key_id,
                          aws_secret_access_key=settings.s3_secret_access_key)
    prefix = parts.path.strip("/")
    return S3BlobStore(bucket=parts.netloc, prefix=f"{prefix}/" if prefix else "", client=client)
