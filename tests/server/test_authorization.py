"""No user reads, downloads, remixes or deletes another's video (queued drafts included);
API keys are scoped to their owner; every /v1 call needs a key; page forms need CSRF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cinestra.server.accounts import add_organisation, add_user, get_user, issue_api_key
from cinestra.server.api.app import create_app
from tests.server.conftest import Api
from tests.utils.server import PROMPT, make_user, server_settings

SMALL = {"prompt": PROMPT, "size": "360x640"}


def create(api: Api, headers: dict[str, str]) -> str:
    response = api.client.post("/v1/videos", json=SMALL, headers=headers)
    assert response.status_code == 200, response.text
    video_id: str = response.json()["id"]
    return video_id


def test_videos_are_invisible_to_other_users(api: Api) -> None:
    draft, done = create(api, api.alice), create(api, api.alice)
    api.finish(done)
    for video_id in (draft, done):
        for method, path in (("GET", f"/v1/videos/{video_id}"),
                             ("GET", f"/v1/videos/{video_id}/content"),
                             ("GET", f"/v1/videos/{video_id}/content?variant=thumbnail"),
                             ("DELETE", f"/v1/videos/{video_id}")):
            response = api.client.request(method, path, headers=api.bob)
            assert response.status_code == 404, (method, path, response.text)
            assert response.json()["error"]["code"] == "video_not_found"
        remix = api.client.post(f"/v1/videos/{video_id}/remix", json={"prompt": PROMPT},
                                headers=api.bob)
        assert remix.status_code == 404
        assert api.client.get("/v1/videos", params={"after": video_id},
                              headers=api.bob).json()["data"] == []
    assert api.client.get("/v1/videos", headers=api.bob).json()["data"] == []
    # The owner still has everything, untouched by bob's attempts.
    assert {v["id"] for v in api.client.get("/v1/videos", headers=api.alice).json()["data"]} == {
        draft, done}
    assert api.client.get(f"/v1/videos/{done}/content", headers=api.alice).content == (
        b"content of video.mp4")
    assert api.client.post(f"/v1/videos/{done}/remix", json={"prompt": PROMPT},
                           headers=api.alice).json()["remixed_from_video_id"] == done
    assert api.client.delete(f"/v1/videos/{draft}", headers=api.alice).json()["deleted"]


@pytest.mark.parametrize(("method", "path"), [
    ("POST", "/v1/videos"), ("GET", "/v1/videos"), ("GET", "/v1/videos/video_x"),
    ("DELETE", "/v1/videos/video_x"), ("GET", "/v1/videos/video_x/content"),
    ("POST", "/v1/videos/video_x/remix"),
])
def test_every_call_needs_a_valid_key(api: Api, method: str, path: str) -> None:
    for headers in ({}, {"Authorization": "Bearer sk-cin-not-a-key"},
                    {"Authorization": "Basic YWxpY2U6cGFzcw=="}):
        response = api.client.request(method, path, headers=headers, json=SMALL)
        assert response.status_code == 401, (headers, response.text)
        assert response.json()["error"]["code"] in ("missing_api_key", "invalid_api_key")


def test_a_rotated_key_stops_working(api: Api) -> None:
    with api.components.sessions.begin() as session:
        user = get_user(session=session, name="alice")
        assert user is not None
        new_key = issue_api_key(session=session, user=user)
    assert api.client.get("/v1/videos", headers=api.alice).status_code == 401
    assert api.client.get("/v1/videos",
                          headers={"Authorization": f"Bearer {new_key}"}).status_code == 200


def test_rate_limit_is_per_user(tmp_path: Path) -> None:
    settings = server_settings(tmp_path / "data", rate_limit_per_minute=3)
    alice, bob = make_user(settings, "alice"), make_user(settings, "bob")
    with TestClient(create_app(settings)) as client:
        statuses = [client.get("/v1/videos", headers={"Authorization": f"Bearer {alice}"}
                               ).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        refused = client.get("/v1/videos", headers={"Authorization": f"Bearer {alice}"})
        assert refused.json()["error"]["code"] == "rate_limit_exceeded"
        assert int(refused.headers["retry-after"]) >= 1
        assert client.get("/v1/videos",
                          headers={"Authorization": f"Bearer {bob}"}).status_code == 200


def test_daily_quota_per_user_and_organisation(api: Api) -> None:
    with api.components.sessions.begin() as session:
        team = add_organisation(session=session, name="school", daily_video_quota=2)
        keys = [issue_api_key(session=session, user=add_user(
            session=session, name=name, organisation=team)) for name in ("carol", "dave")]
        limited = add_user(session=session, name="erin")
        limited.daily_video_quota = 1
        erin = issue_api_key(session=session, user=limited)
    carol, dave = ({"Authorization": f"Bearer {key}"} for key in keys)
    assert api.client.post("/v1/videos", json=SMALL, headers=carol).status_code == 200
    assert api.client.post("/v1/videos", json=SMALL, headers=dave).status_code == 200
    refused = api.client.post("/v1/videos", json=SMALL, headers=carol)
    assert refused.status_code == 429 and "organisation 'school'" in refused.text
    assert refused.json()["error"]["code"] == "insufficient_quota"
    erin_headers = {"Authorization": f"Bearer {erin}"}
    assert api.client.post("/v1/videos", json=SMALL, headers=erin_headers).status_code == 200
    assert api.client.post("/v1/videos", json=SMALL, headers=erin_headers).status_code == 429


def _csrf(page: str) -> str:
    found = re.search(r"name='csrf_token' value='([^']+)'", page)
    assert found is not None, page
    return found.group(1)


def test_pages_log_in_with_csrf_and_issue_a_working_key(api: Api) -> None:
    settings = api.components.settings
    make_user(settings, "frank", password="correct horse battery")
    client: TestClient = api.client
    form = client.get("/login")
    forged = client.post("/login", data={"name": "frank", "password": "correct horse battery",
                                         "csrf_token": "guessed"})
    assert forged.status_code == 403 and forged.json()["error"]["code"] == "csrf_failed"
    wrong = client.post("/login", data={"name": "frank", "password": "wrong password!",
                                        "csrf_token": _csrf(form.text)})
    assert wrong.status_code == 401
    form = client.get("/login")
    account = client.post("/login", data={"name": "frank", "password": "correct horse battery",
                                          "csrf_token": _csrf(form.text)})
    assert account.status_code == 200 and "Account frank" in account.text
    assert client.post("/account/key", data={"csrf_token": "guessed"}).status_code == 403
    issued = client.post("/account/key", data={"csrf_token": _csrf(account.text)})
    key = re.search(r"<code>(sk-cin-[^<]+)</code>", issued.text)
    assert key is not None
    listed = client.get("/v1/videos", headers={"Authorization": f"Bearer {key.group(1)}"})
    assert listed.status_code == 200 and listed.json()["data"] == []
    # A session cookie is not an API credential: /v1 still needs the Bearer key.
    assert client.get("/v1/videos").status_code == 401
    assert client.get("/signup").status_code == 403  # closed unless allow_signup
