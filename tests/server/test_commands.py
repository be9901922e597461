"""Operator commands: `cinestra user add|list|key` and `cinestra org add`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cinestra.cli import app
from cinestra.server.accounts import get_organisation, get_user, user_for_key
from cinestra.server.db.session import open_database
from tests.utils.server import server_settings


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CINESTRA_DATA_DIR", str(tmp_path))
    return tmp_path


def test_user_add_list_and_rotate(data_dir: Path) -> None:
    runner = CliRunner()
    added = runner.invoke(app, ["user", "add", "ana", "--admin", "--org", "school"])
    assert added.exit_code == 0, added.output
    key = added.stdout.strip()
    assert key.startswith("sk-cin-") and len(key) > 40
    assert runner.invoke(app, ["user", "add", "bo", "--moderator"]).exit_code == 0
    again = runner.invoke(app, ["user", "add", "ana"])
    assert again.exit_code == 2 and "already exists" in again.output
    listed = runner.invoke(app, ["user", "list"]).stdout.splitlines()
    assert listed[0].split("\t")[:2] == ["ana", "admin"] and key not in "\n".join(listed)
    assert listed[0].split("\t")[2] == key[:11] + "..."
    assert listed[1].split("\t")[:2] == ["bo", "moderator"]

    rotated = runner.invoke(app, ["user", "key", "ana"])
    assert rotated.exit_code == 0 and rotated.stdout.strip() != key
    with open_database(server_settings(data_dir)) as sessions, sessions() as session:
        assert user_for_key(session=session, key=key) is None  # the old key is revoked
        owner = user_for_key(session=session, key=rotated.stdout.strip())
        assert owner is not None and owner.name == "ana" and owner.is_admin
        school = get_organisation(session=session, name="school")
        assert school is not None and owner.organisation_id == school.id
    assert runner.invoke(app, ["user", "key", "nobody"]).exit_code == 2


def test_org_add_with_quota(data_dir: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["org", "add", "lab", "--daily-quota", "5"]).exit_code == 0
    assert runner.invoke(app, ["user", "add", "cy", "--org", "lab"]).exit_code == 0
    with open_database(server_settings(data_dir)) as sessions, sessions() as session:
        lab, cy = get_organisation(session=session, name="lab"), get_user(session=session,
                                                                          name="cy")
        assert lab is not None and lab.daily_video_quota == 5
        assert cy is not None and cy.organisation_id == lab.id
