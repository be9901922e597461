"""The command line: bad input is one clear line, exit code 2, and no file left behind."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cinestra", *args], capture_output=True,
                          text=True, timeout=300, check=False)


def test_plan_json_is_a_storyboard() -> None:
    result = run_cli("plan", "trois balles rouges rebondissent, travelling avant", "--json")
    assert result.returncode == 0, result.stderr
    board = json.loads(result.stdout)
    (shot,) = board["shots"]
    assert shot["subjects"][0]["kind"] == "ball" and shot["subjects"][0]["count"] == 3
    assert shot["actions"][0]["verb"] == "bounce"
    assert shot["camera"]["move"] == "dolly_in"
    assert {"setting", "style", "cues"} <= set(shot)


def test_plan_is_deterministic() -> None:
    args = ("plan", "two boxes fall on a table at night, orbit", "--json", "--seed", "3")
    assert run_cli(*args).stdout == run_cli(*args).stdout


def test_plan_warns_about_unknown_words() -> None:
    result = run_cli("plan", "a ball and a zorblax")
    assert result.returncode == 0
    assert "zorblax" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("",), "prompt: must not be empty"),
        (("a ball", "--size", "123x45"), "size: unknown size '123x45'"),
        (("a ball", "--seconds", "2"), "seconds: must be between 4 and 60"),
        (("a ball", "--seconds", "61"), "seconds: must be between 4 and 60"),
        (("a ball", "--fps", "25"), "fps: must be 24 or 30"),
        (("a ball", "--engine", "sora"), "engine: unknown engine 'sora'"),
        (("a ball", "--engine", "wan"), "engine wan: no weights configured; set "
                                        "CINESTRA_WAN_WEIGHTS"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, args: tuple[str, ...],
                                          message: str) -> None:
    output = tmp_path / "out.mp4"
    result = run_cli("generate", *args, "-o", str(output))
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_missing_output_directory(tmp_path: Path) -> None:
    result = run_cli("generate", "a ball", "-o", str(tmp_path / "nope" / "out.mp4"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_directory() -> None:
    target = Path("/sys/cinestra-test.mp4")  # sysfs refuses new files, even to root
    result = run_cli("generate", "a ball", "-o", str(target))
    assert result.returncode == 2
    assert "not writable" in result.stderr
    assert not target.exists()


def test_refused_prompt_exits_3_and_writes_nothing(tmp_path: Path) -> None:
    output = tmp_path / "out.mp4"
    result = run_cli("generate", "a n4ked ch1ld on a bed", "-o", str(output))
    assert result.returncode == 3
    assert "error: blocked: " in result.stderr and "sexual/minors" in result.stderr
    assert list(tmp_path.iterdir()) == []
