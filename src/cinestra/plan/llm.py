"""The optional LLM planner: an operator's OpenAI-compatible chat endpoint writes the shots.

When `CINESTRA_PLANNER_URL` is set, `plan_storyboard` sends the prompt, the catalog's names
and the JSON schema of the shots to `{url}/chat/completions` and validates the answer with
the Storyboard contract itself (catalog names, subject ids, durations that add up). Any
failure (network, HTTP status, timeout, no JSON, schema or catalog violation) is logged and
the rule-based planner plans instead, so a broken model can never break a generation.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.error
import urllib.request
from fractions import Fraction
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from cinestra.config import Settings, get_settings
from cinestra.errors import InvalidRequest
from cinestra.plan.catalog import load_catalog
from cinestra.plan.parser import make_storyboard
from cinestra.plan.storyboard import NAMED_DOMAINS, Shot, Storyboard

logger = logging.getLogger(__name__)

_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$")


class PlannerAnswer(BaseModel):
    """What the model writes; prompt, seconds and seed come from the request."""

    model_config = ConfigDict(extra="forbid")

    language: Literal["en", "fr"]
    shots: list[Shot]
    unresolved: list[str] = []


class PlannerFailed(Exception):
    """The endpoint's answer could not be used; the message says why."""


def plan_storyboard(prompt: str, *, seconds: Fraction, seed: int = 0,
                    settings: Settings | None = None) -> Storyboard:
    """The Storyboard for `prompt`: the operator's LLM planner's when one is configured and
    its answer validates, else the rule-based planner's."""
    settings = settings or get_settings()
    if settings.planner_url and prompt.strip() and seconds > 0:
        try:
            return ask_planner(prompt.strip(), seconds=Fraction(seconds), seed=seed,
                               settings=settings)
        except PlannerFailed as error:
            logger.warning("LLM planner at %s failed (%s); the rule-based planner plans",
                           settings.planner_url, error)
    return make_storyboard(prompt, seconds=Fraction(seconds), seed=seed)


def ask_planner(prompt: str, *, seconds: Fraction, seed: int,
                settings: Settings) -> Storyboard:
    """One round trip to the endpoint; raises PlannerFailed on anything unusable."""
    if not settings.planner_url:
        raise InvalidRequest("no planner URL is configured (CINESTRA_PLANNER_URL)")
    body = {
        "model": settings.planner_model,
        "temperature": 0,
        "seed": seed,
        "response_format": {"type": "json_object"},
        "messages": [{"role": "system", "content": instructions()},
                     {"role": "user", "content": json.dumps(
                         {"prompt": prompt, "seconds": str(seconds)}, ensure_ascii=False)}],
    }
    content = _content(_post(settings, body))
    try:
        answer = PlannerAnswer.model_validate_json(_FENCE.sub("", content.strip()))
        return Storyboard(prompt=prompt, seconds=seconds, seed=seed, language=answer.language,
                          shots=answer.shots, unresolved=answer.unresolved)
    except (ValidationError, ValueError) as error:
        raise PlannerFailed(f"answer does not fit the Storyboard contract: "
                            f"{_first_line(error)}") from error


def _post(settings: Settings, body: dict[str, Any]) -> Any:
    url = f"{(settings.planner_url or '').rstrip('/')}/chat/completions"
    headers = {"Content-Type": "application/json"}
    if settings.planner_api_key:
        headers["Authorization"] = f"Bearer {settings.planner_api_key}"
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers,
                                     method="POST")
    try:
        with urllib.request.urlopen(request, timeout=settings.planner_timeout_s) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        raise PlannerFailed(f"HTTP {error.code}") from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise PlannerFailed(f"no answer: {error}") from error
    except ValueError as error:  # JSONDecodeError, or bytes in no Unicode encoding
        raise PlannerFailed("the response is not JSON") from error


def _content(response: Any) -> str:
    try:
        content = response["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError) as error:
        raise PlannerFailed("no choices[0].message.content in the response") from error
    if not isinstance(content, str):
        raise PlannerFailed("the message content is not text")
    return content


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__


@cache
def instructions() -> str:
    """The system message: the task, the names the contract accepts (every domain it checks)
    and the answer's schema."""
    catalog = load_catalog()
    names = {domain: sorted(getattr(catalog, domain)) for domain in NAMED_DOMAINS}
    return (
        "You plan short videos. Read the user's prompt (English or French) and its length in "
        "seconds, and answer with one JSON object matching the schema below: the language, "
        "the shots in order (start at 0, durations as strings such as \"3\" or \"5/2\" that "
        "add up to the seconds), every subject the prompt names with a stable id such as "
        "\"cat_1\" reused across shots, actions, spatial relations, setting, camera, style "
        "and cues (dialogue lines with the speaker's subject id, music, sound effects). Use "
        "only these names for the named values:\n"
        + json.dumps(names, ensure_ascii=False)
        + "\nPut any word you could not map in \"unresolved\". Schema:\n"
        + json.dumps(PlannerAnswer.model_json_schema(), ensure_ascii=False)
    )
