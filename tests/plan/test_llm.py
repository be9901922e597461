"""The optional LLM planner against a local fake OpenAI-compatible server: good answers are
used, broken ones fall back to the rule-based planner with a logged reason."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from cinestra.config import Settings
from cinestra.plan import make_storyboard, plan_storyboard

PROMPT = "a cat perched on the head of a figure skater doing a perfect pirouette"
SECONDS = Fraction(6)


@dataclass
class FakeChat:
    """What the fake endpoint answers next, and what it was asked."""

    status: int = 200
    body: Any = None  # JSON-serialisable response, or bytes sent as they are
    delay_s: float = 0.0
    requests: list[tuple[str, dict[str, str], dict[str, Any]]] = field(default_factory=list)


@pytest.fixture
def chat() -> Iterator[tuple[FakeChat, str]]:
    fake = FakeChat()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            fake.requests.append((self.path, dict(self.headers),
                                  json.loads(self.rfile.read(length))))
            time.sleep(fake.delay_s)
            data = fake.body if isinstance(fake.body, bytes) else json.dumps(fake.body).encode()
            self.send_response(fake.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake, f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def completion(content: str) -> dict[str, Any]:
    return {"id": "chatcmpl-1", "object": "chat.completion",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]}


def answer_json(**changes: Any) -> str:
    """A valid answer: the rule planner's shots with the camera orbiting (so the test can
    tell which planner wrote the result), then `changes` applied to the first shot."""
    board = json.loads(make_storyboard(PROMPT, seconds=SECONDS).model_dump_json())
    board["shots"][0]["camera"]["move"] = "orbit"
    board["shots"][0].update(changes)
    return json.dumps({key: board[key] for key in ("language", "shots", "unresolved")})


def settings_for(url: str, **extra: Any) -> Settings:
    return Settings(planner_url=url, planner_model="tiny", planner_api_key="sk-test",
                    planner_timeout_s=2.0, **extra)


def test_a_valid_answer_is_the_storyboard(chat: tuple[FakeChat, str]) -> None:
    fake, url = chat
    fake.body = completion("```json\n" + answer_json() + "\n```")
    board = plan_storyboard(PROMPT, seconds=SECONDS, seed=7, settings=settings_for(url))
    assert board.shots[0].camera.move == "orbit"
    assert (board.prompt, board.seconds, board.seed) == (PROMPT, SECONDS, 7)
    path, headers, body = fake.requests[0]
    assert path == "/v1/chat/completions"
    assert headers["Authorization"] == "Bearer sk-test"
    assert body["model"] == "tiny" and body["seed"] == 7
    system, user = body["messages"]
    assert "figure_skater" in system["content"] and '"shots"' in system["content"]
    assert json.loads(user["content"]) == {"prompt": PROMPT, "seconds": "6"}


@pytest.mark.parametrize(("name", "status", "body", "reason"), [
    ("not JSON", 200, completion("Sure! Here is your storyboard: a cat, a skater."),
     "does not fit"),
    ("unknown kind", 200, completion(answer_json(subjects=[
        {"id": "cat_1", "kind": "zorblax", "family": "quadruped", "count": 1,
         "words": "zorblax"}])), "does not fit"),
    ("durations", 200, completion(answer_json(duration="1")), "does not fit"),
    ("server error", 500, {"error": {"message": "overloaded"}}, "HTTP 500"),
    ("no choices", 200, {"object": "chat.completion", "choices": []}, "no choices"),
    ("garbage bytes", 200, b"\x00\xff not json", "not JSON"),
])
def test_a_broken_answer_falls_back_to_the_rule_planner(
        chat: tuple[FakeChat, str], caplog: pytest.LogCaptureFixture, name: str, status: int,
        body: Any, reason: str) -> None:
    fake, url = chat
    fake.status, fake.body = status, body
    with caplog.at_level(logging.WARNING, logger="cinestra.plan"):
        board = plan_storyboard(PROMPT, seconds=SECONDS, settings=settings_for(url))
    assert board == make_storyboard(PROMPT, seconds=SECONDS), name
    assert len(fake.requests) == 1
    messages = [record.getMessage() for record in caplog.records]
    assert any(reason in message and "rule-based planner" in message for message in messages)
    assert not any("sk-test" in message for message in messages)  # the key is never logged


def test_a_slow_endpoint_times_out_and_falls_back(chat: tuple[FakeChat, str]) -> None:
    fake, url = chat
    # A valid answer, but later than the timeout: only the rule planner's board proves the
    # client gave up (no wall-clock assertion).
    fake.body, fake.delay_s = completion(answer_json()), 1.5
    settings = settings_for(url).model_copy(update={"planner_timeout_s": 0.3})
    board = plan_storyboard(PROMPT, seconds=SECONDS, settings=settings)
    assert board == make_storyboard(PROMPT, seconds=SECONDS)
    assert len(fake.requests) == 1


def test_an_unreachable_endpoint_falls_back() -> None:
    board = plan_storyboard(PROMPT, seconds=SECONDS,
                            settings=settings_for("http://127.0.0.1:9/v1"))
    assert board == make_storyboard(PROMPT, seconds=SECONDS)


def test_without_a_url_nothing_is_asked(chat: tuple[FakeChat, str]) -> None:
    fake, _ = chat
    board = plan_storyboard(PROMPT, seconds=SECONDS, settings=Settings(planner_url=None))
    assert board == make_storyboard(PROMPT, seconds=SECONDS)
    assert fake.requests == []
