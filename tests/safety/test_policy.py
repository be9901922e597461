"""The operator policy file (TOML through Settings.safety_policy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cinestra.errors import InvalidRequest
from cinestra.safety import load_policy, screen_prompt
from cinestra.safety.policy import DEFAULT_POLICY

POLICY = """
disabled = ["deceptive"]
nsfw_review = 0.3
nsfw_block = 0.7
estate_opt_outs = ["Victor Hugo"]

[thresholds."violence/graphic"]
review = 0.4
block = 0.9

[[people]]
name = "Jeanne Mairesse"
aliases = ["Mayor Mairesse"]

[organisations.school]
blocked_terms = ["water gun"]
"""


def test_defaults_without_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CINESTRA_SAFETY_POLICY", raising=False)
    assert load_policy() == DEFAULT_POLICY


def test_load_from_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(POLICY, encoding="utf-8")
    monkeypatch.setenv("CINESTRA_SAFETY_POLICY", str(path))
    policy = load_policy()
    assert policy.disabled == ["deceptive"]
    assert policy.nsfw_review == 0.3 and policy.nsfw_block == 0.7
    assert policy.limits("violence/graphic").block == 0.9
    assert policy.limits("sexual").block == 0.8  # default
    assert policy.organisations["school"].blocked_terms == ["water gun"]
    # the file is what screen_prompt uses when no policy is passed
    assert screen_prompt("Mayor Mairesse waving").decision == "block"
    assert screen_prompt("Victor Hugo writing at his desk").decision == "block"
    # a violent combination (0.8) is now under block (0.9) but over review (0.4)
    assert screen_prompt("a man stabs a woman with a knife").decision == "review"


@pytest.mark.parametrize(("text", "message"), [
    ("disabled = [", "not valid TOML"),
    ("unknown_key = 1", "unknown_key"),
    ('disabled = ["nonsense"]', "disabled"),
    ('[thresholds.sexual]\nreview = 0.9\nblock = 0.5', "must not exceed"),
])
def test_bad_files_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidRequest, match=message):
        load_policy(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidRequest, match="cannot read"):
        load_policy(tmp_path / "nope.toml")
