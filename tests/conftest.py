"""Every test runs with its own data directory (keys, review queue), never the user's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    patch = pytest.MonkeyPatch()
    patch.setenv("CINESTRA_DATA_DIR", str(tmp_path_factory.mktemp("cinestra-data")))
    patch.delenv("CINESTRA_C2PA_CERT_CHAIN", raising=False)
    patch.delenv("CINESTRA_C2PA_PRIVATE_KEY", raising=False)
    patch.delenv("CINESTRA_VISIBLE_WATERMARK", raising=False)
    patch.delenv("CINESTRA_SAFETY_POLICY", raising=False)
    yield
    patch.undo()
