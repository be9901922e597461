"""`cinestra screen` through the real Typer app."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cinestra.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def no_policy_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CINESTRA_SAFETY_POLICY", raising=False)


def test_json_shape_and_exit_code() -> None:
    result = runner.invoke(app, ["screen", "a n@k3d woman", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"decision", "categories", "scores", "reason"}
    assert data["decision"] == "block" and data["categories"] == ["sexual"]


def test_plain_output_and_cameo() -> None:
    allowed = runner.invoke(app, ["screen", "a parrot called Barack"])
    assert allowed.exit_code == 0 and allowed.stdout.startswith("allow:")
    blocked = runner.invoke(app, ["screen", "Barack Obama dancing"])
    assert blocked.exit_code == 0 and blocked.stdout.startswith("block:")
    cameo = runner.invoke(app, ["screen", "Barack Obama dancing", "--cameo", "Barack Obama"])
    assert cameo.stdout.startswith("allow:")


def test_errors_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert runner.invoke(app, ["screen", "  "]).exit_code == 2
    bad = tmp_path / "policy.toml"
    bad.write_text("disabled = [", encoding="utf-8")
    monkeypatch.setenv("CINESTRA_SAFETY_POLICY", str(bad))
    result = runner.invoke(app, ["screen", "a cat"])
    assert result.exit_code == 2


def test_docs_example_runs() -> None:
    """The ≤30-line example in docs/safety.md runs as written."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "safety.md").read_text("utf-8")
    example = re.search(r"```python\n(.*?)```", doc, re.DOTALL)
    assert example is not None
    code = example.group(1)
    assert len(code.splitlines()) <= 30
    exec(compile(code, "docs/safety.md", "exec"), {})
