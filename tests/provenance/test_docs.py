"""docs/provenance.md's example runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "provenance.md"


@pytest.mark.slow
def test_doc_example_runs() -> None:
    (code,) = re.findall(r"```python\n(.*?)```", DOC.read_text(), flags=re.S)
    assert len(code.splitlines()) <= 30
    exec(compile(code, str(DOC), "exec"), {})
